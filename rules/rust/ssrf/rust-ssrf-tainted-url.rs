use axum::extract::{Json, Query};
use serde::Deserialize;

#[derive(Deserialize)]
struct Fetch {
    url: String,
}

async fn proxy(Query(q): Query<Fetch>, client: axum::extract::State<reqwest::Client>) -> String {
    // ruleid: rust-ssrf-tainted-url
    let body = reqwest::get(&q.url).await.unwrap().text().await.unwrap();
    let target = format!("{}/status", q.url);
    // ruleid: rust-ssrf-tainted-url
    let status = client.get(&target).send().await;
    // ok: rust-ssrf-tainted-url
    let fixed = client.get("https://api.example.com/status").query(&[("q", &q.url)]).send().await;
    // ok: rust-ssrf-tainted-url
    let cached = CACHE.get(&q.url);
    body
}

async fn hook(Json(hook): Json<Fetch>) {
    let client = reqwest::Client::new();
    // ruleid: rust-ssrf-tainted-url
    client.post(hook.url).send().await.ok();
}
