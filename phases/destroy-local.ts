// `kube-anywhere destroy` of a local cluster: every machine's plug pulled (its disk is thrown away
// next, so a clean shutdown gains nothing and can hang on containerd shims), then exactly what the deploy
// recorded in clusters/<name>/local/record.json is removed: machine roots, network namespaces,
// the bridge, iptables rules, cgroups, the load balancer and mirror processes. The PKI stays
// unless --purge.
import { existsSync, rmSync } from 'node:fs';
import { Listr } from 'listr2';
import type { ClusterConfig } from '../config-schema/types.js';
import { EXIT_INVALID, UserError } from '../lib/errors.js';
import type { ClusterPaths } from '../lib/paths.js';
import { localDestroy, localLayout } from '../providers/local/index.js';
import { HostRecord } from '../providers/local/record.js';
import { confirmDestroy, progressOptions, type DestroyOptions } from './cloud.js';
import { DeployState, type StepName } from './state.js';

export async function destroyLocal(config: ClusterConfig, paths: ClusterPaths, opts: DestroyOptions): Promise<number> {
  // Refuses another cluster's state before anything else.
  const state = DeployState.exists(paths.stateFile) ? DeployState.load(paths.stateFile, config.name, 'local') : undefined;
  const recorded = existsSync(HostRecord.fileIn(localLayout(config, paths).dir));
  if (!recorded && !state?.anyDone()) {
    throw new UserError(`error: local cluster "${config.name}" has nothing on this host (no ${HostRecord.fileIn(localLayout(config, paths).dir)}); nothing was touched`, EXIT_INVALID);
  }
  if (process.getuid?.() !== 0) throw new UserError(`error: destroying local cluster "${config.name}" needs root (it removes network namespaces, a bridge and cgroups); nothing was touched`, EXIT_INVALID);
  await confirmDestroy(config.name, 'on this host', opts.yes);
  let removed: string[] = [];
  await new Listr(
    [
      {
        title: 'machines, network namespaces, bridge, load balancer',
        task: async (_: unknown, task: { output: string }) => {
          removed = await localDestroy({ config, configFile: opts.config, paths, say: (s) => (task.output = s) });
          if (state) for (const s of ['addons', 'nodes', 'bootstrap', 'network'] as StepName[]) state.clear(s);
        },
      },
      {
        title: opts.purge ? 'local files: removing the PKI, configs and state (--purge)' : 'local files: PKI kept (use --purge to remove it)',
        task: () => {
          if (opts.purge) rmSync(paths.root, { recursive: true, force: true });
        },
      },
    ],
    progressOptions(opts.output),
  ).run();
  if (opts.output === 'json') process.stdout.write(JSON.stringify({ cluster: config.name, destroyed: removed, purged: !!opts.purge }, null, 2) + '\n');
  else process.stdout.write(`cluster "${config.name}" destroyed${opts.purge ? '' : `; PKI kept in ${paths.pki}`}\n`);
  return 0;
}
