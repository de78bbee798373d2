// The local cluster's network: one bridge on the host (the host's address on it is the machines'
// gateway), and a network namespace per machine joined to the bridge by a veth pair, its address
// set from outside (no DHCP, and networkd inside nspawn never settles). Online, the host
// masquerades the node range so machines reach the internet; offline, nothing leaves the bridge.
import { execa } from 'execa';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { UserError } from '../../lib/errors.js';
import type { LocalLayout } from './layout.js';

async function ip(args: string[], what: string): Promise<void> {
  const r = await execa('ip', args, { reject: false });
  if (r.exitCode !== 0) throw new UserError(`error: ${what}: ip ${args.join(' ')}: ${r.stderr.trim()}`);
}

async function linkExists(name: string, netns?: string): Promise<boolean> {
  const args = netns ? ['-n', netns, 'link', 'show', name] : ['link', 'show', name];
  return (await execa('ip', args, { reject: false })).exitCode === 0;
}

export const netnsExists = (name: string) => existsSync(`/run/netns/${name}`);
export const bridgeExists = (name: string) => linkExists(name);

export async function ensureBridge(l: LocalLayout): Promise<boolean> {
  if (await linkExists(l.bridge)) return false;
  await ip(['link', 'add', l.bridge, 'type', 'bridge'], `creating bridge ${l.bridge}`);
  await ip(['addr', 'add', `${l.hostIP}/${l.prefix}`, 'dev', l.bridge], `addressing bridge ${l.bridge}`);
  await ip(['link', 'set', l.bridge, 'up'], `bringing up bridge ${l.bridge}`);
  return true;
}

/** A namespace with eth0 at `address` on the bridge, default route via the host. Idempotent. */
export async function ensureNetns(l: LocalLayout, netns: string, hostVeth: string, address: string): Promise<boolean> {
  let changed = false;
  if (!netnsExists(netns)) {
    await ip(['netns', 'add', netns], `creating network namespace ${netns}`);
    changed = true;
  }
  if (!(await linkExists('eth0', netns))) {
    if (await linkExists(hostVeth)) await ip(['link', 'del', hostVeth], `removing a stale ${hostVeth}`);
    await ip(['link', 'add', hostVeth, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', netns], `creating the veth pair of ${netns}`);
    await ip(['link', 'set', hostVeth, 'master', l.bridge, 'up'], `attaching ${hostVeth} to ${l.bridge}`);
    await ip(['-n', netns, 'addr', 'add', `${address}/${l.prefix}`, 'dev', 'eth0'], `addressing ${netns}`);
    await ip(['-n', netns, 'link', 'set', 'eth0', 'up'], `bringing up eth0 in ${netns}`);
    await ip(['-n', netns, 'link', 'set', 'lo', 'up'], `bringing up lo in ${netns}`);
    await ip(['-n', netns, 'route', 'add', 'default', 'via', l.hostIP], `routing ${netns} through the host`);
    changed = true;
  }
  return changed;
}

export async function removeNetns(netns: string, hostVeth?: string): Promise<void> {
  if (netnsExists(netns)) await ip(['netns', 'del', netns], `removing network namespace ${netns}`);
  // Deleting the namespace deletes its end of the pair, and with it the host end, but only once the
  // last process in the namespace is gone (a container shim may outlive its machine by a moment):
  // the host end goes now.
  if (hostVeth && (await linkExists(hostVeth))) {
    const r = await execa('ip', ['link', 'del', hostVeth], { reject: false });
    // Gone between the check and the delete: the kernel finished freeing the namespace.
    if (r.exitCode !== 0 && !/Cannot find device/.test(r.stderr)) throw new UserError(`error: removing link ${hostVeth}: ${r.stderr.trim()}`);
  }
}

export async function removeBridge(bridge: string): Promise<void> {
  if (await linkExists(bridge)) await ip(['link', 'del', bridge], `removing bridge ${bridge}`);
}

/** iptables rules of one cluster, each tagged with a comment naming it, so destroy removes exactly these. */
export function natRules(l: LocalLayout, nodeCidr: string): { table: string; chain: string; spec: string[] }[] {
  const tag = ['-m', 'comment', '--comment', `kube-anywhere ${l.cluster}`];
  return [
    { table: 'nat', chain: 'POSTROUTING', spec: ['-s', nodeCidr, '!', '-o', l.bridge, '-j', 'MASQUERADE', ...tag] },
    // Hosts running Docker set the FORWARD policy to DROP: let the machines' traffic through.
    { table: 'filter', chain: 'FORWARD', spec: ['-i', l.bridge, '-j', 'ACCEPT', ...tag] },
    { table: 'filter', chain: 'FORWARD', spec: ['-o', l.bridge, '-j', 'ACCEPT', ...tag] },
  ];
}

export async function ensureRule(r: { table: string; chain: string; spec: string[] }): Promise<boolean> {
  const check = await execa('iptables', ['-w', '-t', r.table, '-C', r.chain, ...r.spec], { reject: false });
  if (check.exitCode === 0) return false;
  const add = await execa('iptables', ['-w', '-t', r.table, '-A', r.chain, ...r.spec], { reject: false });
  if (add.exitCode !== 0) throw new UserError(`error: adding the iptables rule ${r.chain} ${r.spec.join(' ')}: ${add.stderr.trim()}`);
  return true;
}

export async function removeRule(r: { table: string; chain: string; spec: string[] }): Promise<void> {
  for (;;) {
    const del = await execa('iptables', ['-w', '-t', r.table, '-D', r.chain, ...r.spec], { reject: false });
    if (del.exitCode !== 0) return;
  }
}

const IP_FORWARD = '/proc/sys/net/ipv4/ip_forward';
export const ipForwarding = () => readFileSync(IP_FORWARD, 'utf8').trim();
export const setIpForwarding = (v: string) => writeFileSync(IP_FORWARD, `${v}\n`);
