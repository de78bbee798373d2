// `make e2e`: a local cluster of 3 masters (etcd on each) and 1 worker, deployed offline by the real
// CLI, run by real systemd, containerd, runc and kubelets on systemd-nspawn machines, asked by the
// real kubectl. Names and addresses below are literals from the README's "Try it locally" layout:
// node range 10.0.0.0/16, masters from 10.0.0.10, workers from 10.0.128.10, the load balancer at
// 10.0.0.2, services in 10.96.0.0/12 (kubernetes at .1, DNS at .10).
import { jest } from '@jest/globals';
import { execa } from 'execa';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI } from '../../helpers/cli.js';
import { busyboxPod, deployAroundTests, destroyLeavesHostClean, LocalCluster } from './harness.js';

jest.setTimeout(20 * 60_000);

const c = new LocalCluster('lc', ['topology.masters=3', 'topology.etcd.count=3', 'topology.workers=1']);
const MASTERS = ['lc-master-0', 'lc-master-1', 'lc-master-2'];
const WORKER = 'lc-worker-0';
const life = deployAroundTests(c);

test('every node is Ready; masters carry the control-plane role and mirror etcd and the control plane as static pods', async () => {
  expect(await c.readyNodes()).toEqual([...MASTERS, WORKER]);
  const roles = await c.json<{ items: any[] }>(['get', 'nodes', '-l', 'node-role.kubernetes.io/control-plane']);
  expect(roles.items.map((n) => n.metadata.name).sort()).toEqual(MASTERS);
  // Mirror pods: the kubelet creates each, then reports its phase; a status may lag a few seconds.
  const want = MASTERS.flatMap((m) => ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler'].map((comp) => `${comp}-${m}`));
  const seen = await c.until('every control-plane mirror pod Running', async () => {
    const pods = await c.json<{ items: any[] }>(['get', 'pods', '-n', 'kube-system']);
    const running = want.filter((name) => {
      const p = pods.items.find((x) => x.metadata.name === name);
      return p?.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined && p.status.phase === 'Running';
    });
    return running.length === want.length ? running : undefined;
  }, 60_000);
  expect(seen.value).toEqual(want);
});

test('CoreDNS replicas are on different nodes', async () => {
  const pods = await c.json<{ items: any[] }>(['get', 'pods', '-n', 'kube-system', '-l', 'k8s-app=kube-dns']);
  const nodes = pods.items.filter((p) => !p.metadata.deletionTimestamp).map((p) => p.spec.nodeName);
  expect(nodes).toHaveLength(2);
  expect(new Set(nodes).size).toBe(2);
});

test('the worker joined by TLS bootstrap; kubelets serve 10250 with webhook authentication (anonymous refused)', async () => {
  const csrs = await c.json<{ items: any[] }>(['get', 'csr']);
  const client = csrs.items.filter((x) => x.spec.signerName === 'kubernetes.io/kube-apiserver-client-kubelet');
  const worker = client.find((x) => x.spec.username.startsWith('system:bootstrap:'));
  expect(worker?.status.conditions?.map((x: any) => x.type)).toEqual(['Approved']);
  expect(worker?.status.certificate).toBeTruthy();
  // No credentials: the kubelet asks the API server (webhook) and anonymous is off: 401.
  const anon = await execa('curl', ['-sk', '-o', '/dev/null', '-w', '%{http_code}', 'https://10.0.128.10:10250/pods'], { reject: false });
  expect(anon.stdout).toBe('401');
  // Through the API server (its kubelet client certificate, authorized by the kubelet's webhook).
  const proxied = await c.kubectl(['get', '--raw', `/api/v1/nodes/${WORKER}/proxy/healthz`]);
  expect([proxied.exitCode, proxied.stdout]).toEqual([0, 'ok']);
});

test('a pod on the worker resolves kubernetes.default through CoreDNS', async () => {
  const p = await c.runPod(busyboxPod('dns', 'nslookup kubernetes.default.svc.cluster.local 10.96.0.10', { node: WORKER }), 'Succeeded');
  const logs = await c.kubectl(['logs', p.metadata.name]);
  expect(logs.stdout).toMatch(/Address:\s+10\.96\.0\.1$/m);
});

test('pod to pod across nodes (flannel VXLAN), a ClusterIP Service and a NodePort (kube-proxy), logs and exec', async () => {
  const server = await c.runPod(
    busyboxPod('web', 'mkdir -p /www && echo "hello from $(hostname)" > /www/index.html && echo serving && exec httpd -f -v -p 8080 -h /www', { node: 'lc-master-1', labels: { app: 'web' }, restart: 'Always', port: 8080 }),
    'Running',
  );
  expect(server.spec.nodeName).toBe('lc-master-1');
  const ip = server.status.podIP as string;
  expect(ip).toMatch(/^10\.244\./);
  await c.kubectl(['apply', '-f', '-'], {
    input: JSON.stringify({
      apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' },
      spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080, nodePort: 30080 }] },
    }),
  });
  // The pod IP answers the first request (no retry: flannel's routes were there before either pod).
  // Through the Service the client retries, each try a new connection with a deadline: a connection
  // made before kube-proxy has written the Service's rules keeps a conntrack entry without its
  // translation (measured: 2 of 5 requests made right after creating a Service hung). The deadline
  // is busybox's `timeout`: Debian's busybox-static 1.35 crashes on `wget -T` (docs/local-target.md).
  const client = await c.runPod(busyboxPod('client', `get() { for i in 1 2 3 4 5 6 7 8 9 10; do timeout 5 wget -qO- "$1" 2>/dev/null && return; sleep 2; done; return 1; }; timeout 10 wget -qO- http://${ip}:8080/ && get http://web.default.svc.cluster.local/`, { node: WORKER }), 'Succeeded', 240_000);
  const out = await c.kubectl(['logs', client.metadata.name]);
  expect(out.stdout.trim().split('\n')).toEqual(['hello from web', 'hello from web']);
  // The NodePort on the worker, from the host (on the cluster's bridge).
  const np = await c.until('NodePort 30080 on the worker', async () => {
    const r = await execa('curl', ['-s', '--max-time', '3', 'http://10.0.128.10:30080/'], { reject: false });
    return r.exitCode === 0 ? r.stdout : undefined;
  }, 30_000);
  expect(np.value.trim()).toBe('hello from web');
  const ex = await c.kubectl(['exec', 'web', '--', 'cat', '/www/index.html']);
  expect([ex.exitCode, ex.stdout.trim()]).toEqual([0, 'hello from web']);
  const logs = await c.kubectl(['logs', 'web']);
  expect(logs.stdout.split('\n')[0]).toBe('serving');
});

