// Phase 2 entry point: PKI, then one full Ignition config per node identity (and per worker pool),
// with pointer configs when the full configs are served from a URL.
import { join } from 'node:path';
import type { ClusterConfig } from '../config-schema/types.js';
import type { Inventory, NodeBundle } from '../lib/contracts.js';
import { EXIT_INVALID, UserError } from '../lib/errors.js';
import { ensureDir, writeFileAtomic } from '../lib/files.js';
import type { ClusterPaths } from '../lib/paths.js';
import { nodeConfig } from './ignition/node.js';
import { configBytes, fullConfigUrl, pointerConfig, USER_DATA_LIMIT } from './ignition/pointer.js';
import { renderKubeconfig, serverUrl } from './kubeconfig/index.js';
import { ensurePki, type Pki } from './pki/store.js';
import type { NodeTarget } from './units/render.js';

export interface BootstrapOptions {
  /** Where messages for the user go (re-issued certificates). Default: stderr. */
  onMessage?: (message: string) => void;
}

interface Planned {
  id: string;
  target: NodeTarget;
  setHostname: boolean;
}

/** Inventory mistakes phase 2 cannot work around: two nodes with one name or one address. */
function checkInventory(inv: Inventory): void {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  for (const n of inv.nodes) {
    for (const [kind, key] of [['name', n.name], ['address', n.privateIP]] as const) {
      const other = seen.get(`${kind}:${key}`);
      if (other) problems.push(`nodes ${other} and ${n.name} have the same ${kind} ${key}; each host needs its own`);
      else seen.set(`${kind}:${key}`, n.name);
    }
  }
  for (const p of inv.workerPools) {
    if (seen.has(`name:${p.name}`)) problems.push(`worker pool "${p.name}" has the name of a node; its config file would overwrite that node's`);
  }
  if (problems.length) throw new UserError(`error: the inventory of cluster ${inv.cluster} is inconsistent:`, EXIT_INVALID, problems);
}

/** Which configs a cluster needs: one per fixed identity, one per cloud worker pool. */
export function plannedBundles(inv: Inventory): Planned[] {
  const out: Planned[] = inv.nodes.map((n) => ({ id: n.name, target: { roles: [...n.roles], node: n }, setHostname: true }));
  for (const p of inv.workerPools) if (p.count > 0) out.push({ id: p.name, target: { roles: ['worker'] }, setHostname: false });
  return out;
}

/** The bundles, from an existing PKI; nothing is written. */
export function assembleBundles(config: ClusterConfig, inventory: Inventory, pki: Pki): { bundle: NodeBundle; bytes: Buffer }[] {
  return plannedBundles(inventory).map(({ id, target, setHostname }) => {
    const full = nodeConfig({ config, inventory, pki, target, setHostname });
    const bytes = configBytes(full);
    const bundle: NodeBundle = { id, roles: target.roles, full };
    if (inventory.ignitionBaseUrl) bundle.pointer = pointerConfig(fullConfigUrl(inventory.ignitionBaseUrl, id), bytes);
    return { bundle, bytes };
  });
}

/**
 * Creates or reuses the PKI under paths.pki, renders one full Ignition config per role (per node
 * where identity differs) to paths.ignition/<id>.ign and, when inventory.ignitionBaseUrl is set, a
 * pointer config <id>.pointer.ign naming `${ignitionBaseUrl}/<id>.ign` and its sha512.
 */
export async function renderBootstrap(config: ClusterConfig, inventory: Inventory, paths: ClusterPaths, opts: BootstrapOptions = {}): Promise<NodeBundle[]> {
  checkInventory(inventory);
  const tell = opts.onMessage ?? ((m: string) => process.stderr.write(`${m}\n`));
  const pki = await ensurePki(config, inventory, paths.pki);
  pki.messages.forEach(tell);

  const built = assembleBundles(config, inventory, pki);
  for (const { bundle } of built) {
    const size = bundle.pointer ? configBytes(bundle.pointer).length : 0;
    if (size >= USER_DATA_LIMIT) throw new Error(`internal: pointer config ${bundle.id} is ${size} bytes, over the ${USER_DATA_LIMIT}-byte user-data limit`);
  }
  ensureDir(paths.ignition, 0o700);
  for (const { bundle, bytes } of built) {
    writeFileAtomic(join(paths.ignition, `${bundle.id}.ign`), bytes, 0o600);
    if (bundle.pointer) writeFileAtomic(join(paths.ignition, `${bundle.id}.pointer.ign`), configBytes(bundle.pointer), 0o644);
  }
  const admin = pki.leaves.get('admin')!;
  writeFileAtomic(
    paths.kubeconfig,
    renderKubeconfig({
      cluster: config.name,
      server: serverUrl(inventory.apiEndpoint.host, inventory.apiEndpoint.port),
      caPem: pki.cas.ca.certPem,
      userName: 'kubernetes-admin',
      user: { clientCertificatePem: admin.certPem, clientKeyPem: admin.key.pem },
    }),
    0o600,
  );
  return built.map((b) => b.bundle);
}
