import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after } from 'node:test';
import { languageById } from '../src/languages/registry.js';
import { parseSource, type ParsedFile } from '../src/engine/parse.js';

/** The built CLI entry point. */
export const CLI = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));

/** Creates a temporary directory holding `files` (path → content), removed after the test file. */
export function makeProject(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(join(tmpdir(), 'loopwarden-test-'));
  for (const [path, content] of Object.entries(files)) {
    const absolute = join(root, path);
    mkdirSync(dirname(absolute), { recursive: true });
    writeFileSync(absolute, content);
  }
  after(() => rmSync(root, { recursive: true, force: true }));
  return root;
}

/** Runs the built CLI and returns its exit status and output. */
export function runCli(args: string[], cwd: string): { status: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Parses a snippet in the named language. */
export function parseSnippet(languageId: string, text: string): ParsedFile {
  return parseSource(languageById(languageId)!, text);
}

/** Creates a temporary git repository holding `files`, committed once, removed after the test file. */
export function makeGitRepo(files: Record<string, string | Buffer>): string {
  const root = makeProject(files);
  const git = (...args: string[]) => spawnSync('git', args, { cwd: root, stdio: 'pipe' });
  git('init', '-q');
  git('config', 'user.email', 'dev@example.com');
  git('config', 'user.name', 'Dev');
  git('add', '-A');
  git('commit', '-qm', 'baseline', '--allow-empty');
  return root;
}
