// Microsoft Azure: the two stacks of DESIGN.md built from the resource files of this folder.
//   network: resource group, VNet, subnets, NSG + application security groups, API public IP
//            (+ load balancer), storage account + container, the nodes' managed identity
//   nodes:   full configs uploaded as blobs, master / etcd VMs with static private IPs, the worker scale set
import type { Construct } from 'constructs';
import { AzurermProvider } from './resources.js';
import type { ClusterConfig } from '../../config-schema/types.js';
import type { CloudProvider, StackName, SynthInput } from '../common/provider.js';
import { synthStack } from '../common/stack.js';
import { cloudInventory } from '../common/inventory.js';
import { azureSettings, azureZoneCount, type AzureSettings } from './settings.js';
import { azureNetwork } from './network.js';
import { azureFirewall } from './firewall.js';
import { azureIgnitionBaseUrl, azureIgnitionBlobs, azureStorage } from './storage.js';
import { azureApiEndpoint, azureMasterPoolMembers } from './loadbalancer.js';
import { azureControlPlane } from './controlplane.js';
import { azureWorkers } from './workers.js';
import { azureOutputs, azureInventoryFromOutputs } from './outputs.js';
import { checkAzureCredentials } from './credentials.js';
import { ensureClusterSshKey } from './ssh-key.js';

function addProvider(scope: Construct, s: AzureSettings): void {
  new AzurermProvider(scope, 'azurerm', { features: [{}], subscriptionId: s.subscriptionId });
}

export function buildAzureNetwork(scope: Construct, s: AzureSettings): void {
  addProvider(scope, s);
  const net = azureNetwork(scope, s);
  azureFirewall(scope, s, net);
  azureStorage(scope, s, net);
  azureOutputs(scope, s, azureApiEndpoint(scope, s, net));
}

export function buildAzureNodes(scope: Construct, s: AzureSettings, input: SynthInput): void {
  addProvider(scope, s);
  const sshKey = s.config.phase1.azure.sshPublicKey.trim() || ensureClusterSshKey(input.ignitionDir, s.cluster);
  const blobs = azureIgnitionBlobs(scope, s, input);
  const machines = azureControlPlane(scope, s, input.bundles, sshKey, blobs);
  azureMasterPoolMembers(scope, s, machines.filter((m) => m.role === 'master'));
  azureWorkers(scope, s, input.bundles, sshKey, blobs);
}

export const azureProvider: CloudProvider = {
  name: 'azure',
  zoneCount: azureZoneCount,
  checkCredentials: (_c, env) => checkAzureCredentials(env),
  synth(stack: StackName, input: SynthInput): string {
    const s = azureSettings(input.config);
    return synthStack(input.config, stack, input.outDir, (scope) =>
      stack === 'network' ? buildAzureNetwork(scope, s) : buildAzureNodes(scope, s, input),
    );
  },
  inventoryFromOutputs: azureInventoryFromOutputs,
  // The storage account's name is derived from the config, so pointer configs can be rendered before any apply.
  provisionalInventory: (c: ClusterConfig) => ({ ...cloudInventory(c, azureZoneCount(c)), ignitionBaseUrl: azureIgnitionBaseUrl(azureSettings(c)) }),
};
