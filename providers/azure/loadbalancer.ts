// The API's stable address: a Standard static public IP, and when the API is load balanced
// (phase1.apiLoadBalancer), a Standard load balancer on 6443 in front of the masters. Both are in
// the network stack, so the address is known before certificates are issued; the nodes stack only
// adds the masters' NICs to the backend pool (or gives the single master the address).
import type { Construct } from 'constructs';
import { Lb, LbBackendAddressPool, LbProbe, LbRule, NetworkInterfaceBackendAddressPoolAssociation, PublicIp } from './resources.js';
import type { NetworkInterface } from './resources.js';
import { PORTS } from '../common/firewall.js';
import type { AzureNetwork } from './network.js';
import type { AzureSettings } from './settings.js';

export function azureApiEndpoint(scope: Construct, s: AzureSettings, net: AzureNetwork) {
  const address = new PublicIp(scope, 'api-address', {
    name: s.names.apiPublicIp,
    resourceGroupName: net.group.name,
    location: s.location,
    sku: 'Standard',
    allocationMethod: 'Static',
    // Zone-redundant where the location has zones.
    ...(s.zones.length ? { zones: s.zones } : {}),
    tags: s.tags,
  });
  if (!s.loadBalanced) return { address };

  const lb = new Lb(scope, 'api-lb', {
    name: s.names.loadBalancer,
    resourceGroupName: net.group.name,
    location: s.location,
    sku: 'Standard',
    frontendIpConfiguration: [{ name: 'api', publicIpAddressId: address.id }],
    tags: s.tags,
  });
  const pool = new LbBackendAddressPool(scope, 'api-pool', { name: 'masters', loadbalancerId: lb.id });
  // TCP, not an HTTPS /readyz probe: anonymous requests are refused (anonymous auth is off).
  const probe = new LbProbe(scope, 'api-probe', { name: 'api', loadbalancerId: lb.id, protocol: 'Tcp', port: PORTS.api, intervalInSeconds: 5 });
  const rule = new LbRule(scope, 'api-rule', {
    name: 'api',
    loadbalancerId: lb.id,
    protocol: 'Tcp',
    frontendPort: PORTS.api,
    backendPort: PORTS.api,
    frontendIpConfigurationName: 'api',
    backendAddressPoolIds: [pool.id],
    probeId: probe.id,
    // The masters have their own public addresses for outbound traffic.
    disableOutboundSnat: true,
  });
  return { address, lb, pool, probe, rule };
}

/** Nodes stack: each master's NIC joins the backend pool (named by id: the pool is in the network stack). */
export function azureMasterPoolMembers(scope: Construct, s: AzureSettings, masters: { name: string; nic: NetworkInterface }[]) {
  if (!s.loadBalanced) return [];
  return masters.map(
    ({ name, nic }) =>
      new NetworkInterfaceBackendAddressPoolAssociation(scope, `${name}-in-pool`, {
        networkInterfaceId: nic.id,
        ipConfigurationName: 'primary',
        backendAddressPoolId: s.ids.backendPool,
      }),
  );
}
