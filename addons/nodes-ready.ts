// The end of `deploy`: every node the topology promises is Ready. Workers join by TLS bootstrap after
// the control plane is up, often after the addons rolled out; a deploy that ended before them would
// hand over a cluster that is not yet what the config says.
import { setTimeout as sleep } from 'node:timers/promises';
import type { ClusterConfig } from '../config-schema/types.js';
import { podNodeCount } from '../config-schema/semantic.js';
import { UserError } from '../lib/errors.js';
import type { ClusterPaths } from '../lib/paths.js';
import { Kubectl } from './kubectl.js';
import { POLL_ENV } from './apply.js';

interface NodeList {
  items: { metadata: { name: string }; status?: { conditions?: { type: string; status: string; reason?: string }[] } }[];
}

const isReady = (n: NodeList['items'][number]) => n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;

/** Waits until as many nodes as the topology has (masters and workers; not dedicated etcd) are Ready. */
export async function waitForNodesReady(c: ClusterConfig, paths: ClusterPaths, timeoutSeconds: number, say: (s: string) => void): Promise<void> {
  const want = podNodeCount(c);
  const k = new Kubectl(paths);
  const pollMs = Number(process.env[POLL_ENV] ?? 2000);
  const deadline = Date.now() + timeoutSeconds * 1000;
  say(`waiting up to ${timeoutSeconds} s for ${want} node${want === 1 ? '' : 's'} to be Ready`);
  let last: NodeList['items'] = [];
  for (;;) {
    const r = await k.run(['get', 'nodes', '-o', 'json', '--request-timeout=10s'], { timeoutSeconds: 20 });
    if (r.ok) last = (JSON.parse(r.stdout) as NodeList).items;
    const ready = last.filter(isReady);
    if (ready.length >= want) {
      say(`${ready.length} node${ready.length === 1 ? '' : 's'} Ready`);
      return;
    }
    if (Date.now() + pollMs >= deadline) {
      const notReady = last.filter((n) => !isReady(n)).map((n) => n.metadata.name);
      throw new UserError(
        `error: ${ready.length} of ${want} nodes are Ready after ${timeoutSeconds} s` +
          (notReady.length ? `; not Ready: ${notReady.join(', ')}` : '; the others have not registered') +
          '. The addons are applied; `kubectl get nodes` and the nodes\' kubelet logs (journalctl -u kubelet) say why. Wait longer with --timeout.',
      );
    }
    await sleep(pollMs);
  }
}
