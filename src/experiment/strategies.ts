/**
 * The study's four prompting strategies (Shukla, Joshi, Syed 2025). The paper names them but does not publish
 * its prompts, so these are ours, recorded with every call; a config may replace any of them.
 */
export const BUILTIN_STRATEGIES = {
  efficiency: 'Improve the performance of this {language} code: make it faster and use less memory. Keep its behaviour. Answer with the complete improved program in one fenced code block.\n\n{code}',
  feature: 'Add useful functionality to this {language} code, keeping what it already does. Answer with the complete extended program in one fenced code block.\n\n{code}',
  security: 'Make this {language} code more secure: find and fix its security weaknesses, keeping its behaviour. Answer with the complete improved program in one fenced code block.\n\n{code}',
  ambiguous: 'Improve this {language} code. Answer with the complete improved program in one fenced code block.\n\n{code}',
} as const;

export type BuiltinStrategyName = keyof typeof BUILTIN_STRATEGIES;

/** A strategy as a run uses it: its name and its prompt template ({code} and {language} are filled in). */
export interface Strategy {
  name: string;
  prompt: string;
}

/** The prompt for one iteration: the template with the previous iteration's code and its language filled in. */
export function promptFor(strategy: Strategy, code: string, language: string): string {
  // One pass, so code that itself contains "{language}" is sent as written.
  return strategy.prompt.replace(/\{(code|language)\}/g, (_, name: string) => (name === 'code' ? code : language));
}
