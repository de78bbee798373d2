// Where machines' private addresses come from, the same on every cloud. Masters and etcd members
// get static addresses in small control-plane subnets (one per zone); workers get addresses by DHCP
// in their own larger subnets, so a worker can never take an address a master is planned to have.
import { subnetBlock, nthAddress, prefixLength } from '../../lib/cidr.js';
import type { ClusterConfig } from '../../config-schema/types.js';

/** Addresses below this offset in a subnet are left to the cloud (AWS reserves 4, GCP 2, Azure 4). */
const FIRST_STATIC_OFFSET = 10;

export interface SubnetPlan {
  zoneIndex: number;
  controlPlane: string;
  workers: string;
}

/** Per zone: a /24-ish control-plane subnet from the bottom of the node CIDR, a worker subnet from its upper half. */
export function subnetPlan(c: ClusterConfig, zoneCount: number): SubnetPlan[] {
  const prefix = prefixLength(c.network.nodeCidr);
  const half = prefix + 1;
  // Worker subnets: the upper half of the node CIDR, split in a power of two >= zoneCount.
  const split = Math.ceil(Math.log2(Math.max(zoneCount, 1)));
  const cpMask = Math.max(half + split, 24);
  return Array.from({ length: zoneCount }, (_, z) => ({
    zoneIndex: z,
    controlPlane: subnetBlock(subnetBlock(c.network.nodeCidr, half, 0), cpMask, z),
    workers: subnetBlock(subnetBlock(c.network.nodeCidr, half, 1), half + split, z),
  }));
}

export interface PlannedNode {
  name: string;
  role: 'master' | 'etcd';
  index: number;
  zoneIndex: number;
  privateIP: string;
}

/** Static nodes: masters (and dedicated etcd members) spread round-robin over the zones. */
export function plannedNodes(c: ClusterConfig, zoneCount: number): PlannedNode[] {
  const subnets = subnetPlan(c, zoneCount);
  const place = (role: 'master' | 'etcd', count: number, base: number): PlannedNode[] =>
    Array.from({ length: count }, (_, i) => {
      const z = i % zoneCount;
      return {
        name: `${c.name}-${role}-${i}`,
        role,
        index: i,
        zoneIndex: z,
        privateIP: nthAddress(subnets[z].controlPlane, base + Math.floor(i / zoneCount)),
      };
    });
  const etcd = c.topology.etcd.placement === 'dedicated' ? place('etcd', c.topology.etcd.count, FIRST_STATIC_OFFSET + 20) : [];
  return [...place('master', c.topology.masters, FIRST_STATIC_OFFSET), ...etcd];
}
