// Where a scan's time goes at the native boundary: counts and times every @ast-grep/napi node call made
// while matching the rules of one language over a directory's files (single thread, after `npm run build`).
//   node bench/napi-calls.mjs python ../shared/corpora/owasp-benchmark-python/testcode [max-files]
import { readFileSync, readdirSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { parse } from '@ast-grep/napi';
import { languageById, registerParsers } from '../dist/src/languages/registry.js';
import { loadBuiltinRules } from '../dist/src/rules/rule-pack.js';
import { matchRules } from '../dist/src/engine/match.js';
import { parseSource } from '../dist/src/engine/parse.js';

const [languageId = 'python', dir = resolve('..', 'shared', 'corpora', 'owasp-benchmark-python', 'testcode'), max = '300'] = process.argv.slice(2);
registerParsers();
const language = languageById(languageId);
if (!language) throw new Error(`unknown language ${languageId}`);
const proto = Object.getPrototypeOf(parse(language.parserName, '').root());
const stats = {};
// What ast-grep compiles per search (it compiles the whole config on every call): patterns and regexes.
let compileUnits = 0;
for (const method of ['findAll', 'find', 'matches', 'children', 'namedChildren', 'field', 'kind', 'text', 'range', 'parent', 'ancestors', 'id', 'getMatch']) {
  const original = proto[method];
  if (!original) continue;
  proto[method] = function (...args) {
    if (method === 'findAll' || method === 'find' || method === 'matches') compileUnits += (JSON.stringify(args[0]).match(/"(pattern|regex)"/g) ?? []).length;
    const start = process.hrtime.bigint();
    try {
      return original.apply(this, args);
    } finally {
      const entry = (stats[method] ??= { calls: 0, ms: 0 });
      entry.calls++;
      entry.ms += Number(process.hrtime.bigint() - start) / 1e6;
    }
  };
}
const rules = (await loadBuiltinRules()).filter((rule) => rule.languages.includes(language.id));
const files = readdirSync(dir).filter((name) => language.extensions.includes(extname(name))).slice(0, Number(max));
const texts = files.map((name) => readFileSync(join(dir, name), 'utf8'));
const start = process.hrtime.bigint();
for (const text of texts) matchRules(parseSource(language, text), rules);
const total = Number(process.hrtime.bigint() - start) / 1e6;
console.log(`${files.length} ${language.id} files, ${rules.length} rules: ${total.toFixed(0)} ms, ${(total / files.length).toFixed(2)} ms per file (timing included)`);
console.log(`${(compileUnits / files.length).toFixed(1)} patterns and regexes compiled per file (a load-independent measure of search cost)`);
console.log('| call | calls | ms | µs per call | per file |');
console.log('|---|---|---|---|---|');
for (const [method, s] of Object.entries(stats).sort((a, b) => b[1].ms - a[1].ms)) {
  console.log(`| ${method} | ${s.calls} | ${s.ms.toFixed(0)} | ${((s.ms * 1000) / s.calls).toFixed(1)} | ${(s.calls / files.length).toFixed(0)} |`);
}
