// The PKI: created once with the right names and modes, reused byte for byte, leaves re-issued
// (same CA, same key) when the inventory's names change, and a damaged directory refused untouched.
import { X509Certificate } from 'node:crypto';
import { copyFileSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderBootstrap } from '../../../bootstrap/index.js';
import { ensurePki } from '../../../bootstrap/pki/store.js';
import { UserError } from '../../../lib/errors.js';
import { cloudCluster, snapshot, tempDir } from './fixtures.js';

import { jest } from '@jest/globals';
jest.setTimeout(30000);

const cert = (dir: string, stem: string) => new X509Certificate(readFileSync(join(dir, `${stem}.crt`)));
const quiet = { onMessage: () => {} };

test('a fresh PKI: CAs, leaves issued by the right CA with the right names, secrets 0600 in 0700 dirs', async () => {
  const { config, inventory, paths } = cloudCluster();
  await renderBootstrap(config, inventory, paths, quiet);
  const dir = paths.pki;
  expect(statSync(dir).mode & 0o777).toBe(0o700);
  expect(statSync(join(dir, 'etcd')).mode & 0o777).toBe(0o700);
  const files = snapshot(dir);
  for (const [f, v] of Object.entries(files)) {
    if (f.endsWith('.key') || f === 'bootstrap-token' || f === 'encryption-config.yaml') expect([f, v.split(' ')[0]]).toEqual([f, '600']);
  }
  const ca = cert(dir, 'ca');
  const etcdCa = cert(dir, 'etcd/ca');
  const fp = cert(dir, 'front-proxy-ca');
  expect(ca.ca && etcdCa.ca && fp.ca).toBe(true);
  expect(ca.fingerprint256).not.toBe(etcdCa.fingerprint256);
  const issuedBy = (stem: string, by: X509Certificate) => {
    const c = cert(dir, stem);
    expect([stem, c.checkIssued(by) && c.verify(by.publicKey)]).toEqual([stem, true]);
    expect(c.ca).toBe(false);
    return c;
  };
  const api = issuedBy('apiserver', ca);
  for (const n of ['DNS:demo-api-0123.elb.eu-west-1.amazonaws.com', 'DNS:kubernetes', 'DNS:kubernetes.default', 'DNS:kubernetes.default.svc',
    'DNS:kubernetes.default.svc.cluster.local', 'DNS:localhost', 'IP Address:127.0.0.1', 'IP Address:10.96.0.1']) {
    expect(api.subjectAltName?.split(', ')).toContain(n);
  }
  for (const m of inventory.nodes.filter((n) => n.roles.includes('master'))) expect(api.subjectAltName).toContain(`IP Address:${m.privateIP}`);
  issuedBy('apiserver-kubelet-client', ca);
  issuedBy('apiserver-etcd-client', etcdCa);
  issuedBy('front-proxy-client', fp);
  expect(issuedBy('admin', ca).subject).toBe('O=system:masters\nCN=kubernetes-admin');
  expect(issuedBy('controller-manager', ca).subject).toBe('CN=system:kube-controller-manager');
  expect(issuedBy('scheduler', ca).subject).toBe('CN=system:kube-scheduler');
  for (const n of inventory.nodes) {
    if (n.roles.includes('etcd')) {
      expect(issuedBy(`etcd/${n.name}-server`, etcdCa).subjectAltName).toContain(`IP Address:${n.privateIP}`);
      expect(issuedBy(`etcd/${n.name}-peer`, etcdCa).subjectAltName).toContain(`IP Address:${n.privateIP}`);
    }
    if (n.roles.includes('master')) expect(issuedBy(`kubelet/${n.name}-client`, ca).subject).toBe(`O=system:nodes\nCN=system:node:${n.name}`);
  }
  // ECDSA P-256 by default; leaves live 17520 h, CAs longer.
  expect(api.publicKey.asymmetricKeyType).toBe('ec');
  const hours = (c: X509Certificate) => (Date.parse(c.validTo) - Date.parse(c.validFrom)) / 3_600_000;
  expect(Math.round(hours(api))).toBe(17520 + 0); // notBefore is 5 minutes back: rounds to the configured hours
  expect(hours(ca)).toBeGreaterThan(hours(api));
  expect(readFileSync(join(dir, 'bootstrap-token'), 'utf8')).toMatch(/^[a-z0-9]{6}\.[a-z0-9]{16}\n$/);
  expect(readFileSync(join(dir, 'bootstrap-token'), 'utf8').trim()).toMatch(/^[a-z0-9]{6}\.[a-z0-9]{16}$/); // kubernetes.io, "Authenticating with Bootstrap Tokens": [a-z0-9]{6}.[a-z0-9]{16}
  expect(readFileSync(join(dir, 'encryption-config.yaml'), 'utf8')).toContain('aescbc');
  // The admin kubeconfig points at the API endpoint and is private.
  expect(statSync(paths.kubeconfig).mode & 0o777).toBe(0o600);
  expect(readFileSync(paths.kubeconfig, 'utf8')).toContain('server: https://demo-api-0123.elb.eu-west-1.amazonaws.com:6443');
});

test('a re-run reuses everything: not one byte of pki/, ignition/ or the kubeconfig changes', async () => {
  const { config, inventory, paths } = cloudCluster();
  await renderBootstrap(config, inventory, paths, quiet);
  const before = snapshot(paths.root);
  const messages: string[] = [];
  await renderBootstrap(config, inventory, paths, { onMessage: (m) => messages.push(m) });
  expect(snapshot(paths.root)).toEqual(before);
  expect(messages).toEqual([]);
});

