package tools

import (
	"net/http"
	"os/exec"
)

func Ping(w http.ResponseWriter, r *http.Request) {
	host := r.FormValue("host")
	// ruleid: go-cmdi-tainted-command
	exec.Command("sh", "-c", "ping -c 1 "+host).Run()
	tool := r.URL.Query().Get("tool")
	// ruleid: go-cmdi-tainted-command
	exec.Command(tool, "--version").Run()
	// ok: go-cmdi-tainted-command
	exec.Command("uptime").Run()
}
