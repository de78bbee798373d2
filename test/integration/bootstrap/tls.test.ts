// Real TLS handshakes (Node's OpenSSL) with the rendered credentials: the API server's certificate
// is valid for every name a client uses, and the admin kubeconfig's client certificate is accepted
// by a server that trusts only the cluster CA (as kube-apiserver's --client-ca-file does).
import { readFileSync } from 'node:fs';
import { checkServerIdentity, connect, createServer, type Server } from 'node:tls';
import { join } from 'node:path';
import { parse } from 'yaml';
import { renderBootstrap } from '../../../bootstrap/index.js';
import { cloudCluster } from '../../unit/bootstrap/fixtures.js';

const c = cloudCluster();
let server: Server;
let port: number;
const seen: string[] = [];

beforeAll(async () => {
  await renderBootstrap(c.config, c.inventory, c.paths, { onMessage: () => {} });
  const pki = (f: string) => readFileSync(join(c.paths.pki, f));
  server = createServer({ cert: pki('apiserver.crt'), key: pki('apiserver.key'), ca: pki('ca.crt'), requestCert: true, rejectUnauthorized: true }, (s) => {
    seen.push(String(s.getPeerCertificate().subject.CN));
    s.end('ok');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as { port: number }).port;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

/**
 * Connects as a client of `name` (the name checked against the server's certificate). Resolves with
 * what the server sent ("ok" once it accepted the client); rejects when the handshake fails.
 */
function handshake(name: string, client: { cert: Buffer | string; key: Buffer | string }): Promise<string> {
  const kubeconfig = parse(readFileSync(c.paths.kubeconfig, 'utf8'));
  const ca = Buffer.from(kubeconfig.clusters[0].cluster['certificate-authority-data'], 'base64');
  return new Promise((resolve, reject) => {
    const s = connect({ host: '127.0.0.1', port, ca, ...client, servername: /^\d/.test(name) ? undefined : name, checkServerIdentity: (_h, cert) => checkServerIdentity(name, cert) });
    let data = '';
    s.on('data', (d) => (data += d));
    s.on('end', () => resolve(data));
    s.on('error', reject);
  });
}

function admin() {
  const user = parse(readFileSync(c.paths.kubeconfig, 'utf8')).users[0].user;
  return { cert: Buffer.from(user['client-certificate-data'], 'base64'), key: Buffer.from(user['client-key-data'], 'base64') };
}

test('the API server certificate is valid for the endpoint, the in-cluster names, the service IP and every master', async () => {
  const masters = c.inventory.nodes.filter((n) => n.roles.includes('master')).map((n) => n.privateIP);
  for (const name of ['demo-api-0123.elb.eu-west-1.amazonaws.com', 'kubernetes', 'kubernetes.default.svc', 'kubernetes.default.svc.cluster.local', 'localhost', '127.0.0.1', '10.96.0.1', ...masters]) {
    expect([name, await handshake(name, admin())]).toEqual([name, 'ok']);
  }
  expect(seen).toContain('kubernetes-admin');
});

test('a name the certificate does not carry is refused', async () => {
  await expect(handshake('api.attacker.example.com', admin())).rejects.toThrow(/Hostname\/IP does not match/);
});

test("a client certificate from another cluster's CA is refused by a server trusting this cluster's CA", async () => {
  const other = cloudCluster();
  await renderBootstrap(other.config, other.inventory, other.paths, { onMessage: () => {} });
  const p = (f: string) => readFileSync(join(other.paths.pki, f));
  const accepted = seen.length;
  // With TLS 1.3 the server's verdict on the client certificate may arrive after the client's
  // handshake: either the connection fails, or it closes without the server's "ok".
  const got = await handshake('kubernetes', { cert: p('admin.crt'), key: p('admin.key') }).catch((e: Error) => `refused: ${e.message}`);
  expect(got).not.toBe('ok');
  expect(seen.length).toBe(accepted); // the server never accepted that client
});
