// The static pods of a node: etcd on etcd members, the control plane on masters.
import type { ClusterConfig } from '../../config-schema/types.js';
import type { Inventory, InventoryNode } from '../../lib/contracts.js';
import { PORTS } from '../../providers/common/firewall.js';
import { clusterImages } from '../../lib/images.js';
import { releaseFor } from '../../lib/releases.js';
import { NODE } from '../node-paths.js';
import { etcdMembers, hasRole } from '../pki/plan.js';
import { renderTemplate, renderYaml } from '../templates.js';

export const ETCD_METRICS_PORT = 2381;

/** The static pods' images and the sandbox (pause) image, from the one table (lib/images.ts). */
export function images(c: ClusterConfig) {
  const i = clusterImages(c);
  return {
    etcd: i.etcd,
    apiserver: i['kube-apiserver'],
    controllerManager: i['kube-controller-manager'],
    scheduler: i['kube-scheduler'],
    pause: i.pause,
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
    // Flags that differ between supported minors come from the releases table.
    flags: releaseFor(c.kubernetesVersion).flags,
    paths: NODE,
    ports: { api: PORTS.api, client: PORTS.etcdClient, peer: PORTS.etcdPeer, metrics: ETCD_METRICS_PORT },
    audit: c.phase2.auditLog,
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
