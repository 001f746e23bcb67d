import type { CheckResult } from '../iterations/check.js';
import { nextSteps } from '../policy/next-steps.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import { checkHeadline } from './check-text.js';
import type { CheckReport } from './schemas/check.js';
import { CHECK_REPORT_VERSION } from './schemas/versions.js';

/** Builds the `check` JSON document: verdict, reasons, next steps, open findings and both diffs. */
export function checkJson(result: CheckResult): CheckReport {
  const { record, verdict, open, diff, sinceBaseline, baseline } = result;
  const seq = result.recorded ? record.seq : null;
  return {
    schemaVersion: CHECK_REPORT_VERSION,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    recorded: result.recorded,
    headline: checkHeadline(result),
    iteration: {
      seq: record.seq,
      recordedAt: record.recordedAt,
      hash: record.hash,
      provenance: record.payload.provenance,
      revision: record.payload.revision,
      previous: record.payload.previous ?? null,
      baseline: record.payload.baseline,
    },
    baseline: { ...baseline.ref, why: baseline.why },
    verdict: { level: verdict.level, reasons: verdict.reasons },
    chain: verdict.chain,
    next: nextSteps(verdict),
    counts: {
      open: open.length,
      introduced: open.filter((f) => f.since === seq).length,
      stillOpen: open.filter((f) => f.since !== seq).length,
      fixed: diff.fixed.length,
      persistingChanged: diff.changed.length,
    },
    open,
    unusedSuppressions: result.unusedSuppressions,
    ...(result.existing ? { existing: result.existing } : {}),
    diff,
    sinceBaseline: { files: sinceBaseline.files, risk: sinceBaseline.risk, complexity: sinceBaseline.complexity, functions: sinceBaseline.functions },
  };
}

/** Renders `check --format json`. */
export function renderCheckJson(result: CheckResult): string {
  return `${JSON.stringify(checkJson(result), null, 2)}\n`;
}
