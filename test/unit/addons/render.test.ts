// Phase 3 render: every addon of every CNI/DNS/proxy choice renders to files that validate against
// the Kubernetes API schema, and the config's values land where the cluster reads them.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import YAML from 'yaml';
import { renderAddons } from '../../../addons/index.js';
import { schemaProblems } from '../../../addons/schema.js';
import { API, find, objectsOf, rawConfig, testCluster, TOKEN } from './fixtures.js';

import { jest } from '@jest/globals';

jest.setTimeout(30000);

const b64 = (s: string) => Buffer.from(s, 'base64').toString();

const VARIANTS: [string, Record<string, unknown>][] = [
  ['flannel vxlan, coredns, iptables', {}],
  ['flannel host-gw, kube-dns, ipvs', { cni: { plugin: 'flannel', flannel: { backend: 'host-gw' } }, dns: { provider: 'kube-dns' }, kubeProxy: { mode: 'ipvs' } }],
  ['calico overlay vxlan', { cni: { plugin: 'calico' } }],
  ['calico overlay ipip', { cni: { plugin: 'calico', calico: { mode: 'overlay', encapsulation: 'ipip' } } }],
  ['calico routed BGP, policy off', { cni: { plugin: 'calico', calico: { mode: 'routed', asNumber: 4200000001, networkPolicy: false } } }],
];

