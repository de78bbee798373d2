// Masters and dedicated etcd members: single instances, because each has an identity (static
// private IP from the shared plan, its own certificates). Workers are a group: see workers.ts.
import { Instance } from './resources.js';
import type { Construct } from 'constructs';
import type { ITerraformDependable } from 'cdktf';
import type { ClusterConfig } from '../../config-schema/types.js';
import type { NodeBundle } from '../../lib/contracts.js';
import { plannedNodes } from '../common/ip-plan.js';
import type { AwsNetworkOutputs } from './outputs.js';
import { awsZones } from './settings.js';
import { bundleFor } from '../common/bundles.js';
import { METADATA_OPTIONS } from './machine.js';
import { pointerUserData } from './userdata.js';

/** Root disks: etcd's data and the control plane's images fit with room to spare. */
export const DISK_GB = { master: 30, etcd: 20 } as const;

export interface ControlPlane {
  masters: Instance[];
  etcd: Instance[];
}

export function addControlPlane(
  scope: Construct,
  c: ClusterConfig,
  net: AwsNetworkOutputs,
  image: string,
  bundles: NodeBundle[],
  configObjects: Map<string, ITerraformDependable>,
): ControlPlane {
  const out: ControlPlane = { masters: [], etcd: [] };
  const types = c.phase1.aws.instanceTypes;
  for (const n of plannedNodes(c, awsZones(c).length)) {
    const bundle = bundleFor(bundles, n);
    const group = n.role === 'master' ? net.security_groups.masters : net.security_groups.etcd!;
    const instance = new Instance(scope, n.name, {
      ami: image,
      instanceType: n.role === 'master' ? types.master : types.etcd,
      subnetId: net.control_plane_subnet_ids[n.zoneIndex],
      privateIp: n.privateIP,
      vpcSecurityGroupIds: [net.security_groups.nodes, group],
      iamInstanceProfile: net.instance_profile,
      userDataBase64: pointerUserData(bundle.id, bundle.pointer),
      // Changing user data in place is not possible: a new config means a new machine.
      userDataReplaceOnChange: true,
      metadataOptions: METADATA_OPTIONS,
      rootBlockDevice: { encrypted: true, volumeType: 'gp3', volumeSize: DISK_GB[n.role] },
      ...(c.phase1.aws.sshPublicKey ? { keyName: c.name } : {}),
      // The full config must be in the bucket before the machine boots and fetches it.
      dependsOn: configObjects.has(bundle.id) ? [configObjects.get(bundle.id)!] : [],
      tags: { Name: n.name, 'kube-anywhere/role': n.role },
      volumeTags: { Name: n.name },
    });
    (n.role === 'master' ? out.masters : out.etcd).push(instance);
  }
  return out;
}
