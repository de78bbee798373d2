// Masters and dedicated etcd members: single instances with static internal addresses from the IP
// plan (reserved in the network stack, so nothing else can take them), booting Flatcar with the
// phase 2 pointer config in the `user-data` metadata key.
import type { Construct } from 'constructs';
import { ComputeAddress, ComputeInstance, DataGoogleComputeAddress } from './resources.js';
import type { ITerraformDependable } from 'cdktf';
import type { NodeBundle } from '../../lib/contracts.js';
import { pointerUserData } from '../common/bundles.js';
import { DISK_GB } from '../common/disks.js';
import { gcpNodeTags } from './firewall.js';
import type { GcpNetwork } from './network.js';
import { METADATA_VALUE_LIMIT, type GcpSettings } from './settings.js';

/** Network stack: one reserved internal address per master / etcd member. */
export function gcpStaticAddresses(scope: Construct, s: GcpSettings, net: GcpNetwork): ComputeAddress[] {
  return s.nodes.map(
    (n) =>
      new ComputeAddress(scope, `${n.name}-ip`, {
        name: `${n.name}-ip`,
        region: s.region,
        addressType: 'INTERNAL',
        subnetwork: net.controlPlane[n.zoneIndex].id,
        address: n.privateIP,
        labels: s.labels,
      }),
  );
}

/** The metadata every node gets: the pointer config, and the SSH key of the `core` user if one is set. */
export function gcpMetadata(s: GcpSettings, userData: string): Record<string, string> {
  const key = s.config.phase1.gcp.sshPublicKey.trim();
  return {
    'user-data': userData,
    'block-project-ssh-keys': 'true',
    ...(key ? { 'ssh-keys': `core:${key}` } : {}),
  };
}

export function gcpServiceAccount(s: GcpSettings) {
  return { email: s.serviceAccountEmail, scopes: ['cloud-platform'] };
}

/** Nodes stack: the instances. */
export function gcpControlPlane(scope: Construct, s: GcpSettings, bundles: NodeBundle[], dependsOn: ITerraformDependable[]) {
  const machineTypes = s.config.phase1.gcp.machineTypes;
  // Without a load balancer the single master carries the API's reserved external address.
  const apiAddress = s.loadBalanced
    ? undefined
    : new DataGoogleComputeAddress(scope, 'api-address', { name: s.names.apiAddress, region: s.region });
  return s.nodes.map((n) => {
    const isApiHost = apiAddress && n.role === 'master' && n.index === 0;
    const instance = new ComputeInstance(scope, n.name, {
      name: n.name,
      zone: s.zones[n.zoneIndex],
      machineType: n.role === 'master' ? machineTypes.master : machineTypes.etcd,
      bootDisk: { initializeParams: { image: s.image, size: DISK_GB[n.role], type: 'pd-balanced', labels: s.labels } },
      networkInterface: [
        {
          subnetwork: s.selfLink('subnetworks', s.names.controlPlaneSubnet(n.zoneIndex)),
          networkIp: n.privateIP,
          // A public address: outbound traffic and SSH from the allowed CIDRs (the firewall decides who gets in).
          accessConfig: [isApiHost ? { natIp: apiAddress.address } : {}],
        },
      ],
      metadata: gcpMetadata(s, pointerUserData(bundles, n, METADATA_VALUE_LIMIT, 'a GCP metadata value')),
      serviceAccount: gcpServiceAccount(s),
      tags: gcpNodeTags(s, n.role),
      labels: { ...s.labels, role: n.role },
      // Pod traffic in routed CNI modes leaves with pod addresses.
      canIpForward: true,
      allowStoppingForUpdate: true,
      // The full configs are in the bucket before any machine boots and asks for them.
      dependsOn,
    });
    return { name: n.name, zoneIndex: n.zoneIndex, role: n.role, instance };
  });
}
