// What deploy, destroy and render share: a terraform runner per stack, the inventory file phase 3
// reads, the progress display, and destroy's confirmation.
import { join } from 'node:path';
import type { ClusterConfig } from '../config-schema/types.js';
import type { CommonOptions } from '../lib/cli.js';
import type { Inventory } from '../lib/contracts.js';
import { EXIT_INVALID, UserError } from '../lib/errors.js';
import { writeFileAtomic } from '../lib/files.js';
import type { ClusterPaths } from '../lib/paths.js';
import { pluginMirrorFrom, Terraform } from '../lib/terraform.js';
import type { StackName } from '../providers/common/provider.js';

// clusters/<name>/inventory.json: phase 1's result, read by phase 3 (addons) and by humans.
import { INVENTORY_FILE } from './addons.js';

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

/** destroy's question: the cluster's name typed at a terminal, or --yes; nothing is touched otherwise. */
/** `destroy`'s flags, for clouds (destroy.ts) and the local target (destroy-local.ts) alike. */
export interface DestroyOptions extends CommonOptions {
  yes?: boolean;
  purge?: boolean;
  force?: boolean;
}

export async function confirmDestroy(cluster: string, where: string, yes: boolean | undefined): Promise<void> {
  if (yes) return;
  if (!process.stdin.isTTY) {
    throw new UserError(`error: destroy deletes every resource of cluster "${cluster}"; confirm with --yes when not at a terminal. Nothing was touched.`, EXIT_INVALID);
  }
  const { input } = await import('@inquirer/prompts');
  const typed = await input({ message: `This destroys cluster "${cluster}" ${where}. Type its name to confirm:` });
  if (typed.trim() !== cluster) throw new UserError(`"${typed}" is not "${cluster}": nothing was destroyed`, EXIT_INVALID);
}
