// What one addon is: a template file in its own folder, when it is enabled, where it goes in the
// apply order, and the values its template sees. Each addons/<name>/index.ts exports one or more.
import type { ClusterConfig } from '../config-schema/types.js';
import type { Inventory } from '../lib/contracts.js';
import type { ClusterPaths } from '../lib/paths.js';
import type { AddonImages } from './versions.js';

/** Every object kube-anywhere applies carries this label, valued with its addon's name. */
export const ADDON_LABEL = 'kube-anywhere.dev/addon';
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const MANAGED_BY = 'kube-anywhere';
/** All addons live here: one namespace, so one ApplySet (pruning) covers every addon. */
export const ADDON_NAMESPACE = 'kube-system';

export interface AddonContext {
  config: ClusterConfig;
  inventory: Inventory;
  paths: ClusterPaths;
  images: AddonImages;
  /** The node-local API (lib/contracts NODE_LOCAL_API, not the service IP): node agents that program services use it. */
  api: { host: string; port: number; url: string };
}

export interface Addon {
  /** Label value and file name part: NN-<name>.yaml. */
  name: string;
  /** Apply order (NN). The CNI comes first. */
  order: number;
  /** Folder under addons/ and template file in it. */
  dir: string;
  template: string;
  enabled(c: ClusterConfig): boolean;
  /** The values the template sees (besides `images` and `api`, which every template gets). */
  values(ctx: AddonContext): Record<string, unknown>;
}
