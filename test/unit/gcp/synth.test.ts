// GCP stacks as synthesized for every topology, from the real phase 2 output (no emulator exists
// for GCP: these tests read the cdk.tf.json terraform would apply).
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gcpSettings } from '../../../providers/gcp/settings.js';
import { counts, ignitionValidate, resources, STATIC_NODES, synthCluster, synthNodesWithPointerSize, testConfig, topologyOf, topologyShape, TOPOLOGIES, type Synthesized } from '../clouds/fixtures.js';

type R = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Flatcar's Compute Engine images: project kinvolk-public, family flatcar-stable (flatcar.org/docs, "Running Flatcar on Google Compute Engine"). */
const FLATCAR_IMAGE = 'projects/kinvolk-public/global/images/family/flatcar-stable';
/** A metadata value may be at most 262144 bytes (256 KiB): Compute Engine API reference, Metadata.items[].value. */
const METADATA_VALUE_LIMIT = 262144;
/**
 * Where Google's health checkers probe from: 35.191.0.0/16, 209.85.152.0/22 and 209.85.204.0/22 for
 * external passthrough network load balancers, 130.211.0.0/22 for the others
 * (cloud.google.com/load-balancing/docs/health-check-concepts#ip-ranges).
 */
const GCP_HEALTH_CHECK_RANGES = ['35.191.0.0/16', '130.211.0.0/22', '209.85.152.0/22', '209.85.204.0/22'];

