// The first-boot installer as rendered, run for real: bash, curl, sha256sum and tar against a
// loopback HTTP mirror (python3 -m http.server) in upstream's layout, installing into a temporary
// root (KUBE_ANYWHERE_INSTALL_ROOT) with a stand-in `uname`. It installs only after every checksum
// matched; a tampered file is refused with a clear message and nothing installed; a re-run after the
// mirror is fixed installs; a further re-run fetches nothing. The programs served are small shell
// scripts standing in for the kubelet, the CNI plugins and crictl (no release binaries here).
import { execa, type ResultPromise } from 'execa';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { jest } from '@jest/globals';
import { commonUnits, kubeletService } from '../../../bootstrap/units/render.js';
import { checkConfig } from '../../../config-schema/load.js';
import { tempDir } from '../../unit/bootstrap/fixtures.js';
import { freePort, waitFor } from './helpers.js';

jest.setTimeout(60000);

const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
// Upstream paths of Kubernetes 1.37.2's downloads (dl.k8s.io release layout, GitHub release assets),
// with CNI plugins 1.9.1 and crictl 1.36.0 (k8s v1.37.2 build/dependencies.yaml).
const KUBELET = 'dl.k8s.io/release/v1.37.2/bin/linux/amd64/kubelet';
const CNI = 'github.com/containernetworking/plugins/releases/download/v1.9.1/cni-plugins-linux-amd64-v1.9.1.tgz';
const CRICTL = 'github.com/kubernetes-sigs/cri-tools/releases/download/v1.36.0/crictl-v1.36.0-linux-amd64.tar.gz';

let dir: string;
let mirror: string;
let server: ResultPromise | undefined;
let requests: string[] = [];
let script: string;
let fakeBin: string;

function put(rel: string, content: string | Buffer, mode = 0o644) {
  const f = join(mirror, rel);
  mkdirSync(dirname(f), { recursive: true });
  writeFileSync(f, content, { mode });
}

/** A release tarball with ./FILE entries, as upstream's; the .sha256 beside it as "<sum>  <file>". */
async function tarball(rel: string, files: Record<string, string>) {
  const src = join(dir, `src-${Object.keys(files)[0]}`);
  mkdirSync(src, { recursive: true });
  for (const [n, c] of Object.entries(files)) writeFileSync(join(src, n), c, { mode: 0o755 });
  mkdirSync(dirname(join(mirror, rel)), { recursive: true });
  await execa('tar', ['-C', src, '-czf', join(mirror, rel), ...Object.keys(files).map((n) => `./${n}`)]);
  const name = rel.slice(rel.lastIndexOf('/') + 1);
  put(`${rel}.sha256`, `${sha256(readFileSync(join(mirror, rel)))}  ${name}\n`);
}

const kubeletText = '#!/bin/sh\necho "Kubernetes v1.37.2"\n';

beforeAll(async () => {
  dir = tempDir('ka-installer-');
  mirror = join(dir, 'mirror');
  put(KUBELET, kubeletText);
  put(`${KUBELET}.sha256`, sha256(kubeletText)); // dl.k8s.io: the bare sum, no newline
  await tarball(CNI, { bridge: '#!/bin/sh\necho bridge\n', 'host-local': '#!/bin/sh\necho host-local\n', loopback: '#!/bin/sh\n' });
  await tarball(CRICTL, { crictl: '#!/bin/sh\necho "crictl version v1.36.0"\n' });

  const port = await freePort();
  server = execa('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', mirror], { reject: false, buffer: false });
  server.stderr!.on('data', (d: Buffer) => requests.push(...d.toString().split('\n').filter((l) => l.includes('"GET '))));
  await waitFor('the mirror', async () => ((await fetch(`http://127.0.0.1:${port}/`).catch(() => undefined))?.ok ? true : undefined));

  const { config } = checkConfig('c.json', { name: 'k', phase2: { downloads: { baseUrl: `http://127.0.0.1:${port}` } } });
  script = join(dir, 'kube-anywhere-install');
  writeFileSync(script, commonUnits(config).installScript, { mode: 0o755 });
  // The node's architecture comes from uname -m: a stand-in answers x86_64 whatever this machine is.
  fakeBin = join(dir, 'bin');
  mkdirSync(fakeBin);
  writeFileSync(join(fakeBin, 'uname'), '#!/bin/sh\n[ "$1" = "-m" ] && echo x86_64 || echo Linux\n', { mode: 0o755 });
});

afterAll(() => {
  server?.kill();
});

const run = (root: string) =>
  execa('bash', [script], { reject: false, all: true, env: { ...process.env, KUBE_ANYWHERE_INSTALL_ROOT: root, PATH: `${fakeBin}:${process.env.PATH}` } });

