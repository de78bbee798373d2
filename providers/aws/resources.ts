// The @cdktf/provider-aws classes this folder uses, each by its deep path (never the package root),
// loaded with require(): importing these large CommonJS files from ESM makes Node lex each one for
// its export names, which costs more than loading them (about 0.1-0.15 s of a synth here; the GCP
// and Azure folders do the same).
import { createRequire } from 'node:module';

const load = createRequire(import.meta.url);
/** One module of @cdktf/provider-aws, by its deep path. */
const lib = (name: string) => load(`@cdktf/provider-aws/lib/${name}/index.js`);

export const AutoscalingGroup: typeof import('@cdktf/provider-aws/lib/autoscaling-group/index.js').AutoscalingGroup = lib('autoscaling-group').AutoscalingGroup;
export type AutoscalingGroup = import('@cdktf/provider-aws/lib/autoscaling-group/index.js').AutoscalingGroup;
export const AwsProvider: typeof import('@cdktf/provider-aws/lib/provider/index.js').AwsProvider = lib('provider').AwsProvider;
export type AwsProvider = import('@cdktf/provider-aws/lib/provider/index.js').AwsProvider;
export const DataAwsAmi: typeof import('@cdktf/provider-aws/lib/data-aws-ami/index.js').DataAwsAmi = lib('data-aws-ami').DataAwsAmi;
export type DataAwsAmi = import('@cdktf/provider-aws/lib/data-aws-ami/index.js').DataAwsAmi;
export const Eip: typeof import('@cdktf/provider-aws/lib/eip/index.js').Eip = lib('eip').Eip;
export type Eip = import('@cdktf/provider-aws/lib/eip/index.js').Eip;
export const EipAssociation: typeof import('@cdktf/provider-aws/lib/eip-association/index.js').EipAssociation = lib('eip-association').EipAssociation;
export type EipAssociation = import('@cdktf/provider-aws/lib/eip-association/index.js').EipAssociation;
export const IamInstanceProfile: typeof import('@cdktf/provider-aws/lib/iam-instance-profile/index.js').IamInstanceProfile = lib('iam-instance-profile').IamInstanceProfile;
export type IamInstanceProfile = import('@cdktf/provider-aws/lib/iam-instance-profile/index.js').IamInstanceProfile;
export const IamRole: typeof import('@cdktf/provider-aws/lib/iam-role/index.js').IamRole = lib('iam-role').IamRole;
export type IamRole = import('@cdktf/provider-aws/lib/iam-role/index.js').IamRole;
export const IamRolePolicy: typeof import('@cdktf/provider-aws/lib/iam-role-policy/index.js').IamRolePolicy = lib('iam-role-policy').IamRolePolicy;
export type IamRolePolicy = import('@cdktf/provider-aws/lib/iam-role-policy/index.js').IamRolePolicy;
export const Instance: typeof import('@cdktf/provider-aws/lib/instance/index.js').Instance = lib('instance').Instance;
export type Instance = import('@cdktf/provider-aws/lib/instance/index.js').Instance;
export const InternetGateway: typeof import('@cdktf/provider-aws/lib/internet-gateway/index.js').InternetGateway = lib('internet-gateway').InternetGateway;
export type InternetGateway = import('@cdktf/provider-aws/lib/internet-gateway/index.js').InternetGateway;
export const KeyPair: typeof import('@cdktf/provider-aws/lib/key-pair/index.js').KeyPair = lib('key-pair').KeyPair;
export type KeyPair = import('@cdktf/provider-aws/lib/key-pair/index.js').KeyPair;
export const LaunchTemplate: typeof import('@cdktf/provider-aws/lib/launch-template/index.js').LaunchTemplate = lib('launch-template').LaunchTemplate;
export type LaunchTemplate = import('@cdktf/provider-aws/lib/launch-template/index.js').LaunchTemplate;
export const Lb: typeof import('@cdktf/provider-aws/lib/lb/index.js').Lb = lib('lb').Lb;
export type Lb = import('@cdktf/provider-aws/lib/lb/index.js').Lb;
export const LbListener: typeof import('@cdktf/provider-aws/lib/lb-listener/index.js').LbListener = lib('lb-listener').LbListener;
export type LbListener = import('@cdktf/provider-aws/lib/lb-listener/index.js').LbListener;
export const LbTargetGroup: typeof import('@cdktf/provider-aws/lib/lb-target-group/index.js').LbTargetGroup = lib('lb-target-group').LbTargetGroup;
export type LbTargetGroup = import('@cdktf/provider-aws/lib/lb-target-group/index.js').LbTargetGroup;
export const LbTargetGroupAttachment: typeof import('@cdktf/provider-aws/lib/lb-target-group-attachment/index.js').LbTargetGroupAttachment = lib('lb-target-group-attachment').LbTargetGroupAttachment;
export type LbTargetGroupAttachment = import('@cdktf/provider-aws/lib/lb-target-group-attachment/index.js').LbTargetGroupAttachment;
export const RouteTable: typeof import('@cdktf/provider-aws/lib/route-table/index.js').RouteTable = lib('route-table').RouteTable;
export type RouteTable = import('@cdktf/provider-aws/lib/route-table/index.js').RouteTable;
export const RouteTableAssociation: typeof import('@cdktf/provider-aws/lib/route-table-association/index.js').RouteTableAssociation = lib('route-table-association').RouteTableAssociation;
export type RouteTableAssociation = import('@cdktf/provider-aws/lib/route-table-association/index.js').RouteTableAssociation;
export const S3Bucket: typeof import('@cdktf/provider-aws/lib/s3-bucket/index.js').S3Bucket = lib('s3-bucket').S3Bucket;
export type S3Bucket = import('@cdktf/provider-aws/lib/s3-bucket/index.js').S3Bucket;
export const S3BucketPublicAccessBlock: typeof import('@cdktf/provider-aws/lib/s3-bucket-public-access-block/index.js').S3BucketPublicAccessBlock = lib('s3-bucket-public-access-block').S3BucketPublicAccessBlock;
export type S3BucketPublicAccessBlock = import('@cdktf/provider-aws/lib/s3-bucket-public-access-block/index.js').S3BucketPublicAccessBlock;
export const S3BucketServerSideEncryptionConfigurationA: typeof import('@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration/index.js').S3BucketServerSideEncryptionConfigurationA = lib('s3-bucket-server-side-encryption-configuration').S3BucketServerSideEncryptionConfigurationA;
export type S3BucketServerSideEncryptionConfigurationA = import('@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration/index.js').S3BucketServerSideEncryptionConfigurationA;
export const S3Object: typeof import('@cdktf/provider-aws/lib/s3-object/index.js').S3Object = lib('s3-object').S3Object;
export type S3Object = import('@cdktf/provider-aws/lib/s3-object/index.js').S3Object;
export const SecurityGroup: typeof import('@cdktf/provider-aws/lib/security-group/index.js').SecurityGroup = lib('security-group').SecurityGroup;
export type SecurityGroup = import('@cdktf/provider-aws/lib/security-group/index.js').SecurityGroup;
export const SecurityGroupRule: typeof import('@cdktf/provider-aws/lib/security-group-rule/index.js').SecurityGroupRule = lib('security-group-rule').SecurityGroupRule;
export type SecurityGroupRule = import('@cdktf/provider-aws/lib/security-group-rule/index.js').SecurityGroupRule;
export const Subnet: typeof import('@cdktf/provider-aws/lib/subnet/index.js').Subnet = lib('subnet').Subnet;
export type Subnet = import('@cdktf/provider-aws/lib/subnet/index.js').Subnet;
export const Vpc: typeof import('@cdktf/provider-aws/lib/vpc/index.js').Vpc = lib('vpc').Vpc;
export type Vpc = import('@cdktf/provider-aws/lib/vpc/index.js').Vpc;
