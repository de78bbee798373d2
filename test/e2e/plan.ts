// What `terraform plan` would change in an applied stack, read from the plan itself (terraform show
// -json of a saved plan): one "address: attribute" line per changed top-level attribute, so a test can
// name exactly which drift it expects and from whom.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';

type Change = { address: string; change: { actions: string[]; before: Record<string, unknown> | null; after: Record<string, unknown> | null; after_unknown?: Record<string, unknown> } };

const hasTrue = (v: unknown): boolean => v === true || (typeof v === 'object' && v !== null && Object.values(v).some(hasTrue));

export async function plannedChanges(stackDir: string, env: Record<string, string>): Promise<string[]> {
  const planFile = join(mkdtempSync(join(tmpdir(), 'ka-plan-')), 'plan');
  const plan = await execa('terraform', ['plan', '-input=false', '-no-color', '-lock-timeout=60s', `-out=${planFile}`], { cwd: stackDir, env, extendEnv: false, reject: false });
  if (plan.exitCode !== 0) throw new Error(`terraform plan failed in ${stackDir}:\n${plan.stderr}`);
  const shown = await execa('terraform', ['show', '-json', planFile], { cwd: stackDir, env, extendEnv: false });
  const changes = ((JSON.parse(shown.stdout) as { resource_changes?: Change[] }).resource_changes ?? []).filter((c) => c.change.actions.join() !== 'no-op' && c.change.actions.join() !== 'read');
  return changes
    .flatMap((c) => {
      if (c.change.actions.join() !== 'update') return [`${c.address}: ${c.change.actions.join('+')}`];
      const before = c.change.before ?? {};
      const after = c.change.after ?? {};
      const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
      return [...keys]
        .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]) || hasTrue(c.change.after_unknown?.[k]))
        .map((k) => `${c.address}: ${k}`);
    })
    .sort();
}
