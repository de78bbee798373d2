// Issuing and keeping the PKI (bootstrap/pki/crypto.ts, store.ts), judged by openssl, the real
// program, not by the code that wrote the files. Each test does its own (small) work, so mutation
// testing runs only the tests that reach a mutant. Expectations: RFC 5280 (a CA has basicConstraints
// CA:TRUE and keyCertSign; serial numbers positive, at most 20 octets; the authority key identifier
// names the issuer's key), kubernetes.io "PKI certificates and requirements" (server and client
// usages, the SANs), the file modes a key wants (0600 in a 0700 directory, certificates 0644).
import { execFileSync } from 'node:child_process';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { jest } from '@jest/globals';
import { checkConfig } from '../../../config-schema/load.js';
import type { Inventory } from '../../../lib/contracts.js';
import { UserError } from '../../../lib/errors.js';
import { certPem, generateKeyPair, importKeyPair, issueCertificate, keyAlgorithmOf, signingAlgorithm, x509 } from '../../../bootstrap/pki/crypto.js';
import { publicKeyDer, publicKeyPem } from '../../../bootstrap/pki/names.js';
import { ensurePki } from '../../../bootstrap/pki/store.js';
import { tempDir } from './fixtures.js';

jest.setTimeout(30_000);

const openssl = (args: string[], input?: string) => execFileSync('openssl', args, { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
const text = (pem: string) => openssl(['x509', '-noout', '-text'], pem);
/** openssl's -text, squeezed to "Name: value" lines. */
const flat = (pem: string) => text(pem).replace(/\n\s+/g, '\n').split('\n').map((l) => l.trim());
const after = (lines: string[], header: string) => lines[lines.findIndex((l) => l.startsWith(header)) + 1];
const dates = (pem: string) => {
  const out = openssl(['x509', '-noout', '-startdate', '-enddate'], pem);
  const get = (k: string) => Date.parse(out.match(new RegExp(`${k}=(.*)`))![1]);
  return { notBefore: get('notBefore'), notAfter: get('notAfter') };
};
const genpkey = (...args: string[]) => openssl(['genpkey', ...args]);

test('ECDSA P-256 keys as PKCS#8 PEM; P-256 in any PEM form and RSA are known, other keys are not', async () => {
  const k = await generateKeyPair('ecdsa-p256');
  expect(k.pem).toMatch(/^-----BEGIN PRIVATE KEY-----\n[\s\S]+\n-----END PRIVATE KEY-----\n$/);
  expect(openssl(['pkey', '-noout', '-text'], k.pem)).toContain('NIST CURVE: P-256');
  expect(k.privateKey.algorithm).toMatchObject({ name: 'ECDSA', namedCurve: 'P-256' });
  expect(keyAlgorithmOf(k.pem)).toBe('ecdsa-p256');
  const sec1 = openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout']);
  expect(sec1).toContain('BEGIN EC PRIVATE KEY');
  expect(keyAlgorithmOf(sec1)).toBe('ecdsa-p256');
  const pkcs1 = openssl(['genrsa', '-traditional', '1024']);
  expect(pkcs1).toContain('BEGIN RSA PRIVATE KEY');
  expect(keyAlgorithmOf(pkcs1)).toBe('rsa-2048');
  const p384 = genpkey('-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-384');
  expect(keyAlgorithmOf(p384)).toBeUndefined();
  expect(keyAlgorithmOf(genpkey('-algorithm', 'ed25519'))).toBeUndefined();
  await expect(importKeyPair(p384)).rejects.toThrow(new Error('unsupported key type (ECDSA P-256 or RSA are accepted)'));
});

test('RSA: 2048-bit keys with exponent 65537, signed with SHA-256', async () => {
  const k = await generateKeyPair('rsa-2048');
  const t = openssl(['pkey', '-noout', '-text'], k.pem);
  expect(t).toContain('Private-Key: (2048 bit, 2 primes)');
  expect(t).toContain('publicExponent: 65537 (0x10001)');
  expect(keyAlgorithmOf(k.pem)).toBe('rsa-2048');
  expect(signingAlgorithm(k.privateKey)).toEqual({ name: 'RSASSA-PKCS1-v1_5' });
  const imported = await importKeyPair(openssl(['genrsa', '-traditional', '2048']));
  const ca = await issueCertificate({ commonName: 'rsa-ca', key: imported, ca: true, validityHours: 1 });
  const lines = flat(certPem(ca));
  expect(lines).toContain('Signature Algorithm: sha256WithRSAEncryption');
  expect(lines).toContain('Public-Key: (2048 bit)');
  const leaf = await issueCertificate({ commonName: 'rsa-leaf', key: k, ca: false, usage: ['client'], issuer: { cert: ca, key: imported }, validityHours: 1 });
  const dir = tempDir('ka-crypto-');
  writeFileSync(join(dir, 'ca.pem'), certPem(ca));
  writeFileSync(join(dir, 'leaf.pem'), certPem(leaf));
  expect(openssl(['verify', '-CAfile', join(dir, 'ca.pem'), join(dir, 'leaf.pem')])).toBe(`${join(dir, 'leaf.pem')}: OK\n`);
}, 60_000);

test('a CA: self-signed, CA:TRUE and certificate/CRL signing (critical), a subject key identifier, the asked validity', async () => {
  const key = await importKeyPair(openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout']));
  expect(signingAlgorithm(key.privateKey)).toEqual({ name: 'ECDSA', hash: 'SHA-256' });
  const start = Date.now();
  const ca = await issueCertificate({ commonName: 'test-ca', key, ca: true, validityHours: 10 });
  const pem = certPem(ca);
  expect(pem).toMatch(/^-----BEGIN CERTIFICATE-----\n[\s\S]+\n-----END CERTIFICATE-----\n$/);
  const lines = flat(pem);
  expect(lines).toContain('Subject: CN = test-ca');
  expect(lines).toContain('Issuer: CN = test-ca');
  expect(lines).toContain('Signature Algorithm: ecdsa-with-SHA256');
  expect(after(lines, 'X509v3 Basic Constraints')).toBe('CA:TRUE');
  expect(lines).toContain('X509v3 Basic Constraints: critical');
  expect(lines).toContain('X509v3 Key Usage: critical');
  expect(after(lines, 'X509v3 Key Usage')).toBe('Digital Signature, Certificate Sign, CRL Sign');
  expect(lines.filter((l) => l.startsWith('X509v3 ') && !l.startsWith('X509v3 extensions')).map((l) => l.replace(/:.*/, ''))).toEqual(['X509v3 Basic Constraints', 'X509v3 Key Usage', 'X509v3 Subject Key Identifier']);
  const dir = tempDir('ka-crypto-');
  writeFileSync(join(dir, 'ca.pem'), pem);
  expect(openssl(['verify', '-CAfile', join(dir, 'ca.pem'), join(dir, 'ca.pem')])).toBe(`${join(dir, 'ca.pem')}: OK\n`);
  // Valid from five minutes back (clock skew between machines) for the asked hours from now.
  const d = dates(pem);
  expect(Math.abs(d.notBefore - (start - 5 * 60_000))).toBeLessThan(3000);
  expect(Math.abs(d.notAfter - (start + 10 * 3_600_000))).toBeLessThan(3000);
});

test('serial numbers: 16 random bytes, positive, never with a leading zero byte', async () => {
  const key = await generateKeyPair('ecdsa-p256');
  const serials = new Set<string>();
  for (let i = 0; i < 24; i++) {
    const s = new X509Certificate(certPem(await issueCertificate({ commonName: 's', key, ca: true, validityHours: 1 }))).serialNumber;
    expect(s).toMatch(/^[0-9A-F]{32}$/);
    const first = parseInt(s.slice(0, 2), 16);
    expect([s, first & 0x80, first & 0x01]).toEqual([s, 0, 1]);
    serials.add(s);
  }
  expect(serials.size).toBe(24);
});

test('a leaf: issued by its CA (authority key identifier), CA:FALSE, the usages and names asked, organizations before the common name', async () => {
  const caKey = await generateKeyPair('ecdsa-p256');
  const ca = await issueCertificate({ commonName: 'leaf-ca', key: caKey, ca: true, validityHours: 10 });
  const key = await generateKeyPair('ecdsa-p256');
  const leaf = await issueCertificate({
    commonName: 'system:node:m0', organizations: ['system:nodes', 'extra'], key, ca: false, usage: ['server', 'client'],
    names: { dns: ['a.example', 'b'], ip: ['10.0.0.1'] }, issuer: { cert: ca, key: caKey }, validityHours: 2,
  });
  const lines = flat(certPem(leaf));
  expect(lines).toContain('Subject: O = system:nodes, O = extra, CN = system:node:m0');
  expect(lines).toContain('Issuer: CN = leaf-ca');
  expect(after(lines, 'X509v3 Basic Constraints')).toBe('CA:FALSE');
  expect(after(lines, 'X509v3 Key Usage')).toBe('Digital Signature, Key Encipherment');
  expect(lines).toContain('X509v3 Key Usage: critical');
  expect(after(lines, 'X509v3 Extended Key Usage')).toBe('TLS Web Server Authentication, TLS Web Client Authentication');
  expect(after(lines, 'X509v3 Subject Alternative Name')).toBe('DNS:a.example, DNS:b, IP Address:10.0.0.1');
  const caSki = after(flat(certPem(ca)), 'X509v3 Subject Key Identifier');
  expect(after(lines, 'X509v3 Authority Key Identifier')).toBe(caSki);
  const dir = tempDir('ka-crypto-');
  writeFileSync(join(dir, 'ca.pem'), certPem(ca));
  writeFileSync(join(dir, 'leaf.pem'), certPem(leaf));
  expect(openssl(['verify', '-CAfile', join(dir, 'ca.pem'), join(dir, 'leaf.pem')])).toBe(`${join(dir, 'leaf.pem')}: OK\n`);
  // A client-only leaf without names: client usage only, no SAN extension; no usage at all: no EKU.
  const client = flat(certPem(await issueCertificate({ commonName: 'c', key, ca: false, usage: ['client'], names: { dns: [], ip: [] }, issuer: { cert: ca, key: caKey }, validityHours: 1 })));
  expect(after(client, 'X509v3 Extended Key Usage')).toBe('TLS Web Client Authentication');
  expect(client.some((l) => l.startsWith('X509v3 Subject Alternative Name'))).toBe(false);
  const ipOnly = flat(certPem(await issueCertificate({ commonName: 'i', key, ca: false, usage: ['server'], names: { dns: [], ip: ['10.0.0.9'] }, issuer: { cert: ca, key: caKey }, validityHours: 1 })));
  expect(after(ipOnly, 'X509v3 Extended Key Usage')).toBe('TLS Web Server Authentication');
  expect(after(ipOnly, 'X509v3 Subject Alternative Name')).toBe('IP Address:10.0.0.9');
  const dnsOnly = flat(certPem(await issueCertificate({ commonName: 'd', key, ca: false, names: { dns: ['d.example'], ip: [] }, issuer: { cert: ca, key: caKey }, validityHours: 1 })));
  expect(after(dnsOnly, 'X509v3 Subject Alternative Name')).toBe('DNS:d.example');
  expect(dnsOnly.some((l) => l.startsWith('X509v3 Extended Key Usage'))).toBe(false);
  expect(client.filter((l) => l.startsWith('X509v3 ') && !l.startsWith('X509v3 extensions')).map((l) => l.replace(/:.*/, ''))).toEqual([
    'X509v3 Basic Constraints', 'X509v3 Key Usage', 'X509v3 Subject Key Identifier', 'X509v3 Authority Key Identifier', 'X509v3 Extended Key Usage',
  ]);
});

test('public keys: the SPKI of a private key is openssl\'s, from a private or a public PEM', () => {
  const key = openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout']);
  const pub = openssl(['pkey', '-pubout'], key);
  expect(publicKeyPem(key)).toBe(pub);
  const der = execFileSync('openssl', ['pkey', '-pubout', '-outform', 'DER'], { input: key });
  expect(publicKeyDer(key).equals(der)).toBe(true);
  expect(publicKeyDer(pub).equals(der)).toBe(true);
});

// --- the store ---

const config = (pki: Record<string, unknown> = {}) =>
  checkConfig('c.json', { name: 'demo', topology: { masters: 1, workers: 0 }, phase2: { pki: { certValidityHours: 100, caValidityHours: 1000, bootstrapTokenValidityDays: 40, ...pki } } }).config;
const INV: Inventory = {
  cluster: 'demo',
  provider: 'baremetal',
  apiEndpoint: { host: 'api.demo.example.com', port: 6443, provisional: false },
  nodes: [{ name: 'm0', roles: ['master', 'etcd'], privateIP: '10.0.0.10' }],
  workerPools: [],
};
const LEAVES = ['admin', 'apiserver', 'apiserver-etcd-client', 'apiserver-kubelet-client', 'controller-manager', 'etcd/m0-peer', 'etcd/m0-server',
  'front-proxy-client', 'kube-api-balancer', 'kubelet-serving-approver', 'kubelet/m0-client', 'scheduler'];
const CA_OF: Record<string, string> = { 'apiserver-etcd-client': 'etcd/ca', 'etcd/m0-peer': 'etcd/ca', 'etcd/m0-server': 'etcd/ca', 'front-proxy-client': 'front-proxy-ca' };

/** Every file under dir with its mode and content. */
function snapshot(dir: string, sub = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readdirSync(join(dir, sub), { withFileTypes: true })) {
    const rel = sub ? `${sub}/${e.name}` : e.name;
    const mode = (statSync(join(dir, rel)).mode & 0o777).toString(8);
    if (e.isDirectory()) Object.assign(out, { [`${rel}/`]: mode }, snapshot(dir, rel));
    else out[rel] = `${mode} ${readFileSync(join(dir, rel), 'utf8')}`;
  }
  return out;
}
const fresh = async (pki?: Record<string, unknown>) => {
  const dir = join(tempDir('ka-pki-'), 'pki');
  const result = await ensurePki(config(pki), INV, dir);
  return { dir, result };
};

test('a fresh PKI: exactly these files, keys 0600 in 0700 directories, each leaf verified by openssl against its own CA', async () => {
  const start = Date.now();
  const { dir, result } = await fresh();
  const snap = snapshot(dir);
  const modes = Object.fromEntries(Object.entries(snap).map(([f, v]) => [f, v.split(' ')[0]]));
  expect(modes).toEqual({
    'etcd/': '700', 'kubelet/': '700',
    'ca.crt': '644', 'ca.key': '600', 'etcd/ca.crt': '644', 'etcd/ca.key': '600', 'front-proxy-ca.crt': '644', 'front-proxy-ca.key': '600',
    ...Object.fromEntries(LEAVES.flatMap((l) => [[`${l}.crt`, '644'], [`${l}.key`, '600']])),
    'sa.key': '600', 'sa.pub': '644', 'bootstrap-token': '600', 'bootstrap-token-expiration': '644', 'encryption-config.yaml': '600',
  });
  expect(statSync(dir).mode & 0o777).toBe(0o700);
  for (const [ca, cn] of [['ca', 'kubernetes-ca'], ['etcd/ca', 'etcd-ca'], ['front-proxy-ca', 'front-proxy-ca']]) {
    const pem = readFileSync(join(dir, `${ca}.crt`), 'utf8');
    expect(flat(pem)).toEqual(expect.arrayContaining([`Subject: CN = ${cn}`, `Issuer: CN = ${cn}`, 'CA:TRUE', 'NIST CURVE: P-256']));
    const d = dates(pem);
    expect([ca, Math.abs(d.notAfter - (start + 1000 * 3_600_000)) < 5000]).toEqual([ca, true]); // caValidityHours
    const mine = LEAVES.filter((l) => (CA_OF[l] ?? 'ca') === ca);
    const out = openssl(['verify', '-CAfile', join(dir, `${ca}.crt`), ...mine.map((l) => join(dir, `${l}.crt`))]);
    expect(out).toBe(mine.map((l) => `${join(dir, `${l}.crt`)}: OK\n`).join(''));
    expect(result.cas[ca as 'ca'].certPem).toBe(pem);
  }
  // Node's X509Certificate (OpenSSL underneath) for the per-leaf checks: one openssl process each would be slow.
  for (const l of LEAVES) {
    const pem = readFileSync(join(dir, `${l}.crt`), 'utf8');
    const c = new X509Certificate(pem);
    expect([l, Math.abs(Date.parse(c.validTo) - (start + 100 * 3_600_000)) < 5000]).toEqual([l, true]); // certValidityHours
    expect([l, c.checkPrivateKey(createPrivateKey(readFileSync(join(dir, `${l}.key`), 'utf8')))]).toEqual([l, true]);
    expect(result.leaves.get(l)!.certPem).toBe(pem);
  }
  expect([...result.leaves.keys()].sort()).toEqual(LEAVES);
  expect(flat(readFileSync(join(dir, 'apiserver.crt'), 'utf8'))).toContain(
    'DNS:api.demo.example.com, DNS:kubernetes, DNS:kubernetes.default, DNS:kubernetes.default.svc, DNS:kubernetes.default.svc.cluster.local, DNS:localhost, DNS:m0, IP Address:10.0.0.10, IP Address:10.96.0.1, IP Address:127.0.0.1',
  );
  expect(flat(readFileSync(join(dir, 'kubelet/m0-client.crt'), 'utf8'))).toContain('Subject: O = system:nodes, CN = system:node:m0');
  expect(after(flat(readFileSync(join(dir, 'scheduler.crt'), 'utf8')), 'X509v3 Basic Constraints')).toBe('CA:FALSE'); // a leaf never signs
  // The service-account pair, the token with its expiry, the encryption config, as returned.
  expect(openssl(['pkey', '-pubout'], readFileSync(join(dir, 'sa.key'), 'utf8'))).toBe(readFileSync(join(dir, 'sa.pub'), 'utf8'));
  expect(openssl(['pkey', '-noout', '-text'], readFileSync(join(dir, 'sa.key'), 'utf8'))).toContain('NIST CURVE: P-256');
  expect(result.serviceAccount).toEqual({ keyPem: readFileSync(join(dir, 'sa.key'), 'utf8'), pubPem: readFileSync(join(dir, 'sa.pub'), 'utf8') });
  const token = readFileSync(join(dir, 'bootstrap-token'), 'utf8');
  expect(token).toMatch(/^[a-z0-9]{6}\.[a-z0-9]{16}\n$/);
  expect(result.token.token).toBe(token.trim());
  const expiry = readFileSync(join(dir, 'bootstrap-token-expiration'), 'utf8');
  expect(expiry).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z\n$/);
  expect(Math.abs(Date.parse(expiry.trim()) - (start + 40 * 86_400_000))).toBeLessThan(5000); // bootstrapTokenValidityDays
  expect(result.token.expires?.getTime()).toBe(Date.parse(expiry.trim()));
  expect(result.encryptionConfig).toBe(readFileSync(join(dir, 'encryption-config.yaml'), 'utf8'));
  expect(result.encryptionConfig).toContain('kind: EncryptionConfiguration');
  expect([result.dir, result.messages]).toEqual([dir, []]);
});

test('a re-run changes not one byte and says nothing; it returns what is on disk', async () => {
  const { dir } = await fresh();
  writeFileSync(join(dir, 'bootstrap-token-expiration'), '2030-01-31T12:00:00Z\n'); // an existing expiry is kept, not recomputed
  const result = await ensurePki(config(), INV, dir);
  expect(result.token.expires?.toISOString()).toBe('2030-01-31T12:00:00.000Z');
  const before = snapshot(dir);
  const again = await ensurePki(config(), INV, dir);
  expect(snapshot(dir)).toEqual(before);
  expect(again.messages).toEqual([]);
  expect(again.token).toEqual(result.token);
  expect(again.serviceAccount).toEqual(result.serviceAccount);
  expect(again.encryptionConfig).toBe(result.encryptionConfig);
  expect(again.leaves.get('admin')!.keyPem).toBe(result.leaves.get('admin')!.keyPem);
  expect(again.cas['etcd/ca'].certPem).toBe(result.cas['etcd/ca'].certPem);
});

test('stale leaves are re-issued from the same CA with the same key, each saying why: names, subject, expiry', async () => {
  const { dir } = await fresh();
  const before = snapshot(dir);
  const caKey = await importKeyPair(readFileSync(join(dir, 'ca.key'), 'utf8'));
  const ca = new x509.X509Certificate(readFileSync(join(dir, 'ca.crt'), 'utf8'));
  const reissue = async (stem: string, commonName: string, validityHours: number) => {
    const key = await importKeyPair(readFileSync(join(dir, `${stem}.key`), 'utf8'));
    writeFileSync(join(dir, `${stem}.crt`), certPem(await issueCertificate({ commonName, key, ca: false, usage: ['client'], issuer: { cert: ca, key: caKey }, validityHours })));
  };
  await reissue('scheduler', 'someone-else', 10);
  const kubeletKey = await importKeyPair(readFileSync(join(dir, 'kubelet/m0-client.key'), 'utf8'));
  writeFileSync(join(dir, 'kubelet/m0-client.crt'), certPem(await issueCertificate({ commonName: 'system:node:m1', organizations: ['system:nodes'], key: kubeletKey, ca: false, usage: ['client'], issuer: { cert: ca, key: caKey }, validityHours: 10 })));
  await reissue('admin', 'kubernetes-admin', 10); // without its organization system:masters
  await reissue('controller-manager', 'system:kube-controller-manager', -1);
  const expiredOn = new Date(new X509Certificate(readFileSync(join(dir, 'controller-manager.crt'))).validTo).toISOString();
  const moved = { ...INV, apiEndpoint: { ...INV.apiEndpoint, host: 'api2.demo.example.com' } };
  const { messages } = await ensurePki(config(), moved, dir);
  expect(messages.sort()).toEqual([
    `re-issued ${dir}/admin.crt from the same CA and key: its subject changed: had CN=kubernetes-admin; now O=system:masters, CN=kubernetes-admin`,
    `re-issued ${dir}/apiserver.crt from the same CA and key: its names changed: had api.demo.example.com, kubernetes, kubernetes.default, kubernetes.default.svc, kubernetes.default.svc.cluster.local, localhost, m0, 10.0.0.10, 10.96.0.1, 127.0.0.1; now api2.demo.example.com, kubernetes, kubernetes.default, kubernetes.default.svc, kubernetes.default.svc.cluster.local, localhost, m0, 10.0.0.10, 10.96.0.1, 127.0.0.1`,
    `re-issued ${dir}/controller-manager.crt from the same CA and key: it expired on ${expiredOn}`,
    `re-issued ${dir}/kubelet/m0-client.crt from the same CA and key: its subject changed: had O=system:nodes, CN=system:node:m1; now O=system:nodes, CN=system:node:m0`,
    `re-issued ${dir}/scheduler.crt from the same CA and key: its subject changed: had CN=someone-else; now CN=system:kube-scheduler`,
  ]);
  const now = snapshot(dir);
  expect(Object.keys(now).filter((f) => now[f] !== before[f]).sort()).toEqual(['admin.crt', 'apiserver.crt', 'controller-manager.crt', 'kubelet/m0-client.crt', 'scheduler.crt']);
  for (const stem of ['admin', 'apiserver', 'controller-manager', 'scheduler']) {
    const pem = readFileSync(join(dir, `${stem}.crt`), 'utf8');
    expect([stem, openssl(['verify', '-CAfile', join(dir, 'ca.crt'), join(dir, `${stem}.crt`)])]).toEqual([stem, `${join(dir, `${stem}.crt`)}: OK\n`]);
    expect([stem, openssl(['x509', '-noout', '-pubkey'], pem)]).toEqual([stem, openssl(['pkey', '-pubout'], readFileSync(join(dir, `${stem}.key`), 'utf8'))]);
  }
  expect(flat(readFileSync(join(dir, 'admin.crt'), 'utf8'))).toContain('Subject: O = system:masters, CN = kubernetes-admin');
});

test('a leaf whose names went from none to some says "(none)"', async () => {
  const { dir } = await fresh();
  const etcdKey = await importKeyPair(readFileSync(join(dir, 'etcd/ca.key'), 'utf8'));
  const etcdCa = new x509.X509Certificate(readFileSync(join(dir, 'etcd/ca.crt'), 'utf8'));
  const key = await importKeyPair(readFileSync(join(dir, 'etcd/m0-peer.key'), 'utf8'));
  writeFileSync(join(dir, 'etcd/m0-peer.crt'), certPem(await issueCertificate({ commonName: 'm0', key, ca: false, usage: ['server', 'client'], issuer: { cert: etcdCa, key: etcdKey }, validityHours: 10 })));
  const { messages } = await ensurePki(config(), INV, dir);
  expect(messages).toEqual([`re-issued ${dir}/etcd/m0-peer.crt from the same CA and key: its names changed: had (none); now localhost, m0, 10.0.0.10, 127.0.0.1`]);
});

test('an interrupted run: a key without its certificate gets one for that key; a token without expiry gets one', async () => {
  const { dir, result } = await fresh();
  const key = readFileSync(join(dir, 'scheduler.key'), 'utf8');
  rmSync(join(dir, 'scheduler.crt'));
  rmSync(join(dir, 'bootstrap-token-expiration'));
  const start = Date.now();
  const again = await ensurePki(config(), INV, dir);
  const expiry = readFileSync(join(dir, 'bootstrap-token-expiration'), 'utf8').trim();
  expect(again.messages.sort()).toEqual([
    `issued ${dir}/scheduler.crt for the existing key ${dir}/scheduler.key (an earlier run was interrupted)`,
    `the bootstrap token ${result.token.id} had no expiry; it now expires on ${expiry} (${dir}/bootstrap-token-expiration)`,
  ]);
  expect(Math.abs(Date.parse(expiry) - (start + 40 * 86_400_000))).toBeLessThan(5000);
  expect(readFileSync(join(dir, 'scheduler.key'), 'utf8')).toBe(key);
  expect(openssl(['x509', '-noout', '-pubkey'], readFileSync(join(dir, 'scheduler.crt'), 'utf8'))).toBe(openssl(['pkey', '-pubout'], key));
  expect(again.token.token).toBe(result.token.token);
});

test('missing service-account public key, token and encryption config are made again; the private key is kept', async () => {
  const { dir, result } = await fresh();
  rmSync(join(dir, 'sa.pub'));
  rmSync(join(dir, 'bootstrap-token'));
  rmSync(join(dir, 'encryption-config.yaml'));
  const again = await ensurePki(config(), INV, dir);
  expect(again.serviceAccount).toEqual(result.serviceAccount);
  expect(readFileSync(join(dir, 'sa.pub'), 'utf8')).toBe(openssl(['pkey', '-pubout'], readFileSync(join(dir, 'sa.key'), 'utf8')));
  expect(again.token.token).not.toBe(result.token.token);
  expect(again.token.token).toMatch(/^[a-z0-9]{6}\.[a-z0-9]{16}$/);
  expect(readFileSync(join(dir, 'encryption-config.yaml'), 'utf8')).toContain('kind: EncryptionConfiguration');
  expect(again.encryptionConfig).not.toBe(result.encryptionConfig);
});

async function refused(damage: (dir: string) => void | Promise<void>, pki?: Record<string, unknown>) {
  const { dir } = await fresh(pki);
  await damage(dir);
  const before = snapshot(dir);
  let err: unknown;
  try {
    await ensurePki(config(pki), { ...INV, apiEndpoint: { ...INV.apiEndpoint, host: 'elsewhere.example.com' } }, dir);
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(UserError);
  expect(snapshot(dir)).toEqual(before);
  const e = err as UserError;
  expect([e.message, e.exitCode]).toEqual([`error: the PKI directory ${dir} is damaged; nothing was changed:`, 2]);
  return { dir, details: e.details };
}

test('damaged: missing keys and certificates, a garbled certificate, an unusable key, a key for another certificate', async () => {
  const { dir, details } = await refused((d) => {
    rmSync(join(d, 'apiserver-etcd-client.key'));
    rmSync(join(d, 'front-proxy-ca.crt'));
    writeFileSync(join(d, 'admin.crt'), 'not a certificate');
    writeFileSync(join(d, 'kube-api-balancer.key'), 'not a key');
    copyFileSync(join(d, 'admin.key'), join(d, 'scheduler.key'));
  });
  expect(details).toEqual([
    `${dir}/front-proxy-ca.crt is missing but its key ${dir}/front-proxy-ca.key exists; restore the CA certificate from a backup`,
    `${dir}/apiserver-etcd-client.key is missing but ${dir}/apiserver-etcd-client.crt exists; restore the key from a backup (re-keying would break every node that trusts or uses this certificate), or delete ${dir}/apiserver-etcd-client.crt to mint a new pair`,
    `${dir}/admin.crt is not a PEM certificate`,
    `${dir}/scheduler.key does not match ${dir}/scheduler.crt (the certificate was issued for another key)`,
    expect.stringMatching(new RegExp(`^${dir}/kube-api-balancer\\.key is not a usable private key \\(.+\\)$`)),
  ]);
});

test('damaged: a CA key missing; a leaf from another CA; leaves whose CA is gone; a leaf naming this CA but signed by another key', async () => {
  const other = await fresh();
  const { dir, details } = await refused(async (d) => {
    // Forged: issuer name and authority key identifier of this cluster's CA, signature of another key.
    const ca = new x509.X509Certificate(readFileSync(join(d, 'ca.crt'), 'utf8'));
    const key = await importKeyPair(readFileSync(join(d, 'admin.key'), 'utf8'));
    const forger = await generateKeyPair('ecdsa-p256');
    writeFileSync(join(d, 'admin.crt'), certPem(await issueCertificate({ commonName: 'kubernetes-admin', organizations: ['system:masters'], key, ca: false, usage: ['client'], issuer: { cert: ca, key: forger }, validityHours: 10 })));
    rmSync(join(d, 'etcd/ca.key'));
    for (const ext of ['crt', 'key']) copyFileSync(join(other.dir, `scheduler.${ext}`), join(d, `scheduler.${ext}`));
    for (const ext of ['crt', 'key']) rmSync(join(d, `front-proxy-ca.${ext}`));
  });
  expect(details).toEqual([
    `${dir}/etcd/ca.key is missing but ${dir}/etcd/ca.crt exists; restore the key from a backup (re-keying would break every node that trusts or uses this certificate), or delete ${dir}/etcd/ca.crt to mint a new pair`,
    `${dir}/front-proxy-client.crt exists but its CA ${dir}/front-proxy-ca.crt does not; restore the CA from a backup`,
    `${dir}/admin.crt was not issued by this cluster's CA ${dir}/ca.crt (a certificate from another CA?); restore it from a backup or delete ${dir}/admin.crt and ${dir}/admin.key to mint a new one`,
    `${dir}/scheduler.crt was not issued by this cluster's CA ${dir}/ca.crt (a certificate from another CA?); restore it from a backup or delete ${dir}/scheduler.crt and ${dir}/scheduler.key to mint a new one`,
  ]);
});

test('damaged: the service-account pair, the token, its expiry and the encryption config', async () => {
  const { dir, details } = await refused((d) => {
    writeFileSync(join(d, 'sa.pub'), openssl(['pkey', '-pubout'], openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout'])));
    writeFileSync(join(d, 'bootstrap-token'), 'abc\n');
    writeFileSync(join(d, 'bootstrap-token-expiration'), 'next year\n');
    writeFileSync(join(d, 'encryption-config.yaml'), 'kind: Secret\n');
  });
  expect(details).toEqual([
    `${dir}/sa.key does not match ${dir}/sa.pub`,
    `${dir}/bootstrap-token does not hold a bootstrap token of the form <6 of [a-z0-9]>.<16 of [a-z0-9]>`,
    `${dir}/bootstrap-token-expiration does not hold a time of the form 2027-01-31T12:00:00Z; correct it, or delete it to give the token 40 days from now`,
    `${dir}/encryption-config.yaml is not an EncryptionConfiguration; restore it from a backup (the API servers need its key to read existing Secrets)`,
  ]);
  const second = await refused((d) => {
    rmSync(join(d, 'sa.key'));
    writeFileSync(join(d, 'encryption-config.yaml'), '{ not: yaml: at all');
  });
  expect(second.details).toEqual([
    `${second.dir}/sa.key is missing but ${second.dir}/sa.pub exists; restore the service-account key from a backup`,
    `${second.dir}/encryption-config.yaml is not an EncryptionConfiguration; restore it from a backup (the API servers need its key to read existing Secrets)`,
  ]);
  const third = await refused((d) => {
    writeFileSync(join(d, 'sa.key'), 'garbage');
    writeFileSync(join(d, 'encryption-config.yaml'), '');
  });
  expect(third.details).toEqual([
    `${third.dir}/sa.key is not a usable private key`,
    `${third.dir}/encryption-config.yaml is not an EncryptionConfiguration; restore it from a backup (the API servers need its key to read existing Secrets)`,
  ]);
});

test('paths in messages are relative to the working directory when the PKI is under it', async () => {
  const { dir } = await fresh();
  rmSync(join(dir, 'ca.crt'));
  const cwd = process.cwd();
  const base = join(dir, '..');
  let err: UserError | undefined;
  try {
    process.chdir(base);
    await ensurePki(config(), INV, dir);
  } catch (e) {
    err = e as UserError;
  } finally {
    process.chdir(cwd);
  }
  expect(relative(base, dir)).toBe('pki');
  expect([err?.message, err?.details]).toEqual(['error: the PKI directory pki is damaged; nothing was changed:', ['pki/ca.crt is missing but its key pki/ca.key exists; restore the CA certificate from a backup']]);
  expect(existsSync(join(dir, 'ca.key'))).toBe(true);
});
