// A machine: systemd-nspawn booting a real systemd (PID 1) from the machine's root, in the machine's
// network namespace and in cgroups of its own. Why each nspawn setting (measured on this kind of host):
//   --register=no --keep-unit   no systemd-machined on the host ("Failed to open system bus" otherwise)
//   --capability=all            units need CAP_NET_ADMIN and friends (containerd, the kubelet, the CNI)
//   --system-call-filter=@keyring  runc joins a session keyring ("unable to join session keyring")
//   SYSTEMD_NSPAWN_API_VFS_WRITABLE=1, --bind=/dev/kmsg  the kubelet writes /proc/sys and reads kmsg
//   --bind-ro=/lib/modules      modprobe inside the machine (kube-proxy, the CNI) finds the host's modules
//   own cgroups                 two machines' pods must not land in the same cgroup paths
// A stop is bounded: `poweroff` inside a machine can hang on containerd shims (seen for 100 s and
// more), so after the grace period the machine's PID 1 is killed, which ends its PID namespace.
import { existsSync, readdirSync, readFileSync, rmdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';
import { UserError } from '../../lib/errors.js';
import { alive, cmdline, startDaemon, waitGone, type Daemon } from './daemons.js';

export interface MachineSpec {
  name: string;
  root: string;
  netns: string;
  uuid: string;
  /** Where its pid file and console log go. */
  dir: string;
  cgroups: string[];
}

// The pid file names the launcher, which execs systemd-nspawn; both command lines name the root.
export const machineDaemon = (m: Pick<MachineSpec, 'dir' | 'root'>): Daemon => ({ pidFile: join(m.dir, 'nspawn.pid'), marker: m.root });

/** The cgroup directories a machine gets: one per v1 hierarchy, or one in the unified (v2) tree. */
export function machineCgroups(cluster: string, name: string): string[] {
  const group = `kube-anywhere.${cluster}.${name}`;
  const mounts = readFileSync('/proc/self/mountinfo', 'utf8').trim().split('\n').map((l) => {
    const [pre, post] = l.split(' - ');
    return { point: pre.split(' ')[4], fstype: post?.split(' ')[0] };
  });
  const v1 = mounts.filter((m) => m.fstype === 'cgroup' && m.point.startsWith('/sys/fs/cgroup/'));
  if (v1.length) {
    // Under the cgroup this process runs in, in each hierarchy: the machine is ours, as a child.
    const own = new Map(readFileSync('/proc/self/cgroup', 'utf8').trim().split('\n').map((l) => {
      const [, ctrls, path] = l.split(':');
      return [ctrls, path] as const;
    }));
    return v1.map((m) => {
      const ctrl = m.point.slice('/sys/fs/cgroup/'.length);
      const parent = [...own.entries()].find(([ctrls]) => ctrls.split(',').includes(ctrl) || ctrls === `name=${ctrl}`)?.[1] ?? '/';
      return join(m.point, parent, group);
    });
  }
  return [join('/sys/fs/cgroup', group)];
}

function makeCgroups(dirs: string[]): void {
  for (const d of dirs) {
    mkdirSync(d, { recursive: true });
    // A new cpuset has no CPUs or memory nodes until given its parent's.
    if (/\/cpuset(,[^/]*)?\//.test(d) || d.includes('/cpuset/')) {
      for (const f of ['cpuset.cpus', 'cpuset.mems']) {
        if (!readFileSync(join(d, f), 'utf8').trim()) writeFileSync(join(d, f), readFileSync(join(d, '..', f), 'utf8'));
      }
    }
  }
}

const shq = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export function nspawnArgs(m: MachineSpec): string[] {
  const args = ['systemd-nspawn', '-D', m.root, '-b', '--register=no', '--keep-unit', `--machine=${m.name}`, `--uuid=${m.uuid}`,
    `--network-namespace-path=/run/netns/${m.netns}`, '--capability=all', '--system-call-filter=@keyring', '--bind=/dev/kmsg', '--console=passive'];
  if (existsSync('/lib/modules')) args.push('--bind-ro=/lib/modules');
  return args;
}

/** Boots the machine (when it is not running); returns its nspawn pid. */
export function boot(m: MachineSpec): number {
  makeCgroups(m.cgroups);
  // The launcher moves itself into the machine's cgroups, then becomes systemd-nspawn.
  const enter = m.cgroups.map((d) => `echo $$ > ${shq(join(d, 'cgroup.procs'))}`).join('; ');
  const script = `${enter}; exec ${nspawnArgs(m).map(shq).join(' ')}`;
  return startDaemon(machineDaemon(m), ['sh', '-c', script], join(m.dir, 'console.log'), { SYSTEMD_NSPAWN_API_VFS_WRITABLE: '1' });
}

/** The nspawn process of a running machine. */
export function nspawnPid(m: Pick<MachineSpec, 'dir' | 'root'>): number | undefined {
  const d = machineDaemon(m);
  if (!existsSync(d.pidFile)) return undefined;
  const pid = Number(readFileSync(d.pidFile, 'utf8').trim());
  const cmd = cmdline(pid);
  return pid > 1 && cmd?.includes('systemd-nspawn') && cmd.includes(d.marker) ? pid : undefined;
}

/** The machine's PID 1 (systemd), as a host pid. */
export function leaderPid(m: Pick<MachineSpec, 'dir' | 'root'>): number | undefined {
  const pid = nspawnPid(m);
  if (!pid) return undefined;
  for (const t of readdirSync(`/proc/${pid}/task`)) {
    let children: string;
    try {
      children = readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8');
    } catch {
      continue;
    }
    // nspawn's only child is the machine's init (/usr/lib/systemd/systemd on a merged-/usr root).
    for (const c of children.trim().split(/\s+/).filter(Boolean).map(Number)) {
      if (/^(\S*\/)?(systemd|init)(\s|\0|$)/.test(cmdline(c) ?? '')) return c;
    }
  }
  return undefined;
}

/** Runs a command inside the machine, as a transient unit of its own systemd (its capabilities, its cgroups). */
export async function inMachine(m: Pick<MachineSpec, 'dir' | 'root' | 'name'>, command: string | string[], timeoutMs = 60_000, input?: string | Buffer) {
  const leader = leaderPid(m);
  if (!leader) throw new UserError(`error: machine ${m.name} is not running`);
  // A string is a shell command line; an array is the program and its arguments, as given.
  const argv = typeof command === 'string' ? ['sh', '-c', command] : command;
  // /opt/bin holds what kubelet-install put there (kubelet, crictl), as on Flatcar.
  const path = '--setenv=PATH=/opt/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
  // --pipe hands stdin through: data (keys, snapshots) never goes on a command line.
  return execa('nsenter', ['-t', String(leader), '-a', 'systemd-run', '--wait', '--pipe', '-q', path, '--', ...argv], { reject: false, timeout: timeoutMs, ...(input !== undefined ? { input } : {}) });
}

/** Waits until the machine's systemd has finished booting (running or degraded). */
export async function waitBooted(m: MachineSpec, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  let last = 'not started';
  while (Date.now() < end) {
    if (!nspawnPid(m)) throw new UserError(`error: machine ${m.name} stopped while booting; see ${join(m.dir, 'console.log')}`);
    if (leaderPid(m)) {
      const r = await inMachine(m, 'systemctl is-system-running', 10_000).catch(() => undefined);
      last = r?.stdout.trim() || last;
      if (last === 'running' || last === 'degraded') return;
    }
    await sleep(250);
  }
  throw new UserError(`error: machine ${m.name} did not finish booting within ${timeoutMs / 1000} s (systemd: ${last}); see ${join(m.dir, 'console.log')}`);
}

/** Every pid in the machine's cgroups (and their sub-cgroups). */
function cgroupPids(dirs: string[]): number[] {
  const pids = new Set<number>();
  const walk = (d: string) => {
    if (!existsSync(d)) return;
    try {
      for (const p of readFileSync(join(d, 'cgroup.procs'), 'utf8').trim().split('\n').filter(Boolean)) pids.add(Number(p));
    } catch {
      return;
    }
    for (const e of readdirSync(d, { withFileTypes: true })) if (e.isDirectory()) walk(join(d, e.name));
  };
  dirs.forEach(walk);
  return [...pids];
}

/**
 * A process in a frozen cgroup does not die of SIGKILL until the cgroup is thawed: runc freezes a
 * container's cgroup while it sets it up, and a machine stopped at that moment left a `runc init`
 * in state D and its cgroups behind (seen in CI). Thaw every cgroup of the machine first.
 */
function thaw(dirs: string[]): void {
  const walk = (d: string) => {
    if (!existsSync(d)) return;
    for (const [file, value] of [['freezer.state', 'THAWED'], ['cgroup.freeze', '0']]) {
      try {
        if (existsSync(join(d, file))) writeFileSync(join(d, file), value);
      } catch {
        /* going away */
      }
    }
    try {
      for (const e of readdirSync(d, { withFileTypes: true })) if (e.isDirectory()) walk(join(d, e.name));
    } catch {
      /* going away */
    }
  };
  dirs.forEach(walk);
}

function removeCgroupTree(d: string): void {
  if (!existsSync(d)) return;
  for (const e of readdirSync(d, { withFileTypes: true })) if (e.isDirectory()) removeCgroupTree(join(d, e.name));
  try {
    rmdirSync(d);
  } catch {
    /* still busy: powerOff tries again */
  }
}

/**
 * Powers the machine off: `hard` pulls the plug (SIGKILL to its PID 1); otherwise systemd is asked
 * to power off (SIGRTMIN+4) and given graceMs before the plug is pulled. Then nothing of the
 * machine is left: no process in its cgroups, and no cgroup.
 */
export async function powerOff(m: MachineSpec, opts: { hard?: boolean; graceMs?: number } = {}): Promise<'clean' | 'forced' | 'not running'> {
  const pid = nspawnPid(m);
  let how: 'clean' | 'forced' | 'not running' = pid ? 'clean' : 'not running';
  if (pid) {
    const leader = leaderPid(m);
    // SIGRTMIN+4 asks systemd for a clean poweroff (systemd(1), "Signals"); Node has no name for
    // real-time signals, procps' kill does.
    if (leader && !opts.hard) await execa('kill', ['-s', 'RTMIN+4', String(leader)], { reject: false });
    if (opts.hard || !(await waitGone(pid, opts.graceMs ?? 20_000))) {
      how = 'forced';
      if (leader && alive(leader)) process.kill(leader, 'SIGKILL');
      await waitGone(pid, 5000);
      if (alive(pid)) process.kill(pid, 'SIGKILL');
      await waitGone(pid, 5000);
    }
  }
  // Killed processes leave their cgroups a moment later (exiting, reaped): until every cgroup of the
  // machine is gone, kill what is left and remove what is empty, for up to 10 s.
  // A machine that is off has no cgroups, as a real one after its power-off. Left in place, the
  // pod cgroups of the last boot cost its next kubelet 87 s: cAdvisor tries each one ("Failed to
  // create existing container", about 3 s apiece) before the kubelet starts its container manager,
  // so a rebooted master was silent for 81-87 s (measured; issue 13, defect 5).
  for (let i = 0; i < 100 && m.cgroups.some((d) => existsSync(d)); i++) {
    thaw(m.cgroups);
    for (const p of cgroupPids(m.cgroups)) {
      try {
        process.kill(p, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
    m.cgroups.forEach(removeCgroupTree);
    if (m.cgroups.some((d) => existsSync(d))) await sleep(100);
  }
  const left = m.cgroups.filter((d) => existsSync(d));
  if (left.length) throw new UserError(`error: machine ${m.name} is off, but its cgroups could not be removed within 10 s: ${left.join(', ')}`);
  return how;
}
