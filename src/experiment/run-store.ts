import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { openDurableSqlite } from '../io/durable-sqlite.js';
import { UserError } from '../errors.js';
import type { Completion } from './providers/provider.js';
import type { SeverityCounts } from './measures.js';
import type { ChainStep } from './chain-step.js';

export type { ChainStep } from './chain-step.js';

/** A model call as stored: what was asked, what came back (or why nothing did), and what it cost. */
export interface StoredCall extends ChainStep {
  prompt: string;
  answer?: Completion;
  error?: string;
  costUsd: number;
}

/** One iteration's code and what the analysis found in it. */
export interface StoredIteration extends ChainStep {
  code: string;
  /** `baseline`, `answer` (the model's code), or `kept` (the answer had no usable code: the last good code goes on). */
  source: 'baseline' | 'answer' | 'kept';
  /** Why an answer's code was not used (`no-code`, `parse-error`, `call-failed`), when it was not. */
  problem?: string;
  findings: SeverityCounts;
  complexity: number;
  /** The analysis's findings (rule, CWE, severity, line), as JSON. */
  detail: string;
}

const SCHEMA_VERSION = 1;

/** The store's file name inside a run directory. */
export const RUN_STORE_FILE = 'run.db';

/**
 * A run directory's SQLite file: every call and iteration is stored as it completes (in its own
 * transaction, synchronous FULL), so a killed run resumes without repeating a completed call.
 */
export class RunStore {
  private constructor(private readonly database: Database.Database, readonly path: string) {}

  /** Opens the store of a recorded run: its directory, or the file itself; refuses a path where no run was recorded. */
  static openRecorded(runPath: string): RunStore {
    const path = existsSync(runPath) && statSync(runPath).isDirectory() ? join(runPath, RUN_STORE_FILE) : runPath;
    if (!existsSync(path)) throw new UserError(`${runPath}: no experiment run recorded there (no ${RUN_STORE_FILE})`);
    const store = RunStore.open(path);
    if (store.setting('plan') === undefined && store.iterations().length === 0) {
      store.close();
      throw new UserError(`${runPath}: not an experiment run (nothing recorded in ${path})`);
    }
    return store;
  }

