// The wizard's questions, in schema order: every leaf setting (or list of hosts) with the menus it
// sits in. Nothing here is written by hand per setting: a new schema key is a new question.
import { clusterSchema, type SchemaNode } from '../schema.js';

export interface Question {
  /** Dotted path, e.g. topology.etcd.count. */
  path: string;
  node: SchemaNode;
  /** Menus from the root down, e.g. ["Phase 1: provisioning", "AWS", "Access"]. */
  menus: string[];
}

const isLeaf = (n: SchemaNode) => n.type !== 'object' || n.properties === undefined;

export function questions(root: SchemaNode = clusterSchema()): Question[] {
  const out: Question[] = [];
  const walk = (node: SchemaNode, path: string, menus: string[]) => {
    for (const [key, child] of Object.entries(node.properties ?? {})) {
      const p = path ? `${path}.${key}` : key;
      if (child['x-wizard'] === 'skip') continue;
      // A leaf's own x-menu asks it in that menu of its phase (e.g. the air-gapped gate and the
      // image mirrors sit in "Mirrors (air-gapped sites)" beside phase2.downloads).
      if (isLeaf(child)) out.push({ path: p, node: child, menus: child['x-menu'] ? [...menus.slice(0, 1), String(child['x-menu'])] : menus });
      else walk(child, p, child['x-menu'] ? [...menus, child['x-menu']] : menus);
    }
  };
  walk(root, '', []);
  for (const q of out) if (!q.menus.length) q.menus = [String(root['x-menu'] ?? 'Cluster')];
  return out;
}

/** The text shown for `?`: the description, the accepted values and the default. */
export function helpText(q: Question): string {
  const n = q.node;
  const lines = [`${q.path}: ${n.description ?? ''}`];
  if (n.enum) lines.push(`Accepted: ${n.enum.map((v) => JSON.stringify(v)).join(', ')}`);
  if (n.minimum !== undefined || n.maximum !== undefined) lines.push(`Range: ${n.minimum ?? '…'} to ${n.maximum ?? '…'}`);
  if (n.default !== undefined) lines.push(`Default: ${JSON.stringify(n.default)}`);
  return lines.join('\n');
}
