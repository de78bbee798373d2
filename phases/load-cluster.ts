// Every command that renders starts here: the config file, validated, with its warnings shown.
// Kept free of terraform and execa so that `bootstrap render` and `addons render` start fast.
import { loadConfig } from '../config-schema/load.js';
import type { ClusterConfig } from '../config-schema/types.js';
import { formatProblem } from '../lib/errors.js';
import { clusterPaths, type ClusterPaths } from '../lib/paths.js';

export interface Loaded {
  /** The config the phases render from: the file's, plus (local target) what this host needs. */
  config: ClusterConfig;
  paths: ClusterPaths;
}

/**
 * The config file, validated, with its warnings shown. For the local target, the settings this
 * host needs are turned on (providers/local/effective.ts) and each is shown with its reason, so
 * every command renders the same files from the same file.
 */
export async function loadCluster(opts: { config: string; stateDir: string }, show: { notes?: boolean } = { notes: true }): Promise<Loaded> {
  const { config, warnings } = await loadConfig(opts.config);
  for (const w of warnings) process.stderr.write(formatProblem(opts.config, w) + '\n');
  const paths = clusterPaths(opts.stateDir, config.name);
  if (config.phase1.cloudProvider !== 'local') return { config, paths };
  const { localConfig } = await import('../providers/local/index.js');
  const effective = localConfig(config, paths);
  if (show.notes) for (const n of effective.notes) process.stderr.write(`note: ${n}\n`);
  return { config: effective.config, paths };
}

