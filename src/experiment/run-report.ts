import { languageById } from '../languages/registry.js';
import type { Finding } from '../findings/finding.js';
import type { Policy } from '../policy/policy.js';
import { complexityCorrelation, relativeChange, seriesOf, type Correlation, type IterationPoint, type SeriesPoint, type SeverityCounts } from './measures.js';
import type { IterationDetail } from './iteration-analysis.js';
import { simulatePolicy, type ChainPolicyOutcome } from './policy-simulation.js';
import type { RunStore, StoredCall, StoredIteration } from './run-store.js';
import { UserError } from '../errors.js';

/** A run's plan as stored in the run (`plan` setting): what it set out to do. */
export interface StoredPlan {
  name: string;
  iterations: number;
  models: { label: string; provider: string; model: string; price?: { input: number; output: number } }[];
  strategies: { name: string; prompt: string }[];
  programs: { id: string; language: string }[];
  sampling: { temperature: number; seed?: number; maxTokens: number };
  loopwarden: string;
}

/** The change of a count from the baseline to iteration `after`, summed over a model's programs under one strategy. */
export interface Change {
  baseline: number;
  after: number;
  /** Relative change (0.376 = +37.6%); undefined when the baseline is 0. */
  relative: number | undefined;
}

/** The study's headline measure for one model and strategy: counts after N iterations against the baseline. */
export interface Headline {
  model: string;
  strategy: string;
  iteration: number;
  programs: number;
  critical: Change;
  high: Change;
  all: Change;
  complexity: Change;
}

/** Distinct findings of one CWE class that chains introduced (absent from their baseline), by model and strategy. */
export interface IntroducedClass {
  cwe: string;
  model: string;
  strategy: string;
  introduced: number;
  rules: string[];
}

/** What the policy would have done, summed over the chains of one model and strategy. */
export interface PolicySummary {
  model: string;
  strategy: string;
  chains: number;
  /** Chains the gate stopped at least once. */
  stopped: number;
  /** The first stop of each stopped chain, by iteration. */
  firstStops: Record<number, number>;
  /** Stops by the kind of reason that made them (one stop may have several). */
  reasons: Record<string, number>;
  introduced: number;
  caught: number;
  unseenAtEnd: number;
}

/** Calls and what came of them, per model. */
export interface CallSummary {
  model: string;
  calls: number;
  answered: number;
  failed: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  /** Iterations whose answer was not used, by why (`no-code`, `parse-error`, `call-refused`…). */
  kept: Record<string, number>;
}

/** Everything `experiment report` shows, in every format. */
export interface RunReport {
  name: string;
  loopwarden: string;
  plan: Omit<StoredPlan, 'name' | 'loopwarden'>;
  /** How much of the plan is recorded: chains that reached the last iteration, iterations recorded and expected. */
  progress: { chains: number; complete: number; iterations: number; expected: number };
  /** One entry per model, strategy and iteration: findings and complexity summed over the programs. */
  series: SeriesPoint[];
  headline: Headline[];
  /** The iteration the headline compares with the baseline: 5 (the study's), or the last when a run is shorter. */
  headlineIteration: number;
  introducedClasses: IntroducedClass[];
  /** Complexity against finding counts: over every iteration's code (levels), and as changes from each chain's baseline. */
  correlation: { levels: Record<'critical' | 'criticalHigh' | 'all', Correlation>; changes: Record<'critical' | 'criticalHigh' | 'all', Correlation> };
  policy: PolicySummary[];
  chains: ChainPolicyOutcome[];
  calls: CallSummary[];
}

const total = (counts: SeverityCounts) => counts.critical + counts.high + counts.medium + counts.low;
const COUNTS = { critical: (c: SeverityCounts) => c.critical, criticalHigh: (c: SeverityCounts) => c.critical + c.high, all: total };

/** The study's headline iteration. */
const HEADLINE_AFTER = 5;

/**
 * Computes a run's report from what the run store holds. An unfinished chain counts up to where it
 * stopped: each series point says how many programs it sums, and the headline compares the programs
 * that reached its iteration with their own baselines.
 */
