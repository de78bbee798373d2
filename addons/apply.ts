// `addons apply`: wait for /readyz, refuse an unforced CNI switch, apply the rendered files with
// server-side apply in one ApplySet (kubectl's label-based pruning), wait for every rollout and,
// when one is stuck, say which pods are not ready and why (their events).
//
// Why an ApplySet: kubectl 1.32 refuses `apply --server-side --prune -l ...` ("--prune is in alpha
// and doesn't currently work on objects created by server-side apply": label pruning only deletes
// objects that carry the client-side last-applied annotation). Its ApplySet pruning
// (KUBECTL_APPLYSET=true, --prune --applyset=...) works with server-side apply: kubectl labels every
// object applyset.kubernetes.io/part-of=<id> and deletes the members no longer applied, so an addon
// turned off (its file gone) is removed. kubectl refuses an ApplySet apply with no object, and a
// custom resource whose CRD is not established, hence one apply of every file, after the CRDs.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fromYaml, fromYamlAll } from '../lib/yaml.js';
import type { ClusterConfig } from '../config-schema/types.js';
import { UserError } from '../lib/errors.js';
import type { ClusterPaths } from '../lib/paths.js';
import { CONTROL_PLANE_MARK } from '../lib/contracts.js';
import { ADDON_LABEL, ADDON_NAMESPACE } from './addon.js';
import { CNI_ADDONS } from './catalog.js';
import { Kubectl, lastLines } from './kubectl.js';
import { describeObject, type K8sObject } from './schema.js';

export const FIELD_MANAGER = 'kube-anywhere';
/** The CRDs go first, under their own manager, so the ApplySet apply owns the same fields without conflict. */
export const CRD_FIELD_MANAGER = 'kube-anywhere-crds';
export const APPLYSET = 'secret/kube-anywhere-addons';
export const POLL_ENV = 'KUBE_ANYWHERE_POLL_INTERVAL_MS';
/** Masters' kubelets mark themselves with CONTROL_PLANE_MARK; the role label needs the admin's rights. */
export const CONTROL_PLANE_ROLE = 'node-role.kubernetes.io/control-plane';

export interface ApplyOptions {
  timeoutSeconds: number;
  force: boolean;
}

interface RenderedFile {
  file: string;
  objects: K8sObject[];
}

/** The rendered NN-<addon>.yaml files, in apply order. */
export function readRenderedAddons(paths: ClusterPaths): RenderedFile[] {
  const names = existsSync(paths.addons) ? readdirSync(paths.addons).filter((f) => /^\d{2}-[a-z0-9-]+\.yaml$/.test(f)).sort() : [];
  if (!names.length) throw new UserError(`error: ${paths.addons}: no rendered addons; run \`kube-anywhere addons render\` first`);
  return names.map((n) => {
    const file = join(paths.addons, n);
    const objects = fromYamlAll(readFileSync(file, 'utf8')) as K8sObject[];
    return { file, objects };
  });
}

const labelOf = (o: K8sObject) => (o.metadata as { labels?: Record<string, string> } | undefined)?.labels?.[ADDON_LABEL];

/** The admin kubeconfig's API server URL, for messages. */
function serverOf(kubeconfig: string): string {
  try {
    const kc = fromYaml(readFileSync(kubeconfig, 'utf8')) as Record<string, any>;
    const ctx = kc.contexts?.find((c: { name: string }) => c.name === kc['current-context'])?.context;
    return kc.clusters?.find((c: { name: string }) => c.name === ctx?.cluster)?.cluster?.server ?? 'the API server';
  } catch {
    return 'the API server';
  }
}

async function waitForReadyz(k: Kubectl, paths: ClusterPaths, timeoutSeconds: number, pollMs: number, say: (s: string) => void): Promise<void> {
  const server = serverOf(paths.kubeconfig);
  say(`waiting up to ${timeoutSeconds} s for ${server}/readyz`);
  const deadline = Date.now() + timeoutSeconds * 1000;
  for (let attempt = 1; ; attempt++) {
    const r = await k.run(['get', '--raw', '/readyz', '--request-timeout=5s'], { timeoutSeconds: 15 });
    if (r.ok) return;
    const why = lastLines(r.stderr || r.stdout, 1)[0] ?? `kubectl exit ${r.exitCode}`;
    // Wrong credentials do not get better by waiting.
    if (/Unauthorized|forbidden|certificate signed by unknown authority/i.test(r.stderr)) {
      throw new UserError(`error: ${server} refused the admin credentials of ${paths.kubeconfig}: ${why}`);
    }
    if (Date.now() + pollMs >= deadline) {
      throw new UserError(
        `error: ${server} did not answer /readyz within ${timeoutSeconds} s (${attempt} tries; last: ${why}). ` +
          `Check that the masters are up and the endpoint is reachable from here, or wait longer with --timeout.`,
      );
    }
    await sleep(pollMs);
  }
}

