// The semantic checks (config-schema/semantic.ts) one at a time, fast and exact: each case starts
// from the defaulted config of {"name": "k"} (valid, no problem), changes one thing, and expects the
// complete list of problems, path, severity and message. The figures in the expectations are worked
// out by hand, not by the code under test: 10.244.0.0/22 holds four /24 blocks, a /30 four addresses,
// a /24 256; etcd's failure-tolerance table is etcd's FAQ ("Why an odd number of cluster members?":
// 1->1->0, 3->2->1, 5->3->2, 7->4->3); an AWS load balancer or target group name is at most 32
// characters (Elastic Load Balancing, "CreateLoadBalancer": Name); the supported releases are
// 1.35, 1.36 and 1.37 with newest patches 1.35.4, 1.36.3, 1.37.2 (`go list -m -versions
// k8s.io/kubernetes`, 2026-12-02); Docker's default bridge is 172.17.0.0/16 (docs.docker.com,
// "Bridge network driver").
import { checkConfig } from '../../../config-schema/load.js';
import { apiServiceIP, podNodeCount, SEMANTIC_CHECKS, semanticProblems } from '../../../config-schema/semantic.js';
import type { ClusterConfig } from '../../../config-schema/types.js';

type Patch = Record<string, unknown>;
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
function merge(base: Record<string, unknown>, patch: Patch): Record<string, unknown> {
  const out = { ...base };
  for (const [k, v] of Object.entries(patch)) out[k] = isObj(v) && isObj(base[k]) ? merge(base[k] as Record<string, unknown>, v) : v;
  return out;
}
// Built inside each test, never at load: a mutant that breaks the defaults then fails a test (at load
// time Stryker would count it as a runtime error, outside the score).
const defaults = () => checkConfig('c.json', { name: 'k' }).config;
/** The defaulted config with a patch merged in, bypassing the schema (semantic checks stand alone). */
const cfg = (patch: Patch = {}): ClusterConfig => merge(defaults() as never, patch) as never;
const problems = (patch: Patch = {}) => semanticProblems(cfg(patch));
const err = (path: string, message: string) => ({ path, message, severity: 'error' });
const warn = (path: string, message: string) => ({ path, message, severity: 'warning' });

const metal = (hosts: unknown[], topology: Patch, extra: Patch = {}): Patch => ({
  topology,
  network: { nodeCidr: '192.168.10.0/24' },
  phase1: { cloudProvider: 'baremetal', baremetal: { hosts, ...extra } },
});
const M0 = { name: 'm0', ip: '192.168.10.10', roles: ['master', 'etcd'] };
const W0 = { name: 'w0', ip: '192.168.10.20', roles: ['worker'] };

test('the defaults have no problem, and every check runs', () => {
  expect(problems()).toEqual([]);
  expect(SEMANTIC_CHECKS).toHaveLength(13);
});

test('the API service IP is the first address of the service range', () => {
  expect(apiServiceIP(cfg())).toBe('10.96.0.1');
  expect(apiServiceIP(cfg({ network: { serviceCidr: '172.30.0.0/16' } }))).toBe('172.30.0.1');
});

test('pod-running nodes: masters and workers on a cloud; on bare metal the hosts with a master or worker role', () => {
  expect(podNodeCount(cfg({ topology: { masters: 3, workers: 5 } }))).toBe(8);
  const hosts = [
    { name: 'm', ip: '192.168.10.10', roles: ['master'] },
    { name: 'w', ip: '192.168.10.20', roles: ['worker'] },
    { name: 'e', ip: '192.168.10.30', roles: ['etcd'] },
  ];
  expect(podNodeCount(cfg(metal(hosts, { masters: 1, workers: 1 })))).toBe(2);
  expect(podNodeCount(cfg(metal([hosts[2]], { masters: 0, workers: 0 })))).toBe(0);
  expect(podNodeCount(cfg(metal([hosts[1], hosts[1]], { masters: 0, workers: 2 })))).toBe(2);
  // On bare metal the hosts count, not the topology's numbers (validation compares those separately).
  expect(podNodeCount(cfg(metal(hosts, { masters: 3, workers: 5 })))).toBe(2);
});

