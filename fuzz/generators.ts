import fc from 'fast-check';
import type { FuzzInput } from './fuzz-input.js';
import { deepNesting, hugeLine, oddFileName, randomBytes, tokenSoup, truncatedExample } from './source-generators.js';
import { hostileYaml } from './yaml-generators.js';

/** Every generator by name. */
export const GENERATORS = {
  'random-bytes': randomBytes,
  'truncated-example': truncatedExample,
  'token-soup': tokenSoup,
  'deep-nesting': deepNesting,
  'huge-line': hugeLine,
  'odd-file-name': oddFileName,
  'hostile-yaml': hostileYaml,
} as const satisfies Record<string, () => fc.Arbitrary<FuzzInput>>;

/**
 * How many of every 20 inputs each generator gets. Deep nesting and huge lines cost seconds an input (their
 * trees have hundreds of thousands of nodes); the rest cost milliseconds.
 */
const SHARES: Record<keyof typeof GENERATORS, number> = {
  'random-bytes': 4,
  'truncated-example': 4,
  'token-soup': 4,
  'deep-nesting': 1,
  'huge-line': 1,
  'odd-file-name': 2,
  'hostile-yaml': 4,
};

/** A generator's name. */
export type GeneratorName = keyof typeof GENERATORS;

/** Every generator name, in the order inputs are dealt. */
export const GENERATOR_NAMES = Object.keys(GENERATORS) as GeneratorName[];

const arbitraries = new Map<GeneratorName, fc.Arbitrary<FuzzInput>>();

/** Returns input number `index` of a run with `seed` over `generators`: the same input every time, in any process. */
export function generateInput(seed: number, index: number, generators: readonly GeneratorName[]): { generator: GeneratorName; input: FuzzInput } {
  const deal = dealingOrder(generators);
  const generator = deal[index % deal.length]!;
  let arbitrary = arbitraries.get(generator);
  if (!arbitrary) arbitraries.set(generator, (arbitrary = GENERATORS[generator]()));
  // One fast-check seed per input (a multiplicative hash of the index), so an input is rebuilt from (seed, index) alone.
  const inputSeed = (Math.imul(index + 1, 0x9e3779b1) ^ seed) | 0;
  return { generator, input: fc.sample(arbitrary, { seed: inputSeed, numRuns: 1 })[0]! };
}

/** Each generator repeated by its share, interleaved, so any stretch of inputs mixes them. */
function dealingOrder(generators: readonly GeneratorName[]): GeneratorName[] {
  const order: GeneratorName[] = [];
  for (let round = 0; round < Math.max(...generators.map((name) => SHARES[name])); round++) order.push(...generators.filter((name) => SHARES[name] > round));
  return order;
}
