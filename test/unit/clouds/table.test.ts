// The shared firewall table and IP plan themselves (providers/common/), fast and without a synth:
// every expected value is a literal. The ports: kubernetes.io "Ports and Protocols" (6443, 2379,
// 2380, 10250), flannel Documentation/backends.md (VXLAN UDP 8472), Calico's network requirements
// (BGP TCP 179, IP-in-IP protocol 4, VXLAN UDP 4789). The addresses: masters from .10 and dedicated
// etcd members from .30 of each zone's control-plane subnet, clear of what every cloud reserves at
// the start of a subnet (AWS and Azure the first four, GCP the first two).
import { checkConfig } from '../../../config-schema/load.js';
import { firewallRules } from '../../../providers/common/firewall.js';
import { plannedNodes, subnetPlan } from '../../../providers/common/ip-plan.js';

const cfg = (raw: Record<string, unknown>) => checkConfig('t.json', { name: 'tbl', ...raw }).config;
const row = (r: ReturnType<typeof firewallRules>[number]) =>
  `${r.name} ${r.protocol}${r.ports ? `/${r.ports[0]}-${r.ports[1]}` : ''} ${r.from}->${r.to}${r.cidrs ? ` [${r.cidrs.join(',')}]` : ''}`;

const CONTROL_PLANE = [
  'api tcp/6443-6443 apiClients->masters [203.0.113.0/24]',
  'api-nodes tcp/6443-6443 nodeNetwork->masters [10.0.0.0/16]',
  'etcd-client tcp/2379-2379 masters->etcd',
  'etcd-peer tcp/2380-2380 etcd->etcd',
  'kubelet tcp/10250-10250 masters->allNodes',
  'ssh tcp/22-22 sshClients->allNodes [192.0.2.0/24,198.51.100.0/24]',
];

test.each([
  ['flannel vxlan', { plugin: 'flannel', flannel: { backend: 'vxlan' } }, ['flannel-vxlan udp/8472-8472 allNodes->allNodes']],
  ['flannel host-gw', { plugin: 'flannel', flannel: { backend: 'host-gw' } }, []],
  ['calico overlay vxlan', { plugin: 'calico', calico: { mode: 'overlay', encapsulation: 'vxlan' } }, ['calico-vxlan udp/4789-4789 allNodes->allNodes']],
  ['calico overlay ipip', { plugin: 'calico', calico: { mode: 'overlay', encapsulation: 'ipip' } }, ['calico-bgp tcp/179-179 allNodes->allNodes', 'calico-ipip ipip allNodes->allNodes']],
  ['calico routed', { plugin: 'calico', calico: { mode: 'routed' } }, ['calico-bgp tcp/179-179 allNodes->allNodes']],
  ['calico routed, ipip set but unused', { plugin: 'calico', calico: { mode: 'routed', encapsulation: 'ipip' } }, ['calico-bgp tcp/179-179 allNodes->allNodes']],
])('firewall table, %s: exactly the documented rows', (_label, cni, cniRows) => {
  const c = cfg({ phase3: { cni } });
  const rows = firewallRules(c, { api: ['203.0.113.0/24'], ssh: ['192.0.2.0/24', '198.51.100.0/24'] }).map(row);
  expect(rows).toEqual([...CONTROL_PLANE, ...cniRows]);
});

test('firewall table: every rule says what it is for (the description each cloud shows), each its own', () => {
  const rules = firewallRules(cfg({ phase3: { cni: { plugin: 'calico', calico: { mode: 'overlay', encapsulation: 'ipip' } } } }), { api: ['0.0.0.0/0'], ssh: ['0.0.0.0/0'] });
  const all = [...rules, ...firewallRules(cfg({}), { api: [], ssh: [] }), ...firewallRules(cfg({ phase3: { cni: { plugin: 'calico' } } }), { api: [], ssh: [] })];
  for (const r of all) expect([r.name, r.description.length >= 5]).toEqual([r.name, true]);
  expect(new Set(all.map((r) => r.description)).size).toBe(new Set(all.map((r) => r.name)).size);
});

test('firewall table: a client list left empty drops its rule; the node network follows network.nodeCidr', () => {
  const c = cfg({ network: { nodeCidr: '172.20.0.0/16', podCidr: '10.244.0.0/16', serviceCidr: '10.96.0.0/12' } });
  const rows = firewallRules(c, { api: [], ssh: [] }).map(row);
  expect(rows).toEqual(['api-nodes tcp/6443-6443 nodeNetwork->masters [172.20.0.0/16]', ...CONTROL_PLANE.slice(2, 5), 'flannel-vxlan udp/8472-8472 allNodes->allNodes']);
});

test.each([
  [1, '10.0.0.0/16', [{ controlPlane: '10.0.0.0/24', workers: '10.0.128.0/17' }]],
  [2, '10.0.0.0/16', [{ controlPlane: '10.0.0.0/24', workers: '10.0.128.0/18' }, { controlPlane: '10.0.1.0/24', workers: '10.0.192.0/18' }]],
  [3, '10.0.0.0/16', [
    { controlPlane: '10.0.0.0/24', workers: '10.0.128.0/19' }, { controlPlane: '10.0.1.0/24', workers: '10.0.160.0/19' }, { controlPlane: '10.0.2.0/24', workers: '10.0.192.0/19' },
  ]],
  [2, '192.168.0.0/23', [{ controlPlane: '192.168.0.0/25', workers: '192.168.1.0/25' }, { controlPlane: '192.168.0.128/25', workers: '192.168.1.128/25' }]],
  [2, '192.168.0.0/22', [{ controlPlane: '192.168.0.0/24', workers: '192.168.2.0/24' }, { controlPlane: '192.168.1.0/24', workers: '192.168.3.0/24' }]],
])('subnet plan, %i zone(s) of %s: control-plane /24s from the bottom, workers split over the upper half', (zones, nodeCidr, want) => {
  const c = cfg({ network: { nodeCidr } });
  expect(subnetPlan(c, zones)).toEqual(want.map((w, zoneIndex) => ({ zoneIndex, ...w })));
});

test('planned nodes: names, roles, zones round-robin, addresses from .10 (masters) and .30 (etcd)', () => {
  const c = cfg({ topology: { masters: 5, etcd: { placement: 'dedicated', count: 3 }, workers: 2 } });
  expect(plannedNodes(c, 2).map((n) => `${n.name} ${n.role} ${n.index} z${n.zoneIndex} ${n.privateIP}`)).toEqual([
    'tbl-master-0 master 0 z0 10.0.0.10',
    'tbl-master-1 master 1 z1 10.0.1.10',
    'tbl-master-2 master 2 z0 10.0.0.11',
    'tbl-master-3 master 3 z1 10.0.1.11',
    'tbl-master-4 master 4 z0 10.0.0.12',
    'tbl-etcd-0 etcd 0 z0 10.0.0.30',
    'tbl-etcd-1 etcd 1 z1 10.0.1.30',
    'tbl-etcd-2 etcd 2 z0 10.0.0.31',
  ]);
  const colocated = cfg({ topology: { masters: 3, etcd: { count: 3 }, workers: 0 } });
  expect(plannedNodes(colocated, 3).map((n) => `${n.name} z${n.zoneIndex} ${n.privateIP}`)).toEqual(['tbl-master-0 z0 10.0.0.10', 'tbl-master-1 z1 10.0.1.10', 'tbl-master-2 z2 10.0.2.10']);
  expect(plannedNodes(cfg({}), 1).map((n) => n.privateIP)).toEqual(['10.0.0.10']);
});
