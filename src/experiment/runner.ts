import pLimit from 'p-limit';
import { createHash } from 'node:crypto';
import { UserError } from '../errors.js';
import type { Rule } from '../rules/rule.js';
import { engineKey } from '../workspace/snapshot-builder.js';
import { TOOL_VERSION } from '../version.js';
import type { BaselineProgram } from './corpus.js';
import type { ExperimentConfig } from './experiment-config.js';
import type { Strategy } from './strategies.js';
import { promptFor } from './strategies.js';
import { extractCode } from './extract-code.js';
import { analyseIteration, type IterationAnalysis } from './iteration-analysis.js';
import { RefusedRequest, type Completion, type Provider } from './providers/provider.js';
import type { ChainStep } from './chain-step.js';
import type { RunStore, StoredIteration } from './run-store.js';

/** A model as a run uses it: how reports name it, what the provider is asked for, where requests go. */
export interface PlannedModel {
  label: string;
  provider: string;
  model: string;
  client: Provider;
  /** Dollars per million tokens, when the config prices this model. */
  price?: { input: number; output: number };
}

/** Everything one run of an experiment works through: programs × strategies × models, `iterations` deep. */
export interface RunPlan {
  name: string;
  iterations: number;
  programs: BaselineProgram[];
  strategies: Strategy[];
  models: PlannedModel[];
  sampling: Pick<ExperimentConfig, 'temperature' | 'seed' | 'maxTokens'>;
  concurrency: number;
  rules: Rule[];
}

/** What happened at one step, as it happened: for progress bars and logs. */
export type RunEvent =
  | { kind: 'planned'; total: number; done: number }
  | { kind: 'step'; step: ChainStep; source: StoredIteration['source']; problem?: string; costUsd: number }
  | { kind: 'chain-stopped'; step: ChainStep; error: string };

/** How a run ended: what it did now, and the chains it could not finish (run again to resume them). */
export interface RunOutcome {
  chains: number;
  calls: number;
  costUsd: number;
  unfinished: { step: ChainStep; error: string }[];
}

/** The prompt template's name for a program's language, as `{language}` fills in. */
const languageName = (program: BaselineProgram) => program.language.name;

/**
 * Records what makes a recorded run one experiment; a resume with a different prompt, program, sampling
 * or analysis engine is refused (more iterations, models, strategies or programs extend the run).
 */
function keepIdentity(store: RunStore, plan: RunPlan): void {
  store.keepSetting('sampling', JSON.stringify(plan.sampling));
  store.keepSetting('analysis', `loopwarden ${TOOL_VERSION} engine ${engineKey(plan.rules)}`);
  for (const model of plan.models) store.keepSetting(`model:${model.label}`, JSON.stringify({ provider: model.provider, model: model.model }));
  for (const strategy of plan.strategies) store.keepSetting(`strategy:${strategy.name}`, strategy.prompt);
  for (const program of plan.programs) store.keepSetting(`program:${program.id}`, createHash('sha256').update(program.code).digest('hex'));
  store.putSetting(
    'plan',
    JSON.stringify({
      name: plan.name,
      iterations: plan.iterations,
      models: plan.models.map(({ label, provider, model, price }) => ({ label, provider, model, ...(price ? { price } : {}) })),
      strategies: plan.strategies,
      programs: plan.programs.map((program) => ({ id: program.id, language: program.language.id })),
      sampling: plan.sampling,
      loopwarden: TOOL_VERSION,
    }),
  );
}

/** Analyses every baseline program first: a program that does not parse cannot start a chain, and says so before any call is made. */
function analyseBaselines(plan: RunPlan, rulesFor: (program: BaselineProgram) => Rule[]): Map<string, IterationAnalysis & { ok: true }> {
  const analyses = new Map<string, IterationAnalysis & { ok: true }>();
  const broken: string[] = [];
  for (const program of plan.programs) {
    const analysis = analyseIteration(program.id, program.code, program.language, rulesFor(program));
    if (analysis.ok) analyses.set(program.id, analysis);
    else broken.push(`${program.id}: ${analysis.message}`);
  }
  if (broken.length > 0) throw new UserError(`baseline programs that cannot start a chain (a baseline must parse; fix or remove them):\n  ${broken.join('\n  ')}`);
  return analyses;
}

/** Each program language's rules, filtered once per run. */
function rulesByLanguage(plan: RunPlan): (program: BaselineProgram) => Rule[] {
  const byLanguage = new Map<string, Rule[]>();
  for (const { language } of plan.programs) {
    if (!byLanguage.has(language.id)) byLanguage.set(language.id, plan.rules.filter((rule) => rule.languages.includes(language.id)));
  }
  return (program) => byLanguage.get(program.language.id)!;
}

