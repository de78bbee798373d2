// Everything the GCP resource files derive from the config: project, region, zones, names, tags.
import type { ClusterConfig } from '../../config-schema/types.js';
import { resourceName } from '../../lib/names.js';
import { wantsApiLoadBalancer } from '../common/api-endpoint.js';
import { plannedNodes, subnetPlan, type PlannedNode } from '../common/ip-plan.js';

/** Flatcar Container Linux, stable channel, published by Kinvolk (Microsoft) for Compute Engine. */
export const FLATCAR_IMAGE = 'projects/kinvolk-public/global/images/family/flatcar-stable';
/** Compute Engine caps one metadata value at 256 KB. */
export const METADATA_VALUE_LIMIT = 256 * 1024;
export const CLUSTER_LABEL = 'kube-anywhere-cluster';

export interface GcpSettings {
  config: ClusterConfig;
  cluster: string;
  project: string;
  region: string;
  zones: string[];
  image: string;
  labels: Record<string, string>;
  /** Network tags: every node, and per role; firewall rules select machines by these. */
  tags: { node: string; master: string; etcd: string; worker: string };
  names: {
    network: string;
    controlPlaneSubnet: (zone: number) => string;
    workerSubnet: string;
    serviceAccount: string;
    bucket: string;
    apiAddress: string;
    masterGroup: (zone: number) => string;
    workerTemplatePrefix: string;
    workerGroup: string;
  };
  subnets: ReturnType<typeof subnetPlan>;
  nodes: PlannedNode[];
  /** An API load balancer when masters > 1 (auto), or when asked for (always). */
  loadBalanced: boolean;
  /** A deterministic self link, so the nodes stack can name network-stack resources without reading their state. */
  selfLink: (kind: 'subnetworks', name: string) => string;
  serviceAccountEmail: string;
}

export const gcpZones = (c: ClusterConfig): string[] =>
  c.phase1.gcp.zones.length ? c.phase1.gcp.zones : [`${c.phase1.gcp.region}-b`, `${c.phase1.gcp.region}-c`];

export function gcpSettings(c: ClusterConfig): GcpSettings {
  const { project, region } = c.phase1.gcp;
  const zones = gcpZones(c);
  const n = (kind: Parameters<typeof resourceName<'gcp'>>[1]) => resourceName('gcp', kind, c.name, project);
  const serviceAccount = n('serviceAccount');
  return {
    config: c,
    cluster: c.name,
    project,
    region,
    zones,
    image: c.phase1.gcp.image || FLATCAR_IMAGE,
    labels: { [CLUSTER_LABEL]: c.name, 'managed-by': 'kube-anywhere' },
    tags: { node: `${c.name}-node`, master: `${c.name}-master`, etcd: `${c.name}-etcd`, worker: `${c.name}-worker` },
    names: {
      network: n('network'),
      controlPlaneSubnet: (z) => `${n('controlPlaneSubnet')}-${z}`,
      workerSubnet: n('workerSubnet'),
      serviceAccount,
      bucket: n('ignitionBucket'),
      apiAddress: n('forwardingRule'),
      masterGroup: (z) => `${n('masterGroup')}-${z}`,
      workerTemplatePrefix: `${n('workerTemplate')}-`,
      workerGroup: n('workerGroup'),
    },
    subnets: subnetPlan(c, zones.length),
    nodes: plannedNodes(c, zones.length),
    loadBalanced: wantsApiLoadBalancer(c),
    selfLink: (kind, name) => `projects/${project}/regions/${region}/${kind}/${name}`,
    serviceAccountEmail: `${serviceAccount}@${project}.iam.gserviceaccount.com`,
  };
}
