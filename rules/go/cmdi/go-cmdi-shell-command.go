package backup

import "os/exec"

func Archive(file, user string) {
	// ruleid: go-cmdi-shell-command
	exec.Command("sh", "-c", "tar czf /tmp/backup.tgz "+file).Run()
	cmd := "grep " + user + " /etc/passwd"
	// ruleid: go-cmdi-shell-command
	exec.Command("/bin/bash", "-c", cmd).Run()
	// ok: go-cmdi-shell-command
	exec.Command("tar", "czf", "/tmp/backup.tgz", file).Run()
	// ok: go-cmdi-shell-command
	exec.Command("sh", "-c", "uptime").Run()
}