/** The CNI kube-anywhere installed in the cluster, from the label on its DaemonSet. */
async function runningCni(k: Kubectl): Promise<string[]> {
  const r = await k.must('listing the CNI DaemonSets', ['get', 'daemonsets', '-n', ADDON_NAMESPACE, '-l', `${ADDON_LABEL} in (${CNI_ADDONS.join(',')})`, '-o', 'json']);
  const items = (JSON.parse(r.stdout || '{"items":[]}') as { items: K8sObject[] }).items;
  return [...new Set(items.map(labelOf).filter((x): x is string => !!x))];
}

interface PodStatus {
  metadata: { name: string };
  spec?: { nodeName?: string };
  status?: {
    phase?: string;
    conditions?: { type: string; status: string }[];
    containerStatuses?: { name: string; ready: boolean; state?: Record<string, { reason?: string; message?: string }> }[];
    initContainerStatuses?: { name: string; ready: boolean; state?: Record<string, { reason?: string; message?: string }> }[];
  };
}
interface EventItem {
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
}

async function eventsOf(k: Kubectl, kind: string, name: string): Promise<string[]> {
  const r = await k.run(['get', 'events', '-n', ADDON_NAMESPACE, '--field-selector', `involvedObject.kind=${kind},involvedObject.name=${name}`, '-o', 'json']);
  if (!r.ok) return [`(events unavailable: ${lastLines(r.stderr, 1)[0] ?? ''})`];
  const items = ((JSON.parse(r.stdout || '{}') as { items?: EventItem[] }).items ?? []).filter((e) => e.reason);
  const warnings = items.filter((e) => e.type === 'Warning');
  return (warnings.length ? warnings : items).slice(-5).map((e) => `${e.type ?? 'Normal'} ${e.reason}: ${e.message ?? ''}${e.count && e.count > 1 ? ` (x${e.count})` : ''}`);
}