test('a second deploy with the same config changes nothing (machines, load balancer, addons)', async () => {
  const pidOf = (f: string) => readFileSync(join(c.dir, 'clusters', 'lc', 'local', f), 'utf8').trim();
  const lb = pidOf('haproxy.pid');
  const again = await c.cli(['deploy', '--yes', '--timeout', '600']);
  expect(again.exitCode).toBe(0);
  expect(again.stdout).toContain('cluster "lc": nothing to change');
  // HAProxy kept running: its config and check certificates are the same as the first deploy's.
  expect(pidOf('haproxy.pid')).toBe(lb);
});

test('the addons: a second apply changes nothing; a CNI switch is refused without --force', async () => {
  const versions = async () => {
    const all = await c.json<{ items: any[] }>(['get', 'daemonsets,deployments,configmaps,services,serviceaccounts', '-n', 'kube-system', '-l', 'kube-anywhere.dev/addon']);
    return Object.fromEntries(all.items.map((o) => [`${o.kind}/${o.metadata.name}`, o.metadata.resourceVersion]));
  };
  const first = await versions();
  expect(Object.keys(first)).toEqual(expect.arrayContaining(['DaemonSet/kube-flannel-ds', 'DaemonSet/kube-proxy', 'Deployment/coredns']));
  const again = await c.cli(['addons', 'apply']);
  expect(again.exitCode).toBe(0);
  expect(await versions()).toEqual(first);

  c.edit((x) => (x.phase3.cni.plugin = 'calico'));
  const refused = await c.cli(['addons', 'apply']);
  expect(refused.exitCode).not.toBe(0);
  expect(refused.all).toMatch(/flannel.*calico|calico.*flannel/);
  expect(refused.all).toContain('--force');
  expect(await versions()).toEqual(first);
  c.edit((x) => (x.phase3.cni.plugin = 'flannel'));
});

test('a DNS switch prunes through the ApplySet, both ways', async () => {
  const dnsDeployments = async () => (await c.json<{ items: any[] }>(['get', 'deployments', '-n', 'kube-system', '-l', 'kube-anywhere.dev/addon'])).items.map((d) => d.metadata.name).sort();
  expect(await dnsDeployments()).toEqual(['coredns']);
  c.edit((x) => (x.phase3.dns.provider = 'kube-dns'));
  // kube-dns' images are not built offline (stand-ins.json): its rollout cannot finish here, but the
  // apply has happened and CoreDNS is pruned.
  const toKubeDns = await c.cli(['addons', 'apply', '--timeout', '30']);
  expect(toKubeDns.exitCode).not.toBe(0);
  expect(await dnsDeployments()).toEqual(['kube-dns']);
  c.edit((x) => (x.phase3.dns.provider = 'coredns'));
  const back = await c.cli(['addons', 'apply']);
  expect([back.exitCode, back.all]).toEqual([0, expect.anything()]);
  expect(await dnsDeployments()).toEqual(['coredns']);
  const p = await c.runPod(busyboxPod('dns-again', 'nslookup kubernetes.default.svc.cluster.local 10.96.0.10', { node: WORKER }), 'Succeeded');
  expect((await c.kubectl(['logs', p.metadata.name])).stdout).toMatch(/Address:\s+10\.96\.0\.1$/m);
});

