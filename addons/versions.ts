// Every image an addon runs, pinned, in one table. Bump a version here (and only here); the
// templates name images through this table. registry.k8s.io images follow phase2.images.registry
// (an air-gapped mirror); flannel and calico come from their projects' own registries.
import type { ClusterConfig } from '../config-schema/types.js';

export const ADDON_VERSIONS = {
  flannel: 'v0.26.7',
  flannelCniPlugin: 'v1.6.2-flannel1',
  calico: 'v3.29.3',
  coredns: 'v1.12.1',
  kubeDns: '1.26.4',
} as const;

export interface AddonImages {
  flannel: string;
  flannelCniPlugin: string;
  calicoNode: string;
  calicoCni: string;
  calicoKubeControllers: string;
  coredns: string;
  kubeDns: string;
  dnsmasqNanny: string;
  dnsSidecar: string;
  kubeProxy: string;
}

export function addonImages(c: ClusterConfig): AddonImages {
  const k8s = c.phase2.images.registry.replace(/\/+$/, '');
  const v = ADDON_VERSIONS;
  return {
    flannel: `ghcr.io/flannel-io/flannel:${v.flannel}`,
    flannelCniPlugin: `ghcr.io/flannel-io/flannel-cni-plugin:${v.flannelCniPlugin}`,
    calicoNode: `quay.io/calico/node:${v.calico}`,
    calicoCni: `quay.io/calico/cni:${v.calico}`,
    calicoKubeControllers: `quay.io/calico/kube-controllers:${v.calico}`,
    coredns: `${k8s}/coredns/coredns:${v.coredns}`,
    kubeDns: `${k8s}/dns/k8s-dns-kube-dns:${v.kubeDns}`,
    dnsmasqNanny: `${k8s}/dns/k8s-dns-dnsmasq-nanny:${v.kubeDns}`,
    dnsSidecar: `${k8s}/dns/k8s-dns-sidecar:${v.kubeDns}`,
    // kube-proxy matches the control plane's release exactly.
    kubeProxy: `${k8s}/kube-proxy:v${c.kubernetesVersion}`,
  };
}
