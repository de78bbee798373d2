// Validation rules, through checkConfig (the same code `kube-anywhere validate` runs).
import { checkConfig } from '../../../config-schema/load.js';
import { ConfigError, type ConfigProblem } from '../../../lib/errors.js';

const problemsOf = (raw: unknown): ConfigProblem[] => {
  try {
    return checkConfig('c.json', raw).warnings;
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
};
const errorPaths = (raw: unknown) => problemsOf(raw).filter((p) => p.severity === 'error').map((p) => p.path);

test('a minimal config gets every default', () => {
  const { config } = checkConfig('c.json', { name: 'k' });
  expect(config.kubernetesVersion).toBe('1.37.2'); // the newest patch of the newest supported minor (go list -m -versions k8s.io/kubernetes)
  expect(config.phase2.downloads).toEqual({ baseUrl: '', caBundle: '' });
  expect(config.phase2.images.mirrors).toEqual({});
  expect(config.phase2.images.etcdVersion).toBeUndefined();
  expect(config.phase2.kubelet.allowCgroupV1).toBe(false);
  expect(config.phase2.containerd.restrictOomScoreAdj).toBe(false);
  expect(config.phase3.kubeProxy.conntrackMaxPerCore).toBe(32768);
  expect(config.topology).toEqual({ masters: 1, etcd: { placement: 'colocated', count: 1 }, workers: 2 });
  expect(config.phase2.pki).toEqual({ keyAlgorithm: 'ecdsa-p256', certValidityHours: 17520, caValidityHours: 87600 });
  expect(config.phase3.cni.calico.asNumber).toBe(64511);
  expect(config.phase1.terraform.backend).toBe('local');
});

test('the four deployment shapes validate', () => {
  const shapes = [
    { name: 'single', topology: { workers: 0 } },
    { name: 'one', topology: { masters: 1, workers: 3 } },
    { name: 'ha', topology: { masters: 3, etcd: { count: 3 }, workers: 3 } },
    { name: 'hadedicated', topology: { masters: 3, etcd: { placement: 'dedicated', count: 5 }, workers: 3 } },
  ];
  for (const s of shapes) expect(errorPaths(s)).toEqual([]);
});

test('an unknown key names the nearest known key', () => {
  const [p] = problemsOf({ name: 'k', network: { podCIDR: '10.1.0.0/16' } });
  expect(p.path).toBe('network.podCIDR');
  expect(p.message).toContain('did you mean "podCidr"');
});

test('an even etcd count is refused with the failure-tolerance table', () => {
  const [p] = problemsOf({ name: 'k', topology: { masters: 1, etcd: { placement: 'dedicated', count: 4 } } });
  expect(p.path).toBe('topology.etcd.count');
  expect(p.message).toMatch(/members +majority +failures tolerated/);
  expect(p.message).toMatch(/ 5 +3 +2/);
});

test('overlapping ranges are errors; the Docker bridge is only a warning', () => {
  expect(errorPaths({ name: 'k', network: { serviceCidr: '10.0.128.0/20', dnsServiceIP: '10.0.128.10' } })).toEqual(['network.serviceCidr']);
  const warnings = problemsOf({ name: 'k', network: { podCidr: '172.16.0.0/12' } });
  expect(warnings).toEqual([expect.objectContaining({ path: 'network.podCidr', severity: 'warning', message: expect.stringContaining('Docker') })]);
});

test('the pod CIDR must hold a block per pod-running node, dedicated etcd nodes excluded', () => {
  const base = { name: 'k', network: { podCidr: '10.244.0.0/22', nodePodCidrMaskSize: 24 } }; // 4 blocks
  expect(errorPaths({ ...base, topology: { masters: 1, workers: 3, etcd: { placement: 'dedicated', count: 3 } } })).toEqual([]);
  expect(errorPaths({ ...base, topology: { masters: 1, workers: 4 } })).toEqual(['network.podCidr']);
});

test('the DNS service IP must be inside the service CIDR and not the API service IP', () => {
  expect(errorPaths({ name: 'k', network: { dnsServiceIP: '10.200.0.10' } })).toEqual(['network.dnsServiceIP']);
  expect(errorPaths({ name: 'k', network: { dnsServiceIP: '10.96.0.1' } })).toEqual(['network.dnsServiceIP']);
});

test('more than one master needs a load-balanced endpoint', () => {
  expect(errorPaths({ name: 'k', topology: { masters: 3, etcd: { count: 3 } }, phase1: { apiLoadBalancer: 'never' } })).toEqual(['phase1.apiLoadBalancer']);
});

test('the name must fit the chosen cloud\'s resource-name rules', () => {
  // 22 characters: fine for AWS (load balancer names up to 32 with "-api"), too long for an Azure storage account.
  const name = 'abcdefghijklmnopqrstuv';
  expect(errorPaths({ name })).toEqual([]);
  const azure = problemsOf({ name, phase1: { cloudProvider: 'azure', azure: { subscriptionId: '00000000-0000-0000-0000-000000000000' } } });
  expect(azure[0]).toMatchObject({ path: 'name', message: expect.stringContaining('storageAccount') });
});

test('bare-metal hosts: unique, inside the node CIDR, roles matching the topology', () => {
  const bm = (hosts: unknown[], topology: unknown = { masters: 1, workers: 1 }) => ({
    name: 'm', topology, phase1: { cloudProvider: 'baremetal', baremetal: { hosts } },
  });
  const ok = [
    { name: 'a', ip: '10.0.0.2', roles: ['master', 'etcd'] },
    { name: 'b', ip: '10.0.0.3', roles: ['worker'] },
  ];
  expect(errorPaths(bm(ok))).toEqual([]);
  expect(errorPaths(bm([ok[0], { ...ok[1], name: 'a' }]))).toEqual(['phase1.baremetal.hosts.1.name']);
  expect(errorPaths(bm([ok[0], { ...ok[1], ip: '10.0.0.2' }]))).toEqual(['phase1.baremetal.hosts.1.ip']);
  expect(errorPaths(bm([ok[0], { ...ok[1], ip: '192.168.1.3' }]))).toEqual(['phase1.baremetal.hosts.1.ip']);
  expect(errorPaths(bm(ok, { masters: 1, workers: 2 }))).toEqual(['phase1.baremetal.hosts']);
});

test('narrowing who reaches the API warns that the workers would be shut out', () => {
  const narrowed = problemsOf({ name: 'k', phase1: { aws: { allowedCidrs: { api: ['198.51.100.0/24'] } } } });
  expect(narrowed).toEqual([expect.objectContaining({ path: 'phase1.aws.allowedCidrs.api', severity: 'warning', message: expect.stringContaining('will not join') })]);
  expect(problemsOf({ name: 'k', topology: { workers: 0 }, phase1: { aws: { allowedCidrs: { api: ['198.51.100.0/24'] } } } })).toEqual([]);
});
