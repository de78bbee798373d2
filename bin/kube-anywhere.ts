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

configOptions(program.command('bootstrap'))
  .description('phase 2 alone: render the PKI and Ignition configs (bare metal: one per host), or apply one over SSH')
  .argument('[action]', 'render | apply', 'render')
  .argument('[host]', 'for apply: the host (name or IP from phase1.baremetal.hosts)')
  .action((action: string, host: string | undefined, opts) =>
    run(async () => {
      const phase = await import('../phases/bootstrap.js');
      if (action === 'render') return phase.bootstrapRenderCommand(opts);
      if (action === 'apply') return phase.bootstrapApplyCommand(host, opts);
      const { UserError, EXIT_INVALID } = await import('../lib/errors.js');
      throw new UserError(`error: bootstrap: unknown action "${action}"; use render or apply HOST`, EXIT_INVALID);
    }),
  );

configOptions(program.command('certs'))
  .description('certificates of the cluster: `certs status` lists each with its expiry')
  .argument('[action]', 'status', 'status')
  .action((action: string, opts) =>
    run(async () => {
      if (action !== 'status') {
        const { UserError, EXIT_INVALID } = await import('../lib/errors.js');
        throw new UserError(`error: certs: unknown action "${action}"; use status`, EXIT_INVALID);
      }
      return (await import('../phases/certs.js')).certsStatusCommand(opts);
    }),
  );

await program.parseAsync(process.argv);
