// The local target refuses, before it makes anything, what this host cannot do: not root, a node
// range the host already routes, offline without artifacts. Real CLI, real `ip`, real setpriv.
import { chmodSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import { execa } from 'execa';
import { CLI, runCli, tempDir } from '../../helpers/cli.js';
import { loadConfig } from '../../../config-schema/load.js';
import { clusterPaths } from '../../../lib/paths.js';
import { localLayout } from '../../../providers/local/layout.js';

jest.setTimeout(60_000);
const isRoot = process.getuid?.() === 0;

async function localConfig(dir: string, sets: string[]): Promise<void> {
  const r = await runCli(['config', '--config', join(dir, 'c.json'), '--defaults', '--set', 'name=pf', '--set', 'phase1.cloudProvider=local', ...sets.flatMap((s) => ['--set', s])]);
  expect(r.exitCode).toBe(0);
}

const netnsCount = async () => (await execa('ip', ['netns', 'list'])).stdout.split('\n').filter(Boolean).length;

(isRoot ? test : test.skip)('not root: refused with the reason, nothing made', async () => {
  const dir = tempDir();
  chmodSync(dir, 0o755);
  await localConfig(dir, []);
  chmodSync(join(dir, 'c.json'), 0o644);
  const r = await execa('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', 'node', CLI, 'deploy', '--config', 'c.json', '--yes'], { cwd: dir, reject: false, stdin: 'ignore' });
  expect(r.exitCode).toBe(2);
  expect(r.stderr).toContain('phase1.cloudProvider "local" needs root');
  expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  expect(existsSync(join(dir, 'clusters', 'pf', 'local'))).toBe(false);
});

(isRoot ? test : test.skip)('a node range this host already routes: refused, naming the range, the route and the interface', async () => {
  const dir = tempDir();
  // The host's own network (192.0.2.0/24 on eth0 on the test machines; read it, do not assume it).
  const routes = JSON.parse((await execa('ip', ['-j', 'route'])).stdout) as { dst: string; dev: string }[];
  const taken = routes.find((x) => /^\d+\.\d+\.\d+\.\d+\/\d+$/.test(x.dst) && !x.dst.startsWith('127.'))!;
  await localConfig(dir, [`network.nodeCidr=${taken.dst}`]);
  const before = await netnsCount();
  const r = await runCli(['deploy', '--config', 'c.json', '--yes'], { cwd: dir });
  expect(r.exitCode).toBe(2);
  expect(r.stderr).toContain(`network.nodeCidr ${taken.dst} overlaps ${taken.dst} on this host's interface ${taken.dev}`);
  expect(await netnsCount()).toBe(before);
});

(isRoot ? test : test.skip)('offline without artifacts: refused, naming the directory and the command that builds them', async () => {
  const dir = tempDir();
  const artifacts = join(dir, 'no-artifacts');
  await localConfig(dir, ['phase1.local.offline=true', `phase1.local.artifactsDir=${artifacts}`]);
  const r = await runCli(['deploy', '--config', 'c.json', '--yes'], { cwd: dir });
  expect(r.exitCode).toBe(2);
  expect(r.stderr).toContain(`${artifacts} holds no complete offline artifacts`);
  expect(r.stderr).toContain('make offline-artifacts VERSION=1.37.2');
  expect(existsSync(join(dir, 'clusters', 'pf', 'local', 'record.json'))).toBe(false);
});

(isRoot ? test : test.skip)('a cluster of the same name deployed from another directory: refused, its bridge left alone', async () => {
  const dir = tempDir();
  await localConfig(dir, []);
  // The other cluster's bridge, named as the layout names it (a hash of the cluster name).
  const { config } = await loadConfig(join(dir, 'c.json'));
  const bridge = localLayout(config, clusterPaths(join(dir, 'elsewhere'), 'pf')).bridge;
  await execa('ip', ['link', 'add', bridge, 'type', 'bridge']);
  try {
    const r = await runCli(['deploy', '--config', 'c.json', '--yes'], { cwd: dir });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`this host already runs a local cluster named "pf" (bridge ${bridge})`);
    expect((await execa('ip', ['link', 'show', bridge], { reject: false })).exitCode).toBe(0);
    expect(existsSync(join(dir, 'clusters', 'pf', 'local', 'record.json'))).toBe(false);
  } finally {
    await execa('ip', ['link', 'del', bridge], { reject: false });
  }
});
