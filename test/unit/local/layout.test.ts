// Where a local cluster's pieces go, and which settings the local target turns on for which host.
// Expected addresses are literals: the node range's first address is the host (gateway), then the
// load balancer, then the offline mirror; masters from .10 (the IP plan every target shares), workers
// from the worker subnet (10.0.128.0/17 of the default 10.0.0.0/16) at .10.
import { checkConfig } from '../../../config-schema/load.js';
import type { ClusterConfig } from '../../../config-schema/types.js';
import { clusterPaths } from '../../../lib/paths.js';
import { localEffectiveConfig } from '../../../providers/local/effective.js';
import { localLayout } from '../../../providers/local/layout.js';

const config = (raw: Record<string, any>): ClusterConfig =>
  checkConfig('test.json', { name: 'lc', ...raw, phase1: { cloudProvider: 'local', ...(raw.phase1 ?? {}) } }).config;
const paths = clusterPaths('/tmp/state', 'lc');
const HA = { topology: { masters: 3, etcd: { count: 3 }, workers: 1 } };

test('3 masters + 1 worker: bridge, host, load balancer, machines at their plan addresses', () => {
  const l = localLayout(config(HA), paths);
  expect(l.bridge).toMatch(/^ka-[0-9a-f]{8}$/);
  expect(l.hostIP).toBe('10.0.0.1');
  expect(l.prefix).toBe(16);
  expect(l.api).toEqual({ host: '10.0.0.2', port: 6443 });
  expect(l.loadBalancer?.ip).toBe('10.0.0.2');
  expect(l.mirror).toBeUndefined();
  expect(l.machines.map((m) => [m.name, m.ip, m.roles.join(','), m.bundleId, m.netns])).toEqual([
    ['lc-master-0', '10.0.0.10', 'master,etcd', 'lc-master-0', 'ka-lc-master-0'],
    ['lc-master-1', '10.0.0.11', 'master,etcd', 'lc-master-1', 'ka-lc-master-1'],
    ['lc-master-2', '10.0.0.12', 'master,etcd', 'lc-master-2', 'ka-lc-master-2'],
    ['lc-worker-0', '10.0.128.10', 'worker', 'worker', 'ka-lc-worker-0'],
  ]);
  // Interface names must fit the kernel's 15 bytes.
  for (const n of [l.bridge, l.loadBalancer!.hostVeth, ...l.machines.map((m) => m.hostVeth)]) expect(n.length).toBeLessThanOrEqual(15);
  expect(new Set(l.machines.map((m) => m.hostVeth)).size).toBe(4);
});

test('one master: no load balancer, the master is the endpoint; dedicated etcd machines are etcd only', () => {
  expect(localLayout(config({ topology: { masters: 1, etcd: { count: 1 }, workers: 0 } }), paths).api).toEqual({ host: '10.0.0.10', port: 6443 });
  const l = localLayout(config({ topology: { masters: 2, etcd: { placement: 'dedicated', count: 3 }, workers: 1 } }), paths);
  expect(l.machines.filter((m) => m.roles.join() === 'etcd').map((m) => m.name)).toEqual(['lc-etcd-0', 'lc-etcd-1', 'lc-etcd-2']);
  expect(l.machines.filter((m) => m.roles.join() === 'master').map((m) => m.name)).toEqual(['lc-master-0', 'lc-master-1']);
});

test('two clusters get different bridges and veths', () => {
  const a = localLayout(config(HA), paths);
  const b = localLayout(checkConfig('t.json', { name: 'other', ...HA, phase1: { cloudProvider: 'local' } }).config, clusterPaths('/tmp/state', 'other'));
  expect(a.bridge).not.toBe(b.bridge);
  expect(a.machines[0].hostVeth).not.toBe(b.machines[0].hostVeth);
});

const OLD_HOST = { cgroupV1: true, lacksSysResource: true };
const NEW_HOST = { cgroupV1: false, lacksSysResource: false };

test('the settings a host needs are turned on, each with a note; a cgroup v2 host with all capabilities needs only conntrack and the shared disk', () => {
  const c = config(HA);
  const old = localEffectiveConfig(c, localLayout(c, paths), OLD_HOST);
  expect(old.config.phase2.kubelet.allowCgroupV1).toBe(true);
  expect(old.config.phase2.containerd.restrictOomScoreAdj).toBe(true);
  expect(old.config.phase3.kubeProxy.conntrackMaxPerCore).toBe(0);
  expect(old.notes.map((n) => n.split(' = ')[0])).toEqual([
    'local target: phase2.kubelet.allowCgroupV1',
    'local target: phase2.containerd.restrictOomScoreAdj',
    'local target: phase2.kubelet.reclaimDisk',
    'local target: phase3.kubeProxy.conntrackMaxPerCore',
  ]);
  expect(old.config.phase2.kubelet.reclaimDisk).toBe(false);
  const fresh = localEffectiveConfig(c, localLayout(c, paths), NEW_HOST);
  expect(fresh.config.phase2.kubelet.allowCgroupV1).toBe(false);
  expect(fresh.config.phase2.containerd.restrictOomScoreAdj).toBe(false);
  expect(fresh.notes).toHaveLength(2);
  // The user's config object is not changed.
  expect(c.phase3.kubeProxy.conntrackMaxPerCore).toBe(32768);
});

test('offline: downloads and images from the mirror at 10.0.0.3, unless the config names its own', () => {
  const c = config({ ...HA, phase1: { local: { offline: true } } });
  const e = localEffectiveConfig(c, localLayout(c, paths), NEW_HOST).config;
  expect(e.phase2.downloads.baseUrl).toBe('http://10.0.0.3:8080');
  expect(e.phase2.images.mirrors).toEqual({
    'registry.k8s.io': 'http://10.0.0.3:5000/registry.k8s.io',
    'ghcr.io': 'http://10.0.0.3:5000/ghcr.io',
    'quay.io': 'http://10.0.0.3:5000/quay.io',
    'docker.io': 'http://10.0.0.3:5000/docker.io',
  });
  const own = config({ ...HA, phase1: { local: { offline: true } }, phase2: { downloads: { baseUrl: 'https://mirror.example/k8s' }, images: { mirrors: { 'docker.io': 'https://hub.example' } } } });
  const o = localEffectiveConfig(own, localLayout(own, paths), NEW_HOST).config;
  expect(o.phase2.downloads.baseUrl).toBe('https://mirror.example/k8s');
  expect(o.phase2.images.mirrors['docker.io']).toBe('https://hub.example');
  expect(o.phase2.images.mirrors['quay.io']).toBe('http://10.0.0.3:5000/quay.io');
});
