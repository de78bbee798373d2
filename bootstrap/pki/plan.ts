// WHICH certificates a cluster needs, derived from the config and the inventory: one table, so the
// PKI store, `certs status` and the node configs agree on names. File stems follow kubeadm's layout.
import type { ClusterConfig } from '../../config-schema/types.js';
import { apiServiceIP } from '../../config-schema/semantic.js';
import { isIPv4 } from '../../lib/cidr.js';
import { API_BALANCER_CERT, type Inventory, type InventoryNode } from '../../lib/contracts.js';
import type { Names } from './names.js';

/** Client identities of kube-anywhere's own node agents (their RBAC is in phase 3's node-bootstrap addon). */
export { API_BALANCER_CERT };
export const API_BALANCER_USER = 'kube-anywhere:api-balancer';
export const APPROVER_CERT_FILE = 'kubelet-serving-approver';
export const APPROVER_USER_NAME = 'kube-anywhere:kubelet-serving-approver';

export type CaName = 'ca' | 'etcd/ca' | 'front-proxy-ca';

export interface CaSpec {
  file: CaName;
  commonName: string;
}

export interface LeafSpec {
  /** File stem under pki/: <file>.crt and <file>.key. */
  file: string;
  ca: CaName;
  commonName: string;
  organizations?: string[];
  usage: ('server' | 'client')[];
  names?: Names;
}

export const CAS: CaSpec[] = [
  { file: 'ca', commonName: 'kubernetes-ca' },
  { file: 'etcd/ca', commonName: 'etcd-ca' },
  { file: 'front-proxy-ca', commonName: 'front-proxy-ca' },
];

export const hasRole = (n: InventoryNode, r: 'etcd' | 'master' | 'worker') => n.roles.includes(r);
export const masters = (inv: Inventory) => inv.nodes.filter((n) => hasRole(n, 'master'));
export const etcdMembers = (inv: Inventory) => inv.nodes.filter((n) => hasRole(n, 'etcd'));

/** Host names and addresses, split the way a SAN extension wants them. */
export function names(...values: string[]): Names {
  const uniq = [...new Set(values.filter(Boolean))];
  return { dns: uniq.filter((v) => !isIPv4(v)).sort(), ip: uniq.filter(isIPv4).sort() };
}

/** The kube-apiserver's serving names: the endpoint, every master, the service IP and in-cluster names. */
export function apiServerNames(c: ClusterConfig, inv: Inventory): Names {
  const d = c.network.dnsDomain;
  return names(
    inv.apiEndpoint.host,
    ...masters(inv).flatMap((m) => [m.name, m.privateIP]),
    apiServiceIP(c),
    'kubernetes',
    'kubernetes.default',
    'kubernetes.default.svc',
    `kubernetes.default.svc.${d}`,
    'localhost',
    '127.0.0.1',
  );
}

/** Per-node file stems (the node name is a DNS label, so it is safe in a file name). */
export const etcdServerFile = (node: string) => `etcd/${node}-server`;
export const etcdPeerFile = (node: string) => `etcd/${node}-peer`;
export const kubeletClientFile = (node: string) => `kubelet/${node}-client`;

export function leafPlan(c: ClusterConfig, inv: Inventory): LeafSpec[] {
  const leaves: LeafSpec[] = [
    { file: 'apiserver', ca: 'ca', commonName: 'kube-apiserver', usage: ['server'], names: apiServerNames(c, inv) },
    // No system:masters: phase 3 binds this user to system:kubelet-api-admin (least privilege).
    { file: 'apiserver-kubelet-client', ca: 'ca', commonName: 'kube-apiserver-kubelet-client', usage: ['client'] },
    { file: 'apiserver-etcd-client', ca: 'etcd/ca', commonName: 'kube-apiserver-etcd-client', usage: ['client'] },
    { file: 'front-proxy-client', ca: 'front-proxy-ca', commonName: 'front-proxy-client', usage: ['client'] },
    { file: 'admin', ca: 'ca', commonName: 'kubernetes-admin', organizations: ['system:masters'], usage: ['client'] },
    { file: 'controller-manager', ca: 'ca', commonName: 'system:kube-controller-manager', usage: ['client'] },
    { file: 'scheduler', ca: 'ca', commonName: 'system:kube-scheduler', usage: ['client'] },
    // The node-local API balancer's health checks (GET /readyz): no group, so RBAC grants it only
    // what every authenticated user has (system:public-info-viewer, system:discovery, system:basic-user).
    { file: API_BALANCER_CERT, ca: 'ca', commonName: API_BALANCER_USER, usage: ['client'] },
    // The kubelet-serving approver on masters: bound by phase 3 to list CSRs and Nodes and approve
    // kubernetes.io/kubelet-serving requests.
    { file: APPROVER_CERT_FILE, ca: 'ca', commonName: APPROVER_USER_NAME, usage: ['client'] },
  ];
  for (const n of etcdMembers(inv)) {
    leaves.push(
      { file: etcdServerFile(n.name), ca: 'etcd/ca', commonName: n.name, usage: ['server', 'client'], names: names(n.name, n.privateIP, 'localhost', '127.0.0.1') },
      // etcd checks a peer's client certificate against the connection's source address; like
      // kubeadm, loopback is included for members whose traffic leaves from 127.0.0.1.
      { file: etcdPeerFile(n.name), ca: 'etcd/ca', commonName: n.name, usage: ['server', 'client'], names: names(n.name, n.privateIP, 'localhost', '127.0.0.1') },
    );
  }
  // Masters' kubelets must run the static control plane before there is an API to bootstrap
  // against, so (like kubeadm) they get a node client certificate directly. Workers never do.
  for (const m of masters(inv)) {
    leaves.push({ file: kubeletClientFile(m.name), ca: 'ca', commonName: `system:node:${m.name}`, organizations: ['system:nodes'], usage: ['client'] });
  }
  return leaves;
}
