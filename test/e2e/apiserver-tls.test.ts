// A real kube-apiserver and etcd (the default release's, built by `make offline-artifacts`) started
// on loopback with exactly the flags of their rendered static pods (node paths moved into a laid-out
// root; the API server also binds only its own address, so it does not take 6443 on every address,
// and runs without the endpoint reconciler, which refuses a loopback advertise address):
// - the API server refuses TLS 1.1 and accepts TLS 1.2 (the TLS floor);
// - a worker's node-local balancer (real HAProxy, its rendered config) health-checks it with its own
//   certificate, which the API server lets read /readyz and nothing else, and carries the admin's
//   requests to it.
import { execa, type ResultPromise } from 'execa';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { jest } from '@jest/globals';
import { renderBootstrap } from '../../bootstrap/index.js';
import type { NodeBundle } from '../../lib/contracts.js';
import { bareMetalCluster, ignFile, tempDir, type Cluster } from '../unit/bootstrap/fixtures.js';
import { waitFor } from '../integration/bootstrap/helpers.js';
import { layOut, staticPodArgs } from '../helpers/static-pods.js';

jest.setTimeout(180000);
const octet = () => 1 + Math.floor(Math.random() * 250);
const net = `127.${octet()}.${octet()}`;
const MASTER = `${net}.10`;
const WORKER = `${net}.20`;
const work = tempDir('ka-apiserver-');
const gobin = process.env.KUBE_ANYWHERE_TEST_K8S_BIN || join(homedir(), '.cache/kube-anywhere/offline/v1.37.2/gobin');
const procs: ResultPromise[] = [];
let cluster: Cluster;
let bundles: NodeBundle[];

