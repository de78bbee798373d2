// `bootstrap apply HOST` against a real OpenSSH server on loopback: the config travels over SSH,
// the host's real Ignition applies it into a temporary root (KUBE_ANYWHERE_APPLY_ROOT), and the
// post-apply systemctl calls go to a recording fake (there is no systemd here).
import { execa, type ResultPromise } from 'execa';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import { bareMetalConfig, tempDir } from '../../unit/bootstrap/fixtures.js';
import { freePort, runCli, waitFor } from './helpers.js';

jest.setTimeout(120000);
const dir = tempDir('ka-ssh-');
let sshd: ResultPromise;
let port: number;
let deadPort: number;
const configFile = join(dir, 'cluster.json');
const stateDir = join(dir, 'clusters');
const fakeLog = join(dir, 'fake-systemctl.log');

beforeAll(async () => {
  port = await freePort();
  deadPort = await freePort();
  await execa('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'host_key')]);
  await execa('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'id')]);
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(join(dir, 'id.pub')));
  writeFileSync(join(dir, 'sshd_config'), [
    `Port ${port}`, 'ListenAddress 127.0.0.1', `HostKey ${join(dir, 'host_key')}`, `PidFile ${join(dir, 'sshd.pid')}`,
    `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`, 'StrictModes no', 'UsePAM no', 'PasswordAuthentication no',
    'KbdInteractiveAuthentication no', 'PermitRootLogin prohibit-password', '',
  ].join('\n'));
  // The client trusts exactly this host key.
  writeFileSync(join(dir, 'known_hosts'), `[127.0.0.1]:${port} ${readFileSync(join(dir, 'host_key.pub'), 'utf8')}`);
  writeFileSync(join(dir, 'ssh_config'), `Host *\n  UserKnownHostsFile ${join(dir, 'known_hosts')}\n  StrictHostKeyChecking yes\n`);
  // A fake systemctl, named so: records its arguments, one call a line.
  writeFileSync(join(dir, 'fake-systemctl'), `#!/bin/sh\necho "$*" >> ${fakeLog}\n`);
  chmodSync(join(dir, 'fake-systemctl'), 0o755);
  mkdirSync('/run/sshd', { recursive: true }); // sshd's privilege-separation directory (the package's tmpfiles.d makes it on boot)
  sshd = execa('/usr/sbin/sshd', ['-D', '-e', '-f', join(dir, 'sshd_config')], { reject: false, all: true });
  await waitFor('sshd', async () => ((await execa('ssh', sshArgs(['true']), { reject: false })).exitCode === 0 ? true : undefined));

  writeFileSync(configFile, JSON.stringify(bareMetalConfig(
    [
      { name: 'm0', ip: '127.0.0.1', roles: ['master', 'etcd'], sshPort: port },
      { name: 'w0', ip: '127.0.0.1', roles: ['worker'], sshPort: deadPort },
    ].map((h, i) => (i === 1 ? { ...h, ip: '127.0.0.2' } : h)),
    { network: { nodeCidr: '127.0.0.0/8' } },
  )).replace('"hosts"', `"ssh":{"user":"root","identityFile":${JSON.stringify(join(dir, 'id'))}},"hosts"`));
});

afterAll(async () => {
  sshd?.kill('SIGTERM');
  await sshd?.catch(() => undefined);
});

function sshArgs(cmd: string[]): string[] {
  return ['-F', join(dir, 'ssh_config'), '-o', 'BatchMode=yes', '-i', join(dir, 'id'), '-p', String(port), 'root@127.0.0.1', ...cmd];
}

const applyEnv = (root: string, extra: NodeJS.ProcessEnv = {}) => ({
  KUBE_ANYWHERE_APPLY_ROOT: root,
  KUBE_ANYWHERE_APPLY_SYSTEMCTL: join(dir, 'fake-systemctl'),
  KUBE_ANYWHERE_SSH_CONFIG: join(dir, 'ssh_config'),
  ...extra,
});

test('apply HOST copies the config over SSH, Ignition applies it into the root, then the kubelet is enabled and started', async () => {
  const root = join(dir, 'root-m0');
  mkdirSync(root);
  const r = await runCli(['bootstrap', 'apply', 'm0', '--config', configFile, '--state-dir', stateDir], applyEnv(root));
  expect([r.exitCode, r.stderr]).toEqual([0, '']);
  expect(r.stdout).toContain('m0: applied');
  expect(readFileSync(join(root, 'etc/hostname'), 'utf8')).toBe('m0\n');
  expect(statSync(join(root, 'etc/kubernetes/pki/apiserver.key')).mode & 0o777).toBe(0o600);
  expect(readFileSync(join(root, 'etc/kubernetes/pki/ca.crt'), 'utf8')).toBe(readFileSync(join(stateDir, 'metal/pki/ca.crt'), 'utf8'));
  expect(existsSync(join(root, 'etc/kubernetes/manifests/kube-apiserver.yaml'))).toBe(true);
  expect(existsSync(join(root, 'etc/selinux/config'))).toBe(false); // the stand-in SELinux config is removed again
  expect(readFileSync(fakeLog, 'utf8').trim().split('\n')).toEqual([
    'daemon-reload',
    'restart systemd-modules-load.service systemd-sysctl.service',
    'enable containerd.service kubelet-install.service kubelet.service',
    'restart containerd.service',
    'start kubelet-install.service',
    'restart kubelet.service',
  ]);
});

test('a host without Ignition: a clear error naming the host, nothing applied', async () => {
  const root = join(dir, 'root-noign');
  mkdirSync(root);
  const r = await runCli(['bootstrap', 'apply', 'm0', '--config', configFile, '--state-dir', stateDir], applyEnv(root, { KUBE_ANYWHERE_APPLY_IGNITION: '/nonexistent/ignition' }));
  expect(r.exitCode).toBe(1);
  expect(r.stderr).toMatch(/^error: host m0 \(root@127\.0\.0\.1:\d+\) has no Ignition: no ignition binary/);
  expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  expect(existsSync(join(root, 'etc'))).toBe(false);
});

test('an unreachable host: a clear error naming the host and what to check', async () => {
  const r = await runCli(['bootstrap', 'apply', 'w0', '--config', configFile, '--state-dir', stateDir], applyEnv(join(dir, 'never')));
  expect(r.exitCode).toBe(1);
  expect(r.stderr).toContain(`error: cannot reach host w0 (root@127.0.0.2:${deadPort}) over SSH`);
  expect(r.stderr).toContain('phase1.baremetal.ssh');
});
