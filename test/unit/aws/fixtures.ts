// Synthesizes the AWS stacks for a config into a temp directory and returns the parsed JSON.
// The phase 2 bundles here are stand-ins with the real shape (a full config file and a pointer
// naming its URL), so the nodes stack can be tested without rendering a PKI.
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkConfig } from '../../../config-schema/load.js';
import type { ClusterConfig } from '../../../config-schema/types.js';
import type { NodeBundle } from '../../../lib/contracts.js';
import { awsProvider } from '../../../providers/aws/index.js';

export type TfJson = {
  terraform: { backend: Record<string, Record<string, unknown>>; required_providers: Record<string, { version: string }> };
  provider: { aws: Record<string, unknown>[] };
  resource: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, Record<string, Record<string, unknown>>>;
  output: Record<string, { value: unknown }>;
};

export function config(partial: Record<string, unknown>): ClusterConfig {
  return checkConfig('test.json', { name: 'unit', phase1: { cloudProvider: 'aws', aws: { image: 'ami-0abc' } }, ...partial }).config;
}

export const TOPOLOGIES = {
  'single node': { masters: 1, etcd: { placement: 'colocated', count: 1 }, workers: 0 },
  '1 master + workers': { masters: 1, etcd: { placement: 'colocated', count: 1 }, workers: 2 },
  HA: { masters: 3, etcd: { placement: 'colocated', count: 3 }, workers: 3 },
  'HA + dedicated etcd': { masters: 3, etcd: { placement: 'dedicated', count: 3 }, workers: 3 },
} as const;

export function fakeBundles(c: ClusterConfig, ignitionDir: string, pointerPadding = 0): NodeBundle[] {
  const inv = awsProvider.provisionalInventory(c);
  mkdirSync(ignitionDir, { recursive: true });
  const ids = [...inv.nodes.map((n) => n.name), ...inv.workerPools.map((p) => p.name)];
  return ids.map((id) => {
    const full = { ignition: { version: '3.3.0' }, storage: { files: [{ path: '/etc/hostname', contents: { source: `data:,${id}` } }] } };
    writeFileSync(join(ignitionDir, `${id}.ign`), JSON.stringify(full));
    const pointer = {
      ignition: { version: '3.3.0', config: { replace: { source: `${inv.ignitionBaseUrl}/${id}.ign`, verification: { hash: 'sha512-00' } } } },
      ...(pointerPadding ? { padding: randomText(pointerPadding) } : {}),
    };
    return { id, roles: [], full, pointer };
  });
}

function randomText(n: number): string {
  let s = '';
  let x = 12345;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    s += String.fromCharCode(33 + (x % 94));
  }
  return s;
}

export function synthBoth(c: ClusterConfig, networkOutputs?: Record<string, unknown>): { network: TfJson; nodes: TfJson; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'ka-aws-unit-'));
  const ignitionDir = join(dir, 'ignition');
  const bundles = fakeBundles(c, ignitionDir);
  const inventory = awsProvider.provisionalInventory(c);
  const read = (f: string) => JSON.parse(readFileSync(f, 'utf8')) as TfJson;
  const network = read(awsProvider.synth('network', { config: c, inventory, bundles: [], outDir: join(dir, 'terraform', 'network'), ignitionDir }));
  const nodes = read(awsProvider.synth('nodes', { config: c, inventory, bundles, outDir: join(dir, 'terraform', 'nodes'), ignitionDir, networkOutputs }));
  return { network, nodes, dir };
}

export const resources = (j: TfJson, type: string) => Object.entries(j.resource[type] ?? {});
export const count = (j: TfJson, type: string) => resources(j, type).length;
