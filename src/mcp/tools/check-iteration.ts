import { z } from 'zod';
import { checkRepository } from '../../iterations/check-repository.js';
import { agentProvenance } from '../../iterations/provenance.js';
import { checkJson } from '../../report/check-json.js';
import { checkReportSchema } from '../../report/schemas/check.js';
import { defineTool } from '../tool.js';

const text = (description: string) => z.string().min(1).max(200).optional().meta({ description });

/** `check_iteration`: records the work tree as an AI iteration and returns what `check --format json` gives. */
export const checkIterationTool = defineTool({
  name: 'check_iteration',
  title: 'Check this iteration',
  description:
    'Record the current work tree as one AI iteration and judge it against the accepted baseline. Returns the verdict ' +
    '(pass, warn, review-required, block), the open findings with how to fix each (rule, CWE, path, line, message, fix), ' +
    'complexity changes, the AI chain (iterations since the last review and the limit) and the next steps. Call it after ' +
    'each change. The iteration is always recorded as an AI one; only a person can approve, with `loopwarden review`.',
  // Strict: an `actor` argument is refused, not ignored: a caller over MCP is an agent and cannot claim a human iteration.
  input: z.strictObject({
    tool: text('the coding agent, e.g. claude-code, cursor'),
    model: text('the model, e.g. claude-sonnet-4'),
    strategy: text('the prompt strategy: efficiency, feature, security, ambiguous, or free text'),
    session: text("the agent's session (conversation) id"),
    author: text('the person the agent works for'),
  }),
  output: checkReportSchema,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  async run(session, claimed) {
    const { project, ledger, builder } = session;
    const result = await checkRepository({ top: project.top, config: project.config, rules: project.rules, ledger }, agentProvenance(claimed), undefined, builder);
    return checkJson(result);
  },
});
