// A real OpenSSH server on a loopback port, for tests that reach "hosts" over SSH: a host key the
// client trusts exactly (known_hosts in an ssh_config of the test's own), and a client key.
import { execa, type ResultPromise } from 'execa';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, waitFor } from '../integration/bootstrap/helpers.js';

export interface Sshd {
  port: number;
  /** The client's private key (for phase1.baremetal.ssh.identityFile). */
  identityFile: string;
  /** An ssh_config that trusts this server's host key (KUBE_ANYWHERE_SSH_CONFIG). */
  sshConfig: string;
  stop(): Promise<void>;
}

/** Starts sshd as root on 127.0.0.1, accepting root logins with the generated client key only. */
export async function startSshd(dir: string): Promise<Sshd> {
  const port = await freePort();
  await execa('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'host_key')]);
  await execa('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'id')]);
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(join(dir, 'id.pub')));
  writeFileSync(join(dir, 'sshd_config'), [
    `Port ${port}`, 'ListenAddress 127.0.0.1', `HostKey ${join(dir, 'host_key')}`, `PidFile ${join(dir, 'sshd.pid')}`,
    `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`, 'StrictModes no', 'UsePAM no', 'PasswordAuthentication no',
    'KbdInteractiveAuthentication no', 'PermitRootLogin prohibit-password', '',
  ].join('\n'));
  writeFileSync(join(dir, 'known_hosts'), `[127.0.0.1]:${port} ${readFileSync(join(dir, 'host_key.pub'), 'utf8')}`);
  const sshConfig = join(dir, 'ssh_config');
  writeFileSync(sshConfig, `Host *\n  UserKnownHostsFile ${join(dir, 'known_hosts')}\n  StrictHostKeyChecking yes\n`);
  mkdirSync('/run/sshd', { recursive: true }); // sshd's privilege-separation directory
  const sshd: ResultPromise = execa('/usr/sbin/sshd', ['-D', '-e', '-f', join(dir, 'sshd_config')], { reject: false, all: true });
  const probe = ['-F', sshConfig, '-o', 'BatchMode=yes', '-i', join(dir, 'id'), '-p', String(port), 'root@127.0.0.1', 'true'];
  await waitFor('sshd', async () => ((await execa('ssh', probe, { reject: false })).exitCode === 0 ? true : undefined));
  return {
    port,
    identityFile: join(dir, 'id'),
    sshConfig,
    async stop() {
      sshd.kill('SIGTERM');
      await sshd.catch(() => undefined);
    },
  };
}
