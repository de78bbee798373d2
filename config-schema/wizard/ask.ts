// Asking one question in a terminal, with @inquirer/prompts: lists for choices, the default
// preselected, `?` for help, and the answer checked against the key's schema as it is typed.
import { checkbox, input, select } from '@inquirer/prompts';
import { helpText, type Question } from './questions.js';
import { checkValue, parseTyped } from './values.js';

const HOST_ROLES = ['master', 'etcd', 'worker'] as const;

const show = (v: unknown): string => (Array.isArray(v) ? v.join(',') : v === undefined ? '' : String(v));

/** Checks an answer against the rest of the config (semantic rules); a sentence when refused. */
export type AnswerCheck = (value: unknown) => string | undefined;
const noCheck: AnswerCheck = () => undefined;

/** Text answer for any non-choice key: parsed by type, checked by schema; `?` prints the help. */
async function askText(q: Question, current: unknown, out: NodeJS.WritableStream, check: AnswerCheck = noCheck): Promise<unknown> {
  const message = `${q.node['x-prompt'] ?? q.path} (? for help)`;
  for (;;) {
    const text = await input({
      message,
      default: show(current),
      validate: (t) => {
        if (t.trim() === '?') return true;
        try {
          const value = parseTyped(q.node, t);
          const problems = checkValue(q.node, value, q.path);
          return problems.length ? problems.join('; ') : (check(value) ?? true);
        } catch (e) {
          return (e as Error).message;
        }
      },
    });
    if (text.trim() !== '?') return parseTyped(q.node, text);
    out.write(`\n${helpText(q)}\n\n`);
  }
}

async function askChoice(q: Question, current: unknown, out: NodeJS.WritableStream, check: AnswerCheck = noCheck): Promise<unknown> {
  const values = q.node.type === 'boolean' ? [true, false] : (q.node.enum ?? []);
  for (;;) {
    const value = await selectOne(q, values, current);
    const refused = check(value);
    if (!refused) return value;
    out.write(`> ${refused}\n`);
    current = value;
  }
}

function selectOne(q: Question, values: unknown[], current: unknown): Promise<unknown> {
  return select({
    message: String(q.node['x-prompt'] ?? q.path),
    choices: values.map((v) => ({ name: q.node.type === 'boolean' ? (v ? 'yes' : 'no') : String(v), value: v, description: q.node.description })),
    default: current,
  });
}

type Host = { name: string; ip: string; roles: string[] };

/** Bare-metal hosts: how many, then name, IP and roles of each (current hosts preselected). */
async function askHosts(q: Question, current: unknown, out: NodeJS.WritableStream): Promise<Host[]> {
  const hostNode = q.node.items!;
  const props = hostNode.properties!;
  const old = (Array.isArray(current) ? current : []) as Host[];
  const count = (await askText({ path: `${q.path} (count)`, node: { type: 'integer', minimum: 1, maximum: 1000, description: q.node.description, 'x-prompt': 'Number of hosts' }, menus: q.menus }, old.length || 1, out)) as number;
  const hosts: Host[] = [];
  for (let i = 0; i < count; i++) {
    const prev = old[i] ?? { name: `node-${i}`, ip: '', roles: i === 0 ? ['master', 'etcd'] : ['worker'] };
    out.write(`Host ${i + 1} of ${count}\n`);
    const name = (await askText({ path: `${q.path}.${i}.name`, node: { ...props.name, 'x-prompt': 'Host name' }, menus: q.menus }, prev.name, out)) as string;
    const ip = (await askText({ path: `${q.path}.${i}.ip`, node: { ...props.ip, 'x-prompt': 'Private IP' }, menus: q.menus }, prev.ip, out)) as string;
    const roles = await checkbox({
      message: 'Roles',
      choices: HOST_ROLES.map((r) => ({ name: r, value: r, checked: prev.roles.includes(r) })),
      validate: (chosen) => (chosen.length ? true : 'pick at least one role'),
    });
    hosts.push({ ...prev, name, ip, roles });
  }
  return hosts;
}

export async function ask(q: Question, current: unknown, out: NodeJS.WritableStream, check: AnswerCheck): Promise<unknown> {
  if (q.node['x-wizard'] === 'hosts') return askHosts(q, current, out);
  if (q.node.enum || q.node.type === 'boolean') return askChoice(q, current, out, check);
  return askText(q, current, out, check);
}
