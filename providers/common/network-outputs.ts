// What a GCP or Azure network stack tells phase 2: the API's address and where full configs are
// fetched from. Every other name their nodes stacks need is derived from the config, not read back.
import type { Construct } from 'constructs';
import { TerraformOutput } from 'cdktf';
import type { ClusterConfig } from '../../config-schema/types.js';
import type { Inventory } from '../../lib/contracts.js';
import { UserError } from '../../lib/errors.js';
import { cloudInventory } from '../common/inventory.js';

export interface CloudNetworkOutputs {
  api_host: string;
  ignition_base_url: string;
}

export function addNetworkOutputs(scope: Construct, o: { [K in keyof CloudNetworkOutputs]: string }): void {
  for (const [name, value] of Object.entries(o)) new TerraformOutput(scope, name, { value });
}

/** `terraform output -json` gives {name: {value, type, sensitive}}; plain {name: value} is accepted too. */
export function outputValue(raw: Record<string, unknown>, name: string, cloud: string): string {
  const o = raw[name];
  const v = o && typeof o === 'object' && 'value' in o ? (o as { value: unknown }).value : o;
  if (typeof v !== 'string' || !v) throw new UserError(`error: the ${cloud} network stack has no output ${name}; apply it again (kube-anywhere deploy)`);
  return v;
}

export function inventoryFromNetworkOutputs(c: ClusterConfig, zoneCount: number, raw: Record<string, unknown>, cloud: string): Inventory {
  return cloudInventory(c, zoneCount, { apiHost: outputValue(raw, 'api_host', cloud), ignitionBaseUrl: outputValue(raw, 'ignition_base_url', cloud) });
}
