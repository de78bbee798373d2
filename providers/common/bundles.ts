// Which phase 2 bundle a machine boots from, and where its full config lies on disk. Every cloud
// puts a bundle's pointer config in user data and uploads its full config to private storage.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { IgnitionConfig, NodeBundle, Role } from '../../lib/contracts.js';
import { UserError } from '../../lib/errors.js';
import type { SynthInput } from './provider.js';

/**
 * The bundle a machine boots from, by id: a master's or etcd member's own (its node name), or the
 * worker pool's (the pool name). Never another machine's: that would hand it a foreign identity.
 */
export function bundleFor(bundles: NodeBundle[], node: { name: string; role: Role }): NodeBundle {
  const own = bundles.find((b) => b.id === node.name);
  if (!own) throw new UserError(`error: no phase 2 Ignition config for ${node.name} (role ${node.role}); run phase 2 (kube-anywhere render) first`);
  return own;
}

/** The pointer config (no secrets) a node's user data carries, as the exact JSON string. */
export function pointerUserData(bundles: NodeBundle[], node: { name: string; role: Role }, limitBytes: number, limitName: string): string {
  const b = bundleFor(bundles, node);
  if (!b.pointer) throw new UserError(`error: the phase 2 bundle ${b.id} has no pointer config; the inventory had no ignitionBaseUrl when it was rendered`);
  const text = JSON.stringify(b.pointer satisfies IgnitionConfig);
  const size = Buffer.byteLength(text);
  if (size > limitBytes) throw new UserError(`error: the pointer config of ${b.id} is ${size} bytes; ${limitName} holds at most ${limitBytes}`);
  return text;
}

/** The bundles whose full config is uploaded: those a machine boots from through a pointer. */
export function uploadedBundles(input: Pick<SynthInput, 'bundles' | 'ignitionDir' | 'outDir'>): { id: string; file: string; source: string }[] {
  return input.bundles
    .filter((b) => b.pointer)
    .map((b) => {
      const file = join(input.ignitionDir, `${b.id}.ign`);
      // Relative to the stack directory terraform runs in: the JSON names no home directory, and clusters/ may move.
      return { id: b.id, file, source: relative(input.outDir, file) };
    });
}

/** MD5 (hex) of a full config file, so a changed config replaces the stored object. */
export function fileMd5(file: string): string {
  try {
    return createHash('md5').update(readFileSync(file)).digest('hex');
  } catch {
    throw new UserError(`error: ${file}: the full Ignition config is missing; run phase 2 (kube-anywhere render) first`);
  }
}
