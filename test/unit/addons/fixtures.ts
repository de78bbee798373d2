// Shared by the addon tests: a validated bare-metal config (defaults applied), its Inventory and
// cluster paths in a temporary directory, and the bootstrap token phase 2 would have minted.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import YAML from 'yaml';
import { checkConfig } from '../../../config-schema/load.js';
import type { ClusterConfig } from '../../../config-schema/types.js';
import type { Inventory } from '../../../lib/contracts.js';
import { clusterPaths, type ClusterPaths } from '../../../lib/paths.js';
import { bareMetalInventory } from '../../../providers/baremetal/inventory.js';

export const TOKEN = 'abcdef.0123456789abcdef';
export const API = { host: '10.0.0.5', port: 6443 };

export interface TestCluster {
  dir: string;
  file: string;
  config: ClusterConfig;
  inventory: Inventory;
  paths: ClusterPaths;
}

export function rawConfig(phase3: Record<string, unknown> = {}, network: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'demo',
    topology: { workers: 1 },
    network,
    phase1: {
      cloudProvider: 'baremetal',
      baremetal: {
        apiEndpoint: `${API.host}:${API.port}`,
        hosts: [
          { name: 'm1', ip: '10.0.0.5', roles: ['master', 'etcd'] },
          { name: 'w1', ip: '10.0.0.6', roles: ['worker'] },
        ],
      },
    },
    phase3,
  };
}

/** A cluster directory with .config.json, and pki/bootstrap-token unless token is null. */
export function testCluster(raw: Record<string, unknown> = rawConfig(), token: string | null = TOKEN, dir = mkdtempSync(join(tmpdir(), 'ka-addons-'))): TestCluster {
  const file = join(dir, 'cluster.json');
  writeFileSync(file, JSON.stringify(raw));
  const { config } = checkConfig(file, raw);
  const paths = clusterPaths(join(dir, 'clusters'), config.name);
  if (token !== null) {
    mkdirSync(paths.pki, { recursive: true, mode: 0o700 });
    writeFileSync(join(paths.pki, 'bootstrap-token'), token + '\n', { mode: 0o600 });
  }
  return { dir, file, config, inventory: bareMetalInventory(config), paths };
}

type Obj = { kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string> } } & Record<string, any>;

/** Objects of a rendered file, parsed back from disk (what kubectl would read). */
export function objectsOf(file: string): Obj[] {
  return YAML.parseAllDocuments(readFileSync(file, "utf8"))
    .filter((d) => d.contents !== null)
    .map((d) => d.toJS() as Obj);
}



export function find(objs: Obj[], kind: string, name: string): Obj {
  const o = objs.find((x) => x.kind === kind && x.metadata.name === name);
  if (!o) throw new Error(`${kind} ${name} not rendered; have ${objs.map((x) => `${x.kind}/${x.metadata.name}`).join(', ')}`);
  return o;
}
