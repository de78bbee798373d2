// `kube-anywhere bootstrap` and `certs status` as a user runs them (the compiled CLI, child process).
import { execa } from 'execa';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import { parse } from 'yaml';
import { bareMetalConfig, ignFile, METAL_HOSTS, snapshot, tempDir } from '../../unit/bootstrap/fixtures.js';
import { runCli } from './helpers.js';

jest.setTimeout(60000);

function setup(extra: Record<string, unknown> = {}) {
  const dir = tempDir('ka-cli-');
  const config = join(dir, 'cluster.json');
  writeFileSync(config, JSON.stringify(bareMetalConfig(METAL_HOSTS, extra)));
  return { dir, config, state: join(dir, 'clusters'), args: ['--config', config, '--state-dir', join(dir, 'clusters')] };
}

test('`bootstrap` (render) writes one config per host, each passing ignition-validate; a second run changes nothing', async () => {
  const s = setup();
  const r = await runCli(['bootstrap', ...s.args]);
  expect([r.exitCode, r.stderr]).toEqual([0, '']);
  expect(r.stdout).toMatch(/m0\.ign +\(master, etcd\)/);
  const ign = join(s.state, 'metal/ignition');
  expect(readdirSync(ign).sort()).toEqual(['m0.ign', 'w0.ign', 'w1.ign']);
  for (const f of readdirSync(ign)) expect((await execa('ignition-validate', [join(ign, f)], { reject: false })).exitCode).toBe(0);
  const before = snapshot(join(s.state, 'metal'));
  expect((await runCli(['bootstrap', 'render', ...s.args])).exitCode).toBe(0);
  expect(snapshot(join(s.state, 'metal'))).toEqual(before);
});

test('`bootstrap --output json` lists the configs for a machine to read', async () => {
  const s = setup();
  const r = await runCli(['bootstrap', 'render', '-o', 'json', ...s.args]);
  const out = JSON.parse(r.stdout);
  expect(out.configs.map((c: { id: string }) => c.id)).toEqual(['m0', 'w0', 'w1']);
  expect(out.messages).toEqual([]);
});

test('a damaged pki directory: exit 2, the file named, nothing overwritten', async () => {
  const s = setup();
  await runCli(['bootstrap', ...s.args]);
  rmSync(join(s.state, 'metal/pki/apiserver.key'));
  const before = snapshot(join(s.state, 'metal'));
  const r = await runCli(['bootstrap', ...s.args]);
  expect(r.exitCode).toBe(2);
  expect(r.stderr).toMatch(/pki\/apiserver\.key is missing but .*pki\/apiserver\.crt exists/);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(snapshot(join(s.state, 'metal'))).toEqual(before);
});

test('`certs status` lists every certificate with its expiry; before any render it says what to run', async () => {
  const s = setup({ phase2: { pki: { certValidityHours: 240 } } });
  const none = await runCli(['certs', 'status', ...s.args]);
  expect(none.exitCode).toBe(2);
  expect(none.stderr).toMatch(/has no PKI yet.*bootstrap render/);
  await runCli(['bootstrap', ...s.args]);
  const r = await runCli(['certs', 'status', ...s.args]);
  expect(r.exitCode).toBe(0);
  for (const f of ['ca.crt', 'etcd/ca.crt', 'front-proxy-ca.crt', 'apiserver.crt', 'etcd/m0-server.crt', 'etcd/m0-peer.crt', 'kubelet/m0-client.crt', 'admin.crt']) {
    expect(r.stdout).toMatch(new RegExp(`^${f.replace('.', '\\.')} `, 'm'));
  }
  const json = JSON.parse((await runCli(['certs', 'status', '-o', 'json', ...s.args])).stdout);
  const api = json.certificates.find((c: { file: string }) => c.file === 'apiserver.crt');
  expect(api.daysLeft).toBe(9); // 240 h = 10 days, less the minutes since issuing
  expect(api.status).toBe('expiring');
  expect(json.certificates.find((c: { file: string }) => c.file === 'ca.crt').status).toBe('ok');
});

