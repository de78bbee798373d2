// Generates config-schema/types.ts from config-schema/cluster.schema.json, so the TypeScript types
// never drift from the schema (test/unit/config-types.test checks the file is current).
// After defaults are applied every property that has a default is present, so it becomes required.
import { readFileSync, writeFileSync } from 'node:fs';
import { compile } from 'json-schema-to-typescript';

export function withDefaultsRequired(schema) {
  if (Array.isArray(schema)) return schema.map(withDefaultsRequired);
  if (!schema || typeof schema !== 'object') return schema;
  const out = {};
  for (const [k, v] of Object.entries(schema)) out[k] = k.startsWith('x-') ? v : withDefaultsRequired(v);
  if (out.properties) {
    const req = new Set(out.required ?? []);
    for (const [k, v] of Object.entries(out.properties)) if (v && 'default' in v) req.add(k);
    out.required = [...req];
  }
  return out;
}

export async function generateTypes(schemaFile) {
  const schema = JSON.parse(readFileSync(schemaFile, 'utf8'));
  delete schema.properties.$schema;
  schema.required = schema.required.filter((k) => k !== '$schema');
  return compile(withDefaultsRequired(schema), 'ClusterConfig', {
    bannerComment:
      '// GENERATED from cluster.schema.json by `npm run gen:types`. Do not edit: edit the schema.\n' +
      '// ClusterConfig is a validated config with every default applied.',
    additionalProperties: false,
    format: true,
    style: { singleQuote: true, printWidth: 110 },
  });
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  const ts = await generateTypes('config-schema/cluster.schema.json');
  writeFileSync('config-schema/types.ts', ts);
  console.log('wrote config-schema/types.ts');
}
