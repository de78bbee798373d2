// Builds an Ignition spec 3.3.0 config (https://coreos.github.io/ignition/configuration-v3_3/)
// from files, directories and systemd units. Contents travel as base64 data URLs.
import type { IgnitionConfig } from '../../lib/contracts.js';

export const IGNITION_VERSION = '3.3.0';

interface IgnFile {
  path: string;
  mode: number;
  overwrite: boolean;
  contents: { source: string };
  user?: { id: number };
  group?: { id: number };
}

interface IgnUnit {
  name: string;
  enabled?: boolean;
  contents?: string;
  dropins?: { name: string; contents: string }[];
}

export const dataUrl = (content: string): string => `data:;base64,${Buffer.from(content).toString('base64')}`;

export class IgnitionBuilder {
  private files = new Map<string, IgnFile>();
  private directories = new Map<string, { path: string; mode: number; overwrite: boolean }>();
  private units = new Map<string, IgnUnit>();

  /**
   * A file owned by root, or by the numeric `owner` (user and group; a non-root static pod's key).
   * Secrets get 0600. A later call for the same path replaces the earlier one.
   */
  file(path: string, content: string, mode = 0o644, owner?: number): this {
    const f: IgnFile = { path, mode, overwrite: true, contents: { source: dataUrl(content) } };
    if (owner !== undefined) Object.assign(f, { user: { id: owner }, group: { id: owner } });
    this.files.set(path, f);
    return this;
  }

  directory(path: string, mode = 0o755): this {
    this.directories.set(path, { path, mode, overwrite: false });
    return this;
  }

  unit(name: string, contents: string | undefined, enabled = true): this {
    const u = this.units.get(name) ?? { name };
    if (contents !== undefined) u.contents = contents;
    u.enabled = enabled;
    this.units.set(name, u);
    return this;
  }

  dropin(unit: string, name: string, contents: string): this {
    const u = this.units.get(unit) ?? { name: unit };
    u.dropins = [...(u.dropins ?? []).filter((d) => d.name !== name), { name, contents }];
    this.units.set(unit, u);
    return this;
  }

  build(): IgnitionConfig {
    const byPath = <T extends { path: string }>(m: Map<string, T>) => [...m.values()].sort((a, b) => a.path.localeCompare(b.path));
    return {
      ignition: { version: IGNITION_VERSION },
      storage: { directories: byPath(this.directories), files: byPath(this.files) },
      systemd: { units: [...this.units.values()].sort((a, b) => a.name.localeCompare(b.name)) },
    };
  }
}
