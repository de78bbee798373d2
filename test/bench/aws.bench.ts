// Synth of the two AWS stacks in a fresh process (node start and module loading included): wall
// time, CPU time and peak memory, for 3 and for 1000 workers. Workers are one autoscaling group,
// so the figures and the cdk.tf.json size must not grow with the worker count.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { packageFile } from '../../lib/paths.js';
import { measureCommand, type Figure } from './harness.js';

export default async function (): Promise<Figure[]> {
  const script = packageFile('dist', 'test', 'bench', 'aws-synth.js');
  const figures: Figure[] = [];
  const sizes: Record<number, number> = {};
  for (const workers of [3, 1000]) {
    const dir = mkdtempSync(join(tmpdir(), 'ka-bench-aws-'));
    sizes[workers] = Number((await execa('node', [script, String(workers), dir])).stdout.trim());
    const r = await measureCommand(['node', script, String(workers), dir], 7);
    figures.push(
      { name: `aws synth, both stacks, ${workers} workers: wall time (fresh process)`, value: r.wall, unit: 's', target: '< 1' },
      { name: `aws synth, both stacks, ${workers} workers: CPU time (user + sys)`, value: r.cpu, unit: 's' },
      { name: `aws synth, both stacks, ${workers} workers: peak memory`, value: r.rssMB, unit: 'MB', target: '< 200' },
      { name: `aws synth, both stacks, ${workers} workers: cdk.tf.json bytes (network + nodes)`, value: sizes[workers], unit: 'B' },
    );
  }
  figures.push({ name: 'aws synth: cdk.tf.json size difference, 1000 vs 3 workers', value: sizes[1000] - sizes[3], unit: 'B', target: 'the digits of the count only' });
  return figures;
}
