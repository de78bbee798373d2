// The bootstrap token workers join with (kubeadm format <id>.<secret>). Phase 3 turns it into the
// bootstrap-token-<id> Secret; phase 2 only mints it, once, into pki/bootstrap-token.
import { randomInt } from 'node:crypto';

export const TOKEN_FILE = 'bootstrap-token';
export const TOKEN_PATTERN = /^([a-z0-9]{6})\.([a-z0-9]{16})$/;
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

const randomString = (n: number) => Array.from({ length: n }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');

export function newBootstrapToken(): string {
  return `${randomString(6)}.${randomString(16)}`;
}

export interface BootstrapToken {
  id: string;
  secret: string;
  token: string;
  /** Set once the PKI store has read or minted pki/bootstrap-token-expiration. */
  expires?: Date;
}

export function parseBootstrapToken(text: string): BootstrapToken | undefined {
  const m = TOKEN_PATTERN.exec(text.trim());
  return m ? { id: m[1], secret: m[2], token: m[0] } : undefined;
}

/**
 * When the token stops working: RFC 3339 UTC on one line in pki/bootstrap-token-expiration (not a
 * secret). Phase 3 puts it in the Secret's `expiration`, after which the API server refuses the token
 * and the controller-manager's tokencleaner deletes it.
 */
export const TOKEN_EXPIRATION_FILE = 'bootstrap-token-expiration';
const DAY_MS = 86_400_000;

export const expirationAfter = (validityDays: number, now = Date.now()): Date => new Date(Math.floor((now + validityDays * DAY_MS) / 1000) * 1000);

/** RFC 3339 without fractions (what the bootstrap token authenticator parses: time.RFC3339). */
export const formatExpiration = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

export function parseExpiration(text: string): Date | undefined {
  const t = text.trim();
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(t)) return undefined;
  const d = new Date(t);
  return Number.isNaN(d.getTime()) ? undefined : d;
}
