// ajv's errors as sentences a user can act on: the JSON path, the bad value, what is accepted.
import type { ErrorObject } from 'ajv';
import { closest } from 'fastest-levenshtein';
import type { ConfigProblem } from '../lib/errors.js';
import { schemaAt } from './schema.js';

/** /topology/etcd/count -> topology.etcd.count */
export const dotted = (pointer: string): string =>
  pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~')).join('.');

const show = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v) ?? String(v));

/** `basePath`: where `data` sits in the whole config, when a single value is checked on its own. */
export function describeAjvError(e: ErrorObject, data: unknown, basePath = ''): ConfigProblem {
  const local = dotted(e.instancePath);
  const path = [basePath, local].filter(Boolean).join('.');
  // Map keys may hold dots (phase2.images.mirrors["registry.k8s.io"]): read such a value by its pointer.
  const value = e.instancePath ? pointerValue(data, e.instancePath) : data;
  const p = e.params as Record<string, unknown>;
  const got = ` (got ${show(value)})`;
  let message: string;
  // A map key outside propertyNames' enum (phase2.images.mirrors): ajv reports the key's own enum
  // error (with propertyName) and a propertyNames error; both become one "unknown key" problem.
  const badKey = e.propertyName ?? (e.keyword === 'propertyNames' ? String(p.propertyName) : undefined);
  if (badKey !== undefined) {
    const accepted = (schemaAt(path)?.propertyNames as { enum?: unknown[] } | undefined)?.enum ?? [];
    return { path: `${path}.${badKey}`, severity: 'error', message: `unknown key ${show(badKey)}; accepted keys: ${accepted.map(show).join(', ')}` };
  }
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(p.additionalProperty);
      const known = Object.keys(schemaAt(path)?.properties ?? {});
      const near = known.length ? closest(key, known) : undefined;
      return {
        path: path ? `${path}.${key}` : key,
        severity: 'error',
        message: `unknown key "${key}"${near ? `; did you mean "${near}"?` : ''} Known keys here: ${known.join(', ')}`,
      };
    }
    case 'required':
      return { path: path ? `${path}.${p.missingProperty}` : String(p.missingProperty), severity: 'error', message: 'is required' };
    case 'enum':
      message = `must be one of ${(p.allowedValues as unknown[]).map(show).join(', ')}${got}`;
      break;
    case 'type':
      message = `must be ${p.type === 'integer' ? 'a whole number' : `of type ${p.type}`}${got}`;
      break;
    case 'format':
      message = `must be ${FORMATS[String(p.format)] ?? `a ${p.format}`}${got}`;
      break;
    case 'pattern':
      message = `${PATTERNS[patternKey(path)] ?? `must match ${p.pattern}`}${got}`;
      break;
    case 'minimum':
    case 'maximum':
      message = `must be ${e.keyword === 'minimum' ? 'at least' : 'at most'} ${p.limit}${got}`;
      break;
    case 'minLength':
    case 'maxLength':
      message = `must be ${e.keyword === 'minLength' ? 'at least' : 'at most'} ${p.limit} characters long${got}`;
      break;
    case 'minItems':
      message = `must list at least ${p.limit} item(s)${got}`;
      break;
    case 'uniqueItems':
      message = `must not list the same item twice${got}`;
      break;
    default:
      message = `${e.message ?? 'is invalid'}${got}`;
  }
  return { path, severity: 'error', message };
}

const FORMATS: Record<string, string> = {
  cidr: 'an address range such as 10.0.0.0/16',
  ipv4: 'an IPv4 address such as 10.0.0.10',
  hostname: 'a DNS name such as cluster.local',
  uri: 'a URL such as http://127.0.0.1:5000',
};

const PATTERNS: Record<string, string> = {
  name: 'must be a lowercase DNS label: letters, digits and hyphens, starting with a letter, not ending with a hyphen',
  kubernetesVersion: 'must be a Kubernetes release as MAJOR.MINOR.PATCH, such as 1.37.2 (no leading v)',
  'phase1.aws.region': 'must be an AWS region such as us-east-1',
  'phase1.aws.image': 'must be an AMI id such as ami-0123456789abcdef0, or empty for Flatcar',
  'phase1.gcp.project': 'must be a GCP project id: 6 to 30 lowercase letters, digits or hyphens, starting with a letter',
  'phase1.azure.subscriptionId': 'must be a subscription id (a GUID such as 00000000-0000-0000-0000-000000000000)',
  'phase1.baremetal.apiEndpoint': 'must be host[:port], such as 10.0.0.5 or api.example.com:6443',
  'phase1.baremetal.hosts.N.name': 'must be a host name: a lowercase DNS label',
  'phase2.images.etcdVersion': 'must be an etcd image tag such as 3.7.0-0',
  'phase2.images.mirrors.*': 'must be an http:// or https:// URL such as http://10.0.0.3:5000/registry.k8s.io',
  'phase2.downloads.baseUrl': 'must be empty (upstream URLs) or an http:// or https:// URL such as http://10.0.0.3:8080',
};

const patternKey = (path: string) => (path.startsWith('phase2.images.mirrors.') ? 'phase2.images.mirrors.*' : path.replace(/\.\d+\./g, '.N.'));

function pointerValue(data: unknown, pointer: string): unknown {
  let cur = data;
  for (const raw of pointer.split('/').slice(1)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[raw.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return cur;
}

/** ajv reports a bad `format` and a bad `pattern` on one value separately; keep one line per path and kind. */
export function describeAjvErrors(errors: ErrorObject[], data: unknown, basePath = ''): ConfigProblem[] {
  const seen = new Set<string>();
  const out: ConfigProblem[] = [];
  for (const e of errors) {
    const p = describeAjvError(e, data, basePath);
    const key = `${p.path}\0${p.message}`;
    if (!seen.has(key)) out.push(p), seen.add(key);
  }
  return out;
}
