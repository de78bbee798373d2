// `destroy` in this process (phases/destroy.ts's destroyCommand), with the real terraform: its guards
// word for word, the order it destroys stacks in, what it records and prints. The stacks hold
// terraform's built-in terraform_data resource (no provider, no cloud), applied for real by each test
// itself, so mutation testing can run only the tests that reach a mutant (the CLI tests in
// destroy-flow.test.ts and destroy-guards.test.ts run destroy in child processes, where per-test
// coverage cannot see it). Expectations are the README's promises: nodes go before the network they
// sit in, nothing is touched when a guard refuses, pki/ stays unless --purge.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import { UserError } from '../../../lib/errors.js';
import { destroyCommand, type DestroyOptions } from '../../../phases/destroy.js';
import { hashOf } from '../../../phases/state.js';
import { tempDir } from '../../helpers/cli.js';

jest.setTimeout(60_000);

type Stack = 'network' | 'nodes';
const stackText = (stack: Stack, extra = '') =>
  JSON.stringify({ terraform: { backend: { local: { path: 'terraform.tfstate' } } }, resource: { terraform_data: { [`${stack}${extra}`]: { input: stack } } } });

/**
 * A cluster "guard" on AWS with the given stacks applied for real (terraform init + apply), and the
 * given steps recorded in state.json (the stacks' hashes as deploy records them).
 */
function cluster(opts: { applied?: Stack[]; recorded?: string[]; config?: Record<string, unknown>; stateCluster?: string } = {}) {
  const dir = tempDir('ka-destroy-');
  const config = join(dir, 'cluster.json');
  writeFileSync(config, JSON.stringify(opts.config ?? { name: 'guard', topology: { workers: 0 } }));
  const root = join(dir, 'clusters', 'guard');
  mkdirSync(join(root, 'pki'), { recursive: true, mode: 0o700 });
  writeFileSync(join(root, 'pki', 'ca.crt'), 'kept unless --purge\n');
  const stackDir = (s: Stack) => join(root, 'terraform', s);
  for (const s of opts.applied ?? []) {
    mkdirSync(stackDir(s), { recursive: true });
    writeFileSync(join(stackDir(s), 'cdk.tf.json'), stackText(s));
    const tf = (...args: string[]) => execFileSync('terraform', args, { cwd: stackDir(s), env: { PATH: process.env.PATH ?? '', HOME: dir, CHECKPOINT_DISABLE: '1' }, stdio: 'pipe' });
    tf('init', '-input=false', '-no-color');
    tf('apply', '-input=false', '-no-color', '-auto-approve');
  }
  const recorded = opts.recorded ?? opts.applied ?? [];
  if (recorded.length) {
    const steps = Object.fromEntries(recorded.map((s) => [s, { hash: s === 'network' || s === 'nodes' ? hashOf(Buffer.from(stackText(s))) : 'h', at: '2026-12-02T00:00:00.000Z' }]));
    writeFileSync(join(root, 'state.json'), JSON.stringify({ version: 1, cluster: opts.stateCluster ?? 'guard', cloud: 'aws', steps }));
  }
  const resources = (s: Stack) => (JSON.parse(readFileSync(join(stackDir(s), 'terraform.tfstate'), 'utf8')).resources as unknown[]).length;
  const steps = () => Object.keys(JSON.parse(readFileSync(join(root, 'state.json'), 'utf8')).steps).sort();
  const stackFile = (s: Stack) => join(stackDir(s), 'cdk.tf.json');
  return { dir, root, config, stackDir, stackFile, resources, steps, stateFile: join(root, 'state.json') };
}

