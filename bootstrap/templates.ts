// Handlebars templates shipped beside the code (bootstrap/manifests, bootstrap/units): compiled
// once per process. YAML templates are parsed right after rendering, so nothing ships unparsed.
import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import { fromYaml } from '../lib/yaml.js';
import { packageFile } from '../lib/paths.js';

const hbs = Handlebars.create();
// json: a value as a JSON string/scalar, which is also a valid TOML basic string or YAML scalar.
hbs.registerHelper('json', (v: unknown) => JSON.stringify(v));

const compiled = new Map<string, HandlebarsTemplateDelegate>();

/** Renders bootstrap/<dir>/<name> with `context`. No HTML escaping: the output is YAML, INI or shell. */
export function renderTemplate(dir: 'manifests' | 'units', name: string, context: object): string {
  const file = packageFile('bootstrap', dir, name);
  let t = compiled.get(file);
  if (!t) {
    t = hbs.compile(readFileSync(file, 'utf8'), { noEscape: true, strict: true });
    compiled.set(file, t);
  }
  return t(context);
}

/** Renders a YAML template and parses it: a template that does not give YAML fails here, naming itself. */
export function renderYaml<T = Record<string, unknown>>(dir: 'manifests' | 'units', name: string, context: object): T {
  const text = renderTemplate(dir, name, context);
  try {
    return fromYaml(text) as T;
  } catch (e) {
    throw new Error(`bootstrap/${dir}/${name} rendered invalid YAML: ${(e as Error).message}`);
  }
}
