import fc from 'fast-check';
import { stringify } from 'yaml';
import type { FuzzInput, YamlPlacement } from './fuzz-input.js';

// Hostile `.loopwarden.yml` and rule files: what an agent editing the repository can put where loopwarden reads.

const CONFIG_KEYS = [
  'scan', 'policy', 'rules', 'include', 'exclude', 'maxFileSize', 'failOn', 'select', 'ignore', 'chain', 'maxConsecutiveAiIterations',
  'humanIterationEndsChain', 'findings', 'block', 'reviewRequired', 'warn', 'complexity', 'functionCyclomaticIncrease', 'review',
  'allowedSigners', 'overrides', '__proto__', 'constructor', 'prototype', '<<', '', ' ', 'polcy', 'id', 'languages', 'cwe', 'severity',
  'confidence', 'message', 'fix', 'references', 'rule', 'taint', 'sources', 'sinks', 'pattern', 'kind', 'has', 'inside', 'not', 'any', 'all',
  'metavariables', 'regex', 'constraints', 'utils',
];
const VALUES = ['high', 'critical', 'none', 'python', 'CWE-89', '.', '..', '/', '/proc/self', '../../..', '/dev/zero', '$$$', '$X', '(?i)a+$', '(a+)+$', '*', '**'];

const yamlValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...VALUES),
    fc.string({ maxLength: 40 }),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(fc.constantFrom(...CONFIG_KEYS), tie('value'), { maxKeys: 5 }),
  ),
})).value;

/** A config or rule shaped by fast-check from the real keys, with wrong types, odd values and `__proto__` keys. */
const structuredYaml = fc
  .record({ value: fc.dictionary(fc.constantFrom(...CONFIG_KEYS), yamlValue, { maxKeys: 6 }), cut: fc.option(fc.double({ min: 0, max: 1, noNaN: true })) })
  .map(({ value, cut }) => {
    const text = stringify(value);
    return { label: `structured YAML${cut !== null ? ' (truncated)' : ''}`, text: cut !== null ? text.slice(0, Math.floor(text.length * cut)) : text };
  });

/** Anchors nested `levels` deep, each referring `width` times to the one before ("billion laughs"). */
function aliasBomb(width: number, levels: number): string {
  const lines = [`l0: &l0 [${Array(width).fill('lol').join(', ')}]`];
  for (let level = 1; level < levels; level++) lines.push(`l${level}: &l${level} [${Array(width).fill(`*l${level - 1}`).join(', ')}]`);
  return `${lines.join('\n')}\npolicy: *l${levels - 1}\n`;
}

const knownAttacks = fc.oneof(
  fc.record({ width: fc.integer({ min: 2, max: 20 }), levels: fc.integer({ min: 2, max: 12 }) }).map(({ width, levels }) => ({ label: `alias bomb ${width}^${levels}`, text: aliasBomb(width, levels) })),
  fc.constantFrom('missing', 'a', 'l0', '').map((name) => ({ label: `alias *${name} without anchor`, text: `scan:\n  rules: *${name}\n` })),
  fc.constantFrom('scan: &s\n  rules: *s\n', 'a: &x [*x]\n', 'rule: &r\n  not: *r\n', 'policy: &p {chain: *p}\n').map((text) => ({ label: 'alias cycle', text })),
  fc.integer({ min: 500, max: 400_000 }).map((depth) => ({ label: `brackets ${depth} deep`, text: `policy: ${'['.repeat(depth)}${']'.repeat(depth)}\n` })),
  fc.integer({ min: 500, max: 300_000 }).map((depth) => ({ label: `unclosed braces ${depth} deep`, text: `scan: ${'{a: '.repeat(depth)}\n` })),
  fc.integer({ min: 100, max: 1400 }).map((depth) => ({ label: `block mapping ${depth} deep`, text: Array.from({ length: depth }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') })),
  fc.integer({ min: 100, max: 1400 }).map((depth) => ({ label: `block sequence ${depth} deep`, text: Array.from({ length: depth }, (_, i) => `${' '.repeat(i)}-`).join('\n') })),
  fc.integer({ min: 1_048_000, max: 1_100_000 }).map((size) => ({ label: `${size} bytes`, text: `policy: {}\n# ${'x'.repeat(size)}\n` })),
  fc.integer({ min: 1, max: 5000 }).map((count) => ({ label: `${count} documents`, text: 'scan: {}\n---\n'.repeat(count) })),
  fc.constantFrom('!!binary', '!!timestamp', '!!js/function', '!!python/object', '!custom', '!!set', '!!omap', '!!map', '!!seq', '!<tag:yaml.org,2002:str>').map((tag) => ({ label: `tag ${tag}`, text: `scan:\n  failOn: ${tag} high\npolicy: ${tag} {}\n` })),
  fc.constantFrom(
    'scan: {}\nscan: {}\n',
    'a: &a {failOn: high}\nscan:\n  <<: *a\n',
    '__proto__: {polluted: true}\n',
    'scan:\n  __proto__:\n    failOn: none\n',
    '? [a, b]\n: c\n',
    '? {a: b}\n: c\n',
    '"\\u0000": 1\n',
    'scan:\n  maxFileSize: 1e400\n',
    'scan:\n  maxFileSize: -0\n',
    'scan:\n  maxFileSize: .nan\n',
    'scan:\n  rules: [/]\n',
    'scan:\n  rules: [../../../../../../..]\n',
    'scan:\n  rules: [/proc/self/root]\n',
    'scan:\n  rules: ["\\0"]\n',
    '%YAML 1.1\n---\nscan: {}\n',
    '%TAG ! tag:evil,2000:\n---\nscan: !x {}\n',
    '\ufeffscan: {}\n',
    'scan:\r\n  failOn: high\r\n',
    '\t\tscan: {}\n',
  ).map((text) => ({ label: 'odd YAML', text })),
);

/** Hostile YAML: known attacks, fast-check-shaped configs and rules, random bytes, and files that are not files. */
export const hostileYaml = (): fc.Arbitrary<FuzzInput> =>
  fc.oneof(
    { weight: 4, arbitrary: knownAttacks.map(({ label, text }) => yamlFile(label, Buffer.from(text, 'utf8'))) },
    { weight: 4, arbitrary: structuredYaml.map(({ label, text }) => yamlFile(label, Buffer.from(text, 'utf8'))) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 4096 }).map((bytes) => yamlFile(`${bytes.length} random bytes`, Buffer.from(bytes))) },
    {
      weight: 1,
      arbitrary: fc.constantFrom<YamlPlacement>('fifo', 'link-loop', 'dangling-link', 'link-to-dev-zero', 'directory').map((placement) => ({
        target: 'yaml' as const,
        label: `config that is a ${placement}`,
        placement,
        bytes: Buffer.alloc(0),
      })),
    },
  );

const yamlFile = (label: string, bytes: Buffer): FuzzInput => ({ target: 'yaml', label, placement: 'file', bytes });
