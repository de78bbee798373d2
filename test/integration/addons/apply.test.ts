// `kube-anywhere addons apply` as a user runs it (the real CLI, a new process), with a FAKE kubectl
// (test/fakes/fake-kubectl) standing in for the cluster. The local cluster tests (test/e2e/local)
// apply the addons to real API servers with the real kubectl; this file covers what a real server
// does not show in seconds: the kubectl calls, their order and arguments, and the failures (API
// never ready, wrong credentials, rollout stuck, an unforced CNI switch, a missing kubeconfig).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { packageFile } from '../../../lib/paths.js';
import { fakeKubectl, type FakeKubectl } from '../../fakes/fake-kubectl-harness.js';
import type { FakeScenario } from '../../fakes/fake-kubectl.js';
import { rawConfig, testCluster, type TestCluster } from '../../unit/addons/fixtures.js';

import { jest } from '@jest/globals';

jest.setTimeout(60000);

const CLI = packageFile('dist', 'bin', 'kube-anywhere.js');

function kubeconfig(c: TestCluster): void {
  mkdirSync(c.paths.root, { recursive: true });
  writeFileSync(
    c.paths.kubeconfig,
    'apiVersion: v1\nkind: Config\nclusters:\n- name: demo\n  cluster: {server: "https://10.0.0.5:6443"}\ncontexts:\n- name: admin@demo\n  context: {cluster: demo, user: admin}\ncurrent-context: admin@demo\nusers:\n- name: admin\n  user: {token: not-used-by-the-fake}\n',
    { mode: 0o600 },
  );
}

interface Run {
  exitCode: number;
  stdout: string;
  stderr: string;
  fake: FakeKubectl;
  c: TestCluster;
}

async function apply(phase3: Record<string, unknown>, scenario: FakeScenario, args: string[] = [], setup?: (c: TestCluster) => void): Promise<Run> {
  const c = testCluster(rawConfig(phase3));
  kubeconfig(c);
  setup?.(c);
  const fakeDir = mkdtempSync(join(tmpdir(), 'ka-fake-kubectl-'));
  const fake = fakeKubectl(fakeDir, scenario);
  const r = await execa('node', [CLI, 'addons', 'apply', '--config', c.file, '--state-dir', join(c.dir, 'clusters'), '--timeout', '3', ...args], {
    reject: false,
    env: { ...fake.env, KUBE_ANYWHERE_POLL_INTERVAL_MS: '100' },
  });
  return { exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr), fake, c };
}

const files = (c: TestCluster, names: string[]) => names.flatMap((n) => ['-f', join(c.paths.addons, n)]);
const applyArgs = (c: TestCluster, names: string[]) => [
  'apply', '--server-side', '--field-manager', 'kube-anywhere', '--prune', '--applyset=secret/kube-anywhere-addons', '-n', 'kube-system', ...files(c, names),
];
const READYZ = ['get', '--raw', '/readyz', '--request-timeout=5s'];