test.each([
  ['node and pod', { nodeCidr: '10.0.0.0/16', podCidr: '10.0.128.0/17' }, [err('network.podCidr', '10.0.128.0/17 overlaps network.nodeCidr 10.0.0.0/16; node, pod and service ranges must be disjoint')]],
  ['node and service', { nodeCidr: '10.96.0.0/16', dnsServiceIP: '10.96.0.10' }, [err('network.serviceCidr', '10.96.0.0/12 overlaps network.nodeCidr 10.96.0.0/16; node, pod and service ranges must be disjoint')]],
  ['pod and service', { podCidr: '10.96.0.0/16' }, [err('network.serviceCidr', '10.96.0.0/12 overlaps network.podCidr 10.96.0.0/16; node, pod and service ranges must be disjoint')]],
  ['all three', { nodeCidr: '10.0.0.0/8', podCidr: '10.100.0.0/16', serviceCidr: '10.96.0.0/12' }, [
    err('network.podCidr', '10.100.0.0/16 overlaps network.nodeCidr 10.0.0.0/8; node, pod and service ranges must be disjoint'),
    err('network.serviceCidr', '10.96.0.0/12 overlaps network.nodeCidr 10.0.0.0/8; node, pod and service ranges must be disjoint'),
    err('network.serviceCidr', '10.96.0.0/12 overlaps network.podCidr 10.100.0.0/16; node, pod and service ranges must be disjoint'),
  ]],
])('overlapping ranges, %s: an error at the later range naming the earlier', (_l, network, want) => {
  expect(problems({ network })).toEqual(want);
});

const DOCKER = (path: string, cidr: string) => warn(path, `${cidr} overlaps Docker's default bridge 172.17.0.0/16; hosts running Docker may not reach those addresses`);
test.each([
  ['network.nodeCidr', { nodeCidr: '172.16.0.0/12' }, '172.16.0.0/12'],
  ['network.podCidr', { podCidr: '172.17.128.0/17' }, '172.17.128.0/17'],
  ['network.serviceCidr', { serviceCidr: '172.17.0.0/24', dnsServiceIP: '172.17.0.10' }, '172.17.0.0/24'],
])('Docker\'s bridge inside %s: a warning only', (path, network, cidr) => {
  expect(problems({ network })).toEqual([DOCKER(path, cidr)]);
  expect(problems({ network: { nodeCidr: '172.18.0.0/16' } })).toEqual([]); // next to the bridge, not on it
});

test('pod CIDR: the per-node block may not be larger than the range; the range must hold a block per pod-running node', () => {
  expect(problems({ network: { podCidr: '10.244.0.0/16', nodePodCidrMaskSize: 15 } })).toEqual([
    err('network.nodePodCidrMaskSize', '/15 blocks are larger than the pod CIDR 10.244.0.0/16; use a prefix length of at least 16'),
  ]);
  expect(problems({ network: { podCidr: '10.244.0.0/16', nodePodCidrMaskSize: 16 }, topology: { masters: 1, workers: 0 } })).toEqual([]); // one /16 block, one node
  // 10.244.0.0/22 holds four /24 blocks: four nodes fit, five do not.
  const small = { network: { podCidr: '10.244.0.0/22', nodePodCidrMaskSize: 24 } };
  expect(problems({ ...small, topology: { masters: 1, workers: 3 } })).toEqual([]);
  expect(problems({ ...small, topology: { masters: 1, workers: 4 } })).toEqual([
    err('network.podCidr', '10.244.0.0/22 holds 4 per-node /24 blocks but 5 nodes run pods; use a larger pod CIDR or a longer network.nodePodCidrMaskSize'),
  ]);
  expect(problems({ ...small, topology: { masters: 3, etcd: { count: 3 }, workers: 2 } })).toEqual([
    err('network.podCidr', '10.244.0.0/22 holds 4 per-node /24 blocks but 5 nodes run pods; use a larger pod CIDR or a longer network.nodePodCidrMaskSize'),
  ]);
  // Dedicated etcd members run no pods.
  expect(problems({ ...small, topology: { masters: 1, etcd: { placement: 'dedicated', count: 3 }, workers: 3 } })).toEqual([]);
});

