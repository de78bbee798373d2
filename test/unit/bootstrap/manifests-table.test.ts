// The static pods' wiring (bootstrap/manifests/render.ts), fast and literal: which node gets which
// pods, the ports, the etcd member list, the images, the TLS flags. Sources: kubernetes.io "Ports
// and Protocols" (API 6443, etcd client 2379 and peer 2380), kubeadm's etcd static pod (metrics and
// health on http://127.0.0.1:2381), etcd's configuration flags (--initial-cluster as
// name=peer-URL pairs joined by commas; --tls-min-version since 3.5), kubeadm's constants.go for
// the etcd tag of each release (v1.37.2: 3.7.0-0), registry.k8s.io image names.
import { auditPolicy, ETCD_METRICS_PORT, images, staticPods } from '../../../bootstrap/manifests/render.js';
import { checkConfig } from '../../../config-schema/load.js';
import type { Inventory } from '../../../lib/contracts.js';
import { fromYaml } from '../../../lib/yaml.js';

const config = (raw: Record<string, unknown> = {}) =>
  checkConfig('c.json', { name: 'demo', topology: { masters: 1, etcd: { placement: 'dedicated', count: 3 }, workers: 1 }, ...raw }).config;
const INV: Inventory = {
  cluster: 'demo',
  provider: 'baremetal',
  apiEndpoint: { host: 'api.demo.example.com', port: 6443, provisional: false },
  nodes: [
    { name: 'm0', roles: ['master'], privateIP: '10.0.0.10' },
    { name: 'e0', roles: ['etcd'], privateIP: '10.0.0.30' },
    { name: 'e1', roles: ['etcd'], privateIP: '10.0.1.30' },
    { name: 'e2', roles: ['etcd'], privateIP: '10.0.2.30' },
    { name: 'w0', roles: ['worker'], privateIP: '10.0.0.50' },
  ],
  workerPools: [],
};
const node = (name: string) => INV.nodes.find((n) => n.name === name)!;
const command = (pod: unknown): string[] => (pod as any).spec.containers[0].command;
const image = (pod: unknown): string => (pod as any).spec.containers[0].image;

test('which pods a node runs: etcd on members, the control plane on masters, etcd first on a colocated master, none on workers', () => {
  const c = config();
  expect(staticPods(c, INV, node('m0')).map((p) => p.file)).toEqual(['kube-apiserver.yaml', 'kube-controller-manager.yaml', 'kube-scheduler.yaml']);
  expect(staticPods(c, INV, node('e1')).map((p) => p.file)).toEqual(['etcd.yaml']);
  expect(staticPods(c, INV, node('w0'))).toEqual([]);
  const both = { name: 'c0', roles: ['master', 'etcd'] as never, privateIP: '10.0.0.10' };
  const pods = staticPods(config({ topology: { masters: 1, workers: 0 } }), { ...INV, nodes: [both] }, both);
  expect(pods.map((p) => [p.file, (p.pod as any).metadata.name])).toEqual([
    ['etcd.yaml', 'etcd'], ['kube-apiserver.yaml', 'kube-apiserver'], ['kube-controller-manager.yaml', 'kube-controller-manager'], ['kube-scheduler.yaml', 'kube-scheduler'],
  ]);
});

