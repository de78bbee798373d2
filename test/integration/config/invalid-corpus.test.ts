// The invalid-config corpus: every file in test/corpus/invalid is refused by the real CLI with exit
// code 2, no stack trace, and an error at the JSON path listed in test/corpus/invalid-expected.json.
import { jest } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageFile } from '../../../lib/paths.js';
import { runCli } from '../../helpers/cli.js';

// Two CLI processes per file: on a loaded 2-core machine that passed jest's default 5 s (seen once).
jest.setTimeout(30_000);

const dir = packageFile('test', 'corpus', 'invalid');
const expected: Record<string, { path: string; message: string }> = JSON.parse(readFileSync(packageFile('test', 'corpus', 'invalid-expected.json'), 'utf8'));
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

test('the corpus has at least 50 invalid configs, each with its expected error', () => {
  expect(files.length).toBeGreaterThanOrEqual(50);
  expect(Object.keys(expected).sort()).toEqual(files);
});

test.each(files)('%s is refused at the expected path', async (file) => {
  const want = expected[file];
  const text = await runCli(['validate', '--config', join(dir, file)]);
  expect(text.exitCode).toBe(2);
  expect(text.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/); // no stack trace
  expect(text.stderr).toContain(join(dir, file)); // names the file

  const json = await runCli(['validate', '--config', join(dir, file), '--output', 'json']);
  expect(json.exitCode).toBe(2);
  const report = JSON.parse(String(json.stdout)) as { valid: boolean; errors: { path: string; message: string }[] };
  expect(report.valid).toBe(false);
  expect(report.errors).toContainEqual(expect.objectContaining({ path: want.path, message: expect.stringContaining(want.message) }));
});
