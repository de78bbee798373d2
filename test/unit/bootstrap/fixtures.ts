// Configs and inventories the phase 2 tests share: a cloud cluster (AWS-shaped inventory) and bare metal.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkConfig } from '../../../config-schema/load.js';
import type { ClusterConfig } from '../../../config-schema/types.js';
import type { IgnitionConfig, Inventory } from '../../../lib/contracts.js';
import { clusterPaths, type ClusterPaths } from '../../../lib/paths.js';
import { bareMetalInventory } from '../../../providers/baremetal/inventory.js';
import { cloudInventory } from '../../../providers/common/inventory.js';

export const tempDir = (prefix = 'ka-bootstrap-'): string => mkdtempSync(join(tmpdir(), prefix));

export interface Cluster {
  config: ClusterConfig;
  inventory: Inventory;
  paths: ClusterPaths;
}

export function cloudCluster(overrides: Record<string, unknown> = {}, dir = tempDir()): Cluster {
  const { config } = checkConfig('test.json', {
    name: 'demo',
    topology: { masters: 3, etcd: { placement: 'dedicated', count: 3 }, workers: 4 },
    phase1: { cloudProvider: 'aws', aws: { region: 'eu-west-1' } },
    ...overrides,
  });
  const inventory = cloudInventory(config, 2, { apiHost: 'demo-api-0123.elb.eu-west-1.amazonaws.com', ignitionBaseUrl: 's3://demo-ignition-abc/ignition' });
  return { config, inventory, paths: clusterPaths(dir, config.name) };
}

export interface Host {
  name: string;
  ip: string;
  roles: string[];
  sshPort?: number;
}

export function bareMetalConfig(hosts: Host[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  const count = (r: string) => hosts.filter((h) => h.roles.includes(r)).length;
  return {
    name: 'metal',
    topology: { masters: count('master'), etcd: { placement: hosts.some((h) => h.roles.includes('etcd') && !h.roles.includes('master')) ? 'dedicated' : 'colocated', count: count('etcd') }, workers: count('worker') },
    network: { nodeCidr: '192.168.10.0/24' },
    phase1: { cloudProvider: 'baremetal', baremetal: { hosts } },
    ...extra,
  };
}

export const METAL_HOSTS: Host[] = [
  { name: 'm0', ip: '192.168.10.10', roles: ['master', 'etcd'] },
  { name: 'w0', ip: '192.168.10.20', roles: ['worker'] },
  { name: 'w1', ip: '192.168.10.21', roles: ['worker'] },
];

export function bareMetalCluster(hosts: Host[] = METAL_HOSTS, extra: Record<string, unknown> = {}, dir = tempDir()): Cluster {
  const { config } = checkConfig('test.json', bareMetalConfig(hosts, extra));
  return { config, inventory: bareMetalInventory(config), paths: clusterPaths(dir, config.name) };
}

/** Every file under a directory with its mode and content hash: "nothing changed" is equality of two of these. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[p.slice(dir.length + 1)] = `${(statSync(p).mode & 0o777).toString(8)} ${createHash('sha256').update(readFileSync(p)).digest('hex')}`;
    }
  };
  walk(dir);
  return out;
}

type IgnFile = { path: string; mode: number; contents: { source: string } };

/** The decoded content of a file in an Ignition config, or undefined. */
export function ignFile(cfg: IgnitionConfig, path: string): string | undefined {
  const f = ((cfg as { storage?: { files?: IgnFile[] } }).storage?.files ?? []).find((x) => x.path === path);
  if (!f) return undefined;
  const m = /^data:[^,]*;base64,(.*)$/.exec(f.contents.source);
  return m ? Buffer.from(m[1], 'base64').toString() : decodeURIComponent(f.contents.source.replace(/^data:[^,]*,/, ''));
}

export function ignFiles(cfg: IgnitionConfig): IgnFile[] {
  return (cfg as { storage?: { files?: IgnFile[] } }).storage?.files ?? [];
}

export function ignUnits(cfg: IgnitionConfig): { name: string; enabled?: boolean; contents?: string }[] {
  return (cfg as { systemd?: { units?: { name: string; enabled?: boolean; contents?: string }[] } }).systemd?.units ?? [];
}
