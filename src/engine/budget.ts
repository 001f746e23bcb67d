import { UserError } from '../errors.js';

/** How much work the analysis of one file may take before the file is left unanalysed. */
export interface BudgetLimits {
  /** Deepest recursion through nested syntax (taint following a nested expression) and deepest nesting of functions. */
  maxNesting: number;
  /** Syntax nodes visited by the engine's own walks (complexity, taint, value tracking). */
  maxVisits: number;
  /** Wall-clock milliseconds, checked between steps of the analysis. */
  maxMillis: number;
}

/** Far above what hand-written code needs; low enough that a generated or hostile file cannot stop a run. */
export const DEFAULT_BUDGET: BudgetLimits = { maxNesting: 1000, maxVisits: 5_000_000, maxMillis: 20_000 };

/** A file's analysis went past its budget: the file is reported unanalysed, with this message. */
export class AnalysisBudgetExceeded extends UserError {
  constructor(
    readonly path: string,
    readonly why: string,
  ) {
    super(`${path}: ${why}`);
    this.name = 'AnalysisBudgetExceeded';
  }
}

/** The clock is read once per this many visits: reading it on every node would cost more than the walk. */
const CLOCK_EVERY = 1024;

/** Counts the work of one file's analysis and stops it, by throwing, when a limit is passed. */
export class AnalysisBudget {
  private visits = 0;
  private nesting = 0;
  private readonly started: number;

  constructor(
    readonly path: string,
    readonly limits: BudgetLimits = DEFAULT_BUDGET,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.started = now();
  }

  /** Nodes visited so far. */
  get visited(): number {
    return this.visits;
  }

  /** Counts `count` visited nodes; throws when the visits or the time run out. */
  visit(count = 1): void {
    const before = this.visits;
    this.visits += count;
    if (this.visits > this.limits.maxVisits) throw this.exceeded(`more than ${this.limits.maxVisits} syntax nodes visited`);
    if (Math.floor(before / CLOCK_EVERY) !== Math.floor(this.visits / CLOCK_EVERY)) this.checkTime();
  }

  /** Throws when the time has run out. */
  checkTime(): void {
    const spent = this.now() - this.started;
    if (spent > this.limits.maxMillis) throw this.exceeded(`analysis budget exceeded after ${Math.round(spent)} ms`);
  }

  /** Checks a nesting depth reached by an iterative walk. */
  checkNesting(depth: number): void {
    if (depth > this.limits.maxNesting) throw this.exceeded(`nesting deeper than ${this.limits.maxNesting}`);
  }

  /** Enters one level of a recursive walk; pair with `leave`. */
  enter(): void {
    this.nesting++;
    this.checkNesting(this.nesting);
    this.visit();
  }

  leave(): void {
    this.nesting--;
  }

  private exceeded(why: string): AnalysisBudgetExceeded {
    return new AnalysisBudgetExceeded(this.path, `skipped: ${why}`);
  }
}

/** A budget with no limits, for code that runs outside a file's analysis (tests, one-off helpers). */
const UNLIMITED = new AnalysisBudget('', { maxNesting: Infinity, maxVisits: Infinity, maxMillis: Infinity }, () => 0);

// The budget of the analysis under way. Module state rather than a parameter because the files a project's
// calls lead to are parsed once per process and shared between analyses: their walks charge whoever asks.
let current: AnalysisBudget = UNLIMITED;

/** The budget of the file being analysed (unlimited outside `withinBudget`). */
export function activeBudget(): AnalysisBudget {
  return current;
}

/** Runs `analyze` charging its work to `budget`; a stack overflow on the way counts as too deep a nesting. */
export function withinBudget<T>(budget: AnalysisBudget, analyze: () => T): T {
  const previous = current;
  current = budget;
  try {
    return analyze();
  } catch (error) {
    // A last line of defence: every walk is iterative or bounded, but a stack trace must never reach a user.
    if (error instanceof RangeError && /call stack/i.test(error.message)) {
      throw new AnalysisBudgetExceeded(budget.path, 'skipped: nesting too deep to analyse (call stack exhausted)');
    }
    throw error;
  } finally {
    current = previous;
  }
}
