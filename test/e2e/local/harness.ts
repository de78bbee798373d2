// A local cluster under test: the real CLI deploys it as a user would (cloudProvider "local",
// offline: everything comes from `make offline-artifacts`), the real kubectl of the same release
// asks it questions, and destroy must leave the host as it was found (hostSnapshot).
import { existsSync, readdirSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';
import { packageFile } from '../../../lib/paths.js';

export const CACHE = process.env.KUBE_ANYWHERE_CACHE || join(homedir(), '.cache', 'kube-anywhere');

/** The default Kubernetes release (the schema's default): the one whose artifacts CI builds. */
export function defaultVersion(): string {
  const schema = JSON.parse(readFileSync(packageFile('config-schema', 'cluster.schema.json'), 'utf8'));
  return schema.properties.kubernetesVersion.default;
}

export function artifacts(version = defaultVersion()): string {
  const dir = join(CACHE, 'offline', `v${version}`);
  if (!existsSync(join(dir, '.complete'))) {
    throw new Error(`the local cluster tests need the offline artifacts of ${version}: run \`make offline-artifacts VERSION=${version}\` (CI does)`);
  }
  if (process.getuid?.() !== 0) throw new Error('the local cluster tests boot systemd-nspawn machines: run them as root');
  return dir;
}

/** What a local cluster may leave on the host: compared before deploy and after destroy. */
export async function hostSnapshot() {
  const sh = async (cmd: string) => (await execa('sh', ['-c', cmd], { reject: false })).stdout.split('\n').filter(Boolean).sort();
  const cgroups = readdirSync('/sys/fs/cgroup').flatMap((c) => {
    const d = join('/sys/fs/cgroup', c);
    try {
      return readdirSync(d, { recursive: true }).map(String).filter((p) => p.includes('kube-anywhere')).map((p) => `${c}/${p}`);
    } catch {
      return [];
    }
  });
  return {
    netns: await sh('ip netns list'),
    links: await sh("ip -o link | awk -F': ' '{print $2}' | cut -d@ -f1"),
    cgroups: cgroups.sort(),
    mounts: await sh("awk '{print $5}' /proc/self/mountinfo"),
    processes: await sh("ps -eo args= | grep -E 'systemd-nspawn|haproxy|docker-registry|http.server|containerd-shim' | grep -v grep"),
    iptables: [...(await sh('iptables-save -t nat')), ...(await sh('iptables-save -t filter'))].filter((l) => l.includes('kube-anywhere')),
  };
}

export type HostSnapshot = Awaited<ReturnType<typeof hostSnapshot>>;

/**
 * The life of a test file's cluster: the host is recorded, the cluster configured and deployed before
 * the file's tests; after them, whatever a failed test left running is destroyed. The last test of
 * each file is `destroyLeavesHostClean`.
 */
export function deployAroundTests(c: LocalCluster): { before: () => HostSnapshot } {
  let before: HostSnapshot | undefined;
  beforeAll(async () => {
    before = await hostSnapshot();
    await c.configure();
    const r = await c.cli(['deploy', '--yes', '--timeout', '600']);
    if (r.exitCode !== 0) throw new Error(`deploy failed (exit ${r.exitCode}):\n${r.all}`);
  });
  afterAll(async () => {
    await c.cli(['destroy', '--yes', '--purge']);
  });
  return {
    before: () => {
      if (!before) throw new Error('the host was not recorded before deploy');
      return before;
    },
  };
}

/** The last test of a cluster's file: destroy exits 0 and the host is as it was before deploy. */
export function destroyLeavesHostClean(c: LocalCluster, life: { before: () => HostSnapshot }): void {
  test('destroy leaves the host as it was found', async () => {
    const r = await c.cli(['destroy', '--yes', '--purge']);
    expect(r.exitCode).toBe(0);
    expect(await hostSnapshot()).toEqual(life.before());
  });
}

export interface Timed<T> {
  value: T;
  seconds: number;
}

export class LocalCluster {
  readonly dir = mkdtempSync(join(tmpdir(), 'ka-local-'));
  readonly kubectlBin: string;
  constructor(
    readonly name: string,
    readonly sets: string[],
  ) {
    this.kubectlBin = join(artifacts(), 'bin', 'kubectl');
  }

  get kubeconfig(): string {
    return join(this.dir, 'clusters', this.name, 'kubeconfig');
  }

  env(): Record<string, string> {
    return { ...(process.env as Record<string, string>), KUBE_ANYWHERE_KUBECTL: this.kubectlBin, KUBECONFIG: this.kubeconfig };
  }

  cli(args: string[], timeoutMs = 15 * 60_000) {
    return execa('node', [packageFile('dist', 'bin', 'kube-anywhere.js'), ...args, '--config', 'cluster.json'], {
      cwd: this.dir, env: this.env(), reject: false, stdin: 'ignore', timeout: timeoutMs, all: true,
    });
  }

  async configure(extra: string[] = []) {
    const sets = [`name=${this.name}`, 'phase1.cloudProvider=local', 'phase1.local.offline=true', ...this.sets, ...extra].flatMap((s) => ['--set', s]);
    const r = await this.cli(['config', '--defaults', ...sets]);
    if (r.exitCode !== 0) throw new Error(`config failed:\n${r.all}`);
  }

  /** Changes settings of the cluster's config file (as a user edits it). */
  edit(change: (c: Record<string, any>) => void): void {
    const file = join(this.dir, 'cluster.json');
    const c = JSON.parse(readFileSync(file, 'utf8'));
    change(c);
    writeFileSync(file, JSON.stringify(c, null, 2));
  }

  kubectl(args: string[], opts: { input?: string; timeoutMs?: number } = {}) {
    return execa(this.kubectlBin, args, { env: this.env(), reject: false, input: opts.input, timeout: opts.timeoutMs ?? 120_000, all: true });
  }

  async json<T = any>(args: string[]): Promise<T> {
    const r = await this.kubectl([...args, '-o', 'json']);
    if (r.exitCode !== 0) throw new Error(`kubectl ${args.join(' ')}: ${r.all}`);
    return JSON.parse(r.stdout) as T;
  }

  /** Polls until check returns a value (not undefined), or fails with the last observation. */
  async until<T>(what: string, check: () => Promise<T | undefined>, timeoutMs: number): Promise<Timed<T>> {
    const start = Date.now();
    let last: unknown;
    while (Date.now() - start < timeoutMs) {
      try {
        const v = await check();
        if (v !== undefined) return { value: v, seconds: (Date.now() - start) / 1000 };
      } catch (e) {
        last = e instanceof Error ? e.message : e;
      }
      await sleep(1000);
    }
    throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}${last ? `: ${last}` : ''}`);
  }

  async readyNodes(): Promise<string[]> {
    const nodes = await this.json<{ items: any[] }>(['get', 'nodes']);
    return nodes.items
      .filter((n) => n.status.conditions.some((c: any) => c.type === 'Ready' && c.status === 'True'))
      .map((n) => n.metadata.name)
      .sort();
  }

  /** A pod from a manifest, waited for until it has run to completion or is Running. */
  async runPod(manifest: object, phase: 'Running' | 'Succeeded', timeoutMs = 120_000): Promise<any> {
    const r = await this.kubectl(['apply', '-f', '-'], { input: JSON.stringify(manifest) });
    if (r.exitCode !== 0) throw new Error(r.all);
    const name = (manifest as any).metadata.name;
    const ns = (manifest as any).metadata.namespace ?? 'default';
    return (await this.until(`pod ${name} ${phase}`, async () => {
      const p = await this.json(['get', 'pod', '-n', ns, name]);
      if (p.status.phase === 'Failed') throw new Error(`pod ${name} failed`);
      return p.status.phase === phase ? p : undefined;
    }, timeoutMs)).value;
  }
}

/** A pod running busybox (the offline site's test image) with the given shell command. */
export function busyboxPod(name: string, command: string, opts: { node?: string; labels?: Record<string, string>; restart?: 'Never' | 'Always'; port?: number } = {}) {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels: opts.labels ?? { app: name } },
    spec: {
      nodeName: opts.node,
      restartPolicy: opts.restart ?? 'Never',
      tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }],
      containers: [{
        name: 'main',
        image: busyboxImage(),
        command: ['sh', '-c', command],
        ...(opts.port ? { ports: [{ containerPort: opts.port }] } : {}),
      }],
      terminationGracePeriodSeconds: 1,
    },
  };
}

/** The test image `make offline-artifacts` pushes (its tag is Debian's busybox version). */
export function busyboxImage(): string {
  const images = JSON.parse(readFileSync(join(artifacts(), 'test-images.json'), 'utf8')) as { busybox: string };
  return images.busybox;
}
