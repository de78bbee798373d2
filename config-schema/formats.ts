// The string formats the schema uses. Shared by the runtime ajv (wizard) and the precompiled
// validator (scripts/build-validator.mjs), which imports this module by name.
import { createRequire } from 'node:module';
import { isCidr } from '../lib/cidr.js';

type Format = { type?: 'string'; validate: ((s: string) => boolean) | RegExp } | RegExp | ((s: string) => boolean);
const { fullFormats } = createRequire(import.meta.url)('ajv-formats/dist/formats') as { fullFormats: Record<string, Format> };

export const ipv4 = fullFormats.ipv4;
export const hostname = fullFormats.hostname;
export const uri = fullFormats.uri;
export const cidr: Format = { type: 'string', validate: isCidr };