function get(host: string, path: string, client: { cert: Buffer; key: Buffer }): Promise<{ status: number; body: string }> {
  const ca = readFileSync(join(cluster.paths.pki, 'ca.crt'));
  return new Promise((resolve, reject) => {
    const req = request({ host, port: 6443, path, ca, ...client, agent: false, checkServerIdentity: () => undefined }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    req.end();
  });
}
const pkiPair = (stem: string) => ({ cert: readFileSync(join(cluster.paths.pki, `${stem}.crt`)), key: readFileSync(join(cluster.paths.pki, `${stem}.key`)) });

beforeAll(async () => {
  for (const b of ['kube-apiserver', 'etcd-3.7.0-0/etcd']) {
    if (!existsSync(join(gobin, b))) throw new Error(`${join(gobin, b)} is missing: run \`make offline-artifacts\` (or name a directory with KUBE_ANYWHERE_TEST_K8S_BIN)`);
  }
  cluster = bareMetalCluster([{ name: 'm0', ip: MASTER, roles: ['master', 'etcd'] }, { name: 'w0', ip: WORKER, roles: ['worker'] }], { network: { nodeCidr: '127.0.0.0/8' } }, work);
  bundles = await renderBootstrap(cluster.config, cluster.inventory, cluster.paths, { onMessage: () => {} });
  const root = layOut(work, bundles.find((b) => b.id === 'm0')!);
  mkdirSync(join(root, 'var/log/kubernetes'), { recursive: true });
  const etcdArgs = staticPodArgs(root, 'etcd.yaml').map((a) => a.replace('http://127.0.0.1:2381', `http://${MASTER}:2381`));
  procs.push(execa(join(gobin, 'etcd-3.7.0-0/etcd'), etcdArgs, { reject: false, all: true }));
  procs.push(execa(join(gobin, 'kube-apiserver'), [...staticPodArgs(root, 'kube-apiserver.yaml'), `--bind-address=${MASTER}`, '--endpoint-reconciler-type=none'], { reject: false, all: true }));
  await waitFor('kube-apiserver /readyz', async () => {
    if (procs[1].exitCode !== null) throw new Error('kube-apiserver exited');
    return (await get(MASTER, '/readyz', pkiPair('admin')).catch(() => undefined))?.status === 200 ? true : undefined;
  }, 120000).catch(async (e) => {
    for (const p of procs) p.kill('SIGTERM');
    throw new Error(`${(e as Error).message}\n${((await procs[1]).all as string).slice(-3000)}`);
  });
});

afterAll(async () => {
  for (const p of procs.reverse()) {
    p.kill('SIGTERM');
    await p;
  }
});

const sClient = (extra: string[]) =>
  execa('openssl', ['s_client', '-connect', `${MASTER}:6443`, '-CAfile', join(cluster.paths.pki, 'ca.crt'), ...extra], { reject: false, input: '', timeout: 10000 });

test('kube-apiserver with the rendered flags: TLS 1.2 accepted, TLS 1.1 and a CBC suite without forward secrecy refused', async () => {
  const ok = await sClient(['-tls1_2']);
  expect([ok.exitCode, ok.stdout.match(/Protocol *: *(\S+)/)?.[1]]).toEqual([0, 'TLSv1.2']);
  const old = await sClient(['-tls1_1', '-cipher', 'DEFAULT:@SECLEVEL=0']);
  expect(old.exitCode).not.toBe(0);
  expect(old.stderr).toMatch(/alert protocol version/);
  const cbc = await sClient(['-tls1_2', '-cipher', 'AES128-SHA']);
  expect(cbc.exitCode).not.toBe(0);
  expect(cbc.stderr).toMatch(/handshake failure/);
});

test("the balancer's identity may read /readyz and nothing else; anonymous requests are refused", async () => {
  const balancer = { cert: readFileSync(join(cluster.paths.pki, 'kube-api-balancer.crt')), key: readFileSync(join(cluster.paths.pki, 'kube-api-balancer.key')) };
  expect((await get(MASTER, '/readyz', balancer)).status).toBe(200);
  expect((await get(MASTER, '/api/v1/nodes', balancer)).status).toBe(403);
  expect((await get(MASTER, '/api/v1/namespaces/kube-system/secrets', balancer)).status).toBe(403);
  const anonymous = await new Promise<number>((resolve, reject) => {
    const req = request({ host: MASTER, port: 6443, path: '/readyz', ca: readFileSync(join(cluster.paths.pki, 'ca.crt')), agent: false, checkServerIdentity: () => undefined }, (res) => {
      res.resume();
      resolve(res.statusCode!);
    });
    req.on('error', reject);
    req.end();
  });
  expect(anonymous).toBe(401);
});

test("a worker's rendered HAProxy health-checks the real API server and carries the admin's requests to it", async () => {
  const w0 = bundles.find((b) => b.id === 'w0')!;
  const dir = join(work, 'balancer');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'ca.crt'), ignFile(w0.full, '/etc/kubernetes/pki/ca.crt')!);
  writeFileSync(join(dir, 'client.pem'), ignFile(w0.full, '/etc/kubernetes/api-balancer/client.pem')!, { mode: 0o600 });
  // Container paths -> these files; the frontend on the worker's own loopback address instead of 127.0.0.1.
  const cfg = ignFile(w0.full, '/etc/kubernetes/api-balancer/haproxy.cfg')!.replaceAll('/usr/local/etc/haproxy/', `${dir}/`).replace('bind 127.0.0.1:6443', `bind ${WORKER}:6443`);
  writeFileSync(join(dir, 'haproxy.cfg'), cfg);
  const haproxy = execa('haproxy', ['-W', '-db', '-f', join(dir, 'haproxy.cfg')], { reject: false, all: true });
  procs.push(haproxy);
  const r = await waitFor('the balancer', () => get(WORKER, '/version', pkiPair('admin')).catch(() => undefined), 20000);
  expect([r.status, JSON.parse(r.body).gitVersion]).toEqual([200, 'v1.37.2']);
  // The health check passed with the balancer's certificate: HAProxy logs the server as UP, never DOWN.
  await new Promise((res) => setTimeout(res, 6000));
  haproxy.kill('SIGTERM');
  const log = (await haproxy).all as string;
  expect(log).not.toMatch(/Server masters\/m0 is DOWN/);
});

