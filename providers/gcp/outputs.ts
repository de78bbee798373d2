// The GCP network stack's outputs: the API's reserved external address and the bucket's URL.
import type { Construct } from 'constructs';
import type { ClusterConfig } from '../../config-schema/types.js';
import type { Inventory } from '../../lib/contracts.js';
import { addNetworkOutputs, inventoryFromNetworkOutputs } from '../common/network-outputs.js';
import type { GcpApiEndpoint } from './loadbalancer.js';
import { gcpZones, type GcpSettings } from './settings.js';
import { gcpIgnitionBaseUrl } from './storage.js';

export function gcpOutputs(scope: Construct, s: GcpSettings, api: GcpApiEndpoint): void {
  addNetworkOutputs(scope, { api_host: api.address.address, ignition_base_url: gcpIgnitionBaseUrl(s) });
}

export const gcpInventoryFromOutputs = (c: ClusterConfig, raw: Record<string, unknown>): Inventory =>
  inventoryFromNetworkOutputs(c, gcpZones(c).length, raw, 'GCP');
