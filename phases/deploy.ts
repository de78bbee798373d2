// `kube-anywhere deploy`: validate -> network (phase 1) -> inventory -> phase 2 (certificates,
// Ignition) -> nodes (phase 1: on a cloud the nodes stack uploads the full configs and boots the
// machines with pointer configs; locally the configs are applied to the machines' roots) -> phase 3
// (addons, once the API answers) -> kubeconfig. Each step records its input hash in state.json, so
// a second run with the same config changes nothing, and an interrupted run continues.
import { relative } from 'node:path';
import { Listr } from 'listr2';
import { confirm } from '@inquirer/prompts';
import type { CommonOptions } from '../lib/cli.js';
import type { Inventory, NodeBundle } from '../lib/contracts.js';
import { EXIT_INVALID, UserError } from '../lib/errors.js';
import { loadProvider } from '../providers/index.js';
import type { Phase1 } from '../providers/common/phase1.js';
import type { ClusterConfig } from '../config-schema/types.js';
import type { ClusterPaths } from '../lib/paths.js';
import { DeployState, hashOf, type StepName } from './state.js';
import { progressOptions, writeInventory } from './cloud.js';
import { loadCluster } from './load-cluster.js';

export const DEPLOY_STEPS: StepName[] = ['network', 'bootstrap', 'nodes', 'addons'];

export interface DeployOptions extends CommonOptions {
  yes?: boolean;
  /** Stop after this step: `nodes` where no Kubernetes API can answer (an AWS emulator). */
  until?: StepName;
  /** Seconds to wait for the API's /readyz and for each addon rollout. */
  timeout?: string;
}

interface Ctx {
  outputs?: Record<string, unknown>;
  inventory?: Inventory;
  bundles?: NodeBundle[];
  changed: string[];
}

const rel = (p: string) => relative(process.cwd(), p) || '.';

/** What makes the machines: Terraform for a cloud, this host for the local target. */
async function phase1For(config: ClusterConfig, configFile: string, paths: ClusterPaths, state: DeployState): Promise<Phase1> {
  if (config.phase1.cloudProvider === 'local') {
    const { localPhase1 } = await import('../providers/local/index.js');
    return localPhase1({ config, configFile, paths, say: () => {} });
  }
  const { terraformPhase1 } = await import('./phase1-terraform.js');
  return terraformPhase1(await loadProvider(config.phase1.cloudProvider), config, paths, state);
}

