import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { CLI, cleanEnv, gitRepo, runCli, runCliInTerminal } from '../helpers.js';

const SAFE = 'import sqlite3\n\ndef find(db, name):\n    return db.execute("SELECT * FROM users WHERE name = ?", (name,))\n';
const INJECTABLE = 'import sqlite3\n\ndef find(db, name):\n    return db.execute("SELECT * FROM users WHERE name = \'%s\'" % name)\n';

type Answer = { status: number; json: Record<string, unknown>; stderr: string };

/** Runs the Claude Code hook in-process (no warm server) with a payload as Claude Code sends it. */
function hook(root: string, payload: Record<string, unknown>, extraArgs: string[] = []): Answer {
  const run = runCli(['hook', 'claude-code', '--no-server', ...extraArgs], root, { input: JSON.stringify({ session_id: 'session-1', transcript_path: join(root, '.transcript.jsonl'), cwd: root, ...payload }), env: { CLAUDECODE: '1', CLAUDE_PROJECT_DIR: root } });
  return { status: run.status, json: run.stdout.trim() ? (JSON.parse(run.stdout) as Record<string, unknown>) : {}, stderr: run.stderr };
}

function write(root: string, path: string, content: string): Answer {
  writeFileSync(join(root, path), content);
  return hook(root, { hook_event_name: 'PostToolUse', tool_name: 'Write', tool_input: { file_path: join(root, path), content }, tool_response: { filePath: join(root, path), success: true } });
}

const stop = (root: string, active = false) => hook(root, { hook_event_name: 'Stop', stop_hook_active: active });

function status(root: string): { chain: { aiIterationsSinceReview: number }; verdict?: { seq: number; level: string } } {
  return JSON.parse(runCli(['status', '--format', 'json'], root).stdout) as never;
}

test('PostToolUse: an edit that introduces SQL injection is answered at once with the rule, CWE-89, line and fix; a safe edit with {}', () => {
  const root = gitRepo({ 'app/db.py': SAFE });
  const flagged = write(root, 'app/db.py', INJECTABLE);
  assert.equal(flagged.status, 0);
  assert.equal(flagged.json.decision, 'block');
  const reason = String(flagged.json.reason);
  assert.match(reason, /app\/db\.py:4 python-sqli-built-query \(CWE-89, critical\)/);
  assert.match(reason, /fix: /);
  assert.ok(reason.length < 10_000);
  assert.deepEqual(flagged.json.hookSpecificOutput, { hookEventName: 'PostToolUse', additionalContext: reason });
  const fixed = write(root, 'app/db.py', SAFE);
  assert.deepEqual(fixed.json, {});
  // Nothing is recorded until the turn ends.
  assert.equal(runCli(['ledger', 'export', '--format', 'json'], root).stdout.includes('"kind":"iteration"'), false);
});

