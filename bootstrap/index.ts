// Phase 2 entry point. (Interface fixed here; the implementation lands with the phase 2 issue.)
import type { ClusterConfig } from '../config-schema/types.js';
import type { Inventory, NodeBundle } from '../lib/contracts.js';
import type { ClusterPaths } from '../lib/paths.js';

/**
 * Creates or reuses the PKI under paths.pki, renders one full Ignition config per role (per node
 * where identity differs) to paths.ignition/<id>.ign and, when inventory.ignitionBaseUrl is set, a
 * pointer config <id>.pointer.ign naming `${ignitionBaseUrl}/<id>.ign` and its sha512.
 */
export async function renderBootstrap(config: ClusterConfig, inventory: Inventory, paths: ClusterPaths): Promise<NodeBundle[]> {
  void config, inventory, paths;
  throw new Error('phase 2 is not implemented yet');
}
