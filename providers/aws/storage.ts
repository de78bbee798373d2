// Where full Ignition configs (they hold secrets) wait for the nodes: a private, encrypted bucket,
// readable only through the nodes' instance profile. The objects are uploaded by the nodes stack,
// from the files phase 2 wrote (terraform reads the file; its content never enters plan output).
import { IamInstanceProfile, IamRole, IamRolePolicy, S3Bucket, S3BucketPublicAccessBlock, S3BucketServerSideEncryptionConfigurationA, S3Object } from './resources.js';
import type { Construct } from 'constructs';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import type { ClusterConfig } from '../../config-schema/types.js';
import { resourceName } from '../../lib/names.js';

/** Key prefix of the full configs in the bucket: s3://<bucket>/<IGNITION_PREFIX>/<id>.ign */
export const IGNITION_PREFIX = 'ignition';

export interface AwsStorage {
  bucket: S3Bucket;
  instanceProfile: IamInstanceProfile;
}

export function addStorage(scope: Construct, c: ClusterConfig): AwsStorage {
  // bucket_prefix: AWS makes the name globally unique; the outputs tell phase 2 what it is.
  const bucket = new S3Bucket(scope, 'ignition-bucket', {
    bucketPrefix: resourceName('aws', 'ignitionBucketPrefix', c.name),
    forceDestroy: true,
    tags: { Name: `${c.name}-ignition` },
  });
  new S3BucketPublicAccessBlock(scope, 'ignition-bucket-private', {
    bucket: bucket.id,
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
  });
  new S3BucketServerSideEncryptionConfigurationA(scope, 'ignition-bucket-encryption', {
    bucket: bucket.id,
    rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
  });

  const role = new IamRole(scope, 'node-role', {
    name: resourceName('aws', 'nodeRole', c.name),
    assumeRolePolicy: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    }),
  });
  new IamRolePolicy(scope, 'node-read-ignition', {
    name: 'read-ignition',
    role: role.id,
    policy: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: [`${bucket.arn}/${IGNITION_PREFIX}/*`] }],
    }),
  });
  const instanceProfile = new IamInstanceProfile(scope, 'node-profile', { name: resourceName('aws', 'nodeRole', c.name), role: role.name });
  return { bucket, instanceProfile };
}

/** sha256 of a file: terraform re-uploads an object when it changes. */
function fileHash(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** Nodes stack: one object per full config. Returns the objects, which the machines depend on. */
/** `file` is read here for its hash; `source` is the same file as terraform sees it (relative to the stack directory). */
export function addIgnitionObjects(scope: Construct, bucket: string, configs: { id: string; file: string; source: string }[]): S3Object[] {
  return configs.map(
    ({ id, file, source }) =>
      new S3Object(scope, `ignition-${id}`, {
        bucket,
        key: `${IGNITION_PREFIX}/${id}.ign`,
        source,
        sourceHash: fileHash(file),
        contentType: 'application/json',
        serverSideEncryption: 'AES256',
      }),
  );
}
