// Whether the API gets a load balancer: the same decision on every cloud.
import type { ClusterConfig } from '../../config-schema/types.js';

/** config.phase1.apiLoadBalancer: auto = only when there is more than one master. */
export function wantsApiLoadBalancer(c: ClusterConfig): boolean {
  const lb = c.phase1.apiLoadBalancer;
  return lb === 'always' || (lb === 'auto' && c.topology.masters > 1);
}
