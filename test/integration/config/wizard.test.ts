// The config wizard in a real terminal (tmux), driven key by key as a person would use it.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkConfig } from '../../../config-schema/load.js';
import { CLI, runCli, tempDir } from '../../helpers/cli.js';
import { TmuxSession } from '../../helpers/tmux.js';

let session: TmuxSession | undefined;
afterEach(() => session?.kill());

async function answer(s: TmuxSession, prompt: string | RegExp, ...keys: string[]) {
  await s.prompt(prompt);
  for (const k of keys) {
    if (/^(Enter|Down|Up|Space|C-u|BSpace)$/.test(k)) s.keys(k);
    else s.type(k);
  }
}

/** Accept every remaining default until the wizard exits; returns the final screen. */
async function acceptRest(s: TmuxSession): Promise<string> {
  for (let i = 0; i < 200; i++) {
    const screen = s.screen();
    if (/EXIT=\d+/.test(screen)) return screen;
    s.keys('Enter');
    await new Promise((r) => setTimeout(r, 120));
  }
  throw new Error(`wizard did not finish:\n${s.screen()}`);
}

test('a person answers the menus: help on request, bad answers refused as typed, irrelevant questions skipped', async () => {
  const dir = tempDir();
  const file = join(dir, '.config.json');
  const s = (session = new TmuxSession(`node ${CLI} config --config ${file}`));

  await s.prompt('Cluster name');
  expect(s.screen()).toContain('── Cluster ──');
  await answer(s, 'Cluster name', '?', 'Enter');
  await s.waitFor('a lowercase DNS label'); // the help text
  await answer(s, 'Cluster name', 'Bad_Name', 'Enter');
  await s.waitFor('must be a lowercase DNS label');
  for (let i = 0; i < 8; i++) s.keys('BSpace');
  await answer(s, 'Cluster name', 'edge', 'Enter');
  await answer(s, 'Kubernetes version', 'Enter');
  await answer(s, 'Number of masters', '3', 'Enter');
  await s.waitFor('── Topology › etcd ──');
  await answer(s, 'etcd placement', 'Down', 'Enter'); // colocated -> dedicated
  await answer(s, 'Number of etcd members', '4', 'Enter'); // the default follows the masters: 3
  await s.waitFor('the count must be odd');
  expect(s.screen()).toContain('failures tolerated');
  s.keys('BSpace');
  await answer(s, 'Number of etcd members', '5', 'Enter');
  await answer(s, 'Number of workers', '0', 'Enter');
  await answer(s, 'Node CIDR', 'Enter');
  await answer(s, 'Pod CIDR', '10.0.0.0/8', 'Enter');
  await s.waitFor('overlaps network.nodeCidr');
  for (let i = 0; i < 10; i++) s.keys('BSpace');
  await answer(s, 'Pod CIDR', '10.32.0.0/16', 'Enter');
  await answer(s, 'Per-node pod block prefix length', 'Enter');
  await answer(s, 'Service CIDR', 'Enter');
  await answer(s, 'DNS service IP', 'Enter');
  await answer(s, 'Cluster DNS domain', 'Enter');
  await answer(s, 'Cloud provider', 'Down', 'Enter'); // aws -> gcp
  await answer(s, 'API load balancer', 'Enter');
  await answer(s, 'Terraform state backend', 'Enter');
  await answer(s, /^\? Provider mirror/, 'Enter');
  await s.waitFor('── Phase 1: provisioning › GCP ──');
  await answer(s, 'GCP project id', 'edge-project-1', 'Enter');
  const screen = await acceptRest(s);

  expect(screen).toContain('EXIT=0');
  expect(screen).not.toContain('── Phase 1: provisioning › AWS'); // aws questions do not apply to gcp
  expect(screen).not.toContain('calico mode'); // flannel is the default CNI
  const written = JSON.parse(readFileSync(file, 'utf8'));
  expect(written.name).toBe('edge');
  expect(written.topology).toEqual({ masters: 3, etcd: { placement: 'dedicated', count: 5 }, workers: 0 });
  expect(written.network.podCidr).toBe('10.32.0.0/16');
  expect(written.phase1.cloudProvider).toBe('gcp');
  expect(written.phase1.gcp.project).toBe('edge-project-1');
  expect(written.phase1.aws).toBeUndefined();
  expect(written.phase3.cni.calico).toBeUndefined();
  expect(() => checkConfig(file, written)).not.toThrow();
}, 120000);

test('re-running with --only-new asks only about keys the file lacks, and keeps the rest', async () => {
  const dir = tempDir();
  const file = join(dir, '.config.json');
  expect((await runCli(['config', '--config', file, '--defaults', '--set', 'name=oldconf', '--set', 'topology.workers=5'])).exitCode).toBe(0);
  const before = JSON.parse(readFileSync(file, 'utf8'));
  delete before.phase3.dns.replicas; // as if the key were new in this release
  writeFileSync(file, JSON.stringify(before));

  const s = (session = new TmuxSession(`node ${CLI} config --config ${file} --only-new`));
  await answer(s, 'DNS replicas', '3', 'Enter');
  const screen = await s.waitFor(/EXIT=\d+/);
  expect(screen).toContain('EXIT=0');
  const questionsAsked = screen.split('\n').filter((l) => /^[?✔] /.test(l));
  expect(questionsAsked).toEqual([expect.stringContaining('DNS replicas')]);
  const after = JSON.parse(readFileSync(file, 'utf8'));
  expect(after.phase3.dns.replicas).toBe(3);
  expect(after.name).toBe('oldconf');
  expect(after.topology.workers).toBe(5);
}, 60000);

