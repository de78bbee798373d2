// `kube-anywhere artifacts` lists exactly what the rendered Ignition configs and addon manifests
// reference: every image named in a static pod, containerd's sandbox image and every addon's
// containers is listed, and every listed image is named somewhere (both ways); the downloads are
// the URLs the rendered installer fetches.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import { renderAddons } from '../../../addons/index.js';
import { renderBootstrap } from '../../../bootstrap/index.js';
import { artifacts } from '../../../phases/artifacts.js';
import { bareMetalCluster, ignFile, ignFiles, tempDir } from '../bootstrap/fixtures.js';

const quiet = { onMessage: () => {} };

/** Every image the rendered cluster references, from the rendered files themselves. */
async function referencedImages(extra: Record<string, unknown>): Promise<{ images: string[]; installer: string }> {
  const c = bareMetalCluster(undefined, extra);
  const bundles = await renderBootstrap(c.config, c.inventory, c.paths, quiet);
  const images = new Set<string>();
  for (const b of bundles) {
    for (const f of ignFiles(b.full).filter((x) => x.path.startsWith('/etc/kubernetes/manifests/'))) {
      for (const ct of parseYaml(ignFile(b.full, f.path)!).spec.containers) images.add(ct.image);
    }
    images.add((parseToml(ignFile(b.full, '/etc/containerd/config.toml')!) as any).plugins['io.containerd.grpc.v1.cri'].sandbox_image);
  }
  const set = await renderAddons(c.config, c.inventory, c.paths);
  for (const a of set.addons) {
    for (const o of a.manifests as any[]) {
      const spec = o.spec?.template?.spec;
      for (const ct of [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])]) images.add(ct.image);
    }
  }
  return { images: [...images].sort(), installer: ignFile(bundles[0].full, '/opt/bin/kube-anywhere-install')! };
}

describe.each([
  ['flannel + coredns', {}],
  ['calico + kube-dns', { phase3: { cni: { plugin: 'calico' }, dns: { provider: 'kube-dns' } } }],
])('%s', (_label, extra) => {
  test('the images listed are exactly the images the rendered files name', async () => {
    const { images } = await referencedImages(extra);
    const listed = artifacts(bareMetalCluster(undefined, extra).config).images.map((i) => i.image).sort();
    expect(listed).toEqual(images);
  });
});

test('names, tags and downloads for the default release (literal values from upstream)', async () => {
  const c = bareMetalCluster(undefined, { phase2: { downloads: { baseUrl: 'http://10.0.0.3:8080/' } } });
  const a = artifacts(c.config);
  expect(a.kubernetesVersion).toBe('1.37.2');
  expect(Object.fromEntries(a.images.map((i) => [i.name, i.image]))).toEqual({
    // constants.go of k8s.io/kubernetes v1.37.2: DefaultEtcdVersion, PauseVersion, CoreDNSVersion
    etcd: 'registry.k8s.io/etcd:3.7.0-0',
    pause: 'registry.k8s.io/pause:3.10.2',
    coredns: 'registry.k8s.io/coredns/coredns:v1.14.6',
    'kube-apiserver': 'registry.k8s.io/kube-apiserver:v1.37.2',
    'kube-controller-manager': 'registry.k8s.io/kube-controller-manager:v1.37.2',
    'kube-scheduler': 'registry.k8s.io/kube-scheduler:v1.37.2',
    'kube-proxy': 'registry.k8s.io/kube-proxy:v1.37.2',
    // flannel v0.28.10 Documentation/kube-flannel.yml
    flannel: 'ghcr.io/flannel-io/flannel:v0.28.10',
    'flannel-cni-plugin': 'ghcr.io/flannel-io/flannel-cni-plugin:v1.9.1-flannel3',
  });
  const amd64 = a.downloads.filter((d) => d.arch === 'amd64');
  expect(amd64).toEqual([
    {
      name: 'kubelet', arch: 'amd64', sha256: null,
      url: 'https://dl.k8s.io/release/v1.37.2/bin/linux/amd64/kubelet',
      mirrorUrl: 'http://10.0.0.3:8080/dl.k8s.io/release/v1.37.2/bin/linux/amd64/kubelet',
      checksumUrl: 'http://10.0.0.3:8080/dl.k8s.io/release/v1.37.2/bin/linux/amd64/kubelet.sha256',
    },
    {
      name: 'cni-plugins', arch: 'amd64', sha256: null,
      url: 'https://github.com/containernetworking/plugins/releases/download/v1.9.1/cni-plugins-linux-amd64-v1.9.1.tgz',
      mirrorUrl: 'http://10.0.0.3:8080/github.com/containernetworking/plugins/releases/download/v1.9.1/cni-plugins-linux-amd64-v1.9.1.tgz',
      checksumUrl: 'http://10.0.0.3:8080/github.com/containernetworking/plugins/releases/download/v1.9.1/cni-plugins-linux-amd64-v1.9.1.tgz.sha256',
    },
    {
      name: 'crictl', arch: 'amd64', sha256: null,
      url: 'https://github.com/kubernetes-sigs/cri-tools/releases/download/v1.36.0/crictl-v1.36.0-linux-amd64.tar.gz',
      mirrorUrl: 'http://10.0.0.3:8080/github.com/kubernetes-sigs/cri-tools/releases/download/v1.36.0/crictl-v1.36.0-linux-amd64.tar.gz',
      checksumUrl: 'http://10.0.0.3:8080/github.com/kubernetes-sigs/cri-tools/releases/download/v1.36.0/crictl-v1.36.0-linux-amd64.tar.gz.sha256',
    },
  ]);
  expect(a.downloads.filter((d) => d.arch === 'arm64').map((d) => d.name)).toEqual(['kubelet', 'cni-plugins', 'crictl']);
});

