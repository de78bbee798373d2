// Names: a cluster name that passes validation gives every GCP and Azure resource a name within
// that cloud's length and character rules (checked on the synthesized stacks, for the longest names
// validation lets through); a longer one is refused by validation, naming the resource.
import { checkConfig } from '../../../config-schema/load.js';
import { ConfigError } from '../../../lib/errors.js';
import { resources, synthCluster, testConfig, type TfJson } from './fixtures.js';

type R = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** RFC 1035 labels: what Compute Engine requires of nearly every resource name. */
const GCE = { max: 63, pattern: /^[a-z]([-a-z0-9]*[a-z0-9])?$/ };
const GCP_RULES: Record<string, { field: string; max: number; min?: number; pattern: RegExp }> = {
  google_compute_network: { field: 'name', ...GCE },
  google_compute_subnetwork: { field: 'name', ...GCE },
  google_compute_firewall: { field: 'name', ...GCE },
  google_compute_address: { field: 'name', ...GCE },
  google_compute_region_health_check: { field: 'name', ...GCE },
  google_compute_instance_group: { field: 'name', ...GCE },
  google_compute_region_backend_service: { field: 'name', ...GCE },
  google_compute_forwarding_rule: { field: 'name', ...GCE },
  google_compute_instance: { field: 'name', ...GCE },
  google_compute_region_instance_group_manager: { field: 'name', ...GCE },
  // the group appends "-xxxx" to its instances' base name
  google_compute_instance_template: { field: 'name_prefix', max: 54, pattern: /^[a-z][-a-z0-9]*$/ },
  google_service_account: { field: 'account_id', max: 30, min: 6, pattern: /^[a-z]([-a-z0-9]*[a-z0-9])$/ },
  google_storage_bucket: { field: 'name', max: 63, min: 3, pattern: /^[a-z0-9][-_a-z0-9.]*[a-z0-9]$/ },
};

/** Azure: letters, digits, underscores, periods, hyphens; starts alphanumeric; ends alphanumeric or underscore. */
const AZ = /^[a-zA-Z0-9]([-a-zA-Z0-9._]*[a-zA-Z0-9_])?$/;
const AZURE_RULES: Record<string, { field: string; max: number; min?: number; pattern: RegExp }> = {
  azurerm_resource_group: { field: 'name', max: 90, pattern: AZ },
  azurerm_virtual_network: { field: 'name', max: 64, min: 2, pattern: AZ },
  azurerm_subnet: { field: 'name', max: 80, pattern: AZ },
  azurerm_network_security_group: { field: 'name', max: 80, pattern: AZ },
  azurerm_network_security_rule: { field: 'name', max: 80, pattern: AZ },
  azurerm_application_security_group: { field: 'name', max: 80, pattern: AZ },
  azurerm_public_ip: { field: 'name', max: 80, pattern: AZ },
  azurerm_lb: { field: 'name', max: 80, pattern: AZ },
  azurerm_network_interface: { field: 'name', max: 80, pattern: AZ },
  azurerm_user_assigned_identity: { field: 'name', max: 128, min: 3, pattern: /^[a-zA-Z0-9][-a-zA-Z0-9_]*$/ },
  azurerm_storage_account: { field: 'name', max: 24, min: 3, pattern: /^[a-z0-9]+$/ },
  azurerm_storage_container: { field: 'name', max: 63, min: 3, pattern: /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/ },
  // a Linux VM's name is also its host name
  azurerm_linux_virtual_machine: { field: 'name', max: 64, pattern: /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/ },
  azurerm_linux_virtual_machine_scale_set: { field: 'computer_name_prefix', max: 58, pattern: /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/ },
};

function violations(stacks: TfJson[], rules: typeof GCP_RULES): string[] {
  const out: string[] = [];
  let checked = 0;
  for (const j of stacks) {
    for (const [type, { field, max, min, pattern }] of Object.entries(rules)) {
      for (const r of resources(j, type) as R[]) {
        const name = r[field] as string;
        checked++;
        if (name.length > max || name.length < (min ?? 1) || !pattern.test(name)) out.push(`${type}.${field} "${name}" (${name.length})`);
      }
    }
  }
  if (checked < 15) out.push(`only ${checked} names checked`);
  return out;
}

describe('resource names', () => {
  // The longest names validation accepts: 24 characters (the schema) on GCP; on Azure the storage
  // account (24 lowercase letters and digits, with "ign" and a 6-character suffix) leaves 15.
  test('GCP: the longest valid cluster name fits every resource of an HA cluster with dedicated etcd', async () => {
    const name = 'kube-anywhere-gcp-test-1';
    expect(name).toHaveLength(24);
    const s = await synthCluster(testConfig('gcp', 'ha-dedicated-etcd', { name }));
    expect(violations([s.network, s.nodes], GCP_RULES)).toEqual([]);
  }, 60_000);

  test('Azure: the longest valid cluster name fits every resource of an HA cluster with dedicated etcd', async () => {
    const name = 'kube-anywhere-az1';
    expect(name.replace(/-/g, '')).toHaveLength(15);
    const s = await synthCluster(testConfig('azure', 'ha-dedicated-etcd', { name }));
    expect(violations([s.network, s.nodes], AZURE_RULES)).toEqual([]);
  }, 60_000);

  test('Azure: one character more is refused by validation, naming the storage account and its limit', () => {
    const raw = {
      name: 'kube-anywhere-az12',
      phase1: { cloudProvider: 'azure', azure: { subscriptionId: '00000000-0000-0000-0000-000000000000' } },
    };
    let err: unknown;
    try {
      checkConfig('cluster.json', raw);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toMatch(/cluster\.json: name: .*azure storageAccount name "kubeanywhereaz12ign[0-9a-f]{6}" of 25 characters; at most 24/);
  });
});
