/** Code-scanning category of `scan` results. */
export const SCAN_SARIF_CATEGORY = 'loopwarden/scan';
/** Code-scanning category of `diff` results: its own, so a diff (changed files only) never closes a full scan's alerts. */
export const DIFF_SARIF_CATEGORY = 'loopwarden/diff';
/** Code-scanning category of `ci` results: every finding of a pull request's head, marked new or not against its base. */
export const CI_SARIF_CATEGORY = 'loopwarden/ci';

/**
 * Returns `runAutomationDetails.id` for a category. GitHub reads the id as `category/run-id`; the empty run
 * id after the trailing slash says "this category, no run of its own" (SARIF 2.1.0 §3.17.3).
 */
export function automationId(category: string): string {
  return `${category.replace(/\/+$/, '')}/`;
}
