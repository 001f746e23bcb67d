use actix_web::{web, HttpResponse};
use axum::response::Html;
use serde::Deserialize;

#[derive(Deserialize)]
struct Greeting {
    name: String,
}

async fn hello(q: web::Query<Greeting>) -> HttpResponse {
    let page = format!("<h1>Hello {}</h1>", q.name);
    // ruleid: rust-xss-tainted-response
    HttpResponse::Ok().content_type("text/html; charset=utf-8").body(page)
}

async fn hello_template(tera: web::Data<tera::Tera>, q: web::Query<Greeting>) -> HttpResponse {
    let mut ctx = tera::Context::new();
    ctx.insert("name", &q.name);
    let page = tera.render("hello.html", &ctx).unwrap();
    // ok: rust-xss-tainted-response
    HttpResponse::Ok().content_type("text/html").body(page)
}

async fn hello_plain(q: web::Query<Greeting>) -> HttpResponse {
    // ok: rust-xss-tainted-response
    HttpResponse::Ok().content_type("text/plain").body(format!("Hello {}", q.name))
}

async fn hello_axum(axum::extract::Query(g): axum::extract::Query<Greeting>) -> Html<String> {
    // ruleid: rust-xss-tainted-response
    Html(format!("<h1>Hello {}</h1>", g.name))
}

async fn hello_escaped(axum::extract::Query(g): axum::extract::Query<Greeting>) -> Html<String> {
    // ok: rust-xss-tainted-response
    Html(format!("<h1>Hello {}</h1>", html_escape::encode_text(&g.name)))
}

async fn hello_static() -> Html<&'static str> {
    // ok: rust-xss-tainted-response
    Html("<h1>Hello</h1>")
}
