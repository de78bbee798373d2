// Reading certificates and keys with Node's native crypto (fast, no @peculiar/x509 to load): what a
// re-run needs to check an existing PKI.
import { createPrivateKey, createPublicKey } from 'node:crypto';

export interface Names {
  dns: string[];
  ip: string[];
}

/** The SANs of a certificate (Node's "DNS:a, IP Address:b" form), sorted, to compare with what the inventory needs now. */
export function certNames(subjectAltName: string | undefined): Names {
  const items = (subjectAltName ?? '').split(', ').filter(Boolean);
  const of = (prefix: string) => items.filter((i) => i.startsWith(prefix)).map((i) => i.slice(prefix.length)).sort();
  return { dns: of('DNS:'), ip: of('IP Address:') };
}

/** A subject as Node's X509Certificate prints it ("O=...\nCN=..."), for comparison. */
export const subjectString = (cn: string, orgs: string[] = []): string => [...orgs.map((o) => `O=${o}`), `CN=${cn}`].join('\n');

/** SPKI DER of the public half of a PEM private key (or of a PEM public key). */
export function publicKeyDer(pem: string): Buffer {
  const key = pem.includes('PRIVATE KEY') ? createPublicKey(createPrivateKey(pem)) : createPublicKey(pem);
  return key.export({ type: 'spki', format: 'der' });
}

/** The PEM public key of a PEM private key. */
export function publicKeyPem(privatePem: string): string {
  return createPublicKey(createPrivateKey(privatePem)).export({ type: 'spki', format: 'pem' }).toString();
}
