// Delivery over SSH: copy a host's full config through ssh's stdin (never onto a command line) and
// run remote-apply.sh there. The host needs Ignition; ssh runs non-interactively (BatchMode).
import { readFileSync } from 'node:fs';
import { UserError } from '../../lib/errors.js';
import { packageFile } from '../../lib/paths.js';
import { describeSshTarget, EXIT_SSH, sshRun, type SshTarget } from '../../lib/ssh.js';

export type { SshTarget } from '../../lib/ssh.js';

export interface ApplyOverrides {
  /** Root directory Ignition writes into: / on a real host. Tests point it at a temporary directory. */
  root: string;
  /** systemctl program on the host. Tests point it at a recording fake. */
  systemctl: string;
  /** Where the host's ignition binary may be, colon-separated (also searched: PATH). */
  ignitionSearch: string;
  /** An ssh_config file (-F), e.g. for a test's known_hosts. */
  sshConfig?: string;
}

/** Default places the Ignition binary lives: Debian's package, Fedora/Flatcar dracut modules. */
export const IGNITION_SEARCH = '/usr/lib/dracut/modules.d/30ignition/ignition:/usr/lib/ignition/ignition:/usr/bin/ignition';

/**
 * The defaults, overridable through the environment for tests only (KUBE_ANYWHERE_APPLY_ROOT,
 * KUBE_ANYWHERE_APPLY_SYSTEMCTL, KUBE_ANYWHERE_APPLY_IGNITION, KUBE_ANYWHERE_SSH_CONFIG).
 */
export function applyOverrides(env: NodeJS.ProcessEnv = process.env): ApplyOverrides {
  return {
    root: env.KUBE_ANYWHERE_APPLY_ROOT || '/',
    systemctl: env.KUBE_ANYWHERE_APPLY_SYSTEMCTL || 'systemctl',
    ignitionSearch: env.KUBE_ANYWHERE_APPLY_IGNITION || IGNITION_SEARCH,
    sshConfig: env.KUBE_ANYWHERE_SSH_CONFIG || undefined,
  };
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

const EXIT_NO_IGNITION = 97;
const EXIT_IGNITION_FAILED = 98;

/** Applies `config` (the host's full Ignition config) on the host, then enables and starts the kubelet. */
export async function applyOverSsh(t: SshTarget, config: Buffer, o: ApplyOverrides = applyOverrides()): Promise<string> {
  const script = readFileSync(packageFile('bootstrap', 'delivery', 'remote-apply.sh')).toString('base64');
  const remote = `sh -c "$(printf %s ${script} | base64 -d)" kube-anywhere-apply ${[o.root, o.systemctl, o.ignitionSearch].map(quote).join(' ')}`;
  const where = describeSshTarget(t);
  const r = await sshRun(t, remote, { input: config, sshConfig: o.sshConfig });
  const why = (r.stderr || r.stdout || '').trim().split('\n').slice(-5).join('\n  ');
  if (r.exitCode === 0) return r.stdout.trim();
  if ((r as { code?: string }).code === 'ENOENT') throw new UserError(`error: cannot run ssh to reach ${where}: the ssh client is not installed`);
  if (r.exitCode === EXIT_SSH) throw new UserError(`error: cannot reach ${where} over SSH:\n  ${why}\n  check the address, phase1.baremetal.ssh (user, port, identityFile) and that the host is up`);
  if (r.exitCode === EXIT_NO_IGNITION) throw new UserError(`error: ${where} has no Ignition: ${why}`);
  if (r.exitCode === EXIT_IGNITION_FAILED) throw new UserError(`error: Ignition failed on ${where}; nothing was enabled:\n  ${why}`);
  throw new UserError(`error: applying the config on ${where} failed (exit ${r.exitCode ?? r.signal}):\n  ${why}`);
}
