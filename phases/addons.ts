// `kube-anywhere addons [render|apply]`: phase 3 alone. `apply` renders first (cheap, and the files
// then match the config), then applies. Without a subcommand: apply.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyAddons, renderAddons } from '../addons/index.js';
import type { ClusterConfig } from '../config-schema/types.js';
import type { CommonOptions } from '../lib/cli.js';
import type { Inventory } from '../lib/contracts.js';
import { EXIT_INVALID, UserError } from '../lib/errors.js';
import type { ClusterPaths } from '../lib/paths.js';
import { loadCluster } from './load-cluster.js';

export const INVENTORY_FILE = 'inventory.json';

/**
 * The Inventory addons need (the real API endpoint, for kube-proxy and the CNI): the one phase 1
 * recorded in clusters/<name>/inventory.json; on bare metal, the config's own; otherwise a
 * provisional one (render only: apply refuses it).
 */
export async function addonInventory(config: ClusterConfig, paths: ClusterPaths): Promise<Inventory> {
  const file = join(paths.root, INVENTORY_FILE);
  if (existsSync(file)) {
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as Inventory;
    } catch (e) {
      throw new UserError(`error: ${file}: not valid JSON (${(e as Error).message}); re-run phase 1 (kube-anywhere deploy) to rewrite it`);
    }
  }
  // Loaded only when needed: the cloud IP plan pulls in the CIDR libraries.
  if (config.phase1.cloudProvider === 'baremetal') return (await import('../providers/baremetal/inventory.js')).bareMetalInventory(config);
  if (config.phase1.cloudProvider === 'local') {
    const { localInventory, localLayout } = await import('../providers/local/index.js');
    return localInventory(config, localLayout(config, paths));
  }
  return (await import('../providers/common/inventory.js')).cloudInventory(config, 2);
}

export interface AddonsOptions extends CommonOptions {
  force?: boolean;
  timeout?: string;
}

function parseTimeout(v: string | undefined): number {
  const n = Number(v ?? '300');
  if (!Number.isInteger(n) || n < 1 || n > 86400) {
    throw new UserError(`error: --timeout ${v}: expected whole seconds between 1 and 86400`, EXIT_INVALID);
  }
  return n;
}

export async function addonsCommand(action: 'render' | 'apply', opts: AddonsOptions): Promise<number> {
  const timeoutSeconds = parseTimeout(opts.timeout);
  const { config, paths } = await loadCluster(opts);
  const inventory = await addonInventory(config, paths);
  if (inventory.apiEndpoint.provisional) {
    if (action === 'apply') {
      throw new UserError(
        `error: the cluster's API endpoint is not known yet (${join(paths.root, INVENTORY_FILE)} is missing: phase 1 has not run). ` +
          `kube-proxy and the pod network must name the real endpoint; run \`kube-anywhere deploy\`.`,
      );
    }
    process.stderr.write(`warning: API endpoint not known yet (phase 1 has not run): the manifests name ${inventory.apiEndpoint.host} in its place\n`);
  }
  const set = await renderAddons(config, inventory, paths);
  const out = (s: string) => process.stdout.write(`${s}\n`);
  if (action === 'render') {
    if (opts.output === 'json') out(JSON.stringify({ dir: paths.addons, addons: set.addons.map((a) => ({ order: a.order, name: a.name, objects: a.manifests.length })) }, null, 2));
    else for (const a of set.addons) out(`${paths.addons}/${String(a.order).padStart(2, '0')}-${a.name}.yaml: ${a.manifests.length} objects`);
    return 0;
  }
  await applyAddons(config, paths, { timeoutSeconds, force: !!opts.force }, (s) => process.stderr.write(`${s}\n`));
  if (opts.output === 'json') out(JSON.stringify({ applied: set.addons.map((a) => a.name) }));
  else out(`addons applied and rolled out: ${set.addons.map((a) => a.name).join(', ')}`);
  return 0;
}
