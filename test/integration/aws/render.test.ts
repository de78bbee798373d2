// `kube-anywhere render` through the real CLI: no credentials, no network. The synthesized stacks
// are then checked by the real terraform (init from the provider mirror, validate: both offline).
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { jest } from '@jest/globals';
import { packageFile } from '../../../lib/paths.js';
import { findPluginMirror } from '../../e2e/moto.js';

jest.setTimeout(120_000);

function setup(config: unknown) {
  const dir = mkdtempSync(join(tmpdir(), 'ka-render-'));
  writeFileSync(join(dir, 'cluster.json'), JSON.stringify(config));
  return dir;
}

async function render(dir: string, env: Record<string, string> = {}) {
  return execa('node', [packageFile('dist', 'bin', 'kube-anywhere.js'), 'render', '--config', 'cluster.json', ...(env.JSON ? ['-o', 'json'] : [])], {
    cwd: dir,
    // No AWS credentials and no endpoint: render must not need them.
    env: { PATH: process.env.PATH ?? '', HOME: dir },
    extendEnv: false,
    reject: false,
  });
}

test('an AWS config: both stacks, phase 2 and phase 3 files, a provisional endpoint said so; terraform validates both stacks', async () => {
  const dir = setup({ name: 'rnd', topology: { masters: 3, etcd: { placement: 'dedicated', count: 3 }, workers: 4 }, phase1: { cloudProvider: 'aws' } });
  const r = await render(dir);
  expect(r.exitCode).toBe(0);
  expect(r.stderr).toMatch(/note: the network stack has not been applied: the API endpoint is the provisional api\.provisional\.invalid/);
  const root = join(dir, 'clusters', 'rnd');
  for (const f of ['terraform/network/cdk.tf.json', 'terraform/nodes/cdk.tf.json', 'ignition/rnd-master-0.ign', 'ignition/rnd-etcd-2.pointer.ign', 'ignition/worker.ign']) {
    expect([f, existsSync(join(root, f))]).toEqual([f, true]);
  }
  expect(r.stdout).toMatch(/^phase 3: clusters\/rnd\/addons\/\d\d-[a-z-]+\.yaml$/m);
  expect(existsSync(join(root, 'state.json'))).toBe(false); // render deploys nothing

  const mirror = await findPluginMirror();
  const rc = join(dir, 'terraformrc');
  writeFileSync(rc, `provider_installation {\n  filesystem_mirror {\n    path = ${JSON.stringify(mirror)}\n  }\n}\n`);
  for (const stack of ['network', 'nodes']) {
    const cwd = join(root, 'terraform', stack);
    const env = { PATH: process.env.PATH ?? '', HOME: dir, TF_CLI_CONFIG_FILE: rc, CHECKPOINT_DISABLE: '1' };
    const init = await execa('terraform', ['init', '-input=false', '-no-color', '-backend=false'], { cwd, env, extendEnv: false, reject: false });
    expect([stack, init.exitCode, init.stderr]).toEqual([stack, 0, '']);
    const v = await execa('terraform', ['validate', '-no-color', '-json'], { cwd, env, extendEnv: false, reject: false });
    expect([stack, JSON.parse(v.stdout).valid, JSON.parse(v.stdout).diagnostics]).toEqual([stack, true, []]);
  }
  // The Flatcar lookup is in the nodes stack when no image is set.
  const nodes = JSON.parse(readFileSync(join(root, 'terraform/nodes/cdk.tf.json'), 'utf8'));
  expect(Object.keys(nodes.data.aws_ami)).toHaveLength(1);
});

test('bare metal: phases 2 and 3 only, no terraform', async () => {
  const dir = setup(JSON.parse(readFileSync(packageFile('examples', 'baremetal.json'), 'utf8')));
  const r = await render(dir);
  expect([r.exitCode, r.stderr]).toEqual([0, '']);
  expect(r.stdout).not.toMatch(/phase 1/);
  expect(r.stdout).toMatch(/phase 2: clusters\/lab\/ignition\/m1\.ign/);
  expect(r.stdout).toMatch(/phase 3: clusters\/lab\/addons\//);
  expect(existsSync(join(dir, 'clusters', 'lab', 'terraform'))).toBe(false);
});

test('render --output json: machine-readable, with provisional flagged', async () => {
  const dir = setup({ name: 'rj', phase1: { cloudProvider: 'aws' } });
  const r = await render(dir, { JSON: '1' });
  expect(r.exitCode).toBe(0);
  const out = JSON.parse(r.stdout);
  expect(out).toMatchObject({ cluster: 'rj', provisional: true });
  expect(out.files.filter((f: { phase: number }) => f.phase === 1)).toHaveLength(2);
});
