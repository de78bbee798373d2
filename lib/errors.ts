// Errors a user can act on. The CLI prints their message (never a stack trace) and exits with
// their code; anything else is an internal error, printed as one line unless KUBE_ANYWHERE_DEBUG is set.

export const EXIT_INVALID = 2; // invalid input: config, flags, pki directory
export const EXIT_FAILED = 1; // a step failed: terraform, ssh, kubectl

export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT_FAILED,
    readonly details: string[] = [],
  ) {
    super(message);
    this.name = 'UserError';
  }
}

/** A problem found in a config file, at a JSON path (dotted, e.g. topology.etcd.count). */
export interface ConfigProblem {
  path: string;
  message: string;
  severity: 'error' | 'warning';
}

export class ConfigError extends UserError {
  constructor(
    readonly file: string,
    readonly problems: ConfigProblem[],
  ) {
    super(
      problems
        .filter((p) => p.severity === 'error')
        .map((p) => formatProblem(file, p))
        .join('\n'),
      EXIT_INVALID,
    );
    this.name = 'ConfigError';
  }
}

export function formatProblem(file: string, p: ConfigProblem): string {
  const where = p.path ? `${file}: ${p.path}` : file;
  return `${p.severity === 'warning' ? 'warning: ' : 'error: '}${where}: ${p.message}`;
}
