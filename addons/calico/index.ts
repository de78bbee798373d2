// Calico, the alternative pod network: overlay (VXLAN or IP-in-IP) or routed (BGP, no
// encapsulation), in the Kubernetes-datastore (KDD) mode upstream's calico.yaml uses. Two addons:
// the CRDs first (kubectl cannot apply a custom resource whose CRD is not yet established), then
// Calico itself with its custom resources.
import { readFileSync } from 'node:fs';
import { fromYaml } from '../../lib/yaml.js';
import type { ClusterConfig } from '../../config-schema/types.js';
import { packageFile } from '../../lib/paths.js';
import type { Addon } from '../addon.js';

const GROUP = 'crd.projectcalico.org';

/**
 * The CRDs calico-node and calico-kube-controllers watch (calico v3.29). Those kube-anywhere
 * creates objects of carry a schema of the fields it sets (schemas/<file>), the others accept
 * anything (x-kubernetes-preserve-unknown-fields), where upstream ships generated schemas.
 */
const CRDS: { kind: string; plural: string; scope: 'Cluster' | 'Namespaced'; schema?: string; group?: string; version?: string; apiApproved?: string }[] = [
  { kind: 'BGPConfiguration', plural: 'bgpconfigurations', scope: 'Cluster', schema: 'bgpconfiguration.yaml' },
  { kind: 'BGPFilter', plural: 'bgpfilters', scope: 'Cluster' },
  { kind: 'BGPPeer', plural: 'bgppeers', scope: 'Cluster' },
  { kind: 'BlockAffinity', plural: 'blockaffinities', scope: 'Cluster' },
  { kind: 'CalicoNodeStatus', plural: 'caliconodestatuses', scope: 'Cluster' },
  { kind: 'ClusterInformation', plural: 'clusterinformations', scope: 'Cluster' },
  { kind: 'FelixConfiguration', plural: 'felixconfigurations', scope: 'Cluster', schema: 'felixconfiguration.yaml' },
  { kind: 'GlobalNetworkPolicy', plural: 'globalnetworkpolicies', scope: 'Cluster', schema: 'globalnetworkpolicy.yaml' },
  { kind: 'GlobalNetworkSet', plural: 'globalnetworksets', scope: 'Cluster' },
  { kind: 'HostEndpoint', plural: 'hostendpoints', scope: 'Cluster' },
  { kind: 'IPAMBlock', plural: 'ipamblocks', scope: 'Cluster' },
  { kind: 'IPAMConfig', plural: 'ipamconfigs', scope: 'Cluster' },
  { kind: 'IPAMHandle', plural: 'ipamhandles', scope: 'Cluster' },
  { kind: 'IPPool', plural: 'ippools', scope: 'Cluster', schema: 'ippool.yaml' },
  { kind: 'IPReservation', plural: 'ipreservations', scope: 'Cluster' },
  { kind: 'KubeControllersConfiguration', plural: 'kubecontrollersconfigurations', scope: 'Cluster' },
  { kind: 'NetworkPolicy', plural: 'networkpolicies', scope: 'Namespaced' },
  { kind: 'NetworkSet', plural: 'networksets', scope: 'Namespaced' },
  { kind: 'Tier', plural: 'tiers', scope: 'Cluster' },
  // Felix 3.29 also watches the upstream AdminNetworkPolicy API (alpha, sig-network-policy-api).
  // The API server refuses a CRD in a *.k8s.io group without the api-approved.kubernetes.io
  // annotation (KEP-2337); upstream's CRD names the API review that approved it.
  { kind: 'AdminNetworkPolicy', plural: 'adminnetworkpolicies', scope: 'Cluster', group: 'policy.networking.k8s.io', version: 'v1alpha1', apiApproved: 'https://github.com/kubernetes-sigs/network-policy-api/pull/30' },
];

const ANYTHING = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };

function crdSchema(file?: string): unknown {
  if (!file) return ANYTHING;
  const spec = fromYaml(readFileSync(packageFile('addons', 'calico', 'schemas', file), 'utf8'));
  return {
    type: 'object',
    properties: { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' }, spec },
  };
}

let crdValues: unknown[] | undefined;

export const calicoCrds: Addon = {
  name: 'calico-crds',
  order: 10,
  dir: 'calico',
  template: 'crds.yaml.hbs',
  enabled: (c) => c.phase3.cni.plugin === 'calico',
  values: () => ({
    crds: (crdValues ??= CRDS.map((d) => ({
      ...d,
      group: d.group ?? GROUP,
      version: d.version ?? 'v1',
      singular: d.kind.toLowerCase(),
      schema: crdSchema(d.schema),
    }))),
  }),
};

/** BIRD (the BGP daemon) runs unless the pod network is a VXLAN overlay. */
export function calicoUsesBgp(c: ClusterConfig): boolean {
  const k = c.phase3.cni.calico;
  return k.mode === 'routed' || k.encapsulation === 'ipip';
}

export const calico: Addon = {
  name: 'calico',
  order: 11,
  dir: 'calico',
  template: 'calico.yaml.hbs',
  enabled: (c) => c.phase3.cni.plugin === 'calico',
  values: ({ config }) => {
    const k = config.phase3.cni.calico;
    const overlay = k.mode === 'overlay';
    const bgp = calicoUsesBgp(config);
    return {
      podCidr: config.network.podCidr,
      bgp,
      backend: bgp ? 'bird' : 'vxlan',
      ipipMode: overlay && k.encapsulation === 'ipip' ? 'Always' : 'Never',
      vxlanMode: overlay && k.encapsulation === 'vxlan' ? 'Always' : 'Never',
      asNumber: k.asNumber,
      networkPolicy: k.networkPolicy,
    };
  },
};
