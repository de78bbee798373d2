// The one cluster schema, and ways to look into it (the validator, the wizard and `--set` use these).
import { readFileSync } from 'node:fs';
import { packageFile } from '../lib/paths.js';

export interface SchemaNode {
  type?: string;
  description?: string;
  default?: unknown;
  enum?: unknown[];
  properties?: Record<string, SchemaNode>;
  additionalProperties?: boolean | SchemaNode;
  items?: SchemaNode;
  required?: string[];
  minimum?: number;
  maximum?: number;
  pattern?: string;
  format?: string;
  'x-menu'?: string;
  'x-prompt'?: string;
  /** Kconfig's `depends on`: dotted path -> accepted values; the key applies when every one holds. */
  'x-depends-on'?: Record<string, unknown[]>;
  /** Dotted path whose value is the default here (etcd count follows the number of masters). */
  'x-default-from'?: string;
  /** "skip": not asked by the wizard; "hosts": asked as a list of bare-metal hosts. */
  'x-wizard'?: 'skip' | 'hosts';
  [k: string]: unknown;
}

export const SCHEMA_FILE = packageFile('config-schema', 'cluster.schema.json');

let cached: SchemaNode | undefined;
export function clusterSchema(): SchemaNode {
  return (cached ??= JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as SchemaNode);
}

/** The schema of the value at a dotted path (array items by index), or undefined for an unknown key. */
export function schemaAt(path: string, root: SchemaNode = clusterSchema()): SchemaNode | undefined {
  let node: SchemaNode | undefined = root;
  for (const part of path.split('.').filter(Boolean)) {
    if (!node) return undefined;
    if (node.type === 'array') node = node.items;
    else if (node.properties && part in node.properties) node = node.properties[part];
    else if (typeof node.additionalProperties === 'object') node = node.additionalProperties;
    else return undefined;
  }
  return node;
}

export function getPath(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const part of path.split('.').filter(Boolean)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

export function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let cur = obj;
  for (const part of parts.slice(0, -1)) {
    if (cur[part] === null || typeof cur[part] !== 'object') cur[part] = {};
    cur = cur[part] as Record<string, unknown>;
  }
  cur[parts[parts.length - 1]] = value;
}

/** Does a key apply, given the answers so far (its own and its ancestors' `x-depends-on`)? */
export function applies(path: string, config: unknown, root: SchemaNode = clusterSchema()): boolean {
  const parts = path.split('.');
  for (let i = 1; i <= parts.length; i++) {
    const node = schemaAt(parts.slice(0, i).join('.'), root);
    for (const [dep, accepted] of Object.entries(node?.['x-depends-on'] ?? {})) {
      if (!accepted.includes(getPath(config, dep))) return false;
    }
  }
  return true;
}
