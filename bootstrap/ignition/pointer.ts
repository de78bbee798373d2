// Pointer configs: what goes into cloud user-data. No secrets, only where the full config is and
// its sha512, so Ignition refuses a full config that was tampered with.
import { createHash } from 'node:crypto';
import type { IgnitionConfig } from '../../lib/contracts.js';
import { IGNITION_VERSION } from './builder.js';

/** AWS caps user-data at 16 KiB; GCP and Azure allow more. The tightest cap applies everywhere. */
export const USER_DATA_LIMIT = 16 * 1024;

export const fullConfigUrl = (baseUrl: string, id: string) => `${baseUrl.replace(/\/+$/, '')}/${id}.ign`;

export function pointerConfig(url: string, fullBytes: Buffer): IgnitionConfig {
  const hash = createHash('sha512').update(fullBytes).digest('hex');
  const ignition = {
    version: IGNITION_VERSION,
    config: { replace: { source: url, verification: { hash: `sha512-${hash}` } } },
  };
  return { ignition };
}

/** The exact bytes written for a config, and hashed by its pointer. */
export const configBytes = (c: IgnitionConfig): Buffer => Buffer.from(JSON.stringify(c));
