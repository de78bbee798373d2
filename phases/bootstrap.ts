// `kube-anywhere bootstrap [render|apply HOST]`: phase 2 alone. render writes the PKI and every
// Ignition config (bare metal: one per host, for PXE/iPXE or a USB stick); apply HOST also copies
// the host's config over SSH and applies it there.
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { renderBootstrap } from '../bootstrap/index.js';
import { renewBootstrapTokenIfDue } from '../bootstrap/pki/token-renewal.js';
import type { ClusterConfig } from '../config-schema/types.js';
import type { CommonOptions } from '../lib/cli.js';
import type { Inventory } from '../lib/contracts.js';
import { EXIT_INVALID, UserError } from '../lib/errors.js';
import type { ClusterPaths } from '../lib/paths.js';
import { loadCluster } from './load-cluster.js';
import { bareMetalInventory } from '../providers/baremetal/inventory.js';
import { cloudInventory } from '../providers/common/inventory.js';

/** Zones a cloud render assumes before phase 1 has run (the providers use at least two). */
const RENDER_ZONES = 2;

export async function inventoryFor(c: ClusterConfig, paths: ClusterPaths): Promise<Inventory> {
  if (c.phase1.cloudProvider === 'baremetal') return bareMetalInventory(c);
  if (c.phase1.cloudProvider === 'local') {
    // The local target's addresses and endpoint follow from the config: nothing is provisional.
    const { localInventory, localLayout } = await import('../providers/local/index.js');
    return localInventory(c, localLayout(c, paths));
  }
  return cloudInventory(c, RENDER_ZONES);
}

const load = loadCluster;

async function render(config: ClusterConfig, paths: ClusterPaths) {
  const inventory = await inventoryFor(config, paths);
  const messages: string[] = [];
  // Bare metal has no deploy: phase 2 alone replaces a bootstrap token that is about to expire.
  const renewed = renewBootstrapTokenIfDue(paths.pki, config.phase2.pki.bootstrapTokenValidityDays);
  if (renewed) messages.push(renewed);
  const bundles = await renderBootstrap(config, inventory, paths, { onMessage: (m) => messages.push(m) });
  return { inventory, bundles, messages };
}

/** A path as the user typed it would be: relative under the working directory, absolute elsewhere. */
const rel = (p: string) => {
  const r = relative(process.cwd(), p);
  return r.startsWith('..') ? p : r || '.';
};

export async function bootstrapRenderCommand(opts: CommonOptions): Promise<number> {
  const { config, paths } = await load(opts);
  const { inventory, bundles, messages } = await render(config, paths);
  const files = bundles.map((b) => ({
    id: b.id,
    roles: b.roles,
    full: join(paths.ignition, `${b.id}.ign`),
    pointer: b.pointer ? join(paths.ignition, `${b.id}.pointer.ign`) : undefined,
  }));
  if (opts.output === 'json') {
    process.stdout.write(JSON.stringify({ cluster: config.name, pki: paths.pki, kubeconfig: paths.kubeconfig, messages, configs: files }, null, 2) + '\n');
    return 0;
  }
  for (const m of messages) process.stderr.write(`${m}\n`);
  if (inventory.apiEndpoint.provisional) {
    process.stderr.write(`note: ${config.phase1.cloudProvider} cluster: the API endpoint is a stand-in until phase 1 has run; \`kube-anywhere deploy\` renders the real configs\n`);
  }
  process.stdout.write(`PKI: ${rel(paths.pki)}/  admin kubeconfig: ${rel(paths.kubeconfig)}\n`);
  for (const f of files) process.stdout.write(`${rel(f.full)}  (${f.roles.join(', ')})${f.pointer ? `  pointer: ${rel(f.pointer)}` : ''}\n`);
  return 0;
}

export async function bootstrapApplyCommand(host: string, opts: CommonOptions): Promise<number> {
  const { config, paths } = await load(opts);
  const bm = config.phase1.baremetal;
  if (config.phase1.cloudProvider !== 'baremetal') {
    throw new UserError(`error: ${opts.config}: phase1.cloudProvider is "${config.phase1.cloudProvider}"; \`bootstrap apply\` is for bare metal hosts (clouds get their configs at boot through \`kube-anywhere deploy\`)`, EXIT_INVALID);
  }
  const known = bm.hosts.map((h) => `${h.name} (${h.ip})`).join(', ');
  const h = bm.hosts.find((x) => x.name === host || x.ip === host);
  if (!h) throw new UserError(`error: host "${host}" is not in ${opts.config} phase1.baremetal.hosts; known hosts: ${known}`, EXIT_INVALID);
  const { messages } = await render(config, paths); // current PKI and configs first (a no-op when nothing changed)
  for (const m of messages) process.stderr.write(`${m}\n`);
  const file = join(paths.ignition, `${h.name}.ign`);
  const { applyOverSsh } = await import('../bootstrap/delivery/ssh.js'); // execa is loaded only to apply
  const out = await applyOverSsh(
    { name: h.name, address: h.ip, user: h.sshUser ?? bm.ssh.user, port: h.sshPort ?? bm.ssh.port, identityFile: bm.ssh.identityFile || undefined },
    readFileSync(file),
  );
  process.stdout.write(`${h.name}: applied ${rel(file)}\n${out ? `  ${out}\n` : ''}`);
  return 0;
}
