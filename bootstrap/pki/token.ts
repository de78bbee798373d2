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
}

export function parseBootstrapToken(text: string): BootstrapToken | undefined {
  const m = TOKEN_PATTERN.exec(text.trim());
  return m ? { id: m[1], secret: m[2], token: m[0] } : undefined;
}
