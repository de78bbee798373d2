// The cloud providers, each loaded only when used: a command for one cloud never loads the
// constructs of another (see DESIGN.md on import cost).
import type { CloudProvider } from './common/provider.js';
import { UserError, EXIT_INVALID } from '../lib/errors.js';

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
