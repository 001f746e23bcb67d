import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const DIST_SRC = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src');

/** Every module `entry` loads before it runs (static imports, followed through our own files). */
function staticImports(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/^\s*import\s+(?:[^'"]*?\s+from\s+)?['"]([^'"]+)['"]/gm)) {
      const specifier = match[1]!;
      if (specifier.startsWith('.')) visit(join(dirname(file), specifier));
      else seen.add(specifier);
    }
  };
  visit(entry);
  return seen;
}

test('the hook command path loads no parser, rule, ledger or SQLite module before it knows the warm server cannot answer', () => {
  for (const entry of ['cli/main.js', 'serve/hook-client.js']) {
    const loaded = [...staticImports(join(DIST_SRC, entry))];
    const heavy = loaded.filter((m) => /better-sqlite3|@ast-grep|zod|commander|kysely|yaml|\/(engine|rules|ledger|languages|iterations|hooks|report)\//.test(m));
    assert.deepEqual(heavy, [], `${entry} loads ${heavy.join(', ')}`);
    assert.ok(loaded.some((m) => m.endsWith('socket-path.js')) || entry === 'cli/main.js', loaded.join('\n'));
  }
});
