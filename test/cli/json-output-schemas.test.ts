import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertRefusesDrift, validatorFor } from '../published-schema.js';
import { gitRepo, runCli, runCliInTerminal } from '../helpers.js';

function jsonOf(args: string[], cwd: string): Record<string, unknown> {
  const { status, stdout, stderr } = runCli(args, cwd);
  assert.ok(status === 0 || status === 1, `${args.join(' ')} exited ${status}: ${stderr}`);
  return JSON.parse(stdout) as Record<string, unknown>;
}

const TAINTED = `from flask import request
import os
import hashlib


def run():
    cmd = request.args.get("cmd")
    os.system(cmd)


def digest(data):
    # loopwarden-ignore python-weak-hash: cache key, not security
    return hashlib.md5(data)
`;
const SAFE_DB = 'def find(cursor, name):\n    return cursor.execute("SELECT * FROM t WHERE n = ?", (name,))\n';
const UNSAFE_DB = 'def find(cursor, name):\n    return cursor.execute("SELECT * FROM t WHERE n = \'" + name + "\'")\n';
const WEAK_HASH = 'import hashlib\n\ndef digest(data):\n    return hashlib.md5(data)\n';

test('scan --format json validates against docs/schemas/scan.schema.json, every optional part present', () => {
  const root = gitRepo({ 'app/run.py': TAINTED, 'app/broken.py': 'x = = = 1\n', 'app/lib.min.js': 'var a=1;' });
  const report = jsonOf(['scan', '--complexity', '--format', 'json'], root) as {
    schemaVersion: string;
    findings: { trace?: unknown[] }[];
    suppressed: unknown[];
    skipped: unknown[];
    notes: unknown[];
    functions: unknown[];
  };
  validatorFor('scan')(report);
  assert.equal(report.schemaVersion, '1.1.0');
  assert.ok(report.findings.some((f) => f.trace && f.trace.length > 0), 'no finding with a taint trace');
  for (const part of ['suppressed', 'skipped', 'notes', 'functions'] as const) assert.ok(report[part].length > 0, `no ${part}`);
  assertRefusesDrift('scan', report);
});

test('diff --format json validates against docs/schemas/diff.schema.json: introduced, fixed, persisting, a renamed function', () => {
  const helper = 'def helper(x):\n    if x > 1:\n        return x * 2\n    return x\n';
  const root = gitRepo({ 'app/db.py': SAFE_DB, 'app/hash.py': WEAK_HASH, 'app/legacy.py': WEAK_HASH, 'app/util.py': helper });
  writeFileSync(join(root, 'app/db.py'), UNSAFE_DB);
  writeFileSync(join(root, 'app/hash.py'), `# checksums for the cache\n${WEAK_HASH}`);
  writeFileSync(join(root, 'app/util.py'), helper.replace('helper', 'doubled'));
  writeFileSync(join(root, 'app/legacy.py'), 'def digest(data):\n    return data\n');
  const report = jsonOf(['diff', 'HEAD', 'WORKTREE', '--format', 'json'], root) as {
    schemaVersion: string;
    diff: { introduced: unknown[]; fixed: unknown[]; persisting: unknown[]; functions: { status: string; previous?: unknown }[] };
  };
  validatorFor('diff')(report);
  assert.equal(report.schemaVersion, '1.2.0');
  assert.deepEqual([report.diff.introduced.length, report.diff.fixed.length, report.diff.persisting.length], [1, 1, 1]);
  assert.ok(report.diff.functions.some((f) => f.status === 'renamed' && f.previous), JSON.stringify(report.diff.functions));
  assertRefusesDrift('diff', report);
});

