// `kube-anywhere render`: every phase to files, nothing touched, no credentials, no network. For a
// cloud: both stacks' cdk.tf.json, phase 2's configs and phase 3's manifests. Before the network
// stack has been applied, a provisional API endpoint (and stand-in ids) take the real ones' place,
// and the output says so. Bare metal has no phase 1: phases 2 and 3 only. The local target's phase
// 1 is its plan of machines (local/layout.json): the addresses follow from the config.
import { join, relative } from 'node:path';
import type { CommonOptions } from '../lib/cli.js';
import type { Inventory, NodeBundle } from '../lib/contracts.js';
import { DeployState } from './state.js';
import { writeInventory } from './cloud.js';
import { loadCluster } from './load-cluster.js';

const rel = (p: string) => relative(process.cwd(), p) || '.';

export async function renderCommand(opts: CommonOptions): Promise<number> {
  const { config, paths } = await loadCluster(opts);
  const cloud = config.phase1.cloudProvider;
  const files: { phase: number; file: string }[] = [];
  const notes: string[] = [];
  let inventory: Inventory;
  let bundles: NodeBundle[];
  const { renderBootstrap } = await import('../bootstrap/index.js');

  if (cloud === 'baremetal') {
    inventory = (await import('../providers/baremetal/inventory.js')).bareMetalInventory(config);
    bundles = await renderBootstrap(config, inventory, paths, { onMessage: (m) => notes.push(m) });
  } else if (cloud === 'local') {
    // The machines' addresses and the endpoint follow from the config; phase 1 writes the plan.
    const local = await import('../providers/local/index.js');
    const layout = local.localLayout(config, paths);
    inventory = local.localInventory(config, layout);
    files.push({ phase: 1, file: local.writeLayout(layout) });
    bundles = await renderBootstrap(config, inventory, paths, { onMessage: (m) => notes.push(m) });
    writeInventory(paths, inventory);
  } else {
    const provider = await (await import('../providers/index.js')).loadProvider(cloud);
    // The network stack's outputs, when a deploy has applied it: then everything rendered is real.
    const outputs = DeployState.exists(paths.stateFile) ? DeployState.load(paths.stateFile, config.name, cloud).step('network')?.outputs : undefined;
    inventory = outputs ? provider.inventoryFromOutputs(config, outputs) : provider.provisionalInventory(config);
    const base = { config, inventory, ignitionDir: paths.ignition };
    files.push({ phase: 1, file: provider.synth('network', { ...base, bundles: [], outDir: paths.terraform('network') }) });
    bundles = await renderBootstrap(config, inventory, paths, { onMessage: (m) => notes.push(m) });
    files.push({ phase: 1, file: provider.synth('nodes', { ...base, bundles, outDir: paths.terraform('nodes'), networkOutputs: outputs }) });
    if (outputs) writeInventory(paths, inventory);
    else {
      notes.push(
        `the network stack has not been applied: the API endpoint is the provisional ${inventory.apiEndpoint.host}, and the nodes stack names stand-ins for what the network stack will output. ` +
          '`kube-anywhere deploy` renders the real ones.',
      );
    }
  }
  for (const b of bundles) {
    files.push({ phase: 2, file: join(paths.ignition, `${b.id}.ign`) });
    if (b.pointer) files.push({ phase: 2, file: join(paths.ignition, `${b.id}.pointer.ign`) });
  }
  const { renderAddons } = await import('../addons/index.js');
  const set = await renderAddons(config, inventory, paths);
  for (const a of set.addons) files.push({ phase: 3, file: join(paths.addons, `${String(a.order).padStart(2, '0')}-${a.name}.yaml`) });

  if (opts.output === 'json') {
    process.stdout.write(JSON.stringify({ cluster: config.name, provisional: inventory.apiEndpoint.provisional, apiEndpoint: inventory.apiEndpoint, notes, files }, null, 2) + '\n');
    return 0;
  }
  for (const n of notes) process.stderr.write(`note: ${n}\n`);
  for (const f of files) process.stdout.write(`phase ${f.phase}: ${rel(f.file)}\n`);
  return 0;
}
