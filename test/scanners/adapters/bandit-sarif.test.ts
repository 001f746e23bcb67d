import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type * as Sarif from 'sarif';
import { BanditOutputError, banditJsonToSarif, banditTextToSarif } from '../../../src/scanners/adapters/bandit-sarif.js';

const require = createRequire(import.meta.url);
// The official OASIS SARIF 2.1.0 schema, as shipped by Microsoft's SARIF SDK.
const sarifSchema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
const Ajv = require('ajv-draft-04') as typeof import('ajv-draft-04').default;
const addFormats = require('ajv-formats') as typeof import('ajv-formats').default;
// The schema's language-tag pattern is not valid in Unicode mode, which the official schema predates.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validateSarif = ajv.compile(sarifSchema);

// What Debian's bandit 1.6.2 printed for test/fixtures/sarif/bandit/project (see the README there).
const FIXTURE = readFileSync(fileURLToPath(new URL('../../../../test/fixtures/sarif/bandit/bandit-1.6.2.json', import.meta.url)), 'utf8');
const CWD = '/srv/project';

function convert(json: unknown = JSON.parse(FIXTURE), cwd = CWD): Sarif.Run {
  const log = banditJsonToSarif(json, { cwd, version: '1.6.2' });
  assert.equal(validateSarif(log), true, JSON.stringify(validateSarif.errors?.slice(0, 3)));
  assert.equal(log.runs.length, 1);
  return log.runs[0]!;
}

const resultOf = (run: Sarif.Run, ruleId: string) => run.results!.find((result) => result.ruleId === ruleId)!;
const ruleOf = (run: Sarif.Run, ruleId: string) => run.tool.driver.rules!.find((rule) => rule.id === ruleId)!;
const locationOf = (result: Sarif.Result) => result.locations![0]!.physicalLocation!;

test('bandit 1.6.2 output becomes SARIF that validates against the official 2.1.0 schema', () => {
  const log = banditTextToSarif(FIXTURE, { cwd: CWD, version: '1.6.2' });
  assert.equal(validateSarif(log), true, JSON.stringify(validateSarif.errors?.slice(0, 3)));
  assert.equal(log.version, '2.1.0');
  // The validator is live: a log that breaks the schema is refused.
  assert.equal(validateSarif({ ...log, runs: [{ ...log.runs[0], results: [{ message: {} }] }] }), false);
  const driver = log.runs[0]!.tool.driver;
  assert.deepEqual([driver.name, driver.version, driver.informationUri], ['bandit', '1.6.2', 'https://bandit.readthedocs.io/']);
});

test('one rule per test id, with its name, description, help page and CWE as a tag and a relationship to the CWE taxonomy', () => {
  const run = convert();
  assert.deepEqual(run.tool.driver.rules!.map((rule) => rule.id), ['B101', 'B301', 'B303', 'B403', 'B404', 'B602']);
  assert.equal(run.results!.length, 7);
  assert.deepEqual(ruleOf(run, 'B602'), {
    id: 'B602',
    name: 'subprocess_popen_with_shell_equals_true',
    shortDescription: { text: 'subprocess call with shell=True identified, security issue.' },
    helpUri: 'https://bandit.readthedocs.io/en/latest/plugins/b602_subprocess_popen_with_shell_equals_true.html',
    relationships: [{ target: { id: '78', toolComponent: { name: 'CWE' } }, kinds: ['relevant'] }],
    properties: { tags: ['security', 'external/cwe/cwe-78'] },
  });
  assert.deepEqual(ruleOf(run, 'B303').properties!.tags, ['security', 'external/cwe/cwe-327']);
  assert.deepEqual(ruleOf(run, 'B301').properties!.tags, ['security', 'external/cwe/cwe-502']);
  // Every relationship points at a taxon the run declares, in a taxonomy named CWE.
  const taxonomy = run.taxonomies!.find((component) => component.name === 'CWE')!;
  assert.deepEqual(taxonomy.taxa!.map((taxon) => taxon.id), ['78', '327', '502', '703']);
  for (const rule of run.tool.driver.rules!) {
    for (const relationship of rule.relationships ?? []) assert.ok(taxonomy.taxa!.some((taxon) => taxon.id === relationship.target.id), `${rule.id} → ${relationship.target.id}`);
  }
  assert.deepEqual(run.tool.driver.supportedTaxonomies, [{ name: 'CWE' }]);
  // Each result's ruleIndex names its own rule.
  for (const result of run.results!) assert.equal(run.tool.driver.rules![result.ruleIndex!]!.id, result.ruleId);
});

