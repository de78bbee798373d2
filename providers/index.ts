// The cloud providers, each loaded only when used: a command for one cloud never loads the
// constructs of another (see DESIGN.md on import cost).
import type { CloudProvider } from './common/provider.js';
import { UserError, EXIT_INVALID } from '../lib/errors.js';
import type { ClusterConfig } from '../config-schema/types.js';
import type { ClusterPaths } from '../lib/paths.js';
import type { NodeAccess } from './common/node-access.js';

export type CloudName = CloudProvider['name'];

export async function loadProvider(cloud: string): Promise<CloudProvider> {
  switch (cloud) {
    case 'aws':
      return (await import('./aws/index.js')).awsProvider;
    case 'gcp':
      return (await import('./gcp/index.js')).gcpProvider;
    case 'azure':
      return (await import('./azure/index.js')).azureProvider;
    default:
      throw new UserError(`error: phase1.cloudProvider "${cloud}": no cloud provider of that name is available here (accepted: aws, gcp, azure)`, EXIT_INVALID);
  }
}

/**
 * How day-2 commands reach the running nodes of a cluster (providers/common/node-access.ts): local
 * machines from this host, bare-metal hosts over SSH.
 */
export async function loadNodeAccess(config: ClusterConfig, paths: ClusterPaths): Promise<NodeAccess> {
  switch (config.phase1.cloudProvider) {
    case 'local':
      return (await import('./local/node-access.js')).localNodeAccess(config, paths);
    case 'baremetal':
      return (await import('./baremetal/node-access.js')).bareMetalNodeAccess(config);
    default:
      throw new UserError(
        `error: phase1.cloudProvider "${config.phase1.cloudProvider}": day-2 delivery to cloud nodes goes through the cluster's bucket, which this command does not use yet`,
        EXIT_INVALID,
      );
  }
}
