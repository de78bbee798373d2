// `bootstrap apply HOST` as users run it: logged in over SSH as an ordinary user with passwordless
// sudo (the real OpenSSH server, the real sudo, the real Ignition), and a host where Ignition fails
// (nothing enabled, a clear message). systemctl is a recording FAKE: there is no systemd here.
// The test makes one system user (kube-anywhere-test) with a sudoers entry, and removes both after.
import { execa, type ResultPromise } from 'execa';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import { bareMetalConfig, tempDir } from '../../unit/bootstrap/fixtures.js';
import { freePort, runCli, waitFor } from './helpers.js';

jest.setTimeout(120000);
const USER = 'kube-anywhere-test';
const SUDOERS = `/etc/sudoers.d/${USER}`;
const dir = tempDir('ka-sudo-');
// What the user's sshd session must read (its key list) lives in a directory the user can enter.
const shared = mkdtempSync(join(tmpdir(), 'ka-sudo-shared-'));
const configFile = join(dir, 'cluster.json');
const stateDir = join(dir, 'clusters');
const fakeLog = join(dir, 'fake-systemctl.log');
let sshd: ResultPromise;
let port: number;
let madeUser = false;

beforeAll(async () => {
  if (process.getuid?.() !== 0) throw new Error('this test makes a system user and a sudoers entry: run it as root');
  if ((await execa('id', ['-u', USER], { reject: false })).exitCode !== 0) {
    await execa('useradd', ['--system', '--create-home', '--shell', '/bin/sh', USER]);
    madeUser = true;
  }
  // No password, but not locked ("!"): sshd without PAM refuses key logins to locked accounts.
  await execa('usermod', ['-p', '*', USER]);
  writeFileSync(SUDOERS, `${USER} ALL=(ALL) NOPASSWD: ALL\n`, { mode: 0o440 });
  expect((await execa('visudo', ['-c', '-f', SUDOERS], { reject: false })).exitCode).toBe(0);
  chmodSync(shared, 0o755);
  port = await freePort();
  await execa('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'host_key')]);
  await execa('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'id')]);
  writeFileSync(join(shared, 'authorized_keys'), readFileSync(join(dir, 'id.pub')), { mode: 0o644 });
  writeFileSync(join(dir, 'sshd_config'), [
    `Port ${port}`, 'ListenAddress 127.0.0.1', `HostKey ${join(dir, 'host_key')}`, `PidFile ${join(dir, 'sshd.pid')}`,
    `AuthorizedKeysFile ${join(shared, 'authorized_keys')}`, 'StrictModes no', 'UsePAM no', 'PasswordAuthentication no',
    'KbdInteractiveAuthentication no', 'PermitRootLogin no', `AllowUsers ${USER}`, '',
  ].join('\n'));
  writeFileSync(join(dir, 'known_hosts'), `[127.0.0.1]:${port} ${readFileSync(join(dir, 'host_key.pub'), 'utf8')}`);
  writeFileSync(join(dir, 'ssh_config'), `Host *\n  UserKnownHostsFile ${join(dir, 'known_hosts')}\n  StrictHostKeyChecking yes\n`);
  // The fake systemctl records who runs it: uid 0 reached through sudo (SUDO_USER) from the login user.
  writeFileSync(join(dir, 'fake-systemctl'), `#!/bin/sh\necho "$(id -u) \${SUDO_USER:-none} $*" >> ${fakeLog}\n`);
  chmodSync(join(dir, 'fake-systemctl'), 0o755);
  mkdirSync('/run/sshd', { recursive: true });
  sshd = execa('/usr/sbin/sshd', ['-D', '-e', '-f', join(dir, 'sshd_config')], { reject: false, all: true });
  const ssh = ['-F', join(dir, 'ssh_config'), '-o', 'BatchMode=yes', '-i', join(dir, 'id'), '-p', String(port), `${USER}@127.0.0.1`];
  await waitFor('sshd', async () => ((await execa('ssh', [...ssh, 'true'], { reject: false })).exitCode === 0 ? true : undefined));
  expect((await execa('ssh', [...ssh, 'id -u'])).stdout.trim()).not.toBe('0'); // really an ordinary user

  writeFileSync(configFile, JSON.stringify(bareMetalConfig(
    [{ name: 'm0', ip: '127.0.0.1', roles: ['master', 'etcd'], sshPort: port }],
    { network: { nodeCidr: '127.0.0.0/8' } },
  )).replace('"hosts"', `"ssh":{"user":"${USER}","identityFile":${JSON.stringify(join(dir, 'id'))}},"hosts"`));
});

afterAll(async () => {
  sshd?.kill('SIGTERM');
  await sshd?.catch(() => undefined);
  rmSync(SUDOERS, { force: true });
  if (madeUser) await execa('userdel', ['--remove', USER], { reject: false });
});

const applyEnv = (root: string) => ({
  KUBE_ANYWHERE_APPLY_ROOT: root,
  KUBE_ANYWHERE_APPLY_SYSTEMCTL: join(dir, 'fake-systemctl'),
  KUBE_ANYWHERE_SSH_CONFIG: join(dir, 'ssh_config'),
});
const logLines = () => (existsSync(fakeLog) ? readFileSync(fakeLog, 'utf8').trim().split('\n').filter(Boolean) : []);

test('a non-root user with passwordless sudo: Ignition and systemctl run as root through sudo; the files are root-owned', async () => {
  const root = join(dir, 'root-ok');
  mkdirSync(root);
  const r = await runCli(['bootstrap', 'apply', 'm0', '--config', configFile, '--state-dir', stateDir], applyEnv(root));
  expect([r.exitCode, r.stderr]).toEqual([0, '']);
  expect(r.stdout).toContain('m0: applied');
  expect(readFileSync(join(root, 'etc/hostname'), 'utf8')).toBe('m0\n');
  const key = statSync(join(root, 'etc/kubernetes/pki/apiserver.key'));
  expect([key.uid, key.mode & 0o777]).toEqual([0, 0o600]);
  expect(logLines()).toEqual([
    `0 ${USER} daemon-reload`,
    `0 ${USER} restart systemd-modules-load.service systemd-sysctl.service`,
    `0 ${USER} enable containerd.service kubelet-install.service kubelet.service`,
    `0 ${USER} restart containerd.service`,
    `0 ${USER} start kubelet-install.service`,
    `0 ${USER} restart kubelet.service`,
  ]);
});

test('Ignition fails on the host (it cannot write into the root): exit 1, "Ignition failed" with its log, nothing enabled or started', async () => {
  const root = join(dir, 'root-broken');
  mkdirSync(join(root, 'etc'), { recursive: true });
  writeFileSync(join(root, 'etc', 'kubernetes'), 'a file where Ignition needs a directory\n');
  const before = logLines().length;
  const r = await runCli(['bootstrap', 'apply', 'm0', '--config', configFile, '--state-dir', stateDir], applyEnv(root));
  expect(r.exitCode).toBe(1);
  expect(r.stderr).toMatch(new RegExp(`^error: Ignition failed on host m0 \\(${USER}@127\\.0\\.0\\.1:${port}\\); nothing was enabled:\\n`));
  expect(r.stderr).toMatch(/not a directory/i); // Ignition's own words, from its log
  expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  expect(logLines().length).toBe(before); // no systemctl call at all
  expect(readFileSync(join(root, 'etc', 'kubernetes'), 'utf8')).toBe('a file where Ignition needs a directory\n');
  expect(existsSync(join(root, 'etc', 'selinux', 'config'))).toBe(false); // the stand-in SELinux config is removed again
});
