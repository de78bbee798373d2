// How the day-2 commands (certificate renewal, etcd snapshots and restore, upgrades, scaling) reach
// a running node: one interface, one implementation per target. The local target enters its
// machines (nsenter + systemd-run), bare metal uses SSH as `bootstrap apply` does, and a cloud
// node fetches what it is sent from the cluster's private bucket (no public SSH).
//
// Everything secret travels on stdin, never on a command line. A node that cannot be reached at all
// is a NodeUnreachableError (naming the node and how it was tried); a command that ran and failed is
// a result with its exit code, for the caller to judge.
import { readFileSync } from 'node:fs';
import { UserError } from '../../lib/errors.js';
import { packageFile } from '../../lib/paths.js';

export interface NodeCommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface NodeRunOptions {
  /** Bytes for the script's stdin (keys, snapshots): never put on a command line. */
  input?: string | Buffer;
  timeoutMs?: number;
}

export interface NodeAccess {
  /** The nodes this access reaches, by name (machines, hosts, instances). */
  readonly nodes: readonly string[];
  /** How a node is reached, for messages: "machine lc-master-0", "host m0 (core@10.0.0.10:22)". */
  describe(node: string): string;
  /** Runs a POSIX shell script on the node as root. Throws NodeUnreachableError when the node cannot be reached. */
  run(node: string, script: string, opts?: NodeRunOptions): Promise<NodeCommandResult>;
}

export class NodeUnreachableError extends UserError {
  constructor(
    readonly node: string,
    how: string,
    why: string,
  ) {
    super(`error: cannot reach ${how}: ${why}`);
    this.name = 'NodeUnreachableError';
  }
}

/** A file to put on a node. Paths are absolute and without whitespace. */
export interface NodeFile {
  path: string;
  content: string | Buffer;
  mode: number;
  uid?: number;
  gid?: number;
}

const nodeScript = (name: string) => readFileSync(packageFile('providers', 'common', 'node-scripts', name), 'utf8');

/** The last lines of a failed command's output, for an error message. */
export function tail(r: NodeCommandResult, lines = 5): string {
  return (r.stderr.trim() || r.stdout.trim() || `exit ${r.exitCode}`).split('\n').slice(-lines).join('\n  ');
}

/** Runs a script and returns its stdout; a non-zero exit is a UserError naming the node and `what`. */
export async function runOrFail(a: NodeAccess, node: string, script: string, what: string, opts?: NodeRunOptions): Promise<string> {
  const r = await a.run(node, script, opts);
  if (r.exitCode !== 0) throw new UserError(`error: ${what} on ${a.describe(node)} failed:\n  ${tail(r)}`);
  return r.stdout;
}

/**
 * Writes every file or none: each is written beside its destination first, and only when all are
 * written does each replace its old copy (node-scripts/write-files.sh). Owners and modes are set
 * before the rename, so a key is never readable by anyone else, even for a moment.
 */
export async function writeNodeFiles(a: NodeAccess, node: string, files: NodeFile[]): Promise<void> {
  for (const f of files) {
    if (!/^\/\S+$/.test(f.path)) throw new Error(`internal: node file path ${JSON.stringify(f.path)} must be absolute, without whitespace`);
  }
  const input = files
    .map((f) => `${f.path} ${f.mode.toString(8).padStart(4, '0')} ${f.uid ?? 0} ${f.gid ?? 0}\n${Buffer.from(f.content).toString('base64')}\n`)
    .join('');
  const list = files.map((f) => f.path).join(', ');
  await runOrFail(a, node, nodeScript('write-files.sh'), `writing ${list}`, { input });
}

/** A file's bytes from a node; undefined when it does not exist. */
export async function readNodeFile(a: NodeAccess, node: string, path: string, timeoutMs?: number): Promise<Buffer | undefined> {
  const q = `'${path.replace(/'/g, `'\\''`)}'`;
  const r = await a.run(node, `if [ -e ${q} ]; then base64 < ${q}; else exit 3; fi`, { timeoutMs });
  if (r.exitCode === 3) return undefined;
  if (r.exitCode !== 0) throw new UserError(`error: reading ${path} on ${a.describe(node)} failed:\n  ${tail(r)}`);
  return Buffer.from(r.stdout, 'base64');
}
