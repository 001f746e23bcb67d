import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gitRepo, runCli } from '../helpers.js';

export const SAFE_DB = 'def find(cursor, name):\n    return cursor.execute("SELECT * FROM t WHERE n = ?", (name,))\n';
export const UNSAFE_DB = 'def find(cursor, name):\n    return cursor.execute("SELECT * FROM t WHERE n = \'" + name + "\'")\n';

/** The answer JSON a hook printed. */
export type Answer = Record<string, any>;

/** How one agent's payloads look and where its answers say things: the suite below drives every agent through it. */
export interface AgentDialect {
  agent: string;
  /** The session its payloads name, and the model they name (undefined when none does). */
  session: string;
  model?: string;
  /** Before an edit leaving `content` in `path` (repository-relative). */
  beforeEdit(top: string, path: string, content: string): object;
  /** After that edit (the test has written the file, as the agent would have). */
  afterEdit(top: string, path: string, content: string, before: string | undefined): object;
  beforeShell(top: string, command: string): object;
  /** The end of a turn; `retry` when the agent's own loop brings it back (loop_count, stop_hook_active). */
  stop(top: string, retry: boolean): object;
  /** What the agent is told after an edit. */
  editFeedback(answer: Answer): string | undefined;
  /** Why a tool call is refused. */
  denial(answer: Answer): string | undefined;
  /** What sends the agent back at the end of its turn. */
  sentBack(answer: Answer): string | undefined;
  /** What the user is told at the end of the turn (the answer's field, or stderr). */
  toldUser(answer: Answer, stderr: string): string | undefined;
}

/** Runs `loopwarden hook <agent> --no-server` in `top` with `payload`; checks exit 0 and one JSON line on stdout. */
export function callHook(agent: string, top: string, payload: object | string, env: Record<string, string> = {}): { answer: Answer; stderr: string } {
  const run = runCli(['hook', agent, '--no-server'], top, { input: typeof payload === 'string' ? payload : JSON.stringify(payload), env, timeoutMs: 60_000 });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^\{.*\}\n$/, `stdout holds one JSON line: ${run.stdout}`);
  return { answer: JSON.parse(run.stdout) as Answer, stderr: run.stderr };
}

/** A git repository holding a safe app/db.py, where a person has run `loopwarden init` (hooks never start a ledger). */
export function agentRepo(): string {
  const top = gitRepo({ 'app/db.py': SAFE_DB, 'README.md': '# app\n' });
  assert.equal(runCli(['init'], top).status, 0);
  return top;
}

/** One agent turn that writes `content` to `path`: before-edit (which must allow it), the write, after-edit; returns the after-edit answer. */
export function editTurn(dialect: AgentDialect, top: string, path: string, content: string, before?: string): Answer {
  const allowed = callHook(dialect.agent, top, dialect.beforeEdit(top, path, content)).answer;
  assert.equal(dialect.denial(allowed), undefined, `the edit of ${path} is allowed: ${JSON.stringify(allowed)}`);
  writeFileSync(join(top, path), content);
  return callHook(dialect.agent, top, dialect.afterEdit(top, path, content, before)).answer;
}