export function buildRunReport(plan: StoredPlan, iterations: readonly StoredIteration[], calls: readonly StoredCall[], policy: Policy): RunReport {
  const chains = groupChains(iterations);
  const points: IterationPoint[] = iterations.map(({ model, strategy, program, iteration, findings, complexity }) => ({ model, strategy, program, iteration, findings, complexity }));
  const series = seriesOf(points);
  const lastIteration = Math.max(0, ...iterations.map((iteration) => iteration.iteration));
  const headlineIteration = Math.min(HEADLINE_AFTER, lastIteration);
  const modelStrategy = uniquePairs(series);
  const headline = modelStrategy.flatMap(([model, strategy]) => {
    const at = series.find((point) => point.model === model && point.strategy === strategy && point.iteration === headlineIteration);
    if (!at) return [];
    // The baseline of the same programs that reached the headline iteration.
    const reached = new Set(points.filter((p) => p.model === model && p.strategy === strategy && p.iteration === headlineIteration).map((p) => p.program));
    const base = seriesOf(points.filter((p) => p.model === model && p.strategy === strategy && p.iteration === 0 && reached.has(p.program)))[0]!;
    const pair = [base, { ...at, iteration: headlineIteration }];
    const change = (count: (point: SeriesPoint) => number): Change => ({ baseline: count(base), after: count(at), relative: relativeChange(pair, model, strategy, count, headlineIteration) });
    return [{ model, strategy, iteration: headlineIteration, programs: at.programs, critical: change((p) => p.findings.critical), high: change((p) => p.findings.high), all: change((p) => total(p.findings)), complexity: change((p) => p.complexity) }];
  });
  const languages = new Map(plan.programs.map((program) => [program.id, program.language]));
  const outcomes = [...chains.values()].flatMap((chain) => {
    const language = languageById(languages.get(chain[0]!.program) ?? '');
    return language && chain[0]!.iteration === 0 ? [simulatePolicy(chain, language, policy)] : [];
  });
  const changes = [...chains.values()].flatMap((chain) => {
    const base = chain[0]!;
    return chain.slice(1).map((iteration) => ({ ...iteration, complexity: iteration.complexity - base.complexity, findings: difference(iteration.findings, base.findings) }));
  });
  const correlate = (over: IterationPoint[]) => Object.fromEntries(Object.entries(COUNTS).map(([name, count]) => [name, complexityCorrelation(over, count)])) as Record<keyof typeof COUNTS, Correlation>;
  const { name, loopwarden, ...rest } = plan;
  return {
    name,
    loopwarden,
    plan: rest,
    progress: {
      chains: chains.size,
      complete: [...chains.values()].filter((chain) => chain[chain.length - 1]!.iteration >= plan.iterations).length,
      iterations: iterations.filter((iteration) => iteration.iteration > 0).length,
      expected: plan.models.length * plan.strategies.length * plan.programs.length * plan.iterations,
    },
    series,
    headline,
    headlineIteration,
    introducedClasses: introducedClasses(chains),
    correlation: { levels: correlate(points), changes: correlate(changes) },
    policy: summarisePolicy(outcomes),
    chains: outcomes,
    calls: summariseCalls(calls, iterations),
  };
}

function difference(a: SeverityCounts, b: SeverityCounts): SeverityCounts {
  return { critical: a.critical - b.critical, high: a.high - b.high, medium: a.medium - b.medium, low: a.low - b.low };
}

/** Iterations by chain (model, strategy, program), each in order and without gaps from its baseline. */
function groupChains(iterations: readonly StoredIteration[]): Map<string, StoredIteration[]> {
  const chains = new Map<string, StoredIteration[]>();
  for (const iteration of [...iterations].sort((a, b) => a.iteration - b.iteration)) {
    const key = JSON.stringify([iteration.model, iteration.strategy, iteration.program]);
    const chain = chains.get(key) ?? [];
    if (chain.length === iteration.iteration) chain.push(iteration);
    chains.set(key, chain);
  }
  for (const [key, chain] of chains) if (chain.length === 0) chains.delete(key);
  return chains;
}

function uniquePairs(series: readonly SeriesPoint[]): [string, string][] {
  const seen = new Map<string, [string, string]>();
  for (const point of series) seen.set(JSON.stringify([point.model, point.strategy]), [point.model, point.strategy]);
  return [...seen.values()];
}