test('Stop: one turn is one iteration (two files, one record, with session and model); open findings send the agent back once, never on retry', () => {
  const root = gitRepo({ 'app/db.py': SAFE, 'app/other.py': 'x = 1\n' });
  writeFileSync(join(root, '.transcript.jsonl'), `${JSON.stringify({ type: 'assistant', message: { model: 'claude-sonnet-4-5', role: 'assistant' } })}\n`);
  write(root, 'app/db.py', INJECTABLE);
  write(root, 'app/other.py', 'x = 2\n');
  const first = stop(root);
  assert.equal(first.status, 0);
  assert.equal(first.json.decision, 'block');
  assert.match(String(first.json.reason), /iteration #1 is block: 1 security finding open[\s\S]*CWE-89/);
  const exported = JSON.parse(runCli(['ledger', 'export', '--format', 'json'], root).stdout) as { records: { kind: string; payload: { provenance: Record<string, string>; files: { modified: string[] } } }[] };
  assert.equal(exported.records.length, 1);
  assert.deepEqual(exported.records[0]!.payload.provenance, { actor: 'ai', tool: 'claude-code', session: 'session-1', model: 'claude-sonnet-4-5' });
  assert.deepEqual(exported.records[0]!.payload.files.modified, ['app/db.py', 'app/other.py']);
  // The agent stops again without fixing: not sent back a second time; the user is told instead.
  const retry = stop(root, true);
  assert.equal(retry.json.decision, undefined);
  assert.match(String(retry.json.systemMessage), /block/);
  // An unchanged tree records nothing more.
  assert.equal(status(root).verdict?.seq ?? 1, 1);
});

test('PreToolUse: after three unreviewed AI turns the 4th turn cannot edit (unless the edit only fixes); review and policy edits are refused; a review at a terminal lets edits go on', () => {
  const root = gitRepo({ 'app/db.py': SAFE, 'app/util.py': 'def one():\n    return 1\n' });
  for (let turn = 1; turn <= 3; turn++) {
    const content = turn === 3 ? INJECTABLE : SAFE.replace('users', `users${turn}`);
    assert.equal(hook(root, { hook_event_name: 'PreToolUse', tool_name: 'Write', tool_input: { file_path: join(root, 'app/db.py'), content } }).json.hookSpecificOutput, undefined, `turn ${turn} was refused`);
    write(root, 'app/db.py', content);
    stop(root, true);
  }
  assert.equal(status(root).chain.aiIterationsSinceReview, 3);
  const denied = hook(root, { hook_event_name: 'PreToolUse', tool_name: 'Edit', tool_input: { file_path: join(root, 'app/util.py'), old_string: 'return 1', new_string: 'return 2' } });
  assert.deepEqual(Object.keys(denied.json), ['hookSpecificOutput']);
  const output = denied.json.hookSpecificOutput as Record<string, string>;
  assert.equal(output.hookEventName, 'PreToolUse');
  assert.equal(output.permissionDecision, 'deny');
  assert.match(output.permissionDecisionReason!, /a person must review: 3 AI iterations since the last review \(the policy allows 3\)/);
  // An edit that only removes the open injection goes on.
  const fixOnly = hook(root, { hook_event_name: 'PreToolUse', tool_name: 'Edit', tool_input: { file_path: join(root, 'app/db.py'), old_string: `"SELECT * FROM users WHERE name = '%s'" % name`, new_string: '"SELECT * FROM users WHERE name = ?", (name,)' } });
  assert.deepEqual(fixOnly.json, {});
  // An edit whose old text is not in the file cannot be judged: refused, never waved through.
  const unknown = hook(root, { hook_event_name: 'PreToolUse', tool_name: 'Edit', tool_input: { file_path: join(root, 'app/db.py'), old_string: 'no such text', new_string: 'x' } });
  assert.equal((unknown.json.hookSpecificOutput as Record<string, string>).permissionDecision, 'deny');
  // The agent approving itself, re-anchoring the ledger, or loosening the policy.
  for (const command of ['loopwarden review --approve --yes', 'npx loopwarden review', 'node node_modules/loopwarden/dist/src/cli/main.js --no-color review --approve', 'npx loopwarden ledger reanchor', "sed -i 's/3/99/' .loopwarden.yml", 'rm -rf .loopwarden', 'git commit --no-verify -m x']) {
    const refused = hook(root, { hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command } });
    assert.equal((refused.json.hookSpecificOutput as Record<string, string> | undefined)?.permissionDecision, 'deny', command);
  }
  for (const command of ['npm test', 'loopwarden status', 'git log --oneline', 'cat README.md']) assert.deepEqual(hook(root, { hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command } }).json, {}, command);
  for (const file of ['.loopwarden.yml', '.loopwarden/ledger.db', '.claude/settings.json', '.git/hooks/post-commit']) {
    const refused = hook(root, { hook_event_name: 'PreToolUse', tool_name: 'Write', tool_input: { file_path: join(root, file), content: 'x' } });
    assert.match((refused.json.hookSpecificOutput as Record<string, string>).permissionDecisionReason!, /an agent does not change loopwarden's policy/, file);
  }
  // A person reviews at a terminal: the agent may edit again.
  assert.equal(runCliInTerminal(['review', '--approve', '--yes', '--note', 'looked at it'], root).status, 0);
  assert.deepEqual(hook(root, { hook_event_name: 'PreToolUse', tool_name: 'Edit', tool_input: { file_path: join(root, 'app/util.py'), old_string: 'return 1', new_string: 'return 2' } }).json, {});
});

