// A locked-down API: phase1.<cloud>.allowedCidrs.api names one administrator address. Through the
// real CLI (`kube-anywhere render`), on every cloud and on bare metal: the config renders with no
// warning, the public endpoint appears in the admin kubeconfig only, and no kubeconfig or kubelet
// setting of a node that is not a master names it (they use https://127.0.0.1:6443).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { runCli, tempDir } from '../../helpers/cli.js';
import { checkConfig } from '../../../config-schema/load.js';
import { firewallRules } from '../../../providers/common/firewall.js';

const ADMIN_NET = '203.0.113.7/32';
const TOPOLOGY = { masters: 3, etcd: { placement: 'dedicated', count: 3 }, workers: 2 };
const METAL_HOSTS = [
  ...[0, 1, 2].map((i) => ({ name: `m${i}`, ip: `10.0.0.1${i}`, roles: ['master', 'etcd'] })),
  ...[0, 1].map((i) => ({ name: `w${i}`, ip: `10.0.0.2${i}`, roles: ['worker'] })),
];
const CONFIGS: Record<string, Record<string, unknown>> = {
  aws: { phase1: { cloudProvider: 'aws', aws: { region: 'eu-west-1', allowedCidrs: { api: [ADMIN_NET] } } }, topology: TOPOLOGY },
  gcp: { phase1: { cloudProvider: 'gcp', gcp: { project: 'kube-locked', region: 'us-central1', allowedCidrs: { api: [ADMIN_NET] } } }, topology: TOPOLOGY },
  azure: { phase1: { cloudProvider: 'azure', azure: { subscriptionId: '00000000-0000-0000-0000-000000000000', location: 'eastus', allowedCidrs: { api: [ADMIN_NET] } } }, topology: TOPOLOGY },
  // Three masters and no apiEndpoint: the admin kubeconfig names the first master.
  baremetal: { phase1: { cloudProvider: 'baremetal', baremetal: { hosts: METAL_HOSTS } }, topology: { masters: 3, etcd: { count: 3 }, workers: 2 } },
};

type IgnFile = { path: string; contents: { source: string } };
const decode = (source: string) => Buffer.from(source.slice(source.indexOf(',') + 1), 'base64').toString('utf8');

describe.each(Object.keys(CONFIGS))('%s with the API open to one address', (cloud) => {
  let dir: string;
  let stderr: string;
  let exitCode: number | undefined;
  let validate: { exitCode?: number; all: string };

  beforeAll(async () => {
    dir = tempDir(`ka-locked-${cloud}-`);
    writeFileSync(join(dir, '.config.json'), JSON.stringify({ name: 'locked', ...CONFIGS[cloud] }));
    const r = await runCli(['render'], { cwd: dir, env: { ...process.env, HOME: tempDir('ka-home-') } });
    stderr = String(r.stderr);
    exitCode = r.exitCode;
    const v = await runCli(['validate'], { cwd: dir, all: true });
    validate = { exitCode: v.exitCode, all: String(v.all) };
  }, 120_000);

  // kube-anywhere prints its warnings as "warning: <file>: <path>: ..." (lib/errors.ts); Node 24 adds a
  // DeprecationWarning of a dependency (util.isArray), which is not ours.
  test('renders with no warning', () => {
    expect([exitCode, stderr]).toEqual([0, expect.not.stringMatching(/^warning: /m)]);
    expect([validate.exitCode, validate.all]).toEqual([0, expect.not.stringMatching(/^warning: /m)]);
  });

  test('no config of a node that is not a master names the public endpoint; their kubeconfigs name the node-local API', () => {
    const admin = parse(readFileSync(join(dir, 'clusters/locked/kubeconfig'), 'utf8'));
    const publicHost = new URL(admin.clusters[0].cluster.server).hostname;
    expect(publicHost).not.toBe('127.0.0.1');
    if (cloud === 'baremetal') expect(publicHost).toBe('10.0.0.10');
    const ignDir = join(dir, 'clusters/locked/ignition');
    const nonMasters = readdirSync(ignDir).filter((f) => f.endsWith('.ign') && !f.endsWith('.pointer.ign') && !/master|^m\d/.test(f));
    expect(nonMasters.length).toBeGreaterThan(0);
    let kubeconfigs = 0;
    for (const f of nonMasters) {
      const files = (JSON.parse(readFileSync(join(ignDir, f), 'utf8')).storage.files ?? []) as IgnFile[];
      for (const file of files) {
        const text = decode(file.contents.source);
        // Bare metal without an endpoint: the admin's "endpoint" is master m0, which the balancer balances over.
        if (cloud === 'baremetal' && file.path === '/etc/kubernetes/api-balancer/haproxy.cfg') {
          expect(text).toContain('    server m0 10.0.0.10:6443\n    server m1 10.0.0.11:6443\n    server m2 10.0.0.12:6443\n');
          continue;
        }
        expect([f, file.path, text.includes(publicHost)]).toEqual([f, file.path, false]);
        if (file.path.endsWith('.conf') && text.includes('kind: Config')) {
          kubeconfigs++;
          expect([f, file.path, parse(text).clusters[0].cluster.server]).toEqual([f, file.path, 'https://127.0.0.1:6443']);
        }
      }
    }
    // every worker config carries the bootstrap kubeconfig (dedicated etcd members have none)
    expect(kubeconfigs).toBe(cloud === 'baremetal' ? 2 : 1);
  });

  test('the addons (kube-proxy, the CNI) do not name it either', () => {
    const publicHost = new URL(parse(readFileSync(join(dir, 'clusters/locked/kubeconfig'), 'utf8')).clusters[0].cluster.server).hostname;
    const addons = join(dir, 'clusters/locked/addons');
    for (const f of readdirSync(addons)) expect([f, readFileSync(join(addons, f), 'utf8').includes(publicHost)]).toEqual([f, false]);
  });

  if (cloud !== 'baremetal') {
    test("the firewall table's API rules: the administrator's address, and the node network for the internal path; nothing wider", () => {
      const { config } = checkConfig('c.json', { name: 'locked', ...CONFIGS[cloud] });
      const c = config.phase1[cloud as 'aws'];
      const api = firewallRules(config, c.allowedCidrs).filter((r) => r.ports?.[0] === 6443);
      expect(api.map((r) => [r.name, r.from, r.to, r.cidrs])).toEqual([
        ['api', 'apiClients', 'masters', ['203.0.113.7/32']],
        ['api-nodes', 'nodeNetwork', 'masters', ['10.0.0.0/16']],
      ]);
    });
  }
});
