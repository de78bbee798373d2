// `kube-anywhere validate`: exit 0 when the config is valid (warnings allowed), 2 when it is not.
import { loadConfig } from '../config-schema/load.js';
import type { CommonOptions } from '../lib/cli.js';
import { ConfigError, EXIT_INVALID, formatProblem } from '../lib/errors.js';

export async function validateCommand(opts: CommonOptions): Promise<number> {
  try {
    const { config, warnings } = await loadConfig(opts.config);
    if (opts.output === 'json') {
      process.stdout.write(JSON.stringify({ valid: true, file: opts.config, errors: [], warnings, config }, null, 2) + '\n');
    } else {
      for (const w of warnings) process.stderr.write(formatProblem(opts.config, w) + '\n');
      process.stdout.write(`${opts.config}: valid (cluster "${config.name}", ${config.phase1.cloudProvider})\n`);
    }
    return 0;
  } catch (e) {
    if (!(e instanceof ConfigError) || opts.output !== 'json') throw e;
    const errors = e.problems.filter((p) => p.severity === 'error');
    const warnings = e.problems.filter((p) => p.severity === 'warning');
    process.stdout.write(JSON.stringify({ valid: false, file: opts.config, errors, warnings }, null, 2) + '\n');
    return EXIT_INVALID;
  }
}