test('a malformed payload fails open with one line on stderr (fail-closed on request); events it does not handle answer {}', () => {
  const root = gitRepo({ 'a.py': 'x = 1\n' });
  for (const input of ['not json', '{"hook_event_name": "PostToolUse"}', '[]']) {
    const run = runCli(['hook', 'claude-code', '--no-server'], root, { input });
    assert.equal(run.status, 0, input);
    assert.equal(run.stdout, '{}\n');
    assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
    assert.match(run.stderr, /^loopwarden hook: .*letting the agent go on \(fail-open\)/);
  }
  const closed = runCli(['hook', 'claude-code', '--no-server', '--fail-closed'], root, { input: 'not json' });
  assert.equal(closed.status, 2);
  assert.match(closed.stderr, /stopping the agent \(fail-closed\)/);
  assert.deepEqual(hook(root, { hook_event_name: 'UserPromptSubmit', prompt: 'hi' }).json, {});
  assert.deepEqual(hook(root, { hook_event_name: 'PostToolUse', tool_name: 'Read', tool_input: { file_path: join(root, 'a.py') } }).json, {});
  // An edit outside the repository is not ours to judge.
  assert.deepEqual(hook(root, { hook_event_name: 'PostToolUse', tool_name: 'Write', tool_input: { file_path: '/etc/hosts', content: 'x' } }).json, {});
});

test('an edit leaving a file past the analysis budget (2,000 nested lambdas) is not waved through: the agent is told a person must look, and the turn needs review', () => {
  const root = gitRepo({ 'app/deep.py': 'x = 1\n' });
  assert.equal(runCli(['check'], root).status, 0);
  const deep = `f = (${'lambda:\n'.repeat(2000)}1)\n`;
  const answer = write(root, 'app/deep.py', deep);
  assert.equal(answer.status, 0, answer.stderr);
  assert.equal(answer.json.decision, undefined);
  assert.match(String((answer.json.hookSpecificOutput as Record<string, string>).additionalContext), /app\/deep\.py cannot be analysed \(analysis-budget\); a change to it needs a person's review/);
  const end = stop(root);
  assert.match(String(end.json.systemMessage), /review-required/);
});

test('the Claude Code plugin: marketplace, plugin manifest and hooks point at files that exist, carry the package version, and its hook script answers', () => {
  const repo = join(CLI, '..', '..', '..', '..');
  const read = (path: string) => JSON.parse(readFileSync(join(repo, path), 'utf8')) as Record<string, unknown>;
  const version = (read('package.json') as { version: string }).version;
  const marketplace = read('.claude-plugin/marketplace.json') as { name: string; owner: { name: string }; plugins: { name: string; source: string; version: string }[] };
  assert.ok(marketplace.name && marketplace.owner.name);
  const [entry] = marketplace.plugins;
  assert.equal(entry!.version, version);
  assert.match(entry!.source, /^\.\//);
  const plugin = read(join(entry!.source, '.claude-plugin/plugin.json')) as { name: string; version: string };
  assert.deepEqual([plugin.name, plugin.version], [entry!.name, version]);
  const hooks = (read(join(entry!.source, 'hooks/hooks.json')) as { hooks: Record<string, { matcher?: string; hooks: { type: string; command: string }[] }[]> }).hooks;
  assert.deepEqual(Object.keys(hooks).sort(), ['PostToolUse', 'PreToolUse', 'SessionStart', 'Stop']);
  const pluginRoot = join(repo, entry!.source);
  for (const groups of Object.values(hooks)) {
    for (const handler of groups.flatMap((g) => g.hooks)) {
      const script = handler.command.replace('"${CLAUDE_PLUGIN_ROOT}"', pluginRoot).split(' ')[0]!;
      assert.ok(statSync(script).mode & 0o100, `${script} is not executable`);
    }
  }
  // As Claude Code runs it, in a project that has loopwarden installed.
  const root = gitRepo({ 'app/db.py': SAFE });
  mkdirSync(join(root, 'node_modules', '.bin'), { recursive: true });
  symlinkSync(join(repo, 'dist', 'bin', 'loopwarden-hook'), join(root, 'node_modules', '.bin', 'loopwarden-hook'));
  writeFileSync(join(root, 'app/db.py'), INJECTABLE);
  const run = spawnSync('sh', ['-c', hooks.PostToolUse![0]!.hooks[0]!.command], {
    cwd: root,
    input: JSON.stringify({ session_id: 'p', cwd: root, hook_event_name: 'PostToolUse', tool_name: 'Write', tool_input: { file_path: join(root, 'app/db.py'), content: INJECTABLE } }),
    encoding: 'utf8',
    env: cleanEnv({ CLAUDE_PLUGIN_ROOT: pluginRoot, CLAUDE_PROJECT_DIR: root, LOOPWARDEN_NO_SERVER: '1' }),
  });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /CWE-89/);
});
