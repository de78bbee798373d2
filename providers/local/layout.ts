// Where a local cluster's pieces go on this host: the bridge and its addresses, one network
// namespace per machine, the API load balancer, the site mirror, and each machine's root. Pure:
// computed from the config alone, so render, deploy and destroy agree without asking the host.
import type { ClusterConfig } from '../../config-schema/types.js';
import type { Role } from '../../lib/contracts.js';
import { nthAddress, prefixLength } from '../../lib/cidr.js';
import type { ClusterPaths } from '../../lib/paths.js';
import { join } from 'node:path';
import { wantsApiLoadBalancer } from '../common/api-endpoint.js';
import { PORTS } from '../common/firewall.js';
import { plannedNodes, subnetPlan } from '../common/ip-plan.js';
import { resourceName, uniqueSuffix } from '../../lib/names.js';

/** One nspawn machine. Masters and etcd members have fixed identities; workers are a pool, as on a cloud. */
export interface LocalMachine {
  name: string;
  roles: Role[];
  ip: string;
  /** The Ignition config it boots with: its own (<name>.ign) or the pool's (worker.ign). */
  bundleId: string;
  netns: string;
  /** The host end of its veth pair (at most 15 bytes). */
  hostVeth: string;
}

export interface LocalLayout {
  cluster: string;
  bridge: string;
  prefix: number;
  /** The host's address on the bridge: the machines' default gateway, and how kubectl reaches them. */
  hostIP: string;
  /** The API endpoint: the load balancer's address, or the single master's. */
  api: { host: string; port: number };
  loadBalancer?: { netns: string; hostVeth: string; ip: string };
  /** The registry and file server of an offline site (phase1.local.offline). */
  mirror?: { netns: string; hostVeth: string; ip: string; registryPort: number; filesPort: number };
  machines: LocalMachine[];
  /** clusters/<name>/local: machine roots, daemons' configs and pid files, the record of what exists. */
  dir: string;
}

export const MIRROR_PORTS = { registry: 5000, files: 8080 } as const;
/** The pool all local workers boot from, like a cloud's worker group. */
export const WORKER_POOL = 'worker';

/** Short names for what must fit 15 bytes (interfaces), derived from a hash of the cluster name. */
const short = (cluster: string) => uniqueSuffix(cluster, 'local');

export function localLayout(c: ClusterConfig, paths: ClusterPaths): LocalLayout {
  const cidr = c.network.nodeCidr;
  const ns = (what: string) => `ka-${c.name}-${what}`;
  const veth = (i: number) => `ka${short(c.name)}-${i}`;
  const colocated = c.topology.etcd.placement === 'colocated';
  const fixed = plannedNodes(c, 1).map((n) => ({
    name: n.name,
    ip: n.privateIP,
    roles: (n.role === 'master' ? (colocated ? ['master', 'etcd'] : ['master']) : ['etcd']) as Role[],
  }));
  const workerSubnet = subnetPlan(c, 1)[0].workers;
  const workers = Array.from({ length: c.topology.workers }, (_, i) => ({
    name: `${c.name}-worker-${i}`,
    ip: nthAddress(workerSubnet, 10 + i),
    roles: ['worker'] as Role[],
  }));
  const machines: LocalMachine[] = [...fixed, ...workers].map((m, i) => ({
    ...m,
    bundleId: m.roles.includes('worker') && !m.roles.includes('master') ? WORKER_POOL : m.name,
    netns: `ka-${m.name}`, // machine names begin with the cluster's
    hostVeth: veth(i + 3),
  }));
  const lb = wantsApiLoadBalancer(c) ? { netns: ns('lb'), hostVeth: veth(1), ip: nthAddress(cidr, 2) } : undefined;
  const mirror = c.phase1.local.offline
    ? { netns: ns('mirror'), hostVeth: veth(2), ip: nthAddress(cidr, 3), registryPort: MIRROR_PORTS.registry, filesPort: MIRROR_PORTS.files }
    : undefined;
  const firstMaster = machines.find((m) => m.roles.includes('master'));
  return {
    cluster: c.name,
    bridge: resourceName('local', 'bridge', c.name),
    prefix: prefixLength(cidr),
    hostIP: nthAddress(cidr, 1),
    api: { host: lb?.ip ?? firstMaster?.ip ?? '', port: PORTS.api },
    loadBalancer: lb,
    mirror,
    machines,
    dir: join(paths.root, 'local'),
  };
}

/** A machine's own directory: its root file system, and Ignition's state from the first boot. */
export const machineDir = (l: LocalLayout, name: string) => join(l.dir, 'machines', name);
export const machineRoot = (l: LocalLayout, name: string) => join(machineDir(l, name), 'root');
