// Rendering: each enabled addon's handlebars template -> YAML documents -> labelled, schema-checked
// objects -> clusters/<name>/addons/NN-<addon>.yaml (0600: node-bootstrap holds a token Secret).
// Nothing is written unless every object of every addon is valid.
import { readdirSync, readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { fromYamlAll } from '../lib/yaml.js';
import type { ClusterConfig } from '../config-schema/types.js';
import type { AddonSet, Inventory } from '../lib/contracts.js';
import { UserError } from '../lib/errors.js';
import { ensureDir, writeFileAtomic } from '../lib/files.js';
import { packageFile, type ClusterPaths } from '../lib/paths.js';
import { ADDON_LABEL, MANAGED_BY, MANAGED_BY_LABEL, type Addon, type AddonContext } from './addon.js';
import { ADDONS, addonFileName } from './catalog.js';
import { schemaProblems, type K8sObject } from './schema.js';
import { addonImages } from './versions.js';
import { NODE_LOCAL_API } from '../lib/contracts.js';

const hbs = Handlebars.create();
// json: a value as a JSON scalar, which is also a valid YAML scalar (quotes, escapes) in any position.
hbs.registerHelper('json', (v: unknown) => JSON.stringify(v));
hbs.registerHelper('string', (v: unknown) => String(v));
hbs.registerHelper('b64', (v: unknown) => Buffer.from(String(v)).toString('base64'));
// labels: an object's labels, as a JSON map: the key="value" pairs given, and the addon's own.
hbs.registerHelper('labels', (options: Handlebars.HelperOptions) =>
  JSON.stringify({ ...options.hash, [ADDON_LABEL]: options.data.root.addon, [MANAGED_BY_LABEL]: MANAGED_BY }),
);

const compiled = new Map<string, HandlebarsTemplateDelegate>();
function template(a: Addon): HandlebarsTemplateDelegate {
  const file = packageFile('addons', a.dir, a.template);
  let t = compiled.get(file);
  if (!t) {
    // strict: a name the template uses but the values lack is an error, never an empty string.
    t = hbs.compile(readFileSync(file, 'utf8'), { noEscape: true, strict: true });
    compiled.set(file, t);
  }
  return t;
}

export function apiUrl(host: string, port: number): string {
  return `https://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

export interface RenderedAddon {
  order: number;
  name: string;
  /** addons/<dir>/<template>, for messages. */
  source: string;
  file: string;
  /** The template's output: written as is, so the file holds exactly what was checked. */
  text: string;
  manifests: K8sObject[];
}

/** Renders the enabled addons in memory (no file written), labelled and schema-checked. */
export async function renderAddonObjects(config: ClusterConfig, inventory: Inventory, paths: ClusterPaths): Promise<RenderedAddon[]> {
  // Node agents (kube-proxy, flannel, calico) reach the API on their own node: a master's own API
  // server, or the node-local balancer of every other node (phase 2). Never the public endpoint.
  const { host, port } = NODE_LOCAL_API;
  const ctx: AddonContext = { config, inventory, paths, images: addonImages(config), api: { host, port, url: apiUrl(host, port) } };
  const rendered: RenderedAddon[] = [];
  const problems: string[] = [];
  for (const a of ADDONS.filter((x) => x.enabled(config))) {
    const source = `addons/${a.dir}/${a.template}`;
    let text: string;
    try {
      text = template(a)({ ...a.values(ctx), addon: a.name, images: ctx.images, api: ctx.api });
    } catch (e) {
      if (e instanceof UserError) throw e;
      throw new UserError(`error: ${source}: cannot render: ${(e as Error).message}`);
    }
    let manifests: K8sObject[] = [];
    try {
      manifests = fromYamlAll(text) as K8sObject[];
    } catch (e) {
      problems.push(`${source}: YAML: ${(e as Error).message}`);
    }
    // Pruning and the CNI check find objects by this label: an object without it would leak.
    for (const m of manifests)
      if ((m.metadata as { labels?: Record<string, string> } | undefined)?.labels?.[ADDON_LABEL] !== a.name)
        problems.push(`${source}: ${String(m.kind)} ${String(m.metadata?.name)}: metadata.labels must be {{labels}} (label ${ADDON_LABEL}=${a.name})`);
    rendered.push({ order: a.order, name: a.name, source, file: join(paths.addons, addonFileName(a)), text, manifests });
  }
  const all = rendered.flatMap((r) => r.manifests);
  if (!problems.length) {
    const sourceOf = new Map(rendered.flatMap((r) => r.manifests.map((m) => [m, r.source] as const)));
    for (const p of await schemaProblems(all)) problems.push(`${sourceOf.get(p.object)}: ${p.message}`);
  }
  if (problems.length) throw new UserError(`error: the rendered addons are not valid Kubernetes objects (nothing written):`, 1, problems);
  return rendered;
}

const ADDON_FILE = /^\d{2}-[a-z0-9-]+\.yaml$/;

/** renderAddons (addons/index.ts): renders, checks, then writes NN-<name>.yaml and removes files of addons now off. */
export async function renderAndWrite(config: ClusterConfig, inventory: Inventory, paths: ClusterPaths): Promise<{ set: AddonSet; rendered: RenderedAddon[] }> {
  const rendered = await renderAddonObjects(config, inventory, paths);
  ensureDir(paths.addons, 0o700);
  const keep = new Set(rendered.map((r) => r.file));
  for (const r of rendered) {
    const header = `# ${r.name}: rendered by kube-anywhere from ${r.source} (apply order ${r.order}). Do not edit: edit the config and re-render.\n`;
    writeFileAtomic(r.file, header + r.text.replace(/^\s*\n/, ''), 0o600);
  }
  for (const f of readdirSync(paths.addons)) if (ADDON_FILE.test(f) && !keep.has(join(paths.addons, f))) unlinkSync(join(paths.addons, f));
  return { set: { addons: rendered.map((r) => ({ order: r.order, name: r.name, manifests: r.manifests })) }, rendered };
}
