// The one YAML library of the runtime: js-yaml. It loads in a fraction of the time of the `yaml`
// package (a fresh CLI parses the addon manifests in ~30 ms with it, ~220 ms with `yaml`), which
// counts for a CLI that starts fresh each run. Tests read our output back with `yaml` (a dev
// dependency): a second, independent parser.
import { dump, load, loadAll } from 'js-yaml';

/** Block-style YAML, long strings never folded, no anchors for repeated objects. */
export const toYaml = (value: unknown): string => dump(value, { lineWidth: -1, noRefs: true });
export const fromYaml = (text: string): unknown => load(text);
/** Every document of a multi-document stream, empty documents dropped. */
export const fromYamlAll = (text: string): unknown[] => loadAll(text).filter((d) => d !== null && d !== undefined);
