/** Version of the JSON report; bumped on any incompatible change (see docs/json-report.md). */
export const JSON_REPORT_VERSION = '1.0.0';