test('service CIDR: at least four addresses; the DNS IP inside, neither the API IP nor the network address', () => {
  expect(problems({ network: { serviceCidr: '10.96.0.0/30', dnsServiceIP: '10.96.0.2' } })).toEqual([]);
  expect(problems({ network: { serviceCidr: '10.96.0.0/31', dnsServiceIP: '10.96.0.1' } })).toEqual([
    err('network.serviceCidr', '10.96.0.0/31 is too small to hold the API service IP and the DNS service IP'),
  ]);
  expect(problems({ network: { dnsServiceIP: '10.200.0.10' } })).toEqual([err('network.dnsServiceIP', '10.200.0.10 is outside network.serviceCidr 10.96.0.0/12')]);
  expect(problems({ network: { dnsServiceIP: '10.96.0.1' } })).toEqual([
    err('network.dnsServiceIP', '10.96.0.1 is the kubernetes API service IP (the first address of 10.96.0.0/12); pick another, such as 10.96.0.10'),
  ]);
  expect(problems({ network: { dnsServiceIP: '10.96.0.0' } })).toEqual([
    err('network.dnsServiceIP', '10.96.0.0 is the network address of 10.96.0.0/12; pick another, such as 10.96.0.10'),
  ]);
  expect(problems({ network: { serviceCidr: '10.100.0.0/16', dnsServiceIP: '10.100.0.0' } })).toEqual([
    err('network.dnsServiceIP', '10.100.0.0 is the network address of 10.100.0.0/16; pick another, such as 10.100.0.10'),
  ]);
  expect(problems({ network: { serviceCidr: '10.100.0.0/16', dnsServiceIP: '10.100.0.2' } })).toEqual([]);
});

const TOLERANCE = [
  'etcd needs a majority of its members up; an even count tolerates no more failures than one member fewer:',
  '  members  majority  failures tolerated',
  '        1         1                   0',
  '        3         2                   1',
  '        5         3                   2',
  '        7         4                   3',
].join('\n');

test('etcd: an even member count is refused with the failure-tolerance table; odd counts pass', () => {
  expect(problems({ topology: { masters: 1, etcd: { placement: 'dedicated', count: 2 } } })).toEqual([
    err('topology.etcd.count', `2 members: the count must be odd (1, 3, 5 or 7).\n${TOLERANCE}`),
  ]);
  for (const count of [1, 3, 5]) expect(problems({ topology: { masters: 1, etcd: { placement: 'dedicated', count } } })).toEqual([]);
});

test('colocated etcd: one member per master, exactly', () => {
  expect(problems({ topology: { masters: 1, etcd: { placement: 'colocated', count: 3 } } })).toEqual([
    err('topology.etcd.count', 'is 3, but colocated etcd runs one member on each of the 1 master(s); set it to 1, or topology.etcd.placement to "dedicated"'),
  ]);
  expect(problems({ topology: { masters: 3, etcd: { placement: 'colocated', count: 3 } } })).toEqual([]);
  expect(problems({ topology: { masters: 3, etcd: { placement: 'dedicated', count: 1 } } })).toEqual([]);
});

test('several masters on a cloud need a load-balanced endpoint; one master does not', () => {
  const ha = { topology: { masters: 2, etcd: { placement: 'dedicated', count: 3 } } };
  expect(problems({ ...ha, phase1: { apiLoadBalancer: 'never' } })).toEqual([
    err('phase1.apiLoadBalancer', 'is "never", but 2 masters need a load-balanced API endpoint; use "auto" or "always", or 1 master'),
  ]);
  expect(problems({ ...ha, phase1: { apiLoadBalancer: 'auto' } })).toEqual([]);
  expect(problems({ ...ha, phase1: { apiLoadBalancer: 'always' } })).toEqual([]);
  expect(problems({ phase1: { apiLoadBalancer: 'never' } })).toEqual([]);
});

test('bare metal with several masters: the API endpoint may be unset or a VIP, never one master\'s address', () => {
  const hosts = [0, 1, 2].map((i) => ({ name: `m${i}`, ip: `192.168.10.1${i}`, roles: ['master', 'etcd'] }));
  const w = { name: 'w0', ip: '192.168.10.20', roles: ['worker'] };
  const top = { masters: 3, etcd: { count: 3 }, workers: 1 };
  const at = (apiEndpoint: string) => problems(metal([...hosts, w], top, { apiEndpoint }));
  expect(at('')).toEqual([]);
  expect(at('192.168.10.5:6443')).toEqual([]);
  expect(at('192.168.10.20:6443')).toEqual([]); // a worker's address: not a master's (odd, but not this check's business)
  const onMaster = (ep: string, name: string) => [err('phase1.baremetal.apiEndpoint', `${ep} is the address of master ${name}; with 3 masters the endpoint must be a load balancer or VIP in front of all of them (or leave it unset: the admin kubeconfig then names the first master)`)];
  expect(at('192.168.10.11:6443')).toEqual(onMaster('192.168.10.11:6443', 'm1'));
  expect(at('192.168.10.12')).toEqual(onMaster('192.168.10.12', 'm2'));
  expect(at('192.168.10.10:443')).toEqual(onMaster('192.168.10.10:443', 'm0'));
  expect(at('192.168.10.1:6443')).toEqual([]); // a prefix of m0's address is not m0
  // One master: its own address is the endpoint.
  expect(problems(metal([M0, W0], { masters: 1, workers: 1 }, { apiEndpoint: '192.168.10.10:6443' }))).toEqual([]);
});

