// One CDKTF stack, synthesized to <outDir>/cdk.tf.json, with the Terraform state backend the config
// asks for. Every cloud builds its stacks through here. Provider classes are imported by deep path only: a
// provider package's root pulls in every construct and doubles the start-up time (DESIGN.md, "Decisions").
// cdktf's own root is fine (the provider packages load it anyway) and must come first: its files
// import each other in a cycle that only resolves when entered through lib/index.js.
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { Construct } from 'constructs';
import { App, TerraformStack, LocalBackend, S3Backend, GcsBackend, AzurermBackend } from 'cdktf';
import { invokeAspects } from 'cdktf/lib/synthesize/synthesizer.js';
import type { ClusterConfig } from '../../config-schema/types.js';
import { ensureDir, writeFileAtomic } from '../../lib/files.js';
import type { StackName } from './provider.js';

/** The state file of a local backend, relative to the stack directory terraform runs in. */
export const LOCAL_STATE_FILE = 'terraform.tfstate';

export interface BackendOptions {
  /** Extra settings for the S3 backend, e.g. endpoints of an emulator (the AWS provider passes its overrides). */
  s3?: Record<string, unknown>;
}

/** Declares the state backend of config.phase1.terraform on a stack: one state per cluster and stack. */
export function addBackend(stack: TerraformStack, c: ClusterConfig, name: StackName, opts: BackendOptions = {}): void {
  const tf = c.phase1.terraform;
  switch (tf.backend) {
    case 'local':
      new LocalBackend(stack, { path: LOCAL_STATE_FILE });
      return;
    case 's3':
      new S3Backend(stack, {
        bucket: tf.s3.bucket,
        key: `${tf.s3.keyPrefix}/${c.name}/${name}.tfstate`,
        region: tf.s3.region,
        encrypt: true,
        ...(tf.s3.dynamodbTable ? { dynamodbTable: tf.s3.dynamodbTable } : {}),
        ...opts.s3,
      });
      return;
    case 'gcs':
      new GcsBackend(stack, { bucket: tf.gcs.bucket, prefix: `${tf.gcs.prefix}/${c.name}/${name}` });
      return;
    case 'azurerm':
      new AzurermBackend(stack, {
        resourceGroupName: tf.azurerm.resourceGroupName,
        storageAccountName: tf.azurerm.storageAccountName,
        containerName: tf.azurerm.containerName,
        key: `${c.name}/${name}.tfstate`,
      });
      return;
  }
}

/**
 * Builds one stack with `build` and writes <outDir>/cdk.tf.json (unchanged files are not touched).
 * We resolve the stack ourselves instead of App.synth(): no manifest, no stacks/ sub-directory, and
 * the JSON lands exactly where terraform runs.
 */
export function synthStack(
  c: ClusterConfig,
  name: StackName,
  outDir: string,
  build: (scope: Construct) => void,
  opts: BackendOptions = {},
): string {
  ensureDir(outDir);
  // The App writes an (unused) manifest folder into its outdir: keep that out of the cluster directory.
  const app = new App({ outdir: tmpdir(), skipValidation: true });
  const stack = new TerraformStack(app, name);
  addBackend(stack, c, name, opts);
  build(stack);
  invokeAspects(stack);
  const json = stack.toTerraform();
  const file = join(outDir, 'cdk.tf.json');
  writeFileAtomic(file, JSON.stringify(json, null, 2) + '\n');
  return file;
}
