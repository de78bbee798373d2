// Phase 1 for `cloudProvider: "local"`: machines on this host instead of a cloud's. The `network`
// step makes the bridge, the API load balancer and (offline) the site mirror; the `nodes` step makes
// each machine's root from the cached Debian root, applies its rendered Ignition config with the
// real Ignition, and boots it. Both reconcile with what exists (a re-run changes nothing; a stopped
// machine is booted again; a machine whose config changed is replaced, as a cloud replaces an
// instance whose user data changed). Everything made is recorded first (record.ts), so destroy
// removes exactly that.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { ClusterConfig } from '../../config-schema/types.js';
import type { Inventory, NodeBundle } from '../../lib/contracts.js';
import type { Phase1 } from '../common/phase1.js';
import { EXIT_INVALID, UserError } from '../../lib/errors.js';
import { ensureDir, writeFileAtomic } from '../../lib/files.js';
import type { ClusterPaths } from '../../lib/paths.js';
import { cloudInventory } from '../common/inventory.js';
import { localEffectiveConfig } from './effective.js';
import { hostFacts, ignitionBinary, preflight, type HostFacts } from './host.js';
import { ignite } from './ignite.js';
import { localLayout, machineDir, machineRoot, type LocalLayout, type LocalMachine } from './layout.js';
import { ensureLoadBalancer, lbDaemon } from './loadbalancer.js';
import { boot, machineCgroups, nspawnPid, powerOff, waitBooted, type MachineSpec } from './machine.js';
import { copyBaseRoot, hostResolvConf, prepareRoot } from './machine-root.js';
import { checkArtifacts, ensureMirror, filesDaemon, artifactsDir, registryDaemon } from './mirror.js';
import { bridgeExists, ensureBridge, ensureNetns, ensureRule, ipForwarding, natRules, removeBridge, removeNetns, removeRule, setIpForwarding } from './network.js';
import { HostRecord, type MachineRecord } from './record.js';
import { baseRootFor, ensureBaseRoot } from './rootfs.js';
import { stopDaemon } from './daemons.js';
import { restoreSysctls, snapshotSysctls } from './sysctls.js';

export { localLayout } from './layout.js';

/** How long a machine may take from power-on to systemd's "running". */
const BOOT_TIMEOUT_MS = 120_000;

export interface LocalContext {
  config: ClusterConfig;
  configFile: string;
  paths: ClusterPaths;
  say: (s: string) => void;
}

/** The config the renderers get for a local cluster: the user's, plus what this host needs (effective.ts). */
export function localConfig(c: ClusterConfig, paths: ClusterPaths, facts: HostFacts = hostFacts()) {
  return localEffectiveConfig(c, localLayout(c, paths), facts);
}

/** Machines with fixed identities (masters, etcd members) by name; workers as one pool, like a cloud's. */
export function localInventory(c: ClusterConfig, l: LocalLayout): Inventory {
  const inv = cloudInventory(c, 1, { apiHost: l.api.host, ignitionBaseUrl: '' });
  delete inv.ignitionBaseUrl; // the configs are applied to the roots directly: no URL, no pointer config
  return inv;
}

/** clusters/<name>/local/layout.json: the machines, addresses and endpoint, for people to read. */
export function writeLayout(l: LocalLayout): string {
  const file = join(l.dir, 'layout.json');
  ensureDir(l.dir, 0o700);
  writeFileAtomic(file, JSON.stringify(l, null, 2) + '\n', 0o644);
  return file;
}

export function machineSpec(l: LocalLayout, m: LocalMachine | MachineRecord, uuid: string, cgroups: string[]): MachineSpec {
  return { name: m.name, root: machineRoot(l, m.name), netns: m.netns, uuid, dir: machineDir(l, m.name), cgroups };
}

export async function localPreflight(ctx: LocalContext): Promise<void> {
  const l = localLayout(ctx.config, ctx.paths);
  await preflight(ctx.config, l, ctx.configFile);
  // Host resources are named after the cluster: a cluster of the same name deployed from another
  // directory (another state) owns them, and this one must not take them over or destroy them.
  const ours = existsSync(HostRecord.fileIn(l.dir)) && HostRecord.load(l.dir, ctx.config.name).data.bridge === l.bridge;
  if (!ours && (await bridgeExists(l.bridge))) {
    throw new UserError(
      `error: ${ctx.configFile}: this host already runs a local cluster named "${ctx.config.name}" (bridge ${l.bridge}) that ${ctx.paths.root} did not make; ` +
        'destroy it from the directory that deployed it, or pick another name. Nothing was changed.',
      EXIT_INVALID,
    );
  }
  if (l.mirror) checkArtifacts(ctx.config, ctx.configFile);
}

