import type { LedgerTables } from '../postgres-ledger.js';

/** The server's database as the projection's code sees it: the ledger's tables and the projection's. */
export type InsightDatabase = LedgerTables & InsightTables;

/** The projection's tables (migration 0004-insights), as Kysely sees them, beside the ledger's own. */
export type InsightTables = {
  iteration_facts: {
    repository_id: string; seq: number; recorded_at: Date | null; actor: string; tool: string | null; model: string | null; strategy: string | null; author: string | null;
    chain_position: number; chain_limit: number; verdict: string; introduced: number; introduced_critical_high: number; fixed: number;
    open_count: number; open_blocking: number; risk_before: number; risk_after: number; complexity_before: number; complexity_after: number;
  };
  finding_events: {
    repository_id: string; seq: number; state: string; ordinal: number; fingerprint: string; rule_id: string; cwe: string; severity: string;
    path: string; start_line: number; recorded_at: Date | null; actor: string; tool: string | null; model: string | null; strategy: string | null; chain_position: number;
  };
  review_facts: { repository_id: string; seq: number; recorded_at: Date | null; reviewer: string; decision: string; attestation: string | null; head_seq: number | null; covered: number };
  review_coverage: { repository_id: string; iteration_seq: number; kind: string; review_seq: number; reviewer: string; at: Date | null };
  review_exposures: {
    repository_id: string; review_seq: number; kind: string; fingerprint: string; reviewer: string; at: Date | null; rule_id: string; cwe: string; severity: string; introduced_seq: number;
  };
};