// The FAKE kubectl, only for what no real API server here shows: calico's rollout (no calico images
// are served here), an API that never becomes ready, refused credentials, a stuck rollout, a forced
// CNI switch. The flannel apply, a second apply, the DNS switch and the refused CNI switch run
// against a real cluster in test/e2e/local/colocated.test.ts.
describe('addons apply (fake kubectl)', () => {
  test('calico: the CRDs first (established), then everything with its custom resources', async () => {
    const r = await apply({ cni: { plugin: 'calico', calico: { mode: 'routed' } } }, {});
    expect(r.exitCode).toBe(0);
    const { c } = r;
    const crds = join(c.paths.addons, '10-calico-crds.yaml');
    expect(r.fake.commands().slice(2)).toEqual([
      ['apply', '--server-side', '--field-manager', 'kube-anywhere-crds', '-f', crds],
      ['wait', '--for', 'condition=Established', '--timeout=3s', '-f', crds],
      applyArgs(c, ['10-calico-crds.yaml', '11-calico.yaml', '20-kube-proxy.yaml', '30-coredns.yaml', '40-node-bootstrap.yaml']),
      ['rollout', 'status', 'daemonset/calico-node', '-n', 'kube-system', '--timeout=3s'],
      ['rollout', 'status', 'deployment/calico-kube-controllers', '-n', 'kube-system', '--timeout=3s'],
      ['rollout', 'status', 'daemonset/kube-proxy', '-n', 'kube-system', '--timeout=3s'],
      ['rollout', 'status', 'deployment/coredns', '-n', 'kube-system', '--timeout=3s'],
      ['label', 'nodes', '-l', 'kube-anywhere.dev/control-plane=true', 'node-role.kubernetes.io/control-plane=', '--overwrite'],
    ]);
  });

  test('API never ready: a clear message naming the server, exit 1, nothing applied', async () => {
    const r = await apply({}, { readyAfter: null });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/https:\/\/10\.0\.0\.5:6443 did not answer \/readyz within 3 s \(\d+ tries; last: The connection to the server 10\.0\.0\.5:6443 was refused/);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/); // no stack trace
    const cmds = r.fake.commands();
    expect(cmds.length).toBeGreaterThan(3);
    expect(cmds.every((x) => x.join(' ') === READYZ.join(' '))).toBe(true);
  });

  test('wrong credentials: no waiting, the reason', async () => {
    const r = await apply({}, { readyAfter: null, readyzError: 'error: You must be logged in to the server (Unauthorized)' });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain(`refused the admin credentials of ${r.c.paths.kubeconfig}: error: You must be logged in to the server (Unauthorized)`);
    expect(r.fake.commands()).toEqual([READYZ]);
  });

  test('rollout stuck: says which pods are not ready and why (their events), exit 1', async () => {
    const pod = {
      metadata: { name: 'kube-flannel-ds-x7k2p' },
      spec: { nodeName: 'w1' },
      status: {
        phase: 'Pending',
        conditions: [{ type: 'Ready', status: 'False' }],
        initContainerStatuses: [{ name: 'install-cni-plugin', ready: false, state: { waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "ghcr.io/flannel-io/flannel-cni-plugin"' } } }],
      },
    };
    const events = [
      { type: 'Normal', reason: 'Scheduled', message: 'Successfully assigned kube-system/kube-flannel-ds-x7k2p to w1' },
      { type: 'Warning', reason: 'Failed', message: 'Failed to pull image: dial tcp: lookup ghcr.io: no such host', count: 4 },
    ];
    const r = await apply({}, { stuck: ['daemonset/kube-flannel-ds'], pods: { app: [], 'app=flannel': [pod] }, events: { 'kube-flannel-ds-x7k2p': events } });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('the addons were applied, but not everything is ready');
    expect(r.stderr).toContain('DaemonSet kube-system/kube-flannel-ds (flannel): not rolled out within 3 s: error: timed out waiting for the condition');
    expect(r.stderr).toContain('pod kube-flannel-ds-x7k2p on w1: Pending; install-cni-plugin ImagePullBackOff (Back-off pulling image "ghcr.io/flannel-io/flannel-cni-plugin")');
    expect(r.stderr).toContain('Warning Failed: Failed to pull image: dial tcp: lookup ghcr.io: no such host (x4)');
    // The other rollouts are still checked, after the stuck one's diagnosis.
    const cmds = r.fake.commands().map((x) => x.slice(0, 3).join(' '));
    expect(cmds.slice(3)).toEqual([
      'rollout status daemonset/kube-flannel-ds',
      'get pods -n',
      'get events -n',
      'rollout status daemonset/kube-proxy',
      'rollout status deployment/coredns',
      'label nodes -l',
    ]);
    expect(r.fake.commands()[4]).toEqual(['get', 'pods', '-n', 'kube-system', '-l', 'app=flannel', '-o', 'json']);
    expect(r.fake.commands()[5]).toEqual(['get', 'events', '-n', 'kube-system', '--field-selector', 'involvedObject.kind=Pod,involvedObject.name=kube-flannel-ds-x7k2p', '-o', 'json']);
  });

  test('switching the CNI of a running cluster is refused with the reason; --force switches and prunes the old one', async () => {
    const r = await apply({ cni: { plugin: 'calico' } }, { runningCni: ['flannel'] });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('the cluster runs flannel and the config asks for calico: refusing to switch the pod network of a running cluster');
    expect(r.stderr).toContain('pass --force');
    expect(r.fake.commands().map((x) => x[0])).toEqual(['get', 'get']); // readyz, daemonsets: nothing applied

    // The same cluster, flannel applied first through the CLI, then calico with --force.
    const c = r.c;
    const fake = r.fake;
    const run = (cfg: string, extra: string[] = []) =>
      execa('node', [CLI, 'addons', 'apply', '--config', cfg, '--state-dir', join(c.dir, 'clusters'), '--timeout', '3', ...extra], {
        reject: false,
        env: { ...fake.env, KUBE_ANYWHERE_POLL_INTERVAL_MS: '100' },
      });
    writeFileSync(join(c.dir, 'flannel.json'), JSON.stringify(rawConfig({})));
    expect((await run(join(c.dir, 'flannel.json'))).exitCode).toBe(0);
    const refused = await run(c.file);
    expect(refused.exitCode).toBe(1);
    expect(String(refused.stderr)).toContain('refusing to switch');
    const forced = await run(c.file, ['--force']);
    expect(String(forced.stderr)).toContain('switching the pod network from flannel to calico (--force)');
    expect(String(forced.stderr)).toContain('daemonsets/kube-flannel-ds pruned');
    expect(String(forced.stderr)).toContain('configmaps/kube-flannel-cfg pruned');
    expect(forced.exitCode).toBe(0);
  }, 60000);

  test('missing kubeconfig: a clear message, exit 1, kubectl never run', async () => {
    const c = testCluster(rawConfig({}));
    const fake = fakeKubectl(mkdtempSync(join(tmpdir(), 'ka-fake-kubectl-')), {});
    const r = await execa('node', [CLI, 'addons', 'apply', '--config', c.file, '--state-dir', join(c.dir, 'clusters')], { reject: false, env: fake.env });
    expect(r.exitCode).toBe(1);
    expect(String(r.stderr)).toBe(`error: ${c.paths.kubeconfig}: no admin kubeconfig; phase 2 writes it (\`kube-anywhere bootstrap render\`), so bootstrap the cluster first`);
    expect(fake.calls()).toEqual([]);
  });

  test('kubectl missing: names KUBE_ANYWHERE_KUBECTL', async () => {
    const c = testCluster(rawConfig({}));
    kubeconfig(c);
    const r = await execa('node', [CLI, 'addons', 'apply', '--config', c.file, '--state-dir', join(c.dir, 'clusters')], {
      reject: false,
      env: { KUBE_ANYWHERE_KUBECTL: '/nonexistent/kubectl' },
    });
    expect(r.exitCode).toBe(1);
    expect(String(r.stderr)).toContain('kubectl not found (/nonexistent/kubectl)');
  });

  test('a cloud cluster before phase 1 (provisional endpoint): apply refused, render warns', async () => {
    const c = testCluster({ name: 'cloudy', phase1: { cloudProvider: 'aws' } });
    const fake = fakeKubectl(mkdtempSync(join(tmpdir(), 'ka-fake-kubectl-')), {});
    const a = await execa('node', [CLI, 'addons', 'apply', '--config', c.file, '--state-dir', join(c.dir, 'clusters')], { reject: false, env: fake.env });
    expect(a.exitCode).toBe(1);
    expect(String(a.stderr)).toContain("the cluster's API endpoint is not known yet");
    expect(fake.calls()).toEqual([]);
    const r = await execa('node', [CLI, 'addons', 'render', '--config', c.file, '--state-dir', join(c.dir, 'clusters')], { reject: false });
    expect(r.exitCode).toBe(0);
    expect(String(r.stderr)).toContain('warning: API endpoint not known yet');
  });

  test('--timeout must be whole seconds', async () => {
    const c = testCluster(rawConfig({}));
    const r = await execa('node', [CLI, 'addons', 'apply', '--config', c.file, '--timeout', 'soon'], { reject: false });
    expect(r.exitCode).toBe(2);
    expect(String(r.stderr)).toBe('error: --timeout soon: expected whole seconds between 1 and 86400');
  });
});
