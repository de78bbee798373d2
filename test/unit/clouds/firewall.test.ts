// ONE table of port rules drives the three clouds: for every CNI choice, the ports and protocols
// opened by the synthesized AWS security group rules, GCP firewall rules and Azure NSG rules are
// those of providers/common/firewall.ts, rule by rule, with the same client CIDRs.
import { firewallRules, type FirewallRule } from '../../../providers/common/firewall.js';
import { ignitionValidate, resources, synthCluster, testConfig, type Cloud } from './fixtures.js';

type R = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const CNIS: [string, Record<string, unknown>][] = [
  ['flannel vxlan', { plugin: 'flannel', flannel: { backend: 'vxlan' } }],
  ['calico overlay vxlan', { plugin: 'calico', calico: { mode: 'overlay', encapsulation: 'vxlan' } }],
  ['calico overlay ipip', { plugin: 'calico', calico: { mode: 'overlay', encapsulation: 'ipip' } }],
  ['calico routed (BGP)', { plugin: 'calico', calico: { mode: 'routed' } }],
];

/** "tcp/6443", "udp/8472", "ipip": one cloud-neutral spelling per rule. */
const tableKey = (r: FirewallRule) => (r.protocol === 'ipip' ? 'ipip' : `${r.protocol}/${r.ports![0]}${r.ports![1] !== r.ports![0] ? `-${r.ports![1]}` : ''}`);

/** Per cloud: rule name -> { key, cidrs } read from the synthesized network stack. */
const READERS: Record<Cloud, (net: Parameters<typeof resources>[0], cluster: string) => Map<string, { key: string; cidrs?: string[] }>> = {
  aws: (net) =>
    new Map(
      (resources(net, 'aws_security_group_rule') as R[])
        .filter((r) => r.type === 'ingress')
        .map((r) => [r.description, { key: r.protocol === '4' ? 'ipip' : `${r.protocol}/${r.from_port}${r.to_port !== r.from_port ? `-${r.to_port}` : ''}`, cidrs: r.cidr_blocks }]),
    ),
  gcp: (net, cluster) =>
    new Map(
      (resources(net, 'google_compute_firewall') as R[]).map((r) => [
        r.name.slice(cluster.length + 1),
        { key: r.allow[0].protocol === 'ipip' ? 'ipip' : `${r.allow[0].protocol}/${r.allow[0].ports[0]}`, cidrs: r.source_ranges },
      ]),
    ),
  azure: (net) =>
    new Map(
      (resources(net, 'azurerm_network_security_rule') as R[])
        .filter((r) => r.access === 'Allow' && !r.source_address_prefix) // the load balancer's probe rule names a service tag, not a table client
        .map((r) => [r.name, { key: r.protocol === '*' ? 'ipip' : `${r.protocol.toLowerCase()}/${r.destination_port_range}`, cidrs: r.source_address_prefixes }]),
    ),
};

describe.each(CNIS)('firewall with %s', (_label, cni) => {
  test.each(['aws', 'gcp', 'azure'] as Cloud[])('%s opens exactly the table\'s ports, to the table\'s clients', async (cloud) => {
    const config = testConfig(cloud, 'ha-dedicated-etcd', { cni });
    const table = firewallRules(config, config.phase1[cloud].allowedCidrs);
    const { network } = await synthCluster(config);
    const got = READERS[cloud](network, config.name);
    expect([...got.keys()].sort()).toEqual(table.map((r) => r.name).sort());
    for (const r of table) {
      expect([r.name, got.get(r.name)!.key]).toEqual([r.name, tableKey(r)]);
      // CIDR clients as in the table (GCP adds Google's health checkers to the API rule's sources: checked in its own test).
      if (r.cidrs) expect(got.get(r.name)!.cidrs).toEqual(expect.arrayContaining(r.cidrs));
      else expect(got.get(r.name)!.cidrs ?? []).toEqual([]);
    }
  }, 60_000);
});

test('the three clouds open the same set of ports for one config', async () => {
  const cni = { plugin: 'calico', calico: { mode: 'overlay', encapsulation: 'ipip' } };
  const sets = await Promise.all(
    (['aws', 'gcp', 'azure'] as Cloud[]).map(async (cloud) => {
      const config = testConfig(cloud, 'ha', { cni });
      const { network } = await synthCluster(config);
      return [...new Set([...READERS[cloud](network, config.name).values()].map((v) => v.key))].sort();
    }),
  );
  expect(sets[1]).toEqual(sets[0]);
  expect(sets[2]).toEqual(sets[0]);
  expect(sets[0]).toEqual(expect.arrayContaining(['tcp/6443', 'tcp/2379', 'tcp/2380', 'tcp/10250', 'tcp/22', 'ipip']));
}, 60_000);

test('ignition-validate, as the tests run it, rejects what is not a valid config', () => {
  expect(ignitionValidate('{"ignition":{"version":"9.9.9"}}')).not.toBe('');
  expect(ignitionValidate('{"ignition":{"version":"3.3.0","config":{"replace":{"source":"gs://b/x.ign","verification":{"hash":"sha512-zz"}}}}}')).not.toBe('');
  expect(ignitionValidate('{"ignition":{"version":"3.3.0"}}')).toBe('');
});
