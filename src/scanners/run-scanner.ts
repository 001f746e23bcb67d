import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readSarif, type ExternalResult } from './sarif-read.js';
import { loadSarifLog } from './sarif-validate.js';
import { FILES_PLACEHOLDER, ROOT_PLACEHOLDER, type ScannerSettings } from './scanner-settings.js';

/** What running one scanner over some files gave: results for the files it covered, and why it missed the others. */
export interface ScannerOutcome {
  scanner: string;
  /** Files (relative to the directory it ran in) it was asked to look at and did. */
  covered: string[];
  /** Files it was asked to look at and did not (it crashed, timed out, printed no valid SARIF, or said it failed there). */
  missed: string[];
  results: ExternalResult[];
  /** One line per failure, naming the scanner: these become the iteration's notes. */
  problems: string[];
  /** Results the SARIF had but that were not taken (outside the files asked for, no location, …). */
  skipped: string[];
}

/** Output above this is not SARIF a person could use: the scanner is stopped and the run counts as failed. */
export const MAX_SCANNER_OUTPUT = 64 * 1024 * 1024;
/** Files per invocation: keeps every command line far below the system's limit. */
const FILES_PER_INVOCATION = 200;

/**
 * Runs `scanner` over `files` (relative to `directory`, where it runs): in chunks, each within the scanner's
 * timeout, without a shell; the process group is killed on timeout so a wrapper's children die too. A failure
 * is an outcome, never an exception: the check goes on without this scanner's word on those files.
 */
export async function runScanner(scanner: ScannerSettings, directory: string, files: string[]): Promise<ScannerOutcome> {
  const outcome: ScannerOutcome = { scanner: scanner.name, covered: [], missed: [], results: [], problems: [], skipped: [] };
  const wholeProject = !scanner.command.includes(FILES_PLACEHOLDER);
  const chunks = wholeProject ? [files] : chunk(files, FILES_PER_INVOCATION);
  for (const part of chunks) {
    if (part.length === 0) continue;
    const argv = commandLine(scanner.command, directory, part);
    const ran = await runProgram(argv, directory, scanner.timeout * 1000, scanner.env);
    const what = `${scanner.name}: ${part.length === 1 ? part[0] : `${part.length} files`}`;
    if ('problem' in ran) {
      outcome.missed.push(...part);
      outcome.problems.push(`${what}: ${ran.problem}; its findings there were not re-checked`);
      continue;
    }
    const loaded = loadSarifLog(ran.stdout);
    if ('problem' in loaded) {
      outcome.missed.push(...part);
      const exit = ran.code !== 0 ? `exited with code ${ran.code}${ran.stderr ? ` (${ran.stderr})` : ''} and ` : '';
      outcome.problems.push(`${what}: ${exit}printed no valid SARIF: ${loaded.problem}; its findings there were not re-checked`);
      continue;
    }
    const asked = new Set(part);
    const reading = readSarif(loaded.log, { label: scanner.name, base: directory, root: directory, severity: scanner.severity, confidence: scanner.confidence, cwe: scanner.cwe, expected: asked });
    const elsewhere = reading.results.filter((result) => !asked.has(result.path)).length;
    if (!wholeProject && reading.unplaced + elsewhere > 0) {
      // A result that lands on no file it was asked about may be one of them under a name read wrongly: none of
      // this run's word is taken, rather than a finding lost.
      outcome.missed.push(...part);
      outcome.problems.push(`${what}: ${reading.unplaced + elsewhere} of its results name no file it was asked about; its findings there were not re-checked`);
      continue;
    }
    // A whole-project run covers what it says it analysed: files it reports on or lists, not files its own walk skipped.
    const named = new Set([...reading.artifacts, ...reading.results.map((result) => result.path)]);
    const failedHere = new Set<string>();
    for (const failure of reading.failures) {
      if (failure.path === undefined) {
        for (const file of part) failedHere.add(file);
        outcome.problems.push(`${what}: ${failure.message}; its findings there were not re-checked`);
      } else if (asked.has(failure.path)) {
        failedHere.add(failure.path);
        outcome.problems.push(`${scanner.name}: ${failure.path}: ${failure.message}; its findings there were not re-checked`);
      }
    }
    const unnamed = wholeProject ? part.filter((file) => !named.has(file) && !failedHere.has(file)) : [];
    if (unnamed.length > 0) {
      for (const file of unnamed) failedHere.add(file);
      outcome.problems.push(`${scanner.name}: ${unnamed.length === 1 ? unnamed[0] : `${unnamed.length} files`}: a whole-project run that neither reported on nor listed ${unnamed.length === 1 ? 'it' : 'them'}; its findings there were not re-checked (give it {files})`);
    }
    for (const file of part) (failedHere.has(file) ? outcome.missed : outcome.covered).push(file);
    for (const result of reading.results) if (asked.has(result.path) && !failedHere.has(result.path)) outcome.results.push(result);
    if (elsewhere > 0) outcome.skipped.push(`${elsewhere} ${elsewhere === 1 ? 'result' : 'results'}: in files it was not asked about`);
    outcome.skipped.push(...reading.skipped);
  }
  return outcome;
}

