// The @cdktf/provider-google resource classes this folder uses, each by its deep path, loaded with require():
// importing these large CommonJS files from ESM makes Node parse every one for its export names
// (cjs-module-lexer), which costs more than loading them (measured: 0.55-0.6 s against 0.7-1 s
// for cdktf and the classes of one cloud, in a fresh process).
import { createRequire } from 'node:module';

const load = createRequire(import.meta.url);
/** One module of @cdktf/provider-google, by its deep path (never the package root). */
const lib = (name: string) => load(`@cdktf/provider-google/lib/${name}/index.js`);

export const ComputeAddress: typeof import('@cdktf/provider-google/lib/compute-address/index.js').ComputeAddress = lib('compute-address').ComputeAddress;
export type ComputeAddress = import('@cdktf/provider-google/lib/compute-address/index.js').ComputeAddress;
export const ComputeFirewall: typeof import('@cdktf/provider-google/lib/compute-firewall/index.js').ComputeFirewall = lib('compute-firewall').ComputeFirewall;
export type ComputeFirewall = import('@cdktf/provider-google/lib/compute-firewall/index.js').ComputeFirewall;
export const ComputeForwardingRule: typeof import('@cdktf/provider-google/lib/compute-forwarding-rule/index.js').ComputeForwardingRule = lib('compute-forwarding-rule').ComputeForwardingRule;
export type ComputeForwardingRule = import('@cdktf/provider-google/lib/compute-forwarding-rule/index.js').ComputeForwardingRule;
export const ComputeInstance: typeof import('@cdktf/provider-google/lib/compute-instance/index.js').ComputeInstance = lib('compute-instance').ComputeInstance;
export type ComputeInstance = import('@cdktf/provider-google/lib/compute-instance/index.js').ComputeInstance;
export const ComputeInstanceGroup: typeof import('@cdktf/provider-google/lib/compute-instance-group/index.js').ComputeInstanceGroup = lib('compute-instance-group').ComputeInstanceGroup;
export type ComputeInstanceGroup = import('@cdktf/provider-google/lib/compute-instance-group/index.js').ComputeInstanceGroup;
export const ComputeInstanceGroupManager: typeof import('@cdktf/provider-google/lib/compute-instance-group-manager/index.js').ComputeInstanceGroupManager = lib('compute-instance-group-manager').ComputeInstanceGroupManager;
export type ComputeInstanceGroupManager = import('@cdktf/provider-google/lib/compute-instance-group-manager/index.js').ComputeInstanceGroupManager;
export const ComputeInstanceGroupMembership: typeof import('@cdktf/provider-google/lib/compute-instance-group-membership/index.js').ComputeInstanceGroupMembership = lib('compute-instance-group-membership').ComputeInstanceGroupMembership;
export type ComputeInstanceGroupMembership = import('@cdktf/provider-google/lib/compute-instance-group-membership/index.js').ComputeInstanceGroupMembership;
export const ComputeInstanceTemplate: typeof import('@cdktf/provider-google/lib/compute-instance-template/index.js').ComputeInstanceTemplate = lib('compute-instance-template').ComputeInstanceTemplate;
export type ComputeInstanceTemplate = import('@cdktf/provider-google/lib/compute-instance-template/index.js').ComputeInstanceTemplate;
export const ComputeNetwork: typeof import('@cdktf/provider-google/lib/compute-network/index.js').ComputeNetwork = lib('compute-network').ComputeNetwork;
export type ComputeNetwork = import('@cdktf/provider-google/lib/compute-network/index.js').ComputeNetwork;
export const ComputeRegionBackendService: typeof import('@cdktf/provider-google/lib/compute-region-backend-service/index.js').ComputeRegionBackendService = lib('compute-region-backend-service').ComputeRegionBackendService;
export type ComputeRegionBackendService = import('@cdktf/provider-google/lib/compute-region-backend-service/index.js').ComputeRegionBackendService;
export const ComputeRegionHealthCheck: typeof import('@cdktf/provider-google/lib/compute-region-health-check/index.js').ComputeRegionHealthCheck = lib('compute-region-health-check').ComputeRegionHealthCheck;
export type ComputeRegionHealthCheck = import('@cdktf/provider-google/lib/compute-region-health-check/index.js').ComputeRegionHealthCheck;
export const ComputeRegionInstanceGroupManager: typeof import('@cdktf/provider-google/lib/compute-region-instance-group-manager/index.js').ComputeRegionInstanceGroupManager = lib('compute-region-instance-group-manager').ComputeRegionInstanceGroupManager;
export type ComputeRegionInstanceGroupManager = import('@cdktf/provider-google/lib/compute-region-instance-group-manager/index.js').ComputeRegionInstanceGroupManager;
export const ComputeSubnetwork: typeof import('@cdktf/provider-google/lib/compute-subnetwork/index.js').ComputeSubnetwork = lib('compute-subnetwork').ComputeSubnetwork;
export type ComputeSubnetwork = import('@cdktf/provider-google/lib/compute-subnetwork/index.js').ComputeSubnetwork;
export const DataGoogleComputeAddress: typeof import('@cdktf/provider-google/lib/data-google-compute-address/index.js').DataGoogleComputeAddress = lib('data-google-compute-address').DataGoogleComputeAddress;
export type DataGoogleComputeAddress = import('@cdktf/provider-google/lib/data-google-compute-address/index.js').DataGoogleComputeAddress;
export const GoogleProvider: typeof import('@cdktf/provider-google/lib/provider/index.js').GoogleProvider = lib('provider').GoogleProvider;
export type GoogleProvider = import('@cdktf/provider-google/lib/provider/index.js').GoogleProvider;
export const ServiceAccount: typeof import('@cdktf/provider-google/lib/service-account/index.js').ServiceAccount = lib('service-account').ServiceAccount;
export type ServiceAccount = import('@cdktf/provider-google/lib/service-account/index.js').ServiceAccount;
export const StorageBucket: typeof import('@cdktf/provider-google/lib/storage-bucket/index.js').StorageBucket = lib('storage-bucket').StorageBucket;
export type StorageBucket = import('@cdktf/provider-google/lib/storage-bucket/index.js').StorageBucket;
export const StorageBucketIamMember: typeof import('@cdktf/provider-google/lib/storage-bucket-iam-member/index.js').StorageBucketIamMember = lib('storage-bucket-iam-member').StorageBucketIamMember;
export type StorageBucketIamMember = import('@cdktf/provider-google/lib/storage-bucket-iam-member/index.js').StorageBucketIamMember;
export const StorageBucketObject: typeof import('@cdktf/provider-google/lib/storage-bucket-object/index.js').StorageBucketObject = lib('storage-bucket-object').StorageBucketObject;
export type StorageBucketObject = import('@cdktf/provider-google/lib/storage-bucket-object/index.js').StorageBucketObject;
