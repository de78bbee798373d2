// The cluster's PKI on disk (clusters/<name>/pki): created once, then reused. A re-run never re-keys.
// Reading checks everything BEFORE anything is written, so a damaged directory is reported (naming
// the file) and left exactly as it was.
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { ClusterConfig } from '../../config-schema/types.js';
import { EXIT_INVALID, UserError } from '../../lib/errors.js';
import { ensureDir, writeFileAtomic } from '../../lib/files.js';
import type { Inventory } from '../../lib/contracts.js';
import { certNames, certPem, generateKeyPair, importKeyPair, issueCertificate, publicKeyDer, x509, type KeyPair, type Names } from './crypto.js';
import { ENCRYPTION_FILE, newEncryptionConfig } from './encryption.js';
import { CAS, leafPlan, type CaName, type LeafSpec } from './plan.js';
import { newBootstrapToken, parseBootstrapToken, TOKEN_FILE, type BootstrapToken } from './token.js';

export interface Asset {
  cert: x509.X509Certificate;
  certPem: string;
  key: KeyPair;
}

export interface Pki {
  dir: string;
  cas: Record<CaName, Asset>;
  leaves: Map<string, Asset>;
  serviceAccount: { keyPem: string; pubPem: string };
  token: BootstrapToken;
  encryptionConfig: string;
  /** What this run did that the user should know (re-issued certificates). */
  messages: string[];
}

/** A pair of files on disk as found: both, neither, or half of it. */
interface Found {
  certPem?: string;
  keyPem?: string;
}

const read = (f: string): string | undefined => (existsSync(f) ? readFileSync(f, 'utf8') : undefined);

class Reader {
  problems: string[] = [];
  constructor(readonly dir: string) {}
  rel = (f: string) => join(relative(process.cwd(), this.dir) || '.', f);

  pair(stem: string): Found {
    return { certPem: read(join(this.dir, `${stem}.crt`)), keyPem: read(join(this.dir, `${stem}.key`)) };
  }

  /** Parses and cross-checks a certificate and its key. undefined when the pair is damaged. */
  async asset(stem: string, f: Found): Promise<Asset | undefined> {
    const crt = this.rel(`${stem}.crt`);
    const key = this.rel(`${stem}.key`);
    if (f.certPem && !f.keyPem) {
      this.problems.push(`${key} is missing but ${crt} exists; restore the key from a backup (re-keying would break every node that trusts or uses this certificate), or delete ${crt} to mint a new pair`);
      return undefined;
    }
    let cert: x509.X509Certificate;
    let pair: KeyPair;
    try {
      cert = new x509.X509Certificate(f.certPem!);
    } catch {
      this.problems.push(`${crt} is not a PEM certificate`);
      return undefined;
    }
    try {
      pair = await importKeyPair(f.keyPem!);
    } catch (e) {
      this.problems.push(`${key} is not a usable private key (${(e as Error).message})`);
      return undefined;
    }
    if (!publicKeyDer(f.keyPem!).equals(Buffer.from(cert.publicKey.rawData))) {
      this.problems.push(`${key} does not match ${crt} (the certificate was issued for another key)`);
      return undefined;
    }
    return { cert, certPem: f.certPem!, key: pair };
  }

  async issuedBy(stem: string, leaf: Asset, ca: Asset, caStem: string): Promise<boolean> {
    const ok = leaf.cert.issuer === ca.cert.subject && (await leaf.cert.verify({ publicKey: ca.cert.publicKey, signatureOnly: true }));
    if (!ok) this.problems.push(`${this.rel(`${stem}.crt`)} was not issued by this cluster's CA ${this.rel(`${caStem}.crt`)} (a certificate from another CA?); restore it from a backup or delete ${this.rel(`${stem}.crt`)} and ${this.rel(`${stem}.key`)} to mint a new one`);
    return ok;
  }
}

const sameNames = (a: Names, b: Names) => JSON.stringify(a) === JSON.stringify(b);

function describeNames(n: Names): string {
  return [...n.dns, ...n.ip].join(', ') || '(none)';
}