/**
 * Runs (or resumes) an experiment: every chain sends the previous iteration's code with its strategy's
 * prompt, keeps the code of the answer and analyses it. Every call and iteration is stored as it completes,
 * so a run stopped at any point goes on where it stopped; chains run side by side, at most `concurrency`
 * calls at a time. An answer without code, or with code that does not parse, is recorded as such and the
 * chain goes on from the last good code; a refused request likewise. A call that fails after its retries
 * stops its chain only, to be resumed by the next run.
 */
export async function runExperiment(plan: RunPlan, store: RunStore, onEvent: (event: RunEvent) => void = () => {}, signal?: AbortSignal): Promise<RunOutcome> {
  keepIdentity(store, plan);
  const rulesFor = rulesByLanguage(plan);
  const baselines = analyseBaselines(plan, rulesFor);
  const limit = pLimit(plan.concurrency);
  const outcome: RunOutcome = { chains: 0, calls: 0, costUsd: 0, unfinished: [] };
  const chains = plan.models.flatMap((model) => plan.strategies.flatMap((strategy) => plan.programs.map((program) => ({ model, strategy, program }))));
  outcome.chains = chains.length;
  const stepOf = (chain: (typeof chains)[number], iteration: number): ChainStep => ({ model: chain.model.label, strategy: chain.strategy.name, program: chain.program.id, iteration });
  let done = 0;
  for (const chain of chains) for (let i = 1; i <= plan.iterations; i++) if (store.iteration(stepOf(chain, i))) done++;
  onEvent({ kind: 'planned', total: chains.length * plan.iterations, done });

  const runChain = async (chain: (typeof chains)[number]): Promise<void> => {
    const { model, strategy, program } = chain;
    const baselineStep = stepOf(chain, 0);
    let current = store.iteration(baselineStep);
    if (!current) {
      const baseline = baselines.get(program.id)!;
      current = { ...baselineStep, code: program.code, source: 'baseline', findings: baseline.findings, complexity: baseline.complexity, detail: JSON.stringify(baseline.detail) };
      store.recordIteration(current);
    }
    for (let iteration = 1; iteration <= plan.iterations; iteration++) {
      if (signal?.aborted) return;
      const step = stepOf(chain, iteration);
      const recorded = store.iteration(step);
      if (recorded) {
        current = recorded;
        continue;
      }
      const prompt = promptFor(strategy, current.code, languageName(program));
      let answer: Completion | undefined = store.call(step)?.answer;
      let costUsd = 0;
      let refused: string | undefined;
      if (!answer) {
        try {
          answer = await limit(() => {
            if (signal?.aborted) throw new Error('stopped');
            return model.client.complete({ step, model: model.model, prompt, temperature: plan.sampling.temperature, maxTokens: plan.sampling.maxTokens, ...(plan.sampling.seed !== undefined ? { seed: plan.sampling.seed } : {}) }, signal);
          });
          costUsd = model.price ? (answer.inputTokens * model.price.input + answer.outputTokens * model.price.output) / 1_000_000 : 0;
          store.recordCall({ ...step, prompt, answer, costUsd });
          outcome.calls++;
          outcome.costUsd += costUsd;
        } catch (error) {
          if (signal?.aborted) return;
          const message = error instanceof Error ? error.message : String(error);
          store.recordCall({ ...step, prompt, error: message, costUsd: 0 });
          outcome.calls++;
          if (!(error instanceof RefusedRequest)) {
            outcome.unfinished.push({ step, error: message });
            onEvent({ kind: 'chain-stopped', step, error: message });
            return;
          }
          refused = message;
        }
      }
      current = nextIteration(step, current, program, rulesFor(program), answer, refused);
      store.recordIteration(current);
      done++;
      onEvent({ kind: 'step', step, source: current.source, ...(current.problem ? { problem: current.problem } : {}), costUsd });
    }
  };

  await Promise.all(chains.map(runChain));
  return outcome;
}

/** The iteration an answer makes: its code when it has usable code, else the last good code kept, with the reason. */
function nextIteration(step: ChainStep, previous: StoredIteration, program: BaselineProgram, rules: Rule[], answer: Completion | undefined, refused: string | undefined): StoredIteration {
  const kept = (problem: string): StoredIteration => ({ ...step, code: previous.code, source: 'kept', problem, findings: previous.findings, complexity: previous.complexity, detail: previous.detail });
  if (!answer) return kept(refused !== undefined ? 'call-refused' : 'call-failed');
  const extracted = extractCode(answer.text, program.language.id);
  if (!('code' in extracted)) return kept(extracted.problem);
  const analysis = analyseIteration(program.id, extracted.code, program.language, rules);
  if (!analysis.ok) return kept(analysis.problem);
  return { ...step, code: extracted.code, source: 'answer', findings: analysis.findings, complexity: analysis.complexity, detail: JSON.stringify(analysis.detail) };
}
