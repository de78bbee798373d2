// Names of cloud resources derived from the cluster name, with each cloud's length and character
// rules. Providers take names from here, and validation checks them here, so a cluster name that
// passes `validate` fits every resource it will name.
import { createHash } from 'node:crypto';

export interface NameRule {
  max: number;
  min?: number;
  pattern: RegExp;
  accepted: string;
}

const HYPHENATED: NameRule = { max: 63, pattern: /^[a-z]([-a-z0-9]*[a-z0-9])?$/, accepted: 'lowercase letters, digits and hyphens' };
const rule = (max: number, base: NameRule = HYPHENATED, min?: number): NameRule => ({ ...base, max, min });
const ALNUM: NameRule = { max: 24, min: 3, pattern: /^[a-z0-9]+$/, accepted: 'lowercase letters and digits only' };

/** A short stable suffix (hex) for globally unique names such as buckets. */
export function uniqueSuffix(cluster: string, scope: string, length = 8): string {
  return createHash('sha256').update(`${scope}/${cluster}`).digest('hex').slice(0, length);
}

type NameTable = Record<string, { make: (cluster: string, scope: string) => string; rule: NameRule }>;

/** Per cloud, the resources whose names derive from the cluster name. `scope` is the account/project/subscription. */
export const RESOURCE_NAMES = {
  aws: {
    loadBalancer: { make: (c) => `${c}-api`, rule: rule(32) },
    targetGroup: { make: (c) => `${c}-api`, rule: rule(32) },
    nodeRole: { make: (c) => `${c}-node`, rule: rule(64) },
    // bucket_prefix: AWS appends a unique suffix (bucket names are global; the account is not known at synth).
    ignitionBucketPrefix: { make: (c) => `${c}-ignition-`, rule: { max: 37, pattern: /^[a-z][-a-z0-9]*-$/, accepted: 'lowercase letters, digits and hyphens' } },
    workerGroup: { make: (c) => `${c}-worker`, rule: rule(255) },
  },
  gcp: {
    serviceAccount: { make: (c) => `${c}-node`, rule: rule(30, HYPHENATED, 6) },
    network: { make: (c) => `${c}-net`, rule: rule(63) },
    workerTemplate: { make: (c) => `${c}-worker`, rule: rule(54) }, // the provider appends a 9-character suffix when rolling templates
    ignitionBucket: { make: (c, s) => `${c}-ignition-${uniqueSuffix(c, s)}`, rule: rule(63) },
    forwardingRule: { make: (c) => `${c}-api`, rule: rule(63) },
    controlPlaneSubnet: { make: (c) => `${c}-cp`, rule: rule(60) }, // + "-<zone index>"
    workerSubnet: { make: (c) => `${c}-workers`, rule: rule(63) },
    masterGroup: { make: (c) => `${c}-masters`, rule: rule(60) }, // + "-<zone index>"
    workerGroup: { make: (c) => `${c}-worker`, rule: rule(58) }, // also the base instance name: the group appends "-xxxx"
  },
  azure: {
    resourceGroup: { make: (c) => `${c}-rg`, rule: rule(90) },
    storageAccount: { make: (c, s) => `${c.replace(/-/g, '')}ign${uniqueSuffix(c, s, 6)}`, rule: ALNUM },
    loadBalancer: { make: (c) => `${c}-api`, rule: rule(80) },
    workerScaleSet: { make: (c) => `${c}-worker`, rule: rule(64) },
    vnet: { make: (c) => `${c}-vnet`, rule: rule(64) },
    controlPlaneSubnet: { make: (c) => `${c}-cp`, rule: rule(77) }, // + "-<zone index>"
    workerSubnet: { make: (c) => `${c}-workers`, rule: rule(80) },
    nsg: { make: (c) => `${c}-nsg`, rule: rule(80) },
    identity: { make: (c) => `${c}-node`, rule: rule(128) },
  },
  local: {
    // Machine names are host names and kubelet node names (a DNS label); the longest is a worker's.
    machine: { make: (c) => `${c}-worker-99`, rule: rule(63) },
    // Interface names are at most 15 bytes (IFNAMSIZ): a stable hash of the cluster name stands in for it.
    bridge: { make: (c) => `ka-${uniqueSuffix(c, 'local')}`, rule: { max: 15, pattern: /^[a-z0-9-]+$/, accepted: 'an interface name' } },
    hostVeth: { make: (c) => `ka${uniqueSuffix(c, 'local')}-99`, rule: { max: 15, pattern: /^[a-z0-9-]+$/, accepted: 'an interface name' } },
  },
} satisfies Record<'aws' | 'gcp' | 'azure' | 'local', NameTable>;

export type NamedCloud = keyof typeof RESOURCE_NAMES;

export function resourceName<C extends NamedCloud>(cloud: C, kind: keyof (typeof RESOURCE_NAMES)[C], cluster: string, scope = ''): string {
  const table = RESOURCE_NAMES[cloud] as NameTable;
  return table[kind as string].make(cluster, scope);
}

/** Every name the cluster name would produce that breaks its cloud's rules, as sentences. */
export function nameViolations(cloud: NamedCloud, cluster: string): string[] {
  const out: string[] = [];
  for (const [kind, { make, rule: r }] of Object.entries(RESOURCE_NAMES[cloud] as NameTable)) {
    const name = make(cluster, 'scope');
    if (name.length > r.max) out.push(`gives the ${cloud} ${kind} name "${name}" of ${name.length} characters; at most ${r.max} are allowed`);
    else if (r.min && name.length < r.min) out.push(`gives the ${cloud} ${kind} name "${name}"; at least ${r.min} characters are needed`);
    else if (!r.pattern.test(name)) out.push(`gives the ${cloud} ${kind} name "${name}"; it allows ${r.accepted}`);
  }
  return out;
}
