// One fresh process: synthesize both AWS stacks (network, nodes) for a 3 masters + 3 dedicated
// etcd cluster with N workers, as `deploy` and `render` do. Run by aws.bench.ts under GNU time.
// Usage: node aws-synth.js <workers> <outDir>
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { awsProvider } from '../../providers/aws/index.js';
import { config, fakeBundles } from '../unit/aws/fixtures.js';

const [workers, outDir] = [Number(process.argv[2]), process.argv[3]];
// The same config for both counts, with a pod range big enough for 1000 workers.
const c = config({ name: 'bench', topology: { masters: 3, etcd: { placement: 'dedicated', count: 3 }, workers }, network: { podCidr: '10.64.0.0/12' } });
const ignitionDir = join(outDir, 'ignition');
const bundles = fakeBundles(c, ignitionDir);
const inventory = awsProvider.provisionalInventory(c);
let bytes = 0;
for (const stack of ['network', 'nodes'] as const) {
  const file = awsProvider.synth(stack, { config: c, inventory, bundles: stack === 'nodes' ? bundles : [], outDir: join(outDir, stack), ignitionDir });
  bytes += statSync(file).size;
}
process.stdout.write(`${bytes}\n`);
