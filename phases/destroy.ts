// `kube-anywhere destroy`: the reverse of deploy. Asks for the cluster name to be typed (or --yes),
// destroys the nodes stack, then the network stack, each through its own terraform state, so only
// this cluster's resources go. The local PKI stays (a re-deploy reuses it) unless --purge.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Listr } from 'listr2';
import { EXIT_INVALID, UserError } from '../lib/errors.js';
import { Terraform } from '../lib/terraform.js';
import { loadProvider } from '../providers/index.js';
import { STACKS, type StackName } from '../providers/common/provider.js';
import { DeployState, hashOf } from './state.js';
import { confirmDestroy, progressOptions, terraformFor, type DestroyOptions } from './cloud.js';

export type { DestroyOptions } from './cloud.js';
import { loadCluster } from './load-cluster.js';


export async function destroyCommand(opts: DestroyOptions): Promise<number> {
  const { config, paths } = await loadCluster(opts, { notes: false });
  const cloud = config.phase1.cloudProvider;
  if (cloud === 'baremetal') {
    throw new UserError(`error: ${opts.config}: phase1.cloudProvider is "baremetal": kube-anywhere created no machines to destroy; wipe the hosts yourself`, EXIT_INVALID);
  }
  if (cloud === 'local') return (await import('./destroy-local.js')).destroyLocal(config, paths, opts);
  // Something to destroy: a recorded step, or terraform state left by an interrupted first apply.
  const state = DeployState.exists(paths.stateFile) ? DeployState.load(paths.stateFile, config.name, cloud) : undefined;
  const stackFile = (s: StackName) => join(paths.terraform(s), 'cdk.tf.json');
  // Terraform destroys what its configuration and state name: a stack file rewritten since it was
  // applied (a render or a failed deploy after a config change: another region, another backend)
  // would make terraform look elsewhere, report success, and leave the machines running.
  const changed = STACKS.filter((s) => {
    const rec = state?.step(s);
    return rec && existsSync(stackFile(s)) && hashOf(readFileSync(stackFile(s))) !== rec.hash;
  });
  if (changed.length && !opts.force) {
    throw new UserError(
      `error: ${changed.map(stackFile).join(', ')} no longer match${changed.length > 1 ? '' : 'es'} what deploy applied (the config changed, and a render or deploy rewrote ${changed.length > 1 ? 'them' : 'it'}). ` +
        'Destroying with them could miss resources. Put back the config that was deployed and run `kube-anywhere render`, or apply the current one with `kube-anywhere deploy`, then destroy; ' +
        '--force destroys with the files as they are. Nothing was touched.',
      EXIT_INVALID,
    );
  }
  const orphaned = STACKS.filter((s) => !existsSync(stackFile(s)) && (state?.step(s) || (Terraform.localStateResourceCount(paths.terraform(s)) ?? 0) > 0));
  if (orphaned.length) {
    throw new UserError(
      `error: ${orphaned.map(stackFile).join(', ')} ${orphaned.length > 1 ? 'are' : 'is'} missing, but a deploy recorded ${orphaned.length > 1 ? 'those stacks' : 'that stack'}: ` +
        'terraform cannot destroy without it. Run `kube-anywhere render` with the config that was deployed to write it again. Nothing was touched.',
      EXIT_INVALID,
    );
  }
  const stacks = [...STACKS].reverse().filter((s) => existsSync(stackFile(s)));
  const leftovers = stacks.filter((s) => (Terraform.localStateResourceCount(paths.terraform(s)) ?? 1) > 0);
  const recorded = state?.step('network') || state?.step('nodes');
  if (!recorded && leftovers.length === 0) {
    throw new UserError(
      `error: cluster "${config.name}" has nothing deployed (no deploy recorded in ${paths.stateFile}); nothing was touched`,
      EXIT_INVALID,
    );
  }

  await confirmDestroy(config.name, `on ${cloud}`, opts.yes);
  const provider = await loadProvider(cloud);
  provider.checkCredentials(config, process.env);

  const st = state ?? DeployState.load(paths.stateFile, config.name, cloud);
  const tasks = new Listr(
    [
      ...stacks.map((stack) => ({
        title: `${stack} stack: terraform destroy`,
        task: async (_: unknown, task: { output: string; title: string }) => {
          const tf = terraformFor(config, paths, stack, (l) => (task.output = l));
          await tf.init();
          await tf.destroy();
          // What the stack made is gone: a re-run skips it, a later deploy re-creates it.
          if (stack === 'nodes') ['addons', 'nodes'].forEach((s) => st.clear(s as 'addons' | 'nodes'));
          else ['bootstrap', 'network'].forEach((s) => st.clear(s as 'bootstrap' | 'network'));
        },
      })),
      {
        title: opts.purge ? 'local files: removing the PKI, configs and state (--purge)' : 'local files: PKI kept (use --purge to remove it)',
        task: () => {
          if (opts.purge) rmSync(paths.root, { recursive: true, force: true });
        },
      },
    ],
    progressOptions(opts.output),
  );
  await tasks.run();
  if (opts.output === 'json') process.stdout.write(JSON.stringify({ cluster: config.name, destroyed: stacks, purged: !!opts.purge }, null, 2) + '\n');
  else process.stdout.write(`cluster "${config.name}" destroyed${opts.purge ? '' : `; PKI kept in ${paths.pki}`}\n`);
  return 0;
}