test('severity becomes the level, confidence the precision, issue_text the message', () => {
  const run = convert();
  assert.deepEqual(
    run.results!.map((result) => [result.ruleId, result.level, result.properties?.precision]),
    [
      ['B403', 'note', 'high'],
      ['B404', 'note', 'high'],
      ['B602', 'error', 'high'],
      ['B303', 'warning', 'high'],
      ['B301', 'warning', 'high'],
      ['B602', 'error', 'high'],
      ['B101', 'note', 'high'],
    ],
  );
  assert.equal(resultOf(run, 'B602').message.text, 'subprocess call with shell=True identified, security issue.');
  const json = JSON.parse(FIXTURE);
  json.results[0].issue_confidence = 'MEDIUM';
  json.results[1].issue_confidence = 'LOW';
  json.results[2].issue_severity = 'UNDEFINED';
  json.results[2].issue_confidence = 'UNDEFINED';
  const changed = convert(json);
  assert.deepEqual(changed.results!.slice(0, 3).map((result) => [result.level, result.properties?.precision]), [['note', 'medium'], ['note', 'low'], ['warning', undefined]]);
});

test('locations: paths relative to the working directory, percent-encoded, under %SRCROOT%; lines from line_number and line_range', () => {
  const run = convert();
  assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: 'file:///srv/project/' } });
  assert.deepEqual(locationOf(resultOf(run, 'B602')), {
    artifactLocation: { uri: 'app.py', uriBaseId: '%SRCROOT%' },
    region: { startLine: 7, endLine: 7, snippet: { text: '    return subprocess.call(command, shell=True)\n' } },
  });
  assert.deepEqual(locationOf(resultOf(run, 'B101')).artifactLocation, { uri: 'web%20app/query.py', uriBaseId: '%SRCROOT%' });
  // bandit 1.6.2 gives `import subprocess` the range 3–5, over the blank lines after it, which its code shows blank.
  assert.deepEqual(locationOf(resultOf(run, 'B404')).region, { startLine: 3, endLine: 3, snippet: { text: 'import subprocess\n' } });
  // A call over lines 19–22: bandit's line_number is 21 (`shell=True`), its range 19–21, its code 20–22.
  const multiLine = run.results!.filter((result) => result.ruleId === 'B602')[1]!;
  assert.deepEqual(locationOf(multiLine).region, { startLine: 19, endLine: 21 });
  // `bandit -r project` run from the directory above names the files `project/…`, and %SRCROOT% is that directory.
  const above = JSON.parse(FIXTURE);
  above.results[2].filename = 'project/./app.py';
  const run2 = convert(above, '/srv/');
  assert.deepEqual(locationOf(run2.results![2]!).artifactLocation, { uri: 'project/app.py', uriBaseId: '%SRCROOT%' });
  assert.equal(run2.originalUriBaseIds!['%SRCROOT%']!.uri, 'file:///srv/');
});

test('absolute file names inside the working directory are made relative; outside it they stay absolute file URIs', () => {
  const json = JSON.parse(FIXTURE);
  json.results[2].filename = '/srv/project/app.py';
  json.results[3].filename = '/opt/other lib/hash.py';
  json.results[4].filename = '../elsewhere.py';
  const run = convert(json);
  assert.deepEqual(locationOf(run.results![2]!).artifactLocation, { uri: 'app.py', uriBaseId: '%SRCROOT%' });
  assert.deepEqual(locationOf(run.results![3]!).artifactLocation, { uri: 'file:///opt/other%20lib/hash.py' });
  assert.deepEqual(locationOf(run.results![4]!).artifactLocation, { uri: 'file:///srv/elsewhere.py' });
});

