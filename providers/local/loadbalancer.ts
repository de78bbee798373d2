// The API endpoint of a local cluster with several masters: HAProxy in a network namespace of its
// own on the bridge (as a cloud's network load balancer has an address of its own), reachable from
// the host and from every machine.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { API_BALANCER_CERT } from '../../lib/contracts.js';
import { UserError } from '../../lib/errors.js';
import { writeFileAtomic } from '../../lib/files.js';
import { runningPid, startDaemon, stopDaemon, type Daemon } from './daemons.js';
import type { LocalLayout } from './layout.js';
import { renderLocalTemplate } from './template.js';

export const lbDaemon = (l: LocalLayout): Daemon => ({ pidFile: join(l.dir, 'haproxy.pid'), marker: join(l.dir, 'haproxy.cfg') });

/** The files of /readyz health checks over TLS: the cluster CA, and the balancer's certificate and key in one PEM. */
export interface LbCheckFiles {
  ca: string;
  clientPem: string;
}

export function haproxyConfig(l: LocalLayout, tls?: LbCheckFiles): string {
  const masters = l.machines.filter((m) => m.roles.includes('master')).map((m) => ({ name: m.name, ip: m.ip }));
  return renderLocalTemplate('haproxy.cfg.hbs', { ip: l.loadBalancer!.ip, port: l.api.port, masters, tls: tls ?? false });
}

/**
 * The check files from the cluster's PKI, written beside the HAProxy config (the key 0600 in the
 * cluster's 0700 directory); none before phase 2 has made the certificates. `changed` when a
 * certificate was renewed since: HAProxy reads them only when it starts.
 */
function checkFiles(l: LocalLayout, pki: string): { files?: LbCheckFiles; changed: boolean } {
  const [crt, key, ca] = [`${API_BALANCER_CERT}.crt`, `${API_BALANCER_CERT}.key`, 'ca.crt'].map((f) => join(pki, f));
  if (![crt, key, ca].every(existsSync)) return { changed: false };
  const files = { ca: join(l.dir, 'api-balancer-ca.crt'), clientPem: join(l.dir, 'api-balancer-client.pem') };
  const caChanged = writeFileAtomic(files.ca, readFileSync(ca, 'utf8'), 0o644);
  const pemChanged = writeFileAtomic(files.clientPem, readFileSync(crt, 'utf8') + readFileSync(key, 'utf8'), 0o600);
  return { files, changed: caChanged || pemChanged };
}

/**
 * Starts HAProxy, or restarts it when its config changed. Returns true when something changed.
 * Health checks are TCP until the cluster's PKI exists, /readyz over TLS from then on.
 */
export async function ensureLoadBalancer(l: LocalLayout, logDir: string, pki: string): Promise<boolean> {
  const cfg = join(l.dir, 'haproxy.cfg');
  const checks = checkFiles(l, pki);
  const changed = writeFileAtomic(cfg, haproxyConfig(l, checks.files), 0o644) || checks.changed;
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
