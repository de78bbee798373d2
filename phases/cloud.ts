// What deploy, destroy and render share for a cloud cluster: the config, its paths, the provider,
// a terraform runner per stack, and the inventory file phase 3 reads.
import { join } from 'node:path';
import { loadConfig } from '../config-schema/load.js';
import type { ClusterConfig } from '../config-schema/types.js';
import type { Inventory } from '../lib/contracts.js';
import { formatProblem } from '../lib/errors.js';
import { writeFileAtomic } from '../lib/files.js';
import { clusterPaths, type ClusterPaths } from '../lib/paths.js';
import { pluginMirrorFrom, Terraform } from '../lib/terraform.js';
import type { StackName } from '../providers/common/provider.js';

// clusters/<name>/inventory.json: phase 1's result, read by phase 3 (addons) and by humans.
import { INVENTORY_FILE } from './addons.js';

export interface Loaded {
  config: ClusterConfig;
  paths: ClusterPaths;
}

export async function loadCluster(opts: { config: string; stateDir: string }): Promise<Loaded> {
  const { config, warnings } = await loadConfig(opts.config);
  for (const w of warnings) process.stderr.write(formatProblem(opts.config, w) + '\n');
  return { config, paths: clusterPaths(opts.stateDir, config.name) };
}

/** Terraform lines worth showing as progress: finished resources, and waits once a minute (the log has all). */
export function isProgressLine(line: string): boolean {
  return /: (Creation|Destruction|Modifications) complete/.test(line) || /: Still [a-z]+\.\.\. \[(\d+m)?0s elapsed\]/.test(line) || /^\s*(│\s*)?Error: /.test(line);
}

export function terraformFor(c: ClusterConfig, paths: ClusterPaths, stack: StackName, onLine?: (l: string) => void): Terraform {
  return new Terraform({
    dir: paths.terraform(stack),
    stack,
    logDir: paths.logs,
    pluginMirror: pluginMirrorFrom(c.phase1.terraform.pluginMirror),
    onLine: onLine && ((l) => isProgressLine(l) && onLine(l.trim())),
  });
}

export function writeInventory(paths: ClusterPaths, inv: Inventory): string {
  const file = join(paths.root, INVENTORY_FILE);
  writeFileAtomic(file, JSON.stringify(inv, null, 2) + '\n');
  return file;
}

/**
 * How deploy and destroy show their steps: a live task list on a terminal, plain lines otherwise
 * (listr2's fallback renderer), nothing on stdout with --output json (stdout carries the JSON).
 */
export function progressOptions(output: 'text' | 'json') {
  return {
    concurrent: false,
    exitOnError: true,
    renderer: 'default',
    fallbackRenderer: 'simple',
    silentRendererCondition: output === 'json',
    rendererOptions: { collapseErrors: false, showErrorMessage: false },
    fallbackRendererOptions: { timestamp: undefined },
  } as const;
}
