// Workers: an instance template and a managed instance group (never N single instances), regional
// across the zones when there are several. Workers have no per-node identity: they share the
// "worker" pointer config and join by TLS bootstrapping.
import type { Construct } from 'constructs';
import { ComputeInstanceGroupManager, ComputeInstanceTemplate, ComputeRegionInstanceGroupManager } from './resources.js';
import type { ITerraformDependable } from 'cdktf';
import type { NodeBundle } from '../../lib/contracts.js';
import { pointerUserData } from '../common/bundles.js';
import { DISK_GB } from '../common/disks.js';
import { gcpMetadata, gcpServiceAccount } from './controlplane.js';
import { gcpNodeTags } from './firewall.js';
import { METADATA_VALUE_LIMIT, type GcpSettings } from './settings.js';

export function gcpWorkers(scope: Construct, s: GcpSettings, bundles: NodeBundle[], dependsOn: ITerraformDependable[]) {
  const count = s.config.topology.workers;
  if (count === 0) return undefined;
  const template = new ComputeInstanceTemplate(scope, 'worker-template', {
    namePrefix: s.names.workerTemplatePrefix,
    machineType: s.config.phase1.gcp.machineTypes.worker,
    disk: [{ sourceImage: s.image, boot: true, autoDelete: true, diskSizeGb: DISK_GB.worker, diskType: 'pd-balanced', labels: s.labels }],
    networkInterface: [{ subnetwork: s.selfLink('subnetworks', s.names.workerSubnet), accessConfig: [{}] }],
    metadata: gcpMetadata(s, pointerUserData(bundles, { name: 'worker', role: 'worker' } /* the pool of cloudInventory */, METADATA_VALUE_LIMIT, 'a GCP metadata value')),
    serviceAccount: gcpServiceAccount(s),
    tags: gcpNodeTags(s, 'worker'),
    labels: { ...s.labels, role: 'worker' },
    canIpForward: true,
    // A changed template is created before the old one goes, so the group always has one to point at.
    lifecycle: { createBeforeDestroy: true },
  });
  const group = {
    name: s.names.workerGroup,
    baseInstanceName: s.names.workerGroup,
    version: [{ name: 'worker', instanceTemplate: template.selfLinkUnique }],
    targetSize: count,
    // Terraform returns at once; the nodes join the cluster on their own.
    waitForInstances: false,
    dependsOn,
  };
  if (s.zones.length > 1) {
    return new ComputeRegionInstanceGroupManager(scope, 'workers', { ...group, region: s.region, distributionPolicyZones: s.zones });
  }
  return new ComputeInstanceGroupManager(scope, 'workers', { ...group, zone: s.zones[0] });
}
