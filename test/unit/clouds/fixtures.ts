// Shared by the cloud synth tests: a validated config per topology, phase 2's real bundles
// (renderBootstrap: PKI, full configs, pointer configs), and the two stacks synthesized from them.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderBootstrap } from '../../../bootstrap/index.js';
import { checkConfig } from '../../../config-schema/load.js';
import type { ClusterConfig } from '../../../config-schema/types.js';
import type { NodeBundle } from '../../../lib/contracts.js';
import { clusterPaths, type ClusterPaths } from '../../../lib/paths.js';
import { loadProvider } from '../../../providers/index.js';
import type { CloudProvider } from '../../../providers/common/provider.js';

export type Cloud = 'aws' | 'gcp' | 'azure';
export type Topology = 'single' | 'one-master' | 'ha' | 'ha-dedicated-etcd';
export const TOPOLOGIES: Topology[] = ['single', 'one-master', 'ha', 'ha-dedicated-etcd'];

const SHAPES: Record<Topology, Record<string, unknown>> = {
  single: { masters: 1, etcd: { count: 1 }, workers: 0 },
  'one-master': { masters: 1, etcd: { count: 1 }, workers: 3 },
  ha: { masters: 3, etcd: { count: 3 }, workers: 3 },
  'ha-dedicated-etcd': { masters: 3, etcd: { placement: 'dedicated', count: 3 }, workers: 3 },
};

const CLOUD_SETTINGS: Record<Cloud, Record<string, unknown>> = {
  aws: { aws: { region: 'eu-west-1', allowedCidrs: { ssh: ['192.0.2.0/24'] } } },
  gcp: { gcp: { project: 'kube-test-project', region: 'europe-west1', allowedCidrs: { ssh: ['192.0.2.0/24'] } } },
  azure: {
    azure: {
      subscriptionId: '00000000-0000-0000-0000-000000000000',
      location: 'westeurope',
      sshPublicKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEZJTz5yTEV2y0zxR3hL4U6F0kQpQ4QzJ3s7r5L2y1aB test@example',
      allowedCidrs: { ssh: ['192.0.2.0/24'] },
    },
  },
};

export interface Variant {
  name?: string;
  workers?: number;
  cni?: Record<string, unknown>;
  phase1?: Record<string, unknown>;
  cloud?: Record<string, unknown>;
}

export function testConfig(cloud: Cloud, topology: Topology, v: Variant = {}): ClusterConfig {
  const raw = {
    name: v.name ?? 'demo',
    topology: { ...SHAPES[topology], ...(v.workers !== undefined ? { workers: v.workers } : {}) },
    phase1: { cloudProvider: cloud, ...v.phase1, [cloud]: { ...CLOUD_SETTINGS[cloud][cloud] as object, ...v.cloud } },
    phase3: { cni: v.cni ?? { plugin: 'flannel' } },
  };
  return checkConfig(`${cloud}-${topology}.json`, raw).config;
}

export interface Synthesized {
  config: ClusterConfig;
  provider: CloudProvider;
  paths: ClusterPaths;
  bundles: NodeBundle[];
  network: TfJson;
  nodes: TfJson;
  networkBytes: number;
  nodesBytes: number;
}

export type TfJson = {
  resource: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, Record<string, Record<string, unknown>>>;
  output?: Record<string, { value: unknown }>;
  provider: Record<string, unknown[]>;
  terraform: Record<string, unknown>;
};

/** Phase 2 (real) on the provisional inventory, then both stacks, as `kube-anywhere render` does. */
export async function synthCluster(config: ClusterConfig, root = mkdtempSync(join(tmpdir(), 'ka-synth-'))): Promise<Synthesized> {
  const provider = await loadProvider(config.phase1.cloudProvider);
  const paths = clusterPaths(root, config.name);
  const inventory = provider.provisionalInventory(config);
  const bundles = await renderBootstrap(config, inventory, paths, { onMessage: () => {} });
  const files = (['network', 'nodes'] as const).map((stack) =>
    provider.synth(stack, { config, inventory, bundles, outDir: paths.terraform(stack), ignitionDir: paths.ignition }),
  );
  const [network, nodes] = files.map((f) => JSON.parse(readFileSync(f, 'utf8')) as TfJson);
  const [networkBytes, nodesBytes] = files.map((f) => readFileSync(f).length);
  return { config, provider, paths, bundles, network, nodes, networkBytes, nodesBytes };
}

