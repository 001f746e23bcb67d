import { z } from 'zod';
import { explainRule } from '../../rules/explain.js';
import { ruleExplanationJson } from '../../report/rules-text.js';
import { ruleExplanationSchema } from '../../report/schemas/rule.js';
import { defineTool } from '../tool.js';

/** `explain_rule`: a rule's metadata, CWE, why it matters, how to fix, and its annotated example. */
export const explainRuleTool = defineTool({
  name: 'explain_rule',
  title: 'Explain a rule',
  description:
    "Explain one rule by id (as findings name it in ruleId): languages, severity, confidence, CWE, what it finds and why it " +
    "is a weakness (message), how to fix it (fix), references, and its annotated example file with what the rule did on each line.",
  input: z.strictObject({ id: z.string().min(1).max(200).meta({ description: 'the rule id, e.g. python-sqli-built-query' }) }),
  output: ruleExplanationSchema,
  annotations: { readOnlyHint: true, openWorldHint: false },
  async run(session, { id }) {
    const explanation = await explainRule(await session.everyRule(), id, session.project.config.scan.rules, session.top);
    return ruleExplanationJson(explanation, { exampleText: true });
  },
});
