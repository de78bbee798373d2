// Workers: one virtual machine scale set (never N single VMs), spread over the zones. Workers have
// no per-node identity: they share the "worker" pointer config and join by TLS bootstrapping.
import type { Construct } from 'constructs';
import { LinuxVirtualMachineScaleSet } from './resources.js';
import type { ITerraformDependable } from 'cdktf';
import type { NodeBundle } from '../../lib/contracts.js';
import { DISK_GB } from '../common/disks.js';
import { azureMachineBase, azurePointer } from './controlplane.js';
import { azureNodeAsgs } from './firewall.js';
import type { AzureSettings } from './settings.js';

export function azureWorkers(scope: Construct, s: AzureSettings, bundles: NodeBundle[], sshPublicKey: string, dependsOn: ITerraformDependable[]) {
  const count = s.config.topology.workers;
  if (count === 0) return undefined;
  return new LinuxVirtualMachineScaleSet(scope, 'workers', {
    ...azureMachineBase(s, sshPublicKey, azurePointer(bundles, { name: 'worker', role: 'worker' } /* the pool of cloudInventory */)),
    name: s.names.workerScaleSet,
    computerNamePrefix: s.names.workerScaleSet,
    sku: s.config.phase1.azure.vmSizes.worker,
    instances: count,
    ...(s.zones.length ? { zones: s.zones, zoneBalance: s.zones.length > 1 } : {}),
    upgradeMode: 'Manual',
    osDisk: { caching: 'ReadWrite', storageAccountType: 'StandardSSD_LRS', diskSizeGb: DISK_GB.worker },
    networkInterface: [
      {
        name: 'primary',
        primary: true,
        enableIpForwarding: true,
        ipConfiguration: [
          {
            name: 'primary',
            primary: true,
            subnetId: s.ids.subnet(s.names.workerSubnet),
            applicationSecurityGroupIds: azureNodeAsgs(s, 'worker').map((r) => s.ids.asg(r)),
            // A public address per worker: outbound traffic, and SSH from the allowed CIDRs if any.
            publicIpAddress: [{ name: 'public' }],
          },
        ],
      },
    ],
    dependsOn,
  });
}
