// README promises of `validate`, the non-interactive wizard and the CLI's error reporting, each
// checked through the real compiled CLI so that breaking the promise fails a test.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageFile } from '../../../lib/paths.js';
import { runCli, tempDir } from '../../helpers/cli.js';

describe('validate', () => {
  test.each(readdirSync(packageFile('examples')))('examples/%s: exit 0, "valid" on stdout, and valid: true with no errors in JSON', async (file) => {
    const path = packageFile('examples', file);
    const text = await runCli(['validate', '--config', path]);
    expect([text.exitCode, text.stdout]).toEqual([0, expect.stringMatching(new RegExp(`^${path.replace(/[.]/g, '\\.')}: valid \\(cluster "[a-z0-9-]+", [a-z]+\\)$`))]);
    const json = await runCli(['validate', '--config', path, '--output', 'json']);
    expect(json.exitCode).toBe(0);
    expect(JSON.parse(String(json.stdout))).toMatchObject({ valid: true, file: path, errors: [] });
  });

  test('a warning only (the Docker bridge range) is still exit 0, the warning on stderr and in JSON', async () => {
    const dir = tempDir();
    const file = join(dir, 'c.json');
    writeFileSync(file, JSON.stringify({ name: 'warn', network: { podCidr: '172.16.0.0/12' } }));
    const text = await runCli(['validate', '--config', file]);
    expect(text.exitCode).toBe(0);
    expect(text.stderr).toMatch(/172\.17\.0\.0\/16/);
    const json = JSON.parse(String((await runCli(["validate", "--config", file, "--output", "json"])).stdout));
    expect(json).toMatchObject({ valid: true, errors: [] });
    expect(json.warnings.length).toBeGreaterThan(0);
  });

  test.each([
    ['a bad name', { name: 'Bad_Name' }, '/name', 'Bad_Name'],
    ['an even etcd count', { topology: { masters: 3, etcd: { count: 4 } } }, '/topology/etcd/count', '4'],
    ['a wrong type', { topology: { workers: 'three' } }, '/topology/workers', 'three'],
    ['an unknown enum value', { phase3: { cni: { plugin: 'weave' } } }, '/phase3/cni/plugin', 'weave'],
    ['a malformed CIDR', { network: { podCidr: '10.300.0.0/16' } }, '/network/podCidr', '10.300.0.0/16'],
  ])('%s: the message names the file, the JSON path and the bad value; exit 2; no stack trace', async (_label, raw, path, value) => {
    const dir = tempDir();
    const file = join(dir, 'c.json');
    writeFileSync(file, JSON.stringify(raw));
    const r = await runCli(['validate', '--config', file]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(file);
    expect(r.stderr).toContain(path.slice(1).replace(/\//g, '.'));
    expect(r.stderr).toContain(value);
    expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });
});

describe('config without a terminal', () => {
  test('--set types values by the schema: integers, booleans and comma-separated lists', async () => {
    const dir = tempDir();
    const file = join(dir, '.config.json');
    const r = await runCli([
      'config', '--config', file, '--defaults',
      '--set', 'name=typed', '--set', 'topology.workers=5',
      '--set', 'phase3.cni.plugin=calico', '--set', 'phase3.cni.calico.networkPolicy=false',
      '--set', 'phase1.aws.allowedCidrs.ssh=10.1.0.0/16,10.2.0.0/16',
    ]);
    expect([r.exitCode, r.stderr]).toEqual([0, '']);
    const c = JSON.parse(readFileSync(file, 'utf8'));
    expect(c.name).toBe('typed');
    expect(c.topology.workers).toBe(5);
    expect(c.phase3.cni.calico.networkPolicy).toBe(false);
    expect(c.phase1.aws.allowedCidrs.ssh).toEqual(['10.1.0.0/16', '10.2.0.0/16']);
    const on = await runCli(['config', '--config', file, '--defaults', '--set', 'phase3.cni.calico.networkPolicy=true']);
    expect(on.exitCode).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8')).phase3.cni.calico.networkPolicy).toBe(true);
  });

  test('--set with a value the schema refuses: exit 2, the key and the value named, the file untouched', async () => {
    const dir = tempDir();
    const file = join(dir, '.config.json');
    writeFileSync(file, '{"name": "keep"}\n');
    const r = await runCli(['config', '--config', file, '--defaults', '--set', 'phase3.cni.calico.networkPolicy=maybe']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('networkPolicy');
    expect(r.stderr).toContain('maybe');
    expect(readFileSync(file, 'utf8')).toBe('{"name": "keep"}\n');
  });

  test('--from a partial config: its values kept with their types, every default filled in', async () => {
    const dir = tempDir();
    const answers = join(dir, 'answers.json');
    writeFileSync(answers, JSON.stringify({ name: 'fromfile', topology: { workers: 2 }, phase3: { cni: { plugin: 'calico', calico: { networkPolicy: false } } }, phase1: { aws: { allowedCidrs: { ssh: ['192.0.2.0/24'] } } } }));
    const file = join(dir, '.config.json');
    const r = await runCli(['config', '--config', file, '--from', answers]);
    expect([r.exitCode, r.stderr]).toEqual([0, '']);
    const c = JSON.parse(readFileSync(file, 'utf8'));
    expect(c).toMatchObject({ name: 'fromfile', topology: { workers: 2 }, phase3: { cni: { plugin: 'calico', calico: { networkPolicy: false } } }, phase1: { aws: { allowedCidrs: { ssh: ['192.0.2.0/24'] } } } });
    expect(c.network.nodeCidr).toBe('10.0.0.0/16'); // a default the answers did not give
    expect((await runCli(['validate', '--config', file])).exitCode).toBe(0);
  });
});

describe('internal errors', () => {
  // A state directory below a plain file: mkdir fails with ENOTDIR, which no check anticipates.
  const broken = () => {
    const dir = tempDir();
    const file = join(dir, 'c.json');
    writeFileSync(file, JSON.stringify({ name: 'dbg', topology: { masters: 1, etcd: { count: 1 }, workers: 0 }, network: { nodeCidr: '192.168.10.0/24' },
      phase1: { cloudProvider: 'baremetal', baremetal: { hosts: [{ name: 'm0', ip: '192.168.10.10', roles: ['master', 'etcd'] }] } } }));
    writeFileSync(join(dir, 'plain-file'), '');
    return ['bootstrap', '--config', file, '--state-dir', join(dir, 'plain-file', 'clusters')];
  };

  test('one line and a hint, exit 70, no stack; KUBE_ANYWHERE_DEBUG=1 shows the stack', async () => {
    const args = broken();
    const quiet = await runCli(args, { env: { KUBE_ANYWHERE_DEBUG: '' } });
    expect(quiet.exitCode).toBe(70);
    expect(quiet.stderr).toMatch(/^kube-anywhere: internal error: ENOTDIR/);
    expect(quiet.stderr).toContain('set KUBE_ANYWHERE_DEBUG=1 for details');
    expect(quiet.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    const debug = await runCli(args, { env: { KUBE_ANYWHERE_DEBUG: '1' } });
    expect(debug.exitCode).toBe(70);
    expect(debug.stderr).toMatch(/\n\s+at .+\.js:\d+:\d+/);
  });
});
