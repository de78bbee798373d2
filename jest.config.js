// Jest runs the compiled tests in dist/ (npm test builds first): no TypeScript loader, the same
// JavaScript the CLI runs. Projects: unit (fast, pure), integration (real ignition, etcd, sshd,
// openssl, tmux), e2e (real terraform against the local AWS emulator; local clusters on nspawn).
// Stryker's sandbox copies of the repository (.stryker-tmp) are not modules of this one.
const project = (name) => ({
  displayName: name,
  testEnvironment: 'node',
  testMatch: [`<rootDir>/dist/test/${name}/**/*.test.js`],
  transform: {},
  modulePathIgnorePatterns: ['<rootDir>/.stryker-tmp'],
});
export default {
  projects: [project('unit'), project('integration'), project('e2e')],
};
