// Each cloud's firewall and network (providers/{aws,gcp,azure}/{firewall,network}.ts) synthesized
// alone (cdktf Testing.synthScope: no provider, no phase 2, a few tens of milliseconds), and read back
// as literal rows. Sources for the expectations:
// - ports: kubernetes.io "Ports and Protocols" (6443, 2379, 2380, 10250), flannel
//   Documentation/backends.md (VXLAN UDP 8472), docs.tigera.io "System requirements" (BGP TCP 179,
//   IP-in-IP = IP protocol 4, VXLAN UDP 4789); SSH TCP 22;
// - AWS: "Security group rules" (protocol number "4" for IP-in-IP, "-1" all; self-referencing rules;
//   terraform drops the default allow-all egress, so it is written back); a VPC subnet with
//   map_public_ip_on_launch and a 0.0.0.0/0 route to the internet gateway is a public subnet;
// - GCP: cloud.google.com/load-balancing/docs/health-check-concepts#ip-ranges (35.191.0.0/16,
//   130.211.0.0/22, 209.85.152.0/22, 209.85.204.0/22); firewall protocol name "ipip"; subnetworks are
//   regional;
// - Azure: "Network security groups" (priorities 100-4096, lower first; protocols Tcp, Udp, * ; the
//   service tags AzureLoadBalancer and VirtualNetwork; the default rule 65000 AllowVnetInBound, which
//   our deny at 4000 overrides).
// The addresses are the IP plan's (checked on their own in table.test.ts): control-plane /24s from the
// bottom of 10.0.0.0/16, workers in the upper half (two zones: 10.0.128.0/18 and 10.0.192.0/18).
import { Testing } from 'cdktf';
import { checkConfig } from '../../../config-schema/load.js';
import { addFirewall, awsProtocol, groupFor } from '../../../providers/aws/firewall.js';
import { addNetwork } from '../../../providers/aws/network.js';
import { asgOf, azureAsgRoles, azureFirewall, azureNodeAsgs, DENY_VNET_PRIORITY } from '../../../providers/azure/firewall.js';
import { azureNetwork } from '../../../providers/azure/network.js';
import { azureSettings } from '../../../providers/azure/settings.js';
import { GCP_HEALTH_CHECK_RANGES, gcpFirewall, gcpNodeTags } from '../../../providers/gcp/firewall.js';
import { gcpNetwork } from '../../../providers/gcp/network.js';
import { gcpSettings } from '../../../providers/gcp/settings.js';

type R = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const config = (raw: Record<string, unknown>) => checkConfig('c.json', { name: 'k', ...raw }).config;
const synth = (build: (scope: Parameters<Parameters<typeof Testing.synthScope>[0]>[0]) => void): Record<string, Record<string, R>> =>
  JSON.parse(Testing.synthScope(build)).resource;

const DEDICATED = { topology: { masters: 3, etcd: { placement: 'dedicated', count: 3 }, workers: 2 } };
const CALICO_IPIP = { phase3: { cni: { plugin: 'calico', calico: { mode: 'overlay', encapsulation: 'ipip' } } } };

// --- AWS ---

const awsConfig = (raw: Record<string, unknown> = {}) =>
  config({ ...raw, phase1: { aws: { region: 'eu-west-1', zones: ['eu-west-1a', 'eu-west-1b'], allowedCidrs: { api: ['203.0.113.0/24'], ssh: ['192.0.2.0/24'] } } } });
const awsStack = (c: ReturnType<typeof config>) => synth((s) => addFirewall(s, c, addNetwork(s, c).vpc.id));
const sg = (ref: string) => /aws_security_group\.sg-([a-z]+)\.id/.exec(ref)![1];
const awsRules = (res: Record<string, Record<string, R>>) =>
  Object.entries(res.aws_security_group_rule).map(([id, r]) => {
    const from = r.cidr_blocks ? r.cidr_blocks.join(',') : r.self ? 'self' : sg(r.source_security_group_id);
    return `${id} ${r.type} ${r.protocol} ${r.from_port}-${r.to_port} ${from}->${sg(r.security_group_id)} "${r.description}"`;
  }).sort();

