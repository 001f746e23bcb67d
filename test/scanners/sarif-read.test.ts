import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readSarif, severityOfScore, toolLabel } from '../../src/scanners/sarif-read.js';
import { loadSarifLog } from '../../src/scanners/sarif-validate.js';

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`../../../test/fixtures/sarif/${name}`, import.meta.url)), 'utf8');

function load(text: string) {
  const loaded = loadSarifLog(text);
  if ('problem' in loaded) throw new Error(loaded.problem);
  return loaded.log;
}

/** A minimal valid log with one run of `driver`, its `rules` and `results`. */
function log(results: object[], rules: object[] = [], run: object = {}) {
  return JSON.stringify({ version: '2.1.0', runs: [{ tool: { driver: { name: 'Probe Tool', rules } }, results, ...run }] });
}

const at = (uri: string, line = 3, extra: object = {}) => ({ locations: [{ physicalLocation: { artifactLocation: { uri, ...extra }, region: { startLine: line } } }] });

test('real flawfinder output: the access() race with CWE-362 and CWE-367 (tag text and relationships), error → high, and open() as a second result', () => {
  const reading = readSarif(load(fixture('flawfinder-race.sarif')), { label: 'flawfinder', base: '/repo', root: '/repo' });
  assert.deepEqual(reading.tools.map((tool) => tool.label), ['flawfinder']);
  assert.deepEqual(
    reading.results.map((r) => [r.tool, r.toolRuleId, r.path, r.startLine, r.severity, r.cwe]),
    [
      ['flawfinder', 'FF1030', 'race.c', 5, 'high', ['CWE-362', 'CWE-367']],
      ['flawfinder', 'FF1040', 'race.c', 5, 'low', ['CWE-362']],
    ],
  );
  // Its helpUri is two URLs run together: two references.
  assert.deepEqual(reading.results[0]!.references, ['https://cwe.mitre.org/data/definitions/362.html', 'https://cwe.mitre.org/data/definitions/367.html']);
  assert.equal(reading.results[0]!.confidence, 'medium', 'no precision: the default confidence, which the default policy gates on');
  assert.deepEqual(reading.failures, []);
});

test('CodeQL-shaped: rules in an extension, zero-padded CWE tags, security-severity over level, precision, and a source root from another machine', () => {
  const reading = readSarif(load(fixture('codeql.sarif')), { base: '/work/app', root: '/work/app' });
  assert.deepEqual(reading.tools, [{ label: 'codeql', name: 'CodeQL', version: '2.19.3' }]);
  const [result] = reading.results;
  assert.ok(result);
  assert.equal(result.toolRuleId, 'js/missing-rate-limiting');
  assert.equal(result.path, 'server/routes.js', 'file:///home/runner/… is CI’s checkout: the relative URI is read against this top');
  assert.deepEqual(result.cwe, ['CWE-307', 'CWE-400', 'CWE-770']);
  assert.equal(result.severity, 'high', 'security-severity 7.5 wins over level warning');
  assert.equal(result.securitySeverity, 7.5);
  assert.equal(result.confidence, 'high');
  assert.deepEqual([result.startLine, result.startColumn, result.endLine, result.endColumn], [4, 24, 7, 2]);
  assert.match(result.toolFingerprint ?? '', /^primaryLocationLineHash=b3c28fa1e2d1a7f0:1/);
});

test('Semgrep-shaped: CWE from "CWE-352: …" tags, very-high precision, its "requires login" fingerprint kept only as a hint', () => {
  const reading = readSarif(load(fixture('semgrep.sarif')), { base: '/w', root: '/w' });
  assert.equal(reading.tools[0]!.label, 'semgrep');
  assert.deepEqual(
    reading.results.map((r) => [r.toolRuleId.split('.').pop(), r.path, r.cwe, r.severity, r.confidence]),
    [
      ['express-check-csurf-middleware-usage', 'server/routes.js', ['CWE-352'], 'medium', 'high'],
      ['insecure-use-system', 'tools/run.c', ['CWE-78'], 'high', 'high'],
    ],
  );
  assert.equal(reading.results[0]!.fix, 'Use a CSRF middleware such as `csurf` on every route that changes state.');
});

