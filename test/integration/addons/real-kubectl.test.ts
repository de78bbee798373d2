// The real kubectl binary without a cluster (test/e2e/local runs it against real ones): it accepts
// every command `addons apply` runs, up to the point where it needs a server; it rejects the flag
// combinations the fake kubectl rejects, with the same messages; and, against a FAKE API endpoint
// (a small HTTP server named so below), the real kubectl drives the /readyz wait and the CNI-switch refusal end to end.
import { jest } from '@jest/globals';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { type AddressInfo, createServer as netServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { packageFile } from '../../../lib/paths.js';
import { fakeKubectl } from '../../fakes/fake-kubectl-harness.js';
import { rawConfig, testCluster, type TestCluster } from '../../unit/addons/fixtures.js';

jest.setTimeout(90000);

const KUBECTL = process.env.KUBECTL ?? 'kubectl';
const CLI = packageFile('dist', 'bin', 'kube-anywhere.js');

function writeKubeconfig(file: string, server: string): void {
  writeFileSync(
    file,
    `apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster: {server: "${server}", insecure-skip-tls-verify: true}\ncontexts:\n- name: c\n  context: {cluster: c, user: u}\ncurrent-context: c\nusers:\n- name: u\n  user: {token: test}\n`,
    { mode: 0o600 },
  );
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const s = netServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

test('kubectl is installed (the tests below need it)', async () => {
  const r = await execa(KUBECTL, ['version', '--client'], { reject: false });
  expect(r.exitCode).toBe(0);
  expect(String(r.stdout)).toMatch(/Client Version: v1\.\d+/);
});

describe('real kubectl, no server', () => {
  let c: TestCluster;
  let recorded: { argv: string[]; KUBECTL_APPLYSET: string | null }[];
  const home = mkdtempSync(join(tmpdir(), 'ka-home-'));

  beforeAll(async () => {
    // Record what `addons apply` runs (calico: every kind of call; a stuck rollout: the diagnosis).
    c = testCluster(rawConfig({ cni: { plugin: 'calico', calico: { mode: 'routed' } } }));
    writeKubeconfig(c.paths.kubeconfig, 'https://10.0.0.5:6443');
    const fake = fakeKubectl(mkdtempSync(join(tmpdir(), 'ka-fake-kubectl-')), { stuck: ['daemonset/calico-node'], pods: { 'k8s-app=calico-node': [{ metadata: { name: 'calico-node-abc' }, status: { phase: 'Pending' } }] } });
    await execa('node', [CLI, 'addons', 'apply', '--config', c.file, '--state-dir', join(c.dir, 'clusters'), '--timeout', '2'], {
      reject: false,
      env: { ...fake.env, KUBE_ANYWHERE_POLL_INTERVAL_MS: '100' },
    });
    recorded = fake.calls();
    writeKubeconfig(c.paths.kubeconfig, `https://127.0.0.1:${await closedPort()}`);
  });

  test('accepts every command addons apply runs: each fails only at the connection', async () => {
    const kinds = new Set(recorded.map((x) => x.argv.slice(2, 4).join(' ')));
    expect([...kinds].sort()).toEqual(['apply --server-side', 'get --raw', 'get daemonsets', 'get events', 'get pods', 'label nodes', 'rollout status', 'wait --for'].sort());
    for (const call of recorded) {
      const r = await execa(KUBECTL, call.argv, {
        reject: false,
        env: { HOME: home, ...(call.KUBECTL_APPLYSET ? { KUBECTL_APPLYSET: call.KUBECTL_APPLYSET } : {}) },
        timeout: 30000,
      });
      const out = `${r.stdout}\n${r.stderr}`;
      expect({ argv: call.argv.slice(2), exitCode: r.exitCode }).toEqual({ argv: call.argv.slice(2), exitCode: 1 });
      expect({ argv: call.argv.slice(2), connectionRefused: /connection refused|was refused/.test(out) }).toEqual({ argv: call.argv.slice(2), connectionRefused: true });
      expect(out).not.toMatch(/unknown flag|unknown command|unknown shorthand|invalid argument|incompatible|must specify|Usage:/);
    }
  });

  test('refuses label pruning with server-side apply (why addons use an ApplySet), as the fake does', async () => {
    const file = join(c.paths.addons, '20-kube-proxy.yaml');
    const legacy = await execa(KUBECTL, ['--kubeconfig', c.paths.kubeconfig, 'apply', '--server-side', '--prune', '-l', 'kube-anywhere.dev/addon=kube-proxy', '-f', file], { reject: false, env: { HOME: home } });
    expect(legacy.exitCode).toBe(1);
    expect(String(legacy.stderr)).toBe("error: --prune is in alpha and doesn't currently work on objects created by server-side apply");
    const noGate = await execa(KUBECTL, ['--kubeconfig', c.paths.kubeconfig, 'apply', '--server-side', '--prune', '--applyset=secret/x', '-n', 'kube-system', '-f', file], { reject: false, env: { HOME: home } });
    expect(noGate.exitCode).toBe(1);
    expect(String(noGate.stderr)).toBe("Error: unknown flag: --applyset\nSee 'kubectl apply --help' for usage.");
    // The fake says the same.
    const fake = fakeKubectl(mkdtempSync(join(tmpdir(), 'ka-fake-kubectl-')), {});
    const f1 = await execa(fake.bin, ['--kubeconfig', c.paths.kubeconfig, 'apply', '--server-side', '--prune', '-l', 'x=y', '-f', file], { reject: false, env: fake.env });
    expect(String(f1.stderr)).toBe(String(legacy.stderr));
    const f2 = await execa(fake.bin, ['--kubeconfig', c.paths.kubeconfig, 'apply', '--server-side', '--prune', '--applyset=secret/x', '-n', 'kube-system', '-f', file], { reject: false, env: fake.env });
    expect(String(f2.stderr)).toBe(String(noGate.stderr));
  });
});

describe('real kubectl against a FAKE API endpoint', () => {
  let server: Server;
  let requests: string[];
  let readyzCalls: number;

  beforeAll(async () => {
    requests = [];
    readyzCalls = 0;
    // fakeApiServer: just enough of the Kubernetes API for `get --raw /readyz` and `get daemonsets`.
    server = createServer((req, res) => {
      requests.push(`${req.method} ${req.url}`);
      const json = (code: number, body: unknown) => {
        res.writeHead(code, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname === '/readyz') {
        readyzCalls++;
        if (readyzCalls <= 2) {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end('[-]etcd failed: reason withheld\nreadyz check failed');
        } else {
          res.writeHead(200, { 'content-type': 'text/plain' });
          res.end('ok');
        }
        return;
      }
      if (url.pathname === '/api') return json(200, { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1' }] });
      if (url.pathname === '/apis')
        return json(200, { kind: 'APIGroupList', apiVersion: 'v1', groups: [{ name: 'apps', versions: [{ groupVersion: 'apps/v1', version: 'v1' }], preferredVersion: { groupVersion: 'apps/v1', version: 'v1' } }] });
      if (url.pathname === '/api/v1') return json(200, { kind: 'APIResourceList', groupVersion: 'v1', resources: [] });
      if (url.pathname === '/apis/apps/v1')
        return json(200, { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: 'apps/v1', resources: [{ name: 'daemonsets', singularName: 'daemonset', namespaced: true, kind: 'DaemonSet', verbs: ['get', 'list'] }] });
      if (url.pathname === '/apis/apps/v1/namespaces/kube-system/daemonsets') {
        return json(200, {
          kind: 'DaemonSetList',
          apiVersion: 'apps/v1',
          metadata: { resourceVersion: '1' },
          items: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'kube-flannel-ds', namespace: 'kube-system', labels: { 'kube-anywhere.dev/addon': 'flannel' } }, spec: {}, status: {} }],
        });
      }
      json(404, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404 });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  });
  afterAll(() => new Promise((r) => server.close(r)));

  test('waits through a failing /readyz, finds flannel running, refuses to switch to calico: no write reaches the API', async () => {
    const c = testCluster(rawConfig({ cni: { plugin: 'calico' } }));
    const { port } = server.address() as AddressInfo;
    mkdirSync(c.paths.root, { recursive: true });
    writeKubeconfig(c.paths.kubeconfig, `http://127.0.0.1:${port}`);
    const r = await execa('node', [CLI, 'addons', 'apply', '--config', c.file, '--state-dir', join(c.dir, 'clusters'), '--timeout', '20'], {
      reject: false,
      env: { HOME: mkdtempSync(join(tmpdir(), 'ka-home-')), KUBE_ANYWHERE_POLL_INTERVAL_MS: '200', KUBECTL_APPLYSET: '' },
    });
    expect(String(r.stderr)).toContain('the cluster runs flannel and the config asks for calico: refusing to switch');
    expect(r.exitCode).toBe(1);
    expect(requests.filter((x) => x.startsWith('GET /readyz'))).toHaveLength(3);
    const list = requests.find((x) => x.startsWith('GET /apis/apps/v1/namespaces/kube-system/daemonsets'));
    expect(new URL(list!.slice(4), 'http://x').searchParams.get('labelSelector')).toBe('kube-anywhere.dev/addon in (flannel,calico)');
    expect(requests.filter((x) => !x.startsWith('GET '))).toEqual([]);
  });
});
