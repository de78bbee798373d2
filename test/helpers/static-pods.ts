// Running rendered static pods as plain processes: a node's Ignition files are laid out under a
// directory as Ignition would write them under /, and a static pod's container command is read
// from its manifest there, with the node paths it names moved into that directory.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import type { NodeBundle } from '../../lib/contracts.js';
import { ignFile, ignFiles } from '../unit/bootstrap/fixtures.js';

/** The node paths a static pod names that a test run must move into the laid-out root. */
const NODE_PATHS = ['/etc/kubernetes', '/var/lib/etcd', '/var/log/kubernetes'];

/** Lays a node's Ignition files out under <work>/<node id>/; returns that root. */
export function layOut(work: string, b: NodeBundle): string {
  const root = join(work, b.id);
  for (const f of ignFiles(b.full)) {
    mkdirSync(dirname(join(root, f.path)), { recursive: true });
    writeFileSync(join(root, f.path), ignFile(b.full, f.path)!, { mode: f.mode });
  }
  return root;
}

/** The arguments of a static pod's first container (its command without the program), paths moved into root. */
export function staticPodArgs(root: string, manifest: string): string[] {
  const pod = parse(readFileSync(join(root, 'etc/kubernetes/manifests', manifest), 'utf8'));
  const remap = (a: string) => NODE_PATHS.reduce((s, p) => s.replaceAll(p, join(root, p.slice(1))), a);
  return (pod.spec.containers[0].command as string[]).slice(1).map(remap);
}
