// Before terraform runs, each cloud checks that credentials exist, and otherwise says where it
// looked. (Through the provider interface `deploy` calls; the environment and home are test-made.)
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../../../lib/errors.js';
import { loadProvider } from '../../../providers/index.js';
import { testConfig } from './fixtures.js';

const home = () => mkdtempSync(join(tmpdir(), 'ka-home-'));

async function check(cloud: 'gcp' | 'azure', env: NodeJS.ProcessEnv): Promise<UserError | undefined> {
  const provider = await loadProvider(cloud);
  try {
    provider.checkCredentials(testConfig(cloud, 'single'), env);
    return undefined;
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
}
const text = (e: UserError | undefined) => `${e?.message}\n${e?.details.join('\n')}`;

describe('GCP credentials', () => {
  test('none: an error naming every place looked in, exit code 1', async () => {
    const e = await check('gcp', { HOME: home() });
    expect(e).toBeInstanceOf(UserError);
    expect(e!.exitCode).toBe(1);
    for (const place of ['GOOGLE_CREDENTIALS', 'GOOGLE_APPLICATION_CREDENTIALS', 'application_default_credentials.json', 'gcloud auth application-default login']) {
      expect(text(e)).toContain(place);
    }
    expect(e!.message).toMatch(/terraform was not run/);
  });

  test('GOOGLE_APPLICATION_CREDENTIALS naming a missing file is reported as such', async () => {
    const e = await check('gcp', { HOME: home(), GOOGLE_APPLICATION_CREDENTIALS: '/nonexistent/key.json' });
    expect(text(e)).toContain('GOOGLE_APPLICATION_CREDENTIALS is set to /nonexistent/key.json, which does not exist');
  });

  test('found: a key file, GOOGLE_CREDENTIALS, or the gcloud ADC file', async () => {
    const h = home();
    const key = join(h, 'key.json');
    writeFileSync(key, '{}');
    expect(await check('gcp', { HOME: home(), GOOGLE_APPLICATION_CREDENTIALS: key })).toBeUndefined();
    expect(await check('gcp', { HOME: home(), GOOGLE_CREDENTIALS: '{"type":"service_account"}' })).toBeUndefined();
    expect(await check('gcp', { HOME: home(), GOOGLE_OAUTH_ACCESS_TOKEN: 'ya29.token' })).toBeUndefined();
    expect(await check('gcp', { HOME: home(), GOOGLE_OAUTH_ACCESS_TOKEN: ' ' })).toBeInstanceOf(UserError);
    mkdirSync(join(h, '.config', 'gcloud'), { recursive: true });
    writeFileSync(join(h, '.config', 'gcloud', 'application_default_credentials.json'), '{}');
    expect(await check('gcp', { HOME: h })).toBeUndefined();
  });
});

describe('Azure credentials', () => {
  test('none: an error naming every place looked in', async () => {
    const e = await check('azure', { HOME: home() });
    expect(e).toBeInstanceOf(UserError);
    for (const place of ['ARM_CLIENT_ID', 'ARM_CLIENT_SECRET', 'ARM_TENANT_ID', 'ARM_USE_MSI', '~/.azure', 'az login']) expect(text(e)).toContain(place);
  });

  test('a client id without a secret is not enough', async () => {
    expect(await check('azure', { HOME: home(), ARM_CLIENT_ID: 'x', ARM_TENANT_ID: 't' })).toBeInstanceOf(UserError);
  });

  test('found: a service principal, a managed identity, or an Azure CLI login', async () => {
    expect(await check('azure', { HOME: home(), ARM_CLIENT_ID: 'x', ARM_CLIENT_SECRET: 's', ARM_TENANT_ID: 't' })).toBeUndefined();
    expect(await check('azure', { HOME: home(), ARM_USE_MSI: 'true' })).toBeUndefined();
    const cert = join(home(), 'sp.pfx');
    writeFileSync(cert, 'x');
    expect(await check('azure', { HOME: home(), ARM_CLIENT_ID: 'x', ARM_TENANT_ID: 't', ARM_CLIENT_CERTIFICATE_PATH: cert })).toBeUndefined();
    expect(await check('azure', { HOME: home(), ARM_CLIENT_ID: 'x', ARM_TENANT_ID: 't', ARM_CLIENT_CERTIFICATE_PATH: '/nonexistent.pfx' })).toBeInstanceOf(UserError);
    expect(await check('azure', { HOME: home(), ARM_CLIENT_ID: 'x', ARM_TENANT_ID: 't', ARM_OIDC_TOKEN: 'jwt' })).toBeUndefined();
    expect(await check('azure', { HOME: home(), ARM_CLIENT_ID: 'x', ARM_TENANT_ID: 't', ARM_USE_OIDC: 'true' })).toBeUndefined();
    expect(await check('azure', { HOME: home(), ARM_USE_MSI: 'false' })).toBeInstanceOf(UserError);
    const h = home();
    mkdirSync(join(h, '.azure'));
    writeFileSync(join(h, '.azure', 'azureProfile.json'), '{}');
    expect(await check('azure', { HOME: h })).toBeInstanceOf(UserError); // a profile without tokens: logged out
    writeFileSync(join(h, '.azure', 'msal_token_cache.json'), '{}');
    expect(await check('azure', { HOME: h })).toBeUndefined();
  });
});
