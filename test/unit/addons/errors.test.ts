// Bad input to phase 3 render: a clear UserError, nothing written; and what the schema check catches.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderAddons } from '../../../addons/index.js';
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
