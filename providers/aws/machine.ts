// Settings every machine shares, instance or launch template: IMDSv2 only, hop limit 1 (a pod
// cannot reach the node's credentials through the metadata service), an encrypted root disk.
import type { NodeBundle, Role } from '../../lib/contracts.js';
import { UserError } from '../../lib/errors.js';

export const METADATA_OPTIONS = { httpEndpoint: 'enabled', httpTokens: 'required', httpPutResponseHopLimit: 1 } as const;

/** The bundle a machine boots from: its own (per-node identity), else its role's. */
export function bundleFor(bundles: NodeBundle[], nodeName: string, role: Role): NodeBundle {
  const b = bundles.find((x) => x.id === nodeName) ?? bundles.find((x) => x.id === role);
  if (!b) throw new UserError(`error: phase 2 produced no Ignition config for ${nodeName} (looked for ids "${nodeName}" and "${role}")`);
  return b;
}
