// The cloud providers, each loaded only when used: a command for one cloud never loads the
// constructs of another (see DESIGN.md on import cost).
import type { CloudProvider } from './common/provider.js';
import { UserError, EXIT_INVALID } from '../lib/errors.js';

export type CloudName = CloudProvider['name'];

export async function loadProvider(cloud: string): Promise<CloudProvider> {
  switch (cloud) {
    case 'aws':
      return (await import('./aws/index.js')).awsProvider;
    // gcp and azure: added by their provider folders.
    default:
      throw new UserError(`error: phase1.cloudProvider "${cloud}": no cloud provider of that name is available here (accepted: aws)`, EXIT_INVALID);
  }
}
