// Turning typed text into schema-typed values (--set, and the wizard's text answers), checked
// against the key's own schema so a bad value is reported at once, with the key's path.
import { closest } from 'fastest-levenshtein';
import { EXIT_INVALID, UserError } from '../../lib/errors.js';
import { validatorFor } from '../ajv.js';
import { describeAjvErrors } from '../problems.js';
import { clusterSchema, schemaAt, type SchemaNode } from '../schema.js';

/** Parses text as the type the schema gives the key; throws an Error with a sentence when it cannot. */
export function parseTyped(node: SchemaNode, text: string): unknown {
  const t = text.trim();
  switch (node.type) {
    case 'integer': {
      if (!/^-?\d+$/.test(t)) throw new Error(`must be a whole number (got ${JSON.stringify(text)})`);
      return Number(t);
    }
    case 'number': {
      if (t === '' || Number.isNaN(Number(t))) throw new Error(`must be a number (got ${JSON.stringify(text)})`);
      return Number(t);
    }
    case 'boolean': {
      if (/^(true|yes|y|on|1)$/i.test(t)) return true;
      if (/^(false|no|n|off|0)$/i.test(t)) return false;
      throw new Error(`must be true or false (got ${JSON.stringify(text)})`);
    }
    case 'array':
      if (t.startsWith('[')) return parseJson(t);
      return t === '' ? [] : t.split(',').map((s) => s.trim()).filter(Boolean);
    case 'object':
      return parseJson(t);
    default:
      return text;
  }
}

function parseJson(t: string): unknown {
  try {
    return JSON.parse(t);
  } catch {
    throw new Error(`must be JSON here (got ${JSON.stringify(t)})`);
  }
}

/** Problems with one value checked against its own schema, as sentences (empty when fine). */
export function checkValue(node: SchemaNode, value: unknown, path = ''): string[] {
  const errors = validatorFor(node)(value);
  return describeAjvErrors(errors, value, path).map((p) => (p.path && p.path !== path ? `${p.path}: ${p.message}` : p.message));
}

/** `--set a.b=value`: the path (which must be a known key) and its typed, checked value. */
export function parseSetFlag(flag: string): { path: string; value: unknown } {
  const eq = flag.indexOf('=');
  if (eq <= 0) throw new UserError(`error: --set ${flag}: expected PATH=VALUE, e.g. --set topology.masters=3`, EXIT_INVALID);
  const path = flag.slice(0, eq).trim();
  const node = schemaAt(path);
  if (!node) throw new UserError(`error: --set ${flag}: unknown key "${path}"${nearestKeyHint(path)}`, EXIT_INVALID);
  let value: unknown;
  try {
    value = parseTyped(node, flag.slice(eq + 1));
  } catch (e) {
    throw new UserError(`error: --set ${flag}: ${path} ${(e as Error).message}`, EXIT_INVALID);
  }
  const problems = checkValue(node, value, path);
  if (problems.length) throw new UserError(`error: --set ${flag}: ${path} ${problems.join('; ')}`, EXIT_INVALID);
  return { path, value };
}

function nearestKeyHint(path: string): string {
  const parts = path.split('.');
  const parent = schemaAt(parts.slice(0, -1).join('.'), clusterSchema());
  const keys = Object.keys(parent?.properties ?? {});
  if (!keys.length) return '';
  return `; did you mean "${[...parts.slice(0, -1), closest(parts[parts.length - 1], keys)].join('.')}"? Known keys there: ${keys.join(', ')}`;
}
