// `kube-anywhere certs status`: every certificate under clusters/<name>/pki with its expiry, and the
// workers' bootstrap token's (its id only: the secret half is never shown).
import { X509Certificate } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadConfig } from '../config-schema/load.js';
import type { CommonOptions } from '../lib/cli.js';
import { EXIT_INVALID, UserError } from '../lib/errors.js';
import { clusterPaths } from '../lib/paths.js';
import { parseBootstrapToken, parseExpiration, TOKEN_EXPIRATION_FILE, TOKEN_FILE } from '../bootstrap/pki/token.js';
import { RENEW_BEFORE_DAYS } from '../bootstrap/pki/token-renewal.js';

/** Certificates closer than this to expiry are flagged. */
const WARN_DAYS = 30;

export interface CertStatus {
  file: string;
  subject: string;
  issuer: string;
  notAfter: string;
  daysLeft: number;
  status: 'ok' | 'expiring' | 'expired';
  names: string[];
}

function crtFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? crtFiles(join(dir, e.name)) : e.name.endsWith('.crt') ? [join(dir, e.name)] : [],
  );
}

const oneLine = (dn: string) => dn.split('\n').join(', ');

export function certStatuses(pkiDir: string, now = Date.now()): CertStatus[] {
  return crtFiles(pkiDir)
    .sort()
    .map((f) => {
      let c: X509Certificate;
      try {
        c = new X509Certificate(readFileSync(f));
      } catch {
        throw new UserError(`error: ${f} is not a PEM certificate`, EXIT_INVALID);
      }
      const end = new Date(c.validTo).getTime();
      const daysLeft = Math.floor((end - now) / 86_400_000);
      return {
        file: relative(pkiDir, f),
        subject: oneLine(c.subject),
        issuer: oneLine(c.issuer),
        notAfter: new Date(end).toISOString(),
        daysLeft,
        status: end <= now ? 'expired' : daysLeft < WARN_DAYS ? 'expiring' : 'ok',
        names: c.subjectAltName ? c.subjectAltName.split(', ') : [],
      };
    });
}

export interface TokenStatus {
  file: string;
  id: string;
  /** Absent for a PKI from before tokens had an expiry (the next render gives it one). */
  notAfter?: string;
  daysLeft?: number;
  status: 'ok' | 'renew' | 'expired' | 'no expiry';
}

/** The bootstrap token's expiry, or undefined when the PKI has no token. */
export function tokenStatus(pkiDir: string, now = Date.now()): TokenStatus | undefined {
  const file = join(pkiDir, TOKEN_FILE);
  if (!existsSync(file)) return undefined;
  const token = parseBootstrapToken(readFileSync(file, 'utf8'));
  if (!token) throw new UserError(`error: ${file} is not a bootstrap token (<6 of [a-z0-9]>.<16 of [a-z0-9]>)`, EXIT_INVALID);
  const expFile = join(pkiDir, TOKEN_EXPIRATION_FILE);
  if (!existsSync(expFile)) return { file: TOKEN_FILE, id: token.id, status: 'no expiry' };
  const exp = parseExpiration(readFileSync(expFile, 'utf8'));
  if (!exp) throw new UserError(`error: ${expFile} is not a time like 2027-01-31T12:00:00Z`, EXIT_INVALID);
  const daysLeft = Math.floor((exp.getTime() - now) / 86_400_000);
  const status = exp.getTime() <= now ? 'expired' : daysLeft < RENEW_BEFORE_DAYS ? 'renew' : 'ok';
  return { file: TOKEN_FILE, id: token.id, notAfter: exp.toISOString(), daysLeft, status };
}

export async function certsStatusCommand(opts: CommonOptions): Promise<number> {
  const { config } = await loadConfig(opts.config);
  const pki = clusterPaths(opts.stateDir, config.name).pki;
  if (!existsSync(pki)) {
    throw new UserError(`error: cluster "${config.name}" has no PKI yet (${pki}); create it with \`kube-anywhere bootstrap render\` or \`kube-anywhere render\``, EXIT_INVALID);
  }
  const rows = certStatuses(pki);
  const token = tokenStatus(pki);
  if (opts.output === 'json') {
    process.stdout.write(JSON.stringify({ cluster: config.name, pki, certificates: rows, bootstrapToken: token ?? null }, null, 2) + '\n');
  } else {
    const w = Math.max(...rows.map((r) => r.file.length), 4);
    process.stdout.write(`${'FILE'.padEnd(w)}  ${'EXPIRES (UTC)'.padEnd(20)}  ${'DAYS'.padStart(5)}  STATUS    SUBJECT\n`);
    for (const r of rows) {
      process.stdout.write(`${r.file.padEnd(w)}  ${r.notAfter.slice(0, 16).replace('T', ' ').padEnd(20)}  ${String(r.daysLeft).padStart(5)}  ${r.status.padEnd(8)}  ${r.subject}\n`);
    }
    if (token) {
      const when = token.notAfter ? token.notAfter.slice(0, 16).replace('T', ' ') : '-';
      const days = token.daysLeft === undefined ? '-' : String(token.daysLeft);
      // renew: `deploy` (or `bootstrap render`) mints the next token when fewer than 30 days remain.
      process.stdout.write(`${token.file.padEnd(w)}  ${when.padEnd(20)}  ${days.padStart(5)}  ${token.status.padEnd(8)}  bootstrap token ${token.id} (workers join with it)\n`);
    }
  }
  return rows.some((r) => r.status === 'expired') || token?.status === 'expired' ? 1 : 0;
}
