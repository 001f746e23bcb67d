import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildSarif } from '../../src/report/sarif.js';
import { buildJsonReport } from '../../src/report/json.js';
import { scanReportSchema } from '../../src/report/schemas/scan.js';
import { scanPaths } from '../../src/engine/scan.js';
import { BUILTIN_RULES_DIR, loadRules } from '../../src/rules/load.js';
import { makeProject } from '../helpers.js';

const require = createRequire(import.meta.url);
// The official OASIS SARIF 2.1.0 schema, as shipped by Microsoft's SARIF SDK.
const sarifSchema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
const Ajv = require('ajv-draft-04') as typeof import('ajv-draft-04').default;
const addFormats = require('ajv-formats') as typeof import('ajv-formats').default;

const root = makeProject({
  'src/app.py': 'import os\n\ndef run(cmd):\n    os.system("ls " + cmd)\n    # loopwarden-ignore python-weak-hash: cache key, not security\n    import hashlib; hashlib.md5(cmd)\n',
  'src/dir with space/page.js': 'function show(el, x) { el.innerHTML = "<b>" + x + "</b>"; }\n',
  'src/broken.py': 'x = = = 1\n',
});
const result = await scanPaths({ paths: ['.'], cwd: root, rules: loadRules([BUILTIN_RULES_DIR]), include: [], exclude: [], maxFileSize: 1 << 20, complexity: true });

test('SARIF output validates against the official SARIF 2.1.0 schema', () => {
  // The schema's language-tag pattern is not valid in Unicode mode, which the official schema predates.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(sarifSchema);
  const log = buildSarif(result);
  assert.equal(validate(log), true, JSON.stringify(validate.errors?.slice(0, 3)));
  // The validator is live: a log that breaks the schema is refused.
  assert.equal(validate({ ...log, version: '9.9' }), false);
});

test('SARIF carries what GitHub code scanning reads: CWE tags, security-severity, precision, fingerprints, relative paths', () => {
  const run = buildSarif(result).runs[0]!;
  const rule = run.tool.driver.rules!.find((r) => r.id === 'python-cmdi-shell-command')!;
  assert.deepEqual(rule.properties!.tags, ['security', 'external/cwe/cwe-78']);
  assert.equal(rule.properties!['security-severity'], '9.8');
  assert.equal(rule.properties!.precision, 'high');
  const uris = run.results!.map((r) => r.locations![0]!.physicalLocation!.artifactLocation!.uri);
  assert.ok(uris.includes('src/app.py'));
  assert.ok(uris.includes('src/dir%20with%20space/page.js'));
  for (const r of run.results!) {
    assert.match(r.partialFingerprints!['loopwarden/v1']!, /^[0-9a-f]{32}$/);
    assert.equal(run.tool.driver.rules![r.ruleIndex!]!.id, r.ruleId);
  }
  const suppressed = run.results!.filter((r) => r.suppressions);
  assert.deepEqual(suppressed.map((r) => r.suppressions![0]!.justification), ['cache key, not security']);
  assert.equal(run.invocations![0]!.toolExecutionNotifications!.length, 1);
});

test('the JSON report matches its documented, versioned schema', () => {
  const report = buildJsonReport(result, 'high');
  const parsed = scanReportSchema.parse(JSON.parse(JSON.stringify(report)));
  assert.equal(parsed.schemaVersion, '1.1.0');
  assert.equal(parsed.summary.suppressed, 1);
  assert.equal(parsed.summary.failed, true);
  assert.ok(parsed.functions && parsed.functions.length >= 2);
  const finding = parsed.findings.find((f) => f.ruleId === 'python-cmdi-shell-command')!;
  assert.equal(finding.path, 'src/app.py');
  assert.equal(finding.startLine, 4);
  assert.equal(finding.function, 'run');
  assert.equal(finding.snippet, 'os.system("ls " + cmd)');
});

test('diff SARIF validates too: introduced results are new, persisting unchanged, persisting (changed) updated, fixed only counted', async () => {
  const { buildDiffSarif } = await import('../../src/report/sarif.js');
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(sarifSchema);
  const [first, second] = result.findings;
  // The same weakness after an edit, and a fixed finding of a rule no result uses (counted, not described).
  const fourth = { ...second!, startLine: second!.startLine + 1, fingerprint: 'e'.repeat(32) };
  const third = { ...second!, ruleId: 'fixed-only-rule', fingerprint: 'f'.repeat(32) };
  const log = buildDiffSarif({ introduced: [first!], persisting: [second!], changed: [{ after: fourth }], fixed: [third] }, loadRules([BUILTIN_RULES_DIR]), root);
  assert.equal(validate(log), true, JSON.stringify(validate.errors?.slice(0, 3)));
  const run = log.runs[0]!;
  assert.deepEqual(run.results!.map((r) => [r.baselineState, r.partialFingerprints!['loopwarden/v1']]), [
    ['new', first!.fingerprint],
    ['unchanged', second!.fingerprint],
    ['updated', fourth.fingerprint],
  ]);
  assert.deepEqual(run.properties, { introduced: 1, persisting: 1, changed: 1, fixed: 1 });
  assert.equal(run.automationDetails!.id, 'loopwarden/diff/');
  // Only rules of reported results are described: the fixed finding's rule is not among them.
  assert.deepEqual(run.tool.driver.rules!.map((r) => r.id), [...new Set([first!.ruleId, second!.ruleId])].sort());
});

test('the run names its code-scanning category: loopwarden/scan/ unless another is given', () => {
  assert.equal(buildSarif(result).runs[0]!.automationDetails!.id, 'loopwarden/scan/');
  assert.equal(buildSarif(result, { category: 'backend/python' }).runs[0]!.automationDetails!.id, 'backend/python/');
  assert.equal(buildSarif(result, { category: 'backend//' }).runs[0]!.automationDetails!.id, 'backend/');
});

test('artifact URIs are relative to the source root when the scan root lies below it', () => {
  const run = buildSarif(result, { sourceRoot: join(root, '..') }).runs[0]!;
  const top = basename(root);
  assert.equal(run.originalUriBaseIds!.SRCROOT!.uri, pathToFileURL(join(root, '..')).href.replace(/\/?$/, '/'));
  const uris = run.results!.map((r) => r.locations![0]!.physicalLocation!.artifactLocation!.uri);
  assert.ok(uris.includes(`${top}/src/app.py`), uris.join(' '));
  assert.ok(uris.includes(`${top}/src/dir%20with%20space/page.js`), uris.join(' '));
  assert.equal(run.invocations![0]!.toolExecutionNotifications![0]!.locations![0]!.physicalLocation!.artifactLocation!.uri, `${top}/src/broken.py`);
  // A source root that does not hold the scan root is ignored rather than producing ../ URIs.
  const elsewhere = buildSarif(result, { sourceRoot: join(root, 'src') }).runs[0]!;
  assert.equal(elsewhere.originalUriBaseIds!.SRCROOT!.uri, pathToFileURL(root).href.replace(/\/?$/, '/'));
  assert.ok(elsewhere.results!.every((r) => !r.locations![0]!.physicalLocation!.artifactLocation!.uri!.startsWith('..')));
});
