// The resource group, the virtual network and its subnets. Azure subnets span every zone; the IP
// plan still gives each zone its own control-plane subnet ("<cluster>-cp-z", the static addresses of
// that zone's masters and etcd members), and the worker scale set one subnet for all zones.
import type { Construct } from 'constructs';
import { ResourceGroup, Subnet, VirtualNetwork } from './resources.js';
import type { AzureSettings } from './settings.js';

export interface AzureNetwork {
  group: ResourceGroup;
  vnet: VirtualNetwork;
  subnets: Subnet[];
}

export function azureNetwork(scope: Construct, s: AzureSettings): AzureNetwork {
  const group = new ResourceGroup(scope, 'resource-group', { name: s.names.resourceGroup, location: s.location, tags: s.tags });
  const vnet = new VirtualNetwork(scope, 'vnet', {
    name: s.names.vnet,
    resourceGroupName: group.name,
    location: s.location,
    addressSpace: [s.config.network.nodeCidr],
    tags: s.tags,
  });
  const subnet = (id: string, name: string, cidr: string) =>
    new Subnet(scope, id, {
      name,
      resourceGroupName: group.name,
      virtualNetworkName: vnet.name,
      addressPrefixes: [cidr],
      // Machines reach the internet through their own public addresses, not Azure's implicit outbound access (being retired).
      defaultOutboundAccessEnabled: false,
    });
  const subnets = [
    ...s.subnets.map((p) => subnet(`subnet-cp-${p.zoneIndex}`, s.names.controlPlaneSubnet(p.zoneIndex), p.controlPlane)),
    subnet('subnet-workers', s.names.workerSubnet, s.subnets[0].workers),
  ];
  return { group, vnet, subnets };
}
