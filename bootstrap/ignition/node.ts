// One node's full Ignition config: the files, directories and units its roles need.
// Secrets (keys, tokens, kubeconfigs) are 0600 under root; this config goes to private storage only.
import { toYaml } from '../../lib/yaml.js';
import type { ClusterConfig } from '../../config-schema/types.js';
import type { IgnitionConfig, Inventory } from '../../lib/contracts.js';
import { PORTS } from '../../providers/common/firewall.js';
import { renderKubeconfig, serverUrl } from '../kubeconfig/index.js';
import { auditPolicy, staticPods } from '../manifests/render.js';
import { NODE } from '../node-paths.js';
import { etcdPeerFile, etcdServerFile, kubeletClientFile } from '../pki/plan.js';
import type { Asset, Pki } from '../pki/store.js';
import { clusterHasWorkers, commonUnits, CONTAINERD_CONFIG, DOWNLOADS_CA, kubeletConfig, kubeletService, usesBootstrapToken, type NodeTarget } from '../units/render.js';
import { IgnitionBuilder } from './builder.js';

const SECRET = 0o600;
const PUBLIC = 0o644;

function leaf(pki: Pki, file: string): Asset {
  const a = pki.leaves.get(file);
  if (!a) throw new Error(`internal: certificate ${file} was not minted`);
  return a;
}

/** Puts <stem>.crt and <stem>.key under /etc/kubernetes/pki/<as>. */
function pair(b: IgnitionBuilder, a: Asset, as: string): void {
  b.file(`${NODE.pki}/${as}.crt`, a.certPem, PUBLIC).file(`${NODE.pki}/${as}.key`, a.keyPem, SECRET);
}

export interface NodeConfigInput {
  config: ClusterConfig;
  inventory: Inventory;
  pki: Pki;
  target: NodeTarget;
  /** Write /etc/hostname (bare metal, and fixed-identity cloud nodes); pool workers keep the cloud's. */
  setHostname: boolean;
  /**
   * Texts that are the same for many nodes (units, kubelet config, the bootstrap kubeconfig),
   * rendered once per run: a thousand bare-metal workers then cost little more than three.
   */
  shared?: Map<string, unknown>;
}

function once<T>(shared: Map<string, unknown>, key: string, make: () => T): T {
  if (!shared.has(key)) shared.set(key, make());
  return shared.get(key) as T;
}

