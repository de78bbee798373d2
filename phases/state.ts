// clusters/<name>/state.json: which deploy steps are done, each with the hash of its inputs.
// A re-run skips a step whose inputs are unchanged; a step that failed or was interrupted is not
// recorded, so the next run does it again (terraform itself continues from its own state).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { EXIT_INVALID, UserError } from '../lib/errors.js';
import { writeFileAtomic } from '../lib/files.js';

export type StepName = 'network' | 'bootstrap' | 'nodes' | 'addons';

export interface StepRecord {
  /** sha256 of the step's inputs (synthesized stack, configs). */
  hash: string;
  /** When the step last completed (ISO 8601). */
  at: string;
  /** What the step produced that later steps need (terraform outputs: no secrets). */
  outputs?: Record<string, unknown>;
}

export interface DeployStateData {
  version: 1;
  cluster: string;
  cloud: string;
  steps: Partial<Record<StepName, StepRecord>>;
}

export function hashOf(...parts: (string | Buffer)[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p).update('\0');
  return h.digest('hex');
}

export class DeployState {
  private constructor(
    readonly file: string,
    readonly data: DeployStateData,
  ) {}

  static exists(file: string): boolean {
    return existsSync(file);
  }

  static load(file: string, cluster: string, cloud: string): DeployState {
    if (!existsSync(file)) return new DeployState(file, { version: 1, cluster, cloud, steps: {} });
    let data: DeployStateData;
    try {
      data = JSON.parse(readFileSync(file, 'utf8')) as DeployStateData;
    } catch (e) {
      throw new UserError(`error: ${file} is not valid JSON (${(e as Error).message}); move it away to start over (terraform state is kept elsewhere)`);
    }
    if (data.version !== 1 || typeof data.steps !== 'object') throw new UserError(`error: ${file}: unknown state format; move it away to start over`);
    if (data.cluster !== cluster || data.cloud !== cloud) {
      throw new UserError(
        `error: ${file} records cluster "${data.cluster}" on ${data.cloud}, but the config says "${cluster}" on ${cloud}. ` +
          `Destroy that deployment with the config it was made from first, or use another --state-dir.`,
        EXIT_INVALID,
      );
    }
    return new DeployState(file, data);
  }

  step(name: StepName): StepRecord | undefined {
    return this.data.steps[name];
  }

  /** Done with exactly these inputs. */
  isDone(name: StepName, hash: string): boolean {
    return this.data.steps[name]?.hash === hash;
  }

  markDone(name: StepName, hash: string, outputs?: Record<string, unknown>): void {
    this.data.steps[name] = { hash, at: new Date().toISOString(), ...(outputs ? { outputs } : {}) };
    this.save();
  }

  clear(name: StepName): void {
    delete this.data.steps[name];
    this.save();
  }

  anyDone(): boolean {
    return Object.keys(this.data.steps).length > 0;
  }

  save(): void {
    writeFileAtomic(this.file, JSON.stringify(this.data, null, 2) + '\n', 0o600);
  }
}
