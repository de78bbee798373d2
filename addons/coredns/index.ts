// Cluster DNS, the default: CoreDNS served as the kube-dns Service (the name kubelets and
// workloads expect), at network.dnsServiceIP, for network.dnsDomain.
import { podNodeCount } from '../../config-schema/semantic.js';
import type { Addon } from '../addon.js';

export const coredns: Addon = {
  name: 'coredns',
  order: 30,
  dir: 'coredns',
  template: 'coredns.yaml.hbs',
  enabled: (c) => c.phase3.dns.provider === 'coredns',
  values: ({ config }) => ({
    replicas: config.phase3.dns.replicas,
    // Replicas wait for distinct nodes, as many as the topology has (one node: they share it).
    spreadOver: Math.min(config.phase3.dns.replicas, podNodeCount(config)),
    dnsServiceIP: config.network.dnsServiceIP,
    dnsDomain: config.network.dnsDomain,
  }),
};
