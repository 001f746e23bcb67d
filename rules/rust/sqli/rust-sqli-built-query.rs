use rusqlite::{params, Connection};

fn find_user(conn: &Connection, pool: &sqlx::PgPool, name: &str) -> rusqlite::Result<()> {
    let sql = format!("SELECT id FROM users WHERE name = '{}'", name);
    // ruleid: rust-sqli-built-query
    conn.execute(&sql, [])?;
    // ruleid: rust-sqli-built-query
    let rows = sqlx::query(&format!("DELETE FROM sessions WHERE owner = '{}'", name));
    // ok: rust-sqli-built-query
    conn.execute("SELECT id FROM users WHERE name = ?1", params![name])?;
    // ok: rust-sqli-built-query
    let bound = sqlx::query("SELECT id FROM users WHERE name = $1").bind(name);
    Ok(())
}