/** Resource counts by type. */
export const counts = (j: TfJson): Record<string, number> => Object.fromEntries(Object.entries(j.resource).map(([t, rs]) => [t, Object.keys(rs).length]));

/** Every resource of a type, as plain objects (the "//" metadata dropped). */
export const resources = (j: TfJson, type: string): Record<string, unknown>[] => Object.values(j.resource[type] ?? {});

/** Runs the real ignition-validate (Debian package `ignition`) on a config: '' when valid, else its report. */
export function ignitionValidate(configText: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'ka-ign-'));
  const file = join(dir, 'config.ign');
  writeFileSync(file, configText);
  try {
    execFileSync('ignition-validate', [file], { encoding: 'utf8', stdio: 'pipe' });
    return '';
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; message: string };
    return `${err.stdout ?? ''}${err.stderr ?? ''}` || err.message;
  }
}

/** What a topology should produce: machines per role, a load balancer, and the two zones the fixtures use. */
export function topologyShape(c: ClusterConfig): { masters: number; etcd: number; workers: number; lb: boolean; zones: number } {
  const t = c.topology;
  return { masters: t.masters, etcd: t.etcd.placement === 'dedicated' ? t.etcd.count : 0, workers: t.workers, lb: t.masters > 1, zones: 2 };
}

/**
 * The static machines of each topology in the default node CIDR 10.0.0.0/16 over two zones, stated
 * as literals (never from providers/common/ip-plan.ts): masters from .10 and dedicated etcd members
 * from .30 of their zone's control-plane /24 (10.0.0.0/24, 10.0.1.0/24), round-robin over the zones,
 * clear of the addresses every cloud reserves at the start of a subnet (AWS and Azure: 4, GCP: 2).
 */
export interface StaticNode { name: string; role: 'master' | 'etcd'; zone: number; ip: string }
const MASTERS_1: StaticNode[] = [{ name: 'demo-master-0', role: 'master', zone: 0, ip: '10.0.0.10' }];
const MASTERS_3: StaticNode[] = [
  ...MASTERS_1,
  { name: 'demo-master-1', role: 'master', zone: 1, ip: '10.0.1.10' },
  { name: 'demo-master-2', role: 'master', zone: 0, ip: '10.0.0.11' },
];
export const STATIC_NODES: Record<Topology, StaticNode[]> = {
  single: MASTERS_1,
  'one-master': MASTERS_1,
  ha: MASTERS_3,
  'ha-dedicated-etcd': [
    ...MASTERS_3,
    { name: 'demo-etcd-0', role: 'etcd', zone: 0, ip: '10.0.0.30' },
    { name: 'demo-etcd-1', role: 'etcd', zone: 1, ip: '10.0.1.30' },
    { name: 'demo-etcd-2', role: 'etcd', zone: 0, ip: '10.0.0.31' },
  ],
};

/** What a topology is named by in testConfig: the inverse of SHAPES, for tests that hold only the config. */
export function topologyOf(c: ClusterConfig): Topology {
  const t = c.topology;
  if (t.etcd.placement === 'dedicated') return 'ha-dedicated-etcd';
  if (t.masters > 1) return 'ha';
  return t.workers ? 'one-master' : 'single';
}

/** The nodes stack again, every pointer config padded to exactly `bytes` bytes of JSON (for the user-data limits). */
export function synthNodesWithPointerSize(s: Synthesized, bytes: number): () => string {
  const padded = s.bundles.map((b) => {
    const base = Buffer.byteLength(JSON.stringify({ ...b.pointer, pad: '' }));
    return { ...b, pointer: { ...b.pointer!, pad: 'x'.repeat(bytes - base) } };
  });
  for (const b of padded) if (Buffer.byteLength(JSON.stringify(b.pointer)) !== bytes) throw new Error('padding missed its size');
  return () =>
    s.provider.synth('nodes', { config: s.config, inventory: s.provider.provisionalInventory(s.config), bundles: padded, outDir: s.paths.terraform('nodes'), ignitionDir: s.paths.ignition });
}
