use axum::extract::Query;
use std::collections::HashMap;
use std::process::Command;

async fn run(Query(params): Query<HashMap<String, String>>) -> String {
    let dir = params.get("dir").cloned().unwrap_or_default();
    // ruleid: rust-cmdi-tainted-command
    Command::new("sh").arg("-c").arg(format!("tar czf backup.tgz {}", dir)).status().ok();
    let tool = params["tool"].clone();
    // ruleid: rust-cmdi-tainted-command
    Command::new(&tool).arg("--version").output().ok();
    // ok: rust-cmdi-tainted-command
    Command::new("tar").arg("czf").arg("backup.tgz").arg(&dir).status().ok();
    // ok: rust-cmdi-tainted-command
    Command::new("sh").arg("-c").arg("uptime").status().ok();
    String::new()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    // ok: rust-cmdi-tainted-command
    Command::new("sh").arg("-c").arg(&args[1]).status().ok();
}
