// A local cluster (3 masters with etcd + 1 worker, offline): seconds from the machines' power-on to
// every node Ready and to the addons rolled out, and each machine's memory once it has settled.
// Power-on is the start time of each machine's systemd-nspawn process; Ready is the node condition's
// transition time (the API server's clock, which is this host's: the machines share its kernel).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { artifacts, LocalCluster } from '../e2e/local/harness.js';
import type { Figure } from './harness.js';

/** Wall-clock start of a process, in ms since the epoch (from /proc: boot time + start ticks). */
function processStart(pid: number): number {
  const ticks = Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[19]);
  const btime = Number(/^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))![1]);
  return btime * 1000 + (ticks / 100) * 1000; // USER_HZ is 100 on Linux
}

/** Working set of a machine's memory cgroup (usage minus inactive file pages, as the kubelet counts). */
function workingSetMiB(cgroups: string[]): number | undefined {
  const v1 = cgroups.find((d) => d.startsWith('/sys/fs/cgroup/memory/'));
  const dir = v1 ?? (cgroups.length === 1 ? cgroups[0] : undefined);
  if (!dir) return undefined;
  const stat = readFileSync(join(dir, 'memory.stat'), 'utf8');
  const usage = Number(readFileSync(join(dir, v1 ? 'memory.usage_in_bytes' : 'memory.current'), 'utf8'));
  const inactive = Number(new RegExp(`^${v1 ? 'total_' : ''}inactive_file (\\d+)$`, 'm').exec(stat)?.[1] ?? 0);
  return (usage - inactive) / 2 ** 20;
}

export default async function bench(): Promise<Figure[]> {
  try {
    artifacts();
  } catch (e) {
    process.stderr.write(`  local cluster: not measured: ${(e as Error).message}\n`);
    return [];
  }
  const c = new LocalCluster('lb', ['topology.masters=3', 'topology.etcd.count=3', 'topology.workers=1']);
  await c.configure();
  try {
    const r = await c.cli(['deploy', '--yes', '--timeout', '600']);
    const addonsDone = Date.now();
    if (r.exitCode !== 0) throw new Error(`deploy failed:\n${r.all}`);
    const record = JSON.parse(readFileSync(join(c.dir, 'clusters', 'lb', 'local', 'record.json'), 'utf8'));
    const machines = Object.values(record.machines) as { name: string; dir?: string; root: string; cgroups: string[] }[];
    const starts = machines.map((m) => {
      const pid = Number(readFileSync(join(m.root, '..', 'nspawn.pid'), 'utf8'));
      return processStart(pid);
    });
    const powerOn = Math.min(...starts);
    const nodes = await c.json<{ items: any[] }>(['get', 'nodes']);
    const ready = nodes.items.map((n) => Date.parse(n.status.conditions.find((x: any) => x.type === 'Ready').lastTransitionTime));
    // Let the machines settle (image pulls, rollouts) before reading memory.
    await sleep(30_000);
    const figures: Figure[] = [
      { name: 'local 3+1: power-on to every node Ready', value: (Math.max(...ready) - powerOn) / 1000, unit: 's' },
      { name: 'local 3+1: power-on to addons rolled out', value: (addonsDone - powerOn) / 1000, unit: 's' },
    ];
    for (const m of machines.sort((a, b) => a.name.localeCompare(b.name))) {
      const mib = workingSetMiB(m.cgroups);
      if (mib !== undefined) figures.push({ name: `local 3+1: memory of ${m.name} (working set)`, value: mib, unit: 'MiB' });
    }
    return figures;
  } finally {
    await c.cli(['destroy', '--yes', '--purge']);
  }
}
