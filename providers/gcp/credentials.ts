// Before terraform runs: are there Google credentials the google provider will find? It looks in
// these places, in this order (Application Default Credentials).
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../../lib/errors.js';

export const GCP_CREDENTIAL_SOURCES = [
  'GOOGLE_CREDENTIALS (service account key JSON, or a path to it)',
  'GOOGLE_APPLICATION_CREDENTIALS (path to a service account key file)',
  'GOOGLE_OAUTH_ACCESS_TOKEN (an access token)',
  'the gcloud application default credentials file ~/.config/gcloud/application_default_credentials.json (`gcloud auth application-default login`; CLOUDSDK_CONFIG moves ~/.config/gcloud)',
];

/** The first place holding credentials, or undefined. */
export function findGcpCredentials(env: NodeJS.ProcessEnv): string | undefined {
  if (env.GOOGLE_CREDENTIALS?.trim()) return 'GOOGLE_CREDENTIALS';
  const file = env.GOOGLE_APPLICATION_CREDENTIALS;
  if (file && existsSync(file)) return `GOOGLE_APPLICATION_CREDENTIALS (${file})`;
  if (env.GOOGLE_OAUTH_ACCESS_TOKEN?.trim()) return 'GOOGLE_OAUTH_ACCESS_TOKEN';
  const gcloudDir = env.CLOUDSDK_CONFIG || join(env.HOME || homedir(), '.config', 'gcloud');
  const adc = join(gcloudDir, 'application_default_credentials.json');
  if (existsSync(adc)) return adc;
  return undefined;
}

export function checkGcpCredentials(env: NodeJS.ProcessEnv): void {
  if (findGcpCredentials(env)) return;
  const badFile = env.GOOGLE_APPLICATION_CREDENTIALS ? [`GOOGLE_APPLICATION_CREDENTIALS is set to ${env.GOOGLE_APPLICATION_CREDENTIALS}, which does not exist`] : [];
  throw new UserError('error: no Google Cloud credentials found; terraform was not run. Looked for:', 1, [...GCP_CREDENTIAL_SOURCES, ...badFile]);
}