test('bare metal hosts are asked one by one', async () => {
  const dir = tempDir();
  const file = join(dir, '.config.json');
  expect((await runCli(['config', '--config', file, '--defaults', '--set', 'name=metal', '--set', 'topology.workers=1'])).exitCode).toBe(0);
  const start = JSON.parse(readFileSync(file, 'utf8'));
  start.phase1 = { cloudProvider: 'baremetal' }; // switch to bare metal: its keys are new to this file
  writeFileSync(file, JSON.stringify(start));
  const s = (session = new TmuxSession(`node ${CLI} config --config ${file} --only-new`));
  await answer(s, 'API endpoint', 'Enter'); // one master: its own address is the endpoint
  await answer(s, 'SSH user', 'Enter');
  await answer(s, 'SSH port', 'Enter');
  await answer(s, 'SSH private key file', 'Enter');
  await answer(s, 'Number of hosts', '2', 'Enter');
  await answer(s, 'Host name', 'Enter'); // node-0
  await answer(s, 'Private IP', '10.0.0.10', 'Enter');
  await answer(s, 'Roles', 'Enter'); // master + etcd preselected for the first host
  await answer(s, 'Host name', 'Enter'); // node-1
  await answer(s, 'Private IP', '10.0.0.11', 'Enter');
  await answer(s, 'Roles', 'Enter'); // worker
  const screen = await acceptRest(s);
  expect(screen).toContain('EXIT=0');
  const written = JSON.parse(readFileSync(file, 'utf8'));
  expect(written.phase1.baremetal.hosts).toEqual([
    { name: 'node-0', ip: '10.0.0.10', roles: ['master', 'etcd'] },
    { name: 'node-1', ip: '10.0.0.11', roles: ['worker'] },
  ]);
}, 60000);

test('Ctrl-C leaves the existing file as it was', async () => {
  const dir = tempDir();
  const file = join(dir, '.config.json');
  writeFileSync(file, '{"name": "keepme"}\n');
  const s = (session = new TmuxSession(`node ${CLI} config --config ${file}`));
  await answer(s, 'Cluster name', 'changed', 'Enter');
  await s.prompt('Kubernetes version');
  s.keys('C-c');
  const screen = await s.waitFor(/EXIT=\d+/);
  expect(screen).toMatch(/EXIT=130/);
  expect(screen).toContain('nothing written');
  expect(readFileSync(file, 'utf8')).toBe('{"name": "keepme"}\n');
}, 60000);

test('without a terminal and without a non-interactive flag it explains and exits non-zero, writing nothing', async () => {
  const dir = tempDir();
  const file = join(dir, '.config.json');
  const r = await runCli(['config', '--config', file]);
  expect(r.exitCode).toBe(2);
  expect(r.stderr).toContain('--defaults');
  expect(r.stderr).toContain('--set');
  expect(existsSync(file)).toBe(false);
});

test('the "Mirrors (air-gapped sites)" menu: off by default; yes asks for the image and download mirrors', async () => {
  const dir = tempDir();
  const file = join(dir, '.config.json');
  expect((await runCli(['config', '--config', file, '--defaults'])).exitCode).toBe(0);
  const defaults = JSON.parse(readFileSync(file, 'utf8'));
  expect(defaults.phase2.airGapped).toBe(false);
  expect(defaults.phase2.downloads).toBeUndefined(); // gated: not asked, not written
  delete defaults.phase2.airGapped; // as if the gate were new
  writeFileSync(file, JSON.stringify(defaults));

  const s = (session = new TmuxSession(`node ${CLI} config --config ${file} --only-new`));
  await s.prompt('Use mirrors (air-gapped site)?');
  expect(s.screen()).toContain('── Phase 2: bootstrap › Mirrors (air-gapped sites) ──');
  await answer(s, 'Use mirrors (air-gapped site)?', 'Up', 'Enter'); // no -> yes
  await answer(s, 'Image mirrors', '{"registry.k8s.io": "http://10.0.0.3:5000/registry.k8s.io", "ghcr.io": "http://10.0.0.3:5000/ghcr.io"}', 'Enter');
  await answer(s, 'CA bundle of the image mirrors', 'Enter');
  await answer(s, 'Download mirror base URL', 'ftp://nope', 'Enter');
  await s.waitFor('must be empty (upstream URLs) or an http:// or https:// URL');
  for (let i = 0; i < 10; i++) s.keys('BSpace');
  await answer(s, 'Download mirror base URL', 'http://10.0.0.3:8080', 'Enter');
  await answer(s, 'CA bundle of the download mirror', 'Enter');
  const screen = await s.waitFor(/EXIT=\d+/);
  expect(screen).toContain('EXIT=0');
  const written = JSON.parse(readFileSync(file, 'utf8'));
  expect(written.phase2.airGapped).toBe(true);
  expect(written.phase2.images.mirrors).toEqual({ 'registry.k8s.io': 'http://10.0.0.3:5000/registry.k8s.io', 'ghcr.io': 'http://10.0.0.3:5000/ghcr.io' });
  expect(written.phase2.downloads).toEqual({ baseUrl: 'http://10.0.0.3:8080', caBundle: '' });
}, 60000);
