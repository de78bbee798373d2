// The node-local API balancer for real: the haproxy.cfg a worker's Ignition config carries is
// checked by `haproxy -c` and then run (Debian's HAProxy 2.6; the pod runs 3.0) in front of three
// TLS servers that use the rendered kube-apiserver certificate and, like kube-apiserver, answer
// only clients with a certificate from the cluster CA. One is stopped; requests keep succeeding.
import { execa, type ResultPromise } from 'execa';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:https';
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { join } from 'node:path';
import { parse } from 'yaml';
import { jest } from '@jest/globals';
import { renderBootstrap } from '../../../bootstrap/index.js';
import type { NodeBundle } from '../../../lib/contracts.js';
import { bareMetalCluster, ignFile, tempDir, type Cluster } from '../../unit/bootstrap/fixtures.js';
import { waitFor } from './helpers.js';

jest.setTimeout(90000);
const octet = () => 1 + Math.floor(Math.random() * 250);
const net = `127.${octet()}.${octet()}`;
const work = tempDir('ka-balancer-');
let cluster: Cluster;
let worker: NodeBundle;
let haproxy: ResultPromise | undefined;
const backends: { server: Server; sockets: Set<Socket>; name: string }[] = [];
const readyzBy: string[] = [];

const CONFIG = '/etc/kubernetes/api-balancer/haproxy.cfg';
const CLIENT_PEM = '/etc/kubernetes/api-balancer/client.pem';

beforeAll(async () => {
  const hosts = [
    { name: 'm0', ip: `${net}.10`, roles: ['master', 'etcd'] },
    { name: 'm1', ip: `${net}.11`, roles: ['master', 'etcd'] },
    { name: 'm2', ip: `${net}.12`, roles: ['master', 'etcd'] },
    { name: 'w0', ip: `${net}.20`, roles: ['worker'] },
  ];
  // Three masters and no apiEndpoint: valid on bare metal now (nodes balance over the masters).
  cluster = bareMetalCluster(hosts, { network: { nodeCidr: '127.0.0.0/8' } }, work);
  const bundles = await renderBootstrap(cluster.config, cluster.inventory, cluster.paths, { onMessage: () => {} });
  worker = bundles.find((b) => b.id === 'w0')!;
  const pki = (f: string) => readFileSync(join(cluster.paths.pki, f));
  for (const h of hosts.filter((x) => x.roles.includes('master'))) {
    const sockets = new Set<Socket>();
    const server = createServer({ cert: pki('apiserver.crt'), key: pki('apiserver.key'), ca: pki('ca.crt'), requestCert: true, rejectUnauthorized: true }, (req, res) => {
      const cn = String((req.socket as TLSSocket).getPeerCertificate().subject?.CN);
      if (req.url === '/readyz') readyzBy.push(cn);
      res.end(req.url === '/readyz' ? 'ok' : JSON.stringify({ master: h.name, user: cn }));
    });
    server.on('secureConnection', (s) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    });
    await new Promise<void>((r) => server.listen(6443, h.ip, r));
    backends.push({ server, sockets, name: h.name });
  }
});

afterAll(async () => {
  haproxy?.kill('SIGTERM');
  await haproxy;
  for (const b of backends) {
    for (const s of b.sockets) s.destroy();
    await new Promise((r) => b.server.close(r));
  }
});

/**
 * The worker's rendered haproxy.cfg with the container's file paths moved to files in the work
 * directory, and the frontend from 127.0.0.1:6443 to this test's own loopback address.
 */
function runnableConfig(): string {
  const dir = join(work, 'balancer');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'ca.crt'), ignFile(worker.full, '/etc/kubernetes/pki/ca.crt')!);
  writeFileSync(join(dir, 'client.pem'), ignFile(worker.full, CLIENT_PEM)!, { mode: 0o600 });
  const cfg = ignFile(worker.full, CONFIG)!
    .replaceAll('/usr/local/etc/haproxy/', `${dir}/`)
    .replace('bind 127.0.0.1:6443', `bind ${net}.20:6443`);
  const file = join(dir, 'haproxy.cfg');
  writeFileSync(file, cfg);
  return file;
}

/** GET path through the balancer as the admin, checking that the API server certificate names 127.0.0.1 (what node agents dial). */
function get(path: string, host = `${net}.20`): Promise<{ master: string; user: string }> {
  const kc = parse(readFileSync(cluster.paths.kubeconfig, 'utf8'));
  const user = kc.users[0].user;
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host,
        port: 6443,
        path,
        ca: Buffer.from(kc.clusters[0].cluster['certificate-authority-data'], 'base64'),
        cert: Buffer.from(user['client-certificate-data'], 'base64'),
        key: Buffer.from(user['client-key-data'], 'base64'),
        checkServerIdentity: (_h, cert) => (cert.subjectaltname?.split(', ').includes('IP Address:127.0.0.1') ? undefined : new Error('127.0.0.1 is not in the API server certificate')),
        agent: false,
      },
      (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => (res.statusCode === 200 ? resolve(JSON.parse(body)) : reject(new Error(`HTTP ${res.statusCode}`))));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

test("the worker's rendered haproxy.cfg passes `haproxy -c`", async () => {
  const file = runnableConfig();
  const r = await execa('haproxy', ['-c', '-f', file], { reject: false });
  expect([r.exitCode, r.stderr]).toEqual([0, expect.not.stringMatching(/\[ALERT\]/)]);
  expect(r.stdout + r.stderr).toMatch(/Configuration file is valid/);
});

test('the balancer spreads requests over the masters; the health checks are TLS-verified /readyz requests with its own certificate', async () => {
  haproxy = execa('haproxy', ['-W', '-db', '-f', runnableConfig()], { reject: false, all: true });
  await waitFor('the balancer to answer', () => get('/version').catch((e) => {
    if (haproxy?.exitCode !== null) throw new Error(`haproxy exited: ${haproxy?.exitCode}`);
    throw e;
  }), 20000).catch(async (e) => {
    haproxy?.kill('SIGTERM');
    throw new Error(`${(e as Error).message}\n${(await haproxy)?.all}`);
  });
  // Three health checks at least (one per master), made with the balancer's identity.
  await waitFor('health checks', async () => (readyzBy.length >= 3 ? true : undefined), 20000);
  expect([...new Set(readyzBy)]).toEqual(['kube-anywhere:api-balancer']);
  const seen = new Set<string>();
  for (let i = 0; i < 12; i++) {
    const r = await get('/version');
    expect(r.user).toBe('kubernetes-admin'); // TLS passes through: the master sees the client's own certificate
    seen.add(r.master);
  }
  expect([...seen].sort()).toEqual(['m0', 'm1', 'm2']);
});

test('with one master stopped, every request still succeeds', async () => {
  const m1 = backends.find((b) => b.name === 'm1')!;
  await new Promise<void>((r) => {
    m1.server.close(() => r());
    for (const s of m1.sockets) s.destroy();
  });
  const answered: string[] = [];
  for (let i = 0; i < 20; i++) answered.push((await get('/version')).master);
  expect(answered).toHaveLength(20);
  expect(answered).not.toContain('m1');
  expect([...new Set(answered)].sort()).toEqual(['m0', 'm2']);
});
