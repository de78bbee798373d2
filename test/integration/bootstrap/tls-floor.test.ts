// The TLS floor, against a real server started with the rendered settings: etcd (3.7.0, the release
// Kubernetes 1.37 pairs with) runs with exactly the flags of its rendered static pod, and openssl
// s_client tries the protocol versions and ciphers the floor excludes.
import { execa, type ResultPromise } from 'execa';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { jest } from '@jest/globals';
import { renderBootstrap } from '../../../bootstrap/index.js';
import { bareMetalCluster, ignFile, ignFiles, tempDir } from '../../unit/bootstrap/fixtures.js';
import { etcdBinary, waitFor } from './helpers.js';

jest.setTimeout(90000);
const octet = () => 1 + Math.floor(Math.random() * 250);
const ip = `127.${octet()}.${octet()}.10`;
const work = tempDir('ka-tls-floor-');
let etcd: ResultPromise;
let root: string;
let flags: string[];

beforeAll(async () => {
  const c = bareMetalCluster([{ name: 'm0', ip, roles: ['master', 'etcd'] }], { network: { nodeCidr: '127.0.0.0/8' } }, work);
  const [m0] = await renderBootstrap(c.config, c.inventory, c.paths, { onMessage: () => {} });
  root = join(work, 'm0');
  for (const f of ignFiles(m0.full)) {
    mkdirSync(dirname(join(root, f.path)), { recursive: true });
    writeFileSync(join(root, f.path), ignFile(m0.full, f.path)!, { mode: f.mode });
  }
  const pod = parse(readFileSync(join(root, 'etc/kubernetes/manifests/etcd.yaml'), 'utf8'));
  // Paths move into the laid-out root; the loopback metrics listener moves to the member's address.
  flags = (pod.spec.containers[0].command as string[])
    .slice(1)
    .map((a) => a.replaceAll('/etc/kubernetes', join(root, 'etc/kubernetes')).replaceAll('/var/lib/etcd', join(root, 'var/lib/etcd')).replace('http://127.0.0.1:2381', `http://${ip}:2381`));
  etcd = execa(etcdBinary(), flags, { reject: false, all: true });
  await waitFor('etcd to listen', async () => ((await sClient(['-tls1_2'])).exitCode === 0 ? true : undefined), 30000);
});

afterAll(async () => {
  etcd?.kill('SIGTERM');
  await etcd;
});

const pki = (f: string) => join(root, 'etc/kubernetes/pki', f);

/** A handshake as the API server would make it (its etcd client certificate), plus `extra`. */
function sClient(extra: string[]) {
  return execa('openssl', ['s_client', '-connect', `${ip}:2379`, '-CAfile', pki('etcd/ca.crt'), '-cert', pki('apiserver-etcd-client.crt'), '-key', pki('apiserver-etcd-client.key'), '-verify_return_error', ...extra], {
    reject: false,
    input: '',
    timeout: 10000,
  });
}

test('the rendered etcd flags carry the floor: TLS 1.2 and the ECDHE AEAD suites', () => {
  expect(flags).toContain('--tls-min-version=TLS1.2');
  expect(flags).toContain(
    '--cipher-suites=TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305,TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305',
  );
});

test('TLS 1.2 with the client certificate is accepted (the control)', async () => {
  const r = await sClient(['-tls1_2']);
  expect([r.exitCode, r.stdout.match(/Protocol *: *(\S+)/)?.[1]]).toEqual([0, 'TLSv1.2']);
});

test('TLS 1.1 is refused by the server (the client offers it: security level 0)', async () => {
  const r = await sClient(['-tls1_1', '-cipher', 'DEFAULT:@SECLEVEL=0']);
  expect(r.exitCode).not.toBe(0);
  expect(r.stderr).toMatch(/alert protocol version/);
});

test('TLS 1.0 is refused too', async () => {
  const r = await sClient(['-tls1', '-cipher', 'DEFAULT:@SECLEVEL=0']);
  expect(r.exitCode).not.toBe(0);
  expect(r.stderr).toMatch(/alert protocol version/);
});

test('TLS 1.2 with only a CBC suite without forward secrecy is refused (no shared cipher)', async () => {
  const r = await sClient(['-tls1_2', '-cipher', 'AES128-SHA']);
  expect(r.exitCode).not.toBe(0);
  expect(r.stderr).toMatch(/handshake failure/);
});
