// The machines' base root: Debian made by debootstrap, once per (release, mirror, package list),
// cached outside the cluster ($KUBE_ANYWHERE_CACHE/rootfs/<hash>). It carries what Flatcar ships
// and our Ignition config expects on a node: systemd, containerd, runc, iptables (the CNI portmap
// plugin calls it), curl (the kubelet installer).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import type { ClusterConfig } from '../../config-schema/types.js';
import { UserError } from '../../lib/errors.js';

export const ROOTFS_PACKAGES = [
  'systemd', 'systemd-sysv', 'dbus', 'iproute2', 'containerd', 'runc', 'iptables', 'curl', 'ca-certificates', 'kmod', 'procps',
];

export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.KUBE_ANYWHERE_CACHE || join(homedir(), '.cache', 'kube-anywhere');
}

/** The first Debian mirror in this host's apt sources (one-line or deb822 format). */
export function hostDebianMirror(): string | undefined {
  const files = ['/etc/apt/sources.list', ...(existsSync('/etc/apt/sources.list.d') ? readdirSync('/etc/apt/sources.list.d').map((f) => `/etc/apt/sources.list.d/${f}`) : [])];
  for (const f of files) {
    let text: string;
    try {
      text = readFileSync(f, 'utf8');
    } catch {
      continue;
    }
    const oneLine = /^deb\s+(?:\[[^\]]*\]\s+)?(\S+)\s+\S+/m.exec(text);
    const deb822 = /^URIs:\s*(\S+)/m.exec(text);
    for (const url of [oneLine?.[1], deb822?.[1]]) if (url && /\/debian\/?$/.test(url)) return url;
  }
  return undefined;
}

export interface BaseRoot {
  /** The root file system to copy for each machine. */
  dir: string;
  mirror: string;
  suite: string;
}

export function baseRootFor(c: ClusterConfig, env = process.env): BaseRoot {
  const suite = c.phase1.local.debianSuite;
  const mirror = c.phase1.local.debianMirror || hostDebianMirror() || 'http://deb.debian.org/debian';
  const key = createHash('sha256').update(JSON.stringify([suite, mirror, ROOTFS_PACKAGES])).digest('hex').slice(0, 16);
  return { dir: join(cacheDir(env), 'rootfs', `${suite}-${key}`, 'root'), mirror, suite };
}

/** Builds the base root when it is not cached yet; a build interrupted half-way is started over. */
export async function ensureBaseRoot(base: BaseRoot, logFile: string, say: (s: string) => void): Promise<boolean> {
  const complete = `${base.dir}.complete`;
  if (existsSync(complete) && existsSync(base.dir)) return false;
  const tmp = `${base.dir}.partial`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  say(`building the machines' Debian ${base.suite} root with debootstrap from ${base.mirror} (once, about 2 minutes)`);
  const r = await execa('debootstrap', ['--variant=minbase', `--include=${ROOTFS_PACKAGES.join(',')}`, base.suite, tmp, base.mirror], { reject: false, all: true });
  writeFileSync(logFile, r.all ?? '');
  if (r.exitCode !== 0) {
    rmSync(tmp, { recursive: true, force: true });
    const last = (r.all ?? '').trim().split('\n').slice(-3).join(' | ');
    throw new UserError(`error: debootstrap of Debian ${base.suite} from ${base.mirror} failed (log: ${logFile}): ${last}. Set phase1.local.debianMirror to a mirror this host reaches.`);
  }
  rmSync(base.dir, { recursive: true, force: true });
  renameSync(tmp, base.dir);
  writeFileSync(complete, `${new Date().toISOString()}\n`);
  return true;
}
