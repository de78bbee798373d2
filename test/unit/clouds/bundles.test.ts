// Which phase 2 bundle a machine's user data comes from, and the size limits of user data.
import type { NodeBundle } from '../../../lib/contracts.js';
import { UserError } from '../../../lib/errors.js';
import { bundleFor, pointerUserData } from '../../../providers/common/bundles.js';

const pointer = (id: string) => ({ ignition: { version: '3.3.0', config: { replace: { source: `gs://b/${id}.ign` } } } });
const bundle = (id: string, roles: NodeBundle['roles'], withPointer = true): NodeBundle => ({
  id,
  roles,
  full: { ignition: { version: '3.3.0' } },
  ...(withPointer ? { pointer: pointer(id) } : {}),
});

describe('bundles', () => {
  const bundles = [bundle('c-master-0', ['master']), bundle('c-master-1', ['master']), bundle('worker', ['worker'])];

  test('a machine gets its own bundle, never another machine\'s', () => {
    expect(bundleFor(bundles, { name: 'c-master-1', role: 'master' }).id).toBe('c-master-1');
    expect(bundleFor(bundles, { name: 'worker', role: 'worker' }).id).toBe('worker');
    expect(() => bundleFor(bundles, { name: 'c-master-2', role: 'master' })).toThrow(/no phase 2 Ignition config for c-master-2 \(role master\)/);
  });

  test('user data is the pointer config, refused when missing or over the cloud\'s limit', () => {
    expect(JSON.parse(pointerUserData(bundles, { name: 'worker', role: 'worker' }, 1024, 'x'))).toEqual(pointer('worker'));
    expect(() => pointerUserData([bundle('worker', ['worker'], false)], { name: 'worker', role: 'worker' }, 1024, 'x')).toThrow(/has no pointer config/);
    const small = () => pointerUserData(bundles, { name: 'worker', role: 'worker' }, 20, 'Azure custom data');
    expect(small).toThrow(UserError);
    expect(small).toThrow(/pointer config of worker is \d+ bytes; Azure custom data holds at most 20/);
  });
});
