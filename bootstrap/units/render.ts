// The node itself: kubelet unit and configuration, kubelet install, containerd, sysctls and modules.
import type { ClusterConfig } from '../../config-schema/types.js';
import { CONTROL_PLANE_MARK, type Inventory, type InventoryNode, type Role } from '../../lib/contracts.js';
import { downloads } from '../../lib/downloads.js';
import { images } from '../manifests/render.js';
import { NODE } from '../node-paths.js';
import { renderTemplate, renderYaml } from '../templates.js';
import { KUBE_TLS } from '../tls-policy.js';
import { CONTAINERD_CERTS_DIR, registryHostsFiles, type HostsFile } from './registry-mirrors.js';

/** The download mirror's CA on the node (phase2.downloads.caBundle), given to curl. */
export const DOWNLOADS_CA = '/etc/kubernetes/downloads-ca.crt';

/** A node to configure: a fixed identity (masters, etcd members, bare-metal hosts) or a pool worker. */
export interface NodeTarget {
  roles: Role[];
  /** Absent for pool workers: their name is the hostname the cloud gives them. */
  node?: InventoryNode;
}

const joinsApi = (t: NodeTarget) => t.roles.includes('master') || t.roles.includes('worker');
/** Masters hold a node certificate issued up front; everything else that joins bootstraps with the token. */
export const usesBootstrapToken = (t: NodeTarget) => t.roles.includes('worker') && !t.roles.includes('master');

export function clusterHasWorkers(inv: Inventory): boolean {
  return inv.workerPools.some((p) => p.count > 0) || inv.nodes.some((n) => n.roles.includes('worker'));
}

export function kubeletArgs(t: NodeTarget): string[] {
  const args = [`--config=${NODE.kubeletConfig}`];
  if (t.roles.includes('master')) args.push(`--node-labels=${CONTROL_PLANE_MARK}=true`);
  if (joinsApi(t)) args.push(`--kubeconfig=${NODE.kubeletKubeconfig}`);
  if (usesBootstrapToken(t)) args.push(`--bootstrap-kubeconfig=${NODE.bootstrapKubeconfig}`);
  if (t.node) args.push(`--hostname-override=${t.node.name}`, `--node-ip=${t.node.privateIP}`);
  return args;
}

export function kubeletConfig(c: ClusterConfig, inv: Inventory, t: NodeTarget): Record<string, unknown> {
  // Masters keep pods off unless they are the only place pods can run.
  const taint = t.roles.includes('master') && !t.roles.includes('worker') && clusterHasWorkers(inv);
  return renderYaml('units', 'kubelet-config.yaml.hbs', {
    serverEnabled: joinsApi(t),
    paths: NODE,
    dnsServiceIP: c.network.dnsServiceIP,
    dnsDomain: c.network.dnsDomain,
    maxPods: c.phase2.kubelet.maxPods,
    tls: KUBE_TLS,
    allowCgroupV1: c.phase2.kubelet.allowCgroupV1,
    reclaimDisk: c.phase2.kubelet.reclaimDisk,
    taints: taint ? [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] : [],
  });
}

const roleLabel = (t: NodeTarget) => (t.roles.includes('master') ? 'master' : t.roles.includes('worker') ? 'worker' : 'etcd');

export interface NodeUnits {
  installService: string;
  installScript: string;
  containerdConfig: string;
  containerdDropin: string;
  sysctl: string;
  modules: string;
  /** containerd's registry host files (phase2.images.mirrors). */
  registryHosts: HostsFile[];
  /** /etc/crictl.yaml: crictl talks to containerd. */
  crictlConfig: string;
}

export function kubeletService(t: NodeTarget): string {
  return renderTemplate('units', 'kubelet.service.hbs', { role: roleLabel(t), paths: NODE, args: kubeletArgs(t), continuation: '\\' });
}

/** What every node gets alike, whatever its role. */
export function commonUnits(c: ClusterConfig): NodeUnits {
  // The URLs carry "$arch": the installer picks the architecture on the node (uname -m).
  const d = Object.fromEntries(downloads(c, '$arch').map((x) => [x.name, x]));
  const v = {
    kubernetesVersion: c.kubernetesVersion,
    cniVersion: d['cni-plugins'].version,
    crictlVersion: d.crictl.version,
    kubelet: d.kubelet,
    cni: d['cni-plugins'],
    crictl: d.crictl,
    caFile: c.phase2.downloads.caBundle ? DOWNLOADS_CA : '',
    paths: NODE,
  };
  return {
    installService: renderTemplate('units', 'kubelet-install.service.hbs', v),
    installScript: renderTemplate('units', 'kube-anywhere-install.sh.hbs', v),
    containerdConfig: renderTemplate('units', 'containerd-config.toml.hbs', {
      pauseImage: images(c).pause,
      paths: NODE,
      restrictOomScoreAdj: c.phase2.containerd.restrictOomScoreAdj,
      certsDir: CONTAINERD_CERTS_DIR,
    }),
    containerdDropin: renderTemplate('units', 'containerd-dropin.conf.hbs', { configFile: CONTAINERD_CONFIG }),
    sysctl: renderTemplate('units', 'sysctl-kubernetes.conf.hbs', {}),
    modules: renderTemplate('units', 'modules-kubernetes.conf.hbs', {}),
    registryHosts: registryHostsFiles(c),
    crictlConfig: `runtime-endpoint: ${NODE.containerdSocket}\nimage-endpoint: ${NODE.containerdSocket}\n`,
  };
}

export const CONTAINERD_CONFIG = '/etc/containerd/config.toml';