/** Every file under a root, relative (directories left out). */
function filesUnder(root: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    if (!existsSync(d)) return;
    for (const e of readdirSync(d, { withFileTypes: true })) (e.isDirectory() ? walk(join(d, e.name)) : out.push(join(d, e.name).slice(root.length)));
  };
  walk(root);
  return out.sort();
}

test('a tampered file is refused before anything is installed; after the mirror is fixed a re-run installs; a third run fetches nothing', async () => {
  const root = join(dir, 'root');
  mkdirSync(root);
  const good = readFileSync(join(mirror, CNI));
  // Tamper: the CNI tarball no longer matches its published sum (kubelet and crictl are fine).
  writeFileSync(join(mirror, CNI), Buffer.concat([good, Buffer.from('x')]));

  const bad = await run(root);
  expect(bad.exitCode).not.toBe(0);
  expect(bad.all).toMatch(/kube-anywhere-install: error: checksum mismatch for cni-plugins: http:\/\/127\.0\.0\.1:\d+\/github\.com\/containernetworking\/plugins\/releases\/download\/v1\.9\.1\/cni-plugins-linux-amd64-v1\.9\.1\.tgz has sha256 [0-9a-f]{64}, its \.sha256 says [0-9a-f]{64}; nothing was installed, retrying later/);
  expect(filesUnder(root)).toEqual([]); // not even the kubelet, whose sum matched

  writeFileSync(join(mirror, CNI), good);
  requests = [];
  const ok = await run(root);
  expect([ok.exitCode, ok.all]).toEqual([0, expect.stringContaining('kube-anywhere-install: kubelet v1.37.2, CNI plugins v1.9.1 and crictl v1.36.0 are in place')]);
  expect(filesUnder(root)).toEqual(['/opt/bin/crictl', '/opt/bin/kubelet', '/opt/cni/bin/.version', '/opt/cni/bin/bridge', '/opt/cni/bin/host-local', '/opt/cni/bin/loopback']);
  expect(readFileSync(join(root, 'opt/bin/kubelet'), 'utf8')).toBe(kubeletText);
  expect(statSync(join(root, 'opt/bin/kubelet')).mode & 0o777).toBe(0o755);
  expect(readFileSync(join(root, 'opt/cni/bin/.version'), 'utf8')).toBe('v1.9.1\n');
  // Each file from the mirror in upstream's layout, each with its checksum.
  const paths = requests.map((l) => /"GET (\S+) /.exec(l)![1]).sort();
  expect(paths).toEqual([`/${CNI}`, `/${CNI}.sha256`, `/${CRICTL}`, `/${CRICTL}.sha256`, `/${KUBELET}`, `/${KUBELET}.sha256`].sort());

  requests = [];
  const again = await run(root);
  expect(again.exitCode).toBe(0);
  expect(requests).toEqual([]);
});

test('a .sha256 without a sum is refused, naming the URL', async () => {
  const root = join(dir, 'root2');
  mkdirSync(root);
  const saved = readFileSync(join(mirror, `${KUBELET}.sha256`));
  put(`${KUBELET}.sha256`, '<html>not found</html>\n');
  try {
    const r = await run(root);
    expect(r.exitCode).not.toBe(0);
    expect(r.all).toMatch(/error: http:\/\/127\.0\.0\.1:\d+\/dl\.k8s\.io\/release\/v1\.37\.2\/bin\/linux\/amd64\/kubelet\.sha256 holds no SHA-256 sum; nothing was installed/);
    expect(filesUnder(root)).toEqual([]);
  } finally {
    writeFileSync(join(mirror, `${KUBELET}.sha256`), saved);
  }
});

test('systemd accepts the rendered units (systemd-analyze verify)', async () => {
  const { config } = checkConfig('c.json', { name: 'k' });
  const u = commonUnits(config);
  const units = join(dir, 'units');
  mkdirSync(units);
  writeFileSync(join(units, 'kubelet-install.service'), u.installService.replace(/\/opt\/bin\/kube-anywhere-install/g, script));
  writeFileSync(join(units, 'kubelet.service'), kubeletService({ roles: ['worker'] }).replace(/\/opt\/bin\/kubelet/g, '/bin/true'));
  // containerd is not installed on this test machine: a minimal stand-in unit for the dependency.
  writeFileSync(join(units, 'containerd.service'), '[Service]\nExecStart=/bin/true\n');
  chmodSync(script, 0o755);
  const r = await execa('systemd-analyze', ['verify', '--man=no', join(units, 'containerd.service'), join(units, 'kubelet-install.service'), join(units, 'kubelet.service')], { reject: false, all: true });
  // Only problems with our units count (the host's own units may draw warnings of their own).
  const ours = (r.all ?? '').split('\n').filter((l) => /kubelet(-install)?\.service/.test(l));
  expect(ours).toEqual([]);
});
