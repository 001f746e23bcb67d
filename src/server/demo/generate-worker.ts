import { parentPort, workerData } from 'node:worker_threads';
import { loadBuiltinRules } from '../../rules/rule-pack.js';
import { DEMO_SIZES, generateRepository, syntheticWorld, type DemoSize } from './synthetic-history.js';

// Generates demo repositories on its own thread, so the seed appends one repository while the next is made:
// the same world from the same options, one repository per message (its index), answered in order.
const options = workerData as { seed: number; size: DemoSize; end: string };
const world = syntheticWorld({ seed: options.seed, ...DEMO_SIZES[options.size], rules: await loadBuiltinRules(), end: new Date(options.end) });
parentPort!.on('message', (index: number) => {
  const { records, snapshots, analyses } = generateRepository(world, index);
  parentPort!.postMessage({ index, records, snapshots, analyses });
});
