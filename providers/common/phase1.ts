// Phase 1 as `deploy` sees it: two steps that make machines somewhere, whatever makes them. Clouds
// make them with Terraform (phase1-terraform.ts); the local target makes them on this host
// (providers/local). phases/deploy.ts runs the steps, phase 2 between them and phase 3 after them.
import type { Inventory, NodeBundle } from '../../lib/contracts.js';

export interface StepResult {
  /** What later steps and re-runs need (no secrets): terraform outputs, the local layout. */
  outputs: Record<string, unknown>;
  changed: boolean;
}

export interface Phase1 {
  /** "on aws", "on this host (4 machines)": for titles and the confirmation question. */
  where: string;
  /** Credentials or host requirements, checked before anything is changed. */
  preflight(): Promise<void>;
  /** The network, firewall, API endpoint, config storage: everything phase 2 must know first. */
  network(say: (s: string) => void): Promise<StepResult>;
  /** The Inventory, once the network step has given the real endpoint. */
  inventory(networkOutputs: Record<string, unknown>): Inventory;
  /** The machines, booting with phase 2's configs. */
  nodes(inventory: Inventory, bundles: NodeBundle[], networkOutputs: Record<string, unknown>, say: (s: string) => void): Promise<StepResult>;
}
