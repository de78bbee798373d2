// Security groups from the ONE shared rule table (providers/common/firewall.ts): a group per kind
// of receiver (all nodes, masters, dedicated etcd members); each node carries `nodes` plus its role's.
import type { Construct } from 'constructs';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group/index.js';
import { SecurityGroupRule } from '@cdktf/provider-aws/lib/security-group-rule/index.js';
import type { ClusterConfig } from '../../config-schema/types.js';
import { firewallRules, type Protocol, type Source, type Target } from '../common/firewall.js';

export type GroupKey = 'nodes' | 'masters' | 'etcd';
export type AwsGroups = Partial<Record<GroupKey, SecurityGroup>> & { nodes: SecurityGroup; masters: SecurityGroup };

/** Which group stands for a role of the table: etcd members are the masters when etcd is colocated. */
export function groupFor(c: ClusterConfig, who: Target | Source): GroupKey | undefined {
  if (who === 'allNodes') return 'nodes';
  if (who === 'masters') return 'masters';
  if (who === 'etcd') return c.topology.etcd.placement === 'dedicated' ? 'etcd' : 'masters';
  return undefined; // a CIDR source
}

/** AWS protocol names: IP-in-IP is IP protocol number 4, without ports. */
export function awsProtocol(p: Protocol): string {
  return p === 'ipip' ? '4' : p;
}

export function addFirewall(scope: Construct, c: ClusterConfig, vpcId: string): AwsGroups {
  const keys: GroupKey[] = c.topology.etcd.placement === 'dedicated' ? ['nodes', 'masters', 'etcd'] : ['nodes', 'masters'];
  const groups = Object.fromEntries(
    keys.map((k) => [
      k,
      new SecurityGroup(scope, `sg-${k}`, {
        name: `${c.name}-${k}`,
        description: `kube-anywhere ${c.name}: ${k}`,
        vpcId,
        tags: { Name: `${c.name}-${k}` },
      }),
    ]),
  ) as AwsGroups;

  const allowed = c.phase1.aws.allowedCidrs;
  for (const rule of firewallRules(c, allowed)) {
    const target = groupFor(c, rule.to)!;
    const source = groupFor(c, rule.from);
    const [fromPort, toPort] = rule.ports ?? [0, 0];
    new SecurityGroupRule(scope, `sg-rule-${rule.name}`, {
      type: 'ingress',
      securityGroupId: groups[target]!.id,
      protocol: awsProtocol(rule.protocol),
      fromPort,
      toPort,
      description: rule.name,
      ...(source === undefined
        ? { cidrBlocks: rule.cidrs }
        : source === target
          ? { selfAttribute: true }
          : { sourceSecurityGroupId: groups[source]!.id }),
    });
  }
  // Terraform drops AWS's default allow-all egress from groups it creates: put it back.
  for (const k of keys) {
    new SecurityGroupRule(scope, `sg-egress-${k}`, {
      type: 'egress',
      securityGroupId: groups[k]!.id,
      protocol: '-1',
      fromPort: 0,
      toPort: 0,
      cidrBlocks: ['0.0.0.0/0'],
      description: 'all outbound',
    });
  }
  return groups;
}
