// AWS settings derived from the config and the environment: zones, endpoints, the tag every
// resource carries, and the `provider "aws"` block that applies them.
import type { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider/index.js';
import type { ClusterConfig } from '../../config-schema/types.js';

/** Env var: one endpoint URL for every AWS service (a local emulator such as moto). */
export const AWS_ENDPOINT_ENV = 'KUBE_ANYWHERE_AWS_ENDPOINT';
/** The tag on every resource of a cluster: destroy and the tests find a cluster's resources by it. */
export const CLUSTER_TAG = 'kube-anywhere/cluster';
/** The services a cluster uses: the ones KUBE_ANYWHERE_AWS_ENDPOINT redirects. */
export const AWS_SERVICES = ['ec2', 'elb', 'elbv2', 'autoscaling', 'iam', 'sts', 's3'] as const;

export function awsZones(c: ClusterConfig): string[] {
  const a = c.phase1.aws;
  return a.zones.length > 0 ? a.zones : [`${a.region}a`, `${a.region}b`];
}

export function clusterTags(c: ClusterConfig): Record<string, string> {
  return { [CLUSTER_TAG]: c.name };
}

/** Endpoint overrides: the config's per-service URLs win over the environment's one URL for all. */
export function awsEndpoints(c: ClusterConfig, env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const all = env[AWS_ENDPOINT_ENV];
  const fromEnv = all ? Object.fromEntries(AWS_SERVICES.map((s) => [s, all])) : {};
  return { ...fromEnv, ...c.phase1.aws.endpoints };
}

/** Whether any AWS endpoint is redirected (private endpoints, or an emulator such as moto). */
export function endpointsOverridden(c: ClusterConfig, env: NodeJS.ProcessEnv = process.env): boolean {
  return Object.keys(awsEndpoints(c, env)).length > 0;
}

/**
 * Attributes moto (5.2) reads back differently from what it was given, so that every plan would
 * show a change; compared only when the endpoints are real AWS (TESTBED.md, moto quirks):
 * - instance `vpc_security_group_ids`: left empty when the groups were set on the network
 *   interface, as the provider does for a static private IP;
 * - launch template `tag_specifications`: the template's own tags come back as an extra
 *   "launch-template" entry.
 */
export function emulatorDrift(c: ClusterConfig, attributes: string[]): { lifecycle?: { ignoreChanges: string[] } } {
  return endpointsOverridden(c) ? { lifecycle: { ignoreChanges: attributes } } : {};
}

/** The provider block: region, default tags, and endpoint overrides (with the checks an emulator cannot answer skipped). */
export function addAwsProvider(scope: Construct, c: ClusterConfig): AwsProvider {
  const endpoints = awsEndpoints(c);
  const overridden = Object.keys(endpoints).length > 0;
  const provider = new AwsProvider(scope, 'aws', {
    region: c.phase1.aws.region,
    defaultTags: [{ tags: clusterTags(c) }],
    ...(overridden
      ? { skipCredentialsValidation: true, skipMetadataApiCheck: 'true', skipRequestingAccountId: true, s3UsePathStyle: true }
      : {}),
  });
  // Raw override: the service names are the provider's own keys (ec2, elbv2, ...), passed verbatim.
  if (overridden) provider.addOverride('endpoints', [endpoints]);
  return provider;
}

/** S3 state backend settings that follow the same endpoint overrides. */
export function s3BackendSettings(c: ClusterConfig): Record<string, unknown> {
  const e = awsEndpoints(c);
  if (!Object.keys(e).length) return {};
  const endpoints = Object.fromEntries(['s3', 'sts', 'iam', 'dynamodb'].filter((s) => e[s]).map((s) => [s, e[s]]));
  return { endpoints, usePathStyle: true, skipCredentialsValidation: true, skipRequestingAccountId: true, skipMetadataApiCheck: true };
}
