// GCP and Azure through the real CLI (`kube-anywhere render`, `kube-anywhere deploy`), as `make
// render` / `make deploy` run it: both stacks for every topology with no credentials and no
// network, and a deploy without credentials stopped before terraform, naming where it looked.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir } from '../../helpers/cli.js';

type Cloud = 'gcp' | 'azure';
const TOPOLOGIES = {
  single: { masters: 1, etcd: { count: 1 }, workers: 0 },
  'one-master': { masters: 1, etcd: { count: 1 }, workers: 2 },
  ha: { masters: 3, etcd: { count: 3 }, workers: 2 },
  'ha-dedicated-etcd': { masters: 3, etcd: { placement: 'dedicated', count: 3 }, workers: 2 },
} as const;
const SETTINGS = {
  gcp: { project: 'kube-cli-test', region: 'us-central1' },
  azure: { subscriptionId: '00000000-0000-0000-0000-000000000000', location: 'eastus' },
};
/** What every machine of a topology becomes, per cloud. */
const MACHINE = { gcp: 'google_compute_instance', azure: 'azurerm_linux_virtual_machine' };
const GROUP = { gcp: 'google_compute_region_instance_group_manager', azure: 'azurerm_linux_virtual_machine_scale_set' };
const LB = { gcp: 'google_compute_forwarding_rule', azure: 'azurerm_lb' };

/** A config file in a fresh directory (the CLI's working directory). */
function writeConfig(cloud: Cloud, topology: keyof typeof TOPOLOGIES): string {
  const dir = tempDir(`ka-cli-${cloud}-`);
  writeFileSync(join(dir, '.config.json'), JSON.stringify({ name: 'cli', topology: TOPOLOGIES[topology], phase1: { cloudProvider: cloud, [cloud]: SETTINGS[cloud] } }));
  return dir;
}

/** An environment with no cloud credentials at all: no ARM_/GOOGLE_ variables, an empty home. */
function bareEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(ARM_|GOOGLE_|CLOUDSDK_|AZURE_)/.test(k)) env[k] = v;
  return { ...env, HOME: tempDir('ka-home-') };
}

describe.each(['gcp', 'azure'] as Cloud[])('%s through the CLI', (cloud) => {
  test.each(Object.keys(TOPOLOGIES) as (keyof typeof TOPOLOGIES)[])('render %s: both stacks, without credentials', async (topology) => {
    const dir = writeConfig(cloud, topology);
    const r = await runCli(['render', '--output', 'json'], { cwd: dir, env: bareEnv(), extendEnv: false });
    expect([r.exitCode, r.stderr]).toEqual([0, expect.anything()]);
    const out = JSON.parse(r.stdout as string) as { files: { phase: number; file: string }[]; provisional: boolean };
    const stacks = out.files.filter((f) => f.phase === 1).map((f) => f.file);
    expect(stacks).toEqual([join(dir, 'clusters/cli/terraform/network/cdk.tf.json'), join(dir, 'clusters/cli/terraform/nodes/cdk.tf.json')]);
    const [network, nodes] = stacks.map((f) => JSON.parse(readFileSync(f, 'utf8')));
    const t = TOPOLOGIES[topology];
    const etcd = 'placement' in t.etcd ? t.etcd.count : 0;
    expect(Object.keys(nodes.resource[MACHINE[cloud]])).toHaveLength(t.masters + etcd);
    expect(Object.keys(nodes.resource[GROUP[cloud]] ?? {})).toHaveLength(t.workers ? 1 : 0);
    expect(Object.keys(network.resource[LB[cloud]] ?? {})).toHaveLength(t.masters > 1 ? 1 : 0);
    expect(network.output.api_host).toBeDefined();
  }, 120_000);

  test('deploy without credentials stops before terraform, naming where it looked', async () => {
    const dir = writeConfig(cloud, 'ha');
    const r = await runCli(['deploy', '--yes'], { cwd: dir, env: bareEnv(), extendEnv: false });
    expect(r.exitCode).toBe(1);
    const places = cloud === 'gcp' ? ['GOOGLE_APPLICATION_CREDENTIALS', 'application_default_credentials.json'] : ['ARM_CLIENT_ID', 'ARM_USE_MSI', '~/.azure'];
    for (const p of places) expect(r.stderr).toContain(p);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    // Nothing synthesized, no terraform run: no stack directory, no terraform log.
    expect(existsSync(join(dir, 'clusters/cli/terraform'))).toBe(false);
    expect(existsSync(join(dir, 'clusters/cli/logs'))).toBe(false);
  }, 60_000);
});
