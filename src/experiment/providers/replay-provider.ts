import { stepLabel } from '../chain-step.js';
import type { RunStore } from '../run-store.js';
import { RefusedRequest, type Completion, type CompletionRequest, type Provider } from './provider.js';

/**
 * Answers every request with the answer a recorded run got at the same step, so a run replays exactly; a
 * prompt that differs from the recorded one means the corpus or the strategy changed, and is refused.
 */
export class ReplayProvider implements Provider {
  constructor(
    private readonly recorded: RunStore,
    /** The model's name in the recorded run (its label there). */
    private readonly recordedModel: string,
  ) {}

  async complete(request: CompletionRequest): Promise<Completion> {
    if (!request.step) throw new Error('a replayed request must say which step of the run it is');
    const step = { ...request.step, model: this.recordedModel };
    const call = this.recorded.call(step);
    // Only what the recorded run got is answered: a missing call leaves the chain unfinished, as it was there.
    if (!call) throw new Error(`the recorded run (${this.recorded.path}) has no call at ${stepLabel(step)}`);
    if (call.prompt !== request.prompt) throw new Error(`the prompt at ${stepLabel(step)} differs from the recorded run's: its corpus, strategy or an earlier answer changed`);
    if (!call.answer) {
      const refused = this.recorded.iteration(step)?.problem === 'call-refused';
      throw refused ? new RefusedRequest(call.error ?? 'refused') : new Error(call.error ?? `the recorded call at ${stepLabel(step)} has no answer`);
    }
    return call.answer;
  }
}
