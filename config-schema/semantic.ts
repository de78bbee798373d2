// Checks the schema cannot express: how values relate to one another.
import { addressCount, blockCount, cidrContains, cidrsOverlap, nthAddress, prefixLength } from '../lib/cidr.js';
import type { ConfigProblem } from '../lib/errors.js';
import { nameViolations } from '../lib/names.js';
import { findRelease, isOlderPatch, RELEASES, SUPPORTED_MINORS } from '../lib/releases.js';
import type { ClusterConfig } from './types.js';

const DOCKER_BRIDGE = '172.17.0.0/16';

const TOLERANCE_TABLE = [
  'etcd needs a majority of its members up; an even count tolerates no more failures than one member fewer:',
  '  members  majority  failures tolerated',
  '        1         1                   0',
  '        3         2                   1',
  '        5         3                   2',
  '        7         4                   3',
].join('\n');

/** The kubernetes API service's ClusterIP: the first address of the service range. */
export const apiServiceIP = (c: ClusterConfig): string => nthAddress(c.network.serviceCidr, 1);

/** How many nodes run pods (and so need a pod CIDR block): masters and workers, not dedicated etcd. */
export function podNodeCount(c: ClusterConfig): number {
  if (c.phase1.cloudProvider === 'baremetal') {
    return c.phase1.baremetal.hosts.filter((h) => h.roles.includes('master') || h.roles.includes('worker')).length;
  }
  return c.topology.masters + c.topology.workers;
}

type Check = (c: ClusterConfig) => ConfigProblem[];
const error = (path: string, message: string): ConfigProblem => ({ path, message, severity: 'error' });
const warning = (path: string, message: string): ConfigProblem => ({ path, message, severity: 'warning' });

const cidrsApart: Check = (c) => {
  const ranges = [
    ['network.nodeCidr', c.network.nodeCidr],
    ['network.podCidr', c.network.podCidr],
    ['network.serviceCidr', c.network.serviceCidr],
  ] as const;
  const out: ConfigProblem[] = [];
  for (let i = 0; i < ranges.length; i++) {
    for (let j = i + 1; j < ranges.length; j++) {
      if (cidrsOverlap(ranges[i][1], ranges[j][1])) {
        out.push(error(ranges[j][0], `${ranges[j][1]} overlaps ${ranges[i][0]} ${ranges[i][1]}; node, pod and service ranges must be disjoint`));
      }
    }
    if (cidrsOverlap(ranges[i][1], DOCKER_BRIDGE)) {
      out.push(warning(ranges[i][0], `${ranges[i][1]} overlaps Docker's default bridge ${DOCKER_BRIDGE}; hosts running Docker may not reach those addresses`));
    }
  }
  return out;
};

const podCidrFits: Check = (c) => {
  const { podCidr, nodePodCidrMaskSize: mask } = c.network;
  if (mask < prefixLength(podCidr)) {
    return [error('network.nodePodCidrMaskSize', `/${mask} blocks are larger than the pod CIDR ${podCidr}; use a prefix length of at least ${prefixLength(podCidr)}`)];
  }
  const need = podNodeCount(c);
  const have = blockCount(podCidr, mask);
  return BigInt(need) > have
    ? [error('network.podCidr', `${podCidr} holds ${have} per-node /${mask} blocks but ${need} nodes run pods; use a larger pod CIDR or a longer network.nodePodCidrMaskSize`)]
    : [];
};

const serviceCidrHoldsIPs: Check = (c) => {
  const { serviceCidr, dnsServiceIP } = c.network;
  if (addressCount(serviceCidr) < 4n) return [error('network.serviceCidr', `${serviceCidr} is too small to hold the API service IP and the DNS service IP`)];
  const api = apiServiceIP(c);
  if (!cidrContains(serviceCidr, dnsServiceIP)) return [error('network.dnsServiceIP', `${dnsServiceIP} is outside network.serviceCidr ${serviceCidr}`)];
  if (dnsServiceIP === api) return [error('network.dnsServiceIP', `${dnsServiceIP} is the kubernetes API service IP (the first address of ${serviceCidr}); pick another, such as ${nthAddress(serviceCidr, 10)}`)];
  if (dnsServiceIP === nthAddress(serviceCidr, 0)) return [error('network.dnsServiceIP', `${dnsServiceIP} is the network address of ${serviceCidr}; pick another, such as ${nthAddress(serviceCidr, 10)}`)];
  return [];
};

