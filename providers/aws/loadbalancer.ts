// The API's stable address. More than one master (or apiLoadBalancer "always"): a network load
// balancer on 6443 across the control-plane subnets, its DNS name the endpoint. Otherwise an Elastic
// IP, allocated in the network stack (so certificates can name it) and attached to the master later.
import { Eip, EipAssociation, Lb, LbListener, LbTargetGroup, LbTargetGroupAttachment } from './resources.js';
import type { Instance } from './resources.js';
import type { Construct } from 'constructs';
import type { ClusterConfig } from '../../config-schema/types.js';
import { PORTS } from '../common/firewall.js';
import { resourceName } from '../../lib/names.js';
import { wantsApiLoadBalancer } from '../common/api-endpoint.js';

export interface ApiAddress {
  /** The endpoint's host: the load balancer's DNS name or the Elastic IP. */
  host: string;
  targetGroupArn?: string;
  eipAllocationId?: string;
}

/** Network stack: the load balancer (or the Elastic IP) that gives the API its address. */
export function addApiAddress(scope: Construct, c: ClusterConfig, vpcId: string, subnetIds: string[]): ApiAddress {
  if (!wantsApiLoadBalancer(c)) {
    const eip = new Eip(scope, 'api-eip', { domain: 'vpc', tags: { Name: `${c.name}-api` } });
    return { host: eip.publicIp, eipAllocationId: eip.allocationId };
  }
  const lb = new Lb(scope, 'api-lb', {
    name: resourceName('aws', 'loadBalancer', c.name),
    loadBalancerType: 'network',
    internal: false,
    subnets: subnetIds,
    enableCrossZoneLoadBalancing: true,
    tags: { Name: `${c.name}-api` },
  });
  const tg = new LbTargetGroup(scope, 'api-targets', {
    name: resourceName('aws', 'targetGroup', c.name),
    port: PORTS.api,
    protocol: 'TCP',
    vpcId,
    targetType: 'instance',
    healthCheck: { protocol: 'TCP', port: String(PORTS.api), interval: 10, healthyThreshold: 2, unhealthyThreshold: 2 },
    tags: { Name: `${c.name}-api` },
  });
  new LbListener(scope, 'api-listener', {
    loadBalancerArn: lb.arn,
    port: PORTS.api,
    protocol: 'TCP',
    defaultAction: [{ type: 'forward', targetGroupArn: tg.arn }],
    tags: { Name: `${c.name}-api` },
  });
  return { host: lb.dnsName, targetGroupArn: tg.arn };
}

/** Nodes stack: the masters behind the load balancer, or the Elastic IP on the one master. */
export function attachMasters(scope: Construct, masters: Instance[], addr: { targetGroupArn?: string; eipAllocationId?: string }): void {
  if (addr.targetGroupArn) {
    masters.forEach((m, i) =>
      new LbTargetGroupAttachment(scope, `api-target-${i}`, { targetGroupArn: addr.targetGroupArn!, targetId: m.id, port: PORTS.api }),
    );
  } else if (addr.eipAllocationId && masters[0]) {
    new EipAssociation(scope, 'api-eip-master', { allocationId: addr.eipAllocationId, instanceId: masters[0].id });
  }
}
