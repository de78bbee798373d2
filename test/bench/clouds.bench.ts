// Synth of the GCP and Azure stacks as deploy runs it: a fresh node process loads the provider and
// writes both cdk.tf.json files (phase 2 has already written its files). Compared for 3 and 1000
// workers: a worker group is one resource, so time and size must not grow with the count.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { renderBootstrap } from '../../bootstrap/index.js';
import { checkConfig } from '../../config-schema/load.js';
import { clusterPaths, packageFile } from '../../lib/paths.js';
import { loadProvider } from '../../providers/index.js';
import { measureCommand, type Figure } from './harness.js';

const CLOUD_SETTINGS = {
  gcp: { project: 'bench-project', region: 'europe-west1' },
  azure: { subscriptionId: '00000000-0000-0000-0000-000000000000', location: 'westeurope', sshPublicKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEZJTz5yTEV2y0zxR3hL4U6F0kQpQ4QzJ3s7r5L2y1aB bench' },
} as const;

/** An HA cluster (3 masters, 3 dedicated etcd) with `workers` workers, phase 2 rendered: the config file and state dir. */
async function prepare(cloud: 'gcp' | 'azure', workers: number): Promise<{ file: string; stateDir: string }> {
  const dir = mkdtempSync(join(tmpdir(), `ka-bench-${cloud}-`));
  const raw = {
    name: 'bench',
    topology: { masters: 3, etcd: { placement: 'dedicated', count: 3 }, workers },
    // room for 1000 workers' pod blocks (the same for both counts, so only the count differs)
    network: { podCidr: '10.128.0.0/12' },
    phase1: { cloudProvider: cloud, [cloud]: CLOUD_SETTINGS[cloud] },
  };
  const file = join(dir, 'cluster.json');
  writeFileSync(file, JSON.stringify(raw));
  const { config } = checkConfig(file, raw);
  const provider = await loadProvider(cloud);
  const stateDir = join(dir, 'clusters');
  await renderBootstrap(config, provider.provisionalInventory(config), clusterPaths(stateDir, config.name), { onMessage: () => {} });
  return { file, stateDir };
}

export default async function (): Promise<Figure[]> {
  const runner = packageFile('dist', 'test', 'bench', 'clouds-synth.js');
  const figures: Figure[] = [];
  for (const cloud of ['gcp', 'azure'] as const) {
    const byWorkers: Record<number, { wall: number; cpu: number; rssMB: number; bytes: number }> = {};
    for (const workers of [3, 1000]) {
      const { file, stateDir } = await prepare(cloud, workers);
      const { stdout } = await execa('node', [runner, file, stateDir]);
      const bytes = (JSON.parse(stdout) as number[]).reduce((a, b) => a + b, 0);
      const m = await measureCommand(['node', runner, file, stateDir], 7);
      byWorkers[workers] = { ...m, bytes };
    }
    const [a, b] = [byWorkers[3], byWorkers[1000]];
    figures.push(
      { name: `${cloud} synth, both stacks, 3 workers: wall (fresh process)`, value: a.wall, unit: 's', target: '< 1' },
      { name: `${cloud} synth, both stacks, 3 workers: CPU (user + sys)`, value: a.cpu, unit: 's' },
      { name: `${cloud} synth, both stacks, 3 workers: peak memory`, value: a.rssMB, unit: 'MB', target: '< 200' },
      { name: `${cloud} synth, both stacks, 1000 workers: wall`, value: b.wall, unit: 's', target: '= 3 workers' },
      { name: `${cloud} synth, both stacks, 1000 workers: CPU (user + sys)`, value: b.cpu, unit: 's', target: '= 3 workers' },
      { name: `${cloud} synth, both stacks, 1000 workers: peak memory`, value: b.rssMB, unit: 'MB' },
      { name: `${cloud} cdk.tf.json bytes (network + nodes), 3 workers`, value: a.bytes, unit: 'B' },
      { name: `${cloud} cdk.tf.json bytes (network + nodes), 1000 workers`, value: b.bytes, unit: 'B', target: '= 3 workers (+1 digit)' },
    );
  }
  const base = await measureCommand(['node', '-e', ''], 7);
  figures.push({ name: 'for scale: bare `node -e ""` wall time now', value: base.wall, unit: 's' });
  return figures;
}
