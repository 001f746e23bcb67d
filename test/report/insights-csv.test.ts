import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderInsightsCsv } from '../../src/report/insights-csv.js';

test('insight CSV: declared columns, dotted nested fields, ISO times, empty cells for nothing', () => {
  const csv = renderInsightsCsv(
    [
      { name: 'acme/api', lastReview: { reviewer: 'rita', at: new Date('2026-03-01T10:00:00Z') }, chain: 2 },
      { name: 'acme/web', lastReview: null, chain: 0 },
    ],
    ['name', 'lastReview.reviewer', 'lastReview.at', 'chain'],
  );
  assert.equal(csv, 'name,lastReview.reviewer,lastReview.at,chain\n"acme/api","rita","2026-03-01T10:00:00.000Z",2\n"acme/web",,,0\n');
  assert.equal(renderInsightsCsv([], ['day', 'risk']), 'day,risk\n');
});

test('insight CSV: text a spreadsheet would run as a formula is made inert; negative numbers stay numbers', () => {
  const csv = renderInsightsCsv([{ author: '=HYPERLINK("http://evil.example","x")', model: '+1', tool: '@cmd', growth: -3 }], ['author', 'model', 'tool', 'growth']);
  assert.equal(csv.split('\n')[1], `"'=HYPERLINK(""http://evil.example"",""x"")","'+1","'@cmd",-3`);
  // Quoted, a `;` inside a cell cannot split it into a formula cell where `;` separates fields.
  assert.equal(renderInsightsCsv([{ author: 'ana;=1+1;x', n: 1 }], ['author', 'n']).split('\n')[1], '"ana;=1+1;x",1');
});
