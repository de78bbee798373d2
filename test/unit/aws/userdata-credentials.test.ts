// User data limits, the credentials check, and the terraform runner's error summary.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { decodeUserData, pointerUserData } from '../../../providers/aws/userdata.js';
import { checkAwsCredentials } from '../../../providers/aws/credentials.js';
import { errorSummary, mirrorCliConfig, pluginMirrorFrom } from '../../../lib/terraform.js';
import { UserError } from '../../../lib/errors.js';
import { config } from './fixtures.js';

test('user data: gzip + base64 of the pointer, deterministic, and refused above 16 KiB compressed', () => {
  const pointer = { ignition: { version: '3.3.0', config: { replace: { source: 's3://b/ignition/x.ign' } } } };
  const a = pointerUserData('x', pointer);
  expect(pointerUserData('x', pointer)).toBe(a);
  expect(decodeUserData(a)).toEqual(pointer);
  // "User data is limited to 16 KB, in raw form, before it is base64-encoded" (EC2 user guide, instance
  // user data): 16384 bytes of gzip. Find, with zlib here, the largest noise whose gzip fits.
  const LIMIT = 16384;
  let seed = 7;
  const noise = Array.from({ length: LIMIT * 2 }, () => String.fromCharCode(33 + ((seed = (seed * 16807) % 2147483647) % 94))).join('');
  const gz = (n: number) => gzipSync(Buffer.from(JSON.stringify({ ...pointer, noise: noise.slice(0, n) })), { level: 9 }).length;
  let lo = 0;
  let hi = noise.length;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (gz(mid) <= LIMIT) lo = mid;
    else hi = mid;
  }
  expect([gz(lo) <= LIMIT, gz(hi) > LIMIT]).toEqual([true, true]);
  expect(decodeUserData(pointerUserData('fits', { ...pointer, noise: noise.slice(0, lo) } as never))).toMatchObject({ noise: noise.slice(0, lo) });
  expect(() => pointerUserData('big', { ...pointer, noise: noise.slice(0, hi) } as never)).toThrow(new RegExp(`user data of "big" is ${gz(hi)} bytes compressed; AWS allows at most 16384`));
  expect(() => pointerUserData('none', undefined)).toThrow(UserError);
});

