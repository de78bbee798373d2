// clusters/<name>/local/record.json: everything a local cluster made on this host, written BEFORE
// each thing is made. `destroy` undoes exactly what it lists, so an interrupted deploy, or a config
// changed since, still leaves nothing behind; and it never touches what it did not make.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../../lib/errors.js';
import { writeFileAtomic } from '../../lib/files.js';

export interface MachineRecord {
  name: string;
  netns: string;
  hostVeth: string;
  ip: string;
  /** The root file system directory. */
  root: string;
  /** systemd-nspawn --uuid: the machine's first-boot machine-id (unique per machine). */
  uuid: string;
  /** sha256 of the Ignition config applied to the root: a changed config replaces the machine. */
  ignitionHash?: string;
  /** One cgroup per v1 controller (or one in the unified hierarchy), so machines do not collide. */
  cgroups: string[];
}

export interface LocalRecord {
  version: 1;
  cluster: string;
  bridge?: string;
  /** Namespaces besides the machines': the load balancer's and the mirror's. */
  netns: string[];
  iptables: { table: string; chain: string; spec: string[] }[];
  /** ip_forward as it was before this cluster turned it on ("0" or "1"); restored by destroy. */
  ipForwardBefore?: string;
  /** Global kernel settings as they were before the machines' sysctl files could change them. */
  sysctlsBefore: Record<string, string>;
  machines: Record<string, MachineRecord>;
}

export class HostRecord {
  private constructor(
    readonly file: string,
    readonly data: LocalRecord,
  ) {}

  static fileIn(dir: string): string {
    return join(dir, 'record.json');
  }

  static load(dir: string, cluster: string): HostRecord {
    const file = HostRecord.fileIn(dir);
    if (!existsSync(file)) return new HostRecord(file, { version: 1, cluster, netns: [], iptables: [], sysctlsBefore: {}, machines: {} });
    let data: LocalRecord;
    try {
      data = JSON.parse(readFileSync(file, 'utf8')) as LocalRecord;
    } catch (e) {
      throw new UserError(`error: ${file} is not valid JSON (${(e as Error).message}): it lists what the local cluster made on this host; repair it or remove those things by hand (see README, "Try it locally")`);
    }
    if (data.cluster !== cluster) throw new UserError(`error: ${file} belongs to cluster "${data.cluster}", not "${cluster}"; nothing was touched`);
    return new HostRecord(file, data);
  }

  save(): void {
    writeFileAtomic(this.file, JSON.stringify(this.data, null, 2) + '\n', 0o600);
  }

  update(fn: (d: LocalRecord) => void): void {
    fn(this.data);
    this.save();
  }

  isEmpty(): boolean {
    const d = this.data;
    return !d.bridge && d.netns.length === 0 && d.iptables.length === 0 && Object.keys(d.machines).length === 0;
  }
}
