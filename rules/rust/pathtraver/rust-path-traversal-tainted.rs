use actix_files::NamedFile;
use actix_web::{web, HttpRequest};
use std::path::{Path, PathBuf};

async fn download(req: HttpRequest) -> actix_web::Result<NamedFile> {
    let name: PathBuf = req.match_info().query("filename").parse().unwrap();
    // ruleid: rust-path-traversal-tainted
    Ok(NamedFile::open(Path::new("./static").join(name))?)
}

async fn read(path: web::Path<String>) -> String {
    let file = format!("reports/{}.txt", path.into_inner());
    // ruleid: rust-path-traversal-tainted
    let text = std::fs::read_to_string(&file).unwrap_or_default();
    text
}

async fn upload(axum::extract::Path(name): axum::extract::Path<String>, body: String) {
    // ruleid: rust-path-traversal-tainted
    std::fs::write(format!("uploads/{}", name), body).ok();
    let safe = Path::new(&name).file_name().unwrap().to_owned();
    // ok: rust-path-traversal-tainted
    std::fs::write(Path::new("uploads").join(safe), "").ok();
    // ok: rust-path-traversal-tainted
    std::fs::read_to_string("config/app.toml").ok();
}

async fn by_id(axum::extract::Path(id): axum::extract::Path<u64>) {
    // ok: rust-path-traversal-tainted
    std::fs::remove_file(format!("cache/{}.bin", id)).ok();
}