/** The command with its placeholders filled in; `loopwarden` as the program is this very tool, whatever PATH says. */
function commandLine(command: string[], directory: string, files: string[]): string[] {
  // A file named `-eZZZ.c` or `--loadhitlist=x` would be read as an option (found by attacking the gate):
  // every file goes in as a path no program takes for one.
  const paths = files.map((file) => (file.startsWith('-') ? `./${file}` : file));
  const argv = command.flatMap((arg) => (arg === FILES_PLACEHOLDER ? paths : [arg.split(ROOT_PLACEHOLDER).join(directory)]));
  return argv[0] === 'loopwarden' ? [process.execPath, ownMain(), ...argv.slice(1)] : argv;
}

function ownMain(): string {
  // A path, not an import: the scanners layer does not depend on the CLI.
  return fileURLToPath(new URL('../cli/main.js', import.meta.url));
}

function chunk<T>(items: T[], size: number): T[][] {
  const parts: T[][] = [];
  for (let start = 0; start < items.length; start += size) parts.push(items.slice(start, start + size));
  return parts;
}

type ProgramOutcome = { code: number; stdout: string; stderr: string } | { problem: string };

/**
 * The environment a scanner runs in: what programs need to start and find their files, and the variables the
 * scanner's settings name; never the rest (PYTHONPATH, LD_PRELOAD, NODE_OPTIONS and their kin could make a
 * scanner say nothing, and its silence would be cached).
 */
export function scannerEnvironment(passThrough: readonly string[] = [], from: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const kept: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(from)) {
    if (value !== undefined && (BASE_ENVIRONMENT.has(name) || /^LC_[A-Z]+$/.test(name) || passThrough.includes(name))) kept[name] = value;
  }
  return kept;
}

const BASE_ENVIRONMENT = new Set(['PATH', 'HOME', 'USER', 'LOGNAME', 'LANG', 'LANGUAGE', 'TMPDIR', 'TZ', 'SYSTEMROOT']);

function runProgram(argv: string[], cwd: string, timeoutMs: number, passThrough: readonly string[]): Promise<ProgramOutcome> {
  return new Promise((done) => {
    const [program, ...args] = argv as [string, ...string[]];
    let settled = false;
    const finish = (outcome: ProgramOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      killGroup();
      done(outcome);
    };
    const child = spawn(program, args, { cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: scannerEnvironment(passThrough) });
    const killGroup = () => {
      // The whole group: a scanner started through a wrapper script leaves no child behind.
      if (child.pid !== undefined) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    };
    const stdout: Buffer[] = [];
    let size = 0;
    let stderr = '';
    const timer = setTimeout(() => finish({ problem: `timed out after ${Math.round(timeoutMs / 1000)} s` }), timeoutMs);
    child.stdout.on('data', (data: Buffer) => {
      size += data.length;
      if (size > MAX_SCANNER_OUTPUT) finish({ problem: `printed more than ${MAX_SCANNER_OUTPUT / 1024 / 1024} MB` });
      else stdout.push(data);
    });
    child.stderr.on('data', (data: Buffer) => {
      stderr = (stderr + data.toString('utf8')).slice(-4096);
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      finish({ problem: error.code === 'ENOENT' ? `cannot run '${program}': not found${isAbsolute(program) ? '' : ' on PATH'}` : `cannot run '${program}': ${error.message}` });
    });
    child.on('close', (code, signal) => {
      if (signal) finish({ problem: `was stopped by ${signal}` });
      else finish({ code: code ?? 0, stdout: Buffer.concat(stdout).toString('utf8'), stderr: lastLine(stderr) });
    });
  });
}

function lastLine(text: string): string {
  const lines = text.trim().split('\n');
  return (lines[lines.length - 1] ?? '').slice(0, 300);
}

/**
 * What identifies a scanner's results: its settings and the program file it runs (device, inode, size and
 * time), so a changed command or an upgraded tool means its cached results are not served.
 */
export function scannerKey(scanner: ScannerSettings, directory: string): string {
  const program = scanner.command[0]!;
  const environment = JSON.stringify(Object.entries(scannerEnvironment(scanner.env)).sort());
  return createHash('sha256').update(JSON.stringify(scanner)).update('\u0000').update(programStamp(program, directory)).update('\u0000').update(environment).digest('hex').slice(0, 16);
}

/** The program file a scanner runs, as found now (on PATH, or relative to the top), with its stamp: dev, inode, size, times. */
export function programStamp(program: string, directory: string): string {
  const candidates = program === 'loopwarden' ? [ownMain()] : program.includes('/') ? [resolve(directory, program)] : (process.env['PATH'] ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, program));
  for (const candidate of candidates) {
    try {
      const stats = statSync(candidate);
      if (stats.isFile()) return `${candidate} ${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}`;
    } catch {
      // not there: the next directory of PATH
    }
  }
  return `${program} not found`;
}
