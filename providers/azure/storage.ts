// Where full Ignition configs live: a private blob container in a storage account, readable by
// the nodes' user-assigned managed identity (role "Storage Blob Data Reader" on the container only).
// Ignition (2.21 and later) fetches https://<account>.blob.core.windows.net/<container>/<blob> with
// the VM's managed identity, so no secret (no SAS token) goes into custom data. See README.
// The network stack makes account, container and identity; the nodes stack uploads the rendered files.
import type { Construct } from 'constructs';
import { RoleAssignment, StorageAccount, StorageBlob, StorageContainer, UserAssignedIdentity } from './resources.js';
import { fileMd5, uploadedBundles } from '../common/bundles.js';
import type { SynthInput } from '../common/provider.js';
import type { AzureNetwork } from './network.js';
import { IGNITION_CONTAINER, type AzureSettings } from './settings.js';

export const azureIgnitionBaseUrl = (s: AzureSettings): string => `https://${s.names.storageAccount}.blob.core.windows.net/${IGNITION_CONTAINER}`;

export function azureStorage(scope: Construct, s: AzureSettings, net: AzureNetwork) {
  const identity = new UserAssignedIdentity(scope, 'node-identity', {
    name: s.names.identity,
    resourceGroupName: net.group.name,
    location: s.location,
    tags: s.tags,
  });
  const account = new StorageAccount(scope, 'ignition-account', {
    name: s.names.storageAccount,
    resourceGroupName: net.group.name,
    location: s.location,
    accountTier: 'Standard',
    accountReplicationType: 'LRS',
    accountKind: 'StorageV2',
    minTlsVersion: 'TLS1_2',
    httpsTrafficOnlyEnabled: true,
    allowNestedItemsToBePublic: false,
    tags: s.tags,
  });
  const container = new StorageContainer(scope, 'ignition-container', {
    name: IGNITION_CONTAINER,
    storageAccountId: account.id,
    containerAccessType: 'private',
  });
  const reader = new RoleAssignment(scope, 'ignition-reader', {
    scope: container.resourceManagerId,
    roleDefinitionName: 'Storage Blob Data Reader',
    principalId: identity.principalId,
    principalType: 'ServicePrincipal',
  });
  return { identity, account, container, reader };
}

/** One block blob per phase 2 bundle, uploaded from clusters/<name>/ignition/<id>.ign; its MD5 replaces the blob when the file changes. */
export function azureIgnitionBlobs(scope: Construct, s: AzureSettings, input: SynthInput): StorageBlob[] {
  return uploadedBundles(input).map(
    (u) =>
      new StorageBlob(scope, `ignition-${u.id}`, {
        name: `${u.id}.ign`,
        storageAccountName: s.names.storageAccount,
        storageContainerName: IGNITION_CONTAINER,
        type: 'Block',
        source: u.source,
        contentMd5: fileMd5(u.file),
        contentType: 'application/vnd.coreos.ignition+json',
      }),
  );
}
