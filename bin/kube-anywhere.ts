#!/usr/bin/env node
// The CLI: parses arguments and hands over to phases/. Each command loads its phase lazily, so
// `validate` never pays for loading the cloud providers.
import { Command, Option } from 'commander';
import { run } from '../lib/cli.js';
import { DEFAULT_CONFIG_FILE, DEFAULT_STATE_DIR } from '../lib/paths.js';

const program = new Command('kube-anywhere')
  .description('Kubernetes turn-up in three phases: provision (Terraform), bootstrap (Ignition), addons (kubectl)')
  .showHelpAfterError()
  .configureOutput({ outputError: (s, write) => write(s) });

/** Options every command that reads a config takes. */
export function configOptions(cmd: Command): Command {
  return cmd
    .option('-c, --config <file>', 'cluster config file', DEFAULT_CONFIG_FILE)
    .option('--state-dir <dir>', 'where clusters/<name>/ output goes', DEFAULT_STATE_DIR)
    .addOption(new Option('-o, --output <format>', 'output format').choices(['text', 'json']).default('text'));
}

program
  .command('config')
  .description('the config wizard: asks for each setting, writes the config file')
  .option('-c, --config <file>', 'config file to write (its current values are the defaults)', DEFAULT_CONFIG_FILE)
  .option('--defaults', 'do not ask: take every default (and the current file values)')
  .option('--set <path=value>', 'set one value, typed by the schema (repeatable), e.g. --set topology.masters=3', (v: string, all: string[]) => [...all, v], [] as string[])
  .option('--from <file>', 'take answers from a JSON file (a partial config)')
  .option('--only-new', 'ask only about keys the current file does not have yet (like make oldconfig)')
  .action((opts) => run(async () => (await import('../phases/config.js')).configCommand(opts)));

configOptions(program.command('validate'))
  .description('check a config: exit 0 when valid, 2 when invalid')
  .action((opts) => run(async () => (await import('../phases/validate.js')).validateCommand(opts)));

configOptions(program.command('artifacts'))
  .description('every URL (with its checksum) and image a cluster with this config fetches, for an air-gapped site to mirror')
  .action((opts) => run(async () => (await import('../phases/artifacts.js')).artifactsCommand(opts)));

configOptions(program.command('render'))
  .description('all three phases to files (both terraform stacks, Ignition configs, addon manifests): no credentials, no cloud touched')
  .action((opts) => run(async () => (await import('../phases/render.js')).renderCommand(opts)));

configOptions(program.command('deploy'))
  .description('phases 1, 2, 3 on a cloud or this host (local): network, certificates + Ignition, nodes, addons; re-runs change only what changed')
  .option('-y, --yes', 'do not ask for confirmation')
  .addOption(new Option('--until <step>', 'stop after this step (nodes: where no Kubernetes API can answer, e.g. an AWS emulator)').choices(['network', 'bootstrap', 'nodes', 'addons']).default('addons'))
  .option('--timeout <seconds>', 'how long to wait for the API (/readyz) and each addon rollout', '900')
  .action((opts) => run(async () => (await import('../phases/deploy.js')).deployCommand(opts)));

configOptions(program.command('destroy'))
  .description("destroy a cluster's machines and network (cloud or local); the PKI is kept unless --purge")
  .option('-y, --yes', 'do not ask for the cluster name to be typed')
  .option('--purge', 'also remove clusters/<name>/ (PKI, configs, state)')
  .option('--force', 'destroy with the terraform stacks on disk even when they differ from what deploy applied')
  .action((opts) => run(async () => (await import('../phases/destroy.js')).destroyCommand(opts)));

// Phase 2 alone: render the PKI and Ignition configs (the default), or apply one host's over SSH.
const bootstrap = program.command('bootstrap').description('phase 2: render the PKI and Ignition configs (bare metal: one per host), or apply one over SSH');
configOptions(bootstrap.command('render', { isDefault: true }))
  .description('write clusters/<name>/pki and ignition/<host|role>.ign (+ .pointer.ign), and the admin kubeconfig')
  .action((opts) => run(async () => (await import('../phases/bootstrap.js')).bootstrapRenderCommand(opts)));
configOptions(bootstrap.command('apply'))
  .description('render, then copy HOST\'s config over SSH, apply it with the Ignition on the host, enable and start the kubelet')
  .argument('<host>', 'a host of phase1.baremetal.hosts, by name or IP')
  .action((host: string, opts) => run(async () => (await import('../phases/bootstrap.js')).bootstrapApplyCommand(host, opts)));

// The machines of a local cluster (phase1.cloudProvider "local").
const machines = program.command('machines').description('local clusters: list the machines, power one off or on, run a command in one');
configOptions(machines.command('list', { isDefault: true }))
  .description('every machine with its roles, address and state')
  .action((opts) => run(async () => (await import('../phases/machines.js')).machinesListCommand(opts)));
configOptions(machines.command('stop'))
  .description('power a machine off: systemd is asked, and the machine is stopped hard after the grace period')
  .argument('<name>', 'machine name')
  .option('--hard', 'pull the plug: no shutdown')
  .option('--grace <seconds>', 'how long a clean power-off may take', '20')
  .action((name: string, opts) => run(async () => (await import('../phases/machines.js')).machinesStopCommand(name, opts)));
configOptions(machines.command('start'))
  .description('power a machine on again (its root as it was: not a first boot)')
  .argument('<name>', 'machine name')
  .option('--wait <seconds>', 'how long to wait for its systemd to finish booting', '120')
  .action((name: string, opts) => run(async () => (await import('../phases/machines.js')).machinesStartCommand(name, opts)));
configOptions(machines.command('exec'))
  .description('run a command inside a machine (no command: an interactive shell)')
  .argument('<name>', 'machine name')
  .argument('[command...]', 'the command (after --)')
  .action((name: string, command: string[], opts) => run(async () => (await import('../phases/machines.js')).machinesExecCommand(name, command, opts)));

const certs = program.command('certs').description('the cluster\'s certificates');
configOptions(certs.command('status', { isDefault: true }))
  .description('list every certificate under clusters/<name>/pki with its expiry (exit 1 when one has expired)')
  .action((opts) => run(async () => (await import('../phases/certs.js')).certsStatusCommand(opts)));

// Phase 3 alone: render the addon manifests, or render and apply them (the default).
const addons = program.command('addons').description('phase 3: render the addons (pod network, kube-proxy, DNS) or apply them with kubectl');
configOptions(addons.command('render'))
  .description('write clusters/<name>/addons/NN-<addon>.yaml, schema-checked; nothing touches the cluster')
  .action((opts) => run(async () => (await import('../phases/addons.js')).addonsCommand('render', opts)));
configOptions(addons.command('apply', { isDefault: true }))
  .description('render, then wait for /readyz, server-side apply with pruning, and wait for the rollouts')
  .option('--force', 'apply even when it switches the CNI of a running cluster')
  .option('--timeout <seconds>', 'how long to wait for /readyz and for each rollout', '300')
  .action((opts) => run(async () => (await import('../phases/addons.js')).addonsCommand('apply', opts)));

await program.parseAsync(process.argv);
