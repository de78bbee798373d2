// Before terraform runs: are there Azure credentials the azurerm provider will find? It tries a
// service principal (secret, certificate or OIDC token) from ARM_* variables, a managed identity
// (ARM_USE_MSI), then the Azure CLI's login (~/.azure).
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../../lib/errors.js';

export const AZURE_CREDENTIAL_SOURCES = [
  'a service principal: ARM_CLIENT_ID and ARM_TENANT_ID with ARM_CLIENT_SECRET (or ARM_CLIENT_CERTIFICATE_PATH, or ARM_OIDC_TOKEN / ARM_USE_OIDC)',
  'a managed identity: ARM_USE_MSI=true (on an Azure VM)',
  'the Azure CLI login in ~/.azure (`az login`; AZURE_CONFIG_DIR moves it)',
];

const truthy = (v: string | undefined) => v === 'true' || v === '1';

export function findAzureCredentials(env: NodeJS.ProcessEnv): string | undefined {
  if (env.ARM_CLIENT_ID && env.ARM_TENANT_ID) {
    if (env.ARM_CLIENT_SECRET) return 'ARM_CLIENT_ID/ARM_CLIENT_SECRET/ARM_TENANT_ID';
    if (env.ARM_CLIENT_CERTIFICATE_PATH && existsSync(env.ARM_CLIENT_CERTIFICATE_PATH)) return 'ARM_CLIENT_CERTIFICATE_PATH';
    if (env.ARM_OIDC_TOKEN || env.ARM_OIDC_TOKEN_FILE_PATH || truthy(env.ARM_USE_OIDC)) return 'ARM_OIDC_TOKEN';
  }
  if (truthy(env.ARM_USE_MSI)) return 'ARM_USE_MSI';
  const dir = env.AZURE_CONFIG_DIR || join(env.HOME || homedir(), '.azure');
  // `az login` writes its accounts here and its tokens to msal_token_cache.*
  if (existsSync(join(dir, 'azureProfile.json')) && (existsSync(join(dir, 'msal_token_cache.json')) || existsSync(join(dir, 'msal_token_cache.bin')))) {
    return `Azure CLI login (${dir})`;
  }
  return undefined;
}

export function checkAzureCredentials(env: NodeJS.ProcessEnv): void {
  if (findAzureCredentials(env)) return;
  throw new UserError('error: no Azure credentials found; terraform was not run. Looked for:', 1, AZURE_CREDENTIAL_SOURCES);
}
