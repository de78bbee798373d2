// Jest runs the compiled tests in dist/ (npm test builds first): no TypeScript loader, the same
// JavaScript the CLI runs. Projects: unit (fast, pure), integration (real ignition, etcd, sshd,
// openssl, tmux), e2e (real terraform against the local AWS emulator).
const project = (name, timeout) => ({
  displayName: name,
  testEnvironment: 'node',
  roots: ['<rootDir>/dist/test/' + name],
  testMatch: ['**/*.test.js'],
  transform: {},
  testTimeout: timeout,
});
export default {
  projects: [project('unit', 20000), project('integration', 120000), project('e2e', 900000)],
};
