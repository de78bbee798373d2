// The real Ignition: every config `bootstrap render` writes passes ignition-validate, and a master's
// full config applied by the real ignition binary into a temporary root lands the right files,
// modes, owners and enabled units. Every leaf certificate passes `openssl verify` against its CA.
import { execa } from 'execa';
import { chmodSync, lstatSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import { renderBootstrap } from '../../../bootstrap/index.js';
import { NODE } from '../../../bootstrap/node-paths.js';
import { bareMetalCluster, cloudCluster, ignFiles, tempDir, type Cluster } from '../../unit/bootstrap/fixtures.js';
import { ignitionBinary } from './helpers.js';

jest.setTimeout(120000);
const quiet = { onMessage: () => {} };

const shapes: [string, () => Cluster][] = [
  ['cloud HA, dedicated etcd', () => cloudCluster()],
  ['cloud single master, no workers, rsa', () => cloudCluster({ topology: { masters: 1, workers: 0 }, phase2: { pki: { keyAlgorithm: 'rsa-2048' } } })],
  ['bare metal', () => bareMetalCluster()],
];

test.each(shapes)('%s: every .ign and .pointer.ign passes the real ignition-validate', async (_name, make) => {
  const c = make();
  await renderBootstrap(c.config, c.inventory, c.paths, quiet);
  const files = readdirSync(c.paths.ignition).filter((f) => f.endsWith('.ign'));
  expect(files.length).toBeGreaterThan(0);
  for (const f of files) {
    const r = await execa('ignition-validate', [join(c.paths.ignition, f)], { reject: false });
    expect([f, r.exitCode, r.stdout + r.stderr]).toEqual([f, 0, '']);
  }
});

test('ignition-validate is a real check: a broken config fails it', async () => {
  const dir = tempDir();
  const f = join(dir, 'bad.ign');
  writeFileSync(f, JSON.stringify({ ignition: { version: '3.3.0' }, storage: { files: [{ path: 'relative/path', contents: { source: 'data:,x' } }] } }));
  const r = await execa('ignition-validate', [f], { reject: false });
  expect(r.exitCode).not.toBe(0);
});

/**
 * Every certificate a cluster of 3 masters and 3 dedicated etcd members must have, with its CA, as
 * kubernetes.io/docs/setup/best-practices/certificates/ lists them (kubeadm's file layout): the three
 * CAs; kube-apiserver serving, its kubelet and etcd clients; the front proxy client; etcd server and
 * peer certificates per member; the admin, controller-manager and scheduler clients; and (like
 * kubeadm) a kubelet client certificate per master. Workers get none: they bootstrap with a token.
 */
const CERTIFICATES: { file: string; ca: string }[] = [
  { file: 'apiserver', ca: 'ca' },
  { file: 'apiserver-kubelet-client', ca: 'ca' },
  { file: 'apiserver-etcd-client', ca: 'etcd/ca' },
  { file: 'front-proxy-client', ca: 'front-proxy-ca' },
  { file: 'admin', ca: 'ca' },
  { file: 'controller-manager', ca: 'ca' },
  { file: 'scheduler', ca: 'ca' },
  // Client identities of the locked-down-networks design (docs/design.md 5.1, 5.2): the node-local
  // API balancer's health checks, and the kubelet serving-certificate approver.
  { file: 'kube-api-balancer', ca: 'ca' },
  { file: 'kubelet-serving-approver', ca: 'ca' },
  ...[0, 1, 2].flatMap((i) => [
    { file: `etcd/demo-etcd-${i}-server`, ca: 'etcd/ca' },
    { file: `etcd/demo-etcd-${i}-peer`, ca: 'etcd/ca' },
    { file: `kubelet/demo-master-${i}-client`, ca: 'ca' },
  ]),
];

test('exactly the certificates a cluster needs are issued; openssl verify passes for each against its own CA, and fails against another', async () => {
  const c = cloudCluster();
  await renderBootstrap(c.config, c.inventory, c.paths, quiet);
  const issued = (readdirSync(c.paths.pki, { recursive: true }) as string[]).filter((f) => f.endsWith('.crt')).map((f) => f.replace(/\.crt$/, '')).sort();
  expect(issued).toEqual([...CERTIFICATES.map((x) => x.file), 'ca', 'etcd/ca', 'front-proxy-ca'].sort());
  for (const leaf of CERTIFICATES) {
    const ca = join(c.paths.pki, `${leaf.ca}.crt`);
    const r = await execa('openssl', ['verify', '-CAfile', ca, join(c.paths.pki, `${leaf.file}.crt`)], { reject: false });
    expect([leaf.file, r.exitCode, r.stdout]).toEqual([leaf.file, 0, `${join(c.paths.pki, `${leaf.file}.crt`)}: OK`]);
  }
  const wrong = await execa('openssl', ['verify', '-CAfile', join(c.paths.pki, 'etcd/ca.crt'), join(c.paths.pki, 'apiserver.crt')], { reject: false });
  expect(wrong.exitCode).not.toBe(0);
});

test("a master's full config applied by the real ignition into a temporary root", async () => {
  const c = bareMetalCluster();
  const bundles = await renderBootstrap(c.config, c.inventory, c.paths, quiet);
  const m0 = bundles.find((b) => b.id === 'm0')!;
  const work = tempDir('ka-ignition-');
  const root = join(work, 'root');
  const state = join(work, 'state');
  const bin = join(work, 'bin');
  for (const d of [join(root, 'etc/selinux'), state, bin]) mkdirSync(d, { recursive: true });
  // Debian's Ignition always relabels for SELinux: it needs a config to read and a setfiles to run.
  writeFileSync(join(root, 'etc/selinux/config'), 'SELINUX=disabled\nSELINUXTYPE=targeted\n');
  writeFileSync(join(bin, 'setfiles'), '#!/bin/sh\nexit 0\n');
  chmodSync(join(bin, 'setfiles'), 0o755);
  const ignition = await ignitionBinary();
  for (const stage of ['fetch-offline', 'files']) {
    const r = await execa(ignition, ['-platform', 'file', '-root', root, '-config-cache', join(state, 'cache.json'), '-state-file', join(state, 'state'),
      '-neednet', join(state, 'neednet'), '-log-to-stdout', '-stage', stage], {
      env: { IGNITION_CONFIG_FILE: join(c.paths.ignition, 'm0.ign'), PATH: `${bin}:${process.env.PATH}` }, reject: false,
    });
    expect([stage, r.exitCode, r.exitCode ? r.stdout.split('\n').slice(-5).join('\n') : '']).toEqual([stage, 0, '']);
  }
  // Every file of the config, with its mode, owned by root; secrets 0600.
  for (const f of ignFiles(m0.full)) {
    const st = statSync(join(root, f.path));
    // root's, except the approver's key: its static pod runs as nobody (65534)
    const owner = f.path === '/etc/kubernetes/kubelet-serving-approver/client.key' ? 65534 : 0;
    expect([f.path, st.mode & 0o777, st.uid, st.gid]).toEqual([f.path, f.mode, owner, owner]);
  }
  const at = (p: string) => join(root, p);
  expect(readFileSync(at('etc/hostname'), 'utf8')).toBe('m0\n');
  expect(statSync(at('etc/kubernetes/pki/apiserver.key')).mode & 0o777).toBe(0o600);
  expect(statSync(at('etc/kubernetes/pki/ca.key')).mode & 0o777).toBe(0o600);
  expect(statSync(at('etc/kubernetes/pki')).mode & 0o777).toBe(0o700);
  expect(statSync(at('var/lib/etcd')).mode & 0o777).toBe(0o700);
  expect(statSync(at('opt/bin/kube-anywhere-install')).mode & 0o777).toBe(0o755);
  expect(readdirSync(at('etc/kubernetes/manifests')).sort()).toEqual(['etcd.yaml', 'kube-apiserver.yaml', 'kube-controller-manager.yaml', 'kube-scheduler.yaml', 'kubelet-serving-approver.yaml']);
  expect(readFileSync(at(NODE.kubeletClientPem.slice(1)), 'utf8')).toContain('BEGIN PRIVATE KEY');
  expect(readFileSync(at('etc/kubernetes/pki/ca.crt'), 'utf8')).toBe(readFileSync(join(c.paths.pki, 'ca.crt'), 'utf8'));
  // Units and the containerd drop-in land, and are enabled through Ignition's preset.
  expect(readFileSync(at('etc/systemd/system/kubelet.service'), 'utf8')).toContain('ExecStart=/opt/bin/kubelet');
  expect(lstatSync(at('etc/systemd/system/containerd.service.d/10-kube-anywhere.conf')).isFile()).toBe(true);
  expect(readFileSync(at('etc/systemd/system-preset/20-ignition.preset'), 'utf8').trim().split('\n').sort()).toEqual([
    'enable containerd.service', 'enable kubelet-install.service', 'enable kubelet.service',
  ]);
  // The units as systemd itself parses them: no unknown keys or sections, nothing unparsable.
  // (Missing programs and containerd.service are expected here: the node installs or ships them.)
  const units = ['kubelet.service', 'kubelet-install.service'].map((u) => at(`etc/systemd/system/${u}`));
  const verify = await execa('systemd-analyze', ['verify', '--man=no', ...units], { reject: false, all: true });
  const problems = verify.all.split('\n').filter((l) => /Unknown (key|section)|Invalid|Failed to parse|Missing '='|bad-setting/i.test(l));
  expect(problems).toEqual([]);
  expect(verify.all).toMatch(/kubelet\.service/); // it did look at them
  // The first-boot installer is valid bash (it only runs on a node: it downloads the kubelet).
  expect((await execa('bash', ['-n', at('opt/bin/kube-anywhere-install')], { reject: false })).exitCode).toBe(0);
});

test('systemd-analyze verify is a real check: an unknown key is reported', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'broken.service'), '[Service]\nStartLimitInterval=0\nNoSuchKey=1\nExecStart=/bin/true\n');
  const r = await execa('systemd-analyze', ['verify', '--man=no', join(dir, 'broken.service')], { reject: false, all: true });
  expect(r.all).toMatch(/Unknown key 'NoSuchKey'/);
});