test('AWS network: a VPC with DNS, an internet gateway as the default route, a public control-plane and worker subnet per zone', () => {
  let returned: string[][] = [];
  const res = synth((s) => {
    const net = addNetwork(s, awsConfig());
    // What the nodes stack and the outputs use: the subnets of each kind, zone by zone, nothing else.
    returned = [net.controlPlaneSubnets, net.workerSubnets].map((list) => list.map((x) => x.node.id));
  });
  expect(returned).toEqual([['subnet-control-plane-0', 'subnet-control-plane-1'], ['subnet-workers-0', 'subnet-workers-1']]);
  expect(res.aws_vpc.vpc).toEqual({ cidr_block: '10.0.0.0/16', enable_dns_hostnames: true, enable_dns_support: true, tags: { Name: 'k' } });
  expect(res.aws_internet_gateway.igw).toEqual({ vpc_id: '${aws_vpc.vpc.id}', tags: { Name: 'k' } });
  const rt = res.aws_route_table.routes;
  expect([rt.vpc_id, rt.tags, rt.route.map((r: R) => `${r.cidr_block} ${r.gateway_id}`)]).toEqual(['${aws_vpc.vpc.id}', { Name: 'k' }, ['0.0.0.0/0 ${aws_internet_gateway.igw.id}']]);
  expect(res.aws_subnet).toEqual({
    'subnet-control-plane-0': { vpc_id: '${aws_vpc.vpc.id}', cidr_block: '10.0.0.0/24', availability_zone: 'eu-west-1a', map_public_ip_on_launch: true, tags: { Name: 'k-control-plane-eu-west-1a' } },
    'subnet-workers-0': { vpc_id: '${aws_vpc.vpc.id}', cidr_block: '10.0.128.0/18', availability_zone: 'eu-west-1a', map_public_ip_on_launch: true, tags: { Name: 'k-workers-eu-west-1a' } },
    'subnet-control-plane-1': { vpc_id: '${aws_vpc.vpc.id}', cidr_block: '10.0.1.0/24', availability_zone: 'eu-west-1b', map_public_ip_on_launch: true, tags: { Name: 'k-control-plane-eu-west-1b' } },
    'subnet-workers-1': { vpc_id: '${aws_vpc.vpc.id}', cidr_block: '10.0.192.0/18', availability_zone: 'eu-west-1b', map_public_ip_on_launch: true, tags: { Name: 'k-workers-eu-west-1b' } },
  });
  expect(res.aws_route_table_association).toEqual(Object.fromEntries(['control-plane-0', 'workers-0', 'control-plane-1', 'workers-1'].map((s) => [
    `subnet-${s}-routes`, { subnet_id: `\${aws_subnet.subnet-${s}.id}`, route_table_id: '${aws_route_table.routes.id}' },
  ])));
});

test('AWS firewall, colocated etcd: two groups; etcd rules are the masters\' own (self); egress put back on each', () => {
  const res = awsStack(awsConfig());
  expect(res.aws_security_group).toEqual({
    'sg-nodes': { name: 'k-nodes', description: 'kube-anywhere k: nodes', vpc_id: '${aws_vpc.vpc.id}', tags: { Name: 'k-nodes' } },
    'sg-masters': { name: 'k-masters', description: 'kube-anywhere k: masters', vpc_id: '${aws_vpc.vpc.id}', tags: { Name: 'k-masters' } },
  });
  expect(awsRules(res)).toEqual([
    'sg-egress-masters egress -1 0-0 0.0.0.0/0->masters "all outbound"',
    'sg-egress-nodes egress -1 0-0 0.0.0.0/0->nodes "all outbound"',
    'sg-rule-api ingress tcp 6443-6443 203.0.113.0/24->masters "api"',
    'sg-rule-api-nodes ingress tcp 6443-6443 10.0.0.0/16->masters "api-nodes"',
    'sg-rule-etcd-client ingress tcp 2379-2379 self->masters "etcd-client"',
    'sg-rule-etcd-peer ingress tcp 2380-2380 self->masters "etcd-peer"',
    'sg-rule-flannel-vxlan ingress udp 8472-8472 self->nodes "flannel-vxlan"',
    'sg-rule-kubelet ingress tcp 10250-10250 masters->nodes "kubelet"',
    'sg-rule-ssh ingress tcp 22-22 192.0.2.0/24->nodes "ssh"',
  ]);
});

