// The PKI's tables and small parts (bootstrap/pki/ plan, names, token, token renewal, encryption),
// fast and with literal expectations. Where they come from:
// - file layout and leaf identities: kubernetes.io "PKI certificates and requirements" (kubeadm's
//   layout: apiserver, apiserver-kubelet-client, apiserver-etcd-client, front-proxy-client,
//   etcd/<member>-server|peer), the kube-apiserver's in-cluster names (kubernetes, kubernetes.default,
//   kubernetes.default.svc, kubernetes.default.svc.<domain>) and the API service's ClusterIP;
// - the identities RBAC and the Node authorizer know: kubernetes.io "Using RBAC Authorization"
//   (system:kube-controller-manager, system:kube-scheduler, system:masters) and "Using Node
//   Authorization" (system:node:<name> in the group system:nodes);
// - bootstrap tokens: kubernetes.io "Authenticating with Bootstrap Tokens" ([a-z0-9]{6}.[a-z0-9]{16},
//   an RFC 3339 `expiration`);
// - encryption at rest: kubernetes.io "Encrypting Confidential Data at Rest" (apiserver.config.k8s.io/v1
//   EncryptionConfiguration, aescbc with a 32-byte base64 key, identity last to read older data).
// The CA common names and kube-anywhere's own agent identities are this project's choice, stated here.
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClusterConfig } from '../../../config-schema/types.js';
import { checkConfig } from '../../../config-schema/load.js';
import type { Inventory } from '../../../lib/contracts.js';
import { fromYaml } from '../../../lib/yaml.js';
import { ENCRYPTION_FILE, newEncryptionConfig } from '../../../bootstrap/pki/encryption.js';
import { certNames, subjectString } from '../../../bootstrap/pki/names.js';
import {
  API_BALANCER_CERT, API_BALANCER_USER, APPROVER_CERT_FILE, APPROVER_USER_NAME, CAS, etcdMembers, leafPlan, masters, names,
} from '../../../bootstrap/pki/plan.js';
import { RENEW_BEFORE_DAYS, renewBootstrapTokenIfDue } from '../../../bootstrap/pki/token-renewal.js';
import {
  expirationAfter, formatExpiration, newBootstrapToken, parseBootstrapToken, parseExpiration, TOKEN_EXPIRATION_FILE, TOKEN_FILE, TOKEN_PATTERN,
} from '../../../bootstrap/pki/token.js';
import { tempDir } from './fixtures.js';

const config = (raw: Record<string, unknown> = {}): ClusterConfig => checkConfig('c.json', { name: 'demo', ...raw }).config;

/** Two masters, a dedicated etcd member and a worker (a bare-metal-like inventory, written out). */
const INV: Inventory = {
  cluster: 'demo',
  provider: 'baremetal',
  apiEndpoint: { host: 'api.demo.example.com', port: 6443, provisional: false },
  nodes: [
    { name: 'm0', roles: ['master'], privateIP: '10.0.0.10' },
    { name: 'm1', roles: ['master'], privateIP: '10.0.1.10' },
    { name: 'e0', roles: ['etcd'], privateIP: '10.0.0.30' },
    { name: 'w0', roles: ['worker'], privateIP: '10.0.0.50' },
  ],
  workerPools: [],
};

test('the three CAs, by file and common name', () => {
  expect(CAS).toEqual([
    { file: 'ca', commonName: 'kubernetes-ca' },
    { file: 'etcd/ca', commonName: 'etcd-ca' },
    { file: 'front-proxy-ca', commonName: 'front-proxy-ca' },
  ]);
});

