// Each JSON output's format version: a field is never removed or changes meaning without a new major
// version; new optional fields may appear in minor versions (docs/json-report.md). Kept apart from the zod
// schemas so a renderer names its version without loading zod.

/** Version of `loopwarden scan --format json`. */
export const SCAN_REPORT_VERSION = '1.1.0';
/** Version of `loopwarden diff --format json`. */
export const DIFF_REPORT_VERSION = '1.2.0';
/** Version of `loopwarden ledger export --format json`. */
export const LEDGER_EXPORT_VERSION = '1.4.0';
/** Version of `loopwarden check --format json` (2: verdicts against the accepted baseline). */
export const CHECK_REPORT_VERSION = '2.2.0';
/** Version of `loopwarden status --format json`. */
export const STATUS_REPORT_VERSION = '1.3.0';
/** Version of `loopwarden review --format json`. */
export const REVIEW_REPORT_VERSION = '1.2.0';
/** Version of `loopwarden experiment report --format json`. */
export const EXPERIMENT_REPORT_VERSION = '1.0.0';
