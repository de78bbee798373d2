// The API endpoint of a local cluster with several masters: HAProxy in a network namespace of its
// own on the bridge (as a cloud's network load balancer has an address of its own), reachable from
// the host and from every machine.
import { join } from 'node:path';
import { execa } from 'execa';
import { UserError } from '../../lib/errors.js';
import { writeFileAtomic } from '../../lib/files.js';
import { runningPid, startDaemon, stopDaemon, type Daemon } from './daemons.js';
import type { LocalLayout } from './layout.js';
import { renderLocalTemplate } from './template.js';

export const lbDaemon = (l: LocalLayout): Daemon => ({ pidFile: join(l.dir, 'haproxy.pid'), marker: join(l.dir, 'haproxy.cfg') });

export function haproxyConfig(l: LocalLayout): string {
  const masters = l.machines.filter((m) => m.roles.includes('master')).map((m) => ({ name: m.name, ip: m.ip }));
  return renderLocalTemplate('haproxy.cfg.hbs', { ip: l.loadBalancer!.ip, port: l.api.port, masters });
}

/** Starts HAProxy, or restarts it when its config changed. Returns true when something changed. */
export async function ensureLoadBalancer(l: LocalLayout, logDir: string): Promise<boolean> {
  const cfg = join(l.dir, 'haproxy.cfg');
  const changed = writeFileAtomic(cfg, haproxyConfig(l), 0o644);
  const check = await execa('haproxy', ['-c', '-q', '-f', cfg], { reject: false });
  if (check.exitCode !== 0) throw new Error(`internal: the rendered ${cfg} is not a valid HAProxy config: ${check.stderr.trim()}`);
  const d = lbDaemon(l);
  if (runningPid(d) && !changed) return false;
  if (runningPid(d)) await stopDaemon(d);
  startDaemon(d, ['ip', 'netns', 'exec', l.loadBalancer!.netns, 'haproxy', '-db', '-f', cfg], join(logDir, 'haproxy.log'));
  await new Promise((r) => setTimeout(r, 300));
  if (!runningPid(d)) throw new UserError(`error: HAProxy (the API load balancer) exited at once; see ${join(logDir, 'haproxy.log')}`);
  return true;
}