test('files bandit could not parse are error notifications naming the file (that file is missed, not the run)', () => {
  const run = convert();
  assert.deepEqual(run.invocations, [
    {
      executionSuccessful: true,
      toolExecutionNotifications: [
        {
          level: 'error',
          message: { text: 'syntax error while parsing AST from file' },
          locations: [{ physicalLocation: { artifactLocation: { uri: 'pkg/broken.py', uriBaseId: '%SRCROOT%' } } }],
        },
      ],
      endTimeUtc: JSON.parse(FIXTURE).generated_at,
    },
  ]);
  const clean = convert({ ...JSON.parse(FIXTURE), errors: [] });
  assert.equal(clean.invocations![0]!.executionSuccessful, true);
  assert.equal(clean.invocations![0]!.toolExecutionNotifications, undefined);
});

test("bandit's own issue_cwe (1.7.3 on) wins over the table; {} means none declared; columns from col_offset in UTF-8 bytes", () => {
  const json = JSON.parse(FIXTURE);
  const b602 = json.results.find((result: { test_id: string }) => result.test_id === 'B602');
  Object.assign(b602, { issue_cwe: { id: 88, link: 'https://cwe.mitre.org/data/definitions/88.html' }, col_offset: 11, end_col_offset: 47 });
  const b303 = json.results.find((result: { test_id: string }) => result.test_id === 'B303');
  Object.assign(b303, { issue_cwe: {}, col_offset: 19, code: '10 def digest(data):\n11     label = "é" ; hashlib.md5(data).hexdigest()\n12 \n' });
  const run = convert(json);
  assert.deepEqual(ruleOf(run, 'B602').properties!.tags, ['security', 'external/cwe/cwe-88']);
  assert.deepEqual(ruleOf(run, 'B602').relationships![0]!.target, { id: '88', toolComponent: { name: 'CWE' } });
  assert.deepEqual(ruleOf(run, 'B303').properties!.tags, ['security', 'external/cwe/cwe-327']);
  assert.ok(run.taxonomies![0]!.taxa!.some((taxon) => taxon.id === '88'));
  assert.equal(locationOf(resultOf(run, 'B602')).region!.startColumn, 12);
  // `é` is two bytes in Python's offset but one UTF-16 unit: `hashlib` starts at byte 19, which is column 19.
  assert.equal(locationOf(resultOf(run, 'B303')).region!.startColumn, 19);
  assert.equal(run.columnKind, 'utf16CodeUnits');
  // col_offset is a column of line_number: a region that starts on an earlier line gets no start column.
  const multiLine = json.results.filter((result: { test_id: string }) => result.test_id === 'B602')[1];
  multiLine.col_offset = 8;
  const region = locationOf(convert(json).results!.filter((result) => result.ruleId === 'B602')[1]!).region!;
  assert.deepEqual([region.startLine, region.startColumn], [19, undefined]);
});

test('a test id outside the table (a third-party plugin) gets no CWE rather than a wrong one', () => {
  const json = JSON.parse(FIXTURE);
  json.results[0].test_id = 'C901';
  const rule = ruleOf(convert(json), 'C901');
  assert.deepEqual(rule.properties!.tags, ['security']);
  assert.equal(rule.relationships, undefined);
});

test('output that is not a bandit JSON report is an error naming what is wrong', () => {
  const wrong = (json: unknown) => () => banditJsonToSarif(json, { cwd: CWD });
  assert.throws(wrong({ errors: [] }), (error: Error) => error instanceof BanditOutputError && /^bandit's JSON is not a bandit report: results: /.test(error.message));
  const json = JSON.parse(FIXTURE);
  json.results[1].line_number = '3';
  assert.throws(wrong(json), /bandit's JSON is not a bandit report: results\.1\.line_number: .*number/);
  json.results[1].line_number = 3;
  json.results[1].issue_severity = 'SEVERE';
  assert.throws(wrong(json), /results\.1\.issue_severity: /);
  assert.throws(wrong([]), /not a bandit report: the top level: /);
  assert.throws(() => banditTextToSarif('Run started:2026-01-01\n', { cwd: CWD }), /^BanditOutputError: bandit's output is not JSON \(.*\)$/);
  assert.throws(() => banditTextToSarif('\n', { cwd: CWD }), /bandit printed nothing on stdout/);
});
