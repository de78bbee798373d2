// state.json: steps with their input hashes; what makes re-runs skip and interrupted runs continue.
import { mkdtempSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeployState, hashOf } from '../../../phases/state.js';
import { UserError } from '../../../lib/errors.js';

const file = () => join(mkdtempSync(join(tmpdir(), 'ka-state-')), 'state.json');

test('a step is done only with the same input hash; outputs are kept; clear forgets it', () => {
  const f = file();
  const s = DeployState.load(f, 'c1', 'aws');
  expect(existsSync(f)).toBe(false); // loading writes nothing
  expect(s.anyDone()).toBe(false);
  s.markDone('network', hashOf('a'), { vpc_id: 'vpc-1' });
  expect(statSync(f).mode & 0o777).toBe(0o600);
  const again = DeployState.load(f, 'c1', 'aws');
  expect(again.isDone('network', hashOf('a'))).toBe(true);
  expect(again.isDone('network', hashOf('b'))).toBe(false);
  expect(again.isDone('nodes', hashOf('a'))).toBe(false);
  expect(again.step('network')?.outputs).toEqual({ vpc_id: 'vpc-1' });
  again.clear('network');
  expect(JSON.parse(readFileSync(f, 'utf8')).steps).toEqual({});
});

test('hashOf separates its parts', () => {
  expect(hashOf('ab', 'c')).not.toBe(hashOf('a', 'bc'));
  expect(hashOf(Buffer.from('x'))).toBe(hashOf('x'));
});

test('a damaged state file: a UserError naming it, never a stack trace', () => {
  const f = file();
  writeFileSync(f, '{ not json');
  expect(() => DeployState.load(f, 'c1', 'aws')).toThrow(UserError);
  expect(() => DeployState.load(f, 'c1', 'aws')).toThrow(new RegExp(`${f} is not valid JSON`));
  writeFileSync(f, JSON.stringify({ version: 9 }));
  expect(() => DeployState.load(f, 'c1', 'aws')).toThrow(/unknown state format/);
});
