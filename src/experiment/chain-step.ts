/** Which chain a call or an iteration belongs to (model, strategy, baseline program), and where in it (0 = baseline). */
export interface ChainStep {
  model: string;
  strategy: string;
  program: string;
  iteration: number;
}

/** How messages name a step: `model / strategy / program #iteration`. */
export function stepLabel(step: ChainStep): string {
  return `${step.model} / ${step.strategy} / ${step.program} #${step.iteration}`;
}