test("the local target's API load balancer (real HAProxy, its rendered config) checks /readyz over TLS: a server that only accepts TCP is marked down", async () => {
  const dir = join(work, 'local-lb');
  mkdirSync(dir, { recursive: true });
  const LB = `${net}.2`;
  const IMPOSTOR = `${net}.30`;
  // A TLS server whose certificate the cluster CA did not sign: a TCP connect succeeds, a verified
  // /readyz does not. With TCP checks it would get clients.
  await execa('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1', '-subj', '/CN=kubernetes', '-keyout', join(dir, 'impostor.key'), '-out', join(dir, 'impostor.crt')]);
  const impostor = execa('openssl', ['s_server', '-accept', `${IMPOSTOR}:6443`, '-cert', join(dir, 'impostor.crt'), '-key', join(dir, 'impostor.key'), '-www', '-quiet'], { reject: false, all: true });
  procs.push(impostor);
  const { haproxyConfig } = await import('../../providers/local/loadbalancer.js');
  const layout = {
    loadBalancer: { ip: LB }, api: { port: 6443 },
    machines: [{ name: 'm0', ip: MASTER, roles: ['master'] }, { name: 'impostor', ip: IMPOSTOR, roles: ['master'] }],
  } as unknown as import('../../providers/local/layout.js').LocalLayout;
  writeFileSync(join(dir, 'ca.crt'), readFileSync(join(cluster.paths.pki, 'ca.crt')));
  writeFileSync(join(dir, 'client.pem'), Buffer.concat([readFileSync(join(cluster.paths.pki, 'kube-api-balancer.crt')), readFileSync(join(cluster.paths.pki, 'kube-api-balancer.key'))]), { mode: 0o600 });
  writeFileSync(join(dir, 'haproxy.cfg'), haproxyConfig(layout, { ca: join(dir, 'ca.crt'), clientPem: join(dir, 'client.pem') }));
  const haproxy = execa('haproxy', ['-db', '-f', join(dir, 'haproxy.cfg')], { reject: false, all: true });
  procs.push(haproxy);
  // Two failed checks 2 s apart mark the impostor down; from then on every request reaches m0.
  await new Promise((res) => setTimeout(res, 6000));
  const answers = [];
  for (let i = 0; i < 6; i++) answers.push((await get(LB, '/version', pkiPair('admin'))).status);
  expect(answers).toEqual([200, 200, 200, 200, 200, 200]);
  haproxy.kill('SIGTERM');
  impostor.kill('SIGTERM');
  const log = (await haproxy).all as string;
  expect(log).toMatch(/Server masters\/impostor is DOWN/);
  expect(log).not.toMatch(/Server masters\/m0 is DOWN/);
});

/** A JSON request to the real API server as the given identity. */
function call(method: string, path: string, who: { cert: Buffer; key: Buffer }, body?: unknown): Promise<{ status: number; json: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const ca = readFileSync(join(cluster.paths.pki, 'ca.crt'));
  const data = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request({ host: MASTER, port: 6443, path, method, ca, ...who, agent: false, checkServerIdentity: () => undefined, headers: data ? { 'content-type': 'application/json' } : {} }, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode!, json: text ? JSON.parse(text) : undefined }));
    });
    req.on('error', reject);
    req.end(data);
  });
}

