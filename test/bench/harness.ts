// Shared by the benchmark files: medians of repeated runs, wall time and peak memory.
import { execa } from 'execa';

export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** The figure an issue asks for, e.g. "< 0.3"; printed beside the value. */
  target?: string;
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * Runs a command `runs` times under GNU time: median wall seconds, median CPU seconds (user + sys:
 * steadier than wall time when the machine is busy) and median peak RSS in MB.
 */
export async function measureCommand(cmd: string[], runs = 7, env: NodeJS.ProcessEnv = {}): Promise<{ wall: number; cpu: number; rssMB: number }> {
  const walls: number[] = [];
  const cpus: number[] = [];
  const rss: number[] = [];
  for (let i = 0; i < runs; i++) {
    const r = await execa('/usr/bin/time', ['-f', '@@%e %U %S %M', ...cmd], { reject: false, env: { ...process.env, ...env } });
    const m = /@@([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(String(r.stderr));
    if (!m) throw new Error(`GNU time (apt-get install time) gave no figures for ${cmd.join(' ')}:\n${r.stderr}`);
    walls.push(Number(m[1]));
    cpus.push(Number(m[2]) + Number(m[3]));
    rss.push(Number(m[4]) / 1024);
  }
  return { wall: median(walls), cpu: median(cpus), rssMB: median(rss) };
}

/** Runs an in-process function `runs` times: median wall seconds. */
export async function measure(fn: () => Promise<unknown> | unknown, runs = 5): Promise<number> {
  const walls: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    walls.push((performance.now() - t) / 1000);
  }
  return median(walls);
}
