// Azure stacks as synthesized for every topology, from the real phase 2 output (no emulator exists
// for Azure: these tests read the cdk.tf.json terraform would apply).
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { azureSettings } from '../../../providers/azure/settings.js';
import { clusterSshKeyFiles } from '../../../providers/azure/ssh-key.js';
import { counts, ignitionValidate, resources, STATIC_NODES, synthCluster, synthNodesWithPointerSize, testConfig, topologyOf, topologyShape, TOPOLOGIES, type Synthesized } from '../clouds/fixtures.js';

type R = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
/** Flatcar on the Azure Marketplace: publisher kinvolk, offer flatcar-container-linux-free, plan stable-gen2 (flatcar.org/docs, "Running Flatcar on Microsoft Azure"). */
const FLATCAR_IMAGE = { publisher: 'kinvolk', offer: 'flatcar-container-linux-free', sku: 'stable-gen2', version: 'latest' };
/** customData: "The maximum length of the binary array is 65535 bytes" (Azure Compute REST API, OSProfile.customData). */
const CUSTOM_DATA_LIMIT = 65535;
/** NSG rule priorities run from 100 to 4096, lower first (learn.microsoft.com, network security groups overview); ours: allow rules from 100, the VNet deny at 4000. */
const DENY_VNET_PRIORITY = 4000;
const SUB = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/demo-rg';

