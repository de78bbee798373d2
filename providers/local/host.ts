// What the local target needs of this host, checked before anything is made, and the facts about it
// that decide host-specific node settings (cgroup v1, CAP_SYS_RESOURCE).
import { existsSync, readFileSync } from 'node:fs';
import { execa } from 'execa';
import type { ClusterConfig } from '../../config-schema/types.js';
import { cidrsOverlap } from '../../lib/cidr.js';
import { EXIT_INVALID, UserError } from '../../lib/errors.js';
import type { LocalLayout } from './layout.js';

export interface HostFacts {
  /** /sys/fs/cgroup is not a cgroup2 mount: kubelets from 1.35 on refuse such hosts unless told. */
  cgroupV1: boolean;
  /** CAP_SYS_RESOURCE is outside this process's bounding set: runc cannot raise oom_score_adj. */
  lacksSysResource: boolean;
}

const CAP_SYS_RESOURCE = 24n;

export function hostFacts(): HostFacts {
  // Rendering a local config elsewhere (to read the files) needs no facts: nothing will boot there.
  if (process.platform !== 'linux') return { cgroupV1: false, lacksSysResource: false };
  const mounts = readFileSync('/proc/self/mountinfo', 'utf8').split('\n');
  const cgroupRoot = mounts.map((l) => l.split(' - ')).find(([pre]) => pre?.split(' ')[4] === '/sys/fs/cgroup');
  const cgroupV1 = !cgroupRoot || !cgroupRoot[1]?.startsWith('cgroup2 ');
  const capBnd = /^CapBnd:\s*([0-9a-f]+)$/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? '0';
  const lacksSysResource = ((BigInt(`0x${capBnd}`) >> CAP_SYS_RESOURCE) & 1n) === 0n;
  return { cgroupV1, lacksSysResource };
}

/** A program on PATH (or at a fixed path), else undefined. */
export async function which(program: string): Promise<string | undefined> {
  if (program.startsWith('/')) return existsSync(program) ? program : undefined;
  const r = await execa('sh', ['-c', `command -v ${program}`], { reject: false });
  return r.exitCode === 0 ? r.stdout.trim() : undefined;
}

/** Debian's ignition package keeps the binary in the dracut module, off PATH. */
export async function ignitionBinary(): Promise<string | undefined> {
  if (process.env.KUBE_ANYWHERE_IGNITION) return process.env.KUBE_ANYWHERE_IGNITION;
  const onPath = await which('ignition');
  if (onPath) return onPath;
  const r = await execa('dpkg', ['-L', 'ignition'], { reject: false });
  return r.exitCode === 0 ? r.stdout.split('\n').find((l) => l.endsWith('/ignition')) : undefined;
}

interface Need {
  program: string;
  debianPackage: string;
  why: string;
}

function needs(c: ClusterConfig, l: LocalLayout): Need[] {
  const out: Need[] = [
    { program: 'systemd-nspawn', debianPackage: 'systemd-container', why: 'boots each machine' },
    { program: 'debootstrap', debianPackage: 'debootstrap', why: "builds the machines' Debian root (once)" },
    { program: 'ip', debianPackage: 'iproute2', why: 'makes the bridge and network namespaces' },
    { program: 'nsenter', debianPackage: 'util-linux', why: 'runs commands inside a machine' },
  ];
  if (l.loadBalancer) out.push({ program: 'haproxy', debianPackage: 'haproxy', why: 'balances the API over the masters' });
  if (c.phase1.local.offline) {
    out.push({ program: 'docker-registry', debianPackage: 'docker-registry', why: "serves the offline site's images" });
    out.push({ program: 'python3', debianPackage: 'python3', why: "serves the offline site's downloads (http.server)" });
  } else {
    out.push({ program: 'iptables', debianPackage: 'iptables', why: 'lets the machines reach the internet through this host (NAT)' });
  }
  return out;
}

/** Refuses, before anything is made, when this host cannot run a local cluster; says what to do. */
export async function preflight(c: ClusterConfig, l: LocalLayout, configFile: string): Promise<void> {
  if (process.platform !== 'linux') throw new UserError(`error: ${configFile}: phase1.cloudProvider "local" runs machines as systemd-nspawn containers: it needs Linux (this is ${process.platform})`, EXIT_INVALID);
  if (process.getuid?.() !== 0) {
    throw new UserError(
      `error: ${configFile}: phase1.cloudProvider "local" needs root: it creates a bridge, network namespaces and cgroups, and runs systemd-nspawn. Run it as root (sudo -E make deploy). Nothing was changed.`,
      EXIT_INVALID,
    );
  }
  const problems: string[] = [];
  for (const n of needs(c, l)) if (!(await which(n.program))) problems.push(`${n.program} is missing (${n.why}): apt-get install ${n.debianPackage}`);
  if (!(await ignitionBinary())) problems.push('ignition is missing (applies each machine\'s config before its first boot): apt-get install ignition, or set KUBE_ANYWHERE_IGNITION');
  if (!readFileSync('/proc/filesystems', 'utf8').includes('overlay')) problems.push('the kernel has no overlay file system (containerd\'s snapshotter inside the machines needs it): modprobe overlay');
  problems.push(...(await addressClashes(c, l)));
  if (problems.length) throw new UserError(`error: this host cannot run local cluster "${c.name}" yet; nothing was changed:`, EXIT_INVALID, problems);
}

/** network.nodeCidr must be free on this host: no address or route of another interface inside it. */
async function addressClashes(c: ClusterConfig, l: LocalLayout): Promise<string[]> {
  const r = await execa('ip', ['-j', 'route', 'show', 'table', 'all'], { reject: false });
  if (r.exitCode !== 0) return [];
  const routes = JSON.parse(r.stdout || '[]') as { dst?: string; dev?: string; type?: string }[];
  const clashes = routes.filter((x) => x.dev && x.dev !== l.bridge && x.dst && x.dst !== 'default' && /^[0-9.]+(\/\d+)?$/.test(x.dst) && x.type !== 'broadcast')
    .filter((x) => {
      const dst = x.dst!.includes('/') ? x.dst! : `${x.dst}/32`;
      return cidrsOverlap(dst, c.network.nodeCidr) && !x.dst!.startsWith('127.');
    });
  return [...new Set(clashes.map((x) => `network.nodeCidr ${c.network.nodeCidr} overlaps ${x.dst} on this host's interface ${x.dev}: pick a range this host does not use`))];
}
