// The VPC network and its subnetworks. GCP subnetworks are regional (they span every zone), but the
// IP plan gives each zone its own control-plane range, so the masters and etcd members of zone z get
// their static addresses from subnetwork "<cluster>-cp-z". Workers (a regional group) share one.
import type { Construct } from 'constructs';
import { ComputeNetwork, ComputeSubnetwork } from './resources.js';
import type { GcpSettings } from './settings.js';

export interface GcpNetwork {
  network: ComputeNetwork;
  controlPlane: ComputeSubnetwork[];
  workers: ComputeSubnetwork;
}

export function gcpNetwork(scope: Construct, s: GcpSettings): GcpNetwork {
  const network = new ComputeNetwork(scope, 'network', {
    name: s.names.network,
    autoCreateSubnetworks: false,
    routingMode: 'REGIONAL',
    description: `kube-anywhere cluster ${s.cluster}`,
  });
  const subnet = (id: string, name: string, cidr: string) =>
    new ComputeSubnetwork(scope, id, { name, network: network.id, region: s.region, ipCidrRange: cidr, privateIpGoogleAccess: true });
  return {
    network,
    controlPlane: s.subnets.map((p) => subnet(`subnet-cp-${p.zoneIndex}`, s.names.controlPlaneSubnet(p.zoneIndex), p.controlPlane)),
    // The IP plan's first worker range serves the whole region.
    workers: subnet('subnet-workers', s.names.workerSubnet, s.subnets[0].workers),
  };
}