const etcdOdd: Check = (c) =>
  c.topology.etcd.count % 2 === 0
    ? [error('topology.etcd.count', `${c.topology.etcd.count} members: the count must be odd (1, 3, 5 or 7).\n${TOLERANCE_TABLE}`)]
    : [];

const etcdColocated: Check = (c) =>
  c.topology.etcd.placement === 'colocated' && c.topology.etcd.count !== c.topology.masters
    ? [error('topology.etcd.count', `is ${c.topology.etcd.count}, but colocated etcd runs one member on each of the ${c.topology.masters} master(s); set it to ${c.topology.masters}, or topology.etcd.placement to "dedicated"`)]
    : [];

const haNeedsLoadBalancer: Check = (c) => {
  if (c.topology.masters < 2) return [];
  if (c.phase1.cloudProvider === 'baremetal') {
    // Unset is fine: nodes balance over the masters themselves (node-local balancer), and the admin
    // kubeconfig names the first master (the README says how to put a load balancer in front).
    const ep = c.phase1.baremetal.apiEndpoint;
    if (!ep) return [];
    const host = ep.replace(/:\d+$/, '');
    const master = c.phase1.baremetal.hosts.find((h) => h.ip === host && h.roles.includes('master'));
    if (master) return [error('phase1.baremetal.apiEndpoint', `${ep} is the address of master ${master.name}; with ${c.topology.masters} masters the endpoint must be a load balancer or VIP in front of all of them (or leave it unset: the admin kubeconfig then names the first master)`)];
    return [];
  }
  return c.phase1.apiLoadBalancer === 'never'
    ? [error('phase1.apiLoadBalancer', `is "never", but ${c.topology.masters} masters need a load-balanced API endpoint; use "auto" or "always", or 1 master`)]
    : [];
};

const nameFitsCloud: Check = (c) => {
  const cloud = c.phase1.cloudProvider;
  if (cloud === 'baremetal') return [];
  return nameViolations(cloud, c.name).map((v) => error('name', `"${c.name}" ${v}; choose a shorter name`));
};

const cloudRequired: Check = (c) => {
  const out: ConfigProblem[] = [];
  const p1 = c.phase1;
  if (p1.cloudProvider === 'gcp' && !p1.gcp.project) out.push(error('phase1.gcp.project', 'is required when phase1.cloudProvider is "gcp"'));
  if (p1.cloudProvider === 'azure' && !p1.azure.subscriptionId) out.push(error('phase1.azure.subscriptionId', 'is required when phase1.cloudProvider is "azure"'));
  if (p1.cloudProvider !== 'baremetal' && p1.cloudProvider !== 'local') {
    const b = p1.terraform.backend;
    const needs: Record<string, [string, string][]> = {
      s3: [['bucket', p1.terraform.s3.bucket]],
      gcs: [['bucket', p1.terraform.gcs.bucket]],
      azurerm: [['resourceGroupName', p1.terraform.azurerm.resourceGroupName], ['storageAccountName', p1.terraform.azurerm.storageAccountName]],
    };
    for (const [key, value] of needs[b] ?? []) {
      if (!value) out.push(error(`phase1.terraform.${b}.${key}`, `is required when phase1.terraform.backend is "${b}"`));
    }
  }
  return out;
};

const nodeCidrFits: Check = (c) => {
  if (c.phase1.cloudProvider === 'baremetal') return [];
  if (prefixLength(c.network.nodeCidr) > 24) {
    return [error('network.nodeCidr', `${c.network.nodeCidr} is smaller than a /24; a cloud cluster needs at least a /24 (control-plane and worker subnets per zone)`)];
  }
  const etcd = c.topology.etcd.placement === 'dedicated' ? c.topology.etcd.count : 0;
  const need = c.topology.masters + etcd + c.topology.workers + 64; // the clouds reserve a few addresses per subnet
  return BigInt(need) > addressCount(c.network.nodeCidr)
    ? [error('network.nodeCidr', `${c.network.nodeCidr} has ${addressCount(c.network.nodeCidr)} addresses, too few for ${need - 64} machines plus the addresses the cloud reserves`)]
    : [];
};

