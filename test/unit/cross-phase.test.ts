// Values phase 2 (the nodes) and phase 3 (the addons) must agree on, read from what each rendered
// for the same config: a mismatch here is a cluster whose pods cannot resolve names or route.
import { join } from 'node:path';
import { renderAddons } from '../../addons/index.js';
import { renderBootstrap } from '../../bootstrap/index.js';
import { NODE } from '../../bootstrap/node-paths.js';
import { fromYaml } from '../../lib/yaml.js';
import { bareMetalCluster, ignFile, METAL_HOSTS } from './bootstrap/fixtures.js';
import { find, objectsOf } from './addons/fixtures.js';

const network = { podCidr: '10.50.0.0/16', serviceCidr: '10.60.0.0/16', dnsServiceIP: '10.60.0.53', dnsDomain: 'corp.internal' };

test.each(['flannel', 'calico'])('kubelet, control plane and %s agree on the DNS IP, the domain and the pod range', async (plugin) => {
  const c = bareMetalCluster(METAL_HOSTS, { network: { nodeCidr: '192.168.10.0/24', ...network }, phase3: { cni: { plugin } } });
  const bundles = await renderBootstrap(c.config, c.inventory, c.paths, { onMessage: () => {} });
  await renderAddons(c.config, c.inventory, c.paths);

  const worker = bundles.find((b) => b.id === 'w0')!;
  const kubelet = fromYaml(ignFile(worker.full, NODE.kubeletConfig)!) as { clusterDNS: string[]; clusterDomain: string };
  const master = bundles.find((b) => b.id === 'm0')!;
  const ccm = fromYaml(ignFile(master.full, `${NODE.manifests}/kube-controller-manager.yaml`)!) as { spec: { containers: { command: string[] }[] } };
  const ccmFlags = ccm.spec.containers[0].command;

  const dns = objectsOf(join(c.paths.addons, '30-coredns.yaml'));
  const service = find(dns, 'Service', 'kube-dns') as unknown as { spec: { clusterIP: string } };
  const corefile = (find(dns, 'ConfigMap', 'coredns') as unknown as { data: { Corefile: string } }).data.Corefile;
  const proxy = find(objectsOf(join(c.paths.addons, '20-kube-proxy.yaml')), 'ConfigMap', 'kube-proxy') as unknown as { data: Record<string, string> };
  const proxyConf = fromYaml(proxy.data['config.conf']) as { clusterCIDR: string };

  expect(kubelet.clusterDNS).toEqual([network.dnsServiceIP]);
  expect(service.spec.clusterIP).toBe(network.dnsServiceIP);
  expect(kubelet.clusterDomain).toBe(network.dnsDomain);
  expect(corefile).toContain(`kubernetes ${network.dnsDomain}`);
  expect(ccmFlags).toContain(`--cluster-cidr=${network.podCidr}`);
  expect(proxyConf.clusterCIDR).toBe(network.podCidr);
  expect(ccmFlags).toContain(`--service-cluster-ip-range=${network.serviceCidr}`);
});
