// Address arithmetic on top of cidr-tools / ip-bigint (IPv4 and IPv6 alike).
import { containsCidr, overlapCidr, parseCidr } from 'cidr-tools';
import { parseIp, stringifyIp } from 'ip-bigint';
import { isIP, isIPv4 as isIPv4Address } from 'node:net';

/** An address range written with its network address: 10.0.0.0/16 yes, 10.0.0.5/16 or 10.300.0.0/16 no. */
export function isCidr(value: string): boolean {
  const m = /^([^/]+)\/(\d{1,3})$/.exec(value);
  if (!m) return false;
  const version = isIP(m[1]);
  if (!version || Number(m[2]) > (version === 4 ? 32 : 128)) return false;
  return parseCidr(value).start === parseIp(m[1]).number;
}

export const cidrsOverlap = (a: string, b: string): boolean => overlapCidr(a, b);
export const cidrContains = (cidr: string, ipOrCidr: string): boolean => containsCidr(cidr, ipOrCidr);

/** The n-th address of a range (0 is the network address itself). */
export function nthAddress(cidr: string, n: number): string {
  const p = parseCidr(cidr);
  const addr = p.start + BigInt(n);
  if (addr > p.end) throw new Error(`${cidr} has no address number ${n}`);
  return stringifyIp({ number: addr, version: p.version });
}

/** Number of addresses in a range. */
export function addressCount(cidr: string): bigint {
  const p = parseCidr(cidr);
  return p.end - p.start + 1n;
}

export function prefixLength(cidr: string): number {
  return Number(parseCidr(cidr).prefix);
}

/** How many /mask blocks fit in a range (0 when mask is shorter than the range's own prefix). */
export function blockCount(cidr: string, mask: number): bigint {
  const prefix = prefixLength(cidr);
  if (mask < prefix) return 0n;
  return 1n << BigInt(mask - prefix);
}

/** The i-th /mask block inside a range, as a CIDR string. */
export function subnetBlock(cidr: string, mask: number, i: number): string {
  const p = parseCidr(cidr);
  const bits = p.version === 4 ? 32 : 128;
  const size = 1n << BigInt(bits - mask);
  const start = p.start + size * BigInt(i);
  if (mask < Number(p.prefix) || start + size - 1n > p.end) throw new Error(`${cidr} has no /${mask} block number ${i}`);
  return `${stringifyIp({ number: start, version: p.version })}/${mask}`;
}

export const isIPv4 = (value: string): boolean => isIPv4Address(value);
