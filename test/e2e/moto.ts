// The AWS emulator for the e2e tests: moto_server on 127.0.0.1 at a free port, stopped by its PID.
// It is the real moto (TESTBED.md); nothing here imitates AWS.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { execa } from 'execa';
import { packageFile } from '../../lib/paths.js';

export interface Moto {
  endpoint: string;
  pid: number;
  stop: () => Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

export async function startMoto(env: Record<string, string> = {}): Promise<Moto> {
  const port = await freePort();
  const child: ChildProcess = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], {
    stdio: 'ignore',
    env: { ...process.env, ...env },
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`moto_server exited with ${child.exitCode}; is moto installed (pip install 'moto[server]')?`);
    try {
      if ((await fetch(`${endpoint}/moto-api/`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`moto_server did not answer ${endpoint}/moto-api/ within 20 s`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    endpoint,
    pid: child.pid!,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      process.kill(child.pid!, 'SIGTERM');
      await exited;
    },
  };
}

/** test/e2e/aws_inspect.py: boto3 against the emulator. */
export async function awsHelper(endpoint: string, action: string): Promise<string> {
  const r = await execa('python3', [packageFile('test', 'e2e', 'aws_inspect.py'), endpoint, action]);
  return r.stdout.trim();
}

export interface AwsView {
  vpcs: { id: string; cidr: string; tags: Record<string, string> }[];
  subnets: { id: string; vpc: string; cidr: string; zone: string; tags: Record<string, string> }[];
  internet_gateways: { id: string; tags: Record<string, string> }[];
  route_tables: { id: string; vpc: string; main: boolean; tags: Record<string, string>; routes: { cidr?: string; gateway?: string }[] }[];
  security_groups: {
    id: string;
    name: string;
    vpc: string;
    tags: Record<string, string>;
    ingress: { IpProtocol: string; FromPort?: number; ToPort?: number; IpRanges?: { CidrIp: string }[]; UserIdGroupPairs?: { GroupId: string }[] }[];
    egress: unknown[];
  }[];
  instances: {
    id: string;
    type: string;
    image: string;
    privateIp: string;
    subnet: string;
    tags: Record<string, string>;
    metadata: { HttpTokens?: string; HttpPutResponseHopLimit?: number; HttpEndpoint?: string };
    groups: string[];
    profile?: string;
    userData?: string;
  }[];
  launch_templates: { id: string; name: string; tags: Record<string, string>; userData?: string; metadata: { HttpTokens?: string; HttpPutResponseHopLimit?: number }; image: string; tagSpecifications: { ResourceType: string; Tags: { Key: string; Value: string }[] }[] }[];
  autoscaling_groups: { name: string; min: number; max: number; desired: number; instances: string[]; subnets: string; launchTemplate: { LaunchTemplateId?: string }; tags: Record<string, string> }[];
  load_balancers: { name: string; type: string; dns: string; tags: Record<string, string>; listeners: { port: number; protocol: string }[]; zones: string[] }[];
  target_groups: { name: string; port: number; protocol: string; tags: Record<string, string>; targets: string[] }[];
  buckets: { name: string; tags: Record<string, string>; publicAccessBlock: Record<string, boolean>; objects: { key: string; sha512: string; size: number }[] }[];
  iam_roles: { name: string; tags: Record<string, string> }[];
  instance_profiles: { name: string; arn: string; roles: string[] }[];
  addresses: { id: string; tags: Record<string, string> }[];
}

export async function inspectAws(endpoint: string): Promise<AwsView> {
  return JSON.parse(await awsHelper(endpoint, 'inspect')) as AwsView;
}

/** The Terraform provider mirror of this machine (TESTBED.md): the env var, else the image's /opt/tf-plugins, else a search. */
export async function findPluginMirror(): Promise<string> {
  if (process.env.KUBE_ANYWHERE_TF_PLUGIN_MIRROR) return process.env.KUBE_ANYWHERE_TF_PLUGIN_MIRROR;
  const r = await execa('sh', ['-c', "find / -maxdepth 6 -type d -path '*registry.terraform.io/hashicorp/aws' 2>/dev/null | head -1"], { reject: false });
  const hit = r.stdout.trim();
  if (!hit) throw new Error('no Terraform provider mirror with hashicorp/aws found; set KUBE_ANYWHERE_TF_PLUGIN_MIRROR');
  return hit.replace(/\/registry\.terraform\.io\/hashicorp\/aws$/, '');
}
