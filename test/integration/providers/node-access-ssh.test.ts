// Day-2 node access on bare metal, against a real OpenSSH server on loopback (logged in as root, as
// phase1.baremetal.ssh allows): files are written all or none with their owners and modes, read
// back, and a host that does not answer is named in the error.
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import { checkConfig } from '../../../config-schema/load.js';
import { NodeUnreachableError, readNodeFile, writeNodeFiles } from '../../../providers/common/node-access.js';
import { bareMetalNodeAccess } from '../../../providers/baremetal/node-access.js';
import { startSshd, type Sshd } from '../../helpers/sshd.js';
import { bareMetalConfig, tempDir } from '../../unit/bootstrap/fixtures.js';
import { freePort } from '../bootstrap/helpers.js';

jest.setTimeout(60_000);
const dir = tempDir('ka-node-access-');
let sshd: Sshd;
let deadPort: number;

beforeAll(async () => {
  if (process.getuid?.() !== 0) throw new Error('this test logs in to a real sshd as root and writes root-owned files: run it as root');
  sshd = await startSshd(dir);
  deadPort = await freePort();
});
afterAll(async () => sshd?.stop());

function access() {
  const raw = bareMetalConfig(
    [
      { name: 'm0', ip: '127.0.0.1', roles: ['master', 'etcd'], sshPort: sshd.port },
      { name: 'w0', ip: '127.0.0.2', roles: ['worker'], sshPort: deadPort },
    ] as never,
    { network: { nodeCidr: '127.0.0.0/8' } },
  ) as any;
  raw.phase1.baremetal.ssh = { user: 'root', identityFile: sshd.identityFile };
  return bareMetalNodeAccess(checkConfig('cluster.json', raw).config, { KUBE_ANYWHERE_SSH_CONFIG: sshd.sshConfig });
}

test('files arrive with their content, mode and owner; a key is never left readable by others', async () => {
  const a = access();
  const target = join(dir, 'host-a');
  await writeNodeFiles(a, 'm0', [
    { path: `${target}/pki/server.key`, content: 'KEY\n', mode: 0o600 },
    { path: `${target}/pki/server.crt`, content: Buffer.from('CERT\n'), mode: 0o644, uid: 65534, gid: 65534 },
  ]);
  expect(readFileSync(`${target}/pki/server.key`, 'utf8')).toBe('KEY\n');
  expect(statSync(`${target}/pki/server.key`).mode & 0o777).toBe(0o600);
  expect(statSync(`${target}/pki/server.crt`).mode & 0o777).toBe(0o644);
  expect(statSync(`${target}/pki/server.crt`).uid).toBe(65534);
  // New directories are made private (umask 077).
  expect(statSync(`${target}/pki`).mode & 0o777).toBe(0o700);
  expect(readdirSync(`${target}/pki`).sort()).toEqual(['server.crt', 'server.key']);
});

test('all or none: when one file cannot be written, every old file stays as it was and no new copy is left', async () => {
  const a = access();
  const target = join(dir, 'host-b');
  mkdirSync(target, { recursive: true });
  writeFileSync(join(target, 'a.crt'), 'OLD\n');
  writeFileSync(join(target, 'not-a-dir'), 'a file where a directory would have to be\n');
  await expect(writeNodeFiles(a, 'm0', [
    { path: join(target, 'a.crt'), content: 'NEW\n', mode: 0o644 },
    { path: join(target, 'not-a-dir', 'b.key'), content: 'NEW\n', mode: 0o600 },
  ])).rejects.toThrow(/writing .*a\.crt, .*b\.key on host m0 \(root@127\.0\.0\.1:\d+\) failed/);
  expect(readFileSync(join(target, 'a.crt'), 'utf8')).toBe('OLD\n');
  expect(readdirSync(target).sort()).toEqual(['a.crt', 'not-a-dir']);
});

test('a file is read back byte for byte; a missing one is undefined', async () => {
  const a = access();
  const bytes = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 7) % 256));
  writeFileSync(join(dir, 'blob'), bytes);
  expect((await readNodeFile(a, 'm0', join(dir, 'blob')))?.equals(bytes)).toBe(true);
  expect(await readNodeFile(a, 'm0', join(dir, 'missing'))).toBeUndefined();
});

test('a command that fails is a result with its exit code; the data on stdin is what the script reads', async () => {
  const a = access();
  const r = await a.run('m0', 'read -r x; echo "got $x"; echo oops >&2; exit 4', { input: 'secret-value\n' });
  // (execa strips the final newline of each stream.)
  expect(r).toEqual({ exitCode: 4, stdout: 'got secret-value', stderr: 'oops' });
});

test('a host that does not answer is a NodeUnreachableError naming it and how it was tried', async () => {
  const a = access();
  const e = await a.run('w0', 'true').catch((x) => x);
  expect(e).toBeInstanceOf(NodeUnreachableError);
  expect(e.node).toBe('w0');
  expect(e.message).toMatch(new RegExp(`^error: cannot reach host w0 \\(root@127\\.0\\.0\\.2:${deadPort}\\): .*check the address, phase1.baremetal.ssh`));
  expect(existsSync(join(dir, 'never'))).toBe(false);
});
