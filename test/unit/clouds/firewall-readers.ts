// Reads the opened ports back from each cloud's synthesized network stack, in one cloud-neutral
// spelling ("tcp/6443", "udp/8472", "ipip"; sources as sorted CIDRs or a role; targets as a role).
import { resources, type Cloud } from './fixtures.js';

type R = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** One opened port: "tcp/6443", "udp/8472" or "ipip", from a role or CIDRs, to a role. */
export interface Row { key: string; from: string; to: 'nodes' | 'masters' | 'etcd' }

const ports = (a: number | string, b: number | string) => (String(a) === String(b) ? `${a}` : `${a}-${b}`);
const role = (s: string): Row['to'] => {
  const m = /(node|master|etcd)s?\b/.exec(s);
  if (!m) throw new Error(`no role in ${s}`);
  return m[1] === 'node' ? 'nodes' : m[1] === 'master' ? 'masters' : 'etcd';
};

/** Per cloud: rule name -> row, read from the synthesized network stack only. */
export const READERS: Record<Cloud, (net: Parameters<typeof resources>[0], cluster: string) => Map<string, Row>> = {
  aws: (net) =>
    new Map(
      (resources(net, 'aws_security_group_rule') as R[])
        .filter((r) => r.type === 'ingress')
        .map((r) => {
          const to = role(r.security_group_id);
          const from = r.cidr_blocks ? [...r.cidr_blocks].sort().join(',') : r.self ? to : role(r.source_security_group_id);
          return [r.description, { key: r.protocol === '4' ? 'ipip' : `${r.protocol}/${ports(r.from_port, r.to_port)}`, from, to }];
        }),
    ),
  gcp: (net, cluster) =>
    new Map(
      (resources(net, 'google_compute_firewall') as R[]).map((r) => {
        const a = r.allow[0];
        const from = r.source_ranges ? [...r.source_ranges].sort().join(',') : role(r.source_tags[0]);
        return [r.name.slice(cluster.length + 1), { key: a.protocol === 'ipip' ? 'ipip' : `${a.protocol}/${a.ports[0]}`, from, to: role(r.target_tags[0]) }];
      }),
    ),
  azure: (net) =>
    new Map(
      (resources(net, 'azurerm_network_security_rule') as R[])
        // the load balancer's probe rule names a service tag, and the deny rule is no opening
        .filter((r) => r.access === 'Allow' && !r.source_address_prefix)
        .map((r) => {
          const from = r.source_address_prefixes ? [...r.source_address_prefixes].sort().join(',') : role(r.source_application_security_group_ids[0]);
          const key = r.protocol === '*' ? 'ipip' : `${r.protocol.toLowerCase()}/${r.destination_port_range}`;
          return [r.name, { key, from, to: role(r.destination_application_security_group_ids[0]) }];
        }),
    ),
};

