import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { parseAiAuthorship, provenanceOfCommitWithNotes } from '../../src/workspace/ai-notes.js';
import { gitRepo } from '../helpers.js';

// The examples of the Git AI Standard v3.0.0 (git-ai-project/git-ai, specs/git_ai_standard_v3.0.0.md), shortened.
const SESSIONS_NOTE = `src/main.rs
  s_c9883b05a2487d::t_9f8e7d6c5b4a32 1-10,15-20
  s_c9883b05a2487d::t_a1b2c3d4e5f678 25,30-35
  h_31dce776f88375 42-50
src/lib.rs
  s_e7f2a90b31cc48::t_deadbeef012345 1-50
---
{
  "schema_version": "authorship/3.0.0",
  "git_ai_version": "1.4.5",
  "base_commit_sha": "7734793b756b3921c88db5375a8c156e9532447b",
  "prompts": {},
  "humans": { "h_31dce776f88375": { "author": "Developer <dev@example.com>" } },
  "sessions": {
    "s_c9883b05a2487d": { "agent_id": { "tool": "cursor", "id": "6ef2299e", "model": "claude-sonnet-4-5-20250514" } },
    "s_e7f2a90b31cc48": { "agent_id": { "tool": "claude", "id": "conv_abc123def456", "model": "claude-sonnet-4-5-20250514" } }
  }
}
`;

const LEGACY_NOTE = `src/main.rs
  abcd1234abcd1234 1-10,15-20
---
{"schema_version":"authorship/3.0.0","base_commit_sha":"7734","prompts":{"abcd1234abcd1234":{"agent_id":{"tool":"copilot","id":"a1","model":"gpt-4"},"total_additions":25,"total_deletions":5,"accepted_lines":20,"overriden_lines":0}}}
`;

test('a git-ai sessions note: the agent with the most AI-attested lines; known humans count for nothing', () => {
  // claude has 50 lines, cursor 10 + 6 + 1 + 6 = 23; h_ lines are a person's.
  assert.deepEqual(parseAiAuthorship(SESSIONS_NOTE), { tool: 'claude-code', model: 'claude-sonnet-4-5-20250514', session: 'conv_abc123def456', aiLines: 73 });
});

test('a legacy (prompts) note, a humans-only note and things that are not authorship logs', () => {
  assert.deepEqual(parseAiAuthorship(LEGACY_NOTE), { tool: 'copilot', model: 'gpt-4', session: 'a1', aiLines: 16 });
  const humansOnly = 'a.py\n  h_31dce776f88375 1-3\n---\n{"schema_version":"authorship/3.0.0","base_commit_sha":"x","prompts":{},"humans":{"h_31dce776f88375":{"author":"D <d@e>"}}}\n';
  assert.equal(parseAiAuthorship(humansOnly), undefined);
  assert.equal(parseAiAuthorship('reviewed by Ana'), undefined);
  assert.equal(parseAiAuthorship('a.py\n  abc 1-2\n---\nnot json'), undefined);
  assert.equal(parseAiAuthorship('---\n{"schema_version":"other/1"}'), undefined);
});

test('a note under refs/notes/ai makes a commit without trailers an AI commit; other notes refs do not', () => {
  const top = gitRepo({ 'a.py': 'x = 1\n' });
  const git = (...args: string[]) => execFileSync('git', args, { cwd: top, encoding: 'utf8' }).trim();
  const commit = git('rev-parse', 'HEAD');
  assert.equal(provenanceOfCommitWithNotes(top, commit), undefined);
  git('notes', 'add', '-m', LEGACY_NOTE, commit);
  assert.equal(provenanceOfCommitWithNotes(top, commit), undefined);
  git('notes', '--ref=ai', 'add', '-m', SESSIONS_NOTE, commit);
  assert.deepEqual(provenanceOfCommitWithNotes(top, commit), { actor: 'ai', tool: 'claude-code', model: 'claude-sonnet-4-5-20250514', session: 'conv_abc123def456' });
});
