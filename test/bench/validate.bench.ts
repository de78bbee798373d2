// `kube-anywhere validate` as a user runs it: a new node process, CLI start included.
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageFile } from '../../lib/paths.js';
import { measureCommand, type Figure } from './harness.js';

export default async function (): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'ka-bench-'));
  const file = join(dir, 'cluster.json');
  // A typical HA cluster: 3 masters, 3 dedicated etcd, 10 workers, calico.
  writeFileSync(file, JSON.stringify({
    name: 'bench', topology: { masters: 3, etcd: { placement: 'dedicated', count: 3 }, workers: 10 },
    phase1: { cloudProvider: 'aws', aws: { region: 'eu-west-1', allowedCidrs: { ssh: ['192.0.2.0/24'] } } },
    phase3: { cni: { plugin: 'calico' } },
  }));
  const cli = packageFile('dist', 'bin', 'kube-anywhere.js');
  const r = await measureCommand(['node', cli, 'validate', '--config', file], 9);
  const base = await measureCommand(['node', '-e', ''], 9);
  return [
    { name: 'validate: wall time (CLI start included)', value: r.wall, unit: 's', target: '< 0.3' },
    { name: 'validate: CPU time (user + sys)', value: r.cpu, unit: 's' },
    { name: 'validate: peak memory', value: r.rssMB, unit: 'MB' },
    { name: 'for scale: bare `node -e ""` wall time', value: base.wall, unit: 's' },
    { name: 'validate: wall time over bare node start', value: r.wall - base.wall, unit: 's' },
  ];
}
