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

test('hashOf is sha256 of each part followed by a NUL byte (values from sha256sum)', () => {
  // printf 'a\0' | sha256sum; printf 'ab\0c\0' | sha256sum; printf '\0' | sha256sum
  expect(hashOf('a')).toBe('ffe9aaeaa2a2d5048174df0b80599ef0197ec024c4b051bc9860cff58ef7f9f3');
  expect(hashOf('ab', 'c')).toBe('629c2f14f654f026086f2aefe1855533d0897f49df86a19073be17b237361b09');
  expect(hashOf('')).toBe('6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d');
});

test('the file: version 1, cluster, cloud, each step with its hash and an ISO time, outputs only when given; pretty JSON', () => {
  const f = file();
  const s = DeployState.load(f, 'c1', 'gcp');
  const t0 = Date.now();
  s.markDone('bootstrap', 'h1');
  expect(s.anyDone()).toBe(true);
  const text = readFileSync(f, 'utf8');
  expect(text.endsWith('}\n')).toBe(true);
  expect(text).toContain('\n  "version": 1,\n');
  const data = JSON.parse(text);
  expect(Object.keys(data.steps.bootstrap).sort()).toEqual(['at', 'hash']);
  expect(data).toMatchObject({ version: 1, cluster: 'c1', cloud: 'gcp', steps: { bootstrap: { hash: 'h1' } } });
  expect(Date.parse(data.steps.bootstrap.at)).toBeGreaterThanOrEqual(t0 - 1000);
  expect(data.steps.bootstrap.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  expect(DeployState.exists(f)).toBe(true);
  expect(DeployState.exists(`${f}.missing`)).toBe(false);
  s.clear('bootstrap');
  expect(DeployState.load(f, 'c1', 'gcp').anyDone()).toBe(false);
});

test("another cluster's or cloud's state: refused with exit 2, both named; a state without steps is unknown", () => {
  const f = file();
  DeployState.load(f, 'c1', 'aws').markDone('network', 'h');
  for (const [cluster, cloud] of [['c2', 'aws'], ['c1', 'azure']]) {
    let err: UserError | undefined;
    try {
      DeployState.load(f, cluster, cloud);
    } catch (e) {
      err = e as UserError;
    }
    expect(err).toBeInstanceOf(UserError);
    expect(err!.exitCode).toBe(2);
    expect(err!.message).toBe(`error: ${f} records cluster "c1" on aws, but the config says "${cluster}" on ${cloud}. Destroy that deployment with the config it was made from first, or use another --state-dir.`);
  }
  writeFileSync(f, JSON.stringify({ version: 1, cluster: 'c1', cloud: 'aws' }));
  expect(() => DeployState.load(f, 'c1', 'aws')).toThrow(`error: ${f}: unknown state format; move it away to start over`);
  writeFileSync(f, JSON.stringify({ version: 2, cluster: 'c1', cloud: 'aws', steps: {} }));
  expect(() => DeployState.load(f, 'c1', 'aws')).toThrow(`error: ${f}: unknown state format; move it away to start over`);
  writeFileSync(f, JSON.stringify({ version: 1, cluster: 'c1', cloud: 'aws', steps: {} }));
  expect(DeployState.load(f, 'c1', 'aws').anyDone()).toBe(false);
});
