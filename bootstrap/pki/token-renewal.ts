// The workers' bootstrap token is replaced before it expires: `deploy` (and `bootstrap render`) call
// this first, then render phase 2 and 3 as usual, so the new token lands in the worker configs and in
// the cluster's Secret (the old Secret is pruned with the rest of phase 3's ApplySet; nodes that
// already joined hold their own certificates and no longer use any token).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../lib/files.js';
import { expirationAfter, formatExpiration, newBootstrapToken, parseBootstrapToken, parseExpiration, TOKEN_EXPIRATION_FILE, TOKEN_FILE } from './token.js';

/** A token with fewer days left than this is replaced. */
export const RENEW_BEFORE_DAYS = 30;

/**
 * Mints a new token (and expiration) in pkiDir when the current one has fewer than
 * RENEW_BEFORE_DAYS left. Returns what it did for the user, or undefined when nothing was due.
 * A PKI without a token, or with one the PKI store will report as damaged, is left to the store.
 */
export function renewBootstrapTokenIfDue(pkiDir: string, validityDays: number, now = Date.now()): string | undefined {
  const tokenFile = join(pkiDir, TOKEN_FILE);
  const expiryFile = join(pkiDir, TOKEN_EXPIRATION_FILE);
  if (!existsSync(tokenFile) || !existsSync(expiryFile)) return undefined;
  const old = parseBootstrapToken(readFileSync(tokenFile, 'utf8'));
  const expires = parseExpiration(readFileSync(expiryFile, 'utf8'));
  if (!old || !expires) return undefined;
  const daysLeft = (expires.getTime() - now) / 86_400_000;
  if (daysLeft >= RENEW_BEFORE_DAYS) return undefined;
  const fresh = parseBootstrapToken(newBootstrapToken())!;
  const until = expirationAfter(validityDays, now);
  // The token first: an interruption between the two writes leaves the new token with the old,
  // near date, which the next run simply renews again (the other order would give the old token a
  // fresh date and hide that it is about to expire).
  writeFileAtomic(tokenFile, `${fresh.token}\n`, 0o600);
  writeFileAtomic(expiryFile, `${formatExpiration(until)}\n`, 0o644);
  const when = daysLeft < 0 ? `expired on ${formatExpiration(expires)}` : `expires on ${formatExpiration(expires)}, in ${Math.floor(daysLeft)} days`;
  return `the bootstrap token ${old.id} ${when}: minted ${fresh.id}, valid until ${formatExpiration(until)}; the worker configs and the token Secret are rendered again`;
}
