// Jest for StrykerJS: one project, the compiled tests of the module under mutation only (named by
// MUTATION_TESTS, set by stryker.config.mjs), so each mutant runs the tests that judge that module.
const tests = (process.env.MUTATION_TESTS || 'unit').split(',');
module.exports = {
  rootDir: '../..',
  testEnvironment: 'node',
  transform: {},
  testMatch: tests.map((t) => `<rootDir>/dist/test/${t}${t.endsWith('.test.js') ? '' : '/**/*.test.js'}`),
};
