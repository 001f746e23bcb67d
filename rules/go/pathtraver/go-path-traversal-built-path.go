package files

import (
	"net/http"
	"os"
	"path/filepath"
)

func Download(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("file")
	// ruleid: go-path-traversal-built-path
	http.ServeFile(w, r, "/srv/uploads/"+name)
	// ruleid: go-path-traversal-built-path
	data, _ := os.ReadFile("/var/reports/" + name + ".pdf")
	// ok: go-path-traversal-built-path
	config, _ := os.ReadFile("/etc/app/config.yaml")
	// ok: go-path-traversal-built-path
	safe, _ := os.Open(filepath.Join("/srv/uploads", filepath.Base(name)))
	w.Write(data)
	w.Write(config)
	safe.Close()
}
