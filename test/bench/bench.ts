// `npm run bench`: runs every test/bench/*.bench.js and prints its figures (medians of several runs).
// A bench file's default export is an async function returning Figure[].
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Figure } from './harness.js';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv[2];
const files = readdirSync(here).filter((f) => f.endsWith('.bench.js') && (!only || f.startsWith(only))).sort();
for (const f of files) {
  const mod = (await import(pathToFileURL(join(here, f)).href)) as { default: () => Promise<Figure[]> };
  console.log(`\n${f.replace(/\.bench\.js$/, '')}`);
  for (const fig of await mod.default()) {
    const v = fig.value < 10 ? fig.value.toFixed(3) : fig.value.toFixed(0);
    console.log(`  ${fig.name.padEnd(58)} ${v.padStart(9)} ${fig.unit.padEnd(3)}${fig.target ? `  (target ${fig.target})` : ''}`);
  }
}
