// Real programs the phase 2 integration tests drive: ignition-validate, ignition, openssl, etcd, sshd.
import { execa } from 'execa';
import { createServer } from 'node:net';
import { packageFile } from '../../../lib/paths.js';

export const CLI = packageFile('dist', 'bin', 'kube-anywhere.js');

export function runCli(args: string[], env: NodeJS.ProcessEnv = {}, cwd?: string) {
  return execa('node', [CLI, ...args], { reject: false, stdin: 'ignore', env: { ...process.env, ...env }, cwd });
}

/** The ignition binary of Debian's package (not on PATH: it lives in the dracut module). */
export async function ignitionBinary(): Promise<string> {
  const r = await execa('dpkg', ['-L', 'ignition']);
  const bin = r.stdout.split('\n').find((l) => l.endsWith('/ignition'));
  if (!bin) throw new Error('the ignition package is not installed (apt-get install ignition)');
  return bin;
}

/** A TCP port nobody listens on right now, on the given loopback address. */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, host, () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export async function waitFor<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 20000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < end) {
    try {
      const v = await fn();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
}
