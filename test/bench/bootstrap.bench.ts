// Phase 2: a fresh PKI plus every Ignition config, in process (module loading excluded: the median
// of several runs). Workers join by TLS bootstrapping with one shared config, so 1000 workers
// must cost what 3 do.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderBootstrap } from '../../bootstrap/index.js';
import { checkConfig } from '../../config-schema/load.js';
import { clusterPaths, packageFile } from '../../lib/paths.js';
import { bareMetalInventory } from '../../providers/baremetal/inventory.js';
import { cloudInventory } from '../../providers/common/inventory.js';
import { measure, measureCommand, type Figure } from './harness.js';

function bareMetal(workers: number) {
  const hosts = [
    ...[0, 1, 2].map((i) => ({ name: `m${i}`, ip: `10.0.0.${10 + i}`, roles: ['master'] })),
    ...[0, 1, 2].map((i) => ({ name: `e${i}`, ip: `10.0.0.${20 + i}`, roles: ['etcd'] })),
    ...Array.from({ length: workers }, (_, i) => ({ name: `w${i}`, ip: `10.0.${4 + Math.floor(i / 250)}.${1 + (i % 250)}`, roles: ['worker'] })),
  ];
  const { config } = checkConfig('bench.json', {
    name: 'bench',
    topology: { masters: 3, etcd: { placement: 'dedicated', count: 3 }, workers },
    network: { nodeCidr: '10.0.0.0/16', podCidr: '10.128.0.0/12' },
    phase1: { cloudProvider: 'baremetal', baremetal: { apiEndpoint: '10.0.0.5', hosts } },
  });
  return { config, inventory: bareMetalInventory(config) };
}

function cluster(workers: number) {
  const { config } = checkConfig('bench.json', {
    name: 'bench',
    topology: { masters: 3, etcd: { placement: 'dedicated', count: 3 }, workers },
    network: { nodeCidr: '10.0.0.0/16', podCidr: '10.128.0.0/12' },
    phase1: { cloudProvider: 'aws', aws: { region: 'eu-west-1' } },
  });
  return { config, inventory: cloudInventory(config, 3, { apiHost: 'bench-api.elb.example.com', ignitionBaseUrl: 's3://bench-ignition/ignition' }) };
}

async function freshRender(workers: number, shape = cluster): Promise<number> {
  const { config, inventory } = shape(workers);
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
  const metal = await freshRender(1000, bareMetal);
  // As a user runs it: a new node process, CLI start and module loading included.
  const dir = mkdtempSync(join(tmpdir(), 'ka-bench-cli-'));
  const file = join(dir, 'cluster.json');
  writeFileSync(file, JSON.stringify({ name: 'cli', phase1: { cloudProvider: 'baremetal', baremetal: { hosts: [
    { name: 'm0', ip: '10.0.0.10', roles: ['master', 'etcd'] }, { name: 'w0', ip: '10.0.0.20', roles: ['worker'] }, { name: 'w1', ip: '10.0.0.21', roles: ['worker'] },
  ] } } }));
  const cli = packageFile('dist', 'bin', 'kube-anywhere.js');
  const fresh = await measureCommand(['sh', '-c', `d=$(mktemp -d) && node ${cli} bootstrap --config ${file} --state-dir "$d" >/dev/null && rm -rf "$d"`], 5);
  const again = await measureCommand(['node', cli, 'bootstrap', '--config', file, '--state-dir', dir], 5);
  rmSync(dir, { recursive: true, force: true });
  return [
    { name: 'bootstrap: new PKI + configs, 3m 3etcd 1000 workers (cloud)', value: w1000, unit: 's', target: '< 1' },
    { name: 'bootstrap: new PKI + configs, 3m 3etcd 3 workers (cloud)', value: w3, unit: 's', target: '= the 1000-worker figure within noise' },
    { name: 'bootstrap: bare metal, 1006 hosts (a config per host)', value: metal, unit: 's' },
    { name: '`kube-anywhere bootstrap`, new PKI (CLI start included)', value: fresh.wall, unit: 's' },
    { name: '`kube-anywhere bootstrap`, re-run, nothing changes', value: again.wall, unit: 's' },
  ];
}
