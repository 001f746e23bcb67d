#include <stdio.h>
#include <sqlite3.h>

void delete_user(sqlite3 *db, const char *name) {
    char sql[256];
    snprintf(sql, sizeof sql, "DELETE FROM users WHERE name = '%s'", name);
    // ruleid: c-sqli-dynamic-query
    sqlite3_exec(db, sql, NULL, NULL, NULL);
    sqlite3_stmt *stmt;
    // ok: c-sqli-dynamic-query
    sqlite3_prepare_v2(db, "DELETE FROM users WHERE name = ?", -1, &stmt, NULL);
    // ok: c-sqli-dynamic-query
    sqlite3_exec(db, "VACUUM", NULL, NULL, NULL);
}