test('`certs status` exits 1 when a certificate has expired, and names it', async () => {
  const s = setup();
  await runCli(['bootstrap', ...s.args]);
  const pki = join(s.state, 'metal/pki');
  // The real openssl issues, from the cluster CA and for the apiserver's own key, a certificate that
  // expired in 2020 (openssl ca takes explicit start and end dates).
  const ca = join(s.dir, 'openssl-ca');
  mkdirSync(join(ca, 'new'), { recursive: true });
  writeFileSync(join(ca, 'index.txt'), '');
  writeFileSync(join(ca, 'serial'), '1000\n');
  writeFileSync(join(ca, 'ca.cnf'), [
    '[ca]', 'default_ca = d', '[d]', `database = ${ca}/index.txt`, `new_certs_dir = ${ca}/new`, `serial = ${ca}/serial`,
    'default_md = sha256', 'policy = p', 'unique_subject = no', '[p]', 'commonName = supplied', '',
  ].join('\n'));
  await execa('openssl', ['req', '-new', '-key', join(pki, 'apiserver.key'), '-subj', '/CN=kube-apiserver', '-out', join(ca, 'api.csr')]);
  await execa('openssl', ['ca', '-batch', '-config', join(ca, 'ca.cnf'), '-cert', join(pki, 'ca.crt'), '-keyfile', join(pki, 'ca.key'),
    '-startdate', '20200101000000Z', '-enddate', '20200102000000Z', '-notext', '-in', join(ca, 'api.csr'), '-out', join(pki, 'apiserver.crt')]);
  const r = await runCli(['certs', 'status', ...s.args]);
  expect(r.exitCode).toBe(1);
  expect(r.stdout).toMatch(/^apiserver\.crt +2020-01-02 00:00 +-\d+ +expired /m);
  expect(r.stdout).toMatch(/^ca\.crt .* ok /m);
  const json = await runCli(['certs', 'status', '-o', 'json', ...s.args]);
  expect(json.exitCode).toBe(1);
  expect(JSON.parse(json.stdout).certificates.filter((c: { status: string }) => c.status === 'expired').map((c: { file: string }) => c.file)).toEqual(['apiserver.crt']);
});

test('bad arguments: an unknown or missing host is named, with what is accepted', async () => {
  const s = setup();
  const host = await runCli(['bootstrap', 'apply', 'nope', ...s.args]);
  expect([host.exitCode, host.stderr.trim()]).toEqual([2, `error: host "nope" is not in ${s.config} phase1.baremetal.hosts; known hosts: m0 (192.168.10.10), w0 (192.168.10.20), w1 (192.168.10.21)`]);
  const noHost = await runCli(['bootstrap', 'apply', ...s.args]);
  expect(noHost.exitCode).not.toBe(0);
  expect(noHost.stderr).toMatch(/missing required argument 'host'[\s\S]*a host of phase1\.baremetal\.hosts/);
  const cloud = tempDir();
  writeFileSync(join(cloud, 'c.json'), JSON.stringify({ name: 'c', phase1: { cloudProvider: 'aws' } }));
  const onCloud = await runCli(['bootstrap', 'apply', 'x', '--config', join(cloud, 'c.json'), '--state-dir', cloud]);
  expect(onCloud.exitCode).toBe(2);
  expect(onCloud.stderr).toMatch(/`bootstrap apply` is for bare metal hosts/);
});

test('`bootstrap` on a cloud config renders with a stand-in endpoint, and says so', async () => {
  const dir = tempDir('ka-cli-');
  writeFileSync(join(dir, 'c.json'), JSON.stringify({ name: 'cloudy', topology: { masters: 3, etcd: { count: 3 }, workers: 2 }, phase1: { cloudProvider: 'aws' } }));
  const r = await runCli(['bootstrap', '--config', join(dir, 'c.json'), '--state-dir', join(dir, 'clusters')]);
  expect(r.exitCode).toBe(0);
  expect(r.stderr).toMatch(/note: aws cluster: the API endpoint is a stand-in until phase 1 has run/);
  expect(readdirSync(join(dir, 'clusters/cloudy/ignition')).sort()).toEqual(['cloudy-master-0.ign', 'cloudy-master-1.ign', 'cloudy-master-2.ign', 'worker.ign']);
});

