// Workers: a launch template and an autoscaling group over the worker subnets. They are
// interchangeable (TLS bootstrapping gives each its identity), so the group never lists them.
import { AutoscalingGroup, LaunchTemplate } from './resources.js';
import type { Construct } from 'constructs';
import type { ITerraformDependable } from 'cdktf';
import type { ClusterConfig } from '../../config-schema/types.js';
import type { NodeBundle } from '../../lib/contracts.js';
import { resourceName } from '../../lib/names.js';
import type { AwsNetworkOutputs } from './outputs.js';
import { clusterTags } from './settings.js';
import { bundleFor } from '../common/bundles.js';
import { METADATA_OPTIONS } from './machine.js';
import { pointerUserData } from './userdata.js';

/** Root disk of a worker: room for container images. */
export const WORKER_DISK_GB = 40;

export function addWorkers(
  scope: Construct,
  c: ClusterConfig,
  net: AwsNetworkOutputs,
  image: string,
  bundles: NodeBundle[],
  configObjects: Map<string, ITerraformDependable>,
): AutoscalingGroup | undefined {
  const count = c.topology.workers;
  if (count === 0) return undefined;
  const name = resourceName('aws', 'workerGroup', c.name);
  const bundle = bundleFor(bundles, { name: 'worker', role: 'worker' }) /* the pool of cloudInventory */;
  // default_tags do not reach what the group launches: tag instances and volumes explicitly.
  const tags = { ...clusterTags(c), Name: name, 'kube-anywhere/role': 'worker' };
  const template = new LaunchTemplate(scope, 'worker-template', {
    name,
    imageId: image,
    instanceType: c.phase1.aws.instanceTypes.worker,
    vpcSecurityGroupIds: [net.security_groups.nodes],
    iamInstanceProfile: { name: net.instance_profile },
    userData: pointerUserData(bundle.id, bundle.pointer),
    metadataOptions: METADATA_OPTIONS,
    blockDeviceMappings: [{ deviceName: '/dev/xvda', ebs: { encrypted: 'true', volumeType: 'gp3', volumeSize: WORKER_DISK_GB } }],
    ...(c.phase1.aws.sshPublicKey ? { keyName: c.name } : {}),
    updateDefaultVersion: true,
    tagSpecifications: [
      { resourceType: 'instance', tags },
      { resourceType: 'volume', tags },
    ],
    tags: { Name: name },
  });
  return new AutoscalingGroup(scope, 'worker-group', {
    name,
    minSize: count,
    maxSize: count,
    desiredCapacity: count,
    vpcZoneIdentifier: net.worker_subnet_ids,
    launchTemplate: { id: template.id, version: '$Latest' },
    // Workers join on their own (TLS bootstrapping); phase 3 does not need them up.
    waitForCapacityTimeout: '0',
    dependsOn: configObjects.has(bundle.id) ? [configObjects.get(bundle.id)!] : [],
    tag: Object.entries(tags).map(([key, value]) => ({ key, value, propagateAtLaunch: true })),
  });
}
