// The static pods of a node: etcd on etcd members, the control plane on masters.
import type { ClusterConfig } from '../../config-schema/types.js';
import type { Inventory, InventoryNode } from '../../lib/contracts.js';
import { PORTS } from '../../providers/common/firewall.js';
import { NODE } from '../node-paths.js';
import { etcdMembers, hasRole } from '../pki/plan.js';
import { renderTemplate, renderYaml } from '../templates.js';
import { etcdTlsFlags, KUBE_TLS } from '../tls-policy.js';

export const ETCD_METRICS_PORT = 2381;

export function images(c: ClusterConfig) {
  const reg = c.phase2.images.registry.replace(/\/+$/, '');
  const v = `v${c.kubernetesVersion}`;
  return {
    etcd: `${reg}/etcd:${c.phase2.images.etcdVersion}`,
    apiserver: `${reg}/kube-apiserver:${v}`,
    controllerManager: `${reg}/kube-controller-manager:${v}`,
    scheduler: `${reg}/kube-scheduler:${v}`,
    pause: `${reg}/pause:3.10.1`,
  };
}

const hostPort = (ip: string, port: number) => (ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`);

/** Every template sees the same context: the cluster, this node, and where things live on it. */
function context(c: ClusterConfig, inv: Inventory, node: InventoryNode) {
  const members = etcdMembers(inv);
  return {
    cluster: c.name,
    node: { name: node.name, ip: node.privateIP },
    network: c.network,
    images: images(c),
    paths: NODE,
    ports: { api: PORTS.api, client: PORTS.etcdClient, peer: PORTS.etcdPeer, metrics: ETCD_METRICS_PORT },
    audit: c.phase2.auditLog,
    tls: { kube: KUBE_TLS.flags, etcd: etcdTlsFlags(c.phase2.images.etcdVersion) },
    initialCluster: members.map((m) => `${m.name}=https://${hostPort(m.privateIP, PORTS.etcdPeer)}`).join(','),
    etcdServers: members.map((m) => `https://${hostPort(m.privateIP, PORTS.etcdClient)}`).join(','),
  };
}

export interface StaticPod {
  /** File name under /etc/kubernetes/manifests. */
  file: string;
  pod: Record<string, unknown>;
}

export function staticPods(c: ClusterConfig, inv: Inventory, node: InventoryNode): StaticPod[] {
  if (!hasRole(node, 'etcd') && !hasRole(node, 'master')) return [];
  const ctx = context(c, inv, node);
  const out: StaticPod[] = [];
  const add = (name: string) => out.push({ file: `${name}.yaml`, pod: renderYaml('manifests', `${name}.yaml.hbs`, ctx) });
  if (hasRole(node, 'etcd')) add('etcd');
  if (hasRole(node, 'master')) ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler'].forEach(add);
  return out;
}

/** The audit policy file every master gets when the audit log is on. */
export function auditPolicy(): string {
  return renderTemplate('manifests', 'audit-policy.yaml.hbs', {});
}
