// The API's stable address, and when the API is load balanced (phase1.apiLoadBalancer), a regional
// external passthrough TCP load balancer on 6443: health check, one unmanaged instance group per
// zone, backend service, forwarding rule. All of it is in the network stack, so the address is known
// before certificates are issued; the nodes stack only adds the masters to the groups.
import type { Construct } from 'constructs';
import { ComputeAddress, ComputeForwardingRule, ComputeInstanceGroup, ComputeInstanceGroupMembership, ComputeRegionBackendService, ComputeRegionHealthCheck } from './resources.js';
import type { ComputeInstance } from './resources.js';
import { PORTS } from '../common/firewall.js';
import type { GcpNetwork } from './network.js';
import type { GcpSettings } from './settings.js';

export interface GcpApiEndpoint {
  address: ComputeAddress;
  forwardingRule?: ComputeForwardingRule;
}

export function gcpApiEndpoint(scope: Construct, s: GcpSettings, net: GcpNetwork): GcpApiEndpoint {
  // One reserved external address: the forwarding rule's, or the single master's when not load balanced.
  const address = new ComputeAddress(scope, 'api-address', {
    name: s.names.apiAddress,
    region: s.region,
    addressType: 'EXTERNAL',
    networkTier: 'PREMIUM',
    labels: s.labels,
  });
  if (!s.loadBalanced) return { address };

  // TCP, not an HTTPS /readyz probe: anonymous requests are refused (anonymous auth is off).
  const health = new ComputeRegionHealthCheck(scope, 'api-health', {
    name: s.names.apiAddress,
    region: s.region,
    tcpHealthCheck: { port: PORTS.api },
    checkIntervalSec: 5,
    timeoutSec: 5,
  });
  const groups = s.zones.map(
    (zone, z) =>
      new ComputeInstanceGroup(scope, `masters-${z}`, {
        name: s.names.masterGroup(z),
        zone,
        network: net.network.id,
        namedPort: [{ name: 'api', port: PORTS.api }],
        description: `masters of ${s.cluster} in ${zone}`,
      }),
  );
  const backend = new ComputeRegionBackendService(scope, 'api-backend', {
    name: s.names.apiAddress,
    region: s.region,
    protocol: 'TCP',
    loadBalancingScheme: 'EXTERNAL',
    healthChecks: [health.id],
    backend: groups.map((g) => ({ group: g.id, balancingMode: 'CONNECTION' })),
  });
  const forwardingRule = new ComputeForwardingRule(scope, 'api-forwarding-rule', {
    name: s.names.apiAddress,
    region: s.region,
    ipAddress: address.address,
    ipProtocol: 'TCP',
    portRange: `${PORTS.api}`,
    loadBalancingScheme: 'EXTERNAL',
    backendService: backend.id,
    labels: s.labels,
  });
  return { address, forwardingRule };
}

/** Nodes stack: each master joins its zone's instance group (named, since the group is in the network stack). */
export function gcpMasterMemberships(scope: Construct, s: GcpSettings, masters: { name: string; instance: ComputeInstance; zoneIndex: number }[]) {
  if (!s.loadBalanced) return [];
  return masters.map(
    ({ name, instance, zoneIndex }) =>
      new ComputeInstanceGroupMembership(scope, `${name}-in-group`, {
        zone: s.zones[zoneIndex],
        instanceGroup: s.names.masterGroup(zoneIndex),
        instance: instance.selfLink,
        // A re-created master must rejoin its group in the same apply (the provider's advice for this resource).
        lifecycle: { replaceTriggeredBy: [instance] },
      }),
  );
}