test('ledger export --format json is an object with schemaVersion, tool and records, valid against docs/schemas/ledger-export.schema.json', () => {
  const root = gitRepo({ 'app/db.py': SAFE_DB });
  assert.equal(runCli(['init'], root).status, 0);
  assert.equal(runCli(['check', '--actor', 'human'], root).status, 0);
  writeFileSync(join(root, 'app/db.py'), UNSAFE_DB);
  assert.equal(runCli(['check', '--actor', 'ai', '--tool', 'claude-code', '--model', 'claude-sonnet-4', '--strategy', 'feature'], root).status, 1);
  execFileSync('git', ['add', '-A'], { cwd: root });
  execFileSync('git', ['commit', '-qm', 'unsafe'], { cwd: root });
  renameSync(join(root, 'app/db.py'), join(root, 'app/queries.py'));
  runCli(['check', '--actor', 'ai'], root);
  assert.equal(runCliInTerminal(['review', '--approve', '--yes', '--reviewer', 'Ana', '--note', 'ticket filed'], root).status, 0);
  const exported = jsonOf(['ledger', 'export', '--format', 'json'], root) as {
    schemaVersion: string;
    tool: { name: string };
    records: { kind: string; payload: { verdict?: { reasons: unknown[] }; introduced?: unknown[] } }[];
  };
  validatorFor('ledger-export')(exported);
  assert.equal(exported.schemaVersion, '1.4.0');
  assert.equal(exported.tool.name, 'loopwarden');
  assert.deepEqual(exported.records.map((r) => r.kind), ['iteration', 'iteration', 'iteration', 'review']);
  assert.ok(exported.records[1]!.payload.introduced!.length > 0 && exported.records[1]!.payload.verdict!.reasons.length > 0);
  assertRefusesDrift('ledger-export', exported);
  // The file written by --output is the same document.
  assert.equal(runCli(['ledger', 'export', '--format', 'json', '--output', 'ledger.json'], root).status, 0);
  assert.deepEqual(JSON.parse(readFileSync(join(root, 'ledger.json'), 'utf8')), exported);
});

test('check --format json validates against docs/schemas/check.schema.json: first check, new, still open, changed, unchanged', () => {
  const validate = validatorFor('check');
  const root = gitRepo({ 'app/db.py': SAFE_DB, 'app/hash.py': WEAK_HASH });
  const outputs: Record<string, unknown>[] = [];
  const checkJson = () => {
    const output = jsonOf(['check', '--actor', 'ai', '--format', 'json'], root);
    validate(output);
    outputs.push(output);
    return output as { recorded: boolean; existing?: { total: number }; counts: { introduced: number; stillOpen: number; persistingChanged: number } };
  };
  writeFileSync(join(root, 'app/db.py'), UNSAFE_DB);
  const first = checkJson();
  assert.deepEqual([first.recorded, first.existing?.total, first.counts.introduced], [true, 1, 1]);
  writeFileSync(join(root, 'app/db.py'), 'def find(cursor, name):\n    q = "SELECT * FROM t WHERE n = \'" + name + "\'"\n    return cursor.execute(q)\n');
  const changed = checkJson();
  assert.deepEqual([changed.counts.stillOpen, changed.counts.persistingChanged], [1, 1]);
  assert.equal(checkJson().recorded, false);
  assert.equal((outputs[0] as { schemaVersion: string }).schemaVersion, '2.2.0');
  assertRefusesDrift('check', outputs[1]!);
});

test('status and review --format json validate against their published schemas', () => {
  const root = gitRepo({ 'app/db.py': SAFE_DB });
  const emptyStatus = jsonOf(['status', '--format', 'json'], root);
  validatorFor('status')(emptyStatus);
  writeFileSync(join(root, 'app/db.py'), UNSAFE_DB);
  runCli(['check', '--actor', 'ai'], root);
  const blocked = jsonOf(['status', '--format', 'json'], root) as { open: unknown[]; verdict: { level: string } };
  validatorFor('status')(blocked);
  assert.deepEqual([blocked.open.length, blocked.verdict.level], [1, 'block']);
  assertRefusesDrift('status', blocked);
  const review = runCliInTerminal(['review', '--approve', '--yes', '--note', 'ok', '--format', 'json'], root);
  assert.equal(review.status, 0, review.output);
  const reviewed = JSON.parse(review.output.slice(review.output.indexOf('{'))) as Record<string, unknown>;
  validatorFor('review')(reviewed);
  assert.deepEqual([reviewed.recorded, reviewed.decision, reviewed.head, reviewed.attestation], [true, 'approve', 1, 'terminal']);
  assertRefusesDrift('review', reviewed);
  const approvedStatus = jsonOf(['status', '--format', 'json'], root) as { open: unknown[]; baseline: { why: string } };
  validatorFor('status')(approvedStatus);
  assert.deepEqual([approvedStatus.open.length, approvedStatus.baseline.why], [0, 'approval']);
});