export function nodeConfig({ config: c, inventory: inv, pki, target: t, setHostname, shared = new Map() }: NodeConfigInput): IgnitionConfig {
  const b = new IgnitionBuilder();
  const roles = t.roles;
  const units = once(shared, 'units', () => commonUnits(c));
  const kubeletYaml = once(shared, `kubelet-config:${[...roles].sort()}:${clusterHasWorkers(inv)}`, () => toYaml(kubeletConfig(c, inv, t)));
  const api = serverUrl(inv.apiEndpoint.host, inv.apiEndpoint.port);
  // Masters talk to their own API server: a cloud load balancer may not route a target's
  // connection back to itself (AWS NLB hairpinning).
  const localApi = serverUrl('127.0.0.1', PORTS.api);
  const caPem = pki.cas.ca.certPem;

  if (setHostname && t.node) b.file('/etc/hostname', `${t.node.name}\n`, PUBLIC);
  b.file('/etc/sysctl.d/90-kubernetes.conf', units.sysctl, PUBLIC)
    .file('/etc/modules-load.d/kubernetes.conf', units.modules, PUBLIC)
    .file(CONTAINERD_CONFIG, units.containerdConfig, PUBLIC)
    .file('/etc/crictl.yaml', units.crictlConfig, PUBLIC)
    .dropin('containerd.service', '10-kube-anywhere.conf', units.containerdDropin)
    .unit('containerd.service', undefined, true)
    .file(`${NODE.bin}/kube-anywhere-install`, units.installScript, 0o755)
    .unit('kubelet-install.service', units.installService, true)
    .unit('kubelet.service', kubeletService(t), true)
    .file(NODE.kubeletConfig, kubeletYaml, PUBLIC)
    .directory(NODE.etc, 0o755)
    .directory(NODE.pki, 0o700)
    .directory(NODE.manifests, 0o700)
    .directory(NODE.kubeletDir, 0o700)
    .directory(NODE.cniConf, 0o755)
    .directory(NODE.cniBin, 0o755);

  for (const h of units.registryHosts) {
    b.file(h.path, h.content, PUBLIC);
    if (h.ca) b.file(h.ca.path, h.ca.content, PUBLIC);
  }
  if (c.phase2.downloads.caBundle) b.file(DOWNLOADS_CA, c.phase2.downloads.caBundle, PUBLIC);

  if (roles.includes('master') || roles.includes('worker')) b.file(`${NODE.pki}/ca.crt`, caPem, PUBLIC);

  if (roles.includes('etcd') && t.node) {
    b.directory(`${NODE.pki}/etcd`, 0o700).directory(NODE.etcdData, 0o700);
    b.file(`${NODE.pki}/etcd/ca.crt`, pki.cas['etcd/ca'].certPem, PUBLIC);
    pair(b, leaf(pki, etcdServerFile(t.node.name)), 'etcd/server');
    pair(b, leaf(pki, etcdPeerFile(t.node.name)), 'etcd/peer');
  }

  if (roles.includes('master') && t.node) {
    b.directory(`${NODE.pki}/etcd`, 0o700).directory(`${NODE.kubeletDir}/pki`, 0o700);
    b.file(`${NODE.pki}/ca.key`, pki.cas.ca.keyPem, SECRET) // the controller-manager signs node CSRs with it
      .file(`${NODE.pki}/front-proxy-ca.crt`, pki.cas['front-proxy-ca'].certPem, PUBLIC)
      .file(`${NODE.pki}/etcd/ca.crt`, pki.cas['etcd/ca'].certPem, PUBLIC)
      .file(`${NODE.pki}/sa.key`, pki.serviceAccount.keyPem, SECRET)
      .file(`${NODE.pki}/sa.pub`, pki.serviceAccount.pubPem, PUBLIC);
    for (const stem of ['apiserver', 'apiserver-kubelet-client', 'apiserver-etcd-client', 'front-proxy-client']) pair(b, leaf(pki, stem), stem);
    const kc = (file: string, user: string, a: Asset) =>
      b.file(file, renderKubeconfig({ cluster: c.name, server: localApi, caPem, userName: user, user: { clientCertificatePem: a.certPem, clientKeyPem: a.keyPem } }), SECRET);
    kc(NODE.controllerManagerKubeconfig, 'system:kube-controller-manager', leaf(pki, 'controller-manager'));
    kc(NODE.schedulerKubeconfig, 'system:kube-scheduler', leaf(pki, 'scheduler'));
    // The node's own client certificate, in the file the kubelet rotates in place.
    const kubelet = leaf(pki, kubeletClientFile(t.node.name));
    b.file(NODE.kubeletClientPem, kubelet.certPem + kubelet.keyPem, SECRET).file(
      NODE.kubeletKubeconfig,
      renderKubeconfig({ cluster: c.name, server: localApi, caPem, userName: `system:node:${t.node.name}`, user: { clientCertificateFile: NODE.kubeletClientPem, clientKeyFile: NODE.kubeletClientPem } }),
      SECRET,
    );
    b.file(NODE.encryptionConfig, pki.encryptionConfig, SECRET);
    if (c.phase2.auditLog.enabled) b.file(NODE.auditPolicy, auditPolicy(), SECRET).directory(NODE.auditLogDir, 0o700);
  }

  if (usesBootstrapToken(t)) {
    const kubeconfig = once(shared, 'bootstrap-kubeconfig', () => renderKubeconfig({ cluster: c.name, server: api, caPem, userName: 'kubelet-bootstrap', user: { token: pki.token.token } }));
    b.file(NODE.bootstrapKubeconfig, kubeconfig, SECRET);
  }

  if (t.node) for (const p of staticPods(c, inv, t.node)) b.file(`${NODE.manifests}/${p.file}`, toYaml(p.pod), SECRET);
  return b.build();
}