test('ESLint output (absolute file:// URIs, no CWE) is read relative to the root; outside it, results are left out and counted', () => {
  const inside = readSarif(load(fixture('eslint.sarif')), { base: '/elsewhere', root: '/tmp/sarifplan-work/eslint' });
  assert.deepEqual(inside.results.map((r) => [r.tool, r.toolRuleId, r.path, r.cwe]), [['eslint', 'security/detect-child-process', 'app.js', []]]);
  const outside = readSarif(load(fixture('eslint.sarif')), { base: '/elsewhere', root: '/repo' });
  assert.deepEqual(outside.results, []);
  assert.deepEqual(outside.skipped, ['1 result: outside the repository']);
});

test('levels resolve as the spec says: the result, an override, the rule default, then warning; kinds other than fail and level none are not weaknesses', () => {
  const rules = [
    { id: 'R1', defaultConfiguration: { level: 'note' } },
    { id: 'R2' },
    { id: 'R3', defaultConfiguration: { level: 'note' } },
  ];
  const reading = readSarif(
    load(
      log(
        [
          { ruleId: 'R1', message: { text: 'a' }, ...at('a.c', 1) },
          { ruleId: 'R2', message: { text: 'b' }, ...at('a.c', 2) },
          { ruleId: 'R1', level: 'error', message: { text: 'c' }, ...at('a.c', 3) },
          { ruleId: 'R3', message: { text: 'd' }, ...at('a.c', 4) },
          { ruleId: 'R2', kind: 'pass', message: { text: 'e' }, ...at('a.c', 5) },
          { ruleId: 'R2', level: 'none', message: { text: 'f' }, ...at('a.c', 6) },
        ],
        rules,
        { invocations: [{ executionSuccessful: true, ruleConfigurationOverrides: [{ descriptor: { id: 'R3' }, configuration: { level: 'error' } }] }] },
      ),
    ),
    { base: '/r', root: '/r', severity: { error: 'critical' } },
  );
  assert.deepEqual(reading.results.map((r) => [r.message, r.severity]), [['a', 'low'], ['b', 'medium'], ['c', 'critical'], ['d', 'critical']]);
  assert.deepEqual(reading.skipped.sort(), ['1 result: kind pass', '1 result: level none']);
});

test('CWE: taxonomy relationships count unless disjoint, configured CWEs are added, CWE-n in the message counts', () => {
  const rules = [
    {
      id: 'R',
      relationships: [
        { target: { id: '22', toolComponent: { name: 'CWE' } } },
        { target: { id: '79', toolComponent: { name: 'CWE' } }, kinds: ['disjoint'] },
        { target: { id: 'A01', toolComponent: { name: 'OWASP' } } },
      ],
    },
  ];
  const reading = readSarif(load(log([{ ruleId: 'R', message: { text: 'see CWE-0023' }, ...at('x.py') }], rules)), { base: '/r', root: '/r', cwe: { R: ['CWE-73'] } });
  assert.deepEqual(reading.results[0]!.cwe, ['CWE-22', 'CWE-23', 'CWE-73']);
});

test('messages from rule message strings with arguments; a result naming no rule id is left out', () => {
  const rules = [{ id: 'R', messageStrings: { default: { text: 'call to {0} with {1}' } } }];
  const reading = readSarif(load(log([{ ruleId: 'R', message: { id: 'default', arguments: ['strcpy', 'argv[1]'] }, ...at('a.c') }, { message: { text: 'no rule' }, ...at('a.c') }], rules)), { base: '/r', root: '/r' });
  assert.deepEqual(reading.results.map((r) => r.message), ['call to strcpy with argv[1]']);
  assert.deepEqual(reading.skipped, ['1 result: no rule id']);
});

