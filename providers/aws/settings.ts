// AWS settings derived from the config and the environment: zones, endpoints, the tag every
// resource carries, and the `provider "aws"` block that applies them.
import { AwsProvider } from './resources.js';
import type { Construct } from 'constructs';
import type { ClusterConfig } from '../../config-schema/types.js';
import { UserError } from '../../lib/errors.js';

/** Env var: one endpoint URL for every AWS service (private endpoints, or a local emulator such as moto). */
export const AWS_ENDPOINT_ENV = 'KUBE_ANYWHERE_AWS_ENDPOINT';
/**
 * Env var: this run targets an AWS emulator (the only accepted value: "moto"). It is the one switch
 * for what real AWS must never get; overriding endpoints alone never turns it on.
 */
export const EMULATOR_ENV = 'KUBE_ANYWHERE_EMULATOR';
export const EMULATORS = ['moto'] as const;
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

/**
 * Whether this run targets an emulator: KUBE_ANYWHERE_EMULATOR=moto, with the emulator's endpoints
 * overridden. Then the provider skips what an emulator cannot answer for real (credential
 * validation, the account id, the metadata API) and speaks path-style S3 (an emulator on an IP
 * address has no bucket host names). The resources are the same either way: what moto reads back
 * differently is shown as drift by the e2e test, never hidden here.
 */
export function emulatorMode(c: ClusterConfig, env: NodeJS.ProcessEnv = process.env): boolean {
  const value = env[EMULATOR_ENV];
  if (value === undefined || value === '') return false;
  if (!(EMULATORS as readonly string[]).includes(value)) {
    throw new UserError(`error: ${EMULATOR_ENV}="${value}" is not an emulator kube-anywhere knows; accepted: ${EMULATORS.join(', ')} (or unset for real AWS)`);
  }
  if (Object.keys(awsEndpoints(c, env)).length === 0) {
    throw new UserError(
      `error: ${EMULATOR_ENV}=${value} but no AWS endpoint is overridden: name the emulator with ${AWS_ENDPOINT_ENV}=<url> or phase1.aws.endpoints ` +
        '(without one, the credential checks would be skipped against real AWS)',
    );
  }
  return true;
}

/** The provider block: region, default tags, endpoint overrides, and in emulator mode the checks an emulator cannot answer skipped. */
export function addAwsProvider(scope: Construct, c: ClusterConfig): AwsProvider {
  const endpoints = awsEndpoints(c);
  const overridden = Object.keys(endpoints).length > 0;
  const provider = new AwsProvider(scope, 'aws', {
    region: c.phase1.aws.region,
    defaultTags: [{ tags: clusterTags(c) }],
    ...(emulatorMode(c)
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
  return { endpoints, ...(emulatorMode(c) ? { usePathStyle: true, skipCredentialsValidation: true, skipRequestingAccountId: true, skipMetadataApiCheck: true } : {}) };
}
