import { z } from 'zod';
import { loopStatus } from '../../iterations/status.js';
import { statusReportSchema } from '../../report/schemas/status.js';
import { approvalNote, statusJson } from '../../report/status-report.js';
import { defineTool } from '../tool.js';

/** `status`: where the loop stands, as `status --format json` says, and who may approve. */
export const statusTool = defineTool({
  name: 'status',
  title: 'Loop status',
  description:
    'Where the loop stands: the AI chain (iterations since the last review and the limit), the accepted baseline, the last ' +
    'verdict, findings open since the baseline, iterations awaiting review and the last review. Only a person approves, by ' +
    'running `loopwarden review` at a terminal; no tool here can.',
  input: z.strictObject({}),
  output: statusReportSchema.extend({
    approval: z.string().meta({ description: 'who may approve and how: only a person, with `loopwarden review` at a terminal' }),
  }),
  annotations: { readOnlyHint: true, openWorldHint: false },
  async run(session) {
    const status = loopStatus(await session.ledger.records(), session.project.config.policy);
    return { ...statusJson(status), approval: approvalNote(status) };
  },
});