describe('the bootstrap token expiry', () => {
  const DAY = 86_400_000;
  const stamp = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const pkiFile = (s: { state: string }, f: string) => join(s.state, 'metal/pki', f);

  test('phase 2 gives the token phase2.pki.bootstrapTokenValidityDays (default 365) and `certs status` shows it, never the secret', async () => {
    const s = setup();
    await runCli(['bootstrap', ...s.args]);
    const expires = Date.parse(readFileSync(pkiFile(s, 'bootstrap-token-expiration'), 'utf8').trim());
    expect(Math.abs(expires - (Date.now() + 365 * DAY))).toBeLessThan(60_000);
    const token = readFileSync(pkiFile(s, 'bootstrap-token'), 'utf8').trim();
    const r = await runCli(['certs', 'status', ...s.args]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^bootstrap-token +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d +36[45] +ok +bootstrap token ${token.split('.')[0]} `, 'm'));
    expect(r.stdout).not.toContain(token.split('.')[1]);
    const json = JSON.parse((await runCli(['certs', 'status', '-o', 'json', ...s.args])).stdout);
    expect(json.bootstrapToken).toMatchObject({ file: 'bootstrap-token', id: token.split('.')[0], status: 'ok' });
    expect(JSON.stringify(json)).not.toContain(token.split('.')[1]);
  });

  test('an expired token: `certs status` exits 1; `bootstrap render` mints a new one and renders it into the workers', async () => {
    const s = setup();
    await runCli(['bootstrap', ...s.args]);
    writeFileSync(pkiFile(s, 'bootstrap-token'), 'abcdef.0123456789abcdef\n', { mode: 0o600 });
    writeFileSync(pkiFile(s, 'bootstrap-token-expiration'), `${stamp(Date.now() - 2 * DAY)}\n`);
    const st = await runCli(['certs', 'status', ...s.args]);
    expect(st.exitCode).toBe(1);
    expect(st.stdout).toMatch(/^bootstrap-token .* expired +bootstrap token abcdef /m);
    const r = await runCli(['bootstrap', ...s.args]);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toMatch(/^the bootstrap token abcdef expired on .*: minted [a-z0-9]{6}, valid until .*; the worker configs and the token Secret are rendered again$/m);
    const fresh = readFileSync(pkiFile(s, 'bootstrap-token'), 'utf8').trim();
    expect(fresh).not.toBe('abcdef.0123456789abcdef');
    const w0 = JSON.parse(readFileSync(join(s.state, 'metal/ignition/w0.ign'), 'utf8'));
    expect(parse(ignFile(w0, '/etc/kubernetes/bootstrap-kubelet.conf')!).users[0].user.token).toBe(fresh);
    expect((await runCli(['certs', 'status', ...s.args])).exitCode).toBe(0);
  });

  test('fewer than 30 days left: renewed; 31 days left: kept', async () => {
    const s = setup();
    await runCli(['bootstrap', ...s.args]);
    writeFileSync(pkiFile(s, 'bootstrap-token'), 'abcdef.0123456789abcdef\n', { mode: 0o600 });
    writeFileSync(pkiFile(s, 'bootstrap-token-expiration'), `${stamp(Date.now() + 31 * DAY)}\n`);
    expect((await runCli(['bootstrap', ...s.args])).stderr).toBe('');
    expect(readFileSync(pkiFile(s, 'bootstrap-token'), 'utf8')).toBe('abcdef.0123456789abcdef\n');
    writeFileSync(pkiFile(s, 'bootstrap-token-expiration'), `${stamp(Date.now() + 29 * DAY)}\n`);
    const st = await runCli(['certs', 'status', ...s.args]);
    expect([st.exitCode, st.stdout]).toEqual([0, expect.stringMatching(/^bootstrap-token .* 2[89] +renew +bootstrap token abcdef /m)]);
    expect((await runCli(['bootstrap', ...s.args])).stderr).toMatch(/^the bootstrap token abcdef expires on .*, in 2[89] days: minted /m);
    expect(readFileSync(pkiFile(s, 'bootstrap-token'), 'utf8')).not.toBe('abcdef.0123456789abcdef\n');
  });

  test('a PKI from before tokens expired gets an expiry (and says so); a damaged expiry file is reported by name, nothing changed', async () => {
    const s = setup();
    await runCli(['bootstrap', ...s.args]);
    rmSync(pkiFile(s, 'bootstrap-token-expiration'));
    const r = await runCli(['bootstrap', ...s.args]);
    expect(r.stderr).toMatch(/^the bootstrap token [a-z0-9]{6} had no expiry; it now expires on \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(.*bootstrap-token-expiration\)$/m);
    writeFileSync(pkiFile(s, 'bootstrap-token-expiration'), 'next year\n');
    const before = snapshot(join(s.state, 'metal'));
    const bad = await runCli(['bootstrap', ...s.args]);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toMatch(/bootstrap-token-expiration does not hold a time of the form 2027-01-31T12:00:00Z/);
    expect(snapshot(join(s.state, 'metal'))).toEqual(before);
  });

  test("phase 3's token Secret carries the expiration", async () => {
    const s = setup();
    await runCli(['bootstrap', ...s.args]);
    const when = readFileSync(pkiFile(s, 'bootstrap-token-expiration'), 'utf8').trim();
    expect((await runCli(['addons', 'render', ...s.args])).exitCode).toBe(0);
    const text = readFileSync(join(s.state, 'metal/addons/40-node-bootstrap.yaml'), 'utf8');
    expect(text).toContain(`expiration: "${Buffer.from(when).toString('base64')}"`);
  });
});
