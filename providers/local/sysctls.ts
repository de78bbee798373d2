// The machines share this host's kernel. Their systemd applies their sysctl.d files, and with a
// writable /proc/sys (the kubelet needs it) the settings outside the network namespace (kernel.*,
// vm.*, fs.*) change the host's too. They are read before the first boot and put back by destroy.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SYSCTL_DIRS = ['etc/sysctl.d', 'usr/lib/sysctl.d', 'lib/sysctl.d', 'run/sysctl.d'];
const procPath = (key: string) => join('/proc/sys', ...key.split(/[./]/));

/** The keys a root's sysctl files set that are not per network namespace. */
export function globalSysctlKeys(root: string): string[] {
  const keys = new Set<string>();
  for (const dir of SYSCTL_DIRS.map((d) => join(root, d)).filter(existsSync)) {
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.conf'))) {
      for (const line of readFileSync(join(dir, f), 'utf8').split('\n')) {
        const m = /^\s*-?([a-z0-9_.\/-]+)\s*=/.exec(line);
        if (m && !m[1].startsWith('net.') && !m[1].includes('*')) keys.add(m[1]);
      }
    }
  }
  return [...keys].sort();
}

/** This host's current values of those keys. */
export function snapshotSysctls(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of globalSysctlKeys(root)) {
    try {
      out[k] = readFileSync(procPath(k), 'utf8').trim();
    } catch {
      /* not on this kernel */
    }
  }
  return out;
}

export function restoreSysctls(values: Record<string, string>): void {
  for (const [k, v] of Object.entries(values)) {
    try {
      if (readFileSync(procPath(k), 'utf8').trim() !== v) writeFileSync(procPath(k), `${v}\n`);
    } catch {
      /* read-only or gone: nothing to restore */
    }
  }
}
