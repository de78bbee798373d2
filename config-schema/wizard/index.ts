// The config wizard, Kconfig-style (`make config`): the existing file supplies the defaults (like
// `make oldconfig`), keys that do not apply are skipped, and the whole result is validated before
// anything is written. Non-interactive with --defaults, --set and --from.
import { existsSync } from 'node:fs';
import { ConfigError, EXIT_INVALID, UserError, formatProblem } from '../../lib/errors.js';
import { writeFileAtomic } from '../../lib/files.js';
import { checkConfig, parseJsonFile, readConfigText } from '../load.js';
import { applies, clusterSchema, getPath, setPath, type SchemaNode } from '../schema.js';
import validateSchema from '../schema-validator.js';
import { semanticProblems } from '../semantic.js';
import type { ClusterConfig } from '../types.js';
import { ask } from './ask.js';
import { questions, type Question } from './questions.js';
import { parseSetFlag } from './values.js';

export interface WizardOptions {
  config: string;
  defaults?: boolean;
  set: string[];
  from?: string;
  onlyNew?: boolean;
}

type Obj = Record<string, unknown>;

function deepMerge(base: Obj, over: Obj): Obj {
  const out: Obj = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] = v && typeof v === 'object' && !Array.isArray(v) && b && typeof b === 'object' && !Array.isArray(b) ? deepMerge(b as Obj, v as Obj) : v;
  }
  return out;
}

async function readObject(file: string, what: string): Promise<Obj> {
  const raw = await parseJsonFile(file, readConfigText(file));
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new UserError(`error: ${file}: ${what} must be a JSON object`, EXIT_INVALID);
  return raw as Obj;
}

/** The same object with keys in the schema's order (the order of the wizard's menus). */
function inSchemaOrder(value: unknown, node: SchemaNode | undefined): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value) || !node?.properties) return value;
  const obj = value as Obj;
  const keys = [...Object.keys(node.properties).filter((k) => k in obj), ...Object.keys(obj).filter((k) => !(k in node.properties!))];
  return Object.fromEntries(keys.map((k) => [k, inSchemaOrder(obj[k], node.properties![k])]));
}

/** A key's starting value: the answer so far, or the key its default follows, or the schema default. */
function currentValue(q: Question, answers: Obj): unknown {
  const v = getPath(answers, q.path);
  if (v !== undefined) return v;
  const from = q.node['x-default-from'];
  if (from && getPath(answers, from) !== undefined) return getPath(answers, from);
  return q.node.default;
}

export async function runWizard(opts: WizardOptions, io = { stdin: process.stdin, stdout: process.stdout }): Promise<number> {
  const nonInteractive = Boolean(opts.defaults || opts.set.length || opts.from);
  if (!nonInteractive && !io.stdin.isTTY) {
    throw new UserError(
      [
        'error: the config wizard needs a terminal, and standard input is not one. Run it non-interactively instead:',
        '  kube-anywhere config --defaults                      (every default, or the current file values)',
        '  kube-anywhere config --set topology.masters=3 ...    (set values; the rest from defaults)',
        '  kube-anywhere config --from answers.json             (a partial config with your answers)',
        '  (through make: make config ARGS=--defaults)',
      ].join('\n'),
      EXIT_INVALID,
    );
  }
  const existing = existsSync(opts.config) ? await readObject(opts.config, 'the existing config') : {};
  const fixed: Obj = {};
  if (opts.from) Object.assign(fixed, deepMerge(fixed, await readObject(opts.from, '--from')));
  for (const flag of opts.set) {
    const { path, value } = parseSetFlag(flag);
    setPath(fixed, path, value);
  }
  let answers = deepMerge(existing, fixed);
  const all = questions();

  if (!nonInteractive) {
    answers = await interview(all, answers, { existing, fixed, onlyNew: Boolean(opts.onlyNew) }, io.stdout);
  }

  // Fill what was not asked, so the written file shows every applicable setting.
  for (const q of all) if (applies(q.path, answers) && getPath(answers, q.path) === undefined) setPath(answers, q.path, currentValue(q, answers));

  for (let attempt = 0; ; attempt++) {
    try {
      const { warnings } = checkConfig(opts.config, answers);
      for (const w of warnings) io.stdout.write(formatProblem(opts.config, w) + '\n');
      break;
    } catch (e) {
      if (!(e instanceof ConfigError) || nonInteractive || attempt >= 5) throw e;
      // Ask again exactly the questions whose answers were refused.
      io.stdout.write(`\nThe answers do not make a valid cluster yet:\n${e.message}\n\n`);
      const bad = all.filter((q) => e.problems.some((p) => p.path === q.path || p.path.startsWith(`${q.path}.`) || q.path.startsWith(`${p.path}.`)));
      if (!bad.length) throw e;
      answers = await interview(bad, answers, { existing: {}, fixed: {}, onlyNew: false }, io.stdout);
    }
  }

  const changed = writeFileAtomic(opts.config, JSON.stringify(inSchemaOrder(answers, clusterSchema()), null, 2) + '\n', 0o644);
  io.stdout.write(`${opts.config}: ${changed ? 'written' : 'unchanged'}; check it with \`make validate\`, then \`make render\` or \`make deploy\`.\n`);
  return 0;
}

/**
 * The semantic rules (etcd count odd, CIDRs apart, ...) applied to the answers so far with this
 * answer in place and defaults for the rest: the first problem reported at this key, if any.
 */
function semanticRefusal(q: Question, answers: Obj, value: unknown): string | undefined {
  const trial = structuredClone(answers);
  setPath(trial, q.path, value);
  if (!validateSchema(trial)) return undefined; // another key is still incomplete: judged at the end
  const problem = semanticProblems(trial as unknown as ClusterConfig).find((p) => p.severity === 'error' && p.path === q.path);
  return problem?.message;
}

async function interview(qs: Question[], answers: Obj, ctx: { existing: Obj; fixed: Obj; onlyNew: boolean }, out: NodeJS.WritableStream): Promise<Obj> {
  let menu = '';
  for (const q of qs) {
    if (!applies(q.path, answers)) continue;
    if (getPath(ctx.fixed, q.path) !== undefined) continue;
    if (ctx.onlyNew && getPath(ctx.existing, q.path) !== undefined) continue;
    const title = q.menus.join(' › ');
    if (title !== menu) out.write(`\n── ${(menu = title)} ──\n`);
    setPath(answers, q.path, await ask(q, currentValue(q, answers), out, (value) => semanticRefusal(q, answers, value)));
  }
  return answers;
}
