// The real terraform binary, run through execa in one stack directory (clusters/<name>/terraform/<stack>).
// Its output goes to clusters/<name>/logs/<stack>-<command>.log (the last run of each); on failure the
// error blocks (resource and message) and the log's tail are shown. Nothing here imports cdktf, so
// the phases can run terraform without paying for the constructs.
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { ensureDir, writeFileAtomic } from './files.js';
import { UserError } from './errors.js';

/** Env var naming a provider filesystem mirror; the config's phase1.terraform.pluginMirror wins. */
export const PLUGIN_MIRROR_ENV = 'KUBE_ANYWHERE_TF_PLUGIN_MIRROR';

export interface TerraformOptions {
  /** Stack directory holding cdk.tf.json (terraform's working directory). */
  dir: string;
  /** Stack name, for log file names and messages. */
  stack: string;
  /** clusters/<name>/logs */
  logDir: string;
  /** Directory of a provider filesystem mirror (air-gapped sites); empty or absent: the registry. */
  pluginMirror?: string;
  /** Extra environment (credentials stay in the inherited environment). */
  env?: Record<string, string>;
  /** Called with each output line (progress display). */
  onLine?: (line: string) => void;
}

/** The mirror directory to use: the config's setting, else the environment's, else none. */
export function pluginMirrorFrom(configured: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return configured || env[PLUGIN_MIRROR_ENV] || undefined;
}

/** A terraform CLI config that installs providers from the mirror only (never the network). */
export function mirrorCliConfig(mirror: string): string {
  return `provider_installation {\n  filesystem_mirror {\n    path = ${JSON.stringify(mirror)}\n  }\n}\n`;
}

/** The last n lines of a text. */
function tail(text: string, n: number): string[] {
  return text.trimEnd().split('\n').slice(-n);
}

/** Terraform's "Error:" blocks (message, "with <resource>", detail), or the tail when there are none. */
export function errorSummary(output: string, tailLines = 20): string[] {
  const lines = output.split('\n');
  const start = lines.findIndex((l) => /^\s*(│\s*)?Error: /.test(l));
  if (start < 0) return tail(output, tailLines);
  return lines.slice(start, start + 40).map((l) => l.replace(/^│ ?/, '')).filter((l, i, a) => !(l.trim() === '' && a[i - 1]?.trim() === ''));
}

export class Terraform {
  constructor(readonly opts: TerraformOptions) {}

  private env(): Record<string, string> {
    const env: Record<string, string> = { TF_IN_AUTOMATION: '1', TF_INPUT: '0', CHECKPOINT_DISABLE: '1', ...this.opts.env };
    if (this.opts.pluginMirror) {
      if (!existsSync(this.opts.pluginMirror)) {
        throw new UserError(
          `error: the terraform provider mirror ${this.opts.pluginMirror} does not exist (set by phase1.terraform.pluginMirror or ${PLUGIN_MIRROR_ENV})`,
        );
      }
      // Our own CLI config file, next to the stack: the user's ~/.terraformrc is never written.
      const rc = join(this.opts.dir, '..', '.terraformrc');
      writeFileAtomic(rc, mirrorCliConfig(this.opts.pluginMirror));
      env.TF_CLI_CONFIG_FILE = rc;
    }
    return env;
  }

  /** Runs terraform with args; returns the exit code (those in okCodes) or throws a UserError with the error shown. */
  private async run(command: string, args: string[], okCodes = [0]): Promise<{ code: number; stdout: string }> {
    ensureDir(this.opts.logDir, 0o700);
    const logFile = join(this.opts.logDir, `${this.opts.stack}-${command}.log`);
    const log = createWriteStream(logFile, { mode: 0o600 });
    let output = '';
    let stdout = '';
    let pending = '';
    const sub = execa('terraform', [command, ...args], {
      cwd: this.opts.dir,
      env: this.env(),
      reject: false,
      stdin: 'ignore',
      all: true,
      buffer: false,
    });
    sub.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
    sub.all?.on('data', (d: Buffer) => {
      const s = d.toString();
      output += s;
      log.write(s);
      if (this.opts.onLine) {
        const parts = (pending + s).split('\n');
        pending = parts.pop() ?? '';
        for (const p of parts) if (p.trim()) this.opts.onLine(p);
      }
    });
    const result = await sub;
    await new Promise<void>((resolve) => log.end(resolve));
    const code = result.exitCode ?? -1;
    if (result.failed && result.exitCode === undefined) {
      const missing = (result as { code?: string }).code === 'ENOENT';
      throw new UserError(
        missing
          ? 'error: the terraform program was not found on PATH; install Terraform >= 1.5 (https://developer.hashicorp.com/terraform/install)'
          : `error: terraform ${command} (${this.opts.stack} stack) did not run: ${result.shortMessage ?? result.message}`,
      );
    }
    if (!okCodes.includes(code)) {
      throw new UserError(
        `error: terraform ${command} of the ${this.opts.stack} stack failed (exit ${code}); terraform state is kept, a re-run continues from here`,
        1,
        [...errorSummary(output), `full output: ${logFile}`],
      );
    }
    return { code, stdout };
  }

  async init(): Promise<void> {
    await this.run('init', ['-input=false', '-no-color']);
  }

  /** true when the plan has changes (terraform plan -detailed-exitcode: 0 none, 2 changes). */
  async planHasChanges(destroy = false): Promise<boolean> {
    const { code } = await this.run('plan', ['-input=false', '-no-color', '-detailed-exitcode', '-lock-timeout=60s', ...(destroy ? ['-destroy'] : [])], [0, 2]);
    return code === 2;
  }

  async apply(): Promise<void> {
    await this.run('apply', ['-input=false', '-no-color', '-auto-approve', '-lock-timeout=60s']);
  }

  async destroy(): Promise<void> {
    await this.run('destroy', ['-input=false', '-no-color', '-auto-approve', '-lock-timeout=60s']);
  }

  /** `terraform output -json`, as name -> value. */
  async outputs(): Promise<Record<string, unknown>> {
    const { stdout } = await this.run('output', ['-json', '-no-color']);
    const parsed = JSON.parse(stdout || '{}') as Record<string, { value: unknown }>;
    return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, v.value]));
  }

  /** Whether `terraform init` has run in this stack directory. */
  initialized(): boolean {
    return existsSync(join(this.opts.dir, '.terraform'));
  }

  /**
   * Resources recorded in a stack's local state file (0 when there is none). Undefined when it
   * cannot be known from here: a remote backend (cdk.tf.json names one), or an unreadable file.
   */
  static localStateResourceCount(dir: string, file = 'terraform.tfstate'): number | undefined {
    const stack = join(dir, 'cdk.tf.json');
    if (existsSync(stack)) {
      try {
        const backend = (JSON.parse(readFileSync(stack, 'utf8')) as { terraform?: { backend?: Record<string, unknown> } }).terraform?.backend;
        if (backend && !('local' in backend)) return undefined;
      } catch {
        return undefined;
      }
    }
    const p = join(dir, file);
    if (!existsSync(p)) return 0;
    try {
      return ((JSON.parse(readFileSync(p, 'utf8')) as { resources?: unknown[] }).resources ?? []).length;
    } catch {
      return undefined;
    }
  }
}
