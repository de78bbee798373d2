// What each node's config holds: the ids, the pointer configs, who gets which secret, the kubelet.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { jest } from '@jest/globals';
import { renderBootstrap } from '../../../bootstrap/index.js';
import { NODE } from '../../../bootstrap/node-paths.js';
import type { NodeBundle } from '../../../lib/contracts.js';
import { UserError } from '../../../lib/errors.js';
import { bareMetalCluster, cloudCluster, ignFile, ignFiles, ignUnits, type Cluster } from './fixtures.js';

jest.setTimeout(30000);
const quiet = { onMessage: () => {} };
const render = (c: Cluster) => renderBootstrap(c.config, c.inventory, c.paths, quiet);
const byId = (bs: NodeBundle[], id: string) => bs.find((b) => b.id === id)!;
const kubeletConfig = (b: NodeBundle) => parse(ignFile(b.full, NODE.kubeletConfig)!) as Record<string, any>;

test('cloud: one config per master and etcd node, one shared worker config; pointers name the full config and its sha512', async () => {
  const c = cloudCluster();
  const bundles = await render(c);
  expect(bundles.map((b) => b.id)).toEqual(['demo-master-0', 'demo-master-1', 'demo-master-2', 'demo-etcd-0', 'demo-etcd-1', 'demo-etcd-2', 'worker']);
  const written = readdirSync(c.paths.ignition).sort();
  expect(written).toEqual(bundles.flatMap((b) => [`${b.id}.ign`, `${b.id}.pointer.ign`]).sort());
  expect(statSync(c.paths.ignition).mode & 0o777).toBe(0o700);
  const secretPatterns = [/PRIVATE KEY/, /data:/, /token/, new RegExp(readFileSync(join(c.paths.pki, 'bootstrap-token'), 'utf8').trim().split('.')[1])];
  for (const b of bundles) {
    const full = readFileSync(join(c.paths.ignition, `${b.id}.ign`));
    expect(statSync(join(c.paths.ignition, `${b.id}.ign`)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(full.toString())).toEqual(b.full);
    const pointerText = readFileSync(join(c.paths.ignition, `${b.id}.pointer.ign`), 'utf8');
    expect(JSON.parse(pointerText)).toEqual(b.pointer);
    expect(Buffer.byteLength(pointerText)).toBeLessThan(16384); // AWS user data: 16 KB (EC2 user guide), the tightest cloud
    for (const p of secretPatterns) expect([b.id, p.test(pointerText)]).toEqual([b.id, false]);
    expect(b.pointer).toEqual({
      ignition: {
        version: '3.3.0',
        config: { replace: { source: `s3://demo-ignition-abc/ignition/${b.id}.ign`, verification: { hash: `sha512-${createHash('sha512').update(full).digest('hex')}` } } },
      },
    });
  }
});

test('workers: no per-node secret and no hostname; they join with the bootstrap token and rotate their certificates', async () => {
  const c = cloudCluster();
  const w = byId(await render(c), 'worker');
  const paths = ignFiles(w.full).map((f) => f.path);
  expect(paths.filter((p) => p.endsWith('.key'))).toEqual([]);
  expect(paths).not.toContain('/etc/hostname');
  expect(paths).not.toContain(NODE.kubeletClientPem);
  const boot = parse(ignFile(w.full, NODE.bootstrapKubeconfig)!);
  const token = readFileSync(join(c.paths.pki, 'bootstrap-token'), 'utf8').trim();
  expect(boot.users[0].user.token).toBe(token);
  // The node-local balancer, never the public endpoint (it may be closed to all but the admins).
  expect(boot.clusters[0].cluster.server).toBe('https://127.0.0.1:6443');
  expect(JSON.stringify(w.full)).not.toContain('demo-api-0123');
  const manifests = ignFiles(w.full).filter((f) => f.path.startsWith(NODE.manifests)).map((f) => f.path.split('/').pop());
  expect(manifests).toEqual(['kube-api-balancer.yaml']);
  const haproxy = ignFile(w.full, '/etc/kubernetes/api-balancer/haproxy.cfg')!;
  expect(haproxy).toContain('bind 127.0.0.1:6443');
  // cloudCluster's masters: two zones, control-plane subnets 10.0.0.0/24 and 10.0.1.0/24 (providers/common/ip-plan.ts)
  expect(haproxy.match(/^ {4}server .*$/gm)).toEqual(['    server demo-master-0 10.0.0.10:6443', '    server demo-master-1 10.0.1.10:6443', '    server demo-master-2 10.0.0.11:6443']);
  const pem = ignFiles(w.full).find((f) => f.path === '/etc/kubernetes/api-balancer/client.pem')! as unknown as { mode: number; user: { id: number } };
  expect([pem.mode, pem.user]).toEqual([0o600, { id: 65534 }]);
  const unit = ignUnits(w.full).find((u) => u.name === 'kubelet.service')!;
  expect(unit.enabled).toBe(true);
  expect(unit.contents).toContain(`--bootstrap-kubeconfig=${NODE.bootstrapKubeconfig}`);
  expect(unit.contents).not.toContain('--hostname-override');
  expect(unit.contents).not.toContain('control-plane');
  const k = kubeletConfig(w);
  expect(k).toMatchObject({
    authentication: { anonymous: { enabled: false }, webhook: { enabled: true }, x509: { clientCAFile: '/etc/kubernetes/pki/ca.crt' } },
    authorization: { mode: 'Webhook' },
    staticPodPath: NODE.manifests,
    clusterDNS: ['10.96.0.10'],
    clusterDomain: 'cluster.local',
    cgroupDriver: 'systemd',
    rotateCertificates: true,
    serverTLSBootstrap: true,
    protectKernelDefaults: true,
    tlsMinVersion: 'VersionTLS12',
  });
  expect(k.registerWithTaints).toBeUndefined();
});

test('masters: their own node certificate (no token), hostname, control-plane taint, the control plane static pods', async () => {
  const c = cloudCluster();
  const bundles = await render(c);
  const m = byId(bundles, 'demo-master-1');
  const node = c.inventory.nodes.find((n) => n.name === 'demo-master-1')!;
  expect(ignFile(m.full, '/etc/hostname')).toBe('demo-master-1\n');
  expect(ignFile(m.full, NODE.bootstrapKubeconfig)).toBeUndefined();
  expect(ignFile(m.full, NODE.kubeletClientPem)).toMatch(/BEGIN CERTIFICATE[\s\S]*BEGIN PRIVATE KEY/);
  const kc = parse(ignFile(m.full, NODE.kubeletKubeconfig)!);
  expect(kc.users[0].user['client-certificate']).toBe(NODE.kubeletClientPem);
  const unit = ignUnits(m.full).find((u) => u.name === 'kubelet.service')!.contents!;
  expect(unit).toContain('--hostname-override=demo-master-1');
  expect(unit).toContain(`--node-ip=${node.privateIP}`);
  // The mark `addons apply` turns into the node-role label (a kubelet may not set that one itself).
  expect(unit).toContain('--node-labels=kube-anywhere.dev/control-plane=true');
  expect(kubeletConfig(m).registerWithTaints).toEqual([{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]);
  const manifests = ignFiles(m.full).filter((f) => f.path.startsWith(NODE.manifests)).map((f) => f.path.split('/').pop());
  expect(manifests.sort()).toEqual(['kube-apiserver.yaml', 'kube-controller-manager.yaml', 'kube-scheduler.yaml', 'kubelet-serving-approver.yaml']);
  expect(ignFile(m.full, '/etc/kubernetes/api-balancer/haproxy.cfg')).toBeUndefined(); // masters use their own API server
  for (const f of ignFiles(m.full)) {
    const secret = /\.key$|^\/etc\/kubernetes\/.*\.conf$|\.pem$|encryption|manifests\//.test(f.path);
    if (secret) expect([f.path, f.mode]).toEqual([f.path, 0o600]);
  }
});

test('dedicated etcd nodes run etcd and nothing of the control plane; their kubelet serves no API', async () => {
  const e = byId(await render(cloudCluster()), 'demo-etcd-2');
  const paths = ignFiles(e.full).map((f) => f.path);
  expect(paths.filter((p) => p.startsWith(NODE.manifests))).toEqual([`${NODE.manifests}/etcd.yaml`]);
  expect(paths).not.toContain(`${NODE.pki}/ca.key`);
  expect(paths).not.toContain(`${NODE.pki}/apiserver.key`);
  expect(paths).not.toContain(NODE.kubeletKubeconfig);
  expect(kubeletConfig(e).enableServer).toBe(false);
  // The modes a kubelet accepts (KubeletConfiguration reference: "AlwaysAllow" or "Webhook"); Webhook
  // needs an API server, which a standalone kubelet has not.
  expect(kubeletConfig(e).authorization).toEqual({ mode: 'AlwaysAllow' });
});

test('no workers: masters are schedulable (no taint)', async () => {
  const bundles = await render(cloudCluster({ topology: { masters: 1, workers: 0 } }));
  expect(bundles.map((b) => b.id)).toEqual(['demo-master-0']);
  expect(kubeletConfig(bundles[0]).registerWithTaints).toBeUndefined();
});

test('bare metal: one config per host (hostname set), no pointer configs', async () => {
  const c = bareMetalCluster();
  const bundles = await render(c);
  expect(bundles.map((b) => [b.id, b.roles])).toEqual([['m0', ['master', 'etcd']], ['w0', ['worker']], ['w1', ['worker']]]);
  expect(bundles.every((b) => b.pointer === undefined)).toBe(true);
  expect(readdirSync(c.paths.ignition).sort()).toEqual(['m0.ign', 'w0.ign', 'w1.ign']);
  expect(ignFile(byId(bundles, 'w1').full, '/etc/hostname')).toBe('w1\n');
  expect(ignUnits(byId(bundles, 'w1').full).find((u) => u.name === 'kubelet.service')!.contents).toContain('--bootstrap-kubeconfig');
  const m0 = byId(bundles, 'm0');
  expect(ignFiles(m0.full).filter((f) => f.path.startsWith(NODE.manifests)).length).toBe(5);
  // Workers reach the master through their node-local balancer; the admin kubeconfig names the master.
  expect(parse(ignFile(byId(bundles, 'w0').full, NODE.bootstrapKubeconfig)!).clusters[0].cluster.server).toBe('https://127.0.0.1:6443');
  expect(ignFile(byId(bundles, 'w0').full, '/etc/kubernetes/api-balancer/haproxy.cfg')).toContain('    server m0 192.168.10.10:6443\n');
  expect(parse(readFileSync(c.paths.kubeconfig, 'utf8')).clusters[0].cluster.server).toBe('https://192.168.10.10:6443');
});

test('the node basics: sysctls, modules, containerd with systemd cgroups, the kubelet installer', async () => {
  const w = byId(await render(bareMetalCluster()), 'w0');
  expect(ignFile(w.full, '/etc/sysctl.d/90-kubernetes.conf')).toMatch(/net\.ipv4\.ip_forward = 1[\s\S]*bridge-nf-call-iptables = 1/);
  // protectKernelDefaults: true makes the kubelet refuse to start unless these hold (kubernetes
  // pkg/kubelet/cm/container_manager_linux.go setupKernelTunables, v1.37.2).
  expect(ignFile(w.full, '/etc/sysctl.d/90-kubernetes.conf')).toContain('vm.overcommit_memory = 1\nvm.panic_on_oom = 0\nkernel.panic = 10\nkernel.panic_on_oops = 1\nkernel.keys.root_maxkeys = 1000000\nkernel.keys.root_maxbytes = 25000000\n');
  expect(ignFile(w.full, '/etc/modules-load.d/kubernetes.conf')).toMatch(/^br_netfilter$/m);
  expect(ignFile(w.full, '/etc/containerd/config.toml')).toContain('SystemdCgroup = true');
  // Without a mirror the installer fetches from upstream; 1.37.2 is the default kubernetesVersion, CNI plugins 1.9.1 and
  // crictl 1.36.0 what k8s v1.37.2's build/dependencies.yaml pins.
  const installer = ignFile(w.full, '/opt/bin/kube-anywhere-install')!;
  expect(installer).toContain('https://dl.k8s.io/release/v1.37.2/bin/linux/$arch/kubelet');
  expect(installer).toContain('https://github.com/containernetworking/plugins/releases/download/v1.9.1/cni-plugins-linux-$arch-v1.9.1.tgz');
  expect(installer).toContain('https://github.com/kubernetes-sigs/cri-tools/releases/download/v1.36.0/crictl-v1.36.0-linux-$arch.tar.gz');
  expect(ignUnits(w.full).map((u) => [u.name, u.enabled])).toEqual([['containerd.service', true], ['kubelet-install.service', true], ['kubelet.service', true]]);
  // Issue 13, defect 2: a failed install must not leave the kubelet dead for good.
  const kubelet = ignUnits(w.full).find((u) => u.name === 'kubelet.service')!.contents!;
  expect(kubelet).not.toMatch(/^Requires=.*kubelet-install/m);
  expect(kubelet).toMatch(/^Wants=kubelet-install\.service$/m);
  expect(kubelet).toMatch(/^After=.*kubelet-install\.service/m);
  const install = ignUnits(w.full).find((u) => u.name === 'kubelet-install.service')!.contents!;
  expect(install).toMatch(/^Restart=on-failure$/m);
  expect(install).toMatch(/^RestartSec=15$/m);
});

test('an inventory with two nodes on one address is refused, naming both', async () => {
  const c = bareMetalCluster();
  const inv = { ...c.inventory, nodes: c.inventory.nodes.map((n) => (n.name === 'w1' ? { ...n, privateIP: '192.168.10.20' } : n)) };
  await expect(renderBootstrap(c.config, inv, c.paths, quiet)).rejects.toThrow(UserError);
  await expect(renderBootstrap(c.config, inv, c.paths, quiet)).rejects.toMatchObject({ details: ['nodes w0 and w1 have the same address 192.168.10.20; each host needs its own'] });
});
