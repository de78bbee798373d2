// Phase 3 entry point: the addons (pod network, kube-proxy, cluster DNS, node-bootstrap objects).
// render: addons/<addon>/*.yaml.hbs -> schema-checked clusters/<name>/addons/NN-<addon>.yaml.
// apply: kubectl server-side apply of those files (see apply.ts).
import type { ClusterConfig } from '../config-schema/types.js';
import type { AddonSet, Inventory } from '../lib/contracts.js';
import type { ClusterPaths } from '../lib/paths.js';
import type { ApplyOptions } from './apply.js';

export type { ApplyOptions } from './apply.js';

/** Renders and schema-checks every enabled addon, writes paths.addons/NN-<name>.yaml. */
export async function renderAddons(config: ClusterConfig, inventory: Inventory, paths: ClusterPaths): Promise<AddonSet> {
  // Each half loaded when used: `addons render` starts a fresh process and has a 0.5 s budget.
  const { renderAndWrite } = await import('./render.js');
  return (await renderAndWrite(config, inventory, paths)).set;
}

/** Waits for the API, applies in order with server-side apply and label pruning, waits for rollouts. */
export async function applyAddons(config: ClusterConfig, paths: ClusterPaths, opts: ApplyOptions, say?: (line: string) => void): Promise<void> {
  const { applyRendered } = await import('./apply.js');
  return applyRendered(config, paths, opts, say);
}
