// Everything the Azure resource files derive from the config: subscription, location, zones, names,
// tags, and the resource ids the nodes stack uses to name network-stack resources without reading
// their state (Azure ids are built from names).
import type { ClusterConfig } from '../../config-schema/types.js';
import { wantsApiLoadBalancer } from '../common/api-endpoint.js';
import { resourceName } from '../../lib/names.js';
import { plannedNodes, subnetPlan, type PlannedNode } from '../common/ip-plan.js';

/** Azure caps custom data at 64 KB: the API takes at most 65535 bytes (before base64). */
export const CUSTOM_DATA_LIMIT = 65535;
export const CLUSTER_TAG = 'kube-anywhere-cluster';
/** The container holding the full Ignition configs. */
export const IGNITION_CONTAINER = 'ignition';
/** Flatcar's login user on every cloud. */
export const ADMIN_USER = 'core';

/** Flatcar Container Linux, stable channel, from Kinvolk's (Microsoft's) Marketplace offer. */
export const FLATCAR_IMAGE = { publisher: 'kinvolk', offer: 'flatcar-container-linux-free', sku: 'stable-gen2', version: 'latest' };

export type AzureRole = 'node' | 'master' | 'etcd' | 'worker';

export interface AzureSettings {
  config: ClusterConfig;
  cluster: string;
  subscriptionId: string;
  location: string;
  /** Availability zones; [] where the location has none. */
  zones: string[];
  zoneOf: (zoneIndex: number) => string | undefined;
  tags: Record<string, string>;
  image: { publisher: string; offer: string; sku: string; version: string };
  /** Marketplace images of Kinvolk carry a purchase plan (free) that VMs must name. */
  plan?: { name: string; product: string; publisher: string };
  names: {
    resourceGroup: string;
    vnet: string;
    controlPlaneSubnet: (zone: number) => string;
    workerSubnet: string;
    nsg: string;
    asg: (role: AzureRole) => string;
    apiPublicIp: string;
    loadBalancer: string;
    identity: string;
    storageAccount: string;
    workerScaleSet: string;
  };
  ids: {
    resourceGroup: string;
    subnet: (name: string) => string;
    asg: (role: AzureRole) => string;
    publicIp: (name: string) => string;
    backendPool: string;
    identity: string;
    storageAccount: string;
  };
  subnets: ReturnType<typeof subnetPlan>;
  nodes: PlannedNode[];
  loadBalanced: boolean;
}

export const azureZoneCount = (c: ClusterConfig): number => Math.max(c.phase1.azure.zones.length, 1);

/** "publisher:offer:sku:version" from the config, else Flatcar stable. */
function image(c: ClusterConfig) {
  const custom = c.phase1.azure.image;
  if (!custom) return { image: FLATCAR_IMAGE, plan: { name: FLATCAR_IMAGE.sku, product: FLATCAR_IMAGE.offer, publisher: FLATCAR_IMAGE.publisher } };
  const [publisher, offer, sku, version = 'latest'] = custom.split(':');
  // Kinvolk's images are sold with a (free) plan; other publishers' need none.
  const plan = publisher === 'kinvolk' ? { name: sku, product: offer, publisher } : undefined;
  return { image: { publisher, offer, sku, version }, plan };
}

export function azureSettings(c: ClusterConfig): AzureSettings {
  const { subscriptionId, location, zones } = c.phase1.azure;
  const n = (kind: Parameters<typeof resourceName<'azure'>>[1]) => resourceName('azure', kind, c.name, subscriptionId);
  const resourceGroup = c.phase1.azure.resourceGroup || n('resourceGroup');
  const rgId = `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}`;
  const network = `${rgId}/providers/Microsoft.Network`;
  const names: AzureSettings['names'] = {
    resourceGroup,
    vnet: n('vnet'),
    controlPlaneSubnet: (z) => `${n('controlPlaneSubnet')}-${z}`,
    workerSubnet: n('workerSubnet'),
    nsg: n('nsg'),
    asg: (role) => `${c.name}-${role}`,
    apiPublicIp: n('loadBalancer'),
    loadBalancer: n('loadBalancer'),
    identity: n('identity'),
    storageAccount: n('storageAccount'),
    workerScaleSet: n('workerScaleSet'),
  };
  const { image: img, plan } = image(c);
  return {
    config: c,
    cluster: c.name,
    subscriptionId,
    location,
    zones,
    zoneOf: (z) => zones[z],
    tags: { [CLUSTER_TAG]: c.name, 'managed-by': 'kube-anywhere' },
    image: img,
    plan,
    names,
    ids: {
      resourceGroup: rgId,
      subnet: (name) => `${network}/virtualNetworks/${names.vnet}/subnets/${name}`,
      asg: (role) => `${network}/applicationSecurityGroups/${names.asg(role)}`,
      publicIp: (name) => `${network}/publicIPAddresses/${name}`,
      backendPool: `${network}/loadBalancers/${names.loadBalancer}/backendAddressPools/masters`,
      identity: `${rgId}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${names.identity}`,
      storageAccount: `${rgId}/providers/Microsoft.Storage/storageAccounts/${names.storageAccount}`,
    },
    subnets: subnetPlan(c, azureZoneCount(c)),
    nodes: plannedNodes(c, azureZoneCount(c)),
    loadBalanced: wantsApiLoadBalancer(c),
  };
}