describe.each(TOPOLOGIES)('GCP, %s', (topology) => {
  let s: Synthesized;
  beforeAll(async () => {
    s = await synthCluster(testConfig('gcp', topology));
  }, 60_000);

  const shape = () => topologyShape(s.config);

  test('resource counts of both stacks', () => {
    const { masters, etcd, workers, lb, zones } = shape();
    expect(counts(s.network)).toEqual({
      google_compute_network: 1,
      google_compute_subnetwork: zones + 1,
      // api, api-nodes, etcd-client, etcd-peer, kubelet, ssh, flannel-vxlan (the rows are checked in clouds/firewall.test.ts)
      google_compute_firewall: 7,
      google_service_account: 1,
      google_storage_bucket: 1,
      google_storage_bucket_iam_member: 1,
      google_compute_address: masters + etcd + 1,
      ...(lb ? { google_compute_region_health_check: 1, google_compute_instance_group: zones, google_compute_region_backend_service: 1, google_compute_forwarding_rule: 1 } : {}),
    });
    expect(counts(s.nodes)).toEqual({
      google_storage_bucket_object: masters + etcd + (workers ? 1 : 0),
      google_compute_instance: masters + etcd,
      ...(lb ? { google_compute_instance_group_membership: masters } : {}),
      ...(workers ? { google_compute_instance_template: 1, google_compute_region_instance_group_manager: 1 } : {}),
    });
    expect(Object.keys(s.nodes.data ?? {})).toEqual(lb ? [] : ['google_compute_address']);
    expect(Object.keys(s.network.output ?? {}).sort()).toEqual(['api_host', 'ignition_base_url']);
  });

  test('masters and etcd members: the planned static IP, reserved in their zone\'s control-plane subnetwork', () => {
    const instances = s.nodes.resource.google_compute_instance as Record<string, R>;
    const reserved = resources(s.network, 'google_compute_address').filter((a: R) => a.address_type === 'INTERNAL') as R[];
    expect(Object.keys(instances).sort()).toEqual(STATIC_NODES[topologyOf(s.config)].map((n) => n.name).sort());
    for (const n of STATIC_NODES[topologyOf(s.config)]) {
      const vm = instances[n.name];
      expect(vm.zone).toBe(['europe-west1-b', 'europe-west1-c'][n.zone]);
      expect(vm.network_interface[0].network_ip).toBe(n.ip);
      expect(vm.network_interface[0].subnetwork).toBe(`projects/kube-test-project/regions/europe-west1/subnetworks/demo-cp-${n.zone}`);
      expect(reserved.find((a) => a.name === `${n.name}-ip`)).toMatchObject({ address: n.ip, subnetwork: `\${google_compute_subnetwork.subnet-cp-${n.zone}.id}` });
      expect(vm.machine_type).toBe(n.role === 'master' ? 'e2-standard-2' : 'e2-small');
      expect(vm.tags).toContain(`demo-${n.role}`);
      expect(vm.boot_disk.initialize_params.image).toBe(FLATCAR_IMAGE);
      expect(vm.depends_on.length).toBe(Object.keys(s.nodes.resource.google_storage_bucket_object).length);
    }
    const subnets = resources(s.network, 'google_compute_subnetwork') as R[];
    expect(subnets.map((x) => x.ip_cidr_range)).toEqual(['10.0.0.0/24', '10.0.1.0/24', '10.0.128.0/18']);
  });

  test('user-data of every machine: a pointer config ignition-validate accepts, naming the uploaded file by URL and sha512', () => {
    const bucket = gcpSettings(s.config).names.bucket;
    const holders: [string, R][] = [
      ...Object.entries(s.nodes.resource.google_compute_instance as Record<string, R>).map(([id, vm]): [string, R] => [id, vm.metadata]),
      ...Object.values((s.nodes.resource.google_compute_instance_template ?? {}) as Record<string, R>).map((t): [string, R] => ['worker', t.metadata]),
    ];
    expect(holders.length).toBe(s.bundles.length);
    for (const [id, metadata] of holders) {
      const userData = metadata['user-data'] as string;
      expect(Buffer.byteLength(userData)).toBeLessThanOrEqual(METADATA_VALUE_LIMIT);
      expect(ignitionValidate(userData)).toBe('');
      const pointer = JSON.parse(userData);
      expect(pointer.ignition.config.replace.source).toBe(`gs://${bucket}/${id}.ign`);
      const full = readFileSync(join(s.paths.ignition, `${id}.ign`));
      expect(pointer.ignition.config.replace.verification.hash).toBe(`sha512-${createHash('sha512').update(full).digest('hex')}`);
      expect(metadata['block-project-ssh-keys']).toBe('true');
    }
  });

  test('full configs: uploaded from the files phase 2 wrote; none of their content is in cdk.tf.json', () => {
    const objects = resources(s.nodes, 'google_storage_bucket_object') as R[];
    for (const o of objects) {
      expect(o.bucket).toBe(gcpSettings(s.config).names.bucket);
      expect(o.source).toBe(`../../ignition/${o.name}`);
      expect(statSync(join(s.paths.terraform('nodes'), o.source)).isFile()).toBe(true);
    }
    const text = JSON.stringify([s.network, s.nodes]);
    expect(text).not.toMatch(/PRIVATE KEY/);
    for (const b of s.bundles) {
      for (const f of (b.full.storage as { files?: { contents?: { source?: string } }[] } | undefined)?.files ?? []) {
        if (f.contents?.source && f.contents.source.length > 40) expect(text).not.toContain(f.contents.source);
      }
    }
  });

  test('the bucket is private and only the nodes\' service account reads it', () => {
    const [bucket] = resources(s.network, 'google_storage_bucket') as R[];
    expect(bucket).toMatchObject({ public_access_prevention: 'enforced', uniform_bucket_level_access: true });
    const [sa] = resources(s.network, 'google_service_account') as R[];
    const [member] = resources(s.network, 'google_storage_bucket_iam_member') as R[];
    expect(member).toMatchObject({ role: 'roles/storage.objectViewer', member: 'serviceAccount:${google_service_account.node-identity.email}' });
    for (const vm of resources(s.nodes, 'google_compute_instance') as R[]) {
      expect(vm.service_account.email).toBe(`${sa.account_id}@kube-test-project.iam.gserviceaccount.com`);
    }
  });

  test('API endpoint: a TCP load balancer on 6443 in front of the masters when masters > 1, else the reserved address on the master', () => {
    const { masters, lb } = shape();
    const [external] = (resources(s.network, 'google_compute_address') as R[]).filter((a) => a.address_type === 'EXTERNAL');
    expect(external.name).toBe('demo-api');
    expect(s.network.output!.api_host.value).toBe('${google_compute_address.api-address.address}');
    if (lb) {
      const [rule] = resources(s.network, 'google_compute_forwarding_rule') as R[];
      expect(rule).toMatchObject({ ip_address: '${google_compute_address.api-address.address}', ip_protocol: 'TCP', port_range: '6443', load_balancing_scheme: 'EXTERNAL' });
      const [backend] = resources(s.network, 'google_compute_region_backend_service') as R[];
      expect(backend).toMatchObject({ protocol: 'TCP', load_balancing_scheme: 'EXTERNAL' });
      expect(backend.backend).toHaveLength(2);
      expect((resources(s.network, 'google_compute_region_health_check') as R[])[0].tcp_health_check).toEqual({ port: 6443 });
      const memberships = resources(s.nodes, 'google_compute_instance_group_membership') as R[];
      expect(memberships.map((m) => m.instance_group).sort()).toEqual(['demo-masters-0', 'demo-masters-0', 'demo-masters-1']);
      expect(memberships).toHaveLength(masters);
      for (const m of memberships) expect(m.lifecycle.replace_triggered_by).toEqual([m.instance.replace('.self_link}', '}')]);
      // Google's health checkers may reach the API port.
      const apiNodes = (resources(s.network, 'google_compute_firewall') as R[]).find((f) => f.name === 'demo-api-nodes')!;
      expect([...apiNodes.source_ranges].sort()).toEqual(['10.0.0.0/16', ...GCP_HEALTH_CHECK_RANGES].sort());
    } else {
      const vm = (s.nodes.resource.google_compute_instance as Record<string, R>)['demo-master-0'];
      expect(vm.network_interface[0].access_config).toEqual([{ nat_ip: '${data.google_compute_address.api-address.address}' }]);
      expect(s.nodes.data!.google_compute_address['api-address']).toMatchObject({ name: 'demo-api', region: 'europe-west1' });
    }
  });

  test('firewall: role rules select machines by network tag; colocated etcd members are the masters', () => {
    const fw = Object.fromEntries((resources(s.network, 'google_compute_firewall') as R[]).map((f) => [f.name, f]));
    const dedicated = s.config.topology.etcd.placement === 'dedicated';
    expect(fw['demo-etcd-client']).toMatchObject({ source_tags: ['demo-master'], target_tags: ['demo-etcd'], allow: [{ protocol: 'tcp', ports: ['2379'] }] });
    expect(fw['demo-etcd-peer']).toMatchObject({ source_tags: ['demo-etcd'], target_tags: ['demo-etcd'] });
    expect(fw['demo-kubelet']).toMatchObject({ source_tags: ['demo-master'], target_tags: ['demo-node'] });
    expect(fw['demo-ssh']).toMatchObject({ source_ranges: ['192.0.2.0/24'], target_tags: ['demo-node'] });
    const instances = s.nodes.resource.google_compute_instance as Record<string, R>;
    expect(instances['demo-master-0'].tags.includes('demo-etcd')).toBe(!dedicated);
    if (dedicated) expect(instances['demo-etcd-0'].tags).toEqual(['demo-node', 'demo-etcd']);
  });

  test('workers: one instance template and one regional managed group, never single instances', () => {
    const { workers } = shape();
    if (!workers) return expect(s.nodes.resource.google_compute_instance_template).toBeUndefined();
    const [tpl] = resources(s.nodes, 'google_compute_instance_template') as R[];
    expect(tpl).toMatchObject({ name_prefix: 'demo-worker-', machine_type: 'e2-standard-2', tags: ['demo-node', 'demo-worker'], lifecycle: { create_before_destroy: true } });
    expect(tpl.disk[0].source_image).toBe(FLATCAR_IMAGE);
    const [group] = resources(s.nodes, 'google_compute_region_instance_group_manager') as R[];
    expect(group).toMatchObject({ target_size: workers, region: 'europe-west1', distribution_policy_zones: ['europe-west1-b', 'europe-west1-c'] });
    expect(group.version[0].instance_template).toBe('${google_compute_instance_template.worker-template.self_link_unique}');
  });

  test('every resource that takes labels carries the cluster name', () => {
    for (const j of [s.network, s.nodes]) {
      for (const [type, rs] of Object.entries(j.resource)) {
        for (const r of Object.values(rs) as R[]) if ('labels' in r) expect([type, r.labels['kube-anywhere-cluster']]).toEqual([type, 'demo']);
      }
    }
    for (const type of ['google_compute_instance', 'google_compute_instance_template', 'google_storage_bucket', 'google_compute_address']) {
      for (const r of [...resources(s.network, type), ...resources(s.nodes, type)] as R[]) expect(r.labels).toBeDefined();
    }
  });
});