test('the name must fit every resource name the cloud derives from it; bare metal names nothing', () => {
  // 30 characters: "<name>-api" is 34, over the 32 of an AWS load balancer and target group, and "<name>-ignition-"
  // 40, over the 37 of an S3 bucket_prefix (63 for a bucket name, less the 26 characters terraform appends).
  const name = 'abcdefghijklmnopqrstuvwxyz0123';
  expect(problems({ name })).toEqual([
    err('name', `"${name}" gives the aws loadBalancer name "${name}-api" of 34 characters; at most 32 are allowed; choose a shorter name`),
    err('name', `"${name}" gives the aws targetGroup name "${name}-api" of 34 characters; at most 32 are allowed; choose a shorter name`),
    err('name', `"${name}" gives the aws ignitionBucketPrefix name "${name}-ignition-" of 40 characters; at most 37 are allowed; choose a shorter name`),
  ]);
  expect(problems({ name: 'abcdefghijklmnopqrstuvwxyz0' })).toEqual([]); // 27: "-api" 31, "-ignition-" 37
  expect(problems({ name, ...metal([M0, W0], { masters: 1, workers: 1 }) })).toEqual([]);
});

test('a cloud\'s required settings: the GCP project, the Azure subscription, the remote backend\'s bucket or account', () => {
  expect(problems({ phase1: { cloudProvider: 'gcp' } })).toEqual([err('phase1.gcp.project', 'is required when phase1.cloudProvider is "gcp"')]);
  expect(problems({ phase1: { cloudProvider: 'gcp', gcp: { project: 'p' } } })).toEqual([]);
  expect(problems({ phase1: { cloudProvider: 'azure' } })).toEqual([err('phase1.azure.subscriptionId', 'is required when phase1.cloudProvider is "azure"')]);
  expect(problems({ phase1: { cloudProvider: 'azure', azure: { subscriptionId: 's' } } })).toEqual([]);
  expect(problems({ phase1: { terraform: { backend: 's3' } } })).toEqual([err('phase1.terraform.s3.bucket', 'is required when phase1.terraform.backend is "s3"')]);
  expect(problems({ phase1: { terraform: { backend: 's3', s3: { bucket: 'b' } } } })).toEqual([]);
  expect(problems({ phase1: { cloudProvider: 'gcp', gcp: { project: 'p' }, terraform: { backend: 'gcs' } } })).toEqual([err('phase1.terraform.gcs.bucket', 'is required when phase1.terraform.backend is "gcs"')]);
  expect(problems({ phase1: { terraform: { backend: 'gcs', gcs: { bucket: 'b' } } } })).toEqual([]);
  expect(problems({ phase1: { terraform: { backend: 'azurerm' } } })).toEqual([
    err('phase1.terraform.azurerm.resourceGroupName', 'is required when phase1.terraform.backend is "azurerm"'),
    err('phase1.terraform.azurerm.storageAccountName', 'is required when phase1.terraform.backend is "azurerm"'),
  ]);
  expect(problems({ phase1: { terraform: { backend: 'azurerm', azurerm: { resourceGroupName: 'g' } } } })).toEqual([
    err('phase1.terraform.azurerm.storageAccountName', 'is required when phase1.terraform.backend is "azurerm"'),
  ]);
  expect(problems({ phase1: { terraform: { backend: 'azurerm', azurerm: { resourceGroupName: 'g', storageAccountName: 's' } } } })).toEqual([]);
  // No terraform on bare metal or the local target: a backend setting left there is not asked for.
  expect(problems({ ...metal([M0, W0], { masters: 1, workers: 1 }), phase1: { cloudProvider: 'baremetal', baremetal: { hosts: [M0, W0] }, terraform: { backend: 's3' } } })).toEqual([]);
  expect(problems({ phase1: { cloudProvider: 'local', terraform: { backend: 's3' } } })).toEqual([]);
});

