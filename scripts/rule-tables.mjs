// Prints the README's rule tables (class × language) from the rule files, so the README stays true:
// `node scripts/rule-tables.mjs` after adding or removing a rule, and paste its output.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RULES = join(dirname(fileURLToPath(import.meta.url)), '..', 'rules');
const GROUPS = [
  { title: 'Python, JavaScript/TypeScript, Java, Go, C/C++', langs: [['python', 'Python'], ['javascript', 'JS / TS'], ['java', 'Java'], ['go', 'Go'], ['c', 'C / C++']] },
  { title: 'C#, PHP, Ruby, Rust', langs: [['csharp', 'C#'], ['php', 'PHP'], ['ruby', 'Ruby'], ['rust', 'Rust']] },
];

const rules = [];
for (const lang of readdirSync(RULES)) {
  for (const cls of readdirSync(join(RULES, lang))) {
    for (const file of readdirSync(join(RULES, lang, cls)).filter((f) => f.endsWith('.yml')).sort()) {
      const text = readFileSync(join(RULES, lang, cls, file), 'utf8');
      const cwe = (/^cwe: \[([^\]]*)\]/m.exec(text)?.[1] ?? '').split(',').map((c) => c.trim().replace(/^CWE-/, '')).filter(Boolean);
      rules.push({ id: file.replace(/\.yml$/, ''), lang, cls, cwe, taint: /^taint:/m.test(text) });
    }
  }
}
console.log(`${rules.length} rules, ${rules.filter((r) => r.taint).length} of them taint rules.\n`);
for (const group of GROUPS) {
  const langs = group.langs.map(([id]) => id);
  const inGroup = rules.filter((r) => langs.includes(r.lang));
  const classes = [...new Set(inGroup.map((r) => r.cls))].sort();
  console.log(`| class | CWE | ${group.langs.map(([, name]) => name).join(' | ')} |`);
  console.log(`|---|---|${group.langs.map(() => '---|').join('')}`);
  for (const cls of classes) {
    const ofClass = inGroup.filter((r) => r.cls === cls);
    const cwes = [...new Set(ofClass.flatMap((r) => r.cwe))].sort((a, b) => Number(a) - Number(b)).join(', ');
    const cells = langs.map((lang) => ofClass.filter((r) => r.lang === lang).map((r) => `\`${r.id}\`${r.taint ? ' (taint)' : ''}`).join('<br>') || '—');
    console.log(`| ${cls} | ${cwes} | ${cells.join(' | ')} |`);
  }
  console.log('');
}
