// Where full Ignition configs live: a private GCS bucket only the nodes' service account may read.
// Ignition fetches gs:// URLs with the instance's service account (metadata server credentials).
// The network stack makes the bucket and the identity; the nodes stack uploads the rendered files.
import type { Construct } from 'constructs';
import { ServiceAccount, StorageBucket, StorageBucketIamMember, StorageBucketObject } from './resources.js';
import { fileMd5, uploadedBundles } from '../common/bundles.js';
import type { SynthInput } from '../common/provider.js';
import type { GcpSettings } from './settings.js';

export const gcpIgnitionBaseUrl = (s: GcpSettings): string => `gs://${s.names.bucket}`;

export function gcpStorage(scope: Construct, s: GcpSettings) {
  const account = new ServiceAccount(scope, 'node-identity', {
    accountId: s.names.serviceAccount,
    displayName: `kube-anywhere ${s.cluster} nodes`,
  });
  const bucket = new StorageBucket(scope, 'ignition-bucket', {
    name: s.names.bucket,
    location: s.region.toUpperCase(),
    uniformBucketLevelAccess: true,
    publicAccessPrevention: 'enforced',
    // destroy removes the cluster's configs with it (they hold secrets that die with the cluster)
    forceDestroy: true,
    labels: s.labels,
  });
  const reader = new StorageBucketIamMember(scope, 'ignition-reader', {
    bucket: bucket.name,
    role: 'roles/storage.objectViewer',
    member: `serviceAccount:${account.email}`,
  });
  return { account, bucket, reader };
}

/** One object per phase 2 bundle, uploaded from clusters/<name>/ignition/<id>.ign (terraform reads the file; no secret in cdk.tf.json). */
export function gcpIgnitionObjects(scope: Construct, s: GcpSettings, input: SynthInput): StorageBucketObject[] {
  return uploadedBundles(input).map(
    (u) =>
      new StorageBucketObject(scope, `ignition-${u.id}`, {
        bucket: s.names.bucket,
        name: `${u.id}.ign`,
        source: u.source,
        // The provider notices a changed file by its MD5 too; this makes the change visible in cdk.tf.json.
        metadata: { 'kube-anywhere-md5': fileMd5(u.file) },
        contentType: 'application/vnd.coreos.ignition+json',
      }),
  );
}