const ENV = { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_PROFILE: undefined };
const saved: Record<string, string | undefined> = {};
let stdout: string;
beforeEach(() => {
  for (const [k, v] of Object.entries(ENV)) {
    saved[k] = process.env[k];
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  stdout = '';
  jest.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => ((stdout += String(s)), true));
});
afterEach(() => {
  jest.restoreAllMocks();
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

const run = (c: { config: string; dir: string }, o: Partial<DestroyOptions> = {}) =>
  destroyCommand({ config: c.config, stateDir: join(c.dir, 'clusters'), output: 'json', yes: true, ...o });
async function refusal(p: Promise<unknown>): Promise<[string, number]> {
  try {
    await p;
  } catch (e) {
    if (e instanceof UserError) return [e.message, e.exitCode];
    throw e;
  }
  throw new Error('destroy went ahead');
}

test('both stacks: nodes first, then the network; their steps forgotten; pki/ kept; JSON names what went', async () => {
  const c = cluster({ applied: ['network', 'nodes'], recorded: ['network', 'bootstrap', 'nodes', 'addons'] });
  expect(await run(c)).toBe(0);
  expect([c.resources('network'), c.resources('nodes')]).toEqual([0, 0]);
  expect(c.steps()).toEqual([]);
  expect(JSON.parse(stdout)).toEqual({ cluster: 'guard', destroyed: ['nodes', 'network'], purged: false });
  expect(stdout).toBe(`${JSON.stringify({ cluster: 'guard', destroyed: ['nodes', 'network'], purged: false }, null, 2)}\n`);
  expect(readFileSync(join(c.root, 'pki', 'ca.crt'), 'utf8')).toBe('kept unless --purge\n');
  // Each stack's terraform destroy ran, logged under logs/.
  expect(['network', 'nodes'].map((s) => existsSync(join(c.root, 'logs', `${s}-destroy.log`)))).toEqual([true, true]);
});

test('the network stack alone: its steps (network, bootstrap) forgotten, the others kept; text output names the kept PKI', async () => {
  const c = cluster({ applied: ['network'], recorded: ['network', 'bootstrap'] });
  const state = JSON.parse(readFileSync(c.stateFile, 'utf8'));
  writeFileSync(c.stateFile, JSON.stringify({ ...state, steps: { ...state.steps, addons: { hash: 'h', at: 'x' } } }));
  expect(await run(c, { output: 'text' })).toBe(0);
  expect(c.resources('network')).toBe(0);
  expect(c.steps()).toEqual(['addons']);
  expect(stdout.endsWith(`cluster "guard" destroyed; PKI kept in ${join(c.root, 'pki')}\n`)).toBe(true);
  expect(stdout).toContain('local files: PKI kept (use --purge to remove it)');
  // The steps as listr2's plain renderer shows them, with terraform's progress lines in between.
  expect(stdout).toContain('network stack: terraform destroy\n');
  expect(stdout).toContain('terraform_data.network: Destruction complete after');
});

test('the nodes stack alone: its steps (nodes, addons) forgotten, the network\'s kept', async () => {
  const c = cluster({ applied: ['nodes'], recorded: ['network', 'bootstrap', 'nodes', 'addons'] });
  mkdirSync(c.stackDir('network'), { recursive: true });
  rmSync(c.stateFile);
  const steps = { nodes: { hash: hashOf(Buffer.from(stackText('nodes'))), at: 'x' }, bootstrap: { hash: 'h', at: 'x' } };
  writeFileSync(c.stateFile, JSON.stringify({ version: 1, cluster: 'guard', cloud: 'aws', steps }));
  expect(await run(c)).toBe(0);
  expect(c.steps()).toEqual(['bootstrap']);
  expect(JSON.parse(stdout).destroyed).toEqual(['nodes']);
});

test('--purge: the cluster directory goes, pki/ included; text output says destroyed, nothing kept', async () => {
  const c = cluster({ applied: ['network'] });
  expect(await run(c, { purge: true, output: 'text' })).toBe(0);
  expect(existsSync(c.root)).toBe(false);
  expect(stdout.endsWith('cluster "guard" destroyed\n')).toBe(true);
  expect(stdout).toContain('local files: removing the PKI, configs and state (--purge)');
  const j = cluster({ applied: ['network'] });
  stdout = '';
  expect(await run(j, { purge: true })).toBe(0);
  expect(JSON.parse(stdout)).toEqual({ cluster: 'guard', destroyed: ['network'], purged: true });
});

test('an interrupted first apply (terraform state, no deploy recorded) is destroyed too', async () => {
  const c = cluster({ applied: ['network'], recorded: [] });
  expect(await run(c)).toBe(0);
  expect(c.resources('network')).toBe(0);
  expect(JSON.parse(stdout).destroyed).toEqual(['network']);
});

test('a remote backend cannot be counted from here: its stack is destroyed (terraform decides), not skipped', async () => {
  const c = cluster({ recorded: [] });
  mkdirSync(c.stackDir('network'), { recursive: true });
  writeFileSync(c.stackFile('network'), JSON.stringify({ terraform: { backend: { s3: { bucket: 'b', key: 'k', region: 'us-east-1' } } } }));
  // terraform init against S3 fails here (no such bucket, no network): proof that destroy went on to terraform.
  const [msg] = await refusal(run(c));
  expect(msg).toBe('error: terraform init of the network stack failed (exit 1); terraform state is kept, a re-run continues from here');
});

test('a recorded stack whose local terraform state is empty still goes to terraform (the record wins), network or nodes alone', async () => {
  for (const stack of ['network', 'nodes'] as Stack[]) {
    const c = cluster({ recorded: [stack] });
    mkdirSync(c.stackDir(stack), { recursive: true });
    writeFileSync(c.stackFile(stack), stackText(stack));
    writeFileSync(join(c.stackDir(stack), 'terraform.tfstate'), JSON.stringify({ version: 4, terraform_version: '1.11.4', serial: 1, lineage: 'x', outputs: {}, resources: [] }));
    stdout = '';
    expect([stack, await run(c)]).toEqual([stack, 0]);
    expect([stack, JSON.parse(stdout).destroyed, c.steps()]).toEqual([stack, [stack], []]);
  }
});

test('nothing deployed: refused, naming the state file', async () => {
  const c = cluster();
  expect(await refusal(run(c))).toEqual([`error: cluster "guard" has nothing deployed (no deploy recorded in ${c.stateFile}); nothing was touched`, 2]);
  // A stack file whose local state is empty is nothing deployed either.
  mkdirSync(c.stackDir('network'), { recursive: true });
  writeFileSync(c.stackFile('network'), stackText('network'));
  writeFileSync(join(c.stackDir('network'), 'terraform.tfstate'), JSON.stringify({ resources: [] }));
  expect(await refusal(run(c))).toEqual([`error: cluster "guard" has nothing deployed (no deploy recorded in ${c.stateFile}); nothing was touched`, 2]);
  // So is a state file with only later steps recorded.
  writeFileSync(c.stateFile, JSON.stringify({ version: 1, cluster: 'guard', cloud: 'aws', steps: { addons: { hash: 'h', at: 'x' } } }));
  expect((await refusal(run(c)))[0]).toContain('has nothing deployed');
});

test('bare metal: nothing of ours to destroy', async () => {
  const c = cluster({
    config: { name: 'guard', topology: { workers: 0 }, network: { nodeCidr: '192.168.10.0/24' }, phase1: { cloudProvider: 'baremetal', baremetal: { hosts: [{ name: 'm0', ip: '192.168.10.10', roles: ['master', 'etcd'] }] } } },
  });
  expect(await refusal(run(c))).toEqual([`error: ${c.config}: phase1.cloudProvider is "baremetal": kube-anywhere created no machines to destroy; wipe the hosts yourself`, 2]);
});

const CHANGED_TAIL =
  'Destroying with them could miss resources. Put back the config that was deployed and run `kube-anywhere render`, or apply the current one with `kube-anywhere deploy`, then destroy; ' +
  '--force destroys with the files as they are. Nothing was touched.';

test('a stack file rewritten since deploy: refused (one file, two files), nothing destroyed; --force destroys it as it is', async () => {
  const c = cluster({ applied: ['network', 'nodes'] });
  writeFileSync(c.stackFile('nodes'), stackText('nodes', '-changed'));
  expect(await refusal(run(c))).toEqual([
    `error: ${c.stackFile('nodes')} no longer matches what deploy applied (the config changed, and a render or deploy rewrote it). ${CHANGED_TAIL}`, 2,
  ]);
  writeFileSync(c.stackFile('network'), stackText('network', '-changed'));
  expect(await refusal(run(c))).toEqual([
    `error: ${c.stackFile('network')}, ${c.stackFile('nodes')} no longer match what deploy applied (the config changed, and a render or deploy rewrote them). ${CHANGED_TAIL}`, 2,
  ]);
  expect([c.resources('network'), c.resources('nodes'), c.steps()]).toEqual([1, 1, ['network', 'nodes']]);
  expect(await run(c, { force: true })).toBe(0);
  expect(JSON.parse(stdout).destroyed).toEqual(['nodes', 'network']);
  expect(c.steps()).toEqual([]);
});

test('a recorded stack whose file is gone: refused (one, both), even with --purge and --force; leftover terraform state counts too', async () => {
  const c = cluster({ applied: ['network', 'nodes'] });
  rmSync(c.stackFile('nodes'));
  const tail = 'terraform cannot destroy without it. Run `kube-anywhere render` with the config that was deployed to write it again. Nothing was touched.';
  expect(await refusal(run(c, { purge: true, force: true }))).toEqual([`error: ${c.stackFile('nodes')} is missing, but a deploy recorded that stack: ${tail}`, 2]);
  rmSync(c.stackFile('network'));
  expect(await refusal(run(c))).toEqual([`error: ${c.stackFile('network')}, ${c.stackFile('nodes')} are missing, but a deploy recorded those stacks: ${tail}`, 2]);
  expect(existsSync(join(c.root, 'pki', 'ca.crt'))).toBe(true);
  // No state.json, but terraform state with resources left in the stack's directory.
  rmSync(c.stateFile);
  expect(await refusal(run(c))).toEqual([`error: ${c.stackFile('network')}, ${c.stackFile('nodes')} are missing, but a deploy recorded those stacks: ${tail}`, 2]);
  expect([c.resources('network'), c.resources('nodes')]).toEqual([1, 1]);
});

test('without --yes and without a terminal: refused before terraform, naming the cluster', async () => {
  const c = cluster({ applied: ['network'] });
  const tty = Object.getOwnPropertyDescriptor(process.stdin, 'isTTY');
  Object.defineProperty(process.stdin, 'isTTY', { value: undefined, configurable: true });
  try {
    expect(await refusal(run(c, { yes: false }))).toEqual(['error: destroy deletes every resource of cluster "guard"; confirm with --yes when not at a terminal. Nothing was touched.', 2]);
  } finally {
    if (tty) Object.defineProperty(process.stdin, 'isTTY', tty);
    else delete (process.stdin as { isTTY?: boolean }).isTTY;
  }
  expect(c.resources('network')).toBe(1);
});

test('another cluster\'s state.json is refused', async () => {
  const c = cluster({ applied: ['network'], stateCluster: 'other' });
  const [msg, code] = await refusal(run(c));
  expect([msg.startsWith(`error: ${c.stateFile} records cluster "other" on aws, but the config says "guard" on aws.`), code]).toEqual([true, 2]);
  expect(c.resources('network')).toBe(1);
});
