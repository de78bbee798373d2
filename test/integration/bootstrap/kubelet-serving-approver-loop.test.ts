// The approver's loop against a FAKE API server (no Kubernetes API server runs on these machines;
// the lead's local cluster runs the real one): a Node HTTPS server with the rendered apiserver
// certificate that, like kube-apiserver, requires a client certificate from the cluster CA, serves
// a CSR list and the Nodes, and records approvals. The approver runs as the static pod runs it: a
// `node` process on approver.mjs with the rendered flags (paths moved to the laid-out files).
import { execa, type ResultPromise } from 'execa';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { jest } from '@jest/globals';
import { renderBootstrap } from '../../../bootstrap/index.js';
import { bareMetalCluster, ignFile, ignFiles, tempDir } from '../../unit/bootstrap/fixtures.js';
import { waitFor } from './helpers.js';

jest.setTimeout(60000);
const work = tempDir('ka-approver-loop-');
const requests: { method: string; url: string; user: string; body?: Record<string, any> }[] = []; // eslint-disable-line @typescript-eslint/no-explicit-any
let server: Server;
let approver: ResultPromise;

async function csrPem(subject: string, san: string): Promise<string> {
  const k = join(work, `${subject.replace(/\W/g, '')}.key`);
  await execa('openssl', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', k]);
  return (await execa('openssl', ['req', '-new', '-key', k, '-subj', subject, '-addext', `subjectAltName=${san}`])).stdout;
}

const csr = (name: string, pem: string, username: string) => ({
  metadata: { name },
  spec: { request: Buffer.from(pem).toString('base64'), signerName: 'kubernetes.io/kubelet-serving', usages: ['digital signature', 'server auth'], username, groups: ['system:nodes', 'system:authenticated'] },
  status: {},
});

beforeAll(async () => {
  const c = bareMetalCluster([{ name: 'm0', ip: '192.168.10.10', roles: ['master', 'etcd'] }, { name: 'w0', ip: '192.168.10.20', roles: ['worker'] }], {}, work);
  const [m0] = await renderBootstrap(c.config, c.inventory, c.paths, { onMessage: () => {} });
  const root = join(work, 'm0');
  for (const f of ignFiles(m0.full)) {
    mkdirSync(dirname(join(root, f.path)), { recursive: true });
    writeFileSync(join(root, f.path), ignFile(m0.full, f.path)!, { mode: f.mode });
  }
  const items = [
    csr('csr-good', await csrPem('/O=system:nodes/CN=system:node:w0', 'DNS:w0,IP:192.168.10.20'), 'system:node:w0'),
    csr('csr-theft', await csrPem('/O=system:nodes/CN=system:node:w0', 'IP:192.168.10.10'), 'system:node:w0'),
  ];
  const nodes = [
    { metadata: { name: 'm0' }, status: { addresses: [{ type: 'InternalIP', address: '192.168.10.10' }, { type: 'Hostname', address: 'm0' }] } },
    { metadata: { name: 'w0' }, status: { addresses: [{ type: 'InternalIP', address: '192.168.10.20' }, { type: 'Hostname', address: 'w0' }] } },
  ];
  const pki = (f: string) => readFileSync(join(c.paths.pki, f));
  server = createServer({ cert: pki('apiserver.crt'), key: pki('apiserver.key'), ca: pki('ca.crt'), requestCert: true, rejectUnauthorized: true }, (req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const user = String((req.socket as TLSSocket).getPeerCertificate().subject?.CN);
      requests.push({ method: req.method!, url: req.url!, user, body: body ? JSON.parse(body) : undefined });
      res.setHeader('content-type', 'application/json');
      if (req.method === 'GET' && req.url!.startsWith('/apis/certificates.k8s.io/v1/certificatesigningrequests?')) return res.end(JSON.stringify({ items }));
      if (req.method === 'GET' && req.url === '/api/v1/nodes') return res.end(JSON.stringify({ items: nodes }));
      if (req.method === 'PUT' && req.url === '/apis/certificates.k8s.io/v1/certificatesigningrequests/csr-good/approval') {
        items[0].status = JSON.parse(body).status;
        return res.end(body);
      }
      res.statusCode = 404;
      res.end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  const pod = parse(readFileSync(join(root, 'etc/kubernetes/manifests/kubelet-serving-approver.yaml'), 'utf8'));
  // The container's paths are the volume mounts: map each mount path back to its host file in the root.
  const mounts = new Map<string, string>(pod.spec.containers[0].volumeMounts.map((m: { name: string; mountPath: string }) => [m.mountPath, pod.spec.volumes.find((v: { name: string }) => v.name === m.name).hostPath.path]));
  const args = (pod.spec.containers[0].command as string[]).slice(1).map((a) => {
    for (const [inPod, onHost] of mounts) a = a.replace(inPod, join(root, onHost));
    return a.replace('https://127.0.0.1:6443', `https://127.0.0.1:${port}`).replace('--interval=5', '--interval=1');
  });
  approver = execa('node', args, { reject: false, all: true });
});

afterAll(async () => {
  approver?.kill('SIGTERM');
  await approver;
  await new Promise((r) => server.close(r));
});

test("approves the node's own request, with its own identity, and leaves the other one pending with the reason logged", async () => {
  await waitFor('an approval', async () => (requests.some((r) => r.method === 'PUT') ? true : undefined), 20000);
  await new Promise((r) => setTimeout(r, 2500)); // two more passes: nothing else may be approved
  const puts = requests.filter((r) => r.method === 'PUT');
  expect(puts.map((r) => r.url)).toEqual(['/apis/certificates.k8s.io/v1/certificatesigningrequests/csr-good/approval']);
  expect(puts[0].body!.status.conditions).toEqual([{ type: 'Approved', status: 'True', reason: 'KubeAnywhereServingApprover', message: "names and IPs are Node w0's own addresses" }]);
  expect([...new Set(requests.map((r) => r.user))]).toEqual(['kube-anywhere:kubelet-serving-approver']);
  expect(requests[0].url).toBe('/apis/certificates.k8s.io/v1/certificatesigningrequests?fieldSelector=spec.signerName%3Dkubernetes.io%2Fkubelet-serving');
  approver.kill('SIGTERM');
  const out = (await approver).all as string;
  expect(out).toMatch(/approved csr-good for Node w0/);
  expect(out).toMatch(/left pending csr-theft: IP 192\.168\.10\.10 is not an address of Node w0 \(192\.168\.10\.20\)/);
  expect(out.match(/left pending csr-theft/g)).toHaveLength(1); // logged once, not on every pass
});