test('a new API endpoint re-issues the apiserver certificate from the same CA with the same key, and says so', async () => {
  const { config, inventory, paths } = cloudCluster();
  await renderBootstrap(config, inventory, paths, quiet);
  const before = snapshot(paths.pki);
  const oldApi = cert(paths.pki, 'apiserver');
  const moved = { ...inventory, apiEndpoint: { ...inventory.apiEndpoint, host: 'api.demo.example.com' } };
  const messages: string[] = [];
  await renderBootstrap(config, moved, paths, { onMessage: (m) => messages.push(m) });
  const after = snapshot(paths.pki);
  expect(messages).toHaveLength(1);
  expect(messages[0]).toMatch(/re-issued .*apiserver\.crt from the same CA and key: its names changed/);
  expect(messages[0]).toContain('api.demo.example.com');
  const changed = Object.keys(after).filter((f) => after[f] !== before[f]);
  expect(changed).toEqual(['apiserver.crt']);
  const newApi = cert(paths.pki, 'apiserver');
  expect(newApi.subjectAltName).toContain('DNS:api.demo.example.com');
  expect(newApi.publicKey.export({ type: 'spki', format: 'der' }).equals(oldApi.publicKey.export({ type: 'spki', format: 'der' }))).toBe(true);
  expect(newApi.checkIssued(cert(paths.pki, 'ca'))).toBe(true);
});

test('an interrupted run (a key written, its certificate not) continues with that key', async () => {
  const { config, inventory, paths } = cloudCluster();
  await ensurePki(config, inventory, paths.pki);
  const keyBefore = readFileSync(join(paths.pki, 'scheduler.key'));
  rmSync(join(paths.pki, 'scheduler.crt'));
  const pki = await ensurePki(config, inventory, paths.pki);
  expect(pki.messages.join('\n')).toMatch(/issued .*scheduler\.crt for the existing key/);
  expect(readFileSync(join(paths.pki, 'scheduler.key')).equals(keyBefore)).toBe(true);
  expect(cert(paths.pki, 'scheduler').checkPrivateKey(await import('node:crypto').then((c) => c.createPrivateKey(keyBefore)))).toBe(true);
});

async function damagedError(damage: (pki: string) => void): Promise<{ err: UserError; unchanged: boolean }> {
  const { config, inventory, paths } = cloudCluster();
  await renderBootstrap(config, inventory, paths, quiet);
  damage(paths.pki);
  const before = snapshot(paths.root);
  let err: unknown;
  try {
    await renderBootstrap(config, { ...inventory, apiEndpoint: { ...inventory.apiEndpoint, host: 'other.example.com' } }, paths, quiet);
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(UserError);
  return { err: err as UserError, unchanged: JSON.stringify(snapshot(paths.root)) === JSON.stringify(before) };
}

const fullText = (e: UserError) => [e.message, ...e.details].join('\n');

test('damaged pki: a missing key is named, and nothing in clusters/<name>/ is overwritten', async () => {
  const { err, unchanged } = await damagedError((pki) => rmSync(join(pki, 'apiserver-etcd-client.key')));
  expect(fullText(err)).toMatch(/apiserver-etcd-client\.key is missing but .*apiserver-etcd-client\.crt exists/);
  expect(err.exitCode).toBe(2);
  expect(unchanged).toBe(true);
});

test('damaged pki: a key that does not match its certificate is named', async () => {
  const { err, unchanged } = await damagedError((pki) => copyFileSync(join(pki, 'admin.key'), join(pki, 'scheduler.key')));
  expect(fullText(err)).toMatch(/scheduler\.key does not match .*scheduler\.crt/);
  expect(unchanged).toBe(true);
});

test('damaged pki: a certificate from another CA is named', async () => {
  const other = cloudCluster();
  await renderBootstrap(other.config, other.inventory, other.paths, quiet);
  const { err, unchanged } = await damagedError((pki) => {
    for (const ext of ['crt', 'key']) copyFileSync(join(other.paths.pki, `front-proxy-client.${ext}`), join(pki, `front-proxy-client.${ext}`));
  });
  expect(fullText(err)).toMatch(/front-proxy-client\.crt was not issued by this cluster's CA .*front-proxy-ca\.crt/);
  expect(unchanged).toBe(true);
});

test('damaged pki: a CA key missing, a garbled certificate and a bad token are all listed', async () => {
  const { err, unchanged } = await damagedError((pki) => {
    rmSync(join(pki, 'etcd/ca.key'));
    writeFileSync(join(pki, 'admin.crt'), 'not a certificate');
    writeFileSync(join(pki, 'bootstrap-token'), 'abc\n');
  });
  const text = fullText(err);
  expect(text).toMatch(/etcd\/ca\.key is missing/);
  expect(text).toMatch(/admin\.crt is not a PEM certificate/);
  expect(text).toMatch(/bootstrap-token does not hold a bootstrap token/);
  expect(unchanged).toBe(true);
});

test('rsa-2048 from the config gives RSA keys', async () => {
  const { config, inventory } = cloudCluster({ phase2: { pki: { keyAlgorithm: 'rsa-2048' } }, topology: { masters: 1, workers: 1 } });
  const dir = tempDir();
  await ensurePki(config, inventory, dir);
  const c = cert(dir, 'apiserver');
  expect(c.publicKey.asymmetricKeyType).toBe('rsa');
  expect(c.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
  expect(c.verify(cert(dir, 'ca').publicKey)).toBe(true);
}, 120000);