export async function deployCommand(opts: DeployOptions): Promise<number> {
  const until = opts.until ?? 'addons';
  if (!DEPLOY_STEPS.includes(until)) {
    throw new UserError(`error: --until ${until}: expected one of ${DEPLOY_STEPS.join(', ')}`, EXIT_INVALID);
  }
  const timeoutSeconds = Number(opts.timeout ?? '900');
  if (!Number.isInteger(timeoutSeconds) || timeoutSeconds < 1) throw new UserError(`error: --timeout ${opts.timeout}: expected whole seconds (e.g. 900)`, EXIT_INVALID);

  const { config, paths } = await loadCluster(opts);
  const cloud = config.phase1.cloudProvider;
  if (cloud === 'baremetal') {
    throw new UserError(
      `error: ${opts.config}: phase1.cloudProvider is "baremetal": there is nothing to provision. ` +
        'Use `kube-anywhere bootstrap render` (or `bootstrap apply HOST`) and then `kube-anywhere addons apply`.',
      EXIT_INVALID,
    );
  }
  const state = DeployState.load(paths.stateFile, config.name, cloud);
  const phase1 = await phase1For(config, opts.config, paths, state);
  await phase1.preflight();

  if (!opts.yes) {
    const what = cloud === 'local' ? 'machines, a bridge and network namespaces' : 'billable resources';
    if (!process.stdin.isTTY) {
      throw new UserError(`error: deploy creates ${what} for cluster "${config.name}" ${phase1.where}; confirm with --yes when not at a terminal. Nothing was changed.`, EXIT_INVALID);
    }
    const ok = await confirm({ message: `Create or update cluster "${config.name}" ${phase1.where} (this creates ${what})?`, default: true });
    if (!ok) throw new UserError('deploy cancelled: nothing was changed');
  }

  const stop = (step: StepName) => DEPLOY_STEPS.indexOf(step) > DEPLOY_STEPS.indexOf(until);
  const say = (task: { output: string }) => (l: string) => (task.output = l);

  const tasks = new Listr<Ctx>(
    [
      {
        title: `network ${phase1.where}: ${cloud === 'local' ? 'bridge, API load balancer' : 'network, firewall, API address, config bucket'}`,
        task: async (ctx, task) => {
          const r = await phase1.network(say(task));
          ctx.outputs = r.outputs;
          if (r.changed) ctx.changed.push('network');
          else task.title += ': unchanged';
          if (cloud === 'local') state.markDone('network', hashOf(JSON.stringify(r.outputs)), r.outputs);
        },
      },
      {
        title: 'phase 2: certificates and Ignition configs',
        skip: () => stop('bootstrap') && 'stopped before this step (--until network)',
        task: async (ctx, task) => {
          ctx.inventory = phase1.inventory(ctx.outputs ?? {});
          writeInventory(paths, ctx.inventory);
          const { renderBootstrap } = await import('../bootstrap/index.js');
          ctx.bundles = await renderBootstrap(config, ctx.inventory, paths, { onMessage: say(task) });
          const hash = hashOf(JSON.stringify(ctx.inventory), ...ctx.bundles.map((b) => JSON.stringify(b.full)));
          if (!state.isDone('bootstrap', hash)) ctx.changed.push('bootstrap');
          state.markDone('bootstrap', hash);
          task.title += `: ${ctx.bundles.length} configs`;
        },
      },
      {
        title: `nodes ${phase1.where}: ${cloud === 'local' ? 'machine roots, Ignition, power on' : 'config upload, masters, etcd, worker group'}`,
        skip: () => stop('nodes') && `stopped before this step (--until ${until})`,
        task: async (ctx, task) => {
          const r = await phase1.nodes(ctx.inventory!, ctx.bundles!, ctx.outputs ?? {}, say(task));
          if (r.changed) ctx.changed.push('nodes');
          else task.title += ': unchanged';
          if (cloud === 'local') state.markDone('nodes', hashOf(JSON.stringify(r.outputs), ...ctx.bundles!.map((b) => JSON.stringify(b.full))), r.outputs);
        },
      },
      {
        title: 'phase 3: wait for the API, apply the addons, wait for the nodes',
        skip: () => stop('addons') && `stopped after ${until} (--until ${until}): addons not applied; run \`kube-anywhere addons apply\` once the API answers`,
        task: async (ctx, task) => {
          const { renderAddons, applyAddons } = await import('../addons/index.js');
          const set = await renderAddons(config, ctx.inventory!, paths);
          const hash = hashOf(JSON.stringify(set), JSON.stringify(state.step('nodes')?.outputs ?? {}));
          if (state.isDone('addons', hash)) {
            task.title += ': unchanged';
            return;
          }
          await applyAddons(config, paths, { timeoutSeconds, force: false }, say(task));
          const { waitForNodesReady } = await import('../addons/nodes-ready.js');
          await waitForNodesReady(config, paths, timeoutSeconds, say(task));
          state.markDone('addons', hash);
          ctx.changed.push('addons');
        },
      },
    ],
    progressOptions(opts.output),
  );

  const ctx = await tasks.run({ changed: [] });
  const inv = ctx.inventory;
  const out = {
    cluster: config.name,
    changed: ctx.changed,
    stoppedAfter: until === 'addons' ? undefined : until,
    apiEndpoint: inv ? `https://${inv.apiEndpoint.host}:${inv.apiEndpoint.port}` : undefined,
    kubeconfig: paths.kubeconfig,
    state: paths.stateFile,
  };
  if (opts.output === 'json') {
    process.stdout.write(JSON.stringify(out, null, 2) + '\n');
    return 0;
  }
  process.stdout.write(ctx.changed.length ? `\ncluster "${config.name}": changed ${ctx.changed.join(', ')}\n` : `\ncluster "${config.name}": nothing to change\n`);
  if (out.apiEndpoint) process.stdout.write(`API endpoint: ${out.apiEndpoint}\n`);
  if (until !== 'addons') process.stdout.write(`stopped after ${until} (--until ${until}); addons are applied by \`kube-anywhere addons apply\` once the API answers\n`);
  // The admin kubeconfig exists once phase 2 has run.
  if (!stop('bootstrap')) process.stdout.write(`use it:\n  export KUBECONFIG=${rel(paths.kubeconfig)}\n  kubectl get nodes\n`);
  return 0;
}
