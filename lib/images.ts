// Every image a cluster runs, by name, from the one releases table (lib/releases.ts). References
// stay canonical (registry.k8s.io/..., ghcr.io/..., quay.io/...): an air-gapped site redirects
// pulls with phase2.images.mirrors (containerd hosts.toml), not by renaming images. The names are
// what `kube-anywhere artifacts` lists and scripts key on.
import type { ClusterConfig } from '../config-schema/types.js';
import { releaseFor } from './releases.js';

/** kube-dns is not tied to a Kubernetes release (k8s.io/dns, its last release line). */
export const KUBE_DNS_VERSION = '1.26.4';

export const K8S_REGISTRY = 'registry.k8s.io';

export interface ClusterImages {
  'kube-apiserver': string;
  'kube-controller-manager': string;
  'kube-scheduler': string;
  'kube-proxy': string;
  etcd: string;
  pause: string;
  coredns: string;
  flannel: string;
  'flannel-cni-plugin': string;
  'calico-node': string;
  'calico-cni': string;
  'calico-kube-controllers': string;
  'kube-dns': string;
  'dnsmasq-nanny': string;
  sidecar: string;
}

export type ImageName = keyof ClusterImages;

/** Every image a config can name (which of them a cluster runs depends on the addons chosen). */
export function clusterImages(c: ClusterConfig): ClusterImages {
  const r = releaseFor(c.kubernetesVersion);
  // phase2.images.registry is deprecated (validate warns): it still renames registry.k8s.io images.
  const k8s = c.phase2.images.registry.replace(/\/+$/, '') || K8S_REGISTRY;
  const v = `v${c.kubernetesVersion}`;
  return {
    'kube-apiserver': `${k8s}/kube-apiserver:${v}`,
    'kube-controller-manager': `${k8s}/kube-controller-manager:${v}`,
    'kube-scheduler': `${k8s}/kube-scheduler:${v}`,
    // kube-proxy matches the control plane's release exactly.
    'kube-proxy': `${k8s}/kube-proxy:${v}`,
    etcd: `${k8s}/etcd:${c.phase2.images.etcdVersion ?? r.etcd}`,
    pause: `${k8s}/pause:${r.pause}`,
    coredns: `${k8s}/coredns/coredns:${r.coredns}`,
    flannel: `ghcr.io/flannel-io/flannel:${r.flannel}`,
    'flannel-cni-plugin': `ghcr.io/flannel-io/flannel-cni-plugin:${r.flannelCniPlugin}`,
    'calico-node': `quay.io/calico/node:${r.calico}`,
    'calico-cni': `quay.io/calico/cni:${r.calico}`,
    'calico-kube-controllers': `quay.io/calico/kube-controllers:${r.calico}`,
    'kube-dns': `${k8s}/dns/k8s-dns-kube-dns:${KUBE_DNS_VERSION}`,
    'dnsmasq-nanny': `${k8s}/dns/k8s-dns-dnsmasq-nanny:${KUBE_DNS_VERSION}`,
    sidecar: `${k8s}/dns/k8s-dns-sidecar:${KUBE_DNS_VERSION}`,
  };
}
