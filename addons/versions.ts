// The images the addon templates name, from the one table of images (lib/images.ts), which reads
// the versions from the releases table (lib/releases.ts). Bump versions there, not here.
import type { ClusterConfig } from '../config-schema/types.js';
import { clusterImages } from '../lib/images.js';

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
  const i = clusterImages(c);
  return {
    flannel: i.flannel,
    flannelCniPlugin: i['flannel-cni-plugin'],
    calicoNode: i['calico-node'],
    calicoCni: i['calico-cni'],
    calicoKubeControllers: i['calico-kube-controllers'],
    coredns: i.coredns,
    kubeDns: i['kube-dns'],
    dnsmasqNanny: i['dnsmasq-nanny'],
    dnsSidecar: i.sidecar,
    kubeProxy: i['kube-proxy'],
  };
}
