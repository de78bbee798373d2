// kube-proxy: programs service IPs on every node (iptables or ipvs). It reaches the API at the
// real endpoint: it is the component that makes the service IP work, so it cannot use it.
import type { Addon } from '../addon.js';

export const kubeProxy: Addon = {
  name: 'kube-proxy',
  order: 20,
  dir: 'kube-proxy',
  template: 'kube-proxy.yaml.hbs',
  enabled: () => true,
  values: ({ config }) => ({
    clusterCidr: config.network.podCidr,
    mode: config.phase3.kubeProxy.mode,
    conntrackMaxPerCore: config.phase3.kubeProxy.conntrackMaxPerCore,
  }),
};
