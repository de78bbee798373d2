// The example configs in examples/ (the four deployment shapes and bare metal) are valid as shipped.
import { readdirSync } from 'node:fs';
import { loadConfig } from '../../../config-schema/load.js';
import { packageFile } from '../../../lib/paths.js';

const dir = packageFile('examples');
test.each(readdirSync(dir).filter((f) => f.endsWith('.json')))('examples/%s is valid', async (f) => {
  const { config, warnings } = await loadConfig(`${dir}/${f}`);
  expect(warnings).toEqual([]);
  expect(config.name).toMatch(/^[a-z]/);
});
