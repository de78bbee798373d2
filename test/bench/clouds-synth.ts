// Run by clouds.bench.ts in a fresh node process: load one cloud's provider and synthesize its two
// stacks from a config and the phase 2 files already in <stateDir>/<name>/ignition (as deploy does
// after phase 2). Prints the cdk.tf.json sizes as JSON.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { checkConfig } from '../../config-schema/load.js';
import type { NodeBundle } from '../../lib/contracts.js';
import { clusterPaths } from '../../lib/paths.js';
import { loadProvider } from '../../providers/index.js';

const [configFile, stateDir] = process.argv.slice(2);
const { config } = checkConfig(configFile, JSON.parse(readFileSync(configFile, 'utf8')));
const provider = await loadProvider(config.phase1.cloudProvider);
const paths = clusterPaths(stateDir, config.name);
const bundles: NodeBundle[] = readdirSync(paths.ignition)
  .filter((f) => f.endsWith('.pointer.ign'))
  .map((f) => {
    const id = f.replace(/\.pointer\.ign$/, '');
    return { id, roles: [], full: { ignition: { version: '3.3.0' } }, pointer: JSON.parse(readFileSync(join(paths.ignition, f), 'utf8')) };
  });
const inventory = provider.provisionalInventory(config);
const sizes = (['network', 'nodes'] as const).map((stack) => {
  const file = provider.synth(stack, { config, inventory, bundles, outDir: paths.terraform(stack), ignitionDir: paths.ignition });
  return statSync(file).size;
});
process.stdout.write(JSON.stringify(sizes));
