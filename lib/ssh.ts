// SSH to a host, non-interactively: one place that builds ssh's arguments, for `bootstrap apply`
// (bootstrap/delivery) and for the day-2 commands that reach bare-metal hosts (providers/baremetal).
// Data (configs, keys) always travels on stdin, never on a command line another user could read.
import { execa } from 'execa';

export interface SshTarget {
  /** For messages: the host's name in the config. */
  name: string;
  address: string;
  user: string;
  port: number;
  identityFile?: string;
}

/** ssh exits 255 when it could not connect or authenticate (ssh(1), "EXIT STATUS"). */
export const EXIT_SSH = 255;

export const describeSshTarget = (t: SshTarget) => `host ${t.name} (${t.user}@${t.address}:${t.port})`;

/** ssh's options for a target: no prompts (BatchMode), a bounded connect, the configured key only. */
export function sshArgs(t: SshTarget, sshConfig?: string): string[] {
  const args = ['-o', 'BatchMode=yes', '-o', 'ConnectTimeout=10', '-p', String(t.port), '-l', t.user];
  if (sshConfig) args.unshift('-F', sshConfig);
  if (t.identityFile) args.push('-i', t.identityFile, '-o', 'IdentitiesOnly=yes');
  return args;
}

/** Runs `remote` (a command line for the host's shell) with `input` on its stdin. Never throws for a remote failure. */
export function sshRun(t: SshTarget, remote: string, opts: { input?: string | Buffer; timeoutMs?: number; sshConfig?: string } = {}) {
  return execa('ssh', [...sshArgs(t, opts.sshConfig), t.address, remote], {
    input: opts.input ?? '',
    reject: false,
    timeout: opts.timeoutMs ?? 15 * 60 * 1000,
    encoding: 'utf8',
  });
}