/** The bridge, NAT (online), the API load balancer, the offline mirror. */
export async function localNetwork(ctx: LocalContext): Promise<{ outputs: Record<string, unknown>; changed: boolean }> {
  const { config: c, paths } = ctx;
  const l = localLayout(c, paths);
  ensureDir(l.dir, 0o700);
  ensureDir(paths.logs, 0o700);
  const rec = HostRecord.load(l.dir, c.name);
  let changed = false;
  rec.update((d) => (d.bridge = l.bridge));
  changed = (await ensureBridge(l)) || changed;
  if (!l.mirror) {
    if (rec.data.ipForwardBefore === undefined) rec.update((d) => (d.ipForwardBefore = ipForwarding()));
    if (ipForwarding() !== '1') setIpForwarding('1');
    for (const r of natRules(l, c.network.nodeCidr)) {
      if (!rec.data.iptables.some((x) => JSON.stringify(x) === JSON.stringify(r))) rec.update((d) => d.iptables.push(r));
      changed = (await ensureRule(r)) || changed;
    }
  }
  if (l.loadBalancer) {
    const lb = l.loadBalancer;
    if (!rec.data.netns.includes(lb.netns)) rec.update((d) => d.netns.push(lb.netns));
    changed = (await ensureNetns(l, lb.netns, lb.hostVeth, lb.ip)) || changed;
    changed = (await ensureLoadBalancer(l, paths.logs, paths.pki)) || changed;
  }
  if (l.mirror) {
    const m = l.mirror;
    if (!rec.data.netns.includes(m.netns)) rec.update((d) => d.netns.push(m.netns));
    changed = (await ensureNetns(l, m.netns, m.hostVeth, m.ip)) || changed;
    changed = (await ensureMirror(l, artifactsDir(c), paths.logs)) || changed;
  }
  return { outputs: { apiHost: l.api.host, apiPort: l.api.port, bridge: l.bridge, hostIP: l.hostIP }, changed };
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Each machine: root, Ignition, network namespace, boot; then wait until every one has booted. */
export async function localNodes(ctx: LocalContext, bundles: NodeBundle[]): Promise<{ changed: boolean }> {
  const { config: c, paths, say } = ctx;
  const l = localLayout(c, paths);
  const rec = HostRecord.load(l.dir, c.name);
  const facts = hostFacts();
  const base = baseRootFor(c);
  await ensureBaseRoot(base, join(paths.logs, 'debootstrap.log'), say);
  const ignition = (await ignitionBinary())!;
  const ids = new Set(bundles.map((b) => b.id));
  let changed = false;
  const booting: MachineSpec[] = [];
  // Phase 2 has made the certificates since the network step: the API load balancer's health checks
  // become /readyz requests over TLS (a no-op when they already are).
  if (l.loadBalancer) changed = (await ensureLoadBalancer(l, paths.logs, paths.pki)) || changed;

  for (const m of l.machines) {
    if (!ids.has(m.bundleId)) throw new Error(`internal: no Ignition config ${m.bundleId} for machine ${m.name}`);
    const configFile = join(paths.ignition, `${m.bundleId}.ign`);
    const hash = sha256(readFileSync(configFile));
    const known = rec.data.machines[m.name];
    const spec = machineSpec(l, m, known?.uuid ?? randomUUID().replace(/-/g, ''), known?.cgroups ?? machineCgroups(c.name, m.name));
    if (known?.ignitionHash && known.ignitionHash !== hash && existsSync(spec.root)) {
      say(`${m.name}: its Ignition config changed; replacing the machine (as a cloud replaces an instance whose user data changed)`);
      await powerOff(spec);
      rmSync(machineDir(l, m.name), { recursive: true, force: true });
      rec.update((d) => delete d.machines[m.name].ignitionHash);
    }
    rec.update((d) => (d.machines[m.name] = { ...d.machines[m.name], name: m.name, netns: m.netns, hostVeth: m.hostVeth, ip: m.ip, root: spec.root, uuid: spec.uuid, cgroups: spec.cgroups }));
    if (!existsSync(spec.root) || !rec.data.machines[m.name].ignitionHash) {
      say(`${m.name}: root from ${base.dir}, then Ignition (${m.bundleId}.ign)`);
      rmSync(spec.root, { recursive: true, force: true });
      await copyBaseRoot(base.dir, spec.root);
      prepareRoot(spec.root, { cgroupV1: facts.cgroupV1, resolvConf: l.mirror ? undefined : hostResolvConf() });
      await ignite(ignition, configFile, spec.root, join(spec.dir, 'ignition'), join(paths.logs, `ignition-${m.name}.log`));
      rec.update((d) => (d.machines[m.name].ignitionHash = hash));
      changed = true;
    }
    // Global kernel settings the machine's sysctl files would change: remembered, restored by destroy.
    rec.update((d) => (d.sysctlsBefore = { ...snapshotSysctls(spec.root), ...d.sysctlsBefore }));
    changed = (await ensureNetns(l, m.netns, m.hostVeth, m.ip)) || changed;
    if (!nspawnPid(spec)) {
      say(`${m.name}: power on`);
      boot(spec);
      booting.push(spec);
      changed = true;
    }
  }
  for (const spec of booting) await waitBooted(spec, BOOT_TIMEOUT_MS);
  return { changed };
}

/** Everything the record lists, in reverse order of making; the record itself last. */
export async function localDestroy(ctx: LocalContext, opts: { graceMs?: number } = {}): Promise<string[]> {
  const { config: c, paths, say } = ctx;
  const l = localLayout(c, paths);
  if (!existsSync(HostRecord.fileIn(l.dir))) return [];
  const rec = HostRecord.load(l.dir, c.name);
  const done: string[] = [];
  await Promise.all(
    Object.values(rec.data.machines).map(async (m) => {
      const spec = machineSpec(l, m, m.uuid, m.cgroups);
      // The machine's disk is thrown away next, so nothing is gained by a clean shutdown (which hangs
      // on containerd shims often enough): the plug is pulled unless a grace period is asked for.
      const how = await powerOff(spec, { hard: !opts.graceMs, graceMs: opts.graceMs });
      say(`${m.name}: ${how === 'not running' ? 'was not running' : 'powered off'}`);
      await removeNetns(m.netns, m.hostVeth);
      // Asynchronous, so the machines' disks (a Debian root and its images each) go in parallel.
      await rm(machineDir(l, m.name), { recursive: true, force: true });
      rec.update((d) => delete d.machines[m.name]);
      done.push(`machine ${m.name}`);
    }),
  );
  for (const d of [lbDaemon(l), registryDaemon(l), filesDaemon(l, artifactsDir(c))]) await stopDaemon(d);
  const hostVeths = new Map([l.loadBalancer, l.mirror].filter((x) => x !== undefined).map((x) => [x.netns, x.hostVeth]));
  for (const ns of [...rec.data.netns]) {
    await removeNetns(ns, hostVeths.get(ns));
    rec.update((d) => (d.netns = d.netns.filter((x) => x !== ns)));
    done.push(`network namespace ${ns}`);
  }
  for (const r of [...rec.data.iptables]) {
    await removeRule(r);
    rec.update((d) => d.iptables.shift());
  }
  if (rec.data.ipForwardBefore !== undefined && rec.data.ipForwardBefore !== ipForwarding()) setIpForwarding(rec.data.ipForwardBefore);
  if (rec.data.bridge) {
    await removeBridge(rec.data.bridge);
    done.push(`bridge ${rec.data.bridge}`);
  }
  restoreSysctls(rec.data.sysctlsBefore);
  rmSync(HostRecord.fileIn(l.dir));
  for (const f of existsSync(l.dir) ? readdirSync(l.dir) : []) if (/\.(pid|cfg|yml|crt|pem)$/.test(f)) rmSync(join(l.dir, f), { force: true });
  return done;
}


/** The local target as deploy runs it (providers/common/phase1.ts). */
export function localPhase1(ctx: LocalContext): Phase1 {
  const l = localLayout(ctx.config, ctx.paths);
  return {
    where: `on this host (${l.machines.length} machine${l.machines.length === 1 ? '' : 's'})`,
    preflight: () => localPreflight(ctx),
    network: (say) => localNetwork({ ...ctx, say }),
    inventory: () => localInventory(ctx.config, l),
    nodes: async (_inv, bundles, _out, say) => ({ ...(await localNodes({ ...ctx, say }, bundles)), outputs: { machines: l.machines.map((m) => ({ name: m.name, ip: m.ip, roles: m.roles })) } }),
  };
}
