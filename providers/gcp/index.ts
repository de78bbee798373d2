// Google Cloud: the two stacks of DESIGN.md built from the resource files of this folder.
//   network: VPC, subnetworks, firewall, API address (+ load balancer), bucket, node service account,
//            the masters' and etcd members' reserved internal addresses
//   nodes:   full configs uploaded to the bucket, master / etcd instances, the worker group
import type { Construct } from 'constructs';
import { GoogleProvider } from './resources.js';
import type { ClusterConfig } from '../../config-schema/types.js';
import type { CloudProvider, StackName, SynthInput } from '../common/provider.js';
import { synthStack } from '../common/stack.js';
import { cloudInventory } from '../common/inventory.js';
import { gcpSettings, gcpZones, type GcpSettings } from './settings.js';
import { gcpNetwork } from './network.js';
import { gcpFirewall } from './firewall.js';
import { gcpStorage, gcpIgnitionBaseUrl, gcpIgnitionObjects } from './storage.js';
import { gcpApiEndpoint, gcpMasterMemberships } from './loadbalancer.js';
import { gcpControlPlane, gcpStaticAddresses } from './controlplane.js';
import { gcpWorkers } from './workers.js';
import { gcpOutputs, gcpInventoryFromOutputs } from './outputs.js';
import { checkGcpCredentials } from './credentials.js';

function addProvider(scope: Construct, s: GcpSettings): void {
  // Labels are set per resource: cdktf rewrites the keys of the provider's default_labels (- becomes _).
  new GoogleProvider(scope, 'google', { project: s.project, region: s.region });
}

export function buildGcpNetwork(scope: Construct, s: GcpSettings): void {
  addProvider(scope, s);
  const net = gcpNetwork(scope, s);
  gcpFirewall(scope, s, net);
  gcpStorage(scope, s);
  gcpStaticAddresses(scope, s, net);
  const api = gcpApiEndpoint(scope, s, net);
  gcpOutputs(scope, s, api);
}

export function buildGcpNodes(scope: Construct, s: GcpSettings, input: SynthInput): void {
  addProvider(scope, s);
  const objects = gcpIgnitionObjects(scope, s, input);
  const machines = gcpControlPlane(scope, s, input.bundles, objects);
  gcpMasterMemberships(scope, s, machines.filter((m) => m.role === 'master'));
  gcpWorkers(scope, s, input.bundles, objects);
}

export const gcpProvider: CloudProvider = {
  name: 'gcp',
  zoneCount: (c) => gcpZones(c).length,
  checkCredentials: (_c, env) => checkGcpCredentials(env),
  synth(stack: StackName, input: SynthInput): string {
    const s = gcpSettings(input.config);
    return synthStack(input.config, stack, input.outDir, (scope) =>
      stack === 'network' ? buildGcpNetwork(scope, s) : buildGcpNodes(scope, s, input),
    );
  },
  inventoryFromOutputs: gcpInventoryFromOutputs,
  // The bucket's name is derived from the config, so pointer configs can be rendered before any apply.
  provisionalInventory: (c: ClusterConfig) => ({ ...cloudInventory(c, gcpZones(c).length), ignitionBaseUrl: gcpIgnitionBaseUrl(gcpSettings(c)) }),
};