test('URIs: percent-encoding, uriBaseId chains, a base id that loops, .. out of the root, and non-file schemes', () => {
  const run = { originalUriBaseIds: { SRC: { uri: 'src/', uriBaseId: 'TOP' }, TOP: { uri: 'file:///r/' }, LOOP: { uri: 'x/', uriBaseId: 'LOOP' } } };
  const results = [
    { ruleId: 'R', message: { text: '1' }, ...at('my%20file.py') },
    { ruleId: 'R', message: { text: '2' }, ...at('app.py', 3, { uriBaseId: 'SRC' }) },
    { ruleId: 'R', message: { text: '3' }, ...at('b.py', 3, { uriBaseId: 'LOOP' }) },
    { ruleId: 'R', message: { text: '4' }, ...at('../etc/passwd') },
    { ruleId: 'R', message: { text: '5' }, ...at('https://example.com/a.py') },
  ];
  const reading = readSarif(load(log(results, [], run)), { base: '/r', root: '/r' });
  assert.deepEqual(reading.results.map((r) => [r.message, r.path]), [['1', 'my file.py'], ['2', 'src/app.py'], ['3', 'x/b.py']]);
  assert.deepEqual(reading.skipped.sort(), ['1 result: a URI that names no local file', '1 result: outside the repository']);
});

test("the tool's own failures: executionSuccessful false for the whole run, an error notification for the file it names", () => {
  const run = {
    invocations: [
      {
        executionSuccessful: false,
        exitCodeDescription: 'out of memory',
        toolExecutionNotifications: [{ level: 'error', message: { text: 'could not parse' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'bad.py' } } }] }, { level: 'warning', message: { text: 'slow' } }],
      },
    ],
  };
  const reading = readSarif(load(log([], [], run)), { base: '/r', root: '/r' });
  assert.deepEqual(reading.failures, [{ message: 'the tool says its run did not succeed (out of memory)' }, { path: 'bad.py', message: 'could not parse' }]);
});

test("a result the tool itself marks suppressed is kept, as suppressed, with the tool's justification", () => {
  const reading = readSarif(load(log([{ ruleId: 'R', message: { text: 'm' }, suppressions: [{ kind: 'external', justification: 'accepted risk' }], ...at('a.c') }, { ruleId: 'R', message: { text: 'n' }, suppressions: [{ kind: 'inSource', status: 'rejected' }], ...at('a.c', 4) }])), { base: '/r', root: '/r', label: 'probe' });
  assert.deepEqual(reading.results.map((r) => r.suppressedBecause), ['suppressed for probe: accepted risk', undefined]);
});

test("loopwarden's own run in an imported file is not read back as another tool's", () => {
  const text = JSON.stringify({ version: '2.1.0', runs: [{ tool: { driver: { name: 'loopwarden' } }, results: [{ ruleId: 'x', message: { text: 'm' }, ...at('a.py') }] }] });
  const reading = readSarif(load(text), { base: '/r', root: '/r' });
  assert.deepEqual([reading.tools, reading.results.length], [[], 0]);
});

test('invalid logs are refused with the reason: not JSON, empty, the wrong version, a schema violation, nesting past any stack', () => {
  const problem = (text: string) => {
    const loaded = loadSarifLog(text);
    return 'problem' in loaded ? loaded.problem : 'valid';
  };
  assert.match(problem('{"version": '), /^not JSON/);
  assert.equal(problem('  \n'), 'empty output, no SARIF log');
  assert.match(problem('{"version":"2.0.0","runs":[]}'), /version must be equal to one of the allowed values/);
  assert.match(problem('{"version":"2.1.0","runs":[{"tool":{"driver":{}}}]}'), /driver must have required property 'name'/);
  // Exceptions nest without end in the schema: a log nested past any stack is refused, never a crash.
  const depth = 100_000;
  const nested = `{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"invocations":[{"executionSuccessful":true,"toolExecutionNotifications":[{"message":{"text":"m"},"exception":${'{"innerExceptions":['.repeat(depth)}{}${']}'.repeat(depth)}}]}]}]}`;
  assert.match(problem(nested), /nested too deeply to read|^not JSON/);
});

test('security-severity buckets as GitHub reads them', () => {
  assert.deepEqual([9.1, 9.0, 7.0, 6.9, 4.0, 3.9, 0.1].map(severityOfScore), ['critical', 'high', 'high', 'medium', 'medium', 'low', 'low']);
  assert.deepEqual(['CodeQL', 'Semgrep OSS', 'ESLint', 'gosec', '  ', 'Bandit/Py'].map(toolLabel), ['codeql', 'semgrep', 'eslint', 'gosec', 'sarif', 'bandit-py']);
});
