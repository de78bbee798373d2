// The AWS cloud: two stacks (DESIGN.md). `network`: VPC, subnets, security groups, the API's
// address, the ignition bucket and the nodes' identity. `nodes`: the config objects, masters, etcd
// members and the worker group, each booting from its pointer config.
import type { Construct } from 'constructs';
import type { ITerraformDependable } from 'cdktf';
import { TerraformOutput } from 'cdktf';
import { KeyPair } from '@cdktf/provider-aws/lib/key-pair/index.js';
import { relative, join } from 'node:path';
import type { ClusterConfig } from '../../config-schema/types.js';
import type { CloudProvider, SynthInput, StackName } from '../common/provider.js';
import { cloudInventory } from '../common/inventory.js';
import { synthStack } from '../common/stack.js';
import { wantsApiLoadBalancer } from '../common/api-endpoint.js';
import { addAwsProvider, awsZones, s3BackendSettings } from './settings.js';
import { addNetwork } from './network.js';
import { addFirewall } from './firewall.js';
import { addApiAddress, attachMasters } from './loadbalancer.js';
import { addStorage, addIgnitionObjects, IGNITION_PREFIX } from './storage.js';
import { addNetworkOutputs, parseNetworkOutputs, provisionalNetworkOutputs, type AwsNetworkOutputs } from './outputs.js';
import { nodeImage } from './image.js';
import { addControlPlane } from './controlplane.js';
import { addWorkers } from './workers.js';
import { checkAwsCredentials } from './credentials.js';

function buildNetwork(scope: Construct, c: ClusterConfig): void {
  addAwsProvider(scope, c);
  const net = addNetwork(scope, c);
  const groups = addFirewall(scope, c, net.vpc.id);
  const api = addApiAddress(scope, c, net.vpc.id, net.controlPlaneSubnets.map((s) => s.id));
  const storage = addStorage(scope, c);
  if (c.phase1.aws.sshPublicKey) new KeyPair(scope, 'ssh-key', { keyName: c.name, publicKey: c.phase1.aws.sshPublicKey });
  addNetworkOutputs(scope, {
    vpc_id: net.vpc.id,
    control_plane_subnet_ids: net.controlPlaneSubnets.map((s) => s.id),
    worker_subnet_ids: net.workerSubnets.map((s) => s.id),
    security_groups: Object.fromEntries(Object.entries(groups).map(([k, g]) => [k, g!.id])),
    api_host: api.host,
    api_target_group_arn: api.targetGroupArn ?? '',
    api_eip_allocation_id: api.eipAllocationId ?? '',
    ignition_bucket: storage.bucket.bucket,
    instance_profile: storage.instanceProfile.name,
  });
}

function buildNodes(scope: Construct, input: SynthInput, net: AwsNetworkOutputs): void {
  const c = input.config;
  addAwsProvider(scope, c);
  const image = nodeImage(scope, c);
  // Upload only the configs a machine here boots from (those with a pointer).
  const uploads = input.bundles
    .filter((b) => b.pointer)
    .map((b) => {
      const file = join(input.ignitionDir, `${b.id}.ign`);
      // Relative: the stack keeps working when clusters/ moves (and its JSON names no home directory).
      return { id: b.id, file, source: relative(input.outDir, file) };
    });
  const objects = addIgnitionObjects(scope, net.ignition_bucket, uploads);
  const byId = new Map<string, ITerraformDependable>(uploads.map((u, i) => [u.id, objects[i]]));
  const cp = addControlPlane(scope, c, net, image, input.bundles, byId);
  attachMasters(scope, cp.masters, { targetGroupArn: net.api_target_group_arn || undefined, eipAllocationId: net.api_eip_allocation_id || undefined });
  const group = addWorkers(scope, c, net, image, input.bundles, byId);
  new TerraformOutput(scope, 'master_instance_ids', { value: cp.masters.map((m) => m.id) });
  new TerraformOutput(scope, 'etcd_instance_ids', { value: cp.etcd.map((m) => m.id) });
  new TerraformOutput(scope, 'worker_group', { value: group ? group.name : '' });
}

function networkOutputsOf(input: SynthInput): AwsNetworkOutputs {
  return input.networkOutputs ? parseNetworkOutputs(input.networkOutputs) : provisionalNetworkOutputs(input.config, wantsApiLoadBalancer(input.config));
}

export const awsProvider: CloudProvider = {
  name: 'aws',
  zoneCount: (c) => awsZones(c).length,
  checkCredentials: checkAwsCredentials,
  synth(stack: StackName, input: SynthInput): string {
    const c = input.config;
    const build = stack === 'network' ? (s: Construct) => buildNetwork(s, c) : (s: Construct) => buildNodes(s, input, networkOutputsOf(input));
    return synthStack(c, stack, input.outDir, build, { s3: s3BackendSettings(c) });
  },
  inventoryFromOutputs(c, outputs) {
    const o = parseNetworkOutputs(outputs);
    return cloudInventory(c, awsZones(c).length, { apiHost: o.api_host, ignitionBaseUrl: `s3://${o.ignition_bucket}/${IGNITION_PREFIX}` });
  },
  provisionalInventory(c) {
    const o = provisionalNetworkOutputs(c, wantsApiLoadBalancer(c));
    return { ...cloudInventory(c, awsZones(c).length), ignitionBaseUrl: `s3://${o.ignition_bucket}/${IGNITION_PREFIX}` };
  },
};
