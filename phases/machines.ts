// `kube-anywhere machines [list | stop NAME [--hard] | start NAME | exec NAME -- CMD...]`: the
// machines of a local cluster, as a cloud console shows instances. stop powers a machine off
// (bounded: forced after the grace period; --hard pulls the plug at once), start boots it again
// from its root (no Ignition: it is not a first boot), exec runs a command inside it.
import { existsSync } from 'node:fs';
import { execa } from 'execa';
import type { CommonOptions } from '../lib/cli.js';
import { EXIT_INVALID, UserError } from '../lib/errors.js';
import { localLayout, machineSpec } from '../providers/local/index.js';
import type { LocalLayout } from '../providers/local/layout.js';
import { boot, inMachine, leaderPid, nspawnPid, powerOff, waitBooted } from '../providers/local/machine.js';
import { HostRecord, type MachineRecord } from '../providers/local/record.js';
import { loadCluster } from './load-cluster.js';

async function load(opts: CommonOptions) {
  const { config, paths } = await loadCluster(opts, { notes: false });
  if (config.phase1.cloudProvider !== 'local') {
    throw new UserError(`error: ${opts.config}: phase1.cloudProvider is "${config.phase1.cloudProvider}"; \`machines\` manages the machines of a local cluster`, EXIT_INVALID);
  }
  const layout = localLayout(config, paths);
  const rec = existsSync(HostRecord.fileIn(layout.dir)) ? HostRecord.load(layout.dir, config.name) : undefined;
  return { config, layout, machines: rec?.data.machines ?? {} };
}

function pick(layout: LocalLayout, machines: Record<string, MachineRecord>, name: string) {
  const m = machines[name];
  if (!m) {
    const known = Object.keys(machines).join(', ') || 'none (run `kube-anywhere deploy` first)';
    throw new UserError(`error: machine "${name}" is not a machine of this cluster; machines: ${known}`, EXIT_INVALID);
  }
  return machineSpec(layout, m, m.uuid, m.cgroups);
}

const needRoot = () => {
  if (process.getuid?.() !== 0) throw new UserError('error: managing local machines needs root', EXIT_INVALID);
};

export async function machinesListCommand(opts: CommonOptions): Promise<number> {
  const { layout, machines } = await load(opts);
  const rows = layout.machines.map((m) => {
    const rec = machines[m.name];
    const spec = rec && machineSpec(layout, rec, rec.uuid, rec.cgroups);
    const state = !rec ? 'not created' : spec && nspawnPid(spec) ? 'running' : 'stopped';
    return { name: m.name, roles: m.roles, ip: m.ip, state, leaderPid: spec ? leaderPid(spec) : undefined };
  });
  if (opts.output === 'json') {
    process.stdout.write(JSON.stringify({ cluster: layout.cluster, apiEndpoint: layout.api, machines: rows }, null, 2) + '\n');
    return 0;
  }
  process.stdout.write(`API endpoint: https://${layout.api.host}:${layout.api.port}\n`);
  for (const r of rows) process.stdout.write(`${r.name.padEnd(28)} ${r.roles.join(',').padEnd(12)} ${r.ip.padEnd(16)} ${r.state}\n`);
  return 0;
}

export async function machinesStopCommand(name: string, opts: CommonOptions & { hard?: boolean; grace?: string }): Promise<number> {
  needRoot();
  const { layout, machines } = await load(opts);
  const spec = pick(layout, machines, name);
  const graceMs = Number(opts.grace ?? '20') * 1000;
  if (!Number.isFinite(graceMs) || graceMs < 0) throw new UserError(`error: --grace ${opts.grace}: expected seconds`, EXIT_INVALID);
  const how = await powerOff(spec, { hard: opts.hard, graceMs });
  process.stdout.write(`${name}: ${how === 'not running' ? 'was not running' : how === 'clean' ? 'powered off' : 'powered off (forced)'}\n`);
  return 0;
}

export async function machinesStartCommand(name: string, opts: CommonOptions & { wait?: string }): Promise<number> {
  needRoot();
  const { layout, machines } = await load(opts);
  const spec = pick(layout, machines, name);
  if (nspawnPid(spec)) {
    process.stdout.write(`${name}: already running\n`);
    return 0;
  }
  boot(spec);
  await waitBooted(spec, Number(opts.wait ?? '120') * 1000);
  process.stdout.write(`${name}: booted\n`);
  return 0;
}

export async function machinesExecCommand(name: string, command: string[], opts: CommonOptions): Promise<number> {
  needRoot();
  const { layout, machines } = await load(opts);
  const spec = pick(layout, machines, name);
  if (!command.length) {
    // An interactive shell: straight into the machine's namespaces, on this terminal.
    const leader = leaderPid(spec);
    if (!leader) throw new UserError(`error: machine ${name} is not running`);
    const r = await execa('nsenter', ['-t', String(leader), '-a', '/bin/bash', '-l'], { stdio: 'inherit', reject: false });
    return r.exitCode ?? 1;
  }
  const r = await inMachine(spec, command, 10 * 60_000);
  process.stdout.write(r.stdout + (r.stdout.endsWith('\n') || !r.stdout ? '' : '\n'));
  if (r.stderr) process.stderr.write(r.stderr + '\n');
  return r.exitCode ?? 1;
}
