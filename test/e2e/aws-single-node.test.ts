// `make e2e`, second shape: a single-node cluster (one master, no workers, no load balancer: an
// Elastic IP is the API address) with its terraform state in S3 (the remote backend), against moto.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { jest } from '@jest/globals';
import { packageFile } from '../../lib/paths.js';
import { fakeKubectl } from '../fakes/fake-kubectl-harness.js';
import { awsHelper, findPluginMirror, inspectAws, startMoto, type Moto } from './moto.js';

jest.setTimeout(600_000);

const NAME = 'solo';
const TAG = 'kube-anywhere/cluster';
let moto: Moto;
let dir: string;
let env: Record<string, string>;

beforeAll(async () => {
  moto = await startMoto();
  dir = mkdtempSync(join(tmpdir(), 'ka-e2e-solo-'));
  env = {
    PATH: process.env.PATH ?? '',
    HOME: dir,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    KUBE_ANYWHERE_AWS_ENDPOINT: moto.endpoint,
    // The one switch for emulator-only provider settings; the resources are those real AWS gets.
    KUBE_ANYWHERE_EMULATOR: 'moto',
    KUBE_ANYWHERE_TF_PLUGIN_MIRROR: await findPluginMirror(),
  };
  await awsHelper(moto.endpoint, 'create-bucket=tf-state');
  const image = await awsHelper(moto.endpoint, 'register-image');
  writeFileSync(join(dir, 'cluster.json'), JSON.stringify({
    name: NAME,
    topology: { masters: 1, etcd: { placement: 'colocated', count: 1 }, workers: 0 },
    phase1: { cloudProvider: 'aws', aws: { image }, terraform: { backend: 's3', s3: { bucket: 'tf-state', keyPrefix: 'states' } } },
  }));
});

afterAll(async () => moto?.stop());

const cli = (args: string[]) =>
  execa('node', [packageFile('dist', 'bin', 'kube-anywhere.js'), ...args, '--config', 'cluster.json'], { cwd: dir, env, extendEnv: false, reject: false, stdin: 'ignore' });

const steps = () => Object.keys(JSON.parse(readFileSync(join(dir, 'clusters', NAME, 'state.json'), 'utf8')).steps).sort();

test('deploy --until network stops after the network stack; --until bootstrap after phase 2; no machine made', async () => {
  const net = await cli(['deploy', '--yes', '--until', 'network']);
  expect([net.exitCode, net.stderr]).toEqual([0, '']);
  expect(net.stdout).toMatch(/stopped after network \(--until network\)/);
  expect(steps()).toEqual(['network']);
  expect(existsSync(join(dir, 'clusters', NAME, 'ignition'))).toBe(false);
  const boot = await cli(['deploy', '--yes', '--until', 'bootstrap']);
  expect([boot.exitCode, boot.stderr]).toEqual([0, '']);
  expect(boot.stdout).toMatch(/network on aws.*: unchanged/);
  expect(steps()).toEqual(['bootstrap', 'network']);
  expect(existsSync(join(dir, 'clusters', NAME, 'ignition', 'solo-master-0.ign'))).toBe(true);
  expect((await inspectAws(moto.endpoint)).instances.filter((i) => i.tags[TAG] === NAME)).toEqual([]);
});

test('single node with S3 state: deploy, the Elastic IP is the endpoint and sits on the master; again: nothing changes; destroy: nothing left', async () => {
  const first = await cli(['deploy', '--yes', '--until', 'nodes']);
  expect([first.exitCode, first.stderr]).toEqual([0, '']);
  let aws = await inspectAws(moto.endpoint);
  const [master] = aws.instances.filter((i) => i.tags[TAG] === NAME);
  expect(master.tags.Name).toBe('solo-master-0');
  expect(aws.autoscaling_groups.filter((g) => g.tags[TAG] === NAME)).toEqual([]);
  expect(aws.load_balancers).toEqual([]);
  const [eip] = aws.addresses.filter((a) => a.tags[TAG] === NAME);
  expect(eip.instance).toBe(master.id);
  const inventory = JSON.parse(readFileSync(join(dir, 'clusters', NAME, 'inventory.json'), 'utf8'));
  expect(inventory.apiEndpoint).toEqual({ host: eip.publicIp, port: 6443, provisional: false });
  // Terraform state lives in the bucket, one object per stack; none on local disk.
  const state = aws.buckets.find((b) => b.name === 'tf-state')!;
  expect(state.objects.map((o) => o.key).sort()).toEqual(['states/solo/network.tfstate', 'states/solo/nodes.tfstate']);

  const again = await cli(['deploy', '--yes', '--until', 'nodes']);
  expect([again.exitCode, again.stdout]).toEqual([0, expect.stringMatching(/nothing to change/)]);

  // Phase 3 waits for the API at most --timeout seconds (the emulator has no Kubernetes: a kubectl
  // that is never answered stands in, the FAKE of test/fakes), then fails naming the wait.
  const fakeDir = join(dir, 'fake-kubectl');
  mkdirSync(fakeDir);
  const kubectl = fakeKubectl(fakeDir, { readyAfter: null });
  const t0 = Date.now();
  const waited = await execa('node', [packageFile('dist', 'bin', 'kube-anywhere.js'), 'deploy', '--yes', '--timeout', '3', '--config', 'cluster.json'], {
    cwd: dir, env: { ...env, ...kubectl.env, KUBE_ANYWHERE_POLL_INTERVAL_MS: '200' }, extendEnv: false, reject: false, stdin: 'ignore',
  });
  expect(waited.exitCode).toBe(1);
  expect(waited.stderr).toMatch(/did not answer \/readyz within 3 s/);
  expect(Date.now() - t0).toBeLessThan(60_000);
  expect(steps()).toEqual(['bootstrap', 'network', 'nodes']);

  const gone = await cli(['destroy', '--yes']);
  expect([gone.exitCode, gone.stderr]).toEqual([0, '']);
  aws = await inspectAws(moto.endpoint);
  for (const kind of ['vpcs', 'subnets', 'security_groups', 'instances', 'buckets', 'addresses', 'iam_roles'] as const) {
    expect([kind, (aws[kind] as { tags: Record<string, string> }[]).filter((x) => x.tags[TAG] === NAME)]).toEqual([kind, []]);
  }
});
