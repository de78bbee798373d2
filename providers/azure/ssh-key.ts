// Azure requires an SSH key on every Linux VM. When the config names none, kube-anywhere makes one
// for the `core` user, once, into clusters/<name>/pki/ssh/ (0700; private key 0600), and reuses it.
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ensureDir, writeFileAtomic } from '../../lib/files.js';

/** OpenSSH wire format: a uint32 length, then the bytes. */
function sshString(b: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(b.length);
  return Buffer.concat([len, b]);
}
/** A positive multiple-precision integer: a leading zero byte when the high bit is set. */
const mpint = (b: Buffer): Buffer => sshString(b[0] & 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b);

/** `ssh-rsa AAAA... comment` for an RSA public key given as JWK. */
export function opensshRsaPublicKey(jwk: { n?: string; e?: string }, comment: string): string {
  const blob = Buffer.concat([sshString(Buffer.from('ssh-rsa')), mpint(Buffer.from(jwk.e!, 'base64url')), mpint(Buffer.from(jwk.n!, 'base64url'))]);
  return `ssh-rsa ${blob.toString('base64')} ${comment}`;
}

/** The key files, in clusters/<name>/pki/ssh (ignitionDir is clusters/<name>/ignition). */
export function clusterSshKeyFiles(ignitionDir: string): { dir: string; privateKey: string; publicKey: string } {
  const dir = resolve(ignitionDir, '..', 'pki', 'ssh');
  return { dir, privateKey: join(dir, 'core_rsa'), publicKey: join(dir, 'core_rsa.pub') };
}

/** The public key of the cluster's generated key pair, made on first use (RSA 3072: every Azure API version takes it). */
export function ensureClusterSshKey(ignitionDir: string, cluster: string): string {
  const files = clusterSshKeyFiles(ignitionDir);
  if (existsSync(files.privateKey) && existsSync(files.publicKey)) return readFileSync(files.publicKey, 'utf8').trim();
  ensureDir(files.dir, 0o700);
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 3072 });
  const pub = opensshRsaPublicKey(publicKey.export({ format: 'jwk' }), `core@${cluster}`);
  writeFileAtomic(files.privateKey, privateKey.export({ type: 'pkcs1', format: 'pem' }), 0o600);
  writeFileAtomic(files.publicKey, `${pub}\n`, 0o644);
  return pub;
}