test('etcd: this member\'s URLs on 2379/2380, every member in --initial-cluster, metrics on 127.0.0.1:2381, TLS 1.2 floor', () => {
  expect(ETCD_METRICS_PORT).toBe(2381);
  const etcd = staticPods(config(), INV, node('e1'))[0].pod;
  const f = command(etcd);
  expect(f).toEqual(expect.arrayContaining([
    '--name=e1',
    '--listen-client-urls=https://10.0.1.30:2379',
    '--advertise-client-urls=https://10.0.1.30:2379',
    '--listen-peer-urls=https://10.0.1.30:2380',
    '--initial-advertise-peer-urls=https://10.0.1.30:2380',
    '--initial-cluster=e0=https://10.0.0.30:2380,e1=https://10.0.1.30:2380,e2=https://10.0.2.30:2380',
    '--initial-cluster-token=demo',
    '--listen-metrics-urls=http://127.0.0.1:2381',
    '--tls-min-version=TLS1.2',
  ]));
  expect((etcd as any).spec.containers[0].livenessProbe.httpGet).toEqual({ host: '127.0.0.1', path: '/health', port: 2381, scheme: 'HTTP' });
  expect(image(etcd)).toBe('registry.k8s.io/etcd:3.7.0-0');
  // etcd 3.4 refuses --tls-min-version: the flag follows the image's tag.
  const old = command(staticPods(config({ phase2: { images: { etcdVersion: '3.4.13-0' } } }), INV, node('e0'))[0].pod);
  expect(old.filter((x) => x.startsWith('--tls-min-version'))).toEqual([]);
  expect(old.filter((x) => x.startsWith('--cipher-suites='))).toHaveLength(1);
});

test('an IPv6 member address is bracketed in URLs (RFC 3986 host syntax)', () => {
  const inv = { ...INV, nodes: [{ name: 'm0', roles: ['master'] as never, privateIP: '10.0.0.10' }, { name: 'e0', roles: ['etcd'] as never, privateIP: 'fd00::30' }] };
  expect(command(staticPods(config(), inv, inv.nodes[1])[0].pod)).toContain('--initial-cluster=e0=https://[fd00::30]:2380');
  expect(command(staticPods(config(), inv, inv.nodes[0])[0].pod)).toContain('--etcd-servers=https://[fd00::30]:2379');
});

test('kube-apiserver: every etcd member as a client URL, the secure port 6443, this master\'s address, the images', () => {
  const c = config();
  const [api, cm, sched] = staticPods(c, INV, node('m0')).map((p) => p.pod);
  expect(command(api)).toEqual(expect.arrayContaining([
    '--etcd-servers=https://10.0.0.30:2379,https://10.0.1.30:2379,https://10.0.2.30:2379',
    '--secure-port=6443',
    '--advertise-address=10.0.0.10',
    '--tls-min-version=VersionTLS12',
  ]));
  expect(command(cm)).toContain('--tls-min-version=VersionTLS12');
  expect(command(sched)).toContain('--tls-min-version=VersionTLS12');
  expect([image(api), image(cm), image(sched)]).toEqual([
    'registry.k8s.io/kube-apiserver:v1.37.2', 'registry.k8s.io/kube-controller-manager:v1.37.2', 'registry.k8s.io/kube-scheduler:v1.37.2',
  ]);
});

test('the image table: the four control-plane images and the pause image of the release', () => {
  expect(images(config())).toEqual({
    etcd: 'registry.k8s.io/etcd:3.7.0-0',
    apiserver: 'registry.k8s.io/kube-apiserver:v1.37.2',
    controllerManager: 'registry.k8s.io/kube-controller-manager:v1.37.2',
    scheduler: 'registry.k8s.io/kube-scheduler:v1.37.2',
    pause: 'registry.k8s.io/pause:3.10.2',
  });
  expect(images(config({ kubernetesVersion: '1.35.4' }))).toEqual({
    etcd: 'registry.k8s.io/etcd:3.6.6-0',
    apiserver: 'registry.k8s.io/kube-apiserver:v1.35.4',
    controllerManager: 'registry.k8s.io/kube-controller-manager:v1.35.4',
    scheduler: 'registry.k8s.io/kube-scheduler:v1.35.4',
    pause: 'registry.k8s.io/pause:3.10.1',
  });
});

test('the audit policy is an audit.k8s.io/v1 Policy', () => {
  expect(fromYaml(auditPolicy())).toMatchObject({ apiVersion: 'audit.k8s.io/v1', kind: 'Policy' });
});
