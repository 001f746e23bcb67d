use std::process::Command;

fn archive(dir: &str) -> std::io::Result<()> {
    // ruleid: rust-cmdi-shell-command
    Command::new("sh").arg("-c").arg(format!("tar czf backup.tgz {}", dir)).status()?;
    let line = format!("du -sh {}", dir);
    // ruleid: rust-cmdi-shell-command
    Command::new("bash").arg("-c").arg(line).output()?;
    // ok: rust-cmdi-shell-command
    Command::new("tar").arg("czf").arg(format!("{}.tgz", dir)).status()?;
    // ok: rust-cmdi-shell-command
    Command::new("sh").arg("-c").arg("uptime").status()?;
    Ok(())
}