test('the leaf plan: every certificate a cluster needs, its CA, identity, usage and names', () => {
  const etcdNames = { dns: ['e0', 'localhost'], ip: ['10.0.0.30', '127.0.0.1'] };
  expect(leafPlan(config(), INV)).toEqual([
    {
      file: 'apiserver', ca: 'ca', commonName: 'kube-apiserver', usage: ['server'],
      names: {
        dns: ['api.demo.example.com', 'kubernetes', 'kubernetes.default', 'kubernetes.default.svc', 'kubernetes.default.svc.cluster.local', 'localhost', 'm0', 'm1'],
        ip: ['10.0.0.10', '10.0.1.10', '10.96.0.1', '127.0.0.1'],
      },
    },
    { file: 'apiserver-kubelet-client', ca: 'ca', commonName: 'kube-apiserver-kubelet-client', usage: ['client'] },
    { file: 'apiserver-etcd-client', ca: 'etcd/ca', commonName: 'kube-apiserver-etcd-client', usage: ['client'] },
    { file: 'front-proxy-client', ca: 'front-proxy-ca', commonName: 'front-proxy-client', usage: ['client'] },
    { file: 'admin', ca: 'ca', commonName: 'kubernetes-admin', organizations: ['system:masters'], usage: ['client'] },
    { file: 'controller-manager', ca: 'ca', commonName: 'system:kube-controller-manager', usage: ['client'] },
    { file: 'scheduler', ca: 'ca', commonName: 'system:kube-scheduler', usage: ['client'] },
    { file: 'kube-api-balancer', ca: 'ca', commonName: 'kube-anywhere:api-balancer', usage: ['client'] },
    { file: 'kubelet-serving-approver', ca: 'ca', commonName: 'kube-anywhere:kubelet-serving-approver', usage: ['client'] },
    { file: 'etcd/e0-server', ca: 'etcd/ca', commonName: 'e0', usage: ['server', 'client'], names: etcdNames },
    { file: 'etcd/e0-peer', ca: 'etcd/ca', commonName: 'e0', usage: ['server', 'client'], names: etcdNames },
    { file: 'kubelet/m0-client', ca: 'ca', commonName: 'system:node:m0', organizations: ['system:nodes'], usage: ['client'] },
    { file: 'kubelet/m1-client', ca: 'ca', commonName: 'system:node:m1', organizations: ['system:nodes'], usage: ['client'] },
  ]);
  expect([API_BALANCER_CERT, API_BALANCER_USER, APPROVER_CERT_FILE, APPROVER_USER_NAME]).toEqual([
    'kube-api-balancer', 'kube-anywhere:api-balancer', 'kubelet-serving-approver', 'kube-anywhere:kubelet-serving-approver',
  ]);
  // Extra-field check toEqual would not make: no leaf carries keys beyond those above.
  for (const l of leafPlan(config(), INV)) expect(Object.keys(l).every((k) => ['file', 'ca', 'commonName', 'organizations', 'usage', 'names'].includes(k))).toBe(true);
});

test('the API server names follow the DNS domain, the service range and an endpoint given as an address', () => {
  const inv = { ...INV, apiEndpoint: { ...INV.apiEndpoint, host: '203.0.113.5' }, nodes: [{ name: 'm0', roles: ['master', 'etcd'] as never, privateIP: '10.0.0.10' }] };
  const [api, , , , , , , , , server, peer, kubelet] = leafPlan(config({ network: { dnsDomain: 'corp.internal', serviceCidr: '172.30.0.0/16', dnsServiceIP: '172.30.0.10' } }), inv);
  expect(api.names).toEqual({
    dns: ['kubernetes', 'kubernetes.default', 'kubernetes.default.svc', 'kubernetes.default.svc.corp.internal', 'localhost', 'm0'],
    ip: ['10.0.0.10', '127.0.0.1', '172.30.0.1', '203.0.113.5'],
  });
  // A master that is also an etcd member gets both the etcd pair and the kubelet client.
  expect([server.file, peer.file, kubelet.file]).toEqual(['etcd/m0-server', 'etcd/m0-peer', 'kubelet/m0-client']);
  expect(leafPlan(config(), inv)).toHaveLength(12);
});

test('roles: masters and etcd members picked out of the inventory', () => {
  expect(masters(INV).map((n) => n.name)).toEqual(['m0', 'm1']);
  expect(etcdMembers(INV).map((n) => n.name)).toEqual(['e0']);
});

test('names(): empty values dropped, duplicates once, host names and IPv4 addresses apart, each sorted', () => {
  expect(names('b.example', '', '10.0.0.2', 'a', 'b.example', '10.0.0.10', '10.0.0.2')).toEqual({ dns: ['a', 'b.example'], ip: ['10.0.0.10', '10.0.0.2'] });
  expect(names()).toEqual({ dns: [], ip: [] });
});

