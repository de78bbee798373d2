// Real programs the phase 2 integration tests drive: ignition-validate, ignition, openssl, etcd, sshd.
import { execa } from 'execa';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
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

/**
 * An etcd that accepts the rendered flags: --tls-min-version needs etcd 3.5 or newer, and Debian
 * ships 3.4. `make test-etcd` builds the release the default etcd image carries (3.7.0, Kubernetes 1.37) from its Go
 * modules into ~/.cache/kube-anywhere/test-etcd/; KUBE_ANYWHERE_TEST_ETCD names another binary.
 */
export const TEST_ETCD_VERSION = 'v3.7.0';
export function etcdBinary(): string {
  const bin = process.env.KUBE_ANYWHERE_TEST_ETCD || join(homedir(), '.cache', 'kube-anywhere', 'test-etcd', TEST_ETCD_VERSION, 'etcd');
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run \`make test-etcd\` (builds etcd ${TEST_ETCD_VERSION} from the Go module proxy, about a minute)`);
  return bin;
}
