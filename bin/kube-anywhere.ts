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

configOptions(program.command('validate'))
  .description('check a config: exit 0 when valid, 2 when invalid')
  .action((opts) => run(async () => (await import('../phases/validate.js')).validateCommand(opts)));

// Phase 2 alone: render the PKI and Ignition configs (the default), or apply one host's over SSH.
const bootstrap = program.command('bootstrap').description('phase 2: render the PKI and Ignition configs (bare metal: one per host), or apply one over SSH');
configOptions(bootstrap.command('render', { isDefault: true }))
  .description('write clusters/<name>/pki and ignition/<host|role>.ign (+ .pointer.ign), and the admin kubeconfig')
  .action((opts) => run(async () => (await import('../phases/bootstrap.js')).bootstrapRenderCommand(opts)));
configOptions(bootstrap.command('apply'))
  .description('render, then copy HOST\'s config over SSH, apply it with the Ignition on the host, enable and start the kubelet')
  .argument('<host>', 'a host of phase1.baremetal.hosts, by name or IP')
  .action((host: string, opts) => run(async () => (await import('../phases/bootstrap.js')).bootstrapApplyCommand(host, opts)));

const certs = program.command('certs').description('the cluster\'s certificates');
configOptions(certs.command('status', { isDefault: true }))
  .description('list every certificate under clusters/<name>/pki with its expiry (exit 1 when one has expired)')
  .action((opts) => run(async () => (await import('../phases/certs.js')).certsStatusCommand(opts)));

await program.parseAsync(process.argv);
