// Bare metal has no phase 1: the Inventory is the config's host list.
import type { ClusterConfig } from '../../config-schema/types.js';
import type { Inventory } from '../../lib/contracts.js';
import { PORTS } from '../common/firewall.js';

export function bareMetalInventory(c: ClusterConfig): Inventory {
  const bm = c.phase1.baremetal;
  const firstMaster = bm.hosts.find((h) => h.roles.includes('master'));
  const [host, port] = bm.apiEndpoint ? bm.apiEndpoint.split(':') : [firstMaster?.ip ?? '', undefined];
  return {
    cluster: c.name,
    provider: 'baremetal',
    apiEndpoint: { host, port: port ? Number(port) : PORTS.api, provisional: false },
    nodes: bm.hosts.map((h) => ({ name: h.name, roles: [...h.roles], privateIP: h.ip })),
    workerPools: [],
  };
}
