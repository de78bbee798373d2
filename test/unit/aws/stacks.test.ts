// The AWS stacks per topology, read from the synthesized cdk.tf.json: what is created, how many,
// and the properties that matter (static IPs, IMDSv2, tags, the firewall table, user data).
import { gunzipSync } from 'node:zlib';
import { config, count, resources, synthBoth, TOPOLOGIES, type TfJson } from './fixtures.js';

/** The tag the README promises on every resource of a cluster (destroy finds them by it). */
const CLUSTER_TAG = 'kube-anywhere/cluster';

beforeEach(() => {
  delete process.env.KUBE_ANYWHERE_AWS_ENDPOINT;
});

// Static addresses: masters from .10, etcd members from .30 of the zone's control-plane /24, round-robin
// over two zones (AWS reserves the first four and the last address of a subnet: VPC user guide, subnet sizing).
const M1 = ['10.0.0.10'];
const M3 = ['10.0.0.10', '10.0.0.11', '10.0.1.10'];
const expectations = {
  'single node': { instances: 1, lb: false, asg: 0, groups: 2, ips: M1 },
  '1 master + workers': { instances: 1, lb: false, asg: 2, groups: 2, ips: M1 },
  HA: { instances: 3, lb: true, asg: 3, groups: 2, ips: M3 },
  'HA + dedicated etcd': { instances: 6, lb: true, asg: 3, groups: 3, ips: [...M3, '10.0.0.30', '10.0.0.31', '10.0.1.30'] },
} as const;

// The ingress rules of a flannel (vxlan) cluster with the default CIDRs (API from 0.0.0.0/0, no SSH):
// kube-apiserver 6443, etcd 2379/2380, kubelet 10250 (kubernetes.io "Ports and Protocols"), flannel
// VXLAN UDP 8472 (flannel Documentation/backends.md).
const INGRESS: Record<string, [string, number, number, string[] | 'group']> = {
  api: ['tcp', 6443, 6443, ['0.0.0.0/0']],
  'api-nodes': ['tcp', 6443, 6443, ['10.0.0.0/16']],
  'etcd-client': ['tcp', 2379, 2379, 'group'],
  'etcd-peer': ['tcp', 2380, 2380, 'group'],
  kubelet: ['tcp', 10250, 10250, 'group'],
  'flannel-vxlan': ['udp', 8472, 8472, 'group'],
};