/** What is not ready in a workload, and why: its pods' states and events. */
async function diagnose(k: Kubectl, w: K8sObject): Promise<string[]> {
  const lines: string[] = [];
  const match = ((w.spec as { selector?: { matchLabels?: Record<string, string> } }).selector?.matchLabels ?? {}) as Record<string, string>;
  const selector = Object.entries(match).map(([a, b]) => `${a}=${b}`).join(',');
  const r = await k.run(['get', 'pods', '-n', ADDON_NAMESPACE, '-l', selector, '-o', 'json']);
  const pods = r.ok ? ((JSON.parse(r.stdout || '{}') as { items?: PodStatus[] }).items ?? []) : [];
  if (!r.ok) lines.push(`pods unavailable: ${lastLines(r.stderr, 1)[0] ?? ''}`);
  const notReady = pods.filter((p) => !p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
  if (r.ok && !pods.length) {
    lines.push(`no pods created; ${String(w.kind)} events:`);
    for (const e of await eventsOf(k, String(w.kind), String(w.metadata?.name))) lines.push(`  ${e}`);
  }
  for (const p of notReady.slice(0, 3)) {
    const containers = [...(p.status?.initContainerStatuses ?? []), ...(p.status?.containerStatuses ?? [])]
      .filter((c) => !c.ready)
      .map((c) => {
        const [state, s] = Object.entries(c.state ?? {})[0] ?? ['unknown', {}];
        return `${c.name} ${s?.reason ?? state}${s?.message ? ` (${s.message})` : ''}`;
      });
    lines.push(`pod ${p.metadata.name} on ${p.spec?.nodeName ?? 'no node'}: ${p.status?.phase ?? 'Unknown'}${containers.length ? `; ${containers.join('; ')}` : ''}`);
    for (const e of await eventsOf(k, 'Pod', p.metadata.name)) lines.push(`  ${e}`);
  }
  if (notReady.length > 3) lines.push(`... and ${notReady.length - 3} more pods not ready`);
  return lines;
}

export async function applyRendered(config: ClusterConfig, paths: ClusterPaths, opts: ApplyOptions, say: (s: string) => void = () => {}): Promise<void> {
  if (!existsSync(paths.kubeconfig)) {
    throw new UserError(`error: ${paths.kubeconfig}: no admin kubeconfig; phase 2 writes it (\`kube-anywhere bootstrap render\`), so bootstrap the cluster first`);
  }
  const files = readRenderedAddons(paths);
  const objects = files.flatMap((f) => f.objects);
  const wanted = config.phase3.cni.plugin;
  const renderedCni = [...new Set(objects.map(labelOf))].filter((l) => (CNI_ADDONS as readonly (string | undefined)[]).includes(l));
  if (renderedCni.length !== 1 || renderedCni[0] !== wanted) {
    throw new UserError(`error: ${paths.addons} holds ${renderedCni.join(' and ') || 'no CNI'}, the config asks for ${wanted}: re-render with \`kube-anywhere addons render\``);
  }
  const k = new Kubectl(paths);
  const pollMs = Number(process.env[POLL_ENV]) || 2000;
  await waitForReadyz(k, paths, opts.timeoutSeconds, pollMs, say);

  const running = await runningCni(k);
  const others = running.filter((c) => c !== wanted);
  if (others.length && !opts.force) {
    throw new UserError(
      `error: the cluster runs ${others.join(' and ')} and the config asks for ${wanted}: refusing to switch the pod network of a running cluster. ` +
        `Every pod keeps the address and routes of the old network until it is recreated, and both plugins' CNI configs would sit side by side on every node; ` +
        `pod-to-pod traffic breaks until all nodes are drained and rebooted. To do it anyway, pass --force (the ${others.join(' and ')} objects are then pruned).`,
    );
  }
  if (others.length) say(`switching the pod network from ${others.join(' and ')} to ${wanted} (--force)`);

  const timeout = opts.timeoutSeconds;
  for (const f of files.filter((x) => x.objects.some((o) => o.kind === 'CustomResourceDefinition'))) {
    say(`applying the CRDs of ${f.file}`);
    await k.must(`applying ${f.file}`, ['apply', '--server-side', '--field-manager', CRD_FIELD_MANAGER, '-f', f.file], { timeoutSeconds: timeout + 60 });
    await k.must(`waiting for the CRDs of ${f.file} to be established`, ['wait', '--for', 'condition=Established', `--timeout=${timeout}s`, '-f', f.file], {
      timeoutSeconds: timeout + 60,
    });
  }

  say(`applying ${files.map((f) => f.file.split('/').pop()).join(', ')}`);
  const applied = await k.must(
    'kubectl apply',
    ['apply', '--server-side', '--field-manager', FIELD_MANAGER, '--prune', `--applyset=${APPLYSET}`, '-n', ADDON_NAMESPACE, ...files.flatMap((f) => ['-f', f.file])],
    { env: { KUBECTL_APPLYSET: 'true' }, timeoutSeconds: timeout + 120 },
  );
  for (const l of applied.stdout.split('\n').filter((x) => /pruned/.test(x))) say(l.trim());

  const failures: string[] = [];
  for (const w of objects.filter((o) => o.kind === 'DaemonSet' || o.kind === 'Deployment')) {
    const ref = `${String(w.kind).toLowerCase()}/${String(w.metadata?.name)}`;
    const r = await k.run(['rollout', 'status', ref, '-n', ADDON_NAMESPACE, `--timeout=${timeout}s`], { timeoutSeconds: timeout + 30 });
    if (r.ok) {
      say(`${ref}: rolled out`);
      continue;
    }
    failures.push(`${describeObject(w)} (${labelOf(w)}): not rolled out within ${timeout} s: ${lastLines(r.stderr || r.stdout, 1)[0] ?? ''}`);
    for (const l of await diagnose(k, w)) failures.push(`  ${l}`);
  }
  // By now every node has run the DaemonSets, so every master has registered.
  await k.must('labelling the control-plane nodes', ['label', 'nodes', '-l', `${CONTROL_PLANE_MARK}=true`, `${CONTROL_PLANE_ROLE}=`, '--overwrite'], { timeoutSeconds: 60 });
  say(`nodes marked ${CONTROL_PLANE_MARK}: labelled ${CONTROL_PLANE_ROLE}`);
  if (failures.length) throw new UserError(`error: the addons were applied, but not everything is ready:`, 1, failures);
}
