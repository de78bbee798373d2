// Phase 3 entry point. (Interface fixed here; the implementation lands with the phase 3 issue.)
import type { ClusterConfig } from '../config-schema/types.js';
import type { AddonSet, Inventory } from '../lib/contracts.js';
import type { ClusterPaths } from '../lib/paths.js';

/** Renders and schema-checks every enabled addon, writes paths.addons/NN-<name>.yaml. */
export async function renderAddons(config: ClusterConfig, inventory: Inventory, paths: ClusterPaths): Promise<AddonSet> {
  void config, inventory, paths;
  throw new Error('phase 3 is not implemented yet');
}

export interface ApplyOptions {
  /** Seconds to wait for /readyz and for each rollout. */
  timeoutSeconds: number;
  /** Apply even when the CNI differs from the one running (switching CNI of a live cluster). */
  force: boolean;
}

/** Waits for the API, applies in order with server-side apply and label pruning, waits for rollouts. */
export async function applyAddons(config: ClusterConfig, paths: ClusterPaths, opts: ApplyOptions): Promise<void> {
  void config, paths, opts;
  throw new Error('phase 3 is not implemented yet');
}
