// Instance user data: the phase 2 pointer config (no secrets), gzip-compressed and base64-encoded
// here in Node (CDKTF's Fn.base64gzip rejects JSON: TESTBED.md quirk 3). AWS caps user data at
// 16 KiB before base64, and emulators do not check it, so we do.
import { gzipSync, gunzipSync } from 'node:zlib';
import type { IgnitionConfig } from '../../lib/contracts.js';
import { UserError } from '../../lib/errors.js';

export const USER_DATA_LIMIT = 16 * 1024;

export function pointerUserData(id: string, pointer: IgnitionConfig | undefined): string {
  if (!pointer) throw new UserError(`error: phase 2 produced no pointer config for "${id}"; the AWS nodes need one as user data`);
  // mtime 0 in the gzip header: the same config always gives the same bytes (no instance replaced).
  const gz = gzipSync(Buffer.from(JSON.stringify(pointer)), { level: 9 });
  if (gz.length > USER_DATA_LIMIT) {
    throw new UserError(`error: the user data of "${id}" is ${gz.length} bytes compressed; AWS allows at most ${USER_DATA_LIMIT}`);
  }
  return gz.toString('base64');
}

/** The pointer config back from user data (tests, and anyone checking a node). */
export function decodeUserData(base64: string): IgnitionConfig {
  return JSON.parse(gunzipSync(Buffer.from(base64, 'base64')).toString('utf8')) as IgnitionConfig;
}
