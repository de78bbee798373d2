// ONE table of who may reach which port. AWS security groups, GCP firewall rules and Azure network
// security groups are all generated from it, so the three clouds cannot drift apart.
import type { ClusterConfig } from '../../config-schema/types.js';

/** Who sends the traffic: outside clients (allowed CIDRs), the node network, or nodes of a role. */
export type Source = 'apiClients' | 'sshClients' | 'nodeNetwork' | 'allNodes' | 'masters' | 'etcd';
/** Who receives it. 'etcd' means the etcd members: the masters when etcd is colocated. */
export type Target = 'allNodes' | 'masters' | 'etcd';
/** tcp/udp with a port range; ipip is IP protocol 4 (no ports). */
export type Protocol = 'tcp' | 'udp' | 'ipip';

export interface FirewallRule {
  name: string;
  description: string;
  protocol: Protocol;
  ports?: [number, number];
  from: Source;
  to: Target;
  when?: (c: ClusterConfig) => boolean;
}

const calico = (c: ClusterConfig) => c.phase3.cni.plugin === 'calico';
const calicoUsesBgp = (c: ClusterConfig) =>
  calico(c) && (c.phase3.cni.calico.mode === 'routed' || c.phase3.cni.calico.encapsulation === 'ipip');

export const PORTS = { api: 6443, etcdClient: 2379, etcdPeer: 2380, kubelet: 10250, ssh: 22, flannelVxlan: 8472, calicoVxlan: 4789, bgp: 179 } as const;

export const FIREWALL_RULES: FirewallRule[] = [
  { name: 'api', description: 'Kubernetes API from the allowed CIDRs', protocol: 'tcp', ports: [PORTS.api, PORTS.api], from: 'apiClients', to: 'masters' },
  { name: 'api-nodes', description: 'Kubernetes API from the nodes and the load balancer health checks', protocol: 'tcp', ports: [PORTS.api, PORTS.api], from: 'nodeNetwork', to: 'masters' },
  { name: 'etcd-client', description: 'etcd clients: the API servers', protocol: 'tcp', ports: [PORTS.etcdClient, PORTS.etcdClient], from: 'masters', to: 'etcd' },
  { name: 'etcd-peer', description: 'etcd peers', protocol: 'tcp', ports: [PORTS.etcdPeer, PORTS.etcdPeer], from: 'etcd', to: 'etcd' },
  { name: 'kubelet', description: 'kubelet API from the API servers (logs, exec, metrics)', protocol: 'tcp', ports: [PORTS.kubelet, PORTS.kubelet], from: 'masters', to: 'allNodes' },
  { name: 'ssh', description: 'SSH from the allowed CIDRs', protocol: 'tcp', ports: [PORTS.ssh, PORTS.ssh], from: 'sshClients', to: 'allNodes' },
  { name: 'flannel-vxlan', description: 'flannel VXLAN between nodes', protocol: 'udp', ports: [PORTS.flannelVxlan, PORTS.flannelVxlan], from: 'allNodes', to: 'allNodes',
    when: (c) => c.phase3.cni.plugin === 'flannel' && c.phase3.cni.flannel.backend === 'vxlan' },
  { name: 'calico-vxlan', description: 'calico VXLAN between nodes', protocol: 'udp', ports: [PORTS.calicoVxlan, PORTS.calicoVxlan], from: 'allNodes', to: 'allNodes',
    when: (c) => calico(c) && c.phase3.cni.calico.mode === 'overlay' && c.phase3.cni.calico.encapsulation === 'vxlan' },
  { name: 'calico-bgp', description: 'calico BGP sessions between nodes', protocol: 'tcp', ports: [PORTS.bgp, PORTS.bgp], from: 'allNodes', to: 'allNodes', when: calicoUsesBgp },
  { name: 'calico-ipip', description: 'calico IP-in-IP between nodes', protocol: 'ipip', from: 'allNodes', to: 'allNodes',
    when: (c) => calico(c) && c.phase3.cni.calico.mode === 'overlay' && c.phase3.cni.calico.encapsulation === 'ipip' },
];

/** The rules that apply to a config, with client CIDRs resolved; rules whose client list is empty are dropped. */
export function firewallRules(c: ClusterConfig, allowed: { api: string[]; ssh: string[] }): (FirewallRule & { cidrs?: string[] })[] {
  return FIREWALL_RULES.filter((r) => !r.when || r.when(c))
    .map((r) => {
      if (r.from === 'apiClients') return { ...r, cidrs: allowed.api };
      if (r.from === 'sshClients') return { ...r, cidrs: allowed.ssh };
      if (r.from === 'nodeNetwork') return { ...r, cidrs: [c.network.nodeCidr] };
      return r;
    })
    .filter((r) => !('cidrs' in r) || (r.cidrs?.length ?? 0) > 0);
}
