// The VPC: one control-plane and one worker subnet per zone (from the shared IP plan), an internet
// gateway, and a route table sending the rest of the world through it.
import type { Construct } from 'constructs';
import { Vpc } from '@cdktf/provider-aws/lib/vpc/index.js';
import { Subnet } from '@cdktf/provider-aws/lib/subnet/index.js';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway/index.js';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table/index.js';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association/index.js';
import type { ClusterConfig } from '../../config-schema/types.js';
import { subnetPlan } from '../common/ip-plan.js';
import { awsZones } from './settings.js';

export interface AwsNetwork {
  vpc: Vpc;
  controlPlaneSubnets: Subnet[];
  workerSubnets: Subnet[];
}

export function addNetwork(scope: Construct, c: ClusterConfig): AwsNetwork {
  const zones = awsZones(c);
  const vpc = new Vpc(scope, 'vpc', {
    cidrBlock: c.network.nodeCidr,
    enableDnsHostnames: true,
    enableDnsSupport: true,
    tags: { Name: c.name },
  });
  const igw = new InternetGateway(scope, 'igw', { vpcId: vpc.id, tags: { Name: c.name } });
  const routes = new RouteTable(scope, 'routes', {
    vpcId: vpc.id,
    route: [{ cidrBlock: '0.0.0.0/0', gatewayId: igw.id }],
    tags: { Name: c.name },
  });
  const controlPlaneSubnets: Subnet[] = [];
  const workerSubnets: Subnet[] = [];
  for (const plan of subnetPlan(c, zones.length)) {
    const zone = zones[plan.zoneIndex];
    const make = (kind: 'control-plane' | 'workers', cidr: string): Subnet => {
      const id = `subnet-${kind}-${plan.zoneIndex}`;
      // Public addresses: nodes pull images and reach S3 without a NAT gateway.
      const subnet = new Subnet(scope, id, {
        vpcId: vpc.id,
        cidrBlock: cidr,
        availabilityZone: zone,
        mapPublicIpOnLaunch: true,
        tags: { Name: `${c.name}-${kind}-${zone}` },
      });
      new RouteTableAssociation(scope, `${id}-routes`, { subnetId: subnet.id, routeTableId: routes.id });
      return subnet;
    };
    controlPlaneSubnets.push(make('control-plane', plan.controlPlane));
    workerSubnets.push(make('workers', plan.workers));
  }
  return { vpc, controlPlaneSubnets, workerSubnets };
}
