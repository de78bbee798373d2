// Jest runs the compiled tests in dist/ (npm test builds first): no TypeScript loader, the same
// JavaScript the CLI runs. Projects: unit (fast, pure), integration (real ignition, etcd, sshd,
// openssl, tmux), e2e (real terraform against the local AWS emulator).
const project = (name) => ({
  displayName: name,
  testEnvironment: 'node',
  testMatch: [`<rootDir>/dist/test/${name}/**/*.test.js`],
  transform: {},
});
export default {
  projects: [project('unit'), project('integration'), project('e2e')],
};
