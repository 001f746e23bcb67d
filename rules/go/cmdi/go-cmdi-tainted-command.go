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

// A request struct bound by gin: its fields are request data.
type PingRequest struct {
	Host  string `json:"host"`
	Count int    `json:"count"`
}

func GinPing(c *gin.Context) {
	var req PingRequest
	if err := c.ShouldBindJSON(&req); err != nil {
		return
	}
	// ruleid: go-cmdi-tainted-command
	exec.Command("sh", "-c", "ping -c 1 "+req.Host).Run()
	// ok: go-cmdi-tainted-command
	exec.Command("ping", "-c", "1", "localhost").Run()
}
