// config-schema/types.ts is generated from the schema: it must be regenerated whenever the schema changes.
import { readFileSync } from 'node:fs';
import { packageFile } from '../../../lib/paths.js';

test('config-schema/types.ts is current with cluster.schema.json (run `npm run gen:types`)', async () => {
  // @ts-expect-error -- a plain .mjs script without types
  const { generateTypes } = await import('../../../../scripts/gen-config-types.mjs');
  const fresh: string = await generateTypes(packageFile('config-schema', 'cluster.schema.json'));
  expect(readFileSync(packageFile('config-schema', 'types.ts'), 'utf8')).toBe(fresh);
});
