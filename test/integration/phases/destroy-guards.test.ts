// destroy must never report success while leaving machines behind, and deploy must not create
// billable resources unasked. These guards act before terraform or credentials: the real CLI runs.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Terraform } from '../../../lib/terraform.js';
import { hashOf } from '../../../phases/state.js';
import { runCli, tempDir } from '../../helpers/cli.js';

/** A cluster dir as a deploy of `examples/single-node.json`-like config leaves it, by hand. */
function deployed(stackJson = { terraform: { backend: { local: { path: 'terraform.tfstate' } } }, resource: {} }) {
  const dir = tempDir();
  const config = join(dir, 'cluster.json');
  writeFileSync(config, JSON.stringify({ name: 'guard', topology: { workers: 0 } }));
  const root = join(dir, 'clusters', 'guard');
  const stackDir = join(root, 'terraform', 'network');
  mkdirSync(stackDir, { recursive: true });
  const text = JSON.stringify(stackJson);
  writeFileSync(join(stackDir, 'cdk.tf.json'), text);
  writeFileSync(join(stackDir, 'terraform.tfstate'), JSON.stringify({ resources: [{ type: 'aws_vpc' }] }));
  const state = { version: 1, cluster: 'guard', cloud: 'aws', steps: { network: { hash: hashOf(Buffer.from(text)), at: new Date().toISOString() } } };
  writeFileSync(join(root, 'state.json'), JSON.stringify(state));
  const cli = (args: string[]) => runCli([...args, '--config', config, '--state-dir', join(dir, 'clusters')], { env: { AWS_ACCESS_KEY_ID: '', AWS_PROFILE: '' } });
  return { dir, root, stackDir, config, cli };
}

test('destroy refuses when a stack file no longer matches what deploy applied (a render after a config change)', async () => {
  const c = deployed();
  writeFileSync(join(c.stackDir, 'cdk.tf.json'), JSON.stringify({ provider: { aws: [{ region: 'us-west-2' }] } }));
  const r = await c.cli(['destroy', '--yes']);
  expect(r.exitCode).toBe(2);
  expect(r.stderr).toContain('no longer matches what deploy applied');
  expect(r.stderr).toContain('--force');
  expect(JSON.parse(readFileSync(join(c.root, 'state.json'), 'utf8')).steps.network).toBeDefined(); // nothing forgotten
});

test('destroy refuses when a recorded stack has lost its cdk.tf.json, even with --purge', async () => {
  const c = deployed();
  rmSync(join(c.stackDir, 'cdk.tf.json'));
  const r = await c.cli(['destroy', '--yes', '--purge']);
  expect(r.exitCode).toBe(2);
  expect(r.stderr).toContain('terraform cannot destroy without it');
  expect(existsSync(join(c.stackDir, 'terraform.tfstate'))).toBe(true); // --purge did not run
});

test('a state file of another cloud or cluster is refused, not reused', async () => {
  const c = deployed();
  const state = JSON.parse(readFileSync(join(c.root, 'state.json'), 'utf8'));
  writeFileSync(join(c.root, 'state.json'), JSON.stringify({ ...state, cloud: 'gcp' }));
  const r = await c.cli(['destroy', '--yes']);
  expect(r.exitCode).toBe(2);
  expect(r.stderr).toContain('records cluster "guard" on gcp, but the config says "guard" on aws');
});

test('deploy without a terminal and without --yes refuses, touching nothing', async () => {
  const dir = tempDir();
  const config = join(dir, 'cluster.json');
  writeFileSync(config, JSON.stringify({ name: 'guard', topology: { workers: 0 } }));
  const r = await runCli(['deploy', '--config', config, '--state-dir', join(dir, 'clusters')], {
    env: { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' },
  });
  expect(r.exitCode).toBe(2);
  expect(r.stderr).toContain('confirm with --yes');
  expect(existsSync(join(dir, 'clusters', 'guard', 'terraform'))).toBe(false);
});

test('a remote backend\'s leftovers cannot be counted from here: undefined, so destroy goes on to terraform', () => {
  const local = deployed();
  expect(Terraform.localStateResourceCount(local.stackDir)).toBe(1);
  const remote = deployed({ terraform: { backend: { s3: { bucket: 'b', key: 'k' } } }, resource: {} } as never);
  expect(Terraform.localStateResourceCount(remote.stackDir)).toBeUndefined();
});
