// StrykerJS mutation testing (`npm run mutation [MODULE...]`, scripts/mutation/run.sh): not in CI,
// slow on two cores. One module at a time (MUTATION_MODULE), concurrency 1, incremental (a re-run
// tests only mutants whose code or tests changed). Stryker mutates the TypeScript sources in a
// sandbox, rebuilds dist/ there with tsc (the tests run the compiled JavaScript, as `npm test` does),
// and runs the module's own tests against every mutant. Reports: reports/mutation/<module>/ (gitignored).

/** Module -> the sources mutated, and the compiled tests that judge them (under dist/test/). */
export const MODULES = {
  // semantic, pki, manifests: the fast literal tests (no CLI child processes, no synthesized stacks, no
  // etcd or Ignition runs): each mutant runs only the tests that reach it, in well under a second each.
  semantic: { mutate: ['config-schema/semantic.ts'], tests: ['unit/config/semantic.test.js', 'unit/config/validate.test.js'], coverage: 'perTest' },
  // The shared firewall table and IP plan: the fast literal test (the synth tests build their stacks
  // in beforeAll, where Stryker sees every mutant as "static" and would run all of them for each).
  common: { mutate: ['providers/common/firewall.ts', 'providers/common/ip-plan.ts'], tests: ['unit/clouds/table.test.js'], coverage: 'perTest' },
  pki: { mutate: ['bootstrap/pki/**/*.ts'], tests: ['unit/bootstrap/pki-plan.test.js', 'unit/bootstrap/pki-issue.test.js'], coverage: 'perTest' },
  manifests: { mutate: ['bootstrap/manifests/**/*.ts'], tests: ['unit/bootstrap/manifests.test.js', 'unit/bootstrap/manifests-table.test.js'], coverage: 'perTest' },
  state: { mutate: ['phases/state.ts'], tests: ['unit/phases'], coverage: 'perTest' },
  // destroy: destroy-command.test.ts runs destroyCommand in this process (with the real terraform on
  // terraform_data stacks), so per-test coverage sees it; the CLI tests of integration/phases run it in
  // child processes, where coverage cannot follow (each mutant would run all of them).
  destroy: { mutate: ['phases/destroy.ts'], tests: ['integration/phases/destroy-command.test.js'], coverage: 'perTest' },
  // Each cloud's firewall and network synthesized alone per test (firewall-network-parts.test.ts); the
  // full-cluster synth tests of unit/{clouds,aws,gcp,azure} build their stacks in beforeAll.
  'cloud-firewall-network': {
    mutate: ['providers/{aws,gcp,azure}/{firewall,network}.ts'],
    tests: ['unit/clouds/firewall-network-parts.test.js'],
    coverage: 'perTest',
  },
};

const name = process.env.MUTATION_MODULE;
const mod = MODULES[name];
if (!mod) throw new Error(`MUTATION_MODULE must be one of: ${Object.keys(MODULES).join(', ')} (got "${name ?? ''}")`);
process.env.MUTATION_TESTS = mod.tests.join(',');
/** Where the reports go; MUTATION_REPORT_SUFFIX keeps a second measurement (e.g. "-before") apart. */
const out = `reports/mutation/${name}${process.env.MUTATION_REPORT_SUFFIX ?? ''}`;

export default {
  packageManager: 'npm',
  testRunner: 'jest',
  testRunnerNodeArgs: ['--experimental-vm-modules', '--no-warnings=ExperimentalWarning'],
  jest: { projectType: 'custom', configFile: 'scripts/mutation/jest.config.cjs', enableFindRelatedTests: false },
  // Emit without type checking: a mutant may change a type other files rely on (tsc --noCheck, TS 5.5+).
  buildCommand: 'npx tsc -p tsconfig.json --noCheck',
  mutate: mod.mutate,
  // @ts-nocheck only in the mutated files (so tsc builds every mutant); the generated-types test
  // compares config-schema/types.ts byte for byte and must see it untouched.
  disableTypeChecks: mod.mutate.length === 1 ? mod.mutate[0] : `{${mod.mutate.join(',')}}`,
  coverageAnalysis: mod.coverage,
  concurrency: 1,
  incremental: true,
  incrementalFile: `${out}/stryker-incremental.json`,
  reporters: ['html', 'json', 'clear-text', 'progress'],
  htmlReporter: { fileName: `${out}/index.html` },
  jsonReporter: { fileName: `${out}/mutation.json` },
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
  timeoutMS: 60000,
  ignorePatterns: ['reports', 'clusters', '.config.json'],
  thresholds: { high: 90, low: 80, break: null },
};