describe.each(Object.keys(TOPOLOGIES) as (keyof typeof TOPOLOGIES)[])('%s', (name) => {
  const c = config({ topology: TOPOLOGIES[name] });
  const want = expectations[name];
  const { network, nodes } = synthBoth(c);

  test('network stack: VPC, a control-plane and a worker subnet in each of two zones, internet route', () => {
    expect(count(network, 'aws_vpc')).toBe(1);
    const subnets = resources(network, 'aws_subnet').map(([, s]) => s);
    expect(subnets).toHaveLength(4);
    expect(new Set(subnets.map((s) => s.availability_zone))).toEqual(new Set(['us-east-1a', 'us-east-1b']));
    expect(count(network, 'aws_internet_gateway')).toBe(1);
    const [[, rt]] = resources(network, 'aws_route_table');
    expect(rt.route).toEqual([expect.objectContaining({ cidr_block: '0.0.0.0/0' })]);
    expect(count(network, 'aws_route_table_association')).toBe(4);
  });

  test('API address: a network load balancer on 6443 with more than one master, else an Elastic IP', () => {
    expect(count(network, 'aws_lb')).toBe(want.lb ? 1 : 0);
    expect(count(network, 'aws_eip')).toBe(want.lb ? 0 : 1);
    if (want.lb) {
      const [[, lb]] = resources(network, 'aws_lb');
      expect(lb).toMatchObject({ load_balancer_type: 'network', internal: false, name: 'unit-api' });
      const [[, l]] = resources(network, 'aws_lb_listener');
      expect(l).toMatchObject({ port: 6443, protocol: 'TCP' });
      expect(count(nodes, 'aws_lb_target_group_attachment')).toBe(c.topology.masters);
    } else {
      expect(count(nodes, 'aws_eip_association')).toBe(1);
    }
  });

  test('security groups: one per receiver, rules exactly the shared table', () => {
    expect(count(network, 'aws_security_group')).toBe(want.groups);
    const ingress = resources(network, 'aws_security_group_rule').filter(([, r]) => r.type === 'ingress');
    expect(ingress.map(([, r]) => r.description).sort()).toEqual(Object.keys(INGRESS).sort());
    for (const [, r] of ingress) {
      const [protocol, from, to, sources] = INGRESS[r.description as string];
      expect([r.description, r.protocol, r.from_port, r.to_port]).toEqual([r.description, protocol, from, to]);
      if (sources === 'group') expect(r.self === true || typeof r.source_security_group_id === 'string').toBe(true);
      else expect(r.cidr_blocks).toEqual(sources);
    }
    expect(resources(network, 'aws_security_group_rule').filter(([, r]) => r.type === 'egress')).toHaveLength(want.groups);
  });

  test('private bucket and a node role that may only read the configs', () => {
    const [[, bucket]] = resources(network, 'aws_s3_bucket');
    expect(bucket).toMatchObject({ bucket_prefix: 'unit-ignition-', force_destroy: true });
    const [[, block]] = resources(network, 'aws_s3_bucket_public_access_block');
    expect(block).toMatchObject({ block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
    const [[, policy]] = resources(network, 'aws_iam_role_policy');
    const doc = JSON.parse(policy.policy as string);
    expect(doc.Statement).toEqual([expect.objectContaining({ Effect: 'Allow', Action: ['s3:GetObject'] })]);
    expect(count(network, 'aws_iam_instance_profile')).toBe(1);
  });

  test('masters and etcd members: instances with the planned static IPs, IMDSv2 (hop limit 1), pointer user data', () => {
    const instances = resources(nodes, 'aws_instance');
    expect(instances).toHaveLength(want.instances);
    expect(instances.map(([, i]) => i.private_ip).sort()).toEqual([...want.ips].sort());
    for (const [id, i] of instances) {
      expect(i.metadata_options).toEqual({ http_endpoint: 'enabled', http_tokens: 'required', http_put_response_hop_limit: 1 });
      expect(i.user_data_replace_on_change).toBe(true);
      const raw = Buffer.from(i.user_data_base64 as string, 'base64');
      expect(raw.length).toBeLessThanOrEqual(16 * 1024);
      const pointer = JSON.parse(gunzipSync(raw).toString());
      expect(pointer.ignition.config.replace.source).toMatch(new RegExp(`/ignition/${id}\\.ign$`));
      expect(i.depends_on).toEqual([`aws_s3_object.ignition-${id}`]);
      expect((i.root_block_device as { encrypted: boolean }).encrypted).toBe(true);
    }
    expect(count(nodes, 'aws_s3_object')).toBe(want.instances + (want.asg ? 1 : 0));
  });

  test('workers: a launch template and an autoscaling group (never single instances)', () => {
    expect(count(nodes, 'aws_autoscaling_group')).toBe(want.asg ? 1 : 0);
    expect(count(nodes, 'aws_launch_template')).toBe(want.asg ? 1 : 0);
    if (!want.asg) return;
    const [[, asg]] = resources(nodes, 'aws_autoscaling_group');
    expect(asg).toMatchObject({ min_size: want.asg, max_size: want.asg, desired_capacity: want.asg, name: 'unit-worker' });
    expect(asg.tag).toContainEqual({ key: CLUSTER_TAG, value: 'unit', propagate_at_launch: true });
    const [[, lt]] = resources(nodes, 'aws_launch_template');
    expect(lt.metadata_options).toEqual({ http_endpoint: 'enabled', http_tokens: 'required', http_put_response_hop_limit: 1 });
    const pointer = JSON.parse(gunzipSync(Buffer.from(lt.user_data as string, 'base64')).toString());
    expect(pointer.ignition.config.replace.source).toMatch(/\/ignition\/worker\.ign$/);
  });

  test('every resource is tagged with the cluster (provider default tags), the state is local by default', () => {
    for (const j of [network, nodes] as TfJson[]) {
      expect(j.provider.aws[0].default_tags).toEqual([{ tags: { [CLUSTER_TAG]: 'unit' } }]);
      expect(j.terraform.backend).toEqual({ local: { path: 'terraform.tfstate' } });
      expect(j.terraform.required_providers.aws.version).toBe('5.100.0');
    }
  });
});

test('apiLoadBalancer: "always" gives one master a load balancer; "never" keeps the Elastic IP on the master', () => {
  const always = synthBoth(config({ topology: TOPOLOGIES['single node'], phase1: { cloudProvider: 'aws', apiLoadBalancer: 'always', aws: { image: 'ami-0abc' } } }));
  expect(count(always.network, 'aws_lb')).toBe(1);
  const never = synthBoth(config({ topology: TOPOLOGIES['1 master + workers'], phase1: { cloudProvider: 'aws', apiLoadBalancer: 'never', aws: { image: 'ami-0abc' } } }));
  expect(count(never.network, 'aws_lb')).toBe(0);
  expect(count(never.nodes, 'aws_eip_association')).toBe(1);
});

test('no image set: the newest Flatcar stable AMI is looked up from its publisher; set: used as given', () => {
  const c = config({ phase1: { cloudProvider: 'aws', aws: { image: '' } } });
  const { nodes } = synthBoth(c);
  const ami = Object.values(nodes.data!.aws_ami)[0];
  expect(ami).toMatchObject({ most_recent: true, owners: ['075585003325'] });
  expect(ami.filter).toContainEqual({ name: 'name', values: ['Flatcar-stable-*'] });
  for (const [, i] of resources(nodes, 'aws_instance')) expect(i.ami).toMatch(/^\$\{data\.aws_ami\./);
  const given = synthBoth(config({}));
  expect(given.nodes.data).toBeUndefined();
  for (const [, i] of resources(given.nodes, 'aws_instance')) expect(i.ami).toBe('ami-0abc');
});

describe('endpoints and emulator mode', () => {
  afterEach(() => {
    delete process.env.KUBE_ANYWHERE_AWS_ENDPOINT;
    delete process.env.KUBE_ANYWHERE_EMULATOR;
  });
  const SKIPS = ['skip_credentials_validation', 'skip_metadata_api_check', 'skip_requesting_account_id', 's3_use_path_style'];
  const ha = (aws: Record<string, unknown> = {}) => config({ topology: TOPOLOGIES.HA, phase1: { cloudProvider: 'aws', aws: { image: 'ami-0abc', ...aws } } });

  test('KUBE_ANYWHERE_AWS_ENDPOINT redirects every service; config endpoints win per service', () => {
    process.env.KUBE_ANYWHERE_AWS_ENDPOINT = 'http://127.0.0.1:5000';
    const { network } = synthBoth(ha({ endpoints: { s3: 'http://127.0.0.1:9000' } }));
    expect(network.provider.aws[0].endpoints).toEqual([{ ec2: 'http://127.0.0.1:5000', elb: 'http://127.0.0.1:5000', elbv2: 'http://127.0.0.1:5000', autoscaling: 'http://127.0.0.1:5000', iam: 'http://127.0.0.1:5000', sts: 'http://127.0.0.1:5000', s3: 'http://127.0.0.1:9000' }]);
  });

  test('phase1.aws.endpoints alone (private VPC endpoints) yields the stack real AWS gets: no emulator settings, no ignore_changes', () => {
    const real = synthBoth(ha());
    const endpoints = { ec2: 'https://vpce-1.ec2.us-east-1.vpce.amazonaws.com', s3: 'https://bucket.vpce-2.s3.us-east-1.vpce.amazonaws.com' };
    const priv = synthBoth(ha({ endpoints }));
    const p = priv.network.provider.aws[0];
    expect(p.endpoints).toEqual([endpoints]);
    for (const k of SKIPS) expect([k, p[k]]).toEqual([k, undefined]);
    for (const stack of ['network', 'nodes'] as const) expect(priv[stack].resource).toEqual(real[stack].resource);
    expect(JSON.stringify(priv.nodes.resource)).not.toMatch(/ignore_changes/);
  });

  test('KUBE_ANYWHERE_EMULATOR=moto: only the provider block changes (checks an emulator cannot answer skipped, path-style S3); every resource is the real one', () => {
    const real = synthBoth(ha());
    process.env.KUBE_ANYWHERE_AWS_ENDPOINT = 'http://127.0.0.1:5000';
    process.env.KUBE_ANYWHERE_EMULATOR = 'moto';
    const emu = synthBoth(ha());
    expect(emu.network.provider.aws[0]).toMatchObject({ skip_credentials_validation: true, skip_metadata_api_check: 'true', skip_requesting_account_id: true, s3_use_path_style: true });
    for (const stack of ['network', 'nodes'] as const) expect(emu[stack].resource).toEqual(real[stack].resource);
  });

  test('KUBE_ANYWHERE_EMULATOR: an unknown value, or no endpoint to emulate, is refused with the value and what is accepted', () => {
    process.env.KUBE_ANYWHERE_EMULATOR = 'localstack';
    process.env.KUBE_ANYWHERE_AWS_ENDPOINT = 'http://127.0.0.1:5000';
    expect(() => synthBoth(ha())).toThrow('KUBE_ANYWHERE_EMULATOR="localstack" is not an emulator kube-anywhere knows; accepted: moto (or unset for real AWS)');
    process.env.KUBE_ANYWHERE_EMULATOR = 'moto';
    delete process.env.KUBE_ANYWHERE_AWS_ENDPOINT;
    expect(() => synthBoth(ha())).toThrow(/KUBE_ANYWHERE_EMULATOR=moto but no AWS endpoint is overridden/);
  });

  test('the S3 state backend follows: endpoints alone pass through; emulator mode adds path style and the skipped checks', () => {
    const s3 = { terraform: { backend: 's3', s3: { bucket: 'tf-state' } } };
    const withEndpoint = () => synthBoth(config({ phase1: { cloudProvider: 'aws', aws: { image: 'ami-0abc', endpoints: { s3: 'http://127.0.0.1:5000' } }, ...s3 } }));
    const plain = withEndpoint().network.terraform.backend.s3;
    expect(plain.endpoints).toEqual({ s3: 'http://127.0.0.1:5000' });
    for (const k of ['use_path_style', 'skip_credentials_validation', 'skip_requesting_account_id', 'skip_metadata_api_check']) expect([k, plain[k]]).toEqual([k, undefined]);
    process.env.KUBE_ANYWHERE_EMULATOR = 'moto';
    expect(withEndpoint().network.terraform.backend.s3).toMatchObject({ use_path_style: true, skip_credentials_validation: true, skip_requesting_account_id: true, skip_metadata_api_check: true });
  });
});

test('remote state: s3, gcs and azurerm backends with one key per cluster and stack', () => {
  const s3 = synthBoth(config({ phase1: { cloudProvider: 'aws', aws: { image: 'ami-0abc' }, terraform: { backend: 's3', s3: { bucket: 'tf-state', dynamodbTable: 'locks' } } } }));
  expect(s3.network.terraform.backend.s3).toMatchObject({ bucket: 'tf-state', key: 'kube-anywhere/unit/network.tfstate', region: 'us-east-1', encrypt: true, dynamodb_table: 'locks' });
  expect(s3.nodes.terraform.backend.s3).toMatchObject({ key: 'kube-anywhere/unit/nodes.tfstate' });
  const gcs = synthBoth(config({ phase1: { cloudProvider: 'aws', aws: { image: 'ami-0abc' }, terraform: { backend: 'gcs', gcs: { bucket: 'b' } } } }));
  expect(gcs.network.terraform.backend.gcs).toEqual({ bucket: 'b', prefix: 'kube-anywhere/unit/network' });
  const az = synthBoth(config({ phase1: { cloudProvider: 'aws', aws: { image: 'ami-0abc' }, terraform: { backend: 'azurerm', azurerm: { resourceGroupName: 'rg', storageAccountName: 'sa' } } } }));
  expect(az.nodes.terraform.backend.azurerm).toEqual({ resource_group_name: 'rg', storage_account_name: 'sa', container_name: 'tfstate', key: 'unit/nodes.tfstate' });
});

test('the nodes stack refers to the applied network by its outputs', () => {
  const c = config({ topology: TOPOLOGIES.HA });
  const outputs = {
    vpc_id: 'vpc-1', control_plane_subnet_ids: ['subnet-a', 'subnet-b'], worker_subnet_ids: ['subnet-c', 'subnet-d'],
    security_groups: { nodes: 'sg-n', masters: 'sg-m' }, api_host: 'api.example', api_target_group_arn: 'arn:tg', api_eip_allocation_id: '',
    ignition_bucket: 'bucket-1', instance_profile: 'unit-node',
  };
  const { nodes } = synthBoth(c, outputs);
  const [[, m0]] = resources(nodes, 'aws_instance');
  expect(m0).toMatchObject({ subnet_id: 'subnet-a', vpc_security_group_ids: ['sg-n', 'sg-m'], iam_instance_profile: 'unit-node' });
  const [[, asg]] = resources(nodes, 'aws_autoscaling_group');
  expect(asg.vpc_zone_identifier).toEqual(['subnet-c', 'subnet-d']);
  for (const [, o] of resources(nodes, 'aws_s3_object')) expect(o.bucket).toBe('bucket-1');
  for (const [, a] of resources(nodes, 'aws_lb_target_group_attachment')) expect(a.target_group_arn).toBe('arn:tg');
});

test('the network stack outputs what the nodes stack and phase 2 need', () => {
  const { network } = synthBoth(config({}));
  expect(Object.keys(network.output).sort()).toEqual(
    ['api_eip_allocation_id', 'api_host', 'api_target_group_arn', 'control_plane_subnet_ids', 'ignition_bucket', 'instance_profile', 'security_groups', 'vpc_id', 'worker_subnet_ids'],
  );
});
