// Phase 3 render: every addon template rendered, parsed and validated against the Kubernetes API
// schema (kubernetes-models, CRD schemas). Target: under 0.5 s wall.
//  - in-process: renderAddonObjects for a flannel config and a calico config (all 7 addons), the
//    first (cold: module loading done, templates and validators not yet compiled) and the median of
//    warm runs;
//  - a fresh CLI process: `kube-anywhere addons render` (node start, config load, files written),
//    median of 7 runs under GNU time.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderAddonObjects } from '../../addons/render.js';
import { checkConfig } from '../../config-schema/load.js';
import { clusterPaths, packageFile } from '../../lib/paths.js';
import { bareMetalInventory } from '../../providers/baremetal/inventory.js';
import { measure, measureCommand, type Figure } from './harness.js';

const raw = (phase3: Record<string, unknown>) => ({
  name: 'bench',
  topology: { masters: 3, etcd: { placement: 'colocated', count: 3 }, workers: 2 },
  phase1: {
    cloudProvider: 'baremetal',
    baremetal: {
      apiEndpoint: '10.0.0.100:6443',
      hosts: [
        ...[1, 2, 3].map((i) => ({ name: `m${i}`, ip: `10.0.0.${i}`, roles: ['master', 'etcd'] })),
        ...[1, 2].map((i) => ({ name: `w${i}`, ip: `10.0.1.${i}`, roles: ['worker'] })),
      ],
    },
  },
  phase3,
});

export default async function (): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'ka-bench-addons-'));
  const flannelFile = join(dir, 'flannel.json');
  const calicoFile = join(dir, 'calico.json');
  writeFileSync(flannelFile, JSON.stringify(raw({})));
  writeFileSync(calicoFile, JSON.stringify(raw({ cni: { plugin: 'calico', calico: { mode: 'routed' } }, dns: { provider: 'kube-dns' } })));
  const paths = clusterPaths(join(dir, 'clusters'), 'bench');
  mkdirSync(paths.pki, { recursive: true });
  writeFileSync(join(paths.pki, 'bootstrap-token'), 'abcdef.0123456789abcdef\n');
  const flannel = checkConfig(flannelFile, raw({})).config;
  const calico = checkConfig(calicoFile, JSON.parse(JSON.stringify(raw({ cni: { plugin: 'calico', calico: { mode: 'routed' } }, dns: { provider: 'kube-dns' } })))).config;
  const all = async () => {
    await renderAddonObjects(flannel, bareMetalInventory(flannel), paths);
    await renderAddonObjects(calico, bareMetalInventory(calico), paths);
  };
  const t = performance.now();
  await all();
  const cold = (performance.now() - t) / 1000;
  const warm = await measure(all, 9);
  const cli = packageFile('dist', 'bin', 'kube-anywhere.js');
  const flannelCli = await measureCommand(['node', cli, 'addons', 'render', '--config', flannelFile, '--state-dir', join(dir, 'clusters')], 7);
  const calicoCli = await measureCommand(['node', cli, 'addons', 'render', '--config', calicoFile, '--state-dir', join(dir, 'clusters')], 7);
  const base = await measureCommand(['node', '-e', ''], 7);
  return [
    { name: 'addons render+validate, all 7 addons, in-process, first run', value: cold, unit: 's', target: '< 0.5' },
    { name: 'addons render+validate, all 7 addons, in-process, median', value: warm, unit: 's', target: '< 0.5' },
    { name: '`addons render` CLI, flannel config (fresh process)', value: flannelCli.wall, unit: 's', target: '< 0.5' },
    { name: '`addons render` CLI, calico config (fresh process)', value: calicoCli.wall, unit: 's', target: '< 0.5' },
    { name: '`addons render` CLI, calico config, peak memory', value: calicoCli.rssMB, unit: 'MB' },
    { name: 'for scale: bare `node -e ""` wall time', value: base.wall, unit: 's' },
  ];
}
