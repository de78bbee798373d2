// `destroy` as the README promises it, with the real CLI, the real terraform and a real terminal
// (tmux): it asks for the typed cluster name, refuses without a terminal and without --yes, goes on
// with --force over a changed stack file, removes pki/ only with --purge, and refuses another
// cluster's state.json. The "deployed" stack holds terraform's built-in terraform_data resource,
// applied for real, so terraform destroy really runs and its state really empties (no cloud needed).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import { hashOf } from '../../../phases/state.js';
import { CLI, runCli, tempDir } from '../../helpers/cli.js';
import { TmuxSession } from '../../helpers/tmux.js';

jest.setTimeout(120_000);

const CREDS = { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' };
let session: TmuxSession | undefined;
afterEach(() => session?.kill());

/** A cluster "guard" whose network stack terraform has really applied, recorded in state.json. */
function deployed(cluster = 'guard') {
  const dir = tempDir('ka-destroy-');
  const config = join(dir, 'cluster.json');
  writeFileSync(config, JSON.stringify({ name: 'guard', topology: { workers: 0 } }));
  const root = join(dir, 'clusters', 'guard');
  const stackDir = join(root, 'terraform', 'network');
  mkdirSync(stackDir, { recursive: true });
  mkdirSync(join(root, 'pki'), { recursive: true, mode: 0o700 });
  writeFileSync(join(root, 'pki', 'ca.crt'), 'kept unless --purge\n');
  const text = JSON.stringify({ terraform: { backend: { local: { path: 'terraform.tfstate' } } }, resource: { terraform_data: { marker: { input: 'guard' } } } });
  writeFileSync(join(stackDir, 'cdk.tf.json'), text);
  const tf = (...args: string[]) => execFileSync('terraform', args, { cwd: stackDir, env: { PATH: process.env.PATH ?? '', HOME: dir, CHECKPOINT_DISABLE: '1' }, stdio: 'pipe' });
  tf('init', '-input=false', '-no-color');
  tf('apply', '-input=false', '-no-color', '-auto-approve');
  const state = { version: 1, cluster, cloud: 'aws', steps: { network: { hash: hashOf(Buffer.from(text)), at: new Date().toISOString() } } };
  writeFileSync(join(root, 'state.json'), JSON.stringify(state));
  const args = ['--config', config, '--state-dir', join(dir, 'clusters')];
  const resources = () => (JSON.parse(readFileSync(join(stackDir, 'terraform.tfstate'), 'utf8')).resources as unknown[]).length;
  return { dir, root, stackDir, args, resources, cli: (a: string[]) => runCli([...a, ...args], { cwd: dir, env: { ...CREDS, HOME: dir } }) };
}

test('without a terminal and without --yes: refused, nothing destroyed', async () => {
  const c = deployed();
  const r = await c.cli(['destroy']);
  expect([r.exitCode, String(r.stderr).trim()]).toEqual([2, 'error: destroy deletes every resource of cluster "guard"; confirm with --yes when not at a terminal. Nothing was touched.']);
  expect(c.resources()).toBe(1);
});

test('at a terminal: a wrong name destroys nothing; the typed cluster name destroys the stack and keeps pki/', async () => {
  const c = deployed();
  const command = `cd ${c.dir} && env AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test HOME=${c.dir} node ${CLI} destroy ${c.args.join(' ')}`;
  const wrong = (session = new TmuxSession(command));
  await wrong.prompt('This destroys cluster "guard" on aws. Type its name to confirm:');
  wrong.type('gaurd');
  wrong.keys('Enter');
  expect(await wrong.waitFor(/EXIT=\d+/)).toMatch(/"gaurd" is not "guard": nothing was destroyed[\s\S]*EXIT=2/);
  wrong.kill();
  expect(c.resources()).toBe(1);

  const right = (session = new TmuxSession(command));
  await right.prompt('This destroys cluster "guard" on aws. Type its name to confirm:');
  right.type('guard');
  right.keys('Enter');
  expect(await right.waitFor(/EXIT=\d+/, 60_000)).toMatch(/cluster "guard" destroyed; PKI kept in [\s\S]*EXIT=0/);
  expect(c.resources()).toBe(0);
  expect(readFileSync(join(c.root, 'pki', 'ca.crt'), 'utf8')).toBe('kept unless --purge\n');
  expect(JSON.parse(readFileSync(join(c.root, 'state.json'), 'utf8')).steps).toEqual({});
});

test('--yes --purge: the stack destroyed and the whole cluster directory, pki/ included, removed', async () => {
  const c = deployed();
  const r = await c.cli(['destroy', '--yes', '--purge']);
  expect([r.exitCode, r.stderr]).toEqual([0, '']);
  expect(r.stdout).toMatch(/cluster "guard" destroyed$/);
  expect(existsSync(join(c.root, 'pki'))).toBe(false);
  expect(existsSync(c.root)).toBe(false);
});

test('--force: a stack file changed since deploy is destroyed as it is (without --force: refused)', async () => {
  const c = deployed();
  const changed = JSON.stringify({ terraform: { backend: { local: { path: 'terraform.tfstate' } } }, resource: { terraform_data: { marker: { input: 'guard' } } }, output: { x: { value: 1 } } });
  writeFileSync(join(c.stackDir, 'cdk.tf.json'), changed);
  const refused = await c.cli(['destroy', '--yes']);
  expect(refused.exitCode).toBe(2);
  expect(refused.stderr).toContain('no longer matches what deploy applied');
  expect(c.resources()).toBe(1);
  const forced = await c.cli(['destroy', '--yes', '--force']);
  expect([forced.exitCode, forced.stderr]).toEqual([0, '']);
  expect(c.resources()).toBe(0);
});

test("another cluster's state.json is refused, naming both clusters; nothing destroyed", async () => {
  const c = deployed('other');
  const r = await c.cli(['destroy', '--yes']);
  expect(r.exitCode).toBe(2);
  expect(r.stderr).toContain('records cluster "other" on aws, but the config says "guard" on aws');
  expect(c.resources()).toBe(1);
});
