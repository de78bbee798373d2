#!/usr/bin/env node
// FAKE kubectl, for tests only: no Kubernetes API server can run on the test machines. It records
// every call (argv, KUBECTL_APPLYSET) to <FAKE_KUBECTL_DIR>/calls.jsonl and plays the scenario in
// <FAKE_KUBECTL_DIR>/scenario.json. Where real kubectl 1.32 rejects a flag combination before
// talking to a server, this fake rejects it with the same message (test/integration/addons/
// real-kubectl.test checks those messages against the real binary), and it models what the apply
// logic depends on: CRDs must be established before their custom resources are applied, and an
// ApplySet apply prunes the members no longer applied.
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import YAML from 'yaml';

export interface FakeScenario {
  /** /readyz fails this many times, then answers ok; null: never ready. */
  readyAfter?: number | null;
  /** stderr of a failing /readyz (default: connection refused). */
  readyzError?: string;
  /** Addon labels of the CNI DaemonSets "running" before the first apply. */
  runningCni?: string[];
  /** Workloads ("daemonset/name") whose rollout never finishes. */
  stuck?: string[];
  /** `get pods -l <selector>`: items per selector. */
  pods?: Record<string, unknown[]>;
  /** `get events --field-selector ...involvedObject.name=<name>`: items per name. */
  events?: Record<string, unknown[]>;
}

interface State {
  readyzCalls: number;
  established: string[];
  /** ApplySet members: "<Kind>/<name>" -> addon label. */
  applyset: Record<string, string>;
}

const dir = process.env.FAKE_KUBECTL_DIR ?? '.';
const scenario: FakeScenario = existsSync(join(dir, 'scenario.json')) ? JSON.parse(readFileSync(join(dir, 'scenario.json'), 'utf8')) : {};
const stateFile = join(dir, 'state.json');
const state: State = existsSync(stateFile) ? JSON.parse(readFileSync(stateFile, 'utf8')) : { readyzCalls: 0, established: [], applyset: {} };
const argv = process.argv.slice(2);
appendFileSync(join(dir, 'calls.jsonl'), JSON.stringify({ argv, KUBECTL_APPLYSET: process.env.KUBECTL_APPLYSET ?? null }) + '\n');

function exit(code: number, out = '', err = ''): never {
  writeFileSync(stateFile, JSON.stringify(state));
  if (out) process.stdout.write(out.endsWith('\n') ? out : out + '\n');
  if (err) process.stderr.write(err.endsWith('\n') ? err : err + '\n');
  process.exit(code);
}

/** The value of a flag given as `--flag value` or `--flag=value`; all of them for repeated flags. */
function flags(name: string): string[] {
  const out: string[] = [];
  argv.forEach((a, i) => {
    if (a === name) out.push(argv[i + 1]);
    else if (a.startsWith(`${name}=`)) out.push(a.slice(name.length + 1));
  });
  return out;
}
const has = (name: string) => argv.some((a) => a === name || a.startsWith(`${name}=`));
const positional = (): string[] => {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--') && !a.includes('=') && ['--kubeconfig', '--field-manager', '--for', '--field-selector'].includes(a)) i++;
    else if (['-n', '-l', '-f', '-o'].includes(a)) i++;
    else if (!a.startsWith('-')) out.push(a);
  }
  return out;
};

type Obj = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string> } };
const readObjects = (file: string): Obj[] =>
  YAML.parseAllDocuments(readFileSync(file, 'utf8'))
    .filter((d) => d.contents !== null)
    .map((d) => d.toJS() as Obj);
const plural = (kind: string) => kind.toLowerCase() + (kind.endsWith('y') ? '' : 's');

const kubeconfig = flags('--kubeconfig')[0];
if (kubeconfig && !existsSync(kubeconfig)) exit(1, '', `error: stat ${kubeconfig}: no such file or directory`);
const [verb, ...rest] = positional();

if (verb === 'get' && flags('--raw')[0] === '/readyz') {
  state.readyzCalls++;
  const after = scenario.readyAfter === undefined ? 0 : scenario.readyAfter;
  if (after !== null && state.readyzCalls > after) exit(0, 'ok');
  exit(1, '', scenario.readyzError ?? 'The connection to the server 10.0.0.5:6443 was refused - did you specify the right host or port?');
}

