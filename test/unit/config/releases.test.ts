// Supported versions: validate refuses a minor outside the releases table (naming the path, the
// bad value and the supported minors), warns on a patch older than the table's, and the defaults
// validate. Expected values are literal: 1.35, 1.36, 1.37 are the three newest minors on
// 2026-12-02 (`go list -m -versions k8s.io/kubernetes`), newest patches 1.35.4, 1.36.3, 1.37.2.
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkConfig } from '../../../config-schema/load.js';
import { ConfigError, type ConfigProblem } from '../../../lib/errors.js';
import { tempDir } from '../bootstrap/fixtures.js';

const problemsOf = (raw: unknown): ConfigProblem[] => {
  try {
    return checkConfig('c.json', raw).warnings;
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
};

test('the defaults validate, with the newest patch of the newest minor', () => {
  const { config, warnings } = checkConfig('c.json', { name: 'k' });
  expect(config.kubernetesVersion).toBe('1.37.2');
  expect(warnings).toEqual([]);
});

test.each(['1.35.4', '1.36.3', '1.37.2'])('%s validates without a warning', (v) => {
  expect(problemsOf({ name: 'k', kubernetesVersion: v })).toEqual([]);
});

test.each(['1.34.2', '1.19.0', '1.38.0'])('%s is refused: the path, the value and the supported minors', (v) => {
  const problems = problemsOf({ name: 'k', kubernetesVersion: v });
  expect(problems).toEqual([
    {
      path: 'kubernetesVersion',
      severity: 'error',
      message: `"${v}": Kubernetes ${v.split('.').slice(0, 2).join('.')} is not supported; supported minors: 1.35, 1.36, 1.37 (newest patches: 1.35.4, 1.36.3, 1.37.2)`,
    },
  ]);
});

test('an older patch is a warning naming the newest one', () => {
  expect(problemsOf({ name: 'k', kubernetesVersion: '1.36.1' })).toEqual([
    {
      path: 'kubernetesVersion',
      severity: 'warning',
      message: '"1.36.1" is older than 1.36.3, the newest patch of 1.36 kube-anywhere knows; patches carry fixes and security updates, consider 1.36.3',
    },
  ]);
});

test('mirror settings: bad URLs and unknown registries are refused with the path and what is accepted', () => {
  expect(problemsOf({ name: 'k', phase2: { downloads: { baseUrl: 'ftp://x' } } })).toEqual([
    { path: 'phase2.downloads.baseUrl', severity: 'error', message: 'must be empty (upstream URLs) or an http:// or https:// URL such as http://10.0.0.3:8080 (got "ftp://x")' },
  ]);
  expect(problemsOf({ name: 'k', phase2: { images: { mirrors: { 'registry.k8s.io': '10.0.0.3:5000' } } } })).toEqual([
    { path: 'phase2.images.mirrors.registry.k8s.io', severity: 'error', message: 'must be an http:// or https:// URL such as http://10.0.0.3:5000/registry.k8s.io (got "10.0.0.3:5000")' },
  ]);
  const [p] = problemsOf({ name: 'k', phase2: { images: { mirrors: { 'gcr.io': 'http://10.0.0.3:5000' } } } });
  expect(p).toEqual({ path: 'phase2.images.mirrors.gcr.io', severity: 'error', message: 'unknown key "gcr.io"; accepted keys: "registry.k8s.io", "ghcr.io", "quay.io", "docker.io", "*"' });
  expect(problemsOf({ name: 'k', phase3: { kubeProxy: { conntrackMaxPerCore: -1 } } })[0]).toMatchObject({ path: 'phase3.kubeProxy.conntrackMaxPerCore', severity: 'error' });
});

test('phase2.images.registry still works, with a deprecation warning', () => {
  const { config, warnings } = checkConfig('c.json', { name: 'k', phase2: { images: { registry: 'mirror.example.com/k8s' } } });
  expect(config.phase2.images.registry).toBe('mirror.example.com/k8s');
  expect(warnings.map((w) => [w.path, w.severity])).toEqual([['phase2.images.registry', 'warning']]);
  expect(warnings[0].message).toContain('phase2.images.mirrors');
});

test('the CLI: an old config with 1.34.2 exits 2 with one clear line, no stack', () => {
  const file = join(tempDir('ka-releases-'), 'old.json');
  writeFileSync(file, JSON.stringify({ name: 'k', kubernetesVersion: '1.34.2' }));
  const r = spawnSync('node', ['dist/bin/kube-anywhere.js', 'validate', '--config', file], { encoding: 'utf8' });
  expect(r.status).toBe(2);
  expect(r.stderr).toBe(`error: ${file}: kubernetesVersion: "1.34.2": Kubernetes 1.34 is not supported; supported minors: 1.35, 1.36, 1.37 (newest patches: 1.35.4, 1.36.3, 1.37.2)\n`);
  writeFileSync(file, JSON.stringify({ name: 'k', kubernetesVersion: '1.35.1' }));
  const ok = execFileSync('node', ['dist/bin/kube-anywhere.js', 'validate', '--config', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  expect(ok).toContain('valid');
});
