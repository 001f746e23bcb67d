import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { INIT_AGENTS, mergeAgentHooks, settingsFileOf } from '../../src/hooks/hook-settings.js';
import { CLI, cleanEnv, gitRepo, runCli } from '../helpers.js';

test('mergeAgentHooks adds each event once and keeps what the file holds', () => {
  const existing = { model: 'opus', hooks: { PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: 'guard.sh' }] }] } };
  const { settings, added } = mergeAgentHooks(existing, 'claude-code');
  assert.deepEqual(added, ['PreToolUse', 'PostToolUse', 'Stop', 'SessionStart']);
  assert.equal(settings.model, 'opus');
  const hooks = settings.hooks as Record<string, unknown[]>;
  assert.deepEqual(hooks.PreToolUse![0], existing.hooks.PreToolUse[0]);
  assert.deepEqual(hooks.PreToolUse![1], { matcher: 'Edit|Write|MultiEdit|NotebookEdit|Bash', hooks: [{ type: 'command', command: 'npx loopwarden hook claude-code', timeout: 30 }] });
  assert.deepEqual(mergeAgentHooks(settings, 'claude-code').added, []);
  assert.deepEqual(existing.hooks.PreToolUse.length, 1, 'the input is not changed');
});

test('mergeAgentHooks: a hook already running loopwarden another way counts; a wrong shape is refused', () => {
  const local = { version: 1, hooks: { stop: [{ command: 'node ./node_modules/loopwarden/dist/src/cli/main.js hook cursor --fail-closed' }] } };
  assert.deepEqual(mergeAgentHooks(local, 'cursor').added, ['preToolUse', 'postToolUse', 'afterFileEdit', 'beforeShellExecution']);
  // Another agent's command is not this one's.
  assert.deepEqual(mergeAgentHooks({ hooks: { Stop: [{ hooks: [{ command: 'npx loopwarden hook claude-code' }] }] } }, 'codex').added, ['PreToolUse', 'PostToolUse', 'Stop']);
  assert.throws(() => mergeAgentHooks([], 'gemini'), /not a JSON object/);
  assert.throws(() => mergeAgentHooks({ hooks: [] }, 'gemini'), /"hooks" that is not an object/);
  assert.throws(() => mergeAgentHooks({ hooks: { Stop: {} } }, 'vscode'), /"hooks.Stop" that is not a list/);
});

test('init --agent writes every agent\'s settings, keeps unrelated hooks and changes nothing on a second run', () => {
  const top = gitRepo({ 'app.py': 'x = 1\n' });
  mkdirSync(join(top, '.gemini'));
  const gemini = { theme: 'dark', hooks: { BeforeTool: [{ matcher: 'run_shell_command', hooks: [{ name: 'audit', type: 'command', command: './audit.sh', timeout: 5000 }] }] } };
  writeFileSync(join(top, '.gemini/settings.json'), JSON.stringify(gemini));
  const first = runCli(['init', '--agent', 'cursor,gemini', '--agent', 'codex', '--agent', 'vscode', '--claude-code'], top);
  assert.equal(first.status, 0, first.stderr);
  assert.match(first.stdout, /added loopwarden hook gemini to \.gemini\/settings\.json \(BeforeTool, AfterTool, AfterAgent\)/);
  const files = Object.fromEntries(INIT_AGENTS.map((agent) => [agent, readFileSync(join(top, settingsFileOf(agent)), 'utf8')]));
  const written = JSON.parse(files.gemini!);
  assert.equal(written.theme, 'dark');
  assert.deepEqual(written.hooks.BeforeTool[0], gemini.hooks.BeforeTool[0]);
  assert.deepEqual(written.hooks.BeforeTool[1].hooks, [{ name: 'loopwarden', type: 'command', command: 'npx loopwarden hook gemini', timeout: 30000 }]);
  assert.equal(JSON.parse(files.cursor!).version, 1);
  assert.deepEqual(JSON.parse(files.vscode!).hooks.Stop, [{ type: 'command', command: 'npx loopwarden hook vscode', timeout: 120 }]);
  assert.equal(JSON.parse(files.codex!).hooks.PreToolUse[0].matcher, '^(apply_patch|Bash)$');

  const second = runCli(['init', '--agent', 'claude-code,cursor,gemini,codex,vscode'], top);
  assert.equal(second.status, 0, second.stderr);
  assert.match(second.stdout, /kept \.cursor\/hooks\.json \(already runs loopwarden hook cursor\)/);
  for (const agent of INIT_AGENTS) assert.equal(readFileSync(join(top, settingsFileOf(agent)), 'utf8'), files[agent], `${agent}: byte for byte`);
});

test('init --agent: a settings file that is not JSON is named and left alone; an unknown agent is refused', () => {
  const top = gitRepo({ 'app.py': 'x = 1\n' });
  mkdirSync(join(top, '.codex'));
  writeFileSync(join(top, '.codex/hooks.json'), '{ "hooks": ');
  const run = runCli(['init', '--agent', 'codex'], top);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /\.codex\/hooks\.json is not valid JSON .*the file was not changed/);
  assert.equal(readFileSync(join(top, '.codex/hooks.json'), 'utf8'), '{ "hooks": ');
  const unknown = runCli(['init', '--agent', 'copilot'], top);
  assert.equal(unknown.status, 2, unknown.stderr);
  assert.match(unknown.stderr, /'copilot' is not one of claude-code, cursor, gemini, codex, vscode/);
});

test('init --agent in a project that has loopwarden installed names its fast client, which answers through the warm server', () => {
  const top = gitRepo({ 'app/db.py': 'x = 1\n' });
  mkdirSync(join(top, 'node_modules', '.bin'), { recursive: true });
  symlinkSync(join(CLI, '..', '..', '..', 'bin', 'loopwarden-hook'), join(top, 'node_modules', '.bin', 'loopwarden-hook'));
  assert.equal(runCli(['init', '--agent', 'claude-code'], top).status, 0);
  const settings = JSON.parse(readFileSync(join(top, '.claude', 'settings.json'), 'utf8')) as { hooks: Record<string, { hooks: { command: string }[] }[]> };
  const command = settings.hooks.PostToolUse![0]!.hooks[0]!.command;
  assert.equal(command, '"$CLAUDE_PROJECT_DIR"/node_modules/.bin/loopwarden-hook claude-code');
  writeFileSync(join(top, 'app/db.py'), 'def f(db, n):\n    db.execute("SELECT * FROM t WHERE n = \'%s\'" % n)\n');
  const payload = JSON.stringify({ session_id: 's', cwd: top, hook_event_name: 'PostToolUse', tool_name: 'Write', tool_input: { file_path: join(top, 'app/db.py'), content: '' } });
  for (let run = 0; run < 2; run++) {
    // As Claude Code runs it: through a shell, with the project folder in the environment (the first run starts the server).
    const ran: SpawnSyncReturns<string> = spawnSync('sh', ['-c', command], { cwd: top, input: payload, encoding: 'utf8', env: cleanEnv({ CLAUDE_PROJECT_DIR: top, CLAUDECODE: '1' }) });
    assert.equal(ran.status, 0, ran.stderr);
    assert.match(ran.stdout, /CWE-89/);
  }
  runCli(['serve', '--stop'], top);
});
