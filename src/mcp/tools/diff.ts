import { z } from 'zod';
import { diffSnapshots } from '../../diff/iteration-diff.js';
import { diffJson } from '../../report/iteration-json.js';
import { diffReportSchema } from '../../report/schemas/diff.js';
import { compareRevisions } from '../../workspace/compare-sources.js';
import { defineTool } from '../tool.js';

const revision = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[^-\s]\S*$/, 'a git revision: no leading dash, no spaces');

/** `diff`: what changed between two revisions, or a revision and the work tree; it records nothing. */
export const diffTool = defineTool({
  name: 'diff',
  title: 'Diff two revisions',
  description:
    'Compare two git revisions of the project, or a revision and the uncommitted work tree (after omitted or WORKTREE): ' +
    'findings introduced, fixed and persisting, risk and function complexity. Records nothing.',
  input: z.strictObject({
    before: revision.meta({ description: 'a git revision: HEAD, HEAD~2, a branch, a commit id' }),
    after: revision.default('WORKTREE').meta({ description: "a git revision, or WORKTREE (the default) for the uncommitted work tree" }),
  }),
  output: diffReportSchema,
  annotations: { readOnlyHint: true, openWorldHint: false },
  run(session, { before, after }) {
    const { top, config, rules } = session.project;
    const sides = compareRevisions(top, before, after, rules, config.scan);
    return diffJson(diffSnapshots(sides.before, sides.after));
  },
});