test("the approver, with its rendered flags, phase 3's RBAC and its own certificate, approves a node's own serving CSR on the real API server and leaves a theft pending", async () => {
  const admin = pkiPair('admin');
  const m0 = pkiPair('kubelet/m0-client'); // the master's node identity: system:node:m0
  // Phase 3's RBAC for the approver, from the rendered node-bootstrap addon.
  const { renderAddons } = await import('../../addons/index.js');
  await renderAddons(cluster.config, cluster.inventory, cluster.paths);
  const { fromYamlAll } = await import('../../lib/yaml.js');
  const objs = fromYamlAll(readFileSync(join(cluster.paths.addons, '40-node-bootstrap.yaml'), 'utf8')) as { kind: string; metadata: { name: string } }[];
  for (const o of objs.filter((x) => x.metadata.name === 'kube-anywhere:kubelet-serving-approver')) {
    const r = await call('POST', `/apis/rbac.authorization.k8s.io/v1/${o.kind === 'ClusterRole' ? 'clusterroles' : 'clusterrolebindings'}`, admin, o);
    expect([o.kind, r.status]).toEqual([o.kind, 201]);
  }
  // Two Nodes with their addresses (no kubelet runs here: the admin writes what a kubelet would).
  for (const [name, ip] of [['m0', MASTER], ['w0', WORKER]]) {
    expect((await call('POST', '/api/v1/nodes', admin, { apiVersion: 'v1', kind: 'Node', metadata: { name } })).status).toBe(201);
    const node = (await call('GET', `/api/v1/nodes/${name}`, admin)).json;
    node.status = { addresses: [{ type: 'InternalIP', address: ip }, { type: 'Hostname', address: name }] };
    expect((await call('PUT', `/api/v1/nodes/${name}/status`, admin, node)).status).toBe(200);
  }
  // m0 asks, with its own credential, for its own names, and for w0's address.
  const key = join(work, 'm0-serving.key');
  await execa('openssl', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', key]);
  const csr = async (name: string, san: string) => {
    const pem = (await execa('openssl', ['req', '-new', '-key', key, '-subj', '/O=system:nodes/CN=system:node:m0', '-addext', `subjectAltName=${san}`])).stdout;
    const r = await call('POST', '/apis/certificates.k8s.io/v1/certificatesigningrequests', m0, {
      apiVersion: 'certificates.k8s.io/v1', kind: 'CertificateSigningRequest', metadata: { name },
      spec: { request: Buffer.from(pem).toString('base64'), signerName: 'kubernetes.io/kubelet-serving', usages: ['digital signature', 'server auth'] },
    });
    expect([name, r.status]).toEqual([name, 201]);
  };
  await csr('serving-own', `DNS:m0,IP:${MASTER}`);
  await csr('serving-theft', `DNS:m0,IP:${WORKER}`);

  const root = join(work, 'm0');
  const pod = parse(readFileSync(join(root, 'etc/kubernetes/manifests/kubelet-serving-approver.yaml'), 'utf8'));
  const mounts = new Map<string, string>(pod.spec.containers[0].volumeMounts.map((m: { name: string; mountPath: string }) => [m.mountPath, pod.spec.volumes.find((v: { name: string }) => v.name === m.name).hostPath.path]));
  const args = (pod.spec.containers[0].command as string[]).slice(1).map((a) => {
    for (const [inPod, onHost] of mounts) a = a.replace(inPod, join(root, onHost));
    return a.replace('https://127.0.0.1:6443', `https://${MASTER}:6443`).replace('--interval=5', '--interval=1');
  });
  const approver = execa('node', args, { reject: false, all: true });
  procs.push(approver);
  const conditions = async (name: string) => (await call('GET', `/apis/certificates.k8s.io/v1/certificatesigningrequests/${name}`, admin)).json.status?.conditions ?? [];
  await waitFor('the approval', async () => ((await conditions('serving-own')).some((c: { type: string }) => c.type === 'Approved') ? true : undefined), 30000);
  await new Promise((r) => setTimeout(r, 2500));
  expect((await conditions('serving-own')).map((c: { type: string; reason: string }) => [c.type, c.reason])).toEqual([['Approved', 'KubeAnywhereServingApprover']]);
  expect(await conditions('serving-theft')).toEqual([]);
  approver.kill('SIGTERM');
  const log = (await approver).all as string;
  expect(log).toMatch(/approved serving-own for Node m0/);
  expect(log).toContain(`left pending serving-theft: IP ${WORKER} is not an address of Node m0 (${MASTER})`);
});
