use actix_web::{web, HttpRequest, HttpResponse};
use axum::extract::{Path, Query};
use serde::Deserialize;

#[derive(Deserialize)]
struct Search {
    name: String,
    order: String,
}

async fn search(pool: web::Data<sqlx::PgPool>, q: web::Query<Search>) -> HttpResponse {
    let sql = format!("SELECT id FROM users WHERE name = '{}'", q.name);
    // ruleid: rust-sqli-tainted-query
    let rows = sqlx::query(&sql).fetch_all(pool.get_ref()).await;
    // ruleid: rust-sqli-tainted-query
    let sorted = sqlx::query_as::<_, (i64,)>(&format!("SELECT id FROM users ORDER BY {}", q.order));
    // ok: rust-sqli-tainted-query
    let bound = sqlx::query("SELECT id FROM users WHERE name = $1").bind(&q.name);
    // ok: rust-sqli-tainted-query
    let fixed = sqlx::query(&format!("SELECT id FROM {} LIMIT 10", "users"));
    HttpResponse::Ok().finish()
}

async fn remove(Path(owner): Path<String>, conn: &rusqlite::Connection) -> rusqlite::Result<usize> {
    let stmt = "DELETE FROM sessions WHERE owner = '".to_string() + &owner + "'";
    // ruleid: rust-sqli-tainted-query
    conn.execute(&stmt, [])?;
    // ok: rust-sqli-tainted-query
    conn.execute("DELETE FROM sessions WHERE owner = ?1", [&owner])
}

async fn by_id(req: HttpRequest, Query(page): Query<Search>, conn: &rusqlite::Connection) -> rusqlite::Result<()> {
    let id = req.match_info().get("id").unwrap_or("0");
    // ruleid: rust-sqli-tainted-query
    conn.query_row(&format!("SELECT name FROM users WHERE id = {}", id), [], |_| Ok(()))?;
    let n = id.parse::<i64>().unwrap_or(0);
    // ok: rust-sqli-tainted-query
    conn.query_row(&format!("SELECT name FROM users WHERE id = {}", n), [], |_| Ok(()))?;
    // ruleid: rust-sqli-tainted-query
    diesel::sql_query(format!("SELECT * FROM posts WHERE author = '{}'", page.name));
    Ok(())
}

fn report(conn: &rusqlite::Connection, name: &str) -> rusqlite::Result<usize> {
    // ok: rust-sqli-tainted-query
    conn.execute(&format!("DELETE FROM t WHERE a = '{}'", name), [])
}