test('cloud node CIDR: at least a /24, with room for every machine plus 64 addresses the clouds keep', () => {
  expect(problems({ network: { nodeCidr: '10.0.0.0/25' } })).toEqual([
    err('network.nodeCidr', '10.0.0.0/25 is smaller than a /24; a cloud cluster needs at least a /24 (control-plane and worker subnets per zone)'),
  ]);
  // A /24 has 256 addresses: 192 machines + 64 fit, 193 do not.
  expect(problems({ network: { nodeCidr: '10.0.0.0/24' }, topology: { masters: 1, workers: 191 } })).toEqual([]);
  expect(problems({ network: { nodeCidr: '10.0.0.0/24' }, topology: { masters: 1, workers: 192 } })).toEqual([
    err('network.nodeCidr', '10.0.0.0/24 has 256 addresses, too few for 193 machines plus the addresses the cloud reserves'),
  ]);
  // Dedicated etcd members are machines too.
  expect(problems({ network: { nodeCidr: '10.0.0.0/24' }, topology: { masters: 1, etcd: { placement: 'dedicated', count: 3 }, workers: 189 } })).toEqual([
    err('network.nodeCidr', '10.0.0.0/24 has 256 addresses, too few for 193 machines plus the addresses the cloud reserves'),
  ]);
  expect(problems({ network: { nodeCidr: '10.0.0.0/24' }, topology: { masters: 1, etcd: { placement: 'dedicated', count: 3 }, workers: 188 } })).toEqual([]);
  // Bare metal: the hosts' own subnet, any size.
  const tiny = { name: 'm0', ip: '192.168.10.2', roles: ['master', 'etcd'] };
  expect(problems({ ...metal([tiny], { masters: 1, workers: 0 }), network: { nodeCidr: '192.168.10.0/30' } })).toEqual([]);
});

test('bare-metal hosts: at least one; unique names and addresses inside the node CIDR; roles matching the placement and the topology', () => {
  const top = { masters: 1, workers: 1 };
  expect(problems(metal([M0, W0], top))).toEqual([]);
  expect(problems(metal([], { masters: 1, workers: 0 }))).toEqual([err('phase1.baremetal.hosts', 'lists no hosts; bare metal needs at least one host with the master role')]);
  expect(problems(metal([M0, W0, { ...W0, ip: '192.168.10.21' }], { masters: 1, workers: 2 }))).toEqual([
    err('phase1.baremetal.hosts.2.name', '"w0" is also the name of hosts.1; host names must be unique'),
  ]);
  expect(problems(metal([M0, W0, { ...W0, name: 'w1', ip: '192.168.10.10' }], { masters: 1, workers: 2 }))).toEqual([
    err('phase1.baremetal.hosts.2.ip', '192.168.10.10 is also the address of hosts.0; host IPs must be unique'),
  ]);
  expect(problems(metal([M0, { ...W0, ip: '192.168.11.20' }], top))).toEqual([err('phase1.baremetal.hosts.1.ip', '192.168.11.20 is outside network.nodeCidr 192.168.10.0/24')]);
  const dedicated = { masters: 1, etcd: { placement: 'dedicated', count: 1 }, workers: 1 };
  const m = { name: 'm0', ip: '192.168.10.10', roles: ['master'] };
  expect(problems(metal([m, { name: 'e0', ip: '192.168.10.30', roles: ['etcd'] }, W0], dedicated))).toEqual([]);
  expect(problems(metal([m, { name: 'e0', ip: '192.168.10.30', roles: ['etcd', 'worker'] }], dedicated))).toEqual([
    err('phase1.baremetal.hosts.1.roles', '["etcd","worker"]: with dedicated etcd placement an etcd host has the etcd role only'),
  ]);
  expect(problems(metal([{ name: 'm0', ip: '192.168.10.10', roles: ['master'] }, W0], top))).toEqual([
    err('phase1.baremetal.hosts.0.roles', '["master"]: with colocated etcd every master is also an etcd member and only masters are; list "master" and "etcd" together'),
    err('phase1.baremetal.hosts', '0 host(s) have the etcd role, but topology.etcd.count is 1; the roles must match the topology'),
  ]);
  expect(problems(metal([M0, { ...W0, roles: ['worker', 'etcd'] }], { masters: 1, etcd: { count: 1 }, workers: 1 }))).toEqual([
    err('phase1.baremetal.hosts.1.roles', '["worker","etcd"]: with colocated etcd every master is also an etcd member and only masters are; list "master" and "etcd" together'),
    err('phase1.baremetal.hosts', '2 host(s) have the etcd role, but topology.etcd.count is 1; the roles must match the topology'),
  ]);
  expect(problems(metal([M0, W0], { masters: 1, workers: 2 }))).toEqual([
    err('phase1.baremetal.hosts', '1 host(s) have the worker role, but topology.workers is 2; the roles must match the topology'),
  ]);
  expect(problems(metal([M0, W0], { masters: 3, etcd: { count: 3 }, workers: 1 }))).toEqual([
    err('phase1.baremetal.hosts', '1 host(s) have the master role, but topology.masters is 3; the roles must match the topology'),
    err('phase1.baremetal.hosts', '1 host(s) have the etcd role, but topology.etcd.count is 3; the roles must match the topology'),
  ]);
  // A cloud ignores phase1.baremetal.hosts.
  expect(problems({ phase1: { baremetal: { hosts: [W0, W0] } } })).toEqual([]);
});

