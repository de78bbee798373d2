// What a cloud folder in providers/ offers the phases. phases/ only ever talks to this interface,
// so a cloud is a folder, and nothing cloud-specific lives anywhere else.
import type { ClusterConfig } from '../../config-schema/types.js';
import type { Inventory, NodeBundle } from '../../lib/contracts.js';

/** DESIGN.md: `network` (VPC, firewall, API load balancer, bucket, identities) then `nodes`. */
export type StackName = 'network' | 'nodes';
export const STACKS: StackName[] = ['network', 'nodes'];

export interface SynthInput {
  config: ClusterConfig;
  inventory: Inventory;
  /** Phase 2 output; the nodes stack points user-data at these (unused by the network stack). */
  bundles: NodeBundle[];
  /** clusters/<name>/terraform/<stack>: cdk.tf.json is written here. */
  outDir: string;
  /** clusters/<name>/ignition: the full configs phase 2 wrote (<id>.ign), uploaded by the nodes stack. */
  ignitionDir: string;
  /**
   * The network stack's terraform outputs (ids of subnets, firewall groups, bucket...), which the
   * nodes stack refers to as literals. Absent before the network stack is applied (render): the
   * provider then uses provisional stand-ins.
   */
  networkOutputs?: Record<string, unknown>;
}

export interface CloudProvider {
  name: 'aws' | 'gcp' | 'azure';
  /** How many zones the cluster spreads over (subnets, static-IP plan). */
  zoneCount(c: ClusterConfig): number;
  /** Throws a UserError naming where credentials are looked for when none are found. */
  checkCredentials(c: ClusterConfig, env: NodeJS.ProcessEnv): void;
  /** Writes <outDir>/cdk.tf.json for one stack and returns its path. */
  synth(stack: StackName, input: SynthInput): string;
  /** The Inventory once the network stack is applied, from its terraform outputs. */
  inventoryFromOutputs(c: ClusterConfig, outputs: Record<string, unknown>): Inventory;
  /** The Inventory before anything is applied: planned IPs, a provisional endpoint. */
  provisionalInventory(c: ClusterConfig): Inventory;
}