describe('credentials check', () => {
  const c = config({});
  const home = mkdtempSync(join(tmpdir(), 'ka-home-'));
  test('environment keys are enough', () => {
    expect(() => checkAwsCredentials(c, { HOME: home, AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b' })).not.toThrow();
  });
  test('nothing anywhere: one message naming every place looked in', () => {
    let err: UserError | undefined;
    try {
      checkAwsCredentials(c, { HOME: home });
    } catch (e) {
      err = e as UserError;
    }
    expect(err).toBeInstanceOf(UserError);
    expect(err!.message).toMatch(/no AWS credentials found for profile "default"; terraform was not run/);
    const details = err!.details.join('\n');
    expect(details).toContain('AWS_ACCESS_KEY_ID');
    expect(details).toContain(join(home, '.aws', 'credentials'));
    expect(details).toContain(join(home, '.aws', 'config'));
  });
  test('a profile in ~/.aws/credentials, or an sso profile in ~/.aws/config, is found; another profile is not', () => {
    mkdirSync(join(home, '.aws'), { recursive: true });
    writeFileSync(join(home, '.aws', 'credentials'), '[work]\naws_access_key_id = AKIA\naws_secret_access_key = x\n');
    writeFileSync(join(home, '.aws', 'config'), '[profile sso]\nsso_session = corp\n');
    expect(() => checkAwsCredentials(c, { HOME: home, AWS_PROFILE: 'work' })).not.toThrow();
    expect(() => checkAwsCredentials(c, { HOME: home, AWS_PROFILE: 'sso' })).not.toThrow();
    expect(() => checkAwsCredentials(c, { HOME: home, AWS_PROFILE: 'other' })).toThrow(/profile "other"/);
  });
});

describe('credentials: every source the README names for AWS, each alone', () => {
  const c = config({});
  const fresh = () => mkdtempSync(join(tmpdir(), 'ka-home-'));
  test.each([
    ['environment keys', { AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b' }],
    ['web identity', { AWS_WEB_IDENTITY_TOKEN_FILE: '/var/run/token', AWS_ROLE_ARN: 'arn:aws:iam::1:role/r' }],
    ['container credentials (relative URI)', { AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/credentials/x' }],
    ['container credentials (full URI)', { AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://169.254.170.23/v1/credentials' }],
    ['an instance role', { KUBE_ANYWHERE_AWS_INSTANCE_ROLE: '1' }],
  ])('%s: found', (_label, env) => {
    expect(() => checkAwsCredentials(c, { HOME: fresh(), ...env })).not.toThrow();
  });
  test.each([
    ['a key id without its secret', { AWS_ACCESS_KEY_ID: 'a' }],
    ['a web identity token without a role', { AWS_WEB_IDENTITY_TOKEN_FILE: '/var/run/token' }],
  ])('%s: not enough', (_label, env) => {
    expect(() => checkAwsCredentials(c, { HOME: fresh(), ...env })).toThrow(/no AWS credentials found/);
  });
  test.each([
    ['credential_process', '[profile p]\ncredential_process = /bin/get-creds\n'],
    ['sso_session', '[profile p]\nsso_session = corp\n'],
    ['sso_start_url (legacy SSO)', '[profile p]\nsso_start_url = https://corp.awsapps.com/start\n'],
    ['role_arn (assumed role)', '[profile p]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = base\n'],
    ['keys in the config file', '[profile p]\naws_access_key_id = AKIA\naws_secret_access_key = x\n'],
  ])('~/.aws/config with %s under AWS_PROFILE: found; a profile with only a region: not', (_label, text) => {
    const home = fresh();
    mkdirSync(join(home, '.aws'));
    writeFileSync(join(home, '.aws', 'config'), `${text}[profile bare]\nregion = eu-west-1\n`);
    expect(() => checkAwsCredentials(c, { HOME: home, AWS_PROFILE: 'p' })).not.toThrow();
    expect(() => checkAwsCredentials(c, { HOME: home, AWS_PROFILE: 'bare' })).toThrow(/profile "bare"/);
  });
  test('the default profile of ~/.aws/credentials, and files named by AWS_SHARED_CREDENTIALS_FILE / AWS_CONFIG_FILE', () => {
    const home = fresh();
    mkdirSync(join(home, '.aws'));
    writeFileSync(join(home, '.aws', 'credentials'), '[default]\naws_access_key_id = AKIA\naws_secret_access_key = x\n');
    expect(() => checkAwsCredentials(c, { HOME: home })).not.toThrow();
    const elsewhere = join(fresh(), 'creds');
    writeFileSync(elsewhere, '[default]\naws_access_key_id = AKIA\naws_secret_access_key = x\n');
    expect(() => checkAwsCredentials(c, { HOME: fresh(), AWS_SHARED_CREDENTIALS_FILE: elsewhere })).not.toThrow();
    const conf = join(fresh(), 'conf');
    writeFileSync(conf, '[profile q]\ncredential_process = /bin/x\n');
    expect(() => checkAwsCredentials(c, { HOME: fresh(), AWS_CONFIG_FILE: conf, AWS_PROFILE: 'q' })).not.toThrow();
  });
});

test('terraform errors: the Error blocks with their resource, else the tail', () => {
  const out = [
    'aws_vpc.vpc: Creating...',
    '╷',
    '│ Error: creating EC2 Instance: InvalidInstanceType',
    '│ ',
    '│   with aws_instance.e2e-etcd-0,',
    '│   on cdk.tf.json line 392, in resource.aws_instance.e2e-etcd-0:',
    '╵',
  ].join('\n');
  const s = errorSummary(out);
  expect(s[0]).toBe('Error: creating EC2 Instance: InvalidInstanceType');
  expect(s).toContain('  with aws_instance.e2e-etcd-0,');
  expect(errorSummary('a\nb\nc', 2)).toEqual(['b', 'c']);
});

test('provider mirror: the config setting wins over the environment; the CLI config installs from the mirror only', () => {
  expect(pluginMirrorFrom('/a', { KUBE_ANYWHERE_TF_PLUGIN_MIRROR: '/b' })).toBe('/a');
  expect(pluginMirrorFrom('', { KUBE_ANYWHERE_TF_PLUGIN_MIRROR: '/b' })).toBe('/b');
  expect(pluginMirrorFrom('', {})).toBeUndefined();
  expect(mirrorCliConfig('/opt/tf-plugins')).toMatch(/filesystem_mirror \{\n\s+path = "\/opt\/tf-plugins"/);
  expect(mirrorCliConfig('/x')).not.toMatch(/direct/);
});
