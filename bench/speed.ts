import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir, availableParallelism, cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { available, measure, medianSeconds } from './measure.js';

// `npm run bench`: loopwarden's speed and memory on real code, side by side with the reference scanners
// (bandit, cppcheck, flawfinder, eslint + eslint-plugin-security) measured in the same run. Prints figures
// and ratios; never fails on time (these machines are noisy).

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = join(REPO, 'dist', 'src', 'cli', 'main.js');
const CORPORA = process.env.LOOPWARDEN_CORPORA ?? resolve(REPO, '..', 'shared', 'corpora');
const NODE_INCLUDE = join(dirname(dirname(process.execPath)), 'include', 'node');
const SINGLE_FILE_RUNS = Number(process.env.BENCH_RUNS ?? 20);
const work = mkdtempSync(join(tmpdir(), 'loopwarden-bench-'));

function filesIn(dir: string, pattern: RegExp): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((name) => pattern.test(name)).map((name) => join(dir, name)).sort() : [];
}

/** The corpus, read in place: labelled benchmark code plus real code from installed packages. */
const parts: Record<string, string[]> = {
  python: [join(CORPORA, 'owasp-benchmark-python')],
  java: [join(CORPORA, 'owasp-benchmark-java', 'src')],
  javascript: [join(REPO, 'node_modules', 'eslint', 'lib')],
  c: [
    join(NODE_INCLUDE, 'uv'),
    ...filesIn(NODE_INCLUDE, /^(uv|node_api|node_api_types|js_native_api|js_native_api_types)\.h$/),
    ...filesIn(join(NODE_INCLUDE, 'openssl'), /\.h$/),
  ],
};
for (const [name, paths] of Object.entries(parts)) {
  parts[name] = paths.filter((path) => existsSync(path));
  if (parts[name]!.length === 0) delete parts[name];
}

function largestFile(dir: string, pattern: RegExp): string | undefined {
  const candidates: string[] = [];
  const visit = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (pattern.test(entry.name)) candidates.push(path);
    }
  };
  if (existsSync(dir)) visit(dir);
  return candidates.sort((a, b) => statSync(b).size - statSync(a).size || a.localeCompare(b))[0];
}

interface LoopwardenRun {
  seconds: number;
  peakMiB: number | undefined;
  lines: number;
  files: number;
}

function runLoopwarden(paths: string[]): LoopwardenRun {
  const output = join(work, 'report.json');
  const run = measure(process.execPath, [CLI, 'scan', ...paths, '--format', 'json', '--output', output, '--fail-on', 'none'], REPO);
  if (run.status !== 0) throw new Error(`loopwarden exited ${run.status} on ${paths.join(' ')}`);
  const summary = (JSON.parse(readFileSync(output, 'utf8')) as { summary: { linesScanned: number; filesScanned: number } }).summary;
  return { seconds: run.seconds, peakMiB: run.peakMiB, lines: summary.linesScanned, files: summary.filesScanned };
}

const fmt = (seconds: number) => (seconds < 1 ? `${(seconds * 1000).toFixed(0)} ms` : `${seconds.toFixed(2)} s`);
const mib = (value: number | undefined) => (value === undefined ? 'n/a' : `${value.toFixed(0)} MiB`);
const ratio = (ours: number, theirs: number) =>
  ours <= theirs ? `loopwarden ${(theirs / ours).toFixed(1)}× faster` : `loopwarden ${(ours / theirs).toFixed(1)}× slower`;

interface ReferenceTool {
  name: string;
  part: string;
  command: string;
  args: (paths: string[]) => string[];
  /** Exit codes that mean the tool ran (bandit and flawfinder exit 1 when they find something). */
  okStatus: number[];
}

const eslint = join(REPO, 'bench', 'run-eslint.mjs');
const eslintArgs = (paths: string[]) => [eslint, ...paths];
const referenceTools: ReferenceTool[] = [
  { name: 'bandit', part: 'python', command: 'bandit', args: (paths) => ['-q', '-r', ...paths, '-f', 'json', '-o', join(work, 'bandit.json')], okStatus: [0, 1] },
  { name: 'flawfinder', part: 'c', command: 'flawfinder', args: (paths) => ['--quiet', '--dataonly', '--csv', ...paths], okStatus: [0, 1] },
  { name: 'cppcheck', part: 'c', command: 'cppcheck', args: (paths) => ['-q', '-j', String(availableParallelism()), '--language=c', '--enable=warning,portability', ...paths], okStatus: [0] },
  { name: 'eslint + eslint-plugin-security', part: 'javascript', command: process.execPath, args: eslintArgs, okStatus: [0] },
];

