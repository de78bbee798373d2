// The local target's own files (HAProxy and registry configs, what a machine root needs), kept as
// readable files in providers/local/templates and rendered with Handlebars.
import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import { packageFile } from '../../lib/paths.js';

export const localTemplateFile = (name: string) => packageFile('providers', 'local', 'templates', name);

export function renderLocalTemplate(name: string, context: object = {}): string {
  return Handlebars.compile(readFileSync(localTemplateFile(name), 'utf8'), { noEscape: true, strict: true })(context);
}
