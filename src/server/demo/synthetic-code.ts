import type { ComplexityTotals } from '../../diff/iteration-diff.js';
import type { FunctionChange, MetricDelta } from '../../diff/function-diff.js';
import type { AgentModel, LanguageCatalogue, Random } from './synthetic-catalogue.js';
import { fileName, functionName } from './synthetic-catalogue.js';

/** A function's measures, as the complexity walk reports them. */
export interface Metrics {
  cyclomatic: number;
  cognitive: number;
  maxNesting: number;
  lines: number;
  parameters: number;
}

/** A file of a demo repository: its path, length and functions. */
export interface FileModel {
  path: string;
  lines: number;
  functions: Map<string, Metrics>;
}

const METRIC_NAMES = ['cyclomatic', 'cognitive', 'maxNesting', 'lines', 'parameters'] as const;

const delta = (before: Metrics | undefined, after: Metrics | undefined): MetricDelta => ({
  cyclomatic: (after?.cyclomatic ?? 0) - (before?.cyclomatic ?? 0),
  cognitive: (after?.cognitive ?? 0) - (before?.cognitive ?? 0),
  maxNesting: (after?.maxNesting ?? 0) - (before?.maxNesting ?? 0),
  lines: (after?.lines ?? 0) - (before?.lines ?? 0),
  parameters: (after?.parameters ?? 0) - (before?.parameters ?? 0),
});

const same = (a: Metrics, b: Metrics) => METRIC_NAMES.every((m) => a[m] === b[m]);

/**
 * The code of a demo repository as far as a verdict sees it: files, their functions' complexity (summed, kept
 * up to date) and how each function changed since the accepted baseline.
 */
export class CodeModel {
  readonly files: FileModel[] = [];
  private readonly sums: ComplexityTotals = { cyclomatic: 0, cognitive: 0, functions: 0 };
  /** Functions changed since the baseline, with their metrics then (undefined: added since). */
  private functionsBefore = new Map<string, Metrics | undefined>();
  /** How each of them changed since (none when it is back where it was). */
  private changes = new Map<string, FunctionChange>();

  constructor(
    private readonly random: Random,
    catalogue: LanguageCatalogue,
  ) {
    const taken = new Set<string>();
    for (let i = random.int(12, 40); i > 0; i--) {
      const functions = new Map<string, Metrics>();
      for (let f = random.int(2, 9); f > 0; f--) functions.set(functionName(random), { cyclomatic: random.int(1, 9), cognitive: random.int(0, 14), maxNesting: random.int(0, 4), lines: random.int(4, 80), parameters: random.int(0, 5) });
      this.files.push({ path: fileName(random, catalogue, taken), lines: random.int(40, 600), functions });
    }
    for (const file of this.files) for (const metrics of file.functions.values()) this.count(metrics, 1);
  }

  /** Complexity summed over every function now. */
  totals(): ComplexityTotals {
    return { ...this.sums };
  }

  /** The code as it is now becomes the accepted baseline: nothing has changed since. */
  accept(): void {
    this.functionsBefore = new Map();
    this.changes = new Map();
  }

  /** Every function changed since the accepted baseline. */
  sinceBaseline(): FunctionChange[] {
    return [...this.changes.values()];
  }

  private count(metrics: Metrics, sign: 1 | -1): void {
    this.sums.cyclomatic += sign * metrics.cyclomatic;
    this.sums.cognitive += sign * metrics.cognitive;
    this.sums.functions += sign;
  }

  /** Sets a function's metrics, remembering what it was at the accepted baseline. */
  private setFunction(file: FileModel, name: string, after: Metrics): void {
    const key = `${file.path}\u0000${name}`;
    const before = file.functions.get(name);
    if (!this.functionsBefore.has(key)) this.functionsBefore.set(key, before);
    if (before) this.count(before, -1);
    this.count(after, 1);
    file.functions.set(name, after);
    const then = this.functionsBefore.get(key);
    if (then && same(after, then)) this.changes.delete(key);
    else this.changes.set(key, { status: then ? 'modified' : 'added', path: file.path, name, ...(then ? { before: then } : {}), after, delta: delta(then, after) });
  }

  /** Edits one or two functions in each of `files` (an agent's edits grow them by its own measure), sometimes adds one; returns the changes. */
  change(files: readonly FileModel[], agent: AgentModel | undefined): FunctionChange[] {
    const { random } = this;
    const changes: FunctionChange[] = [];
    for (const file of files) {
      if (random.chance(0.15)) {
        let name = functionName(random);
        while (file.functions.has(name)) name = `${name}V${random.int(2, 9)}`;
        const after = { cyclomatic: random.int(1, 5), cognitive: random.int(0, 6), maxNesting: random.int(0, 3), lines: random.int(5, 40), parameters: random.int(0, 4) };
        this.setFunction(file, name, after);
        changes.push({ status: 'added', path: file.path, name, after, delta: delta(undefined, after) });
      }
      for (const name of random.sample([...file.functions.keys()], random.int(1, 2))) {
        const before = file.functions.get(name)!;
        const grow = agent ? random.poisson(agent.complexityGrowth) - (random.chance(0.15) ? 1 : 0) : random.poisson(0.4) - random.poisson(0.5);
        const cyclomatic = Math.max(1, before.cyclomatic + grow);
        const after = {
          cyclomatic,
          cognitive: Math.max(0, before.cognitive + Math.round((cyclomatic - before.cyclomatic) * 1.5)),
          maxNesting: Math.max(0, Math.min(8, before.maxNesting + (grow > 1 && random.chance(0.3) ? 1 : 0))),
          lines: Math.max(3, before.lines + (cyclomatic - before.cyclomatic) * 4 + random.int(-2, 6)),
          parameters: before.parameters,
        };
        if (same(after, before)) continue;
        this.setFunction(file, name, after);
        changes.push({ status: 'modified', path: file.path, name, before, after, delta: delta(before, after) });
      }
    }
    return changes.sort((a, b) => a.path.localeCompare(b.path) || a.name.localeCompare(b.name));
  }
}
