// How every command ends: a UserError prints its message and exits with its code; anything else is
// an internal error, shown as one line (the stack only with KUBE_ANYWHERE_DEBUG=1).
import { UserError } from './errors.js';

export async function run(action: () => Promise<number | void>): Promise<void> {
  try {
    process.exitCode = (await action()) ?? 0;
  } catch (e) {
    if (e instanceof UserError) {
      process.stderr.write(`${e.message}\n${e.details.map((d) => `  ${d}\n`).join('')}`);
      process.exitCode = e.exitCode;
      return;
    }
    const err = e as Error;
    process.stderr.write(`kube-anywhere: internal error: ${err?.message ?? String(e)}\n`);
    if (process.env.KUBE_ANYWHERE_DEBUG) process.stderr.write(`${err?.stack}\n`);
    else process.stderr.write('  (set KUBE_ANYWHERE_DEBUG=1 for details)\n');
    process.exitCode = 70;
  }
}

export interface CommonOptions {
  config: string;
  stateDir: string;
  output: 'text' | 'json';
}
