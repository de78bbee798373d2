// The cross-check that cannot drift: the ports and protocols between nodes that each cloud's
// firewall opens are exactly those the rendered pod-network manifests make the nodes use, read from
// the manifest files `addons render` writes (never from the firewall table or the addon code).
// What a manifest setting means on the wire is upstream's documented default:
// - flannel net-conf.json Backend.Type "vxlan": UDP, Backend.Port or else the kernel default 8472
//   (flannel-io/flannel Documentation/backends.md); "host-gw": routes only, no encapsulation;
// - calico-config calico_backend "bird": BGP sessions on TCP 179 (docs.tigera.io, network
//   requirements); IPPool ipipMode other than Never: IP-in-IP (IP protocol 4); vxlanMode other than
//   Never: UDP FelixConfiguration.vxlanPort, default 4789 (Felix configuration reference);
//   typha_service_name other than "none": Typha on TCP 5473 (FelixConfiguration typhaK8sServiceName).
import { join } from 'node:path';
import { renderAddons } from '../../../addons/index.js';
import { find, objectsOf } from '../addons/fixtures.js';
import { synthCluster, testConfig, type Cloud } from './fixtures.js';
import { READERS } from './firewall-readers.js';

const CNIS: Record<string, unknown>[] = [
  { plugin: 'flannel', flannel: { backend: 'vxlan' } },
  { plugin: 'flannel', flannel: { backend: 'host-gw' } },
  { plugin: 'calico', calico: { mode: 'overlay', encapsulation: 'vxlan' } },
  { plugin: 'calico', calico: { mode: 'overlay', encapsulation: 'ipip' } },
  { plugin: 'calico', calico: { mode: 'routed' } },
];

/** Node-to-node traffic the rendered pod network needs, from the files on disk. */
function neededByManifests(addonsDir: string, plugin: string): string[] {
  const need = new Set<string>();
  if (plugin === 'flannel') {
    const objs = objectsOf(join(addonsDir, '10-flannel.yaml'));
    const backend = JSON.parse(find(objs, 'ConfigMap', 'kube-flannel-cfg').data['net-conf.json']).Backend;
    if (backend.Type === 'vxlan') need.add(`udp/${backend.Port ?? 8472}`);
    else if (backend.Type !== 'host-gw') throw new Error(`flannel backend ${backend.Type}: which port does it use?`);
  } else {
    const objs = objectsOf(join(addonsDir, '11-calico.yaml'));
    const cfg = find(objs, 'ConfigMap', 'calico-config').data;
    const pools = objs.filter((o) => o.kind === 'IPPool');
    const felix = objs.find((o) => o.kind === 'FelixConfiguration')?.spec ?? {};
    if (cfg.calico_backend === 'bird') need.add('tcp/179');
    if (pools.some((p) => (p.spec.ipipMode ?? 'Never') !== 'Never')) need.add('ipip');
    if (pools.some((p) => (p.spec.vxlanMode ?? 'Never') !== 'Never')) need.add(`udp/${felix.vxlanPort ?? 4789}`);
    if (cfg.typha_service_name !== 'none') need.add('tcp/5473');
  }
  return [...need].sort();
}

describe.each(CNIS)('%j', (cni) => {
  test.each(['aws', 'gcp', 'azure'] as Cloud[])('%s: the firewall opens between nodes exactly what the rendered pod network uses', async (cloud) => {
    const config = testConfig(cloud, 'ha', { cni });
    const s = await synthCluster(config);
    await renderAddons(config, s.provider.provisionalInventory(config), s.paths);
    const needed = neededByManifests(s.paths.addons, cni.plugin as string);
    const opened = [...READERS[cloud](s.network, config.name).values()].filter((r) => r.from === 'nodes' && r.to === 'nodes').map((r) => r.key).sort();
    expect(opened).toEqual(needed);
  }, 60_000);
});

test('the manifest reader is a real check: it names what each manifest needs', async () => {
  // Literal expectations of the reader itself, so that a reader that always returns [] cannot pass.
  const seen: Record<string, string[]> = {};
  for (const cni of CNIS) {
    const config = testConfig('aws', 'single', { cni });
    const s = await synthCluster(config);
    await renderAddons(config, s.provider.provisionalInventory(config), s.paths);
    seen[JSON.stringify(cni)] = neededByManifests(s.paths.addons, cni.plugin as string);
  }
  expect(Object.values(seen)).toEqual([['udp/8472'], [], ['udp/4789'], ['ipip', 'tcp/179'], ['tcp/179']]);
}, 120_000);
