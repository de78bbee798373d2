// A local cluster's machines are entered from this host: the command runs as a transient unit of
// the machine's own systemd (its namespaces, capabilities and cgroups), stdin handed through.
import { existsSync } from 'node:fs';
import type { ClusterConfig } from '../../config-schema/types.js';
import type { ClusterPaths } from '../../lib/paths.js';
import { NodeUnreachableError, type NodeAccess, type NodeRunOptions } from '../common/node-access.js';
import { localLayout, machineSpec } from './index.js';
import { inMachine, leaderPid } from './machine.js';
import { HostRecord } from './record.js';

export function localNodeAccess(c: ClusterConfig, paths: ClusterPaths): NodeAccess {
  const layout = localLayout(c, paths);
  const machines = existsSync(HostRecord.fileIn(layout.dir)) ? HostRecord.load(layout.dir, c.name).data.machines : {};
  const spec = (node: string) => {
    const m = machines[node];
    if (!m) throw new NodeUnreachableError(node, `machine ${node}`, 'it is not a machine of this cluster (not deployed?)');
    return machineSpec(layout, m, m.uuid, m.cgroups);
  };
  return {
    nodes: Object.keys(machines),
    describe: (node) => `machine ${node}`,
    async run(node: string, script: string, opts: NodeRunOptions = {}) {
      const s = spec(node);
      if (!leaderPid(s)) throw new NodeUnreachableError(node, `machine ${node}`, 'it is not running (`kube-anywhere machines start` powers it on)');
      const r = await inMachine(s, ['sh', '-c', script], opts.timeoutMs ?? 60_000, opts.input ?? '');
      if (r.timedOut) throw new NodeUnreachableError(node, `machine ${node}`, `no answer within ${(opts.timeoutMs ?? 60_000) / 1000} s`);
      return { exitCode: r.exitCode ?? 1, stdout: String(r.stdout), stderr: String(r.stderr) };
    },
  };
}
