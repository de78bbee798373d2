// What the network stack tells the nodes stack and phase 2: its terraform outputs, by name. Before
// the network stack exists (render), provisional stand-ins take their place.
import type { Construct } from 'constructs';
import { TerraformOutput } from 'cdktf';
import type { ClusterConfig } from '../../config-schema/types.js';
import { UserError } from '../../lib/errors.js';
import { PROVISIONAL_API_HOST } from '../common/inventory.js';
import { awsZones } from './settings.js';

export interface AwsNetworkOutputs {
  vpc_id: string;
  control_plane_subnet_ids: string[];
  worker_subnet_ids: string[];
  security_groups: { nodes: string; masters: string; etcd?: string };
  api_host: string;
  api_target_group_arn: string;
  api_eip_allocation_id: string;
  ignition_bucket: string;
  instance_profile: string;
}

/** Declares the network stack's outputs (values are tokens resolved by terraform). */
export function addNetworkOutputs(scope: Construct, o: { [K in keyof AwsNetworkOutputs]: unknown }): void {
  for (const [name, value] of Object.entries(o)) new TerraformOutput(scope, name, { value });
}

/** Checks and types the outputs read back with `terraform output -json`. */
export function parseNetworkOutputs(raw: Record<string, unknown>): AwsNetworkOutputs {
  const keys: (keyof AwsNetworkOutputs)[] = ['vpc_id', 'control_plane_subnet_ids', 'worker_subnet_ids', 'security_groups', 'api_host', 'ignition_bucket', 'instance_profile'];
  const missing = keys.filter((k) => raw[k] === undefined || raw[k] === null || raw[k] === '');
  if (missing.length) {
    throw new UserError(`error: the AWS network stack has no output ${missing.join(', ')}; apply it again (kube-anywhere deploy)`);
  }
  return {
    api_target_group_arn: '',
    api_eip_allocation_id: '',
    ...(raw as Partial<AwsNetworkOutputs>),
  } as AwsNetworkOutputs;
}

/** Stand-ins for render before anything is applied. They are visibly not real ids. */
export function provisionalNetworkOutputs(c: ClusterConfig, withLoadBalancer: boolean): AwsNetworkOutputs {
  const zones = awsZones(c);
  return {
    vpc_id: 'vpc-provisional',
    control_plane_subnet_ids: zones.map((_, i) => `subnet-provisional-control-plane-${i}`),
    worker_subnet_ids: zones.map((_, i) => `subnet-provisional-workers-${i}`),
    security_groups: {
      nodes: 'sg-provisional-nodes',
      masters: 'sg-provisional-masters',
      ...(c.topology.etcd.placement === 'dedicated' ? { etcd: 'sg-provisional-etcd' } : {}),
    },
    api_host: PROVISIONAL_API_HOST,
    api_target_group_arn: withLoadBalancer ? 'arn:aws:elasticloadbalancing:provisional' : '',
    api_eip_allocation_id: withLoadBalancer ? '' : 'eipalloc-provisional',
    ignition_bucket: `${c.name}-ignition-provisional`,
    instance_profile: `${c.name}-node`,
  };
}
