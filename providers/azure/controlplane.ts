// Masters and dedicated etcd members: single VMs with static private IPs from the IP plan, a
// public address each (outbound traffic; SSH from the allowed CIDRs, if any), in their role's
// application security groups, booting Flatcar with the phase 2 pointer config as custom data.
import type { Construct } from 'constructs';
import { LinuxVirtualMachine, NetworkInterface, NetworkInterfaceApplicationSecurityGroupAssociation, PublicIp } from './resources.js';
import type { ITerraformDependable } from 'cdktf';
import type { NodeBundle } from '../../lib/contracts.js';
import { pointerUserData } from '../common/bundles.js';
import { DISK_GB } from '../common/disks.js';
import { azureNodeAsgs } from './firewall.js';
import { ADMIN_USER, CUSTOM_DATA_LIMIT, type AzureSettings } from './settings.js';

/** What every VM and the scale set share: image, login, identity (to read the ignition container). */
export function azureMachineBase(s: AzureSettings, sshPublicKey: string, userData: string) {
  return {
    resourceGroupName: s.names.resourceGroup,
    location: s.location,
    adminUsername: ADMIN_USER,
    adminSshKey: [{ username: ADMIN_USER, publicKey: sshPublicKey }],
    disablePasswordAuthentication: true,
    sourceImageReference: s.image,
    ...(s.plan ? { plan: s.plan } : {}),
    customData: Buffer.from(userData).toString('base64'),
    identity: { type: 'UserAssigned', identityIds: [s.ids.identity] },
    tags: s.tags,
  };
}

export function azurePointer(bundles: NodeBundle[], node: { name: string; role: 'master' | 'etcd' | 'worker' }): string {
  return pointerUserData(bundles, node, CUSTOM_DATA_LIMIT, 'Azure custom data');
}

export function azureControlPlane(scope: Construct, s: AzureSettings, bundles: NodeBundle[], sshPublicKey: string, dependsOn: ITerraformDependable[]) {
  const sizes = s.config.phase1.azure.vmSizes;
  return s.nodes.map((n) => {
    const zone = s.zoneOf(n.zoneIndex);
    // Without a load balancer the single master carries the API's static public address.
    const isApiHost = !s.loadBalanced && n.role === 'master' && n.index === 0;
    const publicIpId = isApiHost
      ? s.ids.publicIp(s.names.apiPublicIp)
      : new PublicIp(scope, `${n.name}-public-ip`, {
          name: `${n.name}-ip`,
          resourceGroupName: s.names.resourceGroup,
          location: s.location,
          sku: 'Standard',
          allocationMethod: 'Static',
          ...(zone ? { zones: [zone] } : {}),
          tags: s.tags,
        }).id;
    const nic = new NetworkInterface(scope, `${n.name}-nic`, {
      name: `${n.name}-nic`,
      resourceGroupName: s.names.resourceGroup,
      location: s.location,
      // Pod traffic in routed CNI modes leaves with pod addresses.
      ipForwardingEnabled: true,
      ipConfiguration: [
        {
          name: 'primary',
          primary: true,
          subnetId: s.ids.subnet(s.names.controlPlaneSubnet(n.zoneIndex)),
          privateIpAddressAllocation: 'Static',
          privateIpAddress: n.privateIP,
          publicIpAddressId: publicIpId,
        },
      ],
      tags: s.tags,
    });
    for (const role of azureNodeAsgs(s, n.role)) {
      new NetworkInterfaceApplicationSecurityGroupAssociation(scope, `${n.name}-asg-${role}`, {
        networkInterfaceId: nic.id,
        applicationSecurityGroupId: s.ids.asg(role),
      });
    }
    const vm = new LinuxVirtualMachine(scope, n.name, {
      ...azureMachineBase(s, sshPublicKey, azurePointer(bundles, n)),
      name: n.name,
      size: n.role === 'master' ? sizes.master : sizes.etcd,
      ...(zone ? { zone } : {}),
      networkInterfaceIds: [nic.id],
      osDisk: { name: `${n.name}-os`, caching: 'ReadWrite', storageAccountType: 'StandardSSD_LRS', diskSizeGb: DISK_GB[n.role] },
      // The full configs are in the container before any machine boots and asks for them.
      dependsOn,
    });
    return { name: n.name, role: n.role, nic, vm };
  });
}
