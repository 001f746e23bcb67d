import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  confusion,
  cweClass,
  cweNumber,
  julietTestCase,
  julietTestCases,
  julietUnits,
  inlinePhpRequires,
  julietVariant,
  parseGosecRuleCwes,
  parseGosecSamples,
  sameClass,
  takeWithin,
} from '../../bench/labelled-score.js';

test('CWEs of one weakness class match each other, others do not', () => {
  assert.equal(cweClass(23), cweClass(22));
  assert.equal(cweClass(80), cweClass(79));
  assert.equal(cweClass(121), cweClass(787));
  assert.notEqual(cweClass(125), cweClass(787));
  assert.equal(cweClass(89), 'CWE-89');
  assert.ok(sameClass([22], [36]));
  assert.ok(!sameClass([79], [89]));
  assert.equal(cweNumber('CWE-089'), 89);
  assert.ok(Number.isNaN(cweNumber('none')));
});

test('Juliet file names give the test case and, for one-class-per-variant files, the variant', () => {
  assert.deepEqual(julietTestCase('/x/CWE89_SQL_Injection__getParameter_01.java'), { testCase: 'CWE89_SQL_Injection__getParameter_01' });
  assert.deepEqual(julietTestCase('CWE78_OS_Command_Injection__char_console_popen_51b.c'), { testCase: 'CWE78_OS_Command_Injection__char_console_popen_51' });
  assert.deepEqual(julietTestCase('CWE89_SQL_Injection__Web_81_goodG2B.cs'), { testCase: 'CWE89_SQL_Injection__Web_81', fileVariant: 'goodG2B' });
  assert.deepEqual(julietTestCase('CWE89_SQL_Injection__Web_81_base.cs'), { testCase: 'CWE89_SQL_Injection__Web_81', fileVariant: 'base' });
  assert.equal(julietTestCase('IO.java'), undefined);
});

test('Juliet function names map to their variant; main, helpers and the good() dispatcher to none', () => {
  assert.equal(julietVariant('bad'), 'bad');
  assert.equal(julietVariant('CWE78_OS_Command_Injection__char_console_popen_51b_badSink'), 'bad');
  assert.equal(julietVariant('badVaSinkB'), 'bad');
  assert.equal(julietVariant('CWE78_x_51b_goodG2BSink'), 'goodg2b');
  assert.equal(julietVariant('Testcase.GoodB2G1'), 'goodb2g1');
  assert.equal(julietVariant('good1'), 'good1');
  assert.equal(julietVariant('CWE78_x_01_good'), undefined);
  assert.equal(julietVariant('main'), undefined);
  assert.equal(julietVariant('Klass::action', 'bad'), 'bad');
  assert.equal(julietVariant('Klass::action', 'base'), undefined);
});

test('a Juliet unit is reported only by a finding of its class inside one of its functions', () => {
  const fns = [
    { path: 'CWE89_x_51a.java', name: 'bad', startLine: 10, endLine: 20 },
    { path: 'CWE89_x_51b.java', name: 'badSink', startLine: 5, endLine: 9 },
    { path: 'CWE89_x_51a.java', name: 'goodG2B', startLine: 30, endLine: 40 },
    { path: 'CWE89_x_51b.java', name: 'goodG2BSink', startLine: 12, endLine: 15 },
    { path: 'CWE89_x_51a.java', name: 'good', startLine: 42, endLine: 44 },
  ];
  const findings = [
    { path: 'CWE89_x_51b.java', line: 7, cwe: [89] }, // in badSink: the bad unit is reported
    { path: 'CWE89_x_51a.java', line: 35, cwe: [79] }, // in goodG2B but another class: not a false positive
    { path: 'CWE89_x_51a.java', line: 43, cwe: [89] }, // in the dispatcher: belongs to no unit
  ];
  const units = julietUnits(fns, findings, 89);
  assert.deepEqual(units, [
    { testCase: 'CWE89_x_51', variant: 'bad', positive: true, reported: true },
    { testCase: 'CWE89_x_51', variant: 'goodg2b', positive: false, reported: false },
  ]);
  const flipped = julietUnits(fns, [{ path: 'CWE89_x_51b.java', line: 13, cwe: [89] }], 89);
  assert.deepEqual(confusion(flipped), { tp: 0, fn: 1, fp: 1, tn: 0, tpr: 0, fpr: 1, j: -1 });
});