function introducedClasses(chains: Map<string, StoredIteration[]>): IntroducedClass[] {
  const byKey = new Map<string, { entry: IntroducedClass; rules: Set<string> }>();
  for (const chain of chains.values()) {
    const [baseline, ...rest] = chain;
    const known = new Set(findingsOf(baseline!).map((finding) => finding.fingerprint));
    const seen = new Set<string>();
    for (const iteration of rest) {
      if (iteration.source !== 'answer') continue;
      for (const finding of findingsOf(iteration)) {
        if (known.has(finding.fingerprint) || seen.has(finding.fingerprint)) continue;
        seen.add(finding.fingerprint);
        for (const cwe of finding.cwe.length > 0 ? finding.cwe : ['no CWE']) {
          const key = JSON.stringify([cwe, iteration.model, iteration.strategy]);
          const found = byKey.get(key) ?? { entry: { cwe, model: iteration.model, strategy: iteration.strategy, introduced: 0, rules: [] }, rules: new Set<string>() };
          found.entry.introduced += 1;
          found.rules.add(finding.ruleId);
          byKey.set(key, found);
        }
      }
    }
  }
  return [...byKey.values()]
    .map(({ entry, rules }) => ({ ...entry, rules: [...rules].sort() }))
    .sort((a, b) => b.introduced - a.introduced || a.cwe.localeCompare(b.cwe) || a.model.localeCompare(b.model) || a.strategy.localeCompare(b.strategy));
}

function findingsOf(iteration: StoredIteration): Finding[] {
  return (JSON.parse(iteration.detail) as IterationDetail).findings;
}

function summarisePolicy(outcomes: readonly ChainPolicyOutcome[]): PolicySummary[] {
  const byKey = new Map<string, PolicySummary>();
  for (const outcome of outcomes) {
    const key = JSON.stringify([outcome.model, outcome.strategy]);
    const summary = byKey.get(key) ?? { model: outcome.model, strategy: outcome.strategy, chains: 0, stopped: 0, firstStops: {}, reasons: {}, introduced: 0, caught: 0, unseenAtEnd: 0 };
    summary.chains += 1;
    const first = outcome.stops[0];
    if (first) {
      summary.stopped += 1;
      summary.firstStops[first.iteration] = (summary.firstStops[first.iteration] ?? 0) + 1;
    }
    for (const stop of outcome.stops) for (const reason of stop.reasons) summary.reasons[reason] = (summary.reasons[reason] ?? 0) + 1;
    summary.introduced += outcome.introduced;
    summary.caught += outcome.caught;
    summary.unseenAtEnd += outcome.unseenAtEnd;
    byKey.set(key, summary);
  }
  return [...byKey.values()].sort((a, b) => a.model.localeCompare(b.model) || a.strategy.localeCompare(b.strategy));
}

function summariseCalls(calls: readonly StoredCall[], iterations: readonly StoredIteration[]): CallSummary[] {
  const byModel = new Map<string, CallSummary>();
  const of = (model: string) => {
    const summary = byModel.get(model) ?? { model, calls: 0, answered: 0, failed: 0, inputTokens: 0, outputTokens: 0, costUsd: 0, kept: {} };
    byModel.set(model, summary);
    return summary;
  };
  for (const call of calls) {
    const summary = of(call.model);
    summary.calls += 1;
    if (call.answer) {
      summary.answered += 1;
      summary.inputTokens += call.answer.inputTokens;
      summary.outputTokens += call.answer.outputTokens;
    } else summary.failed += 1;
    summary.costUsd += call.costUsd;
  }
  for (const iteration of iterations) if (iteration.source === 'kept' && iteration.problem) of(iteration.model).kept[iteration.problem] = (of(iteration.model).kept[iteration.problem] ?? 0) + 1;
  return [...byModel.values()].sort((a, b) => a.model.localeCompare(b.model));
}

/** The report of the run recorded in `store`, judged by `policy`. */
export function reportOfRun(store: RunStore, policy: Policy): RunReport {
  const plan = store.setting('plan');
  if (plan === undefined) throw new UserError(`${store.path}: the run has no plan recorded (it never started)`);
  return buildRunReport(JSON.parse(plan) as StoredPlan, store.iterations(), store.calls(), policy);
}
