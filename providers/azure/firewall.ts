// One network security group, one rule per row of the shared table (providers/common/firewall.ts).
// Roles are application security groups: every machine's NIC is in "<cluster>-node" and in its
// role's group; colocated etcd members are the masters, so "etcd" then means the masters' group.
import type { Construct } from 'constructs';
import { ApplicationSecurityGroup, NetworkSecurityGroup, NetworkSecurityRule, SubnetNetworkSecurityGroupAssociation } from './resources.js';
import { FIREWALL_RULES, firewallRules, type FirewallRule, type Source, type Target } from '../common/firewall.js';
import type { AzureNetwork } from './network.js';
import type { AzureRole, AzureSettings } from './settings.js';

/** Our allow rules take priorities 100, 110, ... by their row in the table, so they never move when a row is switched off. */
const PRIORITY_BASE = 100;
/** Below every allow rule: no other traffic inside the VNet (Azure's default rule 65000 would allow it all). */
export const DENY_VNET_PRIORITY = 4000;

/** The security groups a role's machines join. */
export function azureAsgRoles(s: AzureSettings): AzureRole[] {
  return s.config.topology.etcd.placement === 'dedicated' ? ['node', 'master', 'etcd'] : ['node', 'master'];
}

export function asgOf(s: AzureSettings, who: Source | Target): AzureRole {
  if (who === 'allNodes') return 'node';
  if (who === 'masters') return 'master';
  if (who === 'etcd') return s.config.topology.etcd.placement === 'dedicated' ? 'etcd' : 'master';
  throw new Error(`no application security group for ${who}`);
}

/** The groups a machine of a role is in. */
export function azureNodeAsgs(s: AzureSettings, role: 'master' | 'etcd' | 'worker'): AzureRole[] {
  return role === 'worker' ? ['node'] : ['node', role];
}

/** NSGs know Tcp, Udp, Icmp, Esp, Ah or any (*): IP-in-IP is "*" without ports, still only between the cluster's nodes. */
function protocolAndPorts(r: FirewallRule): { protocol: string; destinationPortRange: string } {
  if (r.protocol === 'ipip') return { protocol: '*', destinationPortRange: '*' };
  const [a, b] = r.ports!;
  return { protocol: r.protocol === 'tcp' ? 'Tcp' : 'Udp', destinationPortRange: a === b ? `${a}` : `${a}-${b}` };
}

export function azureFirewall(scope: Construct, s: AzureSettings, net: AzureNetwork) {
  const rg = net.group.name;
  const asgs = Object.fromEntries(
    azureAsgRoles(s).map((role) => [
      role,
      new ApplicationSecurityGroup(scope, `asg-${role}`, { name: s.names.asg(role), resourceGroupName: rg, location: s.location, tags: s.tags }),
    ]),
  ) as Record<AzureRole, ApplicationSecurityGroup>;
  const nsg = new NetworkSecurityGroup(scope, 'nsg', { name: s.names.nsg, resourceGroupName: rg, location: s.location, tags: s.tags });

  const rule = (id: string, priority: number, props: Record<string, unknown>) =>
    new NetworkSecurityRule(scope, `nsg-rule-${id}`, {
      name: id,
      resourceGroupName: rg,
      networkSecurityGroupName: nsg.name,
      priority,
      direction: 'Inbound',
      access: 'Allow',
      sourcePortRange: '*',
      protocol: '*',
      ...props,
    });

  const rules = firewallRules(s.config, s.config.phase1.azure.allowedCidrs).map((r) => {
    const priority = PRIORITY_BASE + 10 * FIREWALL_RULES.findIndex((x) => x.name === r.name);
    return rule(r.name, priority, {
      description: r.description,
      ...protocolAndPorts(r),
      ...(r.cidrs ? { sourceAddressPrefixes: r.cidrs } : { sourceApplicationSecurityGroupIds: [asgs[asgOf(s, r.from)].id] }),
      destinationApplicationSecurityGroupIds: [asgs[asgOf(s, r.to)].id],
    });
  });
  // The table's "api-nodes" row covers the load balancer's health probes: on Azure they come from the
  // AzureLoadBalancer service tag, which a rule must name alone (priority just after the row's).
  if (s.loadBalanced) {
    const row = FIREWALL_RULES.findIndex((x) => x.name === 'api-nodes');
    const api = FIREWALL_RULES[row];
    rules.push(
      rule(`${api.name}-lb-probe`, PRIORITY_BASE + 10 * row + 1, {
        description: 'Kubernetes API health probes of the load balancer',
        ...protocolAndPorts(api),
        sourceAddressPrefix: 'AzureLoadBalancer',
        destinationApplicationSecurityGroupIds: [asgs[asgOf(s, api.to)].id],
      }),
    );
  }
  const denyVnet = rule('deny-other-vnet-inbound', DENY_VNET_PRIORITY, {
    description: 'no other traffic between machines of the virtual network than the rules above allow',
    access: 'Deny',
    destinationPortRange: '*',
    sourceAddressPrefix: 'VirtualNetwork',
    destinationAddressPrefix: 'VirtualNetwork',
  });
  net.subnets.forEach(
    (subnet, i) => new SubnetNetworkSecurityGroupAssociation(scope, `nsg-subnet-${i}`, { subnetId: subnet.id, networkSecurityGroupId: nsg.id }),
  );
  return { nsg, asgs, rules, denyVnet };
}