test('certNames reads Node\'s subjectAltName form; subjectString writes Node\'s subject form', () => {
  // Node's X509Certificate.subjectAltName: "DNS:a, DNS:b, IP Address:1.2.3.4" (nodejs.org/api/crypto.html).
  expect(certNames('DNS:z.example, IP Address:10.0.0.2, DNS:a, IP Address:10.0.0.1, URI:spiffe://x')).toEqual({ dns: ['a', 'z.example'], ip: ['10.0.0.1', '10.0.0.2'] });
  expect(certNames(undefined)).toEqual({ dns: [], ip: [] });
  expect(certNames('')).toEqual({ dns: [], ip: [] });
  // Node's X509Certificate.subject: one attribute a line, "O=system:nodes\nCN=system:node:m0".
  expect(subjectString('system:node:m0', ['system:nodes'])).toBe('O=system:nodes\nCN=system:node:m0');
  expect(subjectString('kubernetes-admin', ['a', 'b'])).toBe('O=a\nO=b\nCN=kubernetes-admin');
  expect(subjectString('system:kube-scheduler')).toBe('CN=system:kube-scheduler');
});

test('bootstrap tokens: the documented form, minted at random over [a-z0-9]', () => {
  expect(TOKEN_FILE).toBe('bootstrap-token');
  expect(TOKEN_EXPIRATION_FILE).toBe('bootstrap-token-expiration');
  const seen = new Set<string>();
  for (let i = 0; i < 200; i++) {
    const t = newBootstrapToken();
    expect(t).toMatch(/^[a-z0-9]{6}\.[a-z0-9]{16}$/);
    for (const ch of t.replace('.', '')) seen.add(ch);
  }
  expect([...seen].sort().join('')).toBe('0123456789abcdefghijklmnopqrstuvwxyz'); // 4400 draws: every character shows up
  expect(parseBootstrapToken('  07401b.f395accd246ae52d\n')).toEqual({ id: '07401b', secret: 'f395accd246ae52d', token: '07401b.f395accd246ae52d' });
  for (const bad of ['07401b.f395accd246ae52', '07401B.f395accd246ae52d', '7401b.f395accd246ae52d', 'x07401b.f395accd246ae52d', '07401b.f395accd246ae52dx', '07401bf395accd246ae52d', '']) {
    expect([bad, parseBootstrapToken(bad)]).toEqual([bad, undefined]);
  }
  expect(TOKEN_PATTERN.source).toBe('^([a-z0-9]{6})\\.([a-z0-9]{16})$');
});

test('token expiry: whole seconds, RFC 3339 in UTC without fractions, and read back strictly', () => {
  const now = Date.parse('2026-12-02T16:00:00.900Z');
  expect(expirationAfter(365, now).toISOString()).toBe('2027-12-02T16:00:00.000Z');
  expect(expirationAfter(1, now).toISOString()).toBe('2026-12-03T16:00:00.000Z');
  expect(Math.abs(expirationAfter(0).getTime() - Date.now())).toBeLessThan(2000);
  expect(formatExpiration(new Date('2027-01-31T12:00:00.123Z'))).toBe('2027-01-31T12:00:00Z');
  expect(parseExpiration(' 2027-01-31T12:00:00Z\n')?.toISOString()).toBe('2027-01-31T12:00:00.000Z');
  for (const bad of ['2027-01-31T12:00:00.000Z', '2027-01-31 12:00:00Z', '2027-01-31T12:00:00', 'x2027-01-31T12:00:00Z', '2027-01-31T12:00:00Zx', '2027-13-31T12:00:00Z', '27-01-31T12:00:00Z']) {
    expect([bad, parseExpiration(bad)]).toEqual([bad, undefined]);
  }
});

/** A pki dir holding a token and its expiry. */
function tokenDir(token = 'abcdef.0123456789abcdef', expires = '2026-12-31T00:00:00Z') {
  const dir = tempDir('ka-token-');
  if (token !== '-') writeFileSync(join(dir, 'bootstrap-token'), `${token}\n`, { mode: 0o600 });
  if (expires !== '-') writeFileSync(join(dir, 'bootstrap-token-expiration'), `${expires}\n`);
  const files = () => [readFileSync(join(dir, 'bootstrap-token'), 'utf8'), readFileSync(join(dir, 'bootstrap-token-expiration'), 'utf8')];
  return { dir, files };
}
const NOW = Date.parse('2026-12-02T00:00:00Z');

