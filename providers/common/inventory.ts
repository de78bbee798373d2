// The Inventory (phase 1 -> phase 2) of a cloud cluster, computed from the config and the IP plan,
// and, once the network stack is applied, its outputs (the real API endpoint and ignition bucket).
import type { ClusterConfig } from '../../config-schema/types.js';
import type { Inventory, InventoryNode, Role } from '../../lib/contracts.js';
import { PORTS } from './firewall.js';
import { plannedNodes } from './ip-plan.js';

/** Stands in for the API endpoint until the network stack has been applied (render, plan). */
export const PROVISIONAL_API_HOST = 'api.provisional.invalid';

export function cloudInventory(
  c: ClusterConfig,
  zoneCount: number,
  applied?: { apiHost: string; ignitionBaseUrl: string },
): Inventory {
  const colocated = c.topology.etcd.placement === 'colocated';
  const nodes: InventoryNode[] = plannedNodes(c, zoneCount).map((n) => ({
    name: n.name,
    privateIP: n.privateIP,
    roles: (n.role === 'master' ? (colocated ? ['master', 'etcd'] : ['master']) : ['etcd']) as Role[],
  }));
  return {
    cluster: c.name,
    provider: c.phase1.cloudProvider,
    apiEndpoint: { host: applied?.apiHost ?? PROVISIONAL_API_HOST, port: PORTS.api, provisional: !applied },
    nodes,
    workerPools: c.topology.workers > 0 ? [{ name: 'worker', count: c.topology.workers }] : [],
    ignitionBaseUrl: applied?.ignitionBaseUrl,
  };
}
