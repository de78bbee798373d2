// Proof that the PKI and the etcd flags work together: a real 3-member etcd cluster on loopback,
// each member started with exactly the flags of ITS rendered static pod (paths remapped into a
// temporary root), spoken to with the flags and files of the rendered kube-apiserver manifest.
// Distinct random 127.x.y.z addresses let this run beside other tests.
import { execa, type ResultPromise } from 'execa';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import { renderBootstrap } from '../../../bootstrap/index.js';
import type { NodeBundle } from '../../../lib/contracts.js';
import { bareMetalCluster, cloudCluster, tempDir, type Cluster } from '../../unit/bootstrap/fixtures.js';
import { layOut, staticPodArgs } from '../../helpers/static-pods.js';
import { etcdBinary, waitFor } from './helpers.js';

jest.setTimeout(120000);
const quiet = { onMessage: () => {} };
const octet = () => 1 + Math.floor(Math.random() * 250);
const net = `127.${octet()}.${octet()}`;
const work = tempDir('ka-etcd-');
const procs: ResultPromise[] = [];
let cluster: Cluster;
let bundles: NodeBundle[];


const flag = (flags: string[], name: string) => flags.find((f) => f.startsWith(`--${name}=`))!.slice(name.length + 3);

beforeAll(async () => {
  const hosts = [
    { name: 'm0', ip: `${net}.10`, roles: ['master'] },
    { name: 'e0', ip: `${net}.11`, roles: ['etcd'] },
    { name: 'e1', ip: `${net}.12`, roles: ['etcd'] },
    { name: 'e2', ip: `${net}.13`, roles: ['etcd'] },
  ];
  cluster = bareMetalCluster(hosts, { network: { nodeCidr: '127.0.0.0/8' } }, work);
  bundles = await renderBootstrap(cluster.config, cluster.inventory, cluster.paths, quiet);
  for (const b of bundles.filter((x) => x.roles.includes('etcd'))) {
    const root = layOut(work, b);
    // The only change to the rendered flags besides paths: the loopback-only metrics listener,
    // 127.0.0.1:2381 on every real node, moves to the member's own address so three fit on one machine.
    const node = cluster.inventory.nodes.find((n) => n.name === b.id)!;
    const flags = staticPodArgs(root, 'etcd.yaml').map((a) => a.replace('http://127.0.0.1:2381', `http://${node.privateIP}:2381`));
    const p = execa(etcdBinary(), flags, { reject: false, all: true, env: { ETCD_UNSUPPORTED_ARCH: process.arch === 'arm64' ? 'arm64' : '' } });
    procs.push(p);
  }
});

afterAll(async () => {
  for (const p of procs) p.kill('SIGTERM');
  await Promise.all(procs.map((p) => p.catch(() => undefined)));
});

function apiServerClient() {
  const root = layOut(work, bundles.find((b) => b.id === 'm0')!);
  const f = staticPodArgs(root, 'kube-apiserver.yaml');
  return { endpoints: flag(f, 'etcd-servers'), cacert: flag(f, 'etcd-cafile'), cert: flag(f, 'etcd-certfile'), key: flag(f, 'etcd-keyfile') };
}

const etcdctl = (args: string[], tls: string[]) =>
  execa('etcdctl', ['--dial-timeout=3s', '--command-timeout=5s', ...tls, ...args], { reject: false, env: { ETCDCTL_API: '3' } });

test("the kube-apiserver's etcd client certificate writes and reads a key on the rendered etcd cluster", async () => {
  const c = apiServerClient();
  expect(c.endpoints.split(',')).toEqual([`https://${net}.11:2379`, `https://${net}.12:2379`, `https://${net}.13:2379`]);
  const tls = [`--endpoints=${c.endpoints}`, `--cacert=${c.cacert}`, `--cert=${c.cert}`, `--key=${c.key}`];
  await waitFor('etcd to accept a write', async () => ((await etcdctl(['put', '/kube-anywhere/proof', 'written-with-the-apiserver-cert'], tls)).exitCode === 0 ? true : undefined), 60000);
  const got = await etcdctl(['get', '/kube-anywhere/proof', '--print-value-only'], tls);
  expect(got.stdout.trim()).toBe('written-with-the-apiserver-cert');
  // All three members joined over peer TLS.
  const members = await etcdctl(['member', 'list', '-w', 'json'], tls);
  expect(JSON.parse(members.stdout).members.map((m: { name: string }) => m.name).sort()).toEqual(['e0', 'e1', 'e2']);
});

test('etcd refuses a client without a certificate', async () => {
  const c = apiServerClient();
  await waitFor('etcd up', async () => ((await etcdctl(['get', 'x'], [`--endpoints=${c.endpoints}`, `--cacert=${c.cacert}`, `--cert=${c.cert}`, `--key=${c.key}`])).exitCode === 0 ? true : undefined), 60000);
  const r = await etcdctl(['put', '/kube-anywhere/anonymous', 'x'], [`--endpoints=${c.endpoints}`, `--cacert=${c.cacert}`]);
  expect(r.exitCode).not.toBe(0);
  expect(r.stderr).toMatch(/context deadline exceeded|bad certificate|certificate required/);
});

test('etcd refuses a client certificate from another CA', async () => {
  const c = apiServerClient();
  const other = cloudCluster({ topology: { masters: 1, workers: 0 } }, tempDir());
  await renderBootstrap(other.config, other.inventory, other.paths, quiet);
  await waitFor('etcd up', async () => ((await etcdctl(['get', 'x'], [`--endpoints=${c.endpoints}`, `--cacert=${c.cacert}`, `--cert=${c.cert}`, `--key=${c.key}`])).exitCode === 0 ? true : undefined), 60000);
  const r = await etcdctl(['put', '/kube-anywhere/intruder', 'x'], [
    `--endpoints=${c.endpoints}`, `--cacert=${c.cacert}`,
    `--cert=${join(other.paths.pki, 'apiserver-etcd-client.crt')}`, `--key=${join(other.paths.pki, 'apiserver-etcd-client.key')}`,
  ]);
  expect(r.exitCode).not.toBe(0);
  expect(r.stderr).toMatch(/context deadline exceeded|bad certificate|unknown certificate authority/);
  // And nothing was written by either refused client.
  const tls = [`--endpoints=${c.endpoints}`, `--cacert=${c.cacert}`, `--cert=${c.cert}`, `--key=${c.key}`];
  expect((await etcdctl(['get', '/kube-anywhere/', '--prefix', '--keys-only'], tls)).stdout).not.toMatch(/intruder|anonymous/);
});