describe('GCP options', () => {
  test('user-data: a pointer of exactly 262144 bytes is accepted, one byte more is refused, naming the machine and the limit', async () => {
    const s = await synthCluster(testConfig('gcp', 'single'));
    expect(synthNodesWithPointerSize(s, METADATA_VALUE_LIMIT)).not.toThrow();
    expect(synthNodesWithPointerSize(s, METADATA_VALUE_LIMIT + 1)).toThrow(/demo-master-0 is 262145 bytes; a GCP metadata value holds at most 262144/);
  }, 60_000);

  test('apiLoadBalancer "always" puts a load balancer in front of a single master; one zone gives a zonal worker group', async () => {
    const s = await synthCluster(testConfig('gcp', 'one-master', { phase1: { apiLoadBalancer: 'always' }, cloud: { zones: ['europe-west1-d'] } }));
    expect(counts(s.network).google_compute_forwarding_rule).toBe(1);
    expect(counts(s.network).google_compute_instance_group).toBe(1);
    expect(counts(s.nodes).google_compute_instance_group_membership).toBe(1);
    expect(resources(s.nodes, 'google_compute_instance_group_manager')[0]).toMatchObject({ zone: 'europe-west1-d', target_size: 3 });
    expect(s.nodes.resource.google_compute_region_instance_group_manager).toBeUndefined();
  }, 60_000);

  test('an image and an SSH key from the config', async () => {
    const key = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEZJTz5yTEV2y0zxR3hL4U6F0kQpQ4QzJ3s7r5L2y1aB me@example';
    const s = await synthCluster(testConfig('gcp', 'single', { cloud: { image: 'projects/my-proj/global/images/my-flatcar', sshPublicKey: key } }));
    const [vm] = resources(s.nodes, 'google_compute_instance') as R[];
    expect(vm.boot_disk.initialize_params.image).toBe('projects/my-proj/global/images/my-flatcar');
    expect(vm.metadata['ssh-keys']).toBe(`core:${key}`);
  }, 60_000);

  test('a second render with the same config rewrites nothing', async () => {
    const c = testConfig('gcp', 'ha');
    const first = await synthCluster(c);
    const files = ['network', 'nodes'].map((st) => join(first.paths.terraform(st), 'cdk.tf.json'));
    const before = files.map((f) => [readFileSync(f, 'utf8'), statSync(f).mtimeMs]);
    await synthCluster(c, join(first.paths.root, '..'));
    expect(files.map((f) => [readFileSync(f, 'utf8'), statSync(f).mtimeMs])).toEqual(before);
  }, 60_000);
});
