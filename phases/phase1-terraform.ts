// Phase 1 on a cloud: each step synthesizes its CDKTF stack and applies it with terraform, unless
// state.json records the same stack applied already (its hash).
import { readFileSync } from 'node:fs';
import type { ClusterConfig } from '../config-schema/types.js';
import type { ClusterPaths } from '../lib/paths.js';
import type { CloudProvider } from '../providers/common/provider.js';
import type { Phase1 } from '../providers/common/phase1.js';
import { DeployState, hashOf } from './state.js';
import { terraformFor } from './cloud.js';

export function terraformPhase1(provider: CloudProvider, config: ClusterConfig, paths: ClusterPaths, state: DeployState): Phase1 {
  return {
    where: `on ${provider.name}`,
    preflight: async () => provider.checkCredentials(config, process.env),
    network: async (say) => {
      const file = provider.synth('network', {
        config,
        inventory: provider.provisionalInventory(config),
        bundles: [],
        outDir: paths.terraform('network'),
        ignitionDir: paths.ignition,
      });
      const hash = hashOf(readFileSync(file));
      if (state.isDone('network', hash)) return { outputs: state.step('network')!.outputs ?? {}, changed: false };
      const tf = terraformFor(config, paths, 'network', say);
      await tf.init();
      await tf.apply();
      const outputs = await tf.outputs();
      state.markDone('network', hash, outputs);
      return { outputs, changed: true };
    },
    inventory: (outputs) => provider.inventoryFromOutputs(config, outputs),
    nodes: async (inventory, bundles, networkOutputs, say) => {
      const file = provider.synth('nodes', {
        config,
        inventory,
        bundles,
        outDir: paths.terraform('nodes'),
        ignitionDir: paths.ignition,
        networkOutputs,
      });
      // The stack names each full config with its sha256: a changed config changes this hash.
      const hash = hashOf(readFileSync(file));
      if (state.isDone('nodes', hash)) return { outputs: state.step('nodes')!.outputs ?? {}, changed: false };
      const tf = terraformFor(config, paths, 'nodes', say);
      await tf.init();
      await tf.apply();
      const outputs = await tf.outputs();
      state.markDone('nodes', hash, outputs);
      return { outputs, changed: true };
    },
  };
}
