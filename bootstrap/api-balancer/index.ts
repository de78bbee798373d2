// The node-local API balancer (docs/design.md, "Internal API path"): every node that is not a master
// reaches the API at https://127.0.0.1:6443, where a static HAProxy pod balances over the masters'
// private addresses. Nodes then never depend on the public endpoint, so
// phase1.<cloud>.allowedCidrs.api may name only the administrators' networks.
import type { ClusterConfig } from '../../config-schema/types.js';
import { NODE_LOCAL_API, type Inventory } from '../../lib/contracts.js';
import { clusterImages } from '../../lib/images.js';
import { PORTS } from '../../providers/common/firewall.js';
import { NODE } from '../node-paths.js';
import { masters } from '../pki/plan.js';
import { renderTemplate, renderYaml } from '../templates.js';

/** nobody: the balancer needs no privilege (its port is above 1024, its files are its own). */
export const API_BALANCER_UID = 65534;
/** Where node agents of non-masters find the API. 6443 is free there: no API server runs on them. */
export const LOCAL_API = NODE_LOCAL_API;

/** On the node (written by Ignition) and inside the container. */
export const API_BALANCER_FILES = {
  host: { config: `${NODE.etc}/api-balancer/haproxy.cfg`, ca: `${NODE.pki}/ca.crt`, clientPem: `${NODE.etc}/api-balancer/client.pem` },
  container: { config: '/usr/local/etc/haproxy/haproxy.cfg', ca: '/usr/local/etc/haproxy/ca.crt', clientPem: '/usr/local/etc/haproxy/client.pem' },
} as const;

/** Nodes that reach the API through the balancer: every node with the worker role that is not a master. */
export const usesApiBalancer = (roles: readonly string[]) => roles.includes('worker') && !roles.includes('master');

export interface BalancerInput {
  masters: { name: string; ip: string }[];
  listen?: { host: string; port: number };
  backendPort?: number;
  /** Paths HAProxy reads (tests run it outside a container). */
  files?: { ca: string; clientPem: string };
}

const hostPort = (ip: string, port: number) => (ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`);

/** haproxy.cfg: the frontend on loopback, one server line per master. */
export function apiBalancerConfig(b: BalancerInput): string {
  return renderTemplate('api-balancer', 'haproxy.cfg.hbs', {
    listen: b.listen ?? LOCAL_API,
    files: b.files ?? API_BALANCER_FILES.container,
    masters: b.masters.map((m) => ({ name: m.name, address: hostPort(m.ip, b.backendPort ?? PORTS.api) })),
  });
}

export const balancerInput = (inv: Inventory): BalancerInput => ({ masters: masters(inv).map((m) => ({ name: m.name, ip: m.privateIP })) });

/** The static pod manifest. */
export function apiBalancerPod(c: ClusterConfig): Record<string, unknown> {
  return renderYaml('api-balancer', 'api-balancer.yaml.hbs', {
    image: clusterImages(c)['api-balancer'],
    uid: API_BALANCER_UID,
    listen: LOCAL_API,
    hostPaths: API_BALANCER_FILES.host,
    containerPaths: API_BALANCER_FILES.container,
  });
}
