// An offline site's mirror on the cluster's bridge, over what `make offline-artifacts` built: the
// image registry (Debian's docker-registry, read-only) and a file server for the downloads
// (python3 -m http.server). phase2.downloads.baseUrl and phase2.images.mirrors point here.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ClusterConfig } from '../../config-schema/types.js';
import { EXIT_INVALID, UserError } from '../../lib/errors.js';
import { writeFileAtomic } from '../../lib/files.js';
import { runningPid, startDaemon, type Daemon } from './daemons.js';
import type { LocalLayout } from './layout.js';
import { cacheDir } from './rootfs.js';
import { renderLocalTemplate } from './template.js';

export function artifactsDir(c: ClusterConfig, env = process.env): string {
  return c.phase1.local.artifactsDir || join(cacheDir(env), 'offline', `v${c.kubernetesVersion}`);
}

export const registryDaemon = (l: LocalLayout): Daemon => ({ pidFile: join(l.dir, 'registry.pid'), marker: join(l.dir, 'registry.yml') });
export const filesDaemon = (l: LocalLayout, dir: string): Daemon => ({ pidFile: join(l.dir, 'files.pid'), marker: join(dir, 'downloads') });

export function checkArtifacts(c: ClusterConfig, configFile: string): string {
  const dir = artifactsDir(c);
  if (!existsSync(join(dir, '.complete'))) {
    throw new UserError(
      `error: ${configFile}: phase1.local.offline is on, but ${dir} holds no complete offline artifacts for Kubernetes ${c.kubernetesVersion}. ` +
        `Build them first: make offline-artifacts VERSION=${c.kubernetesVersion} (or set phase1.local.artifactsDir). Nothing was changed.`,
      EXIT_INVALID,
    );
  }
  return dir;
}

async function started(d: Daemon, what: string, log: string): Promise<void> {
  for (let i = 0; i < 30 && !runningPid(d); i++) await sleep(100);
  if (!runningPid(d)) throw new UserError(`error: the offline site's ${what} exited at once; see ${log}`);
}

export async function ensureMirror(l: LocalLayout, dir: string, logDir: string): Promise<boolean> {
  const m = l.mirror!;
  let changed = false;
  const cfg = join(l.dir, 'registry.yml');
  writeFileAtomic(cfg, renderLocalTemplate('registry.yml.hbs', { root: join(dir, 'registry'), ip: m.ip, port: m.registryPort }), 0o644);
  const reg = registryDaemon(l);
  if (!runningPid(reg)) {
    const log = join(logDir, 'registry.log');
    startDaemon(reg, ['ip', 'netns', 'exec', m.netns, 'docker-registry', 'serve', cfg], log);
    await started(reg, 'registry', log);
    changed = true;
  }
  const files = filesDaemon(l, dir);
  if (!runningPid(files)) {
    const log = join(logDir, 'files.log');
    startDaemon(files, ['ip', 'netns', 'exec', m.netns, 'python3', '-m', 'http.server', String(m.filesPort), '--bind', m.ip, '--directory', join(dir, 'downloads')], log);
    await started(files, 'file server', log);
    changed = true;
  }
  return changed;
}