/** Why an existing leaf no longer fits its spec, or undefined when it does. */
function staleReason(leaf: Asset, spec: LeafSpec): string | undefined {
  const want = spec.names ?? { dns: [], ip: [] };
  const have = certNames(leaf.cert);
  if (!sameNames(have, want)) return `its names changed: had ${describeNames(have)}; now ${describeNames(want)}`;
  const subject = new x509.Name([...(spec.organizations ?? []).map((o) => ({ O: [o] })), { CN: [spec.commonName] }]).toString();
  if (leaf.cert.subject !== subject) return `its subject changed: had ${leaf.cert.subject}; now ${subject}`;
  if (leaf.cert.notAfter.getTime() <= Date.now()) return `it expired on ${leaf.cert.notAfter.toISOString()}`;
  return undefined;
}

/**
 * Creates what is missing and reuses what exists. Leaves whose names no longer match the inventory
 * are re-issued from the same CA with the same key, and said so in `messages`.
 */
export async function ensurePki(c: ClusterConfig, inv: Inventory, dir: string): Promise<Pki> {
  const r = new Reader(dir);
  const alg = c.phase2.pki.keyAlgorithm;
  const messages: string[] = [];

  // 1. Read and check everything that exists. Nothing is written in this step.
  const foundCas = new Map<CaName, Asset | 'missing'>();
  for (const ca of CAS) {
    const f = r.pair(ca.file);
    if (!f.certPem && !f.keyPem) foundCas.set(ca.file, 'missing');
    else if (!f.certPem) r.problems.push(`${r.rel(`${ca.file}.crt`)} is missing but its key ${r.rel(`${ca.file}.key`)} exists; restore the CA certificate from a backup`);
    else {
      const a = await r.asset(ca.file, f);
      if (a) foundCas.set(ca.file, a);
    }
  }
  const plan = leafPlan(c, inv);
  const foundLeaves = new Map<string, Asset | { keyOnly: string }>();
  for (const spec of plan) {
    const f = r.pair(spec.file);
    if (!f.certPem && !f.keyPem) continue;
    if (!f.certPem) {
      foundLeaves.set(spec.file, { keyOnly: f.keyPem! }); // an interrupted run: the key landed, its certificate did not
      continue;
    }
    const a = await r.asset(spec.file, f);
    if (!a) continue;
    const ca = foundCas.get(spec.ca);
    if (ca === 'missing') {
      r.problems.push(`${r.rel(`${spec.file}.crt`)} exists but its CA ${r.rel(`${spec.ca}.crt`)} does not; restore the CA from a backup`);
      continue;
    }
    if (ca && (await r.issuedBy(spec.file, a, ca, spec.ca))) foundLeaves.set(spec.file, a);
  }
  const saKey = read(join(dir, 'sa.key'));
  const saPub = read(join(dir, 'sa.pub'));
  if (saPub && !saKey) r.problems.push(`${r.rel('sa.key')} is missing but ${r.rel('sa.pub')} exists; restore the service-account key from a backup`);
  if (saKey) {
    try {
      const pub = publicKeyDer(saKey);
      if (saPub && !pub.equals(publicKeyDer2(saPub))) r.problems.push(`${r.rel('sa.key')} does not match ${r.rel('sa.pub')}`);
    } catch {
      r.problems.push(`${r.rel('sa.key')} is not a usable private key`);
    }
  }
  const tokenText = read(join(dir, TOKEN_FILE));
  const token = tokenText === undefined ? undefined : parseBootstrapToken(tokenText);
  if (tokenText !== undefined && !token) r.problems.push(`${r.rel(TOKEN_FILE)} does not hold a bootstrap token of the form <6 of [a-z0-9]>.<16 of [a-z0-9]>`);
  const encText = read(join(dir, ENCRYPTION_FILE));
  if (encText !== undefined) {
    let kind: unknown;
    try {
      kind = (parseYaml(encText) as { kind?: unknown })?.kind;
    } catch {
      kind = undefined;
    }
    if (kind !== 'EncryptionConfiguration') r.problems.push(`${r.rel(ENCRYPTION_FILE)} is not an EncryptionConfiguration; restore it from a backup (the API servers need its key to read existing Secrets)`);
  }
  if (r.problems.length) {
    throw new UserError(`error: the PKI directory ${r.rel('') || dir} is damaged; nothing was changed:`, EXIT_INVALID, r.problems);
  }

  // 2. Mint what is missing, in parallel (WebCrypto works on the libuv thread pool).
  const validity = c.phase2.pki.certValidityHours;
  const cas = {} as Record<CaName, Asset>;
  await Promise.all(
    CAS.map(async (spec) => {
      const have = foundCas.get(spec.file);
      if (have && have !== 'missing') return void (cas[spec.file] = have);
      const key = await generateKeyPair(alg);
      const cert = await issueCertificate({ commonName: spec.commonName, key, ca: true, validityHours: c.phase2.pki.caValidityHours });
      cas[spec.file] = { cert, certPem: certPem(cert), key };
    }),
  );
  const leaves = new Map<string, Asset>();
  await Promise.all(
    plan.map(async (spec) => {
      const have = foundLeaves.get(spec.file);
      let key: KeyPair;
      if (have && 'cert' in have) {
        const why = staleReason(have, spec);
        if (!why) return void leaves.set(spec.file, have);
        messages.push(`re-issued ${r.rel(`${spec.file}.crt`)} from the same CA and key: ${why}`);
        key = have.key;
      } else if (have) {
        key = await importKeyPair(have.keyOnly);
        messages.push(`issued ${r.rel(`${spec.file}.crt`)} for the existing key ${r.rel(`${spec.file}.key`)} (an earlier run was interrupted)`);
      } else {
        key = await generateKeyPair(alg);
      }
      const ca = cas[spec.ca];
      const cert = await issueCertificate({ ...spec, key, ca: false, issuer: { cert: ca.cert, key: ca.key }, validityHours: validity });
      leaves.set(spec.file, { cert, certPem: certPem(cert), key });
    }),
  );
  const sa = saKey ? { keyPem: saKey, pubPem: saPub ?? publicPem(saKey) } : await newServiceAccountKey(alg);

  // 3. Write: keys before certificates, so an interruption leaves a key whose certificate the next run issues.
  ensureDir(dir, 0o700);
  for (const sub of ['etcd', 'kubelet']) ensureDir(join(dir, sub), 0o700);
  for (const [file, a] of [...CAS.map((s) => [s.file, cas[s.file]] as const), ...leaves]) {
    writeFileAtomic(join(dir, `${file}.key`), a.key.pem, 0o600);
    writeFileAtomic(join(dir, `${file}.crt`), a.certPem, 0o644);
  }
  writeFileAtomic(join(dir, 'sa.key'), sa.keyPem, 0o600);
  writeFileAtomic(join(dir, 'sa.pub'), sa.pubPem, 0o644);
  const tok = token ?? parseBootstrapToken(newBootstrapToken())!;
  writeFileAtomic(join(dir, TOKEN_FILE), `${tok.token}\n`, 0o600);
  const encryptionConfig = encText ?? newEncryptionConfig();
  writeFileAtomic(join(dir, ENCRYPTION_FILE), encryptionConfig, 0o600);

  return { dir, cas, leaves, serviceAccount: sa, token: tok, encryptionConfig, messages };
}

function publicKeyDer2(pubPem: string): Buffer {
  return Buffer.from(x509.PemConverter.decodeFirst(pubPem));
}

function publicPem(keyPem: string): string {
  return x509.PemConverter.encode(new Uint8Array(publicKeyDer(keyPem)), 'PUBLIC KEY') + '\n';
}

async function newServiceAccountKey(alg: ClusterConfig['phase2']['pki']['keyAlgorithm']) {
  const k = await generateKeyPair(alg);
  return { keyPem: k.pem, pubPem: publicPem(k.pem) };
}