test('calico: a real API server accepts every object kube-anywhere renders for it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ka-calico-'));
  const cli = (args: string[]) => execa('node', [CLI, ...args, '--config', 'calico.json'], { cwd: dir, reject: false, all: true });
  const made = await cli(['config', '--defaults', '--set', 'name=calicocheck', '--set', 'phase3.cni.plugin=calico']);
  expect(made.exitCode).toBe(0);
  expect((await cli(['bootstrap', 'render'])).exitCode).toBe(0); // the node-bootstrap addon carries phase 2's token
  const rendered = await cli(['addons', 'render']);
  expect(rendered.exitCode).toBe(0);
  const addons = join(dir, 'clusters', 'calicocheck', 'addons');
  const files = readdirSync(addons).filter((f) => f.endsWith('.yaml')).sort();
  const crds = files.filter((f) => f.includes('calico-crds'));
  expect(crds).toHaveLength(1);
  // The CRDs for real (custom resources need them established), everything else as a server-side dry run.
  const created = await c.kubectl(['apply', '--server-side', '-f', join(addons, crds[0])]);
  expect([created.exitCode, created.all]).toEqual([0, expect.stringContaining('adminnetworkpolicies.policy.networking.k8s.io serverside-applied')]);
  try {
    await c.kubectl(['wait', '--for=condition=Established', '--timeout=60s', '-f', join(addons, crds[0])]);
    for (const f of files.filter((x) => x !== crds[0])) {
      // As `addons apply` applies (its field manager): kube-proxy and CoreDNS are already applied by it.
      const r = await c.kubectl(['apply', '--server-side', '--field-manager', 'kube-anywhere', '--dry-run=server', '-f', join(addons, f)]);
      expect([f, r.exitCode, r.stderr]).toEqual([f, 0, '']);
    }
  } finally {
    await c.kubectl(['delete', '-f', join(addons, crds[0]), '--wait=false']);
  }
});

test('a master powered off: the API answers through the load balancer, etcd keeps quorum, leases move; powered on: it rejoins', async () => {
  const holder = async (lease: string) => (await c.json(['get', 'lease', '-n', 'kube-system', lease])).spec.holderIdentity as string;
  const victim = (await holder('kube-controller-manager')).split('_')[0];
  expect(MASTERS).toContain(victim);
  const off = await c.cli(['machines', 'stop', victim, '--hard']);
  expect(off.exitCode).toBe(0);
  // Writes need etcd quorum (2 of 3).
  const write = await c.until('a write through the load balancer', async () => {
    const r = await c.kubectl(['create', 'configmap', 'quorum', '--from-literal=k=v', '--request-timeout=5s']);
    return r.exitCode === 0 ? true : undefined;
  }, 60_000);
  expect(write.value).toBe(true);
  const moved = await c.until('the controller-manager lease to move', async () => {
    const h = (await holder('kube-controller-manager')).split('_')[0];
    return h !== victim ? h : undefined;
  }, 120_000);
  expect(MASTERS.filter((m) => m !== victim)).toContain(moved.value);

  const poweredOn = Date.now();
  const on = await c.cli(['machines', 'start', victim, '--wait', '120']);
  expect(on.exitCode).toBe(0);
  const back = await c.until(`${victim} Ready again`, async () => {
    // Its kubelet renewed its node lease after the power-on, and reports Ready.
    const lease = await c.json(['get', 'lease', '-n', 'kube-node-lease', victim]);
    const n = await c.json(['get', 'node', victim]);
    const ready = n.status.conditions.find((x: any) => x.type === 'Ready');
    return Date.parse(lease.spec.renewTime) > poweredOn && ready.status === 'True' ? true : undefined;
  }, 240_000);
  process.stdout.write(`${victim}: Ready ${back.seconds} s after power-on\n`);
  expect(await c.readyNodes()).toEqual([...MASTERS, WORKER]);
  // The load balancer sends clients only to masters whose /readyz answers (docs/local-target.md):
  // at once, every request of two rounds over the three masters is answered.
  const answers: string[] = [];
  for (let i = 0; i < 6; i++) answers.push((await c.kubectl(['get', '--raw', '/readyz'])).stdout);
  expect(answers).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'ok']);
});

destroyLeavesHostClean(c, life);
