// `make e2e`: a local cluster of 3 dedicated etcd machines, 2 masters and 1 worker, deployed offline
// by the real CLI. Etcd machines run etcd as a static pod of a standalone kubelet and are not nodes
// of the cluster. Addresses: masters from 10.0.0.10, etcd members after them, workers from 10.0.128.10.
import { jest } from '@jest/globals';
import { busyboxPod, deployAroundTests, destroyLeavesHostClean, LocalCluster } from './harness.js';

jest.setTimeout(20 * 60_000);

const c = new LocalCluster('le', ['topology.masters=2', 'topology.etcd.placement=dedicated', 'topology.etcd.count=3', 'topology.workers=1']);
const life = deployAroundTests(c);

test('the masters and the worker are Ready nodes; the etcd machines are not nodes', async () => {
  expect(await c.readyNodes()).toEqual(['le-master-0', 'le-master-1', 'le-worker-0']);
  const list = await c.cli(['machines', 'list']);
  expect(list.stdout).toMatch(/^le-etcd-0\s+etcd\s+\S+\s+running$/m);
  expect(list.stdout).toMatch(/^le-etcd-2\s+etcd\s+\S+\s+running$/m);
});

test('an etcd machine powered off: the cluster still writes (quorum 2 of 3) and DNS answers on the worker', async () => {
  const off = await c.cli(['machines', 'stop', 'le-etcd-1', '--hard']);
  expect(off.exitCode).toBe(0);
  const w = await c.until('a write with one etcd member down', async () => {
    const r = await c.kubectl(['create', 'configmap', 'quorum', '--from-literal=k=v', '--request-timeout=5s']);
    return r.exitCode === 0 ? true : undefined;
  }, 60_000);
  expect(w.value).toBe(true);
  const p = await c.runPod(busyboxPod('dns', 'nslookup kubernetes.default.svc.cluster.local 10.96.0.10', { node: 'le-worker-0' }), 'Succeeded');
  expect((await c.kubectl(['logs', p.metadata.name])).stdout).toMatch(/Address:\s+10\.96\.0\.1$/m);
  const on = await c.cli(['machines', 'start', 'le-etcd-1', '--wait', '120']);
  expect(on.exitCode).toBe(0);
});

destroyLeavesHostClean(c, life);
