// GCP firewall rules, one per row of the shared table (providers/common/firewall.ts). Roles are
// network tags on the instances: "<cluster>-node" on all, plus "<cluster>-master|etcd|worker".
import type { Construct } from 'constructs';
import { ComputeFirewall } from './resources.js';
import { firewallRules, PORTS, type FirewallRule, type Source, type Target } from '../common/firewall.js';
import type { GcpSettings } from './settings.js';
import type { GcpNetwork } from './network.js';

/**
 * Where Google's load balancer health checks come from (external passthrough network load balancers):
 * https://cloud.google.com/load-balancing/docs/health-check-concepts#ip-ranges
 */
export const GCP_HEALTH_CHECK_RANGES = ['35.191.0.0/16', '130.211.0.0/22', '209.85.152.0/22', '209.85.204.0/22'];

/** The network tag(s) of a role; colocated etcd members are the masters, and carry both tags. */
function tagOf(s: GcpSettings, who: Source | Target): string {
  if (who === 'allNodes') return s.tags.node;
  if (who === 'masters') return s.tags.master;
  if (who === 'etcd') return s.tags.etcd;
  throw new Error(`no network tag for ${who}`);
}

/** The tags a machine of a role carries. */
export function gcpNodeTags(s: GcpSettings, role: 'master' | 'etcd' | 'worker'): string[] {
  const colocated = s.config.topology.etcd.placement === 'colocated';
  if (role === 'master') return colocated ? [s.tags.node, s.tags.master, s.tags.etcd] : [s.tags.node, s.tags.master];
  return [s.tags.node, s.tags[role]];
}

/** GCP names the protocol of IP-in-IP "ipip"; tcp and udp take a port or a range "a-b". */
function allow(r: FirewallRule) {
  if (r.protocol === 'ipip') return [{ protocol: 'ipip' }];
  const [a, b] = r.ports!;
  return [{ protocol: r.protocol, ports: [a === b ? `${a}` : `${a}-${b}`] }];
}

export function gcpFirewall(scope: Construct, s: GcpSettings, net: GcpNetwork): ComputeFirewall[] {
  const rules = firewallRules(s.config, s.config.phase1.gcp.allowedCidrs);
  return rules.map((r) => {
    let sourceRanges = r.cidrs;
    // The table's "api-nodes" row covers the load balancer's health checks; on GCP they come from Google's ranges.
    if (r.name === 'api-nodes' && r.ports?.[0] === PORTS.api && s.loadBalanced) sourceRanges = [...r.cidrs!, ...GCP_HEALTH_CHECK_RANGES];
    return new ComputeFirewall(scope, `firewall-${r.name}`, {
      name: `${s.cluster}-${r.name}`,
      network: net.network.id,
      description: r.description,
      direction: 'INGRESS',
      allow: allow(r),
      ...(sourceRanges ? { sourceRanges } : { sourceTags: [tagOf(s, r.from)] }),
      targetTags: [tagOf(s, r.to)],
    });
  });
}
