// Reading a config file: JSON syntax errors with line and column, then schema, then semantics.
import { readFileSync } from 'node:fs';
import { ConfigError, EXIT_INVALID, UserError, type ConfigProblem } from '../lib/errors.js';
import validateSchema from './schema-validator.js';
import { describeAjvErrors } from './problems.js';
import { semanticProblems } from './semantic.js';
import type { ClusterConfig } from './types.js';

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

/** Strict JSON (no comments, no trailing commas), with syntax errors located by line and column. */
export async function parseJsonFile(file: string, text: string): Promise<unknown> {
  try {
    return JSON.parse(text);
  } catch {
    // JSON.parse's messages differ between Node versions and may lack a position: ask jsonc-parser where.
  }
  const { parse, printParseErrorCode } = await import('jsonc-parser');
  const errors: import('jsonc-parser').ParseError[] = [];
  const value = parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors.length) {
    const e = errors[0];
    const { line, column } = lineColumn(text, e.offset);
    throw new ConfigError(file, [{ path: '', severity: 'error', message: `line ${line}, column ${column}: invalid JSON (${printParseErrorCode(e.error)})` }]);
  }
  return value;
}

export function readConfigText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const hint = code === 'ENOENT' ? '; create one with `make config` (or `kube-anywhere config`), or name another with --config' : '';
    throw new UserError(`error: ${file}: cannot read the config file (${code ?? (e as Error).message})${hint}`, EXIT_INVALID);
  }
}

export interface LoadedConfig {
  config: ClusterConfig;
  warnings: ConfigProblem[];
}

/** Validates a parsed config (defaults applied in a copy). Throws ConfigError listing every problem. */
export function checkConfig(file: string, raw: unknown): LoadedConfig {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigError(file, [{ path: '', severity: 'error', message: 'must be a JSON object, such as {"name": "kube"}' }]);
  }
  const data = structuredClone(raw) as Record<string, unknown>;
  if (!validateSchema(data)) throw new ConfigError(file, describeAjvErrors(validateSchema.errors ?? [], data));
  const config = data as unknown as ClusterConfig;
  const problems = semanticProblems(config);
  if (problems.some((p) => p.severity === 'error')) throw new ConfigError(file, problems);
  return { config, warnings: problems };
}

/** Reads, parses and validates a config file: the ClusterConfig with every default applied. */
export async function loadConfig(file: string): Promise<LoadedConfig> {
  return checkConfig(file, await parseJsonFile(file, readConfigText(file)));
}
