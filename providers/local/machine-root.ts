// One machine's root file system: a copy of the cached Debian root, made ready to boot as a fresh
// machine under systemd-nspawn, then given its rendered Ignition config by the real Ignition. What
// is changed here is what a Debian root needs to boot in nspawn (each with its reason); everything
// that makes it a Kubernetes node comes from the Ignition config, exactly as on a cloud or bare metal.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { UserError } from '../../lib/errors.js';
import { localTemplateFile } from './template.js';

const CGROUPS_RW = 'kube-anywhere-cgroups-rw.service';

function put(root: string, path: string, content: string, mode = 0o644): void {
  const f = join(root, path);
  mkdirSync(dirname(f), { recursive: true });
  rmSync(f, { force: true });
  writeFileSync(f, content, { mode });
}

function link(root: string, path: string, target: string): void {
  const f = join(root, path);
  mkdirSync(dirname(f), { recursive: true });
  rmSync(f, { force: true });
  symlinkSync(target, f);
}

/** Copies the base root to `root` (through a temporary directory, so a half copy is never used). */
export async function copyBaseRoot(base: string, root: string): Promise<void> {
  const tmp = `${root}.partial`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(dirname(root), { recursive: true, mode: 0o700 });
  // cp -a keeps owners, modes, links and capabilities; --reflink shares blocks where the fs can.
  const r = await execa('cp', ['-a', '--reflink=auto', base, tmp], { reject: false });
  if (r.exitCode !== 0) throw new UserError(`error: copying the machine root ${base} to ${tmp}: ${r.stderr.trim()}`);
  renameSync(tmp, root);
}

export interface RootOptions {
  /** The host has cgroup v1 controllers, which nspawn mounts read-only. */
  cgroupV1: boolean;
  /** The host's resolv.conf for machines that reach the internet (online sites). */
  resolvConf?: string;
}

export function prepareRoot(root: string, o: RootOptions): void {
  // No machine-id: the first boot is a first boot, and systemd applies the presets Ignition writes
  // (20-ignition.preset enables containerd and the kubelet). nspawn --uuid gives each its own id.
  rmSync(join(root, 'etc/machine-id'), { force: true });
  rmSync(join(root, 'var/lib/dbus/machine-id'), { force: true });
  // No host name: nspawn names the machine; masters and etcd members get theirs from Ignition.
  rmSync(join(root, 'etc/hostname'), { force: true });
  put(root, 'etc/hosts', readFileSync(localTemplateFile('hosts'), 'utf8'));
  put(root, 'etc/selinux/config', readFileSync(localTemplateFile('selinux-config'), 'utf8'));
  put(root, 'etc/resolv.conf', o.resolvConf ?? '# offline: no name servers beyond the cluster\'s own\n');
  // Inside nspawn with a writable /sys, systemd-networkd never reports the network online, and
  // network-online.target (which the kubelet units wait for) would never come: the addresses are
  // set from outside, so nothing needs to wait.
  link(root, 'etc/systemd/system/systemd-networkd-wait-online.service', '/dev/null');
  if (o.cgroupV1) {
    put(root, `etc/systemd/system/${CGROUPS_RW}`, readFileSync(localTemplateFile(CGROUPS_RW), 'utf8'));
    link(root, `etc/systemd/system/multi-user.target.wants/${CGROUPS_RW}`, `/etc/systemd/system/${CGROUPS_RW}`);
  }
}

/** The host's resolver list, when it names real servers (a stub at 127.0.0.53 is useless inside). */
export function hostResolvConf(): string | undefined {
  for (const f of ['/run/systemd/resolve/resolv.conf', '/etc/resolv.conf']) {
    if (!existsSync(f)) continue;
    const text = readFileSync(f, 'utf8');
    if (/^nameserver\s+(?!127\.)\S+/m.test(text)) return text;
  }
  return undefined;
}
