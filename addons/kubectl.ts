// kubectl, run through execa, always with the cluster's admin kubeconfig. The binary is
// KUBE_ANYWHERE_KUBECTL when set (tests point it at test/fakes/fake-kubectl), else `kubectl` on PATH.
// Every call and its output go to clusters/<name>/logs/addons.log, the last run's (kubectl's apply
// output names objects, never their data).
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { UserError } from '../lib/errors.js';
import { ensureDir } from '../lib/files.js';
import type { ClusterPaths } from '../lib/paths.js';

export const KUBECTL_ENV = 'KUBE_ANYWHERE_KUBECTL';

export interface KubectlResult {
  ok: boolean;
  exitCode: number;
  stdout: string;
  stderr: string;
}

export class Kubectl {
  readonly bin: string;
  private readonly logFile: string;

  constructor(
    readonly paths: ClusterPaths,
    env: NodeJS.ProcessEnv = process.env,
  ) {
    this.bin = env[KUBECTL_ENV] || 'kubectl';
    ensureDir(paths.logs, 0o700);
    this.logFile = join(paths.logs, 'addons.log');
    // The log holds the last run only (DESIGN.md: logs/ = output of the last run).
    writeFileSync(this.logFile, `# kube-anywhere addons apply, ${new Date().toISOString()}\n`, { mode: 0o600 });
  }

  async run(args: string[], opts: { env?: Record<string, string>; timeoutSeconds?: number } = {}): Promise<KubectlResult> {
    const argv = ['--kubeconfig', this.paths.kubeconfig, ...args];
    const r = await execa(this.bin, argv, {
      reject: false,
      env: opts.env,
      timeout: opts.timeoutSeconds ? opts.timeoutSeconds * 1000 : undefined,
      stdin: 'ignore',
    });
    if ((r as { code?: string }).code === 'ENOENT') {
      throw new UserError(`error: kubectl not found (${this.bin}); install kubectl (https://kubernetes.io/docs/tasks/tools/) or name it with ${KUBECTL_ENV}`);
    }
    const stdout = String(r.stdout ?? '');
    const stderr = String(r.stderr ?? '') + (r.timedOut ? `\n(kubectl stopped after ${opts.timeoutSeconds} s)` : '');
    appendFileSync(
      this.logFile,
      `${new Date().toISOString()} ${[this.bin, ...argv].join(' ')}\n  exit ${r.exitCode ?? 'none'}\n${indent(stdout)}${indent(stderr)}`,
      { mode: 0o600 },
    );
    return { ok: r.exitCode === 0 && !r.timedOut, exitCode: r.exitCode ?? -1, stdout, stderr };
  }

  /** Like run, but a failure is a UserError carrying kubectl's own message. */
  async must(what: string, args: string[], opts: { env?: Record<string, string>; timeoutSeconds?: number } = {}): Promise<KubectlResult> {
    const r = await this.run(args, opts);
    if (!r.ok) throw new UserError(`error: ${what} failed (kubectl exit ${r.exitCode}); log: ${this.logFile}`, 1, lastLines(r.stderr || r.stdout, 12));
    return r;
  }
}

const indent = (s: string) => (s.trim() ? s.trimEnd().split('\n').map((l) => `  | ${l}\n`).join('') : '');

export function lastLines(s: string, n: number): string[] {
  return s
    .split('\n')
    .map((l) => l.trimEnd())
    .filter(Boolean)
    .slice(-n);
}
