// Bare-metal hosts are reached over SSH, as `bootstrap apply` reaches them (phase1.baremetal.ssh;
// the user needs passwordless sudo unless it is root). The script goes base64-encoded on the
// command line (it holds no secrets); its data arrives on stdin.
import type { ClusterConfig } from '../../config-schema/types.js';
import { describeSshTarget, EXIT_SSH, sshRun, type SshTarget } from '../../lib/ssh.js';
import { NodeUnreachableError, type NodeAccess, type NodeRunOptions } from '../common/node-access.js';

export function sshTargets(c: ClusterConfig): Map<string, SshTarget> {
  const bm = c.phase1.baremetal;
  return new Map(
    bm.hosts.map((h) => [h.name, { name: h.name, address: h.ip, user: h.sshUser ?? bm.ssh.user, port: h.sshPort ?? bm.ssh.port, identityFile: bm.ssh.identityFile || undefined }]),
  );
}

/** A command line that runs the script as root: directly when logged in as root, else through `sudo -n`. */
export function asRoot(script: string): string {
  const b64 = Buffer.from(script).toString('base64');
  return `s=$(printf %s ${b64} | base64 -d); if [ "$(id -u)" = 0 ]; then exec sh -c "$s"; else exec sudo -n sh -c "$s"; fi`;
}

export function bareMetalNodeAccess(c: ClusterConfig, env: NodeJS.ProcessEnv = process.env): NodeAccess {
  const targets = sshTargets(c);
  // KUBE_ANYWHERE_SSH_CONFIG: an ssh_config file (-F), as for `bootstrap apply` (a test's known_hosts).
  const sshConfig = env.KUBE_ANYWHERE_SSH_CONFIG || undefined;
  const target = (node: string) => {
    const t = targets.get(node);
    if (!t) throw new Error(`internal: ${node} is not a host of phase1.baremetal.hosts`);
    return t;
  };
  return {
    nodes: [...targets.keys()],
    describe: (node) => describeSshTarget(target(node)),
    async run(node: string, script: string, opts: NodeRunOptions = {}) {
      const t = target(node);
      const r = await sshRun(t, asRoot(script), { input: opts.input, timeoutMs: opts.timeoutMs, sshConfig });
      if ((r as { code?: string }).code === 'ENOENT') throw new NodeUnreachableError(node, describeSshTarget(t), 'the ssh client is not installed');
      if (r.exitCode === EXIT_SSH) throw new NodeUnreachableError(node, describeSshTarget(t), `${r.stderr.trim().split('\n').slice(-2).join(' ')} (check the address, phase1.baremetal.ssh and that the host is up)`);
      if (r.timedOut) throw new NodeUnreachableError(node, describeSshTarget(t), `no answer within ${(opts.timeoutMs ?? 0) / 1000} s`);
      return { exitCode: r.exitCode ?? 1, stdout: r.stdout, stderr: r.stderr };
    },
  };
}