test('AWS firewall, dedicated etcd and calico IP-in-IP: an etcd group the masters reach, BGP and IP protocol 4 between nodes', () => {
  const res = awsStack(awsConfig({ ...DEDICATED, ...CALICO_IPIP }));
  expect(Object.keys(res.aws_security_group).sort()).toEqual(['sg-etcd', 'sg-masters', 'sg-nodes']);
  expect(res.aws_security_group['sg-etcd']).toEqual({ name: 'k-etcd', description: 'kube-anywhere k: etcd', vpc_id: '${aws_vpc.vpc.id}', tags: { Name: 'k-etcd' } });
  expect(awsRules(res)).toEqual([
    'sg-egress-etcd egress -1 0-0 0.0.0.0/0->etcd "all outbound"',
    'sg-egress-masters egress -1 0-0 0.0.0.0/0->masters "all outbound"',
    'sg-egress-nodes egress -1 0-0 0.0.0.0/0->nodes "all outbound"',
    'sg-rule-api ingress tcp 6443-6443 203.0.113.0/24->masters "api"',
    'sg-rule-api-nodes ingress tcp 6443-6443 10.0.0.0/16->masters "api-nodes"',
    'sg-rule-calico-bgp ingress tcp 179-179 self->nodes "calico-bgp"',
    'sg-rule-calico-ipip ingress 4 0-0 self->nodes "calico-ipip"',
    'sg-rule-etcd-client ingress tcp 2379-2379 masters->etcd "etcd-client"',
    'sg-rule-etcd-peer ingress tcp 2380-2380 self->etcd "etcd-peer"',
    'sg-rule-kubelet ingress tcp 10250-10250 masters->nodes "kubelet"',
    'sg-rule-ssh ingress tcp 22-22 192.0.2.0/24->nodes "ssh"',
  ]);
});

test('AWS helpers: the group of each role, protocol names', () => {
  const colocated = awsConfig();
  const dedicated = awsConfig(DEDICATED);
  expect(['allNodes', 'masters', 'etcd', 'apiClients'].map((w) => groupFor(colocated, w as never))).toEqual(['nodes', 'masters', 'masters', undefined]);
  expect(['allNodes', 'masters', 'etcd', 'nodeNetwork'].map((w) => groupFor(dedicated, w as never))).toEqual(['nodes', 'masters', 'etcd', undefined]);
  expect(['tcp', 'udp', 'ipip'].map((p) => awsProtocol(p as never))).toEqual(['tcp', 'udp', '4']);
});

// --- GCP ---

const gcpConfig = (raw: Record<string, unknown> = {}) =>
  config({ ...raw, phase1: { cloudProvider: 'gcp', gcp: { project: 'kube-test-project', region: 'europe-west1', allowedCidrs: { api: ['203.0.113.0/24'], ssh: ['192.0.2.0/24'] } } } });
const gcpStack = (c: ReturnType<typeof config>) => synth((s) => { const st = gcpSettings(c); gcpFirewall(s, st, gcpNetwork(s, st)); });
const gcpRules = (res: Record<string, Record<string, R>>) =>
  Object.entries(res.google_compute_firewall).map(([id, r]) => {
    const allow = r.allow.map((a: R) => `${a.protocol}${a.ports ? `/${a.ports.join(',')}` : ''}`).join(' ');
    const from = r.source_ranges ? r.source_ranges.join(',') : `tag:${r.source_tags.join(',')}`;
    return `${id} ${r.name} ${r.direction} ${allow} ${from}->tag:${r.target_tags.join(',')} net=${r.network}`;
  }).sort();

test('GCP network: a custom-mode regional VPC, a control-plane subnetwork per zone and one for the workers, Google access on', () => {
  const c = gcpConfig();
  const res = synth((s) => gcpNetwork(s, gcpSettings(c)));
  expect(res.google_compute_network.network).toEqual({ name: 'k-net', auto_create_subnetworks: false, routing_mode: 'REGIONAL', description: 'kube-anywhere cluster k' });
  const sub = (name: string, cidr: string) => ({ name, network: '${google_compute_network.network.id}', region: 'europe-west1', ip_cidr_range: cidr, private_ip_google_access: true });
  expect(res.google_compute_subnetwork).toEqual({
    'subnet-cp-0': sub('k-cp-0', '10.0.0.0/24'),
    'subnet-cp-1': sub('k-cp-1', '10.0.1.0/24'),
    'subnet-workers': sub('k-workers', '10.0.128.0/18'),
  });
});

