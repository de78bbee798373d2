// Long-running host processes of a local cluster (nspawn machines, HAProxy, the site mirror): they
// outlive the kube-anywhere command that starts them, so each is started in a session of its own
// with its output in a log file, and found again by a pid file checked against /proc (a pid file
// alone could name a recycled pid).
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { writeFileAtomic } from '../../lib/files.js';

export interface Daemon {
  /** Written by us: the pid of the started process. */
  pidFile: string;
  /** A string its command line contains, so a recycled pid is not mistaken for it. */
  marker: string;
}

export function cmdline(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return undefined;
  }
}

/** The daemon's pid when it runs, else undefined. */
export function runningPid(d: Daemon): number | undefined {
  if (!existsSync(d.pidFile)) return undefined;
  const pid = Number(readFileSync(d.pidFile, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 1) return undefined;
  return cmdline(pid)?.includes(d.marker) ? pid : undefined;
}

/** Starts argv detached (its own session, no controlling terminal), output appended to logFile. */
export function startDaemon(d: Daemon, argv: string[], logFile: string, env: NodeJS.ProcessEnv = {}): number {
  const out = openSync(logFile, 'a', 0o600);
  try {
    const child = spawn(argv[0], argv.slice(1), { detached: true, stdio: ['ignore', out, out], env: { ...process.env, ...env } });
    if (!child.pid) throw new Error(`could not start ${argv[0]}`);
    child.unref();
    writeFileAtomic(d.pidFile, `${child.pid}\n`, 0o600);
    return child.pid;
  } finally {
    closeSync(out);
  }
}

export const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Waits until pid is gone, up to ms; true when it went. */
export async function waitGone(pid: number, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (!alive(pid)) return true;
    await sleep(100);
  }
  return !alive(pid);
}

/** SIGTERM, then SIGKILL after graceMs; removes the pid file. */
export async function stopDaemon(d: Daemon, graceMs = 5000): Promise<void> {
  const pid = runningPid(d);
  if (pid) {
    process.kill(pid, 'SIGTERM');
    if (!(await waitGone(pid, graceMs))) {
      process.kill(pid, 'SIGKILL');
      await waitGone(pid, 5000);
    }
  }
  rmSync(d.pidFile, { force: true });
}
