// The firewall every cloud synthesizes, against what the world says a cluster needs. Every expected
// port, protocol and source below is a literal taken from upstream documentation, never from
// providers/common/firewall.ts, so a wrong number in the table fails here:
// - control plane: kubernetes.io/docs/reference/networking/ports-and-protocols/ (kube-apiserver
//   TCP 6443, etcd server client API TCP 2379-2380, kubelet API TCP 10250);
// - flannel VXLAN: UDP 8472, the Linux kernel's VXLAN port flannel uses by default
//   (flannel-io/flannel Documentation/backends.md, "Port ... defaults to kernel default, currently 8472");
//   host-gw encapsulates nothing and needs no port;
// - calico: docs.tigera.io "System requirements", Network requirements: BGP TCP 179, IP-in-IP
//   (IP protocol number 4), VXLAN UDP 4789 (Typha TCP 5473 only with Typha, which we leave out);
// - GCP health checkers of an external passthrough network load balancer: 35.191.0.0/16,
//   209.85.152.0/22, 209.85.204.0/22, plus 130.211.0.0/22 of the other load balancers
//   (cloud.google.com/load-balancing/docs/health-check-concepts#ip-ranges, .../firewall-rules).
// The test config: HA with dedicated etcd, node CIDR 10.0.0.0/16 (the default), API open to
// 0.0.0.0/0 (the default), SSH from 192.0.2.0/24.
import { ignitionValidate, synthCluster, testConfig, type Cloud } from './fixtures.js';
import { READERS, type Row } from './firewall-readers.js';

const CONTROL_PLANE: Record<string, Row> = {
  api: { key: 'tcp/6443', from: '0.0.0.0/0', to: 'masters' },
  'api-nodes': { key: 'tcp/6443', from: '10.0.0.0/16', to: 'masters' },
  'etcd-client': { key: 'tcp/2379', from: 'masters', to: 'etcd' },
  'etcd-peer': { key: 'tcp/2380', from: 'etcd', to: 'etcd' },
  kubelet: { key: 'tcp/10250', from: 'masters', to: 'nodes' },
  ssh: { key: 'tcp/22', from: '192.0.2.0/24', to: 'nodes' },
};
const GCP_HEALTH_CHECKERS = '10.0.0.0/16,130.211.0.0/22,209.85.152.0/22,209.85.204.0/22,35.191.0.0/16';

const CNIS: [string, Record<string, unknown>, Record<string, Row>][] = [
  ['flannel vxlan', { plugin: 'flannel', flannel: { backend: 'vxlan' } }, { 'flannel-vxlan': { key: 'udp/8472', from: 'nodes', to: 'nodes' } }],
  ['flannel host-gw', { plugin: 'flannel', flannel: { backend: 'host-gw' } }, {}],
  ['calico overlay vxlan', { plugin: 'calico', calico: { mode: 'overlay', encapsulation: 'vxlan' } }, { 'calico-vxlan': { key: 'udp/4789', from: 'nodes', to: 'nodes' } }],
  ['calico overlay ipip', { plugin: 'calico', calico: { mode: 'overlay', encapsulation: 'ipip' } }, {
    'calico-bgp': { key: 'tcp/179', from: 'nodes', to: 'nodes' },
    'calico-ipip': { key: 'ipip', from: 'nodes', to: 'nodes' },
  }],
  ['calico routed (BGP)', { plugin: 'calico', calico: { mode: 'routed' } }, { 'calico-bgp': { key: 'tcp/179', from: 'nodes', to: 'nodes' } }],
];

describe.each(CNIS)('firewall with %s', (_label, cni, cniRows) => {
  test.each(['aws', 'gcp', 'azure'] as Cloud[])('%s opens exactly the documented ports, to the documented clients', async (cloud) => {
    const config = testConfig(cloud, 'ha-dedicated-etcd', { cni });
    const { network } = await synthCluster(config);
    const want: Record<string, Row> = { ...CONTROL_PLANE, ...cniRows };
    // GCP: the load balancer's health checks come from Google's ranges, not from the node network.
    if (cloud === 'gcp') want['api-nodes'] = { ...want['api-nodes'], from: GCP_HEALTH_CHECKERS };
    expect(Object.fromEntries(READERS[cloud](network, config.name))).toEqual(want);
  }, 60_000);
});

test('GCP without a load balancer (one master): the API rule admits the node network only', async () => {
  const config = testConfig('gcp', 'one-master');
  const { network } = await synthCluster(config);
  expect(READERS.gcp(network, config.name).get('api-nodes')).toEqual({ key: 'tcp/6443', from: '10.0.0.0/16', to: 'masters' });
}, 60_000);

test('colocated etcd: the etcd rules select the masters (GCP: by the etcd tag the masters carry)', async () => {
  for (const cloud of ['aws', 'gcp', 'azure'] as Cloud[]) {
    const config = testConfig(cloud, 'ha');
    const rows = READERS[cloud]((await synthCluster(config)).network, config.name);
    const etcd = cloud === 'gcp' ? 'etcd' : 'masters';
    expect([cloud, rows.get('etcd-client'), rows.get('etcd-peer')]).toEqual([
      cloud, { key: 'tcp/2379', from: 'masters', to: etcd }, { key: 'tcp/2380', from: etcd, to: etcd },
    ]);
  }
}, 60_000);

test('ignition-validate, as the tests run it, rejects what is not a valid config', () => {
  expect(ignitionValidate('{"ignition":{"version":"9.9.9"}}')).not.toBe('');
  expect(ignitionValidate('{"ignition":{"version":"3.3.0","config":{"replace":{"source":"gs://b/x.ign","verification":{"hash":"sha512-zz"}}}}}')).not.toBe('');
  expect(ignitionValidate('{"ignition":{"version":"3.3.0"}}')).toBe('');
});