function toolAvailable(tool: ReferenceTool): boolean {
  return tool.command === process.execPath ? existsSync(eslint) : available(tool.command);
}

console.log(`loopwarden speed benchmark — ${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} cores, Node ${process.version}`);
console.log(`corpora: ${CORPORA}${existsSync(CORPORA) ? '' : ' (missing: set LOOPWARDEN_CORPORA)'}\n`);

// 1. Whole corpus, then each part beside its reference tools.
const everything = Object.values(parts).flat();
const whole = runLoopwarden(everything);
console.log('## Full scan (process start included)');
console.log(`all parts: ${whole.files} files, ${whole.lines} lines in ${fmt(whole.seconds)} — ${Math.round(whole.lines / whole.seconds)} lines/s, peak ${mib(whole.peakMiB)}`);
console.log(`           at this rate 100k lines take ${fmt(100_000 / (whole.lines / whole.seconds))} (target: under 10 s on 2 cores)\n`);

console.log('## Each part, with the reference tools on the same files');
console.log('| part | files | lines | loopwarden | lines/s | peak | reference tool | its time | its peak | ratio |');
console.log('|---|---|---|---|---|---|---|---|---|---|');
const partRuns: Record<string, LoopwardenRun> = {};
for (const [name, paths] of Object.entries(parts)) {
  const ours = runLoopwarden(paths);
  partRuns[name] = ours;
  const tools = referenceTools.filter((tool) => tool.part === name);
  const cells = `| ${name} | ${ours.files} | ${ours.lines} | ${fmt(ours.seconds)} | ${Math.round(ours.lines / ours.seconds)} | ${mib(ours.peakMiB)}`;
  if (tools.length === 0) console.log(`${cells} | (none from Debian) | | | |`);
  for (const tool of tools) {
    if (!toolAvailable(tool)) {
      console.log(`${cells} | ${tool.name} | not installed | | |`);
      continue;
    }
    const theirs = measure(tool.command, tool.args(paths), REPO);
    if (!tool.okStatus.includes(theirs.status)) {
      console.log(`${cells} | ${tool.name} | failed (exit ${theirs.status}) | | |`);
      continue;
    }
    console.log(`${cells} | ${tool.name} | ${fmt(theirs.seconds)} | ${mib(theirs.peakMiB)} | ${ratio(ours.seconds, theirs.seconds)} |`);
  }
}

// 2. One changed file, the way an editor or agent hook runs it: a new process each time.
console.log(`\n## One file, as an editor hook runs it (new process each time, median of ${SINGLE_FILE_RUNS})`);
console.log('| file | lines | loopwarden | reference tool | its time | ratio |');
console.log('|---|---|---|---|---|---|');
const singles: [string, string | undefined][] = [
  ['python', largestFile(join(CORPORA, 'owasp-benchmark-python', 'testcode'), /\.py$/)],
  ['javascript', largestFile(join(REPO, 'node_modules', 'eslint', 'lib', 'linter'), /\.js$/)],
  ['c', existsSync(join(NODE_INCLUDE, 'uv.h')) ? join(NODE_INCLUDE, 'uv.h') : undefined],
];
for (const [part, file] of singles) {
  if (!file) continue;
  const lines = readFileSync(file, 'utf8').split('\n').length;
  const ours = medianSeconds(process.execPath, [CLI, 'scan', file, '--format', 'json', '--fail-on', 'none'], REPO, SINGLE_FILE_RUNS);
  const shown = file.replace(`${CORPORA}/`, '').replace(`${REPO}/`, '');
  const tools = referenceTools.filter((tool) => tool.part === part && toolAvailable(tool));
  if (tools.length === 0) console.log(`| ${shown} | ${lines} | ${fmt(ours)} | | | |`);
  for (const tool of tools) {
    const check = measure(tool.command, tool.args([file]), REPO);
    if (!tool.okStatus.includes(check.status)) {
      console.log(`| ${shown} | ${lines} | ${fmt(ours)} | ${tool.name} | failed (exit ${check.status}) | |`);
      continue;
    }
    const theirs = medianSeconds(tool.command, tool.args([file]), REPO, SINGLE_FILE_RUNS);
    console.log(`| ${shown} | ${lines} | ${fmt(ours)} | ${tool.name} | ${fmt(theirs)} | ${ratio(ours, theirs)} |`);
  }
}
// 3. `check` after a one-file change in a 100k-line git repository, beside a full scan of that repository.
const repoSources = [join(CORPORA, 'owasp-benchmark-python', 'testcode'), join(REPO, 'node_modules', 'eslint', 'lib')].filter((dir) => existsSync(dir));
if (repoSources.length > 0) {
  const repo = join(work, 'repo');
  mkdirSync(repo);
  repoSources.forEach((dir, index) => cpSync(dir, join(repo, `part${index}`), { recursive: true }));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, stdio: 'pipe' });
  git('init', '-q');
  git('config', 'user.email', 'bench@loopwarden.invalid');
  git('config', 'user.name', 'bench');
  git('add', '-A');
  git('commit', '-qm', 'baseline');
  measure(process.execPath, [CLI, 'init'], repo);
  const fullScan = runLoopwarden([repo]);
  const cold = measure(process.execPath, [CLI, 'check', '--actor', 'human', '--format', 'json'], repo);
  const changed = largestFile(join(repo, 'part0'), /\.(py|js)$/)!;
  const times: number[] = [];
  for (let i = 0; i < SINGLE_FILE_RUNS; i++) {
    appendFileSync(changed, `\n# iteration ${i}\n`);
    times.push(measure(process.execPath, [CLI, 'check', '--actor', 'ai', '--format', 'json'], repo).seconds);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  console.log(`\n## check after a one-file change (git repository of ${fullScan.files} files, ${fullScan.lines} lines)`);
  console.log('| measure | time | |');
  console.log('|---|---|---|');
  console.log(`| full scan of the repository | ${fmt(fullScan.seconds)} | |`);
  console.log(`| first check (analyses everything, fills the cache) | ${fmt(cold.seconds)} | |`);
  console.log(`| check after a one-file change, median of ${SINGLE_FILE_RUNS} | ${fmt(median)} | ${(fullScan.seconds / median).toFixed(1)}× faster than the full scan (target: under 300 ms and at least 20×) |`);
  benchAgentHooks(repo, changed, fullScan);
}

