// Before terraform runs: are there AWS credentials anywhere the provider looks? Offline check of
// the same places the AWS SDK searches, so a missing setup is reported in one clear message.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { ClusterConfig } from '../../config-schema/types.js';
import { UserError } from '../../lib/errors.js';

/** Env var declaring that the machine's instance role (EC2 metadata) supplies credentials. */
export const INSTANCE_ROLE_ENV = 'KUBE_ANYWHERE_AWS_INSTANCE_ROLE';

function profilesIn(file: string, configStyle: boolean): Map<string, string> {
  const out = new Map<string, string>();
  if (!existsSync(file)) return out;
  let current: string | undefined;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const section = /^\s*\[\s*([^\]]+?)\s*\]/.exec(line);
    if (section) {
      current = configStyle ? section[1].replace(/^profile\s+/, '') : section[1];
      out.set(current, '');
    } else if (current) out.set(current, out.get(current) + line + '\n');
  }
  return out;
}

export function checkAwsCredentials(_c: ClusterConfig, env: NodeJS.ProcessEnv): void {
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) return;
  if (env.AWS_WEB_IDENTITY_TOKEN_FILE && env.AWS_ROLE_ARN) return;
  if (env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI || env.AWS_CONTAINER_CREDENTIALS_FULL_URI) return;
  if (env[INSTANCE_ROLE_ENV]) return;
  const home = env.HOME || homedir();
  const credFile = env.AWS_SHARED_CREDENTIALS_FILE || join(home, '.aws', 'credentials');
  const configFile = env.AWS_CONFIG_FILE || join(home, '.aws', 'config');
  const profile = env.AWS_PROFILE || env.AWS_DEFAULT_PROFILE || 'default';
  const creds = profilesIn(credFile, false).get(profile);
  if (creds && /aws_access_key_id\s*=/.test(creds)) return;
  const conf = profilesIn(configFile, true).get(profile);
  if (conf && /(aws_access_key_id|credential_process|sso_session|sso_start_url|role_arn|credential_source)\s*=/.test(conf)) return;
  throw new UserError(`error: no AWS credentials found for profile "${profile}"; terraform was not run`, 2, [
    'looked in:',
    '  environment: AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY, AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN, AWS_CONTAINER_CREDENTIALS_*',
    `  ${credFile} (AWS_SHARED_CREDENTIALS_FILE): profile [${profile}]${existsSync(credFile) ? '' : ' (file not found)'}`,
    `  ${configFile} (AWS_CONFIG_FILE): profile ${profile} with credential_process, sso or role_arn${existsSync(configFile) ? '' : ' (file not found)'}`,
    `pick a profile with AWS_PROFILE, or on an EC2 instance with a role set ${INSTANCE_ROLE_ENV}=1`,
  ]);
}
