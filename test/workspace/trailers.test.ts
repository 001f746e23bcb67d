import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { parseTrailers, provenanceFromTrailers, provenanceOfCommit } from '../../src/workspace/trailers.js';
import { makeProject } from '../helpers.js';

/** Makes a repository with one empty commit per message; returns its top and the commit ids in order. */
function repoWithCommits(messages: string[]): { top: string; commits: string[] } {
  const top = makeProject({});
  const git = (...args: string[]) => execFileSync('git', args, { cwd: top, encoding: 'utf8' }).trim();
  git('init', '-q');
  git('config', 'user.email', 'dev@example.com');
  git('config', 'user.name', 'Dev');
  const commits = messages.map((message) => {
    git('commit', '-q', '--allow-empty', '--cleanup=verbatim', '-m', message);
    return git('rev-parse', 'HEAD');
  });
  return { top, commits };
}

test('git trailer output is parsed into keys and values', () => {
  assert.deepEqual(parseTrailers('Co-authored-by: Claude <noreply@anthropic.com>\nSigned-off-by: Dev <d@e>\n'), [
    { key: 'Co-authored-by', value: 'Claude <noreply@anthropic.com>' },
    { key: 'Signed-off-by', value: 'Dev <d@e>' },
  ]);
});

test('provenance: a known assistant as co-author, any Assisted-by or Generated-by; human co-authors tell nothing', () => {
  assert.deepEqual(provenanceFromTrailers([{ key: 'co-authored-by', value: 'GitHub Copilot <c@github.com>' }]), { actor: 'ai', tool: 'copilot' });
  assert.deepEqual(provenanceFromTrailers([{ key: 'Generated-by', value: 'SomeBot 2 <bot@example.com>' }]), { actor: 'ai', tool: 'SomeBot 2' });
  assert.equal(provenanceFromTrailers([{ key: 'Co-authored-by', value: 'Ana <ana@example.com>' }]), undefined);
});

test('only the trailer block at the end of a real commit message counts', () => {
  const { top, commits } = repoWithCommits([
    // A trailer-looking line in the body, with a real trailer block after it that names no assistant.
    'Fix the parser\n\nCo-authored-by: Claude <noreply@anthropic.com>\nwas how we used to mark it; not any more.\n\nSigned-off-by: Dev <dev@example.com>\n',
    // The last paragraph is prose with one trailer-like line: git does not read it as a trailer block.
    'Pair on the parser\n\nWe paired on this with a friend.\nCo-authored-by: Claude <noreply@anthropic.com>\n',
    // The subject alone is never a trailer.
    'Co-authored-by: Claude <noreply@anthropic.com>',
    // A real block, with a folded value and a `---` line in the body above it.
    'Add export\n\nNotes\n---\nmore notes\n\nAssisted-by: Cursor\n  agent mode\nCo-authored-by: Claude <noreply@anthropic.com>\n',
    'Tweak\n\nAssisted-by: Some New Tool <t@example.com>\n',
  ]);
  assert.deepEqual(commits.map((commit) => provenanceOfCommit(top, commit)), [
    undefined,
    undefined,
    undefined,
    { actor: 'ai', tool: 'claude-code' },
    { actor: 'ai', tool: 'Some New Tool' },
  ]);
});