describe.each(TOPOLOGIES)('Azure, %s', (topology) => {
  let s: Synthesized;
  beforeAll(async () => {
    s = await synthCluster(testConfig('azure', topology));
  }, 60_000);

  const shape = () => topologyShape(s.config);

  test('resource counts of both stacks', () => {
    const { masters, etcd, workers, lb, zones } = shape();
    // api, api-nodes, etcd-client, etcd-peer, kubelet, ssh, flannel-vxlan (the rows are checked in clouds/firewall.test.ts)
    const rules = 7;
    expect(counts(s.network)).toEqual({
      azurerm_resource_group: 1,
      azurerm_virtual_network: 1,
      azurerm_subnet: zones + 1,
      azurerm_application_security_group: etcd ? 3 : 2,
      azurerm_network_security_group: 1,
      // the table's rules, the load balancer's probe rule, the deny of other VNet traffic
      azurerm_network_security_rule: rules + (lb ? 1 : 0) + 1,
      azurerm_subnet_network_security_group_association: zones + 1,
      azurerm_user_assigned_identity: 1,
      azurerm_storage_account: 1,
      azurerm_storage_container: 1,
      azurerm_role_assignment: 1,
      azurerm_public_ip: 1,
      ...(lb ? { azurerm_lb: 1, azurerm_lb_backend_address_pool: 1, azurerm_lb_probe: 1, azurerm_lb_rule: 1 } : {}),
    });
    const machines = masters + etcd;
    expect(counts(s.nodes)).toEqual({
      azurerm_storage_blob: machines + (workers ? 1 : 0),
      // every machine has its own public address, except the single master, which carries the API's
      ...(machines - (lb ? 0 : 1) > 0 ? { azurerm_public_ip: machines - (lb ? 0 : 1) } : {}),
      azurerm_network_interface: machines,
      azurerm_network_interface_application_security_group_association: 2 * machines,
      azurerm_linux_virtual_machine: machines,
      ...(lb ? { azurerm_network_interface_backend_address_pool_association: masters } : {}),
      ...(workers ? { azurerm_linux_virtual_machine_scale_set: 1 } : {}),
    });
    expect(Object.keys(s.network.output ?? {}).sort()).toEqual(['api_host', 'ignition_base_url']);
  });

  test('masters and etcd members: static private IPs of the plan in their zone\'s control-plane subnet', () => {
    const nics = s.nodes.resource.azurerm_network_interface as Record<string, R>;
    const vms = s.nodes.resource.azurerm_linux_virtual_machine as Record<string, R>;
    expect(Object.keys(vms).sort()).toEqual(STATIC_NODES[topologyOf(s.config)].map((n) => n.name).sort());
    for (const n of STATIC_NODES[topologyOf(s.config)]) {
      const ip = nics[`${n.name}-nic`].ip_configuration[0];
      expect(ip).toMatchObject({ private_ip_address_allocation: 'Static', private_ip_address: n.ip });
      expect(ip.subnet_id).toBe(`${SUB}/providers/Microsoft.Network/virtualNetworks/demo-vnet/subnets/demo-cp-${n.zone}`);
      expect(nics[`${n.name}-nic`].ip_forwarding_enabled).toBe(true);
      const vm = vms[n.name];
      expect(vm.zone).toBe(String(n.zone + 1));
      expect(vm.size).toBe(n.role === 'master' ? 'Standard_D2s_v5' : 'Standard_B2s');
      expect(vm.source_image_reference).toEqual(FLATCAR_IMAGE);
      expect(vm.plan).toEqual({ name: 'stable-gen2', product: 'flatcar-container-linux-free', publisher: 'kinvolk' });
      expect(vm.disable_password_authentication).toBe(true);
      expect(vm.identity).toEqual({ type: 'UserAssigned', identity_ids: [`${SUB}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/demo-node`] });
      const asgs = resources(s.nodes, 'azurerm_network_interface_application_security_group_association') as R[];
      expect(asgs.filter((a) => a.network_interface_id === `\${azurerm_network_interface.${n.name}-nic.id}`).map((a) => a.application_security_group_id.split('/').pop()).sort()).toEqual(['demo-node', `demo-${n.role}`].sort());
    }
    expect((resources(s.network, 'azurerm_subnet') as R[]).map((x) => x.address_prefixes[0])).toEqual(['10.0.0.0/24', '10.0.1.0/24', '10.0.128.0/18']);
  });

  test('custom data of every machine: base64 of a pointer config ignition-validate accepts, naming the uploaded blob and its sha512', () => {
    const account = azureSettings(s.config).names.storageAccount;
    const holders: [string, string][] = [
      ...Object.entries(s.nodes.resource.azurerm_linux_virtual_machine as Record<string, R>).map(([id, vm]): [string, string] => [id, vm.custom_data]),
      ...(resources(s.nodes, 'azurerm_linux_virtual_machine_scale_set') as R[]).map((v): [string, string] => ['worker', v.custom_data]),
    ];
    expect(holders.length).toBe(s.bundles.length);
    for (const [id, customData] of holders) {
      const text = Buffer.from(customData, 'base64').toString('utf8');
      expect(Buffer.from(text).toString('base64')).toBe(customData);
      expect(Buffer.byteLength(text)).toBeLessThanOrEqual(CUSTOM_DATA_LIMIT);
      expect(ignitionValidate(text)).toBe('');
      const pointer = JSON.parse(text);
      expect(pointer.ignition.config.replace.source).toBe(`https://${account}.blob.core.windows.net/ignition/${id}.ign`);
      const full = readFileSync(join(s.paths.ignition, `${id}.ign`));
      expect(pointer.ignition.config.replace.verification.hash).toBe(`sha512-${createHash('sha512').update(full).digest('hex')}`);
    }
  });

  test('full configs: blobs uploaded from the files phase 2 wrote, with their MD5; none of their content is in cdk.tf.json', () => {
    for (const b of resources(s.nodes, 'azurerm_storage_blob') as R[]) {
      expect(b).toMatchObject({ storage_container_name: 'ignition', type: 'Block', source: `../../ignition/${b.name}` });
      const file = join(s.paths.terraform('nodes'), b.source);
      expect(b.content_md5).toBe(createHash('md5').update(readFileSync(file)).digest('hex'));
    }
    // Full configs hold their files as data URLs: none of those (keys, token) may reach the stack JSON.
    const text = JSON.stringify([s.network, s.nodes]);
    const sources = s.bundles.flatMap((bundle) => ((bundle.full.storage as { files?: { contents?: { source?: string } }[] } | undefined)?.files ?? []).map((f) => f.contents?.source ?? ''));
    expect(sources.filter((src) => src.length > 40).length).toBeGreaterThan(10);
    for (const src of sources) if (src.length > 40) expect(text).not.toContain(src);
  });

  test('the container is private and only the nodes\' managed identity reads it', () => {
    const [account] = resources(s.network, 'azurerm_storage_account') as R[];
    expect(account).toMatchObject({ allow_nested_items_to_be_public: false, min_tls_version: 'TLS1_2', https_traffic_only_enabled: true });
    expect(resources(s.network, 'azurerm_storage_container')[0]).toMatchObject({ name: 'ignition', container_access_type: 'private' });
    expect(resources(s.network, 'azurerm_role_assignment')[0]).toMatchObject({
      scope: '${azurerm_storage_container.ignition-container.resource_manager_id}',
      role_definition_name: 'Storage Blob Data Reader',
      principal_id: '${azurerm_user_assigned_identity.node-identity.principal_id}',
    });
  });

  test('API endpoint: a Standard load balancer on 6443 when masters > 1, else the static public IP on the master', () => {
    const { masters, lb } = shape();
    expect(resources(s.network, 'azurerm_public_ip')[0]).toMatchObject({ name: 'demo-api', sku: 'Standard', allocation_method: 'Static' });
    expect(s.network.output!.api_host.value).toBe('${azurerm_public_ip.api-address.ip_address}');
    if (lb) {
      expect(resources(s.network, 'azurerm_lb')[0]).toMatchObject({ sku: 'Standard', frontend_ip_configuration: [{ name: 'api', public_ip_address_id: '${azurerm_public_ip.api-address.id}' }] });
      expect(resources(s.network, 'azurerm_lb_rule')[0]).toMatchObject({ protocol: 'Tcp', frontend_port: 6443, backend_port: 6443 });
      expect(resources(s.network, 'azurerm_lb_probe')[0]).toMatchObject({ protocol: 'Tcp', port: 6443 });
      const members = resources(s.nodes, 'azurerm_network_interface_backend_address_pool_association') as R[];
      expect(members).toHaveLength(masters);
      for (const m of members) expect(m.backend_address_pool_id).toBe(`${SUB}/providers/Microsoft.Network/loadBalancers/demo-api/backendAddressPools/masters`);
    } else {
      const nic = (s.nodes.resource.azurerm_network_interface as Record<string, R>)['demo-master-0-nic'];
      expect(nic.ip_configuration[0].public_ip_address_id).toBe(`${SUB}/providers/Microsoft.Network/publicIPAddresses/demo-api`);
    }
  });

  test('the NSG: allow rules from the table, and other traffic inside the VNet denied below them', () => {
    const rules = resources(s.network, 'azurerm_network_security_rule') as R[];
    const deny = rules.find((r) => r.access === 'Deny')!;
    expect(deny).toMatchObject({ priority: DENY_VNET_PRIORITY, source_address_prefix: 'VirtualNetwork', destination_address_prefix: 'VirtualNetwork' });
    for (const r of rules.filter((x) => x.access === 'Allow')) expect(r.priority).toBeLessThan(DENY_VNET_PRIORITY);
    for (const r of rules) expect([r.name, r.priority >= 100 && r.priority <= 4096]).toEqual([r.name, true]);
    expect(new Set(rules.map((r) => r.priority)).size).toBe(rules.length);
  });

  test('NSG rules select machines by application security group; colocated etcd members are the masters', () => {
    const rules = Object.fromEntries((resources(s.network, 'azurerm_network_security_rule') as R[]).map((r) => [r.name, r]));
    const asg = (role: string) => `\${azurerm_application_security_group.asg-${role}.id}`;
    const etcd = s.config.topology.etcd.placement === 'dedicated' ? 'etcd' : 'master';
    expect(rules['etcd-client']).toMatchObject({ protocol: 'Tcp', destination_port_range: '2379', source_application_security_group_ids: [asg('master')], destination_application_security_group_ids: [asg(etcd)] });
    expect(rules['etcd-peer']).toMatchObject({ source_application_security_group_ids: [asg(etcd)], destination_application_security_group_ids: [asg(etcd)] });
    expect(rules['kubelet']).toMatchObject({ source_application_security_group_ids: [asg('master')], destination_application_security_group_ids: [asg('node')] });
    expect(rules['ssh']).toMatchObject({ source_address_prefixes: ['192.0.2.0/24'], destination_application_security_group_ids: [asg('node')] });
    expect(rules['flannel-vxlan']).toMatchObject({ protocol: 'Udp', destination_port_range: '8472' });
    if (shape().lb) expect(rules['api-nodes-lb-probe']).toMatchObject({ source_address_prefix: 'AzureLoadBalancer', destination_port_range: '6443', priority: rules['api-nodes'].priority + 1 });
    const assoc = resources(s.network, 'azurerm_subnet_network_security_group_association') as R[];
    expect(assoc.map((a) => a.network_security_group_id)).toEqual(Array(3).fill('${azurerm_network_security_group.nsg.id}'));
  });

  test('workers: one scale set over the zones, never single VMs', () => {
    const { workers } = shape();
    const sets = resources(s.nodes, 'azurerm_linux_virtual_machine_scale_set') as R[];
    if (!workers) return expect(sets).toHaveLength(0);
    expect(sets[0]).toMatchObject({ instances: workers, zones: ['1', '2'], zone_balance: true, sku: 'Standard_D2s_v5', upgrade_mode: 'Manual' });
    const ip = sets[0].network_interface[0].ip_configuration[0];
    expect(ip.subnet_id).toBe(`${SUB}/providers/Microsoft.Network/virtualNetworks/demo-vnet/subnets/demo-workers`);
    expect(ip.application_security_group_ids).toEqual([`${SUB}/providers/Microsoft.Network/applicationSecurityGroups/demo-node`]);
  });

  test('every resource that takes tags carries the cluster name', () => {
    let tagged = 0;
    for (const j of [s.network, s.nodes]) {
      for (const [type, rs] of Object.entries(j.resource)) {
        for (const r of Object.values(rs) as R[]) {
          if ('tags' in r) {
            tagged++;
            expect([type, r.tags['kube-anywhere-cluster']]).toEqual([type, 'demo']);
          }
        }
      }
    }
    for (const type of ['azurerm_resource_group', 'azurerm_linux_virtual_machine', 'azurerm_storage_account', 'azurerm_public_ip', 'azurerm_network_interface']) {
      for (const r of [...resources(s.network, type), ...resources(s.nodes, type)] as R[]) expect(r.tags).toBeDefined();
    }
    expect(tagged).toBeGreaterThan(5);
  });
});