test('the downloads listed are the ones the rendered installer fetches', async () => {
  const { installer } = await referencedImages({ phase2: { downloads: { baseUrl: 'http://10.0.0.3:8080' } } });
  const fetched = [...installer.matchAll(/^\[ \$need_\w+ = 0 \] \|\| fetch ([\w-]+) "([^"]+)"$/gm)].map((m) => [m[1], m[2].replace('$arch', 'amd64')]);
  const a = artifacts(bareMetalCluster(undefined, { phase2: { downloads: { baseUrl: 'http://10.0.0.3:8080' } } }).config);
  expect(fetched).toEqual(a.downloads.filter((d) => d.arch === 'amd64').map((d) => [d.name, d.mirrorUrl]));
});

test('the CLI: artifacts --output json for a config file', () => {
  const dir = tempDir('ka-artifacts-');
  const file = join(dir, 'c.json');
  writeFileSync(file, JSON.stringify({ name: 'k', kubernetesVersion: '1.35.4', phase3: { dns: { provider: 'kube-dns' } } }));
  const out = JSON.parse(execFileSync('node', ['dist/bin/kube-anywhere.js', 'artifacts', '--config', file, '--output', 'json'], { encoding: 'utf8' }));
  expect(Object.keys(out)).toEqual(['kubernetesVersion', 'downloads', 'images']);
  expect(out.kubernetesVersion).toBe('1.35.4');
  // constants.go of v1.35.4: etcd 3.6.6-0, pause 3.10.1; dependencies.yaml: cni 1.8.0, crictl 1.34.0
  const byName = Object.fromEntries(out.images.map((i: { name: string; image: string }) => [i.name, i.image]));
  expect(byName.etcd).toBe('registry.k8s.io/etcd:3.6.6-0');
  expect(byName.pause).toBe('registry.k8s.io/pause:3.10.1');
  expect(byName['kube-dns']).toBe('registry.k8s.io/dns/k8s-dns-kube-dns:1.26.4');
  expect(out.images.find((i: { name: string }) => i.name === 'sidecar').usedBy).toEqual(['addon/kube-dns']);
  expect(out.downloads.find((d: { name: string; arch: string }) => d.name === 'cni-plugins' && d.arch === 'amd64')).toEqual({
    name: 'cni-plugins', arch: 'amd64', sha256: null, mirrorUrl: null,
    url: 'https://github.com/containernetworking/plugins/releases/download/v1.8.0/cni-plugins-linux-amd64-v1.8.0.tgz',
    checksumUrl: 'https://github.com/containernetworking/plugins/releases/download/v1.8.0/cni-plugins-linux-amd64-v1.8.0.tgz.sha256',
  });
  expect(out.downloads.find((d: { name: string }) => d.name === 'crictl').url).toBe('https://github.com/kubernetes-sigs/cri-tools/releases/download/v1.34.0/crictl-v1.34.0-linux-amd64.tar.gz');
});