  /** Opens (creating when needed) the store at `path`. */
  static open(path: string): RunStore {
    const database = openDurableSqlite(path, 'the run store');
    const version = database.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) throw new UserError(`${path}: written by a newer loopwarden (run store version ${version}); update loopwarden to read it`);
    if (version === 0) {
      database.exec(`
        CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS calls (
          model TEXT NOT NULL, strategy TEXT NOT NULL, program TEXT NOT NULL, iteration INTEGER NOT NULL,
          prompt TEXT NOT NULL, answer TEXT, input_tokens INTEGER, output_tokens INTEGER, stop_reason TEXT,
          error TEXT, cost_usd REAL NOT NULL DEFAULT 0, recorded_at TEXT NOT NULL,
          PRIMARY KEY (model, strategy, program, iteration)
        );
        CREATE TABLE IF NOT EXISTS iterations (
          model TEXT NOT NULL, strategy TEXT NOT NULL, program TEXT NOT NULL, iteration INTEGER NOT NULL,
          code TEXT NOT NULL, source TEXT NOT NULL, problem TEXT,
          critical INTEGER NOT NULL, high INTEGER NOT NULL, medium INTEGER NOT NULL, low INTEGER NOT NULL,
          complexity INTEGER NOT NULL, detail TEXT NOT NULL, recorded_at TEXT NOT NULL,
          PRIMARY KEY (model, strategy, program, iteration)
        );
        PRAGMA user_version = ${SCHEMA_VERSION};
      `);
    }
    return new RunStore(database, path);
  }

  /** A setting of the run (its config, the prompts used), or undefined. */
  setting(key: string): string | undefined {
    return (this.database.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined)?.value;
  }

  /** Stores a setting that describes the latest run of the experiment (its plan), replacing the last. */
  putSetting(key: string, value: string): void {
    this.database.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  /** Stores a setting once; a later different value is refused, since the recorded run would no longer be one experiment. */
  keepSetting(key: string, value: string): void {
    const known = this.setting(key);
    if (known === undefined) this.database.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run(key, value);
    else if (known !== value) throw new UserError(`${this.path}: this run was started with another ${key}; use a new output directory for a changed experiment`);
  }

  /** The stored call at a step, answered or failed. */
  call(step: ChainStep): StoredCall | undefined {
    const row = this.database.prepare('SELECT * FROM calls WHERE model = ? AND strategy = ? AND program = ? AND iteration = ?').get(step.model, step.strategy, step.program, step.iteration) as CallRow | undefined;
    return row ? callOf(row) : undefined;
  }

  /** Records a call as it completes; a failed call may be replaced by a later answer, an answer never. */
  recordCall(call: StoredCall): void {
    this.database
      .prepare(
        `INSERT INTO calls (model, strategy, program, iteration, prompt, answer, input_tokens, output_tokens, stop_reason, error, cost_usd, recorded_at)
         VALUES (@model, @strategy, @program, @iteration, @prompt, @answer, @inputTokens, @outputTokens, @stopReason, @error, @costUsd, @recordedAt)
         ON CONFLICT (model, strategy, program, iteration) DO UPDATE SET
           prompt = excluded.prompt, answer = excluded.answer, input_tokens = excluded.input_tokens, output_tokens = excluded.output_tokens,
           stop_reason = excluded.stop_reason, error = excluded.error, cost_usd = excluded.cost_usd, recorded_at = excluded.recorded_at
         WHERE calls.answer IS NULL`,
      )
      .run({
        ...step(call),
        prompt: call.prompt,
        answer: call.answer?.text ?? null,
        inputTokens: call.answer?.inputTokens ?? null,
        outputTokens: call.answer?.outputTokens ?? null,
        stopReason: call.answer?.stopReason ?? null,
        error: call.error ?? null,
        costUsd: call.costUsd,
        recordedAt: new Date().toISOString(),
      });
  }

  /** The stored iteration at a step. */
  iteration(at: ChainStep): StoredIteration | undefined {
    const row = this.database.prepare('SELECT * FROM iterations WHERE model = ? AND strategy = ? AND program = ? AND iteration = ?').get(at.model, at.strategy, at.program, at.iteration) as IterationRow | undefined;
    return row ? iterationOf(row) : undefined;
  }

  /** Records an iteration once; recording the same step again keeps the first. */
  recordIteration(iteration: StoredIteration): void {
    this.database
      .prepare(
        `INSERT OR IGNORE INTO iterations (model, strategy, program, iteration, code, source, problem, critical, high, medium, low, complexity, detail, recorded_at)
         VALUES (@model, @strategy, @program, @iteration, @code, @source, @problem, @critical, @high, @medium, @low, @complexity, @detail, @recordedAt)`,
      )
      .run({ ...step(iteration), code: iteration.code, source: iteration.source, problem: iteration.problem ?? null, ...iteration.findings, complexity: iteration.complexity, detail: iteration.detail, recordedAt: new Date().toISOString() });
  }

  /** Every stored iteration, in chain order. */
  iterations(): StoredIteration[] {
    return (this.database.prepare('SELECT * FROM iterations ORDER BY model, strategy, program, iteration').all() as IterationRow[]).map(iterationOf);
  }

  /** Every stored call, in chain order. */
  calls(): StoredCall[] {
    return (this.database.prepare('SELECT * FROM calls ORDER BY model, strategy, program, iteration').all() as CallRow[]).map(callOf);
  }

  close(): void {
    this.database.close();
  }
}

interface CallRow {
  model: string;
  strategy: string;
  program: string;
  iteration: number;
  prompt: string;
  answer: string | null;
  input_tokens: number | null;
  output_tokens: number | null;
  stop_reason: string | null;
  error: string | null;
  cost_usd: number;
}

interface IterationRow {
  model: string;
  strategy: string;
  program: string;
  iteration: number;
  code: string;
  source: StoredIteration['source'];
  problem: string | null;
  critical: number;
  high: number;
  medium: number;
  low: number;
  complexity: number;
  detail: string;
}

const step = (at: ChainStep): ChainStep => ({ model: at.model, strategy: at.strategy, program: at.program, iteration: at.iteration });

function callOf(row: CallRow): StoredCall {
  return {
    ...step(row),
    prompt: row.prompt,
    ...(row.answer !== null ? { answer: { text: row.answer, inputTokens: row.input_tokens ?? 0, outputTokens: row.output_tokens ?? 0, stopReason: row.stop_reason ?? 'unknown' } } : {}),
    ...(row.error !== null ? { error: row.error } : {}),
    costUsd: row.cost_usd,
  };
}

function iterationOf(row: IterationRow): StoredIteration {
  return {
    ...step(row),
    code: row.code,
    source: row.source,
    ...(row.problem !== null ? { problem: row.problem } : {}),
    findings: { critical: row.critical, high: row.high, medium: row.medium, low: row.low },
    complexity: row.complexity,
    detail: row.detail,
  };
}
