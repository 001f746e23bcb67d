import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding } from '../../src/findings/finding.js';
import { renderJunit } from '../../src/report/junit.js';
import { junitSchemaErrors } from './junit-schema.js';

const finding: Finding = {
  ruleId: 'python-sqli-built-query',
  cwe: ['CWE-89'],
  severity: 'critical',
  securitySeverity: 9.8,
  confidence: 'high',
  path: 'app/db & <tools>.py',
  startLine: 2,
  startColumn: 12,
  endLine: 2,
  endColumn: 70,
  message: 'SQL query built from "parts". Whoever controls them\nchanges the query.',
  fix: 'Pass values as parameters.',
  snippet: 'cursor.execute("SELECT \u0001 " + name)',
  function: 'find',
  fingerprint: 'f1',
  references: [],
} as Finding;

test('a finding is a failing test case, valid against the Ant JUnit XSD, with markup and control characters escaped', async () => {
  const xml = renderJunit({ suite: 'loopwarden', findings: [finding], timestamp: '2026-01-02T03:04:05', hostname: 'ci-runner' });
  assert.deepEqual(await junitSchemaErrors(xml), []);
  assert.match(xml, /tests="1" failures="1" errors="0"/);
  assert.match(xml, /<testcase name="python-sqli-built-query at app\/db &amp; &lt;tools&gt;.py:2" classname="loopwarden.app\/db &amp; &lt;tools&gt;.py" time="0">/);
  assert.match(xml, /<failure message="critical CWE-89 python-sqli-built-query: SQL query built from &quot;parts&quot;." type="critical">/);
  assert.match(xml, /SELECT \uFFFD /);
});

test('no findings: one passing test case, still valid', async () => {
  const xml = renderJunit({ suite: 'loopwarden', findings: [], timestamp: '2026-01-02T03:04:05', hostname: '' });
  assert.deepEqual(await junitSchemaErrors(xml), []);
  assert.match(xml, /tests="1" failures="0"/);
  assert.match(xml, /<testcase name="no findings introduced" classname="loopwarden" time="0"\/>/);
  assert.doesNotMatch(xml, /<failure/);
});

test('the schema really rejects what it should (a failure without its type)', async () => {
  const xml = renderJunit({ suite: 'loopwarden', findings: [finding], timestamp: '2026-01-02T03:04:05', hostname: 'h' }).replace(' type="critical"', '');
  assert.notDeepEqual(await junitSchemaErrors(xml), []);
});
