// Bad input to phase 3 render: a clear UserError, nothing written; and what the schema check catches.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { Addon } from '../../../addons/addon.js';
import { ADDONS } from '../../../addons/catalog.js';
import { renderAddons } from '../../../addons/index.js';
import { packageFile } from '../../../lib/paths.js';
import { schemaProblems } from '../../../addons/schema.js';
import { UserError } from '../../../lib/errors.js';
import { rawConfig, testCluster } from './fixtures.js';

describe('render: the bootstrap token', () => {
  test('missing: names the file and the command that mints it; nothing written', async () => {
    const c = testCluster(rawConfig(), null);
    const err = await renderAddons(c.config, c.inventory, c.paths).catch((e) => e);
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toContain(join(c.paths.pki, 'bootstrap-token'));
    expect(err.message).toContain('ENOENT');
    expect(err.message).toContain('kube-anywhere bootstrap render');
    expect(existsSync(c.paths.addons)).toBe(false);
  });

  test('malformed: says the accepted format, never echoes the content', async () => {
    const c = testCluster(rawConfig(), 'NOT-A-TOKEN-s3cr3t');
    const err = await renderAddons(c.config, c.inventory, c.paths).catch((e) => e);
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toContain('<id>.<secret>');
    expect(err.message).not.toContain('s3cr3t');
    expect(existsSync(c.paths.addons)).toBe(false);
  });

  test('a failed render keeps the files of the last good one', async () => {
    const c = testCluster(rawConfig());
    await renderAddons(c.config, c.inventory, c.paths);
    writeFileSync(join(c.paths.pki, 'bootstrap-token'), 'broken');
    await expect(renderAddons(c.config, c.inventory, c.paths)).rejects.toThrow(UserError);
    expect(existsSync(join(c.paths.addons, '40-node-bootstrap.yaml'))).toBe(true);
  });
});

describe('render: one object failing the schema', () => {
  // An extra addon whose one ConfigMap has a list where the API wants a string: every real addon
  // renders fine, and still nothing may be written.
  const dir = mkdtempSync(join(tmpdir(), 'ka-broken-addon-'));
  writeFileSync(join(dir, 'broken.yaml.hbs'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: broken\n  namespace: kube-system\n  labels: {{labels}}\ndata:\n  key: [not, a, string]\n');
  const broken: Addon = { name: 'broken', order: 99, dir: relative(packageFile('addons'), dir), template: 'broken.yaml.hbs', enabled: () => true, values: () => ({}) } as Addon;
  beforeAll(() => (ADDONS as Addon[]).push(broken));
  afterAll(() => (ADDONS as Addon[]).splice((ADDONS as Addon[]).indexOf(broken), 1));

  test('first render: nothing written at all; the object and the bad field are named', async () => {
    const c = testCluster(rawConfig());
    await expect(renderAddons(c.config, c.inventory, c.paths)).rejects.toThrow(UserError);
    const err = await renderAddons(c.config, c.inventory, c.paths).catch((e: UserError) => e);
    expect(`${(err as UserError).message}\n${(err as UserError).details.join('\n')}`).toMatch(/nothing written[\s\S]*broken\.yaml\.hbs[\s\S]*ConfigMap[\s\S]*broken[\s\S]*data/);
    expect(existsSync(c.paths.addons)).toBe(false);
  });

  test('after a good render: every file stays byte for byte as it was', async () => {
    const c = testCluster(rawConfig());
    (ADDONS as Addon[]).splice((ADDONS as Addon[]).indexOf(broken), 1);
    await renderAddons(c.config, c.inventory, c.paths);
    (ADDONS as Addon[]).push(broken);
    const before = Object.fromEntries(readdirSync(c.paths.addons).map((f) => [f, readFileSync(join(c.paths.addons, f), 'utf8')]));
    await expect(renderAddons(c.config, c.inventory, c.paths)).rejects.toThrow(UserError);
    expect(Object.fromEntries(readdirSync(c.paths.addons).map((f) => [f, readFileSync(join(c.paths.addons, f), 'utf8')]))).toEqual(before);
  });
});

describe('schema check', () => {
  const ds = () => ({
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'x', namespace: 'kube-system' },
    spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'i:1' }] } } },
  });
  const crd = (schema: unknown) => ({
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'ippools.crd.projectcalico.org' },
    spec: { group: 'crd.projectcalico.org', scope: 'Cluster', names: { kind: 'IPPool', plural: 'ippools' }, versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: schema } }] },
  });
  const messages = async (objs: unknown[]) => (await schemaProblems(objs as never)).map((p) => p.message);

  test('a valid object has no problem', async () => {
    expect(await messages([ds()])).toEqual([]);
  });
  test('a wrong type is named with its path', async () => {
    const bad = ds();
    (bad.spec.template.spec.containers[0] as Record<string, unknown>).ports = [{ containerPort: '53' }];
    expect(await messages([bad])).toEqual(['DaemonSet kube-system/x: /spec/template/spec/containers/0/ports/0/containerPort must be integer']);
  });
  test('a missing required field', async () => {
    const bad = ds() as Record<string, any>;
    delete bad.spec.selector;
    expect((await messages([bad]))[0]).toMatch(/DaemonSet kube-system\/x: .*selector/);
  });
  test('namespaces: namespaced objects in kube-system, cluster-scoped ones without', async () => {
    const elsewhere = { ...ds(), metadata: { name: 'x', namespace: 'default' } };
    expect(await messages([elsewhere])).toEqual(['DaemonSet default/x: must be in namespace kube-system']);
    const cr = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'r', namespace: 'kube-system' }, rules: [] };
    expect(await messages([cr])).toEqual(['ClusterRole kube-system/r: cluster-scoped, must not name a namespace']);
  });
  test('an unknown kind is an error, not silently accepted', async () => {
    expect(await messages([{ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } }])).toEqual([
      'Widget w: no schema known for example.com/v1 Widget (add its model to addons/schema.ts, or its CRD to the set)',
    ]);
  });
  test('custom resources: checked against their CRD, unknown fields (typos) flagged', async () => {
    const schema = { type: 'object', properties: { spec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, required: ['cidr'], properties: { cidr: { type: 'string' }, ipipMode: { type: 'string', enum: ['Never', 'Always'] } } } } };
    const pool = (spec: unknown) => ({ apiVersion: 'crd.projectcalico.org/v1', kind: 'IPPool', metadata: { name: 'p' }, spec });
    expect(await messages([crd(schema), pool({ cidr: '10.0.0.0/8', ipipMode: 'Always' })])).toEqual([]);
    expect(await messages([crd(schema), pool({ cidr: '10.0.0.0/8', ipipMode: 'Sometimes' })])).toEqual(['IPPool p: /spec/ipipMode must be equal to one of the allowed values']);
    expect(await messages([crd(schema), pool({ cidr: '10.0.0.0/8', ipipmode: 'Always' })])).toEqual(['IPPool p: /spec must NOT have additional properties (ipipmode)']);
  });
});
