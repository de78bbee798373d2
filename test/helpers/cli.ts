// Runs the real compiled CLI (dist/bin/kube-anywhere.js) in a child process, as a user would.
import { execa, type Options } from 'execa';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageFile } from '../../lib/paths.js';

export const CLI = packageFile('dist', 'bin', 'kube-anywhere.js');

export function runCli(args: string[], opts: Options = {}) {
  return execa('node', [CLI, ...args], { reject: false, stdin: 'ignore', ...opts });
}

export const tempDir = (prefix = 'ka-test-'): string => mkdtempSync(join(tmpdir(), prefix));
