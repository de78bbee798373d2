// Encryption at rest for Secrets: an EncryptionConfiguration with one AES-CBC key, minted once.
import { randomBytes } from 'node:crypto';
import { stringify } from 'yaml';

export const ENCRYPTION_FILE = 'encryption-config.yaml';

export function newEncryptionConfig(): string {
  return stringify({
    apiVersion: 'apiserver.config.k8s.io/v1',
    kind: 'EncryptionConfiguration',
    resources: [
      {
        resources: ['secrets'],
        // The first provider encrypts; identity still reads anything written before encryption was on.
        providers: [{ aescbc: { keys: [{ name: 'key1', secret: randomBytes(32).toString('base64') }] } }, { identity: {} }],
      },
    ],
  });
}