test('flannel host-gw across a cloud\'s zones is a warning; on one L2 segment (bare metal, local) it is fine', () => {
  const hostGw = { phase3: { cni: { plugin: 'flannel', flannel: { backend: 'host-gw' } } } };
  expect(problems(hostGw)).toEqual([
    warn('phase3.cni.flannel.backend', 'host-gw needs every node on one L2 segment; aws subnets span zones, so pods on different zones will not reach each other: use vxlan'),
  ]);
  expect(problems({ ...hostGw, phase1: { cloudProvider: 'gcp', gcp: { project: 'p' } } })).toEqual([
    warn('phase3.cni.flannel.backend', 'host-gw needs every node on one L2 segment; gcp subnets span zones, so pods on different zones will not reach each other: use vxlan'),
  ]);
  expect(problems({ ...hostGw, ...metal([M0, W0], { masters: 1, workers: 1 }) })).toEqual([]);
  expect(problems({ ...hostGw, phase1: { cloudProvider: 'local' } })).toEqual([]);
  expect(problems({ phase3: { cni: { plugin: 'calico', flannel: { backend: 'host-gw' } } } })).toEqual([]);
});

test('Kubernetes versions: an unsupported minor is an error naming what is supported; an older patch a warning', () => {
  expect(problems({ kubernetesVersion: '1.34.9' })).toEqual([
    err('kubernetesVersion', '"1.34.9": Kubernetes 1.34 is not supported; supported minors: 1.35, 1.36, 1.37 (newest patches: 1.35.4, 1.36.3, 1.37.2)'),
  ]);
  expect(problems({ kubernetesVersion: '1.36.2' })).toEqual([
    warn('kubernetesVersion', '"1.36.2" is older than 1.36.3, the newest patch of 1.36 kube-anywhere knows; patches carry fixes and security updates, consider 1.36.3'),
  ]);
  expect(problems({ kubernetesVersion: '1.35.4' })).toEqual([]);
});

test('phase2.images.registry other than registry.k8s.io (a trailing slash aside) is deprecated', () => {
  expect(problems({ phase2: { images: { registry: 'registry.k8s.io/' } } })).toEqual([]);
  expect(problems({ phase2: { images: { registry: 'registry.k8s.io//' } } })).toEqual([]);
  expect(problems({ phase2: { images: { registry: 'mirror.example.com/k8s' } } })).toEqual([
    warn('phase2.images.registry', '"mirror.example.com/k8s": deprecated; image names are rewritten to this registry. Use phase2.images.mirrors {"registry.k8s.io": "<mirror URL>"} instead, which keeps image names canonical'),
  ]);
  expect(problems({ phase2: { images: { registry: 'registry.k8s.io/x' } } })).toHaveLength(1);
  expect(problems({ phase2: { images: { registry: 'registry.k8s/.io' } } })).toHaveLength(1); // only trailing slashes are dropped
});