test('GCP firewall, HA colocated: rules by network tag; the API rule from the nodes also admits Google\'s health checkers', () => {
  expect(GCP_HEALTH_CHECK_RANGES).toEqual(['35.191.0.0/16', '130.211.0.0/22', '209.85.152.0/22', '209.85.204.0/22']);
  const res = gcpStack(gcpConfig({ topology: { masters: 3, etcd: { count: 3 }, workers: 2 } }));
  const net = '${google_compute_network.network.id}';
  expect(gcpRules(res)).toEqual([
    `firewall-api k-api INGRESS tcp/6443 203.0.113.0/24->tag:k-master net=${net}`,
    `firewall-api-nodes k-api-nodes INGRESS tcp/6443 10.0.0.0/16,35.191.0.0/16,130.211.0.0/22,209.85.152.0/22,209.85.204.0/22->tag:k-master net=${net}`,
    `firewall-etcd-client k-etcd-client INGRESS tcp/2379 tag:k-master->tag:k-etcd net=${net}`,
    `firewall-etcd-peer k-etcd-peer INGRESS tcp/2380 tag:k-etcd->tag:k-etcd net=${net}`,
    `firewall-flannel-vxlan k-flannel-vxlan INGRESS udp/8472 tag:k-node->tag:k-node net=${net}`,
    `firewall-kubelet k-kubelet INGRESS tcp/10250 tag:k-master->tag:k-node net=${net}`,
    `firewall-ssh k-ssh INGRESS tcp/22 192.0.2.0/24->tag:k-node net=${net}`,
  ]);
  expect(res.google_compute_firewall['firewall-kubelet'].description).toBe('kubelet API from the API servers (logs, exec, metrics)');
});

test('GCP firewall, one master (no load balancer) with calico IP-in-IP: the nodes only on the API rule; protocol "ipip" without ports', () => {
  const res = gcpStack(gcpConfig({ topology: { masters: 1, workers: 2 }, ...CALICO_IPIP }));
  const rules = gcpRules(res).map((r) => r.replace(/ net=.*/, ''));
  expect(rules).toContain('firewall-api-nodes k-api-nodes INGRESS tcp/6443 10.0.0.0/16->tag:k-master');
  expect(rules).toContain('firewall-calico-ipip k-calico-ipip INGRESS ipip tag:k-node->tag:k-node');
  expect(rules).toContain('firewall-calico-bgp k-calico-bgp INGRESS tcp/179 tag:k-node->tag:k-node');
  expect(rules.some((r) => r.includes('flannel'))).toBe(false);
  // "always" puts the health checkers back with one master.
  const always = gcpRules(gcpStack(config({ topology: { masters: 1, workers: 0 }, phase1: { cloudProvider: 'gcp', apiLoadBalancer: 'always', gcp: { project: 'kube-test-project' } } })));
  expect(always.find((r) => r.startsWith('firewall-api-nodes '))).toMatch(/ 10\.0\.0\.0\/16,35\.191\.0\.0\/16,130\.211\.0\.0\/22,209\.85\.152\.0\/22,209\.85\.204\.0\/22->/);
});

test('GCP network tags of each role: colocated masters also carry the etcd tag', () => {
  const colocated = gcpSettings(gcpConfig());
  const dedicated = gcpSettings(gcpConfig(DEDICATED));
  expect(['master', 'etcd', 'worker'].map((r) => gcpNodeTags(colocated, r as never))).toEqual([['k-node', 'k-master', 'k-etcd'], ['k-node', 'k-etcd'], ['k-node', 'k-worker']]);
  expect(['master', 'etcd', 'worker'].map((r) => gcpNodeTags(dedicated, r as never))).toEqual([['k-node', 'k-master'], ['k-node', 'k-etcd'], ['k-node', 'k-worker']]);
});

