// The machine image: the config's AMI, or the newest Flatcar Container Linux stable image,
// looked up in the region from Kinvolk's (Flatcar's) AWS account.
import type { Construct } from 'constructs';
import { DataAwsAmi } from '@cdktf/provider-aws/lib/data-aws-ami/index.js';
import type { ClusterConfig } from '../../config-schema/types.js';

export const FLATCAR_OWNER = '075585003325';

export function nodeImage(scope: Construct, c: ClusterConfig): string {
  if (c.phase1.aws.image) return c.phase1.aws.image;
  return new DataAwsAmi(scope, 'flatcar', {
    mostRecent: true,
    owners: [FLATCAR_OWNER],
    filter: [
      { name: 'name', values: ['Flatcar-stable-*'] },
      { name: 'architecture', values: ['x86_64'] },
      { name: 'virtualization-type', values: ['hvm'] },
    ],
  }).id;
}