test('token renewal: due with fewer than 30 days left, written token first, modes kept, said so', () => {
  expect(RENEW_BEFORE_DAYS).toBe(30);
  const t = tokenDir('abcdef.0123456789abcdef', '2026-12-31T12:00:00Z'); // 29.5 days left
  const said = renewBootstrapTokenIfDue(t.dir, 365, NOW)!;
  const [token, expiry] = t.files();
  const id = token.slice(0, 6);
  expect(token).toMatch(/^[a-z0-9]{6}\.[a-z0-9]{16}\n$/);
  expect(token).not.toBe('abcdef.0123456789abcdef\n');
  expect(expiry).toBe('2027-12-02T00:00:00Z\n');
  expect(said).toBe(`the bootstrap token abcdef expires on 2026-12-31T12:00:00Z, in 29 days: minted ${id}, valid until 2027-12-02T00:00:00Z; the worker configs and the token Secret are rendered again`);
  expect(statSync(join(t.dir, 'bootstrap-token')).mode & 0o777).toBe(0o600);
  expect(statSync(join(t.dir, 'bootstrap-token-expiration')).mode & 0o777).toBe(0o644);
});

test('token renewal: an expired token says when it expired; one expiring right now is due', () => {
  const t = tokenDir('abcdef.0123456789abcdef', '2026-11-30T00:00:00Z');
  expect(renewBootstrapTokenIfDue(t.dir, 10, NOW)).toMatch(/^the bootstrap token abcdef expired on 2026-11-30T00:00:00Z: minted [a-z0-9]{6}, valid until 2026-12-12T00:00:00Z; /);
  const u = tokenDir('abcdef.0123456789abcdef', '2026-12-02T00:00:00Z');
  expect(renewBootstrapTokenIfDue(u.dir, 10, NOW)).toMatch(/^the bootstrap token abcdef expires on 2026-12-02T00:00:00Z, in 0 days: minted /);
});

test('token renewal: nothing due with 30 days left or more, and nothing done without both files or with a damaged one', () => {
  for (const [token, expires] of [
    ['abcdef.0123456789abcdef', '2027-01-01T00:00:00Z'], // exactly 30 days
    ['abcdef.0123456789abcdef', '2027-06-01T00:00:00Z'],
    ['abcdef.0123456789abcdef', '-'],
    ['-', '2026-12-03T00:00:00Z'],
    ['not-a-token', '2026-12-03T00:00:00Z'],
    ['abcdef.0123456789abcdef', 'tomorrow'],
  ]) {
    const t = tokenDir(token, expires);
    const before = ['bootstrap-token', 'bootstrap-token-expiration'].map((f) => { try { return readFileSync(join(t.dir, f), 'utf8'); } catch { return undefined; } });
    expect([token, expires, renewBootstrapTokenIfDue(t.dir, 365, NOW)]).toEqual([token, expires, undefined]);
    const after = ['bootstrap-token', 'bootstrap-token-expiration'].map((f) => { try { return readFileSync(join(t.dir, f), 'utf8'); } catch { return undefined; } });
    expect(after).toEqual(before);
  }
  const missing = join(tempDir('ka-token-'), 'none');
  mkdirSync(missing);
  expect(renewBootstrapTokenIfDue(missing, 365, NOW)).toBeUndefined();
});

test('encryption at rest: an EncryptionConfiguration for Secrets, aescbc with a fresh 32-byte key, then identity', () => {
  expect(ENCRYPTION_FILE).toBe('encryption-config.yaml');
  const a = fromYaml(newEncryptionConfig()) as any;
  const b = fromYaml(newEncryptionConfig()) as any;
  const secret = a.resources[0].providers[0].aescbc.keys[0].secret;
  expect(a).toEqual({
    apiVersion: 'apiserver.config.k8s.io/v1',
    kind: 'EncryptionConfiguration',
    resources: [{ resources: ['secrets'], providers: [{ aescbc: { keys: [{ name: 'key1', secret }] } }, { identity: {} }] }],
  });
  expect(Buffer.from(secret, 'base64')).toHaveLength(32);
  expect(Buffer.from(secret, 'base64').toString('base64')).toBe(secret);
  expect(b.resources[0].providers[0].aescbc.keys[0].secret).not.toBe(secret);
});
