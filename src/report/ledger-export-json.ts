import type { LedgerRecord } from '../ledger/record.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import type { LedgerExport } from './schemas/ledger-export.js';
import { LEDGER_EXPORT_VERSION } from './schemas/versions.js';

/** Renders `ledger export --format json`: every record in full, oldest first (docs/schemas/ledger-export.schema.json). */
export function renderLedgerExportJson(records: LedgerRecord[]): string {
  const body: LedgerExport = { schemaVersion: LEDGER_EXPORT_VERSION, tool: { name: TOOL_NAME, version: TOOL_VERSION }, records };
  return `${JSON.stringify(body, null, 2)}\n`;
}