if (verb === 'get' && rest[0] === 'daemonsets') {
  const items = (scenario.runningCni ?? []).map((cni) => ({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: `${cni}-ds`, namespace: 'kube-system', labels: { 'kube-anywhere.dev/addon': cni } } }));
  // After an apply, what the ApplySet holds is what runs.
  const applied = Object.entries(state.applyset)
    .filter(([k]) => k.startsWith('DaemonSet/'))
    .map(([k, addon]) => ({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: k.split('/')[1], namespace: 'kube-system', labels: { 'kube-anywhere.dev/addon': addon } } }))
    .filter((d) => ['flannel', 'calico'].includes(d.metadata.labels['kube-anywhere.dev/addon']));
  exit(0, JSON.stringify({ apiVersion: 'v1', kind: 'List', items: Object.keys(state.applyset).length ? applied : items }));
}

if (verb === 'get' && rest[0] === 'pods') exit(0, JSON.stringify({ kind: 'List', items: scenario.pods?.[flags('-l')[0]] ?? [] }));

if (verb === 'get' && rest[0] === 'events') {
  const name = /involvedObject\.name=([^,]+)/.exec(flags('--field-selector')[0] ?? '')?.[1] ?? '';
  exit(0, JSON.stringify({ kind: 'List', items: scenario.events?.[name] ?? [] }));
}

if (verb === 'apply') {
  // Real kubectl 1.32's flag checks, same messages (see real-kubectl.test).
  if (has('--applyset') && process.env.KUBECTL_APPLYSET !== 'true') exit(1, "", "Error: unknown flag: --applyset\nSee 'kubectl apply --help' for usage.");
  if (has('--prune') && has('--server-side') && !has('--applyset')) exit(1, '', "error: --prune is in alpha and doesn't currently work on objects created by server-side apply");
  if (has('--applyset') && (has('-l') || has('--selector'))) exit(1, '', 'error: --selector is incompatible with --applyset');
  const files = flags('-f');
  if (!files.length) exit(1, '', 'error: must specify one of -f and -k');
  const objects = files.flatMap(readObjects);
  const builtin = /^(v1|apps\/v1|rbac\.authorization\.k8s\.io\/v1|apiextensions\.k8s\.io\/v1)$/;
  for (const o of objects) {
    if (!builtin.test(o.apiVersion) && !state.established.includes(o.kind)) {
      exit(1, '', `error: resource mapping not found for name: "${o.metadata.name}" namespace: "" from "${files[0]}": no matches for kind "${o.kind}" in version "${o.apiVersion}"\nensure CRDs are installed first`);
    }
  }
  const ns = flags('-n')[0];
  if (ns) for (const o of objects) if (o.metadata.namespace && o.metadata.namespace !== ns) exit(1, '', `error: the namespace from the provided object "${o.metadata.namespace}" does not match the namespace "${ns}". You must pass '--namespace=${o.metadata.namespace}' to perform this operation.`);
  const lines = objects.map((o) => `${plural(o.kind)}/${o.metadata.name} serverside-applied`);
  if (has('--applyset')) {
    const next: Record<string, string> = {};
    for (const o of objects) next[`${o.kind}/${o.metadata.name}`] = o.metadata.labels?.['kube-anywhere.dev/addon'] ?? '';
    for (const k of Object.keys(state.applyset)) if (!(k in next)) lines.push(`${plural(k.split('/')[0])}/${k.split('/')[1]} pruned`);
    state.applyset = next;
  }
  exit(0, lines.join('\n'));
}

if (verb === 'wait') {
  for (const o of flags('-f').flatMap(readObjects)) if (o.kind === 'CustomResourceDefinition') state.established.push((o as unknown as { spec: { names: { kind: string } } }).spec.names.kind);
  exit(0, 'condition met');
}

if (verb === 'rollout' && rest[0] === 'status') {
  const ref = rest[1];
  const [kind, name] = ref.split('/');
  if (scenario.stuck?.includes(ref)) {
    exit(1, `Waiting for ${kind === 'daemonset' ? 'daemon set' : 'deployment'} "${name}" rollout to finish: 0 of 2 updated pods are available...`, 'error: timed out waiting for the condition');
  }
  exit(0, `${kind === 'daemonset' ? 'daemon set' : 'deployment'} "${name}" successfully rolled out`);
}

exit(1, '', `fake kubectl: unsupported call: ${argv.join(' ')}`);
