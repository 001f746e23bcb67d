import { z } from 'zod';
import { scanPaths } from '../../engine/scan.js';
import { buildJsonReport } from '../../report/json.js';
import { scanReportSchema } from '../../report/schemas/scan.js';
import { pathInsideRoot } from '../../workspace/inside-root.js';
import { defineTool } from '../tool.js';

/** `scan`: scans files or directories of the project, as `scan --format json` does; it records nothing. */
export const scanTool = defineTool({
  name: 'scan',
  title: 'Scan paths',
  description:
    'Scan files or directories of the project for security weaknesses (CWE-mapped rules). Paths are relative to the project ' +
    'root (the git repository top) and must stay inside it. Returns each finding with its rule, CWE, severity, place, message ' +
    'and fix. Records nothing: use check_iteration to record an iteration.',
  input: z.strictObject({
    paths: z.array(z.string().min(1)).min(1).max(100).default(['.']).meta({ description: "files or directories relative to the project root; default '.'" }),
  }),
  output: scanReportSchema,
  annotations: { readOnlyHint: true, openWorldHint: false },
  async run(session, { paths }) {
    const { top, config, rules } = session.project;
    const inside = paths.map((path) => pathInsideRoot(top, path));
    const result = await scanPaths({ ...config.scan, paths: inside, cwd: top, rules, complexity: false, confineTo: top });
    return buildJsonReport(result, config.scan.failOn);
  },
});
