// The cluster's PKI on disk (clusters/<name>/pki): created once, then reused. A re-run never re-keys.
// Reading checks everything BEFORE anything is written, so a damaged directory is reported (naming
// the file) and left exactly as it was. Existing files are checked with Node's native X.509 code;
// @peculiar/x509 (slower) is used only to issue.
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fromYaml as parseYaml } from '../../lib/yaml.js';
import type { ClusterConfig } from '../../config-schema/types.js';
import { EXIT_INVALID, UserError } from '../../lib/errors.js';
import { ensureDir, writeFileAtomic } from '../../lib/files.js';
import type { Inventory } from '../../lib/contracts.js';
import type { KeyPair, x509 } from './crypto.js';
import { certNames, publicKeyDer, publicKeyPem, subjectString, type Names } from './names.js';
import { ENCRYPTION_FILE, newEncryptionConfig } from './encryption.js';
import { CAS, leafPlan, type CaName, type LeafSpec } from './plan.js';
import { expirationAfter, formatExpiration, newBootstrapToken, parseBootstrapToken, parseExpiration, TOKEN_EXPIRATION_FILE, TOKEN_FILE, type BootstrapToken } from './token.js';

export interface Asset {
  cert: X509Certificate;
  certPem: string;
  keyPem: string;
}

/** What issuing needs of a CA: its certificate and key as @peculiar/x509 and WebCrypto objects. */
interface Signer {
  cert: x509.X509Certificate;
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

  /** A file of the pki directory as the user would type it: relative under the working directory. */
  rel = (f: string) => {
    const r = relative(process.cwd(), this.dir);
    return join(r.startsWith('..') ? this.dir : r || '.', f);
  };

  pair(stem: string): Found {
    return { certPem: read(join(this.dir, `${stem}.crt`)), keyPem: read(join(this.dir, `${stem}.key`)) };
  }

  /** Parses and cross-checks a certificate and its key. undefined when the pair is damaged. */
  asset(stem: string, f: Found): Asset | undefined {
    const crt = this.rel(`${stem}.crt`);
    const key = this.rel(`${stem}.key`);
    if (f.certPem && !f.keyPem) {
      this.problems.push(`${key} is missing but ${crt} exists; restore the key from a backup (re-keying would break every node that trusts or uses this certificate), or delete ${crt} to mint a new pair`);
      return undefined;
    }
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(f.certPem!);
    } catch {
      this.problems.push(`${crt} is not a PEM certificate`);
      return undefined;
    }
    let matches: boolean;
    try {
      matches = cert.checkPrivateKey(createPrivateKey(f.keyPem!));
    } catch (e) {
      this.problems.push(`${key} is not a usable private key (${(e as Error).message})`);
      return undefined;
    }
    if (!matches) {
      this.problems.push(`${key} does not match ${crt} (the certificate was issued for another key)`);
      return undefined;
    }
    return { cert, certPem: f.certPem!, keyPem: f.keyPem! };
  }

  issuedBy(stem: string, leaf: Asset, ca: Asset, caStem: string): boolean {
    const ok = leaf.cert.checkIssued(ca.cert) && leaf.cert.verify(ca.cert.publicKey);
    if (!ok) this.problems.push(`${this.rel(`${stem}.crt`)} was not issued by this cluster's CA ${this.rel(`${caStem}.crt`)} (a certificate from another CA?); restore it from a backup or delete ${this.rel(`${stem}.crt`)} and ${this.rel(`${stem}.key`)} to mint a new one`);
    return ok;
  }
}

const sameNames = (a: Names, b: Names) => JSON.stringify(a) === JSON.stringify(b);
const describeNames = (n: Names): string => [...n.dns, ...n.ip].join(', ') || '(none)';

/** Why an existing leaf no longer fits its spec, or undefined when it does. */
function staleReason(leaf: Asset, spec: LeafSpec): string | undefined {
  const want = spec.names ?? { dns: [], ip: [] };
  const have = certNames(leaf.cert.subjectAltName);
  if (!sameNames(have, want)) return `its names changed: had ${describeNames(have)}; now ${describeNames(want)}`;
  const subject = subjectString(spec.commonName, spec.organizations);
  if (leaf.cert.subject !== subject) return `its subject changed: had ${leaf.cert.subject.replace(/\n/g, ', ')}; now ${subject.replace(/\n/g, ', ')}`;
  if (Date.parse(leaf.cert.validTo) <= Date.now()) return `it expired on ${new Date(leaf.cert.validTo).toISOString()}`;
  return undefined;
}

const issuing = () => import('./crypto.js');