/** 4. An agent's hooks in the same repository, through the warm server, beside bare Node start measured in turn. */
function benchAgentHooks(repo: string, changed: string, fullScan: LoopwardenRun): void {
  const shellClient = join(REPO, 'dist', 'bin', 'loopwarden-hook');
  const event = (name: string, extra: object = {}) => JSON.stringify({ session_id: 'bench', cwd: repo, transcript_path: '', hook_event_name: name, ...extra });
  const edit = event('PostToolUse', { tool_name: 'Edit', tool_input: { file_path: changed, old_string: 'x', new_string: 'y' } });
  // The first call starts the server; the first edit loads the accepted baseline's snapshot.
  measure(process.execPath, [CLI, 'hook', 'claude-code'], repo, event('SessionStart', { source: 'startup' }));
  measure(process.execPath, [CLI, 'hook', 'claude-code'], repo, edit);
  const times = { node: [] as number[], nodeClient: [] as number[], shellClient: [] as number[], stop: [] as number[] };
  for (let i = 0; i < SINGLE_FILE_RUNS; i++) {
    appendFileSync(changed, `\n# hook edit ${i}\n`);
    times.node.push(measure(process.execPath, ['-e', '0'], repo).seconds);
    times.nodeClient.push(measure(process.execPath, [CLI, 'hook', 'claude-code'], repo, edit).seconds);
    times.shellClient.push(measure(shellClient, ['claude-code'], repo, edit).seconds);
    if (i % 4 === 0) times.stop.push(measure(shellClient, ['claude-code'], repo, event('Stop', { stop_hook_active: true })).seconds);
  }
  measure(process.execPath, [CLI, 'serve', '--stop'], repo);
  const med = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;
  const node = med(times.node);
  console.log(`\n## Agent hooks through the warm server (same repository; medians of ${SINGLE_FILE_RUNS}, bare Node measured in turn)`);
  console.log('| measure | time | against bare Node start |');
  console.log('|---|---|---|');
  console.log(`| bare Node start (\`node -e 0\`) | ${fmt(node)} | 1.00× |`);
  console.log(`| PostToolUse on a one-file edit, shell client (\`loopwarden-hook\`, curl) | ${fmt(med(times.shellClient))} | ${(med(times.shellClient) / node).toFixed(2)}× (target: at most 1.5×) |`);
  console.log(`| PostToolUse on a one-file edit, Node client (\`loopwarden hook\`) | ${fmt(med(times.nodeClient))} | ${(med(times.nodeClient) / node).toFixed(2)}× |`);
  console.log(`| Stop: the turn's check of the whole repository (${fullScan.files} files), median of ${times.stop.length} | ${fmt(med(times.stop))} | ${(med(times.stop) / node).toFixed(2)}× |`);
}

const nodeStart = medianSeconds(process.execPath, ['-e', '0'], REPO, SINGLE_FILE_RUNS);
console.log(`\nNode.js start alone: ${fmt(nodeStart)} (median of ${SINGLE_FILE_RUNS}); target for one file: under 300 ms including it.`);
rmSync(work, { recursive: true, force: true });