test('confusion counts give TPR, FPR and J; empty denominators give 0', () => {
  const r = confusion([
    { positive: true, reported: true },
    { positive: true, reported: false },
    { positive: false, reported: false },
    { positive: false, reported: false },
  ]);
  assert.deepEqual(r, { tp: 1, fn: 1, fp: 0, tn: 2, tpr: 0.5, fpr: 0, j: 0.5 });
  assert.deepEqual(confusion([]), { tp: 0, fn: 0, fp: 0, tn: 0, tpr: 0, fpr: 0, j: 0 });
});

test('sampling groups files by test case and takes whole test cases within the file budget', () => {
  const cases = [...julietTestCases(['CWE1_a_02.c', 'CWE1_a_01b.c', 'CWE1_a_01a.c', 'notes.txt'])];
  assert.deepEqual(cases, [['CWE1_a_01', ['CWE1_a_01a.c', 'CWE1_a_01b.c']], ['CWE1_a_02', ['CWE1_a_02.c']]]);
  assert.deepEqual(takeWithin(cases, 2).map(([name]) => name), ['CWE1_a_01']);
  assert.deepEqual(takeWithin([...cases].reverse(), 2).map(([name]) => name), ['CWE1_a_02']);
});

test('gosec samples: positional and keyed forms, several files per sample, and the rule → CWE table', () => {
  const text = [
    'var SampleCodeG201 = []CodeSample{',
    '\t{[]string{`package main // one`}, 1, gosec.NewConfig()},',
    '\t{[]string{`package a`, `package b`}, 0, gosec.NewConfig()},',
    '\t{',
    '\t\tCode: []string{`package main // keyed`},',
    '\t\tErrors: 2,',
    '\t},',
    '}',
  ].join('\n');
  assert.deepEqual(parseGosecSamples(text), [
    { files: ['package main // one'], expected: 1 },
    { files: ['package a', 'package b'], expected: 0 },
    { files: ['package main // keyed'], expected: 2 },
  ]);
  const table = parseGosecRuleCwes('var ruleToCWE = map[string]string{\n\t"G201": "89",\n\t"G404": "338",\n}\nvar other = map[string]string{"G999": "1"}');
  assert.deepEqual([...table], [['G201', 89], ['G404', 338]]);
});

test('a PHP page reads as one program: the level it requires, and what that level requires, are inlined', () => {
  const files: Record<string, string> = {
    '"source/{$level}"': '<?php\n$file = $_GET["page"];\nrequire ("lib.php");\n?>\n',
    '"lib.php"': '<?php\ndefine("ALGO", "aes-128-cbc");\n?>',
  };
  const page = '<?php\nrequire_once "header.php";\nrequire_once "source/{$level}";\ninclude( $file );\n?>';
  const program = inlinePhpRequires(page, (expr) => files[expr.replace(/^\(|\)$/g, '').replace(/'/g, '"')]);
  assert.match(program, /require_once "header\.php";/, 'an unknown include stays');
  assert.match(program, /\$file = \$_GET\["page"\];[\s\S]*define\("ALGO", "aes-128-cbc"\);[\s\S]*include\( \$file \);/);
  assert.doesNotMatch(program, /<\?php[\s\S]*<\?php/, 'inlined code loses its own PHP tags');
  // A file that includes itself is inlined once, not forever.
  const loop = inlinePhpRequires('<?php\nrequire "a.php";\n', () => '<?php\nrequire "a.php";\n$x = 1;\n');
  assert.equal(loop.match(/\$x = 1;/g)?.length, 1);
});
