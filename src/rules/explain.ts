import { readFileSync } from 'node:fs';
import { basename, dirname, relative, resolve } from 'node:path';
import { UserError } from '../errors.js';
import { nearestName } from '../input/nearest-name.js';
import type { ExampleCheck } from './example-check.js';
import { BUILTIN_RULES_DIR } from './rule-pack.js';
import type { Rule } from './rule.js';

/** A rule's annotated example: where it is, its text, and what the rule did on each annotated line. */
export interface RuleExample {
  /** The path to show. */
  path: string;
  text: string;
  check: ExampleCheck;
}

/** One rule as `loopwarden rules ID` and the MCP tool `explain_rule` explain it. */
export interface RuleExplanation {
  rule: Rule;
  /** The rule file, as shown: built-in ones under `rules/`, others relative to `from`. */
  rulePath: string;
  example: RuleExample | undefined;
}

/**
 * Returns the rule `id` among `all` (built-in and from `ruleDirs`), where its file is and its annotated
 * example checked now; an unknown id is a UserError suggesting the nearest one.
 */
export async function explainRule(all: readonly Rule[], id: string, ruleDirs: readonly string[], from: string): Promise<RuleExplanation> {
  const rule = all.find((candidate) => candidate.id === id);
  if (!rule) {
    const suggestion = nearestName(id, all.map((candidate) => candidate.id));
    throw new UserError(`${id}: no such rule${suggestion ? ` — did you mean '${suggestion}'?` : " (run 'loopwarden rules' to list them)"}`);
  }
  // Loaded only here: finding and running the example needs the rule files and the engine.
  const [{ findRuleFiles }, { checkRuleExample }] = await Promise.all([import('./load.js'), import('./example-check.js')]);
  const location = [BUILTIN_RULES_DIR, ...ruleDirs]
    .flatMap((dir) => findRuleFiles(dir))
    .find((candidate) => basename(candidate.rulePath).replace(/\.ya?ml$/, '') === id);
  const shown = (path: string) => (path.startsWith(BUILTIN_RULES_DIR) ? relative(dirname(BUILTIN_RULES_DIR), path) : relative(from, resolve(path)));
  const example = location?.examplePath
    ? { path: shown(location.examplePath), text: readFileSync(location.examplePath, 'utf8'), check: checkRuleExample(rule, location.examplePath) }
    : undefined;
  return { rule, rulePath: shown(location?.rulePath ?? rule.sourcePath), example };
}
