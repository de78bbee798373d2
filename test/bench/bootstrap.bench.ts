// Phase 2: a fresh PKI plus every Ignition config, in process (module loading excluded: the median
// of several runs). Workers join by TLS bootstrapping with one shared config, so 1000 workers
// must cost what 3 do.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderBootstrap } from '../../bootstrap/index.js';
import { checkConfig } from '../../config-schema/load.js';
import { clusterPaths } from '../../lib/paths.js';
import { cloudInventory } from '../../providers/common/inventory.js';
import { measure, type Figure } from './harness.js';

function cluster(workers: number) {
  const { config } = checkConfig('bench.json', {
    name: 'bench',
    topology: { masters: 3, etcd: { placement: 'dedicated', count: 3 }, workers },
    network: { nodeCidr: '10.0.0.0/16', podCidr: '10.128.0.0/12' },
    phase1: { cloudProvider: 'aws', aws: { region: 'eu-west-1' } },
  });
  return { config, inventory: cloudInventory(config, 3, { apiHost: 'bench-api.elb.example.com', ignitionBaseUrl: 's3://bench-ignition/ignition' }) };
}

async function freshRender(workers: number): Promise<number> {
  const { config, inventory } = cluster(workers);
  const dirs: string[] = [];
  const wall = await measure(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ka-bench-bootstrap-'));
    dirs.push(dir);
    await renderBootstrap(config, inventory, clusterPaths(dir, 'bench'), { onMessage: () => {} });
  }, 9);
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  return wall;
}

export default async function (): Promise<Figure[]> {
  await freshRender(3); // warm-up: module loading and template compilation are not what is measured
  const w1000 = await freshRender(1000);
  const w3 = await freshRender(3);
  return [
    { name: 'bootstrap: fresh PKI + configs, 3 masters 3 etcd 1000 workers', value: w1000, unit: 's', target: '< 1' },
    { name: 'bootstrap: fresh PKI + configs, 3 masters 3 etcd 3 workers', value: w3, unit: 's', target: '= the 1000-worker figure within noise' },
  ];
}
