// The Azure network stack's outputs: the API's static public address and the container's URL.
import type { Construct } from 'constructs';
import type { PublicIp } from './resources.js';
import type { ClusterConfig } from '../../config-schema/types.js';
import type { Inventory } from '../../lib/contracts.js';
import { addNetworkOutputs, inventoryFromNetworkOutputs } from '../common/network-outputs.js';
import { azureZoneCount, type AzureSettings } from './settings.js';
import { azureIgnitionBaseUrl } from './storage.js';

export function azureOutputs(scope: Construct, s: AzureSettings, api: { address: PublicIp }): void {
  addNetworkOutputs(scope, { api_host: api.address.ipAddress, ignition_base_url: azureIgnitionBaseUrl(s) });
}

export const azureInventoryFromOutputs = (c: ClusterConfig, raw: Record<string, unknown>): Inventory =>
  inventoryFromNetworkOutputs(c, azureZoneCount(c), raw, 'Azure');
