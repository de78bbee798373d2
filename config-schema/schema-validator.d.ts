// Generated into dist/ at build time by scripts/build-validator.mjs (ajv standalone code).
import type { ErrorObject } from 'ajv';
declare const validate: ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };
export default validate;
