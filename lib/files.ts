import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';

/** mkdir -p with a mode applied to the last directory (0700 for secrets). */
export function ensureDir(dir: string, mode = 0o755): void {
  mkdirSync(dir, { recursive: true, mode });
  chmodSync(dir, mode);
}

/**
 * Write a file so that a reader (or a crash) never sees half of it: write a temporary file beside
 * it with the final mode, then rename over the target. Returns false when the content is unchanged
 * (the file is not touched, so re-runs keep mtimes and change nothing).
 */
export function writeFileAtomic(file: string, data: string | Buffer, mode = 0o644): boolean {
  const buf = typeof data === 'string' ? Buffer.from(data) : data;
  if (existsSync(file)) {
    const old = readFileSync(file);
    if (old.equals(buf)) {
      chmodSync(file, mode);
      return false;
    }
  }
  mkdirSync(dirname(file), { recursive: true });
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  writeFileSync(tmp, buf, { mode });
  chmodSync(tmp, mode);
  renameSync(tmp, file);
  return true;
}
