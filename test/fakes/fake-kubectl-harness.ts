// Test helper: sets up the FAKE kubectl (fake-kubectl.ts) in a directory with a scenario, and
// reads back the calls it recorded.
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageFile } from '../../lib/paths.js';
import type { FakeScenario } from './fake-kubectl.js';

export interface FakeCall {
  argv: string[];
  KUBECTL_APPLYSET: string | null;
}

export interface FakeKubectl {
  /** An executable to put in KUBE_ANYWHERE_KUBECTL. */
  bin: string;
  env: Record<string, string>;
  calls(): FakeCall[];
  /** The calls without the leading `--kubeconfig <file>`. */
  commands(): string[][];
}

export function fakeKubectl(dir: string, scenario: FakeScenario): FakeKubectl {
  writeFileSync(join(dir, 'scenario.json'), JSON.stringify(scenario));
  const bin = join(dir, 'fake-kubectl');
  writeFileSync(bin, `#!/bin/sh\nexec "${process.execPath}" "${packageFile('dist', 'test', 'fakes', 'fake-kubectl.js')}" "$@"\n`);
  chmodSync(bin, 0o755);
  const calls = (): FakeCall[] => {
    const f = join(dir, 'calls.jsonl');
    return existsSync(f) ? readFileSync(f, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) : [];
  };
  return {
    bin,
    env: { KUBE_ANYWHERE_KUBECTL: bin, FAKE_KUBECTL_DIR: dir },
    calls,
    commands: () => calls().map((c) => (c.argv[0] === '--kubeconfig' ? c.argv.slice(2) : c.argv)),
  };
}
