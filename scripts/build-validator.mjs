// Precompiles config-schema/cluster.schema.json into dist/config-schema/schema-validator.js with
// ajv's standalone code generation (same options and formats as the live ajv). Runs after tsc.
import { writeFileSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const { _ } = require('ajv');
const standaloneCode = require('ajv/dist/standalone').default;
const { newAjv } = await import('../dist/config-schema/ajv.js');

const schema = JSON.parse(readFileSync(new URL('../config-schema/cluster.schema.json', import.meta.url), 'utf8'));
const ajv = newAjv({ code: { source: true, esm: true, formats: _`__formats` } });
let code = standaloneCode(ajv, ajv.compile(schema));
// The ESM output still require()s ajv's runtime helpers; give it a require, and the formats module.
code =
  "import { createRequire } from 'node:module';\nimport * as __formats from './formats.js';\n" +
  'const require = createRequire(import.meta.url);\n' +
  code;
writeFileSync(new URL('../dist/config-schema/schema-validator.js', import.meta.url), code);
