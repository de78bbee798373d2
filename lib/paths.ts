import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/** The kube-anywhere package root (where package.json, templates and the schema live), from src or dist. */
export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).name === 'kube-anywhere') return (root = dir);
    const up = dirname(dir);
    if (up === dir) throw new Error('kube-anywhere package root not found');
    dir = up;
  }
}

/** A file shipped with kube-anywhere (template, schema), by its path from the package root. */
export function packageFile(...parts: string[]): string {
  return join(packageRoot(), ...parts);
}

/** Everything kube-anywhere writes for one cluster, under <stateDir>/<name>/ (DESIGN.md, output layout). */
export interface ClusterPaths {
  root: string;
  stateFile: string;
  terraform: (stack: string) => string;
  pki: string;
  ignition: string;
  addons: string;
  kubeconfig: string;
  logs: string;
}

export function clusterPaths(stateDir: string, name: string): ClusterPaths {
  const r = resolve(stateDir, name);
  return {
    root: r,
    stateFile: join(r, 'state.json'),
    terraform: (stack) => join(r, 'terraform', stack),
    pki: join(r, 'pki'),
    ignition: join(r, 'ignition'),
    addons: join(r, 'addons'),
    kubeconfig: join(r, 'kubeconfig'),
    logs: join(r, 'logs'),
  };
}

export const DEFAULT_CONFIG_FILE = '.config.json';
export const DEFAULT_STATE_DIR = 'clusters';