test("a worker's full config applied by the real ignition: the balancer's files, its key owned by nobody", async () => {
  const c = bareMetalCluster();
  await renderBootstrap(c.config, c.inventory, c.paths, quiet);
  const work = tempDir('ka-ignition-w-');
  const root = join(work, 'root');
  const state = join(work, 'state');
  const bin = join(work, 'bin');
  for (const d of [join(root, 'etc/selinux'), state, bin]) mkdirSync(d, { recursive: true });
  writeFileSync(join(root, 'etc/selinux/config'), 'SELINUX=disabled\nSELINUXTYPE=targeted\n');
  writeFileSync(join(bin, 'setfiles'), '#!/bin/sh\nexit 0\n');
  chmodSync(join(bin, 'setfiles'), 0o755);
  const ignition = await ignitionBinary();
  for (const stage of ['fetch-offline', 'files']) {
    const r = await execa(ignition, ['-platform', 'file', '-root', root, '-config-cache', join(state, 'cache.json'), '-state-file', join(state, 'state'),
      '-neednet', join(state, 'neednet'), '-log-to-stdout', '-stage', stage], {
      env: { IGNITION_CONFIG_FILE: join(c.paths.ignition, 'w0.ign'), PATH: `${bin}:${process.env.PATH}` }, reject: false,
    });
    expect([stage, r.exitCode]).toEqual([stage, 0]);
  }
  const at = (p: string) => join(root, p);
  expect(readdirSync(at('etc/kubernetes/manifests'))).toEqual(['kube-api-balancer.yaml']);
  const pem = statSync(at('etc/kubernetes/api-balancer/client.pem'));
  expect([pem.mode & 0o777, pem.uid, pem.gid]).toEqual([0o600, 65534, 65534]);
  expect(readFileSync(at('etc/kubernetes/api-balancer/haproxy.cfg'), 'utf8')).toContain('    server m0 192.168.10.10:6443\n');
  expect(readFileSync(at('etc/sysctl.d/90-kubernetes.conf'), 'utf8')).toContain('kernel.keys.root_maxbytes = 25000000\n');
});
