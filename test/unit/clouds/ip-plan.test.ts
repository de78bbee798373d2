// Static private addresses of masters and etcd members, read from each cloud's synthesized stacks,
// against literals and against the addresses each cloud keeps for itself in a subnet:
// - AWS: the first four and the last address of every subnet
//   (docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html);
// - GCP: the network address, the default gateway (second), the second-to-last and the broadcast
//   address of a primary range (cloud.google.com/vpc/docs/subnets#unusable-ip-addresses-in-every-subnet);
// - Azure: the first four and the last address of every subnet
//   (learn.microsoft.com/azure/virtual-network/virtual-networks-faq, "reserved IP addresses").
// The test cluster: 3 masters + 3 dedicated etcd members over 2 zones in the default node CIDR
// 10.0.0.0/16, so the control-plane subnets are 10.0.0.0/24 and 10.0.1.0/24.
import { resources, synthCluster, testConfig, type Cloud } from './fixtures.js';

type R = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** name -> [address, control-plane subnet]: round-robin over the zones, masters from .10, etcd from .30. */
const PLANNED: Record<string, [string, string]> = {
  'demo-master-0': ['10.0.0.10', '10.0.0.0/24'],
  'demo-master-1': ['10.0.1.10', '10.0.1.0/24'],
  'demo-master-2': ['10.0.0.11', '10.0.0.0/24'],
  'demo-etcd-0': ['10.0.0.30', '10.0.0.0/24'],
  'demo-etcd-1': ['10.0.1.30', '10.0.1.0/24'],
  'demo-etcd-2': ['10.0.0.31', '10.0.0.0/24'],
};

const toInt = (ip: string) => ip.split('.').reduce((n, o) => n * 256 + Number(o), 0);
const toIp = (n: number) => [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');
/** The reserved addresses of a subnet: the first `head` and the last `tail` ones (GCP: tail 2). */
function reserved(cidr: string, head: number, tail: number): string[] {
  const [base, bits] = cidr.split('/');
  const first = toInt(base);
  const last = first + 2 ** (32 - Number(bits)) - 1;
  return [...Array.from({ length: head }, (_, i) => toIp(first + i)), ...Array.from({ length: tail }, (_, i) => toIp(last - i))];
}
const RESERVED: Record<Cloud, (cidr: string) => string[]> = {
  aws: (c) => reserved(c, 4, 1),
  gcp: (c) => reserved(c, 2, 2),
  azure: (c) => reserved(c, 4, 1),
};
const inside = (ip: string, cidr: string) => {
  const [base, bits] = cidr.split('/');
  const size = 2 ** (32 - Number(bits));
  return toInt(ip) >= toInt(base) && toInt(ip) < toInt(base) + size;
};

/** Per cloud: machine name -> [static private address, CIDR of its subnet], from the stacks. */
const STATIC_IPS: Record<Cloud, (s: Awaited<ReturnType<typeof synthCluster>>) => Record<string, [string, string]>> = {
  aws: (s) => {
    const subnets = s.network.resource.aws_subnet as Record<string, R>;
    // Before the network exists, the nodes stack names subnet i of the network's output list by a stand-in id ending in i.
    const outputs = s.network.output!.control_plane_subnet_ids.value as string[];
    const cidrOf = (id: string) => subnets[/aws_subnet\.([^.]+)\.id/.exec(outputs[Number(/-(\d+)$/.exec(id)![1])])![1]].cidr_block as string;
    return Object.fromEntries(Object.entries(s.nodes.resource.aws_instance as Record<string, R>).map(([name, i]) => [name, [i.private_ip, cidrOf(i.subnet_id)]]));
  },
  gcp: (s) => {
    const subnets = Object.values(s.network.resource.google_compute_subnetwork as Record<string, R>);
    return Object.fromEntries((resources(s.network, 'google_compute_address') as R[]).filter((a) => a.address_type === 'INTERNAL').map((a) => {
      const sub = subnets.find((x) => a.subnetwork === `\${google_compute_subnetwork.${Object.entries(s.network.resource.google_compute_subnetwork).find(([, v]) => v === x)![0]}.id}`)!;
      return [a.name.replace(/-ip$/, ''), [a.address, sub.ip_cidr_range]];
    }));
  },
  azure: (s) => {
    const subnets = Object.values(s.network.resource.azurerm_subnet as Record<string, R>);
    return Object.fromEntries(Object.entries(s.nodes.resource.azurerm_network_interface as Record<string, R>).map(([name, nic]) => {
      const ip = nic.ip_configuration[0];
      const sub = subnets.find((x) => ip.subnet_id.endsWith(`/subnets/${x.name}`))!;
      return [name.replace(/-nic$/, ''), [ip.private_ip_address, sub.address_prefixes[0]]];
    }));
  },
};

test.each(['aws', 'gcp', 'azure'] as Cloud[])('%s: masters and etcd members get the planned addresses, none of them one the cloud reserves', async (cloud) => {
  const s = await synthCluster(testConfig(cloud, 'ha-dedicated-etcd'));
  const got = STATIC_IPS[cloud](s);
  expect(got).toEqual(PLANNED);
  for (const [name, [ip, cidr]] of Object.entries(got)) {
    expect([name, inside(ip, cidr)]).toEqual([name, true]);
    expect([name, RESERVED[cloud](cidr).includes(ip)]).toEqual([name, false]);
  }
}, 60_000);

test('the reserved-address rule used here is the documented one', () => {
  expect(RESERVED.aws('10.0.1.0/24')).toEqual(['10.0.1.0', '10.0.1.1', '10.0.1.2', '10.0.1.3', '10.0.1.255']);
  expect(RESERVED.gcp('10.0.1.0/24')).toEqual(['10.0.1.0', '10.0.1.1', '10.0.1.255', '10.0.1.254']);
  expect(RESERVED.azure('10.0.0.0/24')).toEqual(['10.0.0.0', '10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.255']);
});
