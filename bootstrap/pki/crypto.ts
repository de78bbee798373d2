// Keys and certificates with @peculiar/x509 on Node's WebCrypto. Everything the PKI mints goes
// through here, so the key algorithm (ECDSA P-256 or RSA 2048, from the config) is chosen in one place.
import 'reflect-metadata';
import { createPrivateKey, createPublicKey, webcrypto, randomBytes } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export type KeyAlgorithm = 'ecdsa-p256' | 'rsa-2048';

const ALGORITHMS: Record<KeyAlgorithm, { gen: EcKeyGenParams | RsaHashedKeyGenParams; import: EcKeyImportParams | RsaHashedImportParams; sign: EcdsaParams | Algorithm }> = {
  'ecdsa-p256': {
    gen: { name: 'ECDSA', namedCurve: 'P-256' },
    import: { name: 'ECDSA', namedCurve: 'P-256' },
    sign: { name: 'ECDSA', hash: 'SHA-256' } as EcdsaParams,
  },
  'rsa-2048': {
    gen: { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
    import: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
    sign: { name: 'RSASSA-PKCS1-v1_5' },
  },
};

export interface KeyPair {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  /** PKCS#8 PEM, what is written to disk. */
  pem: string;
}

const subtle = webcrypto.subtle as unknown as SubtleCrypto;

function pemOf(der: ArrayBuffer, label: string): string {
  return x509.PemConverter.encode(der, label) + '\n';
}

export async function generateKeyPair(alg: KeyAlgorithm): Promise<KeyPair> {
  const keys = (await subtle.generateKey(ALGORITHMS[alg].gen, true, ['sign', 'verify'])) as CryptoKeyPair;
  const pem = pemOf(await subtle.exportKey('pkcs8', keys.privateKey), 'PRIVATE KEY');
  return { privateKey: keys.privateKey, publicKey: keys.publicKey, pem };
}

/** The algorithm of an existing key, whatever the config says now: a re-run never re-keys. */
export function keyAlgorithmOf(pem: string): KeyAlgorithm | undefined {
  const k = createPrivateKey(pem);
  if (k.asymmetricKeyType === 'ec' && k.asymmetricKeyDetails?.namedCurve === 'prime256v1') return 'ecdsa-p256';
  if (k.asymmetricKeyType === 'rsa') return 'rsa-2048';
  return undefined;
}

/** Reads a PEM private key (PKCS#8, SEC1 or PKCS#1) into a signing key pair. */
export async function importKeyPair(pem: string): Promise<KeyPair> {
  const alg = keyAlgorithmOf(pem);
  if (!alg) throw new Error('unsupported key type (ECDSA P-256 or RSA are accepted)');
  const node = createPrivateKey(pem);
  const pkcs8 = node.export({ type: 'pkcs8', format: 'der' });
  const spki = createPublicKey(node).export({ type: 'spki', format: 'der' });
  const privateKey = await subtle.importKey('pkcs8', pkcs8, ALGORITHMS[alg].import, true, ['sign']);
  const publicKey = await subtle.importKey('spki', spki, ALGORITHMS[alg].import, true, ['verify']);
  return { privateKey, publicKey, pem };
}

/** SPKI DER of the public half of a PEM private key: compared with a certificate's key. */
export function publicKeyDer(privatePem: string): Buffer {
  return createPublicKey(createPrivateKey(privatePem)).export({ type: 'spki', format: 'der' });
}

export function signingAlgorithm(key: CryptoKey): EcdsaParams | Algorithm {
  return key.algorithm.name === 'ECDSA' ? ALGORITHMS['ecdsa-p256'].sign : ALGORITHMS['rsa-2048'].sign;
}

export interface Names {
  dns: string[];
  ip: string[];
}

export interface IssueRequest {
  commonName: string;
  organizations?: string[];
  /** Self-signed when absent (a CA). */
  issuer?: { cert: x509.X509Certificate; key: KeyPair };
  key: KeyPair;
  ca: boolean;
  usage?: ('server' | 'client')[];
  names?: Names;
  validityHours: number;
}

function subjectName(cn: string, orgs: string[] = []): x509.Name {
  return new x509.Name([...orgs.map((o) => ({ O: [o] })), { CN: [cn] }]);
}

/** A positive serial number of 16 random bytes (RFC 5280: at most 20 octets, positive). */
function serial(): string {
  const b = randomBytes(16);
  b[0] &= 0x7f;
  b[0] |= 0x01;
  return b.toString('hex');
}

export async function issueCertificate(r: IssueRequest): Promise<x509.X509Certificate> {
  const notBefore = new Date(Date.now() - 5 * 60 * 1000); // tolerate small clock skew between machines
  const notAfter = new Date(Date.now() + r.validityHours * 3600 * 1000);
  const signer = r.issuer?.key ?? r.key;
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(r.ca, undefined, true),
    new x509.KeyUsagesExtension(
      r.ca
        ? x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature
        : x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment,
      true,
    ),
    await x509.SubjectKeyIdentifierExtension.create(r.key.publicKey),
  ];
  if (r.issuer) extensions.push(await x509.AuthorityKeyIdentifierExtension.create(r.issuer.cert));
  if (r.usage?.length) {
    extensions.push(new x509.ExtendedKeyUsageExtension(r.usage.map((u) => (u === 'server' ? x509.ExtendedKeyUsage.serverAuth : x509.ExtendedKeyUsage.clientAuth))));
  }
  if (r.names && (r.names.dns.length || r.names.ip.length)) {
    extensions.push(new x509.SubjectAlternativeNameExtension([...r.names.dns.map((value) => ({ type: 'dns' as const, value })), ...r.names.ip.map((value) => ({ type: 'ip' as const, value }))]));
  }
  const subject = subjectName(r.commonName, r.organizations);
  return x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject,
    issuer: r.issuer ? r.issuer.cert.subjectName : subject,
    notBefore,
    notAfter,
    publicKey: r.key.publicKey,
    signingKey: signer.privateKey,
    signingAlgorithm: signingAlgorithm(signer.privateKey),
    extensions,
  });
}

export const certPem = (c: x509.X509Certificate): string => c.toString('pem') + '\n';

/** The SANs of a certificate, sorted, for comparison with what the inventory needs now. */
export function certNames(c: x509.X509Certificate): Names {
  const ext = c.getExtension(x509.SubjectAlternativeNameExtension);
  const items = ext?.names.items ?? [];
  return {
    dns: items.filter((n) => n.type === 'dns').map((n) => n.value).sort(),
    ip: items.filter((n) => n.type === 'ip').map((n) => n.value).sort(),
  };
}

export { x509 };
