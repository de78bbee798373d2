// Applies a rendered Ignition config to a machine root with the real Ignition, before the machine's
// first boot, as a cloud image's initramfs would: the fetch-offline stage reads the config, the files
// stage writes files, units and presets into the root.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { UserError } from '../../lib/errors.js';

export async function ignite(ignition: string, configFile: string, root: string, stateDir: string, logFile: string): Promise<void> {
  mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  // Ignition relabels what it wrote with setfiles when the root has an SELinux policy type; no
  // SELinux runs in these machines, so a no-op setfiles stands in.
  const bin = mkdtempSync(join(tmpdir(), 'ka-ignite-'));
  try {
    writeFileSync(join(bin, 'setfiles'), '#!/bin/sh\nexit 0\n');
    chmodSync(join(bin, 'setfiles'), 0o755);
    const log: string[] = [];
    for (const stage of ['fetch-offline', 'files']) {
      const r = await execa(
        ignition,
        ['-platform', 'file', '-root', root, '-config-cache', join(stateDir, 'config-cache.json'), '-state-file', join(stateDir, 'state'),
          '-neednet', join(stateDir, 'neednet'), '-log-to-stdout', '-stage', stage],
        { reject: false, all: true, env: { IGNITION_CONFIG_FILE: configFile, PATH: `${bin}:${process.env.PATH}` } },
      );
      log.push(`== ignition -stage ${stage}: exit ${r.exitCode}`, r.all ?? '');
      writeFileSync(logFile, log.join('\n') + '\n', { mode: 0o600 });
      if (r.exitCode !== 0) {
        const errors = (r.all ?? '').split('\n').filter((l) => /CRITICAL|ERROR|error/.test(l)).slice(-3);
        throw new UserError(`error: Ignition could not apply ${configFile} (stage ${stage}; log: ${logFile}):`, 1, errors);
      }
    }
  } finally {
    rmSync(bin, { recursive: true, force: true });
  }
}