// --- Azure ---

const azureConfig = (raw: Record<string, unknown> = {}) =>
  config({ ...raw, phase1: { cloudProvider: 'azure', azure: { subscriptionId: '00000000-0000-0000-0000-000000000000', location: 'westeurope', allowedCidrs: { api: ['203.0.113.0/24'], ssh: ['192.0.2.0/24'] } } } });
const azureStack = (c: ReturnType<typeof config>) => synth((s) => { const st = azureSettings(c); azureFirewall(s, st, azureNetwork(s, st)); });
const asg = (ref: string) => /azurerm_application_security_group\.asg-([a-z]+)\.id/.exec(ref)![1];
const azureRules = (res: Record<string, Record<string, R>>) =>
  Object.values(res.azurerm_network_security_rule).map((r) => {
    const from = r.source_address_prefixes?.join(',') ?? r.source_address_prefix ?? `asg:${r.source_application_security_group_ids.map(asg).join(',')}`;
    const to = r.destination_application_security_group_ids ? `asg:${r.destination_application_security_group_ids.map(asg).join(',')}` : r.destination_address_prefix;
    return `${r.priority} ${r.name} ${r.direction} ${r.access} ${r.protocol} ${r.source_port_range}->${r.destination_port_range} ${from}->${to} nsg=${r.network_security_group_name} rg=${r.resource_group_name}`;
  }).sort();

test('Azure network: a resource group, a VNet over the node CIDR, a control-plane subnet per zone and one for workers, no implicit outbound', () => {
  const c = azureConfig();
  const res = synth((s) => azureNetwork(s, azureSettings(c)));
  const tags = { 'kube-anywhere-cluster': 'k', 'managed-by': 'kube-anywhere' };
  expect(res.azurerm_resource_group['resource-group']).toEqual({ name: 'k-rg', location: 'westeurope', tags });
  expect(res.azurerm_virtual_network.vnet).toEqual({ name: 'k-vnet', resource_group_name: '${azurerm_resource_group.resource-group.name}', location: 'westeurope', address_space: ['10.0.0.0/16'], tags });
  const sub = (name: string, cidr: string) => ({
    name, resource_group_name: '${azurerm_resource_group.resource-group.name}', virtual_network_name: '${azurerm_virtual_network.vnet.name}', address_prefixes: [cidr], default_outbound_access_enabled: false,
  });
  expect(res.azurerm_subnet).toEqual({ 'subnet-cp-0': sub('k-cp-0', '10.0.0.0/24'), 'subnet-cp-1': sub('k-cp-1', '10.0.1.0/24'), 'subnet-workers': sub('k-workers', '10.0.128.0/18') });
});

test('Azure firewall, HA colocated: one NSG, rules by table row (100 + 10 per row), the load balancer\'s probes just after, all other VNet traffic denied at 4000', () => {
  expect(DENY_VNET_PRIORITY).toBe(4000);
  const res = azureStack(azureConfig({ topology: { masters: 3, etcd: { count: 3 }, workers: 2 } }));
  const tags = { 'kube-anywhere-cluster': 'k', 'managed-by': 'kube-anywhere' };
  expect(res.azurerm_network_security_group.nsg).toEqual({ name: 'k-nsg', resource_group_name: '${azurerm_resource_group.resource-group.name}', location: 'westeurope', tags });
  expect(res.azurerm_application_security_group).toEqual({
    'asg-node': { name: 'k-node', resource_group_name: '${azurerm_resource_group.resource-group.name}', location: 'westeurope', tags },
    'asg-master': { name: 'k-master', resource_group_name: '${azurerm_resource_group.resource-group.name}', location: 'westeurope', tags },
  });
  const tail = 'nsg=${azurerm_network_security_group.nsg.name} rg=${azurerm_resource_group.resource-group.name}';
  expect(azureRules(res)).toEqual([
    `100 api Inbound Allow Tcp *->6443 203.0.113.0/24->asg:master ${tail}`,
    `110 api-nodes Inbound Allow Tcp *->6443 10.0.0.0/16->asg:master ${tail}`,
    `111 api-nodes-lb-probe Inbound Allow Tcp *->6443 AzureLoadBalancer->asg:master ${tail}`,
    `120 etcd-client Inbound Allow Tcp *->2379 asg:master->asg:master ${tail}`,
    `130 etcd-peer Inbound Allow Tcp *->2380 asg:master->asg:master ${tail}`,
    `140 kubelet Inbound Allow Tcp *->10250 asg:master->asg:node ${tail}`,
    `150 ssh Inbound Allow Tcp *->22 192.0.2.0/24->asg:node ${tail}`,
    `160 flannel-vxlan Inbound Allow Udp *->8472 asg:node->asg:node ${tail}`,
    `4000 deny-other-vnet-inbound Inbound Deny * *->* VirtualNetwork->VirtualNetwork ${tail}`,
  ]);
  const rules = res.azurerm_network_security_rule;
  expect(rules['nsg-rule-api-nodes-lb-probe'].description).toBe('Kubernetes API health probes of the load balancer');
  expect(rules['nsg-rule-deny-other-vnet-inbound'].description).toBe('no other traffic between machines of the virtual network than the rules above allow');
  expect(rules['nsg-rule-kubelet'].description).toBe('kubelet API from the API servers (logs, exec, metrics)');
  expect(res.azurerm_subnet_network_security_group_association).toEqual(Object.fromEntries(['cp-0', 'cp-1', 'workers'].map((s, i) => [
    `nsg-subnet-${i}`, { subnet_id: `\${azurerm_subnet.subnet-${s}.id}`, network_security_group_id: '${azurerm_network_security_group.nsg.id}' },
  ])));
});