describe.each(VARIANTS)('render: %s', (_label, phase3) => {
  const network = { podCidr: '10.32.0.0/13', serviceCidr: '10.100.0.0/16', dnsServiceIP: '10.100.0.53', dnsDomain: 'k8s.example.internal' };
  const c = testCluster(rawConfig(phase3, network));
  let set: Awaited<ReturnType<typeof renderAddons>>;
  let files: string[];
  beforeAll(async () => {
    set = await renderAddons(c.config, c.inventory, c.paths);
    files = readdirSync(c.paths.addons).sort();
  });

  test('one file per addon, NN-<addon>.yaml in apply order, CNI first', () => {
    expect(files).toEqual(set.addons.map((a) => `${String(a.order).padStart(2, '0')}-${a.name}.yaml`));
    const cni = c.config.phase3.cni.plugin;
    expect(files[0]).toBe(cni === 'flannel' ? '10-flannel.yaml' : '10-calico-crds.yaml');
    if (cni === 'calico') expect(files[1]).toBe('11-calico.yaml');
    expect(files).toContain('20-kube-proxy.yaml');
    expect(files).toContain(`30-${c.config.phase3.dns.provider}.yaml`);
    expect(files[files.length - 1]).toBe('40-node-bootstrap.yaml');
  });

  test('the files on disk validate against the Kubernetes API schema (kubernetes-models, CRD schemas)', async () => {
    const all = files.flatMap((f) => objectsOf(join(c.paths.addons, f)));
    expect(all.length).toBeGreaterThan(10);
    expect(await schemaProblems(all)).toEqual([]);
    // What is on disk is what render returned.
    expect(all).toEqual(set.addons.flatMap((a) => a.manifests));
  });

  test('files are 0600 in a 0700 directory (the token Secret is among them)', () => {
    expect(statSync(c.paths.addons).mode & 0o777).toBe(0o700);
    for (const f of files) expect(statSync(join(c.paths.addons, f)).mode & 0o777).toBe(0o600);
  });

  test('every object is labelled with its addon and managed-by', () => {
    for (const a of set.addons)
      for (const m of a.manifests as { metadata: { labels: Record<string, string> } }[]) {
        expect(m.metadata.labels['kube-anywhere.dev/addon']).toBe(a.name);
        expect(m.metadata.labels['app.kubernetes.io/managed-by']).toBe('kube-anywhere');
      }
  });

  test('workloads: pinned images, resource requests, priority classes, tolerations', () => {
    const all = set.addons.flatMap((a) => a.manifests) as any[];
    const workloads = all.filter((o) => o.kind === 'DaemonSet' || o.kind === 'Deployment');
    expect(workloads.length).toBeGreaterThanOrEqual(3);
    for (const w of workloads) {
      const pod = w.spec.template.spec;
      for (const ct of [...(pod.initContainers ?? []), ...pod.containers]) {
        expect(ct.image).toMatch(/^[a-z0-9.-]+(\/[a-z0-9._-]+)+:v?\d+\.\d+\.\d+[\w.-]*$/);
        if (!pod.initContainers?.includes(ct)) expect(ct.resources.requests.cpu).toBeDefined();
      }
      if (w.kind === 'DaemonSet') {
        expect(pod.priorityClassName).toBe('system-node-critical');
        // Runs on every node: tolerates every taint (masters carry control-plane:NoSchedule).
        expect(pod.tolerations).toContainEqual({ operator: 'Exists' });
      } else {
        expect(pod.priorityClassName).toBe('system-cluster-critical');
        expect(pod.tolerations).toContainEqual({ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' });
      }
    }
  });

  test('kube-proxy: clusterCIDR = pod CIDR, mode, and the real API endpoint with the pod token', () => {
    const objs = objectsOf(join(c.paths.addons, '20-kube-proxy.yaml'));
    const cm = find(objs, 'ConfigMap', 'kube-proxy');
    const conf = YAML.parse(cm.data['config.conf']);
    expect(conf).toMatchObject({ kind: 'KubeProxyConfiguration', clusterCIDR: '10.32.0.0/13', mode: c.config.phase3.kubeProxy.mode });
    const kc = YAML.parse(cm.data['kubeconfig.conf']);
    expect(conf.clientConnection.kubeconfig).toBe('/var/lib/kube-proxy/kubeconfig.conf');
    expect(kc.clusters[0].cluster.server).toBe(`https://${API.host}:${API.port}`);
    expect(kc.clusters[0].cluster['certificate-authority']).toBe('/var/run/secrets/kubernetes.io/serviceaccount/ca.crt');
    expect(kc.users[0].user.tokenFile).toBe('/var/run/secrets/kubernetes.io/serviceaccount/token');
    const ds = find(objs, 'DaemonSet', 'kube-proxy');
    expect(ds.spec.template.spec.containers[0].image).toBe(`registry.k8s.io/kube-proxy:v${c.config.kubernetesVersion}`);
    expect(find(objs, 'ClusterRoleBinding', 'kube-anywhere:node-proxier').roleRef.name).toBe('system:node-proxier');
  });

  test('cluster DNS: Service kube-dns at the DNS IP, the domain, replicas spread', () => {
    const provider = c.config.phase3.dns.provider;
    const objs = objectsOf(join(c.paths.addons, `30-${provider}.yaml`));
    const svc = find(objs, 'Service', 'kube-dns');
    expect(svc.spec.clusterIP).toBe('10.100.0.53');
    expect(svc.spec.ports.map((p: { port: number; protocol: string }) => `${p.port}/${p.protocol}`)).toEqual(expect.arrayContaining(['53/UDP', '53/TCP']));
    const dep = find(objs, 'Deployment', provider);
    expect(dep.spec.replicas).toBe(2);
    // One replica per node, kept so (a replica waits for a second node rather than doubling up):
    // minDomains with DoNotSchedule, per "Pod Topology Spread Constraints" (kubernetes.io).
    expect(dep.spec.template.spec.topologySpreadConstraints).toEqual([{
      maxSkew: 1, minDomains: 2, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule',
      labelSelector: { matchLabels: { 'k8s-app': 'kube-dns' } }, matchLabelKeys: ['pod-template-hash'],
    }]);
    expect(dep.spec.template.spec.affinity).toBeUndefined();
    expect(svc.spec.selector).toEqual(dep.spec.selector.matchLabels);
    if (provider === 'coredns') {
      expect(find(objs, 'ConfigMap', 'coredns').data.Corefile).toContain('kubernetes k8s.example.internal in-addr.arpa ip6.arpa {');
      expect(dep.spec.template.spec.containers[0].image).toBe('registry.k8s.io/coredns/coredns:v1.14.6') // kubeadm's CoreDNSVersion for 1.37 (constants.go v1.37.2);
    } else {
      expect(dep.spec.template.spec.containers[0].args).toContain('--domain=k8s.example.internal.');
    }
  });

  test('node bootstrap: the token Secret from pki/bootstrap-token, and the CSR / kubelet RBAC', () => {
    const objs = objectsOf(join(c.paths.addons, '40-node-bootstrap.yaml'));
    const [id, secret] = TOKEN.split('.');
    const s = find(objs, 'Secret', `bootstrap-token-${id}`);
    expect(s.metadata.namespace).toBe('kube-system');
    expect(s.type).toBe('bootstrap.kubernetes.io/token');
    expect(b64(s.data['token-id'])).toBe(id);
    expect(b64(s.data['token-secret'])).toBe(secret);
    expect(b64(s.data['usage-bootstrap-authentication'])).toBe('true');
    expect(b64(s.data['usage-bootstrap-signing'])).toBe('true');
    expect(b64(s.data['auth-extra-groups'])).toBe('system:bootstrappers:kube-anywhere');
    const binding = (name: string) => {
      const b = find(objs, 'ClusterRoleBinding', name);
      return { role: b.roleRef.name, subjects: b.subjects.map((x: { kind: string; name: string }) => `${x.kind}:${x.name}`) };
    };
    expect(binding('kube-anywhere:kubelet-bootstrap')).toEqual({ role: 'system:node-bootstrapper', subjects: ['Group:system:bootstrappers:kube-anywhere'] });
    expect(binding('kube-anywhere:node-autoapprove-bootstrap')).toEqual({
      role: 'system:certificates.k8s.io:certificatesigningrequests:nodeclient',
      subjects: ['Group:system:bootstrappers:kube-anywhere'],
    });
    expect(binding('kube-anywhere:node-autoapprove-certificate-rotation')).toEqual({
      role: 'system:certificates.k8s.io:certificatesigningrequests:selfnodeclient',
      subjects: ['Group:system:nodes'],
    });
    expect(binding('kube-anywhere:apiserver-kubelet-client')).toEqual({ role: 'system:kubelet-api-admin', subjects: ['User:kube-apiserver-kubelet-client'] });
  });
});

describe('render: CNI specifics', () => {
  test('flannel: net-conf.json holds the pod CIDR and backend; the CNI does not wait for service IPs', async () => {
    const c = testCluster(rawConfig({ cni: { plugin: 'flannel', flannel: { backend: 'host-gw' } } }, { podCidr: '172.20.0.0/14' }));
    await renderAddons(c.config, c.inventory, c.paths);
    const objs = objectsOf(join(c.paths.addons, '10-flannel.yaml'));
    const net = JSON.parse(find(objs, 'ConfigMap', 'kube-flannel-cfg').data['net-conf.json']);
    expect(net).toEqual({ Network: '172.20.0.0/14', EnableNFTables: false, Backend: { Type: 'host-gw' } });
    JSON.parse(find(objs, 'ConfigMap', 'kube-flannel-cfg').data['cni-conf.json']);
    const env = find(objs, 'DaemonSet', 'kube-flannel-ds').spec.template.spec.containers[0].env;
    expect(env).toContainEqual({ name: 'KUBERNETES_SERVICE_HOST', value: API.host });
    expect(env).toContainEqual({ name: 'KUBERNETES_SERVICE_PORT', value: String(API.port) });
  });

  const calico = async (calicoCfg: Record<string, unknown>) => {
    const c = testCluster(rawConfig({ cni: { plugin: 'calico', calico: calicoCfg } }, { podCidr: '10.48.0.0/16' }));
    await renderAddons(c.config, c.inventory, c.paths);
    const objs = objectsOf(join(c.paths.addons, '11-calico.yaml'));
    const node = find(objs, 'DaemonSet', 'calico-node').spec.template.spec.containers[0];
    return { objs, node, cfg: find(objs, 'ConfigMap', 'calico-config').data };
  };

  test('calico routed: BGP with the configured AS number, no encapsulation', async () => {
    const { objs, node, cfg } = await calico({ mode: 'routed', asNumber: 65123 });
    expect(find(objs, 'BGPConfiguration', 'default').spec).toMatchObject({ asNumber: 65123, nodeToNodeMeshEnabled: true });
    expect(find(objs, 'IPPool', 'default-ipv4-ippool').spec).toMatchObject({ cidr: '10.48.0.0/16', ipipMode: 'Never', vxlanMode: 'Never' });
    expect(cfg.calico_backend).toBe('bird');
    expect(node.readinessProbe.exec.command).toEqual(['/bin/calico-node', '-felix-ready', '-bird-ready']);
  });

  test('calico overlay ipip: IP-in-IP pool, BIRD and the AS number', async () => {
    const { objs, cfg } = await calico({ mode: 'overlay', encapsulation: 'ipip', asNumber: 64600 });
    expect(find(objs, 'IPPool', 'default-ipv4-ippool').spec).toMatchObject({ ipipMode: 'Always', vxlanMode: 'Never' });
    expect(find(objs, 'BGPConfiguration', 'default').spec.asNumber).toBe(64600);
    expect(cfg.calico_backend).toBe('bird');
  });

  test('calico overlay vxlan: VXLAN pool, no BGP at all', async () => {
    const { objs, node, cfg } = await calico({ mode: 'overlay', encapsulation: 'vxlan' });
    expect(find(objs, 'IPPool', 'default-ipv4-ippool').spec).toMatchObject({ ipipMode: 'Never', vxlanMode: 'Always' });
    expect(objs.some((o) => o.kind === 'BGPConfiguration')).toBe(false);
    expect(cfg.calico_backend).toBe('vxlan');
    expect(node.livenessProbe.exec.command).toEqual(['/bin/calico-node', '-felix-live']);
    JSON.parse(cfg.cni_network_config.replace('__CNI_MTU__', '1450'));
  });

  test('calico NetworkPolicy: enforced by default; off = an allow-all policy ordered before every NetworkPolicy', async () => {
    expect((await calico({})).objs.some((o) => o.kind === 'GlobalNetworkPolicy')).toBe(false);
    const gnp = find((await calico({ networkPolicy: false })).objs, 'GlobalNetworkPolicy', 'kube-anywhere-allow-all');
    expect(gnp.spec).toEqual({ tier: 'default', order: 0, selector: 'all()', types: ['Ingress', 'Egress'], ingress: [{ action: 'Allow' }], egress: [{ action: 'Allow' }] });
  });
});

describe('render: files', () => {
  test('a second render changes nothing; turning an addon off removes its file', async () => {
    const c = testCluster(rawConfig({}));
    await renderAddons(c.config, c.inventory, c.paths);
    const before = readdirSync(c.paths.addons).map((f) => [f, statSync(join(c.paths.addons, f)).mtimeMs, readFileSync(join(c.paths.addons, f), 'utf8')]);
    await new Promise((r) => setTimeout(r, 20));
    await renderAddons(c.config, c.inventory, c.paths);
    expect(readdirSync(c.paths.addons).map((f) => [f, statSync(join(c.paths.addons, f)).mtimeMs, readFileSync(join(c.paths.addons, f), 'utf8')])).toEqual(before);

    const calico = testCluster(rawConfig({ cni: { plugin: 'calico' }, dns: { provider: 'kube-dns' } }), undefined, c.dir);
    await renderAddons(calico.config, calico.inventory, calico.paths);
    expect(readdirSync(c.paths.addons).sort()).toEqual(['10-calico-crds.yaml', '11-calico.yaml', '20-kube-proxy.yaml', '30-kube-dns.yaml', '40-node-bootstrap.yaml']);
  });

  test('an IPv6 API endpoint is bracketed in kube-proxy\'s kubeconfig', async () => {
    const c = testCluster(rawConfig({}));
    await renderAddons(c.config, { ...c.inventory, apiEndpoint: { host: 'fd00::5', port: 443, provisional: false } }, c.paths);
    const cm = find(objectsOf(join(c.paths.addons, '20-kube-proxy.yaml')), 'ConfigMap', 'kube-proxy');
    expect(YAML.parse(cm.data['kubeconfig.conf']).clusters[0].cluster.server).toBe('https://[fd00::5]:443');
  });
});
