// The addons kube-anywhere knows, in apply order: the CNI first (nothing else gets a pod network
// before it), then the service proxy, cluster DNS, and what node bootstrap needs.
import type { Addon } from './addon.js';
import { calico, calicoCrds } from './calico/index.js';
import { coredns } from './coredns/index.js';
import { flannel } from './flannel/index.js';
import { kubeDns } from './kube-dns/index.js';
import { kubeProxy } from './kube-proxy/index.js';
import { nodeBootstrap } from './node-bootstrap/index.js';

export const ADDONS: readonly Addon[] = [flannel, calicoCrds, calico, kubeProxy, coredns, kubeDns, nodeBootstrap].sort(
  (a, b) => a.order - b.order,
);

/** The addons that are a pod network; a running cluster's CNI is found by their label. */
export const CNI_ADDONS = ['flannel', 'calico'] as const;

export function addonFileName(a: { order: number; name: string }): string {
  return `${String(a.order).padStart(2, '0')}-${a.name}.yaml`;
}