/** The tests every agent's hook must pass, with real-shaped payloads against the built CLI. */
export function agentHookSuite(dialect: AgentDialect): void {
  const { agent } = dialect;

  test(`${agent}: an edit that writes SQL injection is told CWE-89 at once`, () => {
    const top = agentRepo();
    const answer = editTurn(dialect, top, 'app/db.py', UNSAFE_DB, SAFE_DB);
    const said = dialect.editFeedback(answer);
    assert.ok(said, JSON.stringify(answer));
    assert.match(said, /app\/db\.py:2 python-sqli-built-query \(CWE-89, critical\)/);
    // A harmless edit is told nothing.
    assert.equal(dialect.editFeedback(editTurn(dialect, top, 'README.md', '# app\n\nmore\n', '# app\n')), undefined);
  });

  test(`${agent}: a shell command running loopwarden review is denied; an ordinary one is not`, () => {
    const top = agentRepo();
    const denied = callHook(agent, top, dialect.beforeShell(top, 'npx loopwarden review --approve')).answer;
    assert.match(dialect.denial(denied) ?? '', /only a person reviews/);
    const edit = callHook(agent, top, dialect.beforeShell(top, 'echo x > .loopwarden.yml')).answer;
    assert.match(dialect.denial(edit) ?? '', /touches \.loopwarden\.yml/);
    assert.deepEqual(callHook(agent, top, dialect.beforeShell(top, 'npm test')).answer, {});
  });

  test(`${agent}: an edit of .loopwarden.yml is denied`, () => {
    const top = agentRepo();
    const answer = callHook(agent, top, dialect.beforeEdit(top, '.loopwarden.yml', 'policy:\n  maxConsecutiveAiIterations: 99\n')).answer;
    assert.match(dialect.denial(answer) ?? '', /\.loopwarden\.yml is loopwarden's policy/);
  });

  test(`${agent}: after three unreviewed AI turns the fourth turn's edit is denied`, () => {
    const top = agentRepo();
    let content = SAFE_DB;
    for (let turn = 1; turn <= 3; turn += 1) {
      const next = `${content}# turn ${turn}\n`;
      editTurn(dialect, top, 'app/db.py', next, content);
      content = next;
      callHook(agent, top, dialect.stop(top, false));
    }
    const answer = callHook(agent, top, dialect.beforeEdit(top, 'app/db.py', `${content}# turn 4\n`)).answer;
    assert.match(dialect.denial(answer) ?? '', /a person must review: 3 AI iterations since the last review \(the policy allows 3\)/);
    const status = runCli(['status', '--format', 'json'], top);
    const records = JSON.parse(status.stdout);
    assert.equal(records.chain?.aiIterationsSinceReview ?? records.verdict?.chain?.aiIterationsSinceReview, 3, status.stdout);
  });

  test(`${agent}: the end of a turn with open findings sends the agent back once, not again on its retry`, () => {
    const top = agentRepo();
    editTurn(dialect, top, 'app/db.py', UNSAFE_DB, SAFE_DB);
    const first = callHook(agent, top, dialect.stop(top, false));
    assert.match(dialect.sentBack(first.answer) ?? '', /iteration #1 is block: 1 security finding open[\s\S]*CWE-89/);
    const exported = JSON.parse(runCli(['ledger', 'export', '--format', 'json'], top).stdout) as { records: { kind: string; payload: { provenance: Record<string, string> } }[] };
    const iterations = exported.records.filter((record) => record.kind === 'iteration');
    assert.equal(iterations.length, 1);
    assert.deepEqual(iterations[0]!.payload.provenance, { actor: 'ai', tool: agent, session: dialect.session, ...(dialect.model ? { model: dialect.model } : {}) });
    // The agent comes back, changes something but does not fix the finding.
    editTurn(dialect, top, 'app/db.py', `${UNSAFE_DB}# retried\n`, UNSAFE_DB);
    const second = callHook(agent, top, dialect.stop(top, true));
    assert.equal(dialect.sentBack(second.answer), undefined, JSON.stringify(second.answer));
    assert.match(dialect.toldUser(second.answer, second.stderr) ?? '', /iteration #2 is block .*Run `loopwarden review`/);
  });

  test(`${agent}: a malformed payload lets the agent go on with {} and one line on stderr`, () => {
    const top = agentRepo();
    for (const payload of ['not json', JSON.stringify({ hook_event_name: 'nothing else' })]) {
      const { answer, stderr } = callHook(agent, top, payload);
      assert.deepEqual(answer, {});
      assert.match(stderr, /^loopwarden hook: [^\n]*letting the agent go on \(fail-open\)\n$/);
    }
  });
}
