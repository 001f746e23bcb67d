import { parse } from '@ast-grep/napi';
import { registerParsers } from '/work/main/dist/src/languages/registry.js'; registerParsers();
import { loadBuiltinRules } from '/work/main/dist/src/rules/rule-pack.js';
const lang = process.argv[2] ?? 'python';
const rules = (await loadBuiltinRules()).filter(r => r.languages.includes(lang));
const root = parse(lang, '').root();
const cost = (cfg) => { const t = process.hrtime.bigint(); for (let i = 0; i < 20; i++) root.findAll(cfg); return Number(process.hrtime.bigint() - t) / 1e6 / 20; };
let sum = 0; const lines = [];
for (const r of rules) {
  const parts = [];
  if (r.matchers[lang]) parts.push(['match', cost(r.matchers[lang])]);
  const t = r.taint?.[lang];
  if (t) for (const k of ['sources', 'sanitizers', 'guards']) if (t[k]?.length) parts.push([k, cost({ rule: { any: t[k] } })]);
  const total = parts.reduce((a, [, ms]) => a + ms, 0); sum += total;
  lines.push([total, `${total.toFixed(3).padStart(6)} ${r.id} ${parts.map(([k, ms]) => `${k}=${ms.toFixed(2)}`).join(' ')} ${r.prefilter ? 'pf' : ''}`]);
}
lines.sort((a, b) => b[0] - a[0]).slice(0, 12).forEach(l => console.log(l[1]));
console.log('sum', sum.toFixed(2), rules.length);
