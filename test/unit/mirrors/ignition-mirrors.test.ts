// Air-gapped sites, phase 2: with phase2.downloads.baseUrl and phase2.images.mirrors set, no
// rendered Ignition config sends a node to an upstream host (dl.k8s.io, github.com, ghcr.io,
// quay.io, docker.io), except containerd's `server =` fallback lines; the hosts.toml files parse as
// TOML (smol-toml, an independent parser) and name the mirror. Also the three host settings.
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import { renderBootstrap } from '../../../bootstrap/index.js';
import type { NodeBundle } from '../../../lib/contracts.js';
import { bareMetalCluster, cloudCluster, ignFile, ignFiles, ignUnits, type Cluster } from '../bootstrap/fixtures.js';

const quiet = { onMessage: () => {} };
const render = (c: Cluster) => renderBootstrap(c.config, c.inventory, c.paths, quiet);
const MIRRORS = {
  'registry.k8s.io': 'http://10.0.0.3:5000/registry.k8s.io',
  'ghcr.io': 'http://10.0.0.3:5000/ghcr.io',
  'quay.io': 'https://mirror.example.internal',
  'docker.io': 'http://10.0.0.3:5000/docker.io',
};
const airGapped = { phase2: { downloads: { baseUrl: 'http://10.0.0.3:8080' }, images: { mirrors: MIRRORS } } };
const UPSTREAM_HOSTS = ['dl.k8s.io', 'github.com', 'ghcr.io', 'quay.io', 'docker.io'];
/** URLs in a line whose host is an upstream one (or a subdomain: registry-1.docker.io). */
const upstreamUrls = (line: string) =>
  [...line.matchAll(/https?:\/\/[^\s"'\]]+/g)].map((m) => m[0]).filter((u) => {
    const host = /^https?:\/\/(?:[^@/]*@)?([^/:?#]+)/.exec(u)![1].toLowerCase();
    return UPSTREAM_HOSTS.some((h) => host === h || host.endsWith(`.${h}`));
  });

/** Every text a node gets: file contents and unit contents, each with where it is. */
function texts(b: NodeBundle): [string, string][] {
  const files = ignFiles(b.full).map((f) => [f.path, ignFile(b.full, f.path)!] as [string, string]);
  const units = ignUnits(b.full).map((u) => [`unit ${u.name}`, u.contents ?? ''] as [string, string]);
  return [...files, ...units];
}

describe.each([
  ['cloud, dedicated etcd', () => cloudCluster(airGapped)],
  ['bare metal', () => bareMetalCluster(undefined, airGapped)],
])('%s with a download mirror and image mirrors', (_label, make) => {
  let bundles: NodeBundle[];
  beforeAll(async () => {
    bundles = await render(make());
  });

  test('no upstream URL outside hosts.toml server = lines', () => {
    expect(bundles.length).toBeGreaterThan(2);
    for (const b of bundles) {
      for (const [where, text] of texts(b)) {
        // Image references (registry.k8s.io/etcd:...) stay canonical names, not URLs: containerd maps them.
        const lines = text.split('\n').filter((l) => !(where.endsWith('/hosts.toml') && /^server = "https:\/\//.test(l)));
        expect([b.id, where, lines.flatMap(upstreamUrls)]).toEqual([b.id, where, []]);
      }
    }
  });

  test('the installer fetches from the mirror, in the <baseUrl>/<host>/<path> layout', () => {
    for (const b of bundles) {
      const s = ignFile(b.full, '/opt/bin/kube-anywhere-install')!;
      expect(s).toContain('"http://10.0.0.3:8080/dl.k8s.io/release/v1.37.2/bin/linux/$arch/kubelet"');
      expect(s).toContain('"http://10.0.0.3:8080/github.com/containernetworking/plugins/releases/download/v1.9.1/cni-plugins-linux-$arch-v1.9.1.tgz"');
      expect(s).toContain('"http://10.0.0.3:8080/github.com/kubernetes-sigs/cri-tools/releases/download/v1.36.0/crictl-v1.36.0-linux-$arch.tar.gz"');
    }
  });

  test('hosts.toml: one per registry, valid TOML, the mirror first and upstream as server', () => {
    for (const b of bundles) {
      const hosts = Object.fromEntries(
        ignFiles(b.full).filter((f) => f.path.startsWith('/etc/containerd/certs.d/')).map((f) => [f.path, parseToml(ignFile(b.full, f.path)!)]),
      );
      expect(hosts).toEqual({
        '/etc/containerd/certs.d/docker.io/hosts.toml': {
          server: 'https://registry-1.docker.io', // containerd docs/hosts.md: docker.io's registry endpoint
          host: { 'http://10.0.0.3:5000/v2/docker.io': { capabilities: ['pull', 'resolve'], override_path: true } },
        },
        '/etc/containerd/certs.d/ghcr.io/hosts.toml': {
          server: 'https://ghcr.io',
          host: { 'http://10.0.0.3:5000/v2/ghcr.io': { capabilities: ['pull', 'resolve'], override_path: true } },
        },
        '/etc/containerd/certs.d/quay.io/hosts.toml': {
          server: 'https://quay.io',
          host: { 'https://mirror.example.internal': { capabilities: ['pull', 'resolve'] } },
        },
        '/etc/containerd/certs.d/registry.k8s.io/hosts.toml': {
          server: 'https://registry.k8s.io',
          host: { 'http://10.0.0.3:5000/v2/registry.k8s.io': { capabilities: ['pull', 'resolve'], override_path: true } },
        },
      });
      const containerd = parseToml(ignFile(b.full, '/etc/containerd/config.toml')!) as any;
      expect(containerd.version).toBe(2);
      expect(containerd.plugins['io.containerd.grpc.v1.cri'].registry.config_path).toBe('/etc/containerd/certs.d');
      // Image names stay canonical: the sandbox image is still registry.k8s.io's.
      expect(containerd.plugins['io.containerd.grpc.v1.cri'].sandbox_image).toBe('registry.k8s.io/pause:3.10.2');
      expect(containerd.plugins['io.containerd.grpc.v1.cri'].restrict_oom_score_adj).toBeUndefined();
    }
  });
});

test('"*" mirrors every other registry (_default), and a private CA goes beside each hosts.toml', async () => {
  const ca = '-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n';
  const c = cloudCluster({ phase2: { images: { mirrors: { '*': 'https://mirror.example.internal:5000' }, caBundle: ca }, downloads: { baseUrl: 'https://files.example.internal', caBundle: ca } } });
  const w = (await render(c)).find((b) => b.id.startsWith('worker'))!;
  expect(parseToml(ignFile(w.full, '/etc/containerd/certs.d/_default/hosts.toml')!)).toEqual({
    host: { 'https://mirror.example.internal:5000': { capabilities: ['pull', 'resolve'], ca: '/etc/containerd/certs.d/_default/ca.crt' } },
  });
  expect(ignFile(w.full, '/etc/containerd/certs.d/_default/ca.crt')).toBe(ca);
  expect(ignFile(w.full, '/etc/kubernetes/downloads-ca.crt')).toBe(ca);
  expect(ignFile(w.full, '/opt/bin/kube-anywhere-install')).toContain('curl_opts+=(--cacert "$root/etc/kubernetes/downloads-ca.crt")');
});

test('no mirrors: no hosts.toml, containerd still reads certs.d, the installer has no CA option', async () => {
  const w = (await render(cloudCluster())).find((b) => b.id.startsWith('worker'))!;
  expect(ignFiles(w.full).filter((f) => f.path.startsWith('/etc/containerd/certs.d/'))).toEqual([]);
  expect((parseToml(ignFile(w.full, '/etc/containerd/config.toml')!) as any).plugins['io.containerd.grpc.v1.cri'].registry.config_path).toBe('/etc/containerd/certs.d');
  expect(ignFile(w.full, '/opt/bin/kube-anywhere-install')).not.toContain('--cacert');
  expect(parseYaml(ignFile(w.full, '/etc/kubernetes/kubelet.yaml')!).failCgroupV1).toBeUndefined();
  // Upstream's disk reclaim (the kubelet's own defaults) unless reclaimDisk is off.
  expect(parseYaml(ignFile(w.full, '/etc/kubernetes/kubelet.yaml')!).evictionHard).toBeUndefined();
});

test('host settings: reclaimDisk off -> no disk eviction, no image GC; memory eviction at the kubelet default 100Mi', async () => {
  const c = cloudCluster({ phase2: { kubelet: { reclaimDisk: false } } });
  for (const b of await render(c)) {
    const k = parseYaml(ignFile(b.full, '/etc/kubernetes/kubelet.yaml')!);
    // kind's disk settings for nodes that see their host's disk (its kubeadm config template), and
    // memory.available at the kubelet's own default, since a given map replaces every default.
    expect(k.evictionHard).toEqual({ 'memory.available': '100Mi', 'nodefs.available': '0%', 'nodefs.inodesFree': '0%', 'imagefs.available': '0%', 'imagefs.inodesFree': '0%' });
    expect(k.imageGCHighThresholdPercent).toBe(100);
  }
});

test('host settings: allowCgroupV1 -> failCgroupV1: false; restrictOomScoreAdj -> restrict_oom_score_adj', async () => {
  const c = cloudCluster({ phase2: { kubelet: { allowCgroupV1: true }, containerd: { restrictOomScoreAdj: true } } });
  for (const b of await render(c)) {
    expect(parseYaml(ignFile(b.full, '/etc/kubernetes/kubelet.yaml')!).failCgroupV1).toBe(false);
    // Directly in the CRI plugin's table: under .containerd it has no effect (measured, shared TESTBED notes).
    expect((parseToml(ignFile(b.full, '/etc/containerd/config.toml')!) as any).plugins['io.containerd.grpc.v1.cri'].restrict_oom_score_adj).toBe(true);
  }
});
