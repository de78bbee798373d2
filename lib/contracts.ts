// The seams between the phases (DESIGN.md, "Contracts"). Plain JSON-serialisable data: each is
// written under clusters/<name>/ so that a phase can be re-run, or run alone.

export type Role = 'etcd' | 'master' | 'worker';
export type CloudProvider = 'aws' | 'gcp' | 'azure' | 'baremetal' | 'local';

export interface InventoryNode {
  /** Node name; the host name on bare metal, <cluster>-<role>-<index> on clouds. */
  name: string;
  roles: Role[];
  privateIP: string;
}

/** Phase 1 -> phase 2: where the cluster's machines are and how they reach the API. */
export interface Inventory {
  cluster: string;
  provider: CloudProvider;
  apiEndpoint: {
    host: string;
    port: number;
    /** true while the network stack has not been applied (render): a stand-in address. */
    provisional: boolean;
  };
  /** Every node with a fixed identity: masters and etcd members; on bare metal every host. */
  nodes: InventoryNode[];
  /** Groups of interchangeable workers (cloud autoscaling groups): no per-node identity. */
  workerPools: { name: string; count: number }[];
  /**
   * Where full Ignition configs are fetched from at boot: a URL prefix the pointer configs name
   * (s3://bucket/prefix, gs://bucket/prefix, https://...). Absent on bare metal: configs are files.
   */
  ignitionBaseUrl?: string;
}

/** An Ignition config, spec 3.3.0, as a JSON object. */
export type IgnitionConfig = { ignition: { version: string } } & Record<string, unknown>;

/** Phase 2 -> delivery: one per role (per host where identity differs). */
export interface NodeBundle {
  /** File stem: the role for shared configs (worker), the node name for per-node ones. */
  id: string;
  roles: Role[];
  /** The whole config, with secrets: stored privately (bucket, files, ssh). */
  full: IgnitionConfig;
  /** No secrets: the full config's URL and sha512, for user-data. Absent where there is no URL. */
  pointer?: IgnitionConfig;
}

/** Phase 3: rendered addons, in apply order (CNI first). Written as addons/NN-<name>.yaml. */
export interface AddonSet {
  addons: {
    /** NN in the file name: apply order. */
    order: number;
    name: string;
    /** Parsed Kubernetes objects, each schema-valid. */
    manifests: Record<string, unknown>[];
  }[];
}

/**
 * Phase 2 -> phase 3: masters' kubelets label themselves with this (a kubelet may not set
 * node-role.kubernetes.io/* on itself: NodeRestriction); `addons apply` adds the role label to them.
 */
export const CONTROL_PLANE_MARK = 'kube-anywhere.dev/control-plane';

/**
 * Phase 2 -> phase 3: where every node reaches the Kubernetes API. On masters the local API server
 * listens there; on every other node the node-local balancer does (bootstrap/api-balancer). Node
 * agents (kubelet, kube-proxy, the CNI) use it, so no node depends on the public endpoint.
 */
export const NODE_LOCAL_API = { host: '127.0.0.1', port: 6443 } as const;

/**
 * Phase 2 -> phase 1 (local): the file stem under pki/ of the node-local balancers' client
 * certificate (`<stem>.crt`, `<stem>.key`). The local target's API load balancer checks masters'
 * /readyz with the same identity.
 */
export const API_BALANCER_CERT = 'kube-api-balancer';