const bareMetalHosts: Check = (c) => {
  if (c.phase1.cloudProvider !== 'baremetal') return [];
  const hosts = c.phase1.baremetal.hosts;
  const at = (i: number, key: string) => `phase1.baremetal.hosts.${i}.${key}`;
  const out: ConfigProblem[] = [];
  if (hosts.length === 0) return [error('phase1.baremetal.hosts', 'lists no hosts; bare metal needs at least one host with the master role')];
  const firstByName = new Map<string, number>();
  const firstByIP = new Map<string, number>();
  hosts.forEach((h, i) => {
    if (firstByName.has(h.name)) out.push(error(at(i, 'name'), `"${h.name}" is also the name of hosts.${firstByName.get(h.name)}; host names must be unique`));
    else firstByName.set(h.name, i);
    if (firstByIP.has(h.ip)) out.push(error(at(i, 'ip'), `${h.ip} is also the address of hosts.${firstByIP.get(h.ip)}; host IPs must be unique`));
    else firstByIP.set(h.ip, i);
    if (!cidrContains(c.network.nodeCidr, h.ip)) out.push(error(at(i, 'ip'), `${h.ip} is outside network.nodeCidr ${c.network.nodeCidr}`));
    if (c.topology.etcd.placement === 'dedicated' && h.roles.includes('etcd') && h.roles.length > 1) {
      out.push(error(at(i, 'roles'), `${JSON.stringify(h.roles)}: with dedicated etcd placement an etcd host has the etcd role only`));
    }
    if (c.topology.etcd.placement === 'colocated' && h.roles.includes('master') !== h.roles.includes('etcd')) {
      out.push(error(at(i, 'roles'), `${JSON.stringify(h.roles)}: with colocated etcd every master is also an etcd member and only masters are; list "master" and "etcd" together`));
    }
  });
  const count = (role: string) => hosts.filter((h) => h.roles.includes(role as never)).length;
  const expect: [string, string, number][] = [
    ['master', 'topology.masters', c.topology.masters],
    ['etcd', 'topology.etcd.count', c.topology.etcd.count],
    ['worker', 'topology.workers', c.topology.workers],
  ];
  for (const [role, path, n] of expect) {
    if (count(role) !== n) out.push(error('phase1.baremetal.hosts', `${count(role)} host(s) have the ${role} role, but ${path} is ${n}; the roles must match the topology`));
  }
  return out;
};

// Local machines share one bridge (one L2 segment), like bare metal.
const cniFitsCloud: Check = (c) =>
  c.phase1.cloudProvider !== 'baremetal' && c.phase1.cloudProvider !== 'local' && c.phase3.cni.plugin === 'flannel' && c.phase3.cni.flannel.backend === 'host-gw'
    ? [warning('phase3.cni.flannel.backend', `host-gw needs every node on one L2 segment; ${c.phase1.cloudProvider} subnets span zones, so pods on different zones will not reach each other: use vxlan`)]
    : [];

// No check ties phase1.<cloud>.allowedCidrs.api to the nodes: they reach the API over the private
// network (their own API server, or the node-local balancer), never at the public endpoint, so the
// list may name only the administrators' networks.

/** Only the minors of lib/releases.ts are supported; an older patch works but misses fixes. */
const supportedRelease: Check = (c) => {
  const v = c.kubernetesVersion;
  const r = findRelease(v);
  if (!r) {
    return [error('kubernetesVersion', `${JSON.stringify(v)}: Kubernetes ${v.split('.').slice(0, 2).join('.')} is not supported; supported minors: ${SUPPORTED_MINORS.join(', ')} (newest patches: ${RELEASES.map((x) => x.patch).join(', ')})`)];
  }
  return isOlderPatch(v)
    ? [warning('kubernetesVersion', `${JSON.stringify(v)} is older than ${r.patch}, the newest patch of ${r.minor} kube-anywhere knows; patches carry fixes and security updates, consider ${r.patch}`)]
    : [];
};

const registryDeprecated: Check = (c) =>
  c.phase2.images.registry.replace(/\/+$/, '') === 'registry.k8s.io'
    ? []
    : [warning('phase2.images.registry', `${JSON.stringify(c.phase2.images.registry)}: deprecated; image names are rewritten to this registry. Use phase2.images.mirrors {"registry.k8s.io": "<mirror URL>"} instead, which keeps image names canonical`)];

export const SEMANTIC_CHECKS: Check[] = [
  supportedRelease,
  registryDeprecated,
  cidrsApart,
  podCidrFits,
  serviceCidrHoldsIPs,
  etcdOdd,
  etcdColocated,
  haNeedsLoadBalancer,
  nameFitsCloud,
  cloudRequired,
  nodeCidrFits,
  bareMetalHosts,
  cniFitsCloud,
];

export function semanticProblems(c: ClusterConfig): ConfigProblem[] {
  return SEMANTIC_CHECKS.flatMap((check) => check(c));
}