test('Azure firewall, one master, dedicated etcd, calico IP-in-IP: an etcd group; "*" for IP-in-IP; no probe rule without a load balancer', () => {
  const res = azureStack(azureConfig({ topology: { masters: 1, etcd: { placement: 'dedicated', count: 3 }, workers: 2 }, ...CALICO_IPIP }));
  expect(Object.keys(res.azurerm_application_security_group).sort()).toEqual(['asg-etcd', 'asg-master', 'asg-node']);
  const rules = azureRules(res).map((r) => r.replace(/ nsg=.*/, ''));
  expect(rules).toEqual([
    '100 api Inbound Allow Tcp *->6443 203.0.113.0/24->asg:master',
    '110 api-nodes Inbound Allow Tcp *->6443 10.0.0.0/16->asg:master',
    '120 etcd-client Inbound Allow Tcp *->2379 asg:master->asg:etcd',
    '130 etcd-peer Inbound Allow Tcp *->2380 asg:etcd->asg:etcd',
    '140 kubelet Inbound Allow Tcp *->10250 asg:master->asg:node',
    '150 ssh Inbound Allow Tcp *->22 192.0.2.0/24->asg:node',
    '180 calico-bgp Inbound Allow Tcp *->179 asg:node->asg:node',
    '190 calico-ipip Inbound Allow * *->* asg:node->asg:node',
    '4000 deny-other-vnet-inbound Inbound Deny * *->* VirtualNetwork->VirtualNetwork',
  ]);
  const vxlan = azureRules(azureStack(azureConfig({ phase3: { cni: { plugin: 'calico', calico: { mode: 'overlay', encapsulation: 'vxlan' } } } }))).map((r) => r.replace(/ nsg=.*/, ''));
  expect(vxlan).toContain('170 calico-vxlan Inbound Allow Udp *->4789 asg:node->asg:node');
});

test('Azure application security groups of each role', () => {
  const colocated = azureSettings(azureConfig());
  const dedicated = azureSettings(azureConfig(DEDICATED));
  expect([azureAsgRoles(colocated), azureAsgRoles(dedicated)]).toEqual([['node', 'master'], ['node', 'master', 'etcd']]);
  expect(['allNodes', 'masters', 'etcd'].map((w) => [asgOf(colocated, w as never), asgOf(dedicated, w as never)])).toEqual([['node', 'node'], ['master', 'master'], ['master', 'etcd']]);
  expect(() => asgOf(colocated, 'apiClients' as never)).toThrow('no application security group for apiClients');
  expect(['master', 'etcd', 'worker'].map((r) => azureNodeAsgs(colocated, r as never))).toEqual([['node', 'master'], ['node', 'etcd'], ['node']]);
});