const assetOf = async (cert: x509.X509Certificate, key: KeyPair): Promise<Asset> => {
  const pem = (await issuing()).certPem(cert);
  return { cert: new X509Certificate(pem), certPem: pem, keyPem: key.pem };
};

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
      const a = r.asset(ca.file, f);
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
    const a = r.asset(spec.file, f);
    if (!a) continue;
    const ca = foundCas.get(spec.ca);
    if (ca === 'missing') {
      r.problems.push(`${r.rel(`${spec.file}.crt`)} exists but its CA ${r.rel(`${spec.ca}.crt`)} does not; restore the CA from a backup`);
      continue;
    }
    if (ca && r.issuedBy(spec.file, a, ca, spec.ca)) foundLeaves.set(spec.file, a);
  }
  const saKey = read(join(dir, 'sa.key'));
  const saPub = read(join(dir, 'sa.pub'));
  if (saPub && !saKey) r.problems.push(`${r.rel('sa.key')} is missing but ${r.rel('sa.pub')} exists; restore the service-account key from a backup`);
  if (saKey) {
    try {
      const pub = publicKeyDer(saKey);
      if (saPub && !pub.equals(publicKeyDer(saPub))) r.problems.push(`${r.rel('sa.key')} does not match ${r.rel('sa.pub')}`);
    } catch {
      r.problems.push(`${r.rel('sa.key')} is not a usable private key`);
    }
  }
  const tokenText = read(join(dir, TOKEN_FILE));
  const token = tokenText === undefined ? undefined : parseBootstrapToken(tokenText);
  if (tokenText !== undefined && !token) r.problems.push(`${r.rel(TOKEN_FILE)} does not hold a bootstrap token of the form <6 of [a-z0-9]>.<16 of [a-z0-9]>`);
  const expiryText = read(join(dir, TOKEN_EXPIRATION_FILE));
  const expiry = expiryText === undefined ? undefined : parseExpiration(expiryText);
  if (expiryText !== undefined && !expiry) r.problems.push(`${r.rel(TOKEN_EXPIRATION_FILE)} does not hold a time of the form 2027-01-31T12:00:00Z; correct it, or delete it to give the token ${c.phase2.pki.bootstrapTokenValidityDays} days from now`);
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
    throw new UserError(`error: the PKI directory ${r.rel('')} is damaged; nothing was changed:`, EXIT_INVALID, r.problems);
  }

  // 2. Mint what is missing, in parallel (WebCrypto works on the libuv thread pool).
  const validity = c.phase2.pki.certValidityHours;
  const cas = {} as Record<CaName, Asset>;
  const signers = new Map<CaName, Promise<Signer>>();
  await Promise.all(
    CAS.map(async (spec) => {
      const have = foundCas.get(spec.file);
      if (have && have !== 'missing') {
        cas[spec.file] = have;
        return;
      }
      const { generateKeyPair, issueCertificate } = await issuing();
      const key = await generateKeyPair(alg);
      const cert = await issueCertificate({ commonName: spec.commonName, key, ca: true, validityHours: c.phase2.pki.caValidityHours });
      cas[spec.file] = await assetOf(cert, key);
      signers.set(spec.file, Promise.resolve({ cert, key }));
    }),
  );
  // An existing CA is loaded for signing only when something needs issuing.
  const signer = (ca: CaName): Promise<Signer> => {
    let s = signers.get(ca);
    if (!s) {
      s = issuing().then(async ({ importKeyPair, x509: lib }) => ({ cert: new lib.X509Certificate(cas[ca].certPem), key: await importKeyPair(cas[ca].keyPem) }));
      signers.set(ca, s);
    }
    return s;
  };
  const leaves = new Map<string, Asset>();
  await Promise.all(
    plan.map(async (spec) => {
      const have = foundLeaves.get(spec.file);
      if (have && 'cert' in have && !staleReason(have, spec)) return void leaves.set(spec.file, have);
      const { generateKeyPair, importKeyPair, issueCertificate } = await issuing();
      let key: KeyPair;
      if (have && 'cert' in have) {
        const why = staleReason(have, spec)!;
        messages.push(`re-issued ${r.rel(`${spec.file}.crt`)} from the same CA and key: ${why}`);
        key = await importKeyPair(have.keyPem);
      } else if (have) {
        key = await importKeyPair(have.keyOnly);
        messages.push(`issued ${r.rel(`${spec.file}.crt`)} for the existing key ${r.rel(`${spec.file}.key`)} (an earlier run was interrupted)`);
      } else {
        key = await generateKeyPair(alg);
      }
      const cert = await issueCertificate({ ...spec, key, ca: false, issuer: await signer(spec.ca), validityHours: validity });
      leaves.set(spec.file, await assetOf(cert, key));
    }),
  );
  const sa = saKey ? { keyPem: saKey, pubPem: saPub ?? publicPem(saKey) } : await newServiceAccountKey(alg);

  // 3. Write: keys before certificates, so an interruption leaves a key whose certificate the next run issues.
  ensureDir(dir, 0o700);
  for (const sub of ['etcd', 'kubelet']) ensureDir(join(dir, sub), 0o700);
  for (const [file, a] of [...CAS.map((s) => [s.file, cas[s.file]] as const), ...leaves]) {
    writeFileAtomic(join(dir, `${file}.key`), a.keyPem, 0o600);
    writeFileAtomic(join(dir, `${file}.crt`), a.certPem, 0o644);
  }
  writeFileAtomic(join(dir, 'sa.key'), sa.keyPem, 0o600);
  writeFileAtomic(join(dir, 'sa.pub'), sa.pubPem, 0o644);
  const tok = token ?? parseBootstrapToken(newBootstrapToken())!;
  // A token without an expiration (a PKI from before there was one) gets one now.
  tok.expires = (token && expiry) || expirationAfter(c.phase2.pki.bootstrapTokenValidityDays);
  if (token && !expiry) messages.push(`the bootstrap token ${tok.id} had no expiry; it now expires on ${formatExpiration(tok.expires)} (${r.rel(TOKEN_EXPIRATION_FILE)})`);
  writeFileAtomic(join(dir, TOKEN_FILE), `${tok.token}\n`, 0o600);
  writeFileAtomic(join(dir, TOKEN_EXPIRATION_FILE), `${formatExpiration(tok.expires)}\n`, 0o644);
  const encryptionConfig = encText ?? newEncryptionConfig();
  writeFileAtomic(join(dir, ENCRYPTION_FILE), encryptionConfig, 0o600);

  return { dir, cas, leaves, serviceAccount: sa, token: tok, encryptionConfig, messages };
}

const publicPem = publicKeyPem;

async function newServiceAccountKey(alg: ClusterConfig['phase2']['pki']['keyAlgorithm']) {
  const k = await (await issuing()).generateKeyPair(alg);
  return { keyPem: k.pem, pubPem: publicPem(k.pem) };
}