describe('Azure options', () => {
  test('custom data: a pointer of exactly 65535 bytes is accepted, one byte more is refused, naming the machine and the limit', async () => {
    const s = await synthCluster(testConfig('azure', 'single'));
    expect(synthNodesWithPointerSize(s, CUSTOM_DATA_LIMIT)).not.toThrow();
    expect(synthNodesWithPointerSize(s, CUSTOM_DATA_LIMIT + 1)).toThrow(/demo-master-0 is 65536 bytes; Azure custom data holds at most 65535/);
  }, 60_000);

  test('without an SSH key in the config, a key pair is made once in pki/ssh (private key 0600) and used by every machine', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ka-azure-key-'));
    const c = testConfig('azure', 'one-master', { cloud: { sshPublicKey: '' } });
    const s = await synthCluster(c, root);
    const files = clusterSshKeyFiles(s.paths.ignition);
    expect(statSync(files.privateKey).mode & 0o777).toBe(0o600);
    expect(statSync(files.dir).mode & 0o777).toBe(0o700);
    const pub = readFileSync(files.publicKey, 'utf8').trim();
    // ssh-keygen reads the private key and derives the same public key: the pair is a real OpenSSH key pair.
    const derived = execFileSync('ssh-keygen', ['-y', '-f', files.privateKey], { encoding: 'utf8' }).trim();
    expect(pub.split(' ').slice(0, 2)).toEqual(derived.split(' ').slice(0, 2));
    const [vm] = resources(s.nodes, 'azurerm_linux_virtual_machine') as R[];
    expect(vm.admin_ssh_key).toEqual([{ username: 'core', public_key: pub }]);
    expect((resources(s.nodes, 'azurerm_linux_virtual_machine_scale_set') as R[])[0].admin_ssh_key[0].public_key).toBe(pub);
    const again = await synthCluster(c, root);
    expect(readFileSync(files.publicKey, 'utf8').trim()).toBe(pub);
    expect(again.nodes).toEqual(s.nodes);
  }, 60_000);

  test('no zones (a location without availability zones); a custom image without a plan; apiLoadBalancer always', async () => {
    const s = await synthCluster(testConfig('azure', 'one-master', { phase1: { apiLoadBalancer: 'always' }, cloud: { zones: [], image: 'Canonical:ubuntu-24_04-lts:server:latest' } }));
    const [vm] = resources(s.nodes, 'azurerm_linux_virtual_machine') as R[];
    expect(vm.zone).toBeUndefined();
    expect(vm.plan).toBeUndefined();
    expect(vm.source_image_reference).toEqual({ publisher: 'Canonical', offer: 'ubuntu-24_04-lts', sku: 'server', version: 'latest' });
    expect((resources(s.nodes, 'azurerm_linux_virtual_machine_scale_set') as R[])[0].zones).toBeUndefined();
    expect(counts(s.network).azurerm_subnet).toBe(2);
    expect(counts(s.network).azurerm_lb).toBe(1);
    expect(existsSync(join(s.paths.terraform('network'), 'cdk.tf.json'))).toBe(true);
  }, 60_000);
});
