/** The names of the SQLite migrations, in order; must match the keys of SQLITE_MIGRATIONS (a test checks). */
export const SQLITE_MIGRATION_NAMES = ['0001-ledger', '0002-file-summaries', '0003-analyses-by-digest'];
