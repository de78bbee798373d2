// Cluster DNS, the legacy option: kube-dns (kubedns + dnsmasq + sidecar), the same Service name
// and IP as CoreDNS, so switching between them changes nothing for workloads.
import { podNodeCount } from '../../config-schema/semantic.js';
import type { Addon } from '../addon.js';

export const kubeDns: Addon = {
  name: 'kube-dns',
  order: 30,
  dir: 'kube-dns',
  template: 'kube-dns.yaml.hbs',
  enabled: (c) => c.phase3.dns.provider === 'kube-dns',
  values: ({ config }) => ({
    replicas: config.phase3.dns.replicas,
    // Replicas wait for distinct nodes, as many as the topology has (one node: they share it).
    spreadOver: Math.min(config.phase3.dns.replicas, podNodeCount(config)),
    dnsServiceIP: config.network.dnsServiceIP,
    dnsDomain: config.network.dnsDomain,
  }),
};
