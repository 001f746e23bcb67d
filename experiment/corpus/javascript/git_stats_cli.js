// Prints commit statistics for a git repository: commits per author and the most changed files in a date range.
'use strict';
const { execFile } = require('node:child_process');
const { promisify } = require('node:util');
const fs = require('node:fs');
const path = require('node:path');

const run = promisify(execFile);
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

function usage(message) {
  if (message) console.error(message);
  console.error('usage: node git_stats_cli.js [--since YYYY-MM-DD] [--until YYYY-MM-DD] [--top N] [REPO]');
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { since: null, until: null, top: 10, repo: '.' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--since' || arg === '--until') {
      const value = argv[++i];
      if (!DATE_RE.test(value || '')) usage(`${arg} needs a date YYYY-MM-DD`);
      opts[arg.slice(2)] = value;
    } else if (arg === '--top') {
      opts.top = Number.parseInt(argv[++i], 10);
      if (!(opts.top >= 1 && opts.top <= 1000)) usage('--top must be 1-1000');
    } else if (arg.startsWith('-')) {
      usage(`unknown option ${arg}`);
    } else {
      opts.repo = arg;
    }
  }
  return opts;
}

async function git(repo, args) {
  const { stdout } = await run('git', ['-C', repo, ...args], { maxBuffer: 64 * 1024 * 1024, timeout: 120_000 });
  return stdout;
}

function rangeArgs({ since, until }) {
  const args = [];
  if (since) args.push(`--since=${since}`);
  if (until) args.push(`--until=${until}`);
  return args;
}

async function authorCounts(repo, opts) {
  const out = await git(repo, ['log', '--no-merges', '--format=%aN', ...rangeArgs(opts)]);
  const counts = new Map();
  for (const name of out.split('\n').filter(Boolean)) counts.set(name, (counts.get(name) || 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]);
}

async function churn(repo, opts) {
  const out = await git(repo, ['log', '--no-merges', '--numstat', '--format=', ...rangeArgs(opts)]);
  const files = new Map();
  for (const line of out.split('\n')) {
    const [added, removed, file] = line.split('\t');
    if (!file || added === '-') continue;
    files.set(file, (files.get(file) || 0) + Number(added) + Number(removed));
  }
  return [...files].sort((a, b) => b[1] - a[1]);
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const repo = path.resolve(opts.repo);
  if (!fs.existsSync(path.join(repo, '.git'))) usage(`${repo} is not a git repository`);
  const [authors, files] = await Promise.all([authorCounts(repo, opts), churn(repo, opts)]);
  const total = authors.reduce((n, [, c]) => n + c, 0);
  console.log(`${total} commits${opts.since ? ` since ${opts.since}` : ''}${opts.until ? ` until ${opts.until}` : ''}`);
  console.log('\nCommits by author:');
  for (const [name, n] of authors.slice(0, opts.top)) console.log(`${String(n).padStart(6)}  ${name}`);
  console.log('\nMost changed files:');
  for (const [file, n] of files.slice(0, opts.top)) console.log(`${String(n).padStart(6)}  ${file}`);
}

main().catch((err) => {
  console.error(err.stderr || err.message);
  process.exit(1);
});
