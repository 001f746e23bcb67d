package files

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
)

func Download(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("file")
	full := filepath.Join("/srv/uploads", name)
	// ruleid: go-path-traversal-tainted
	data, _ := os.ReadFile(full)
	// ruleid: go-path-traversal-tainted
	http.ServeFile(w, r, "/srv/uploads/"+r.FormValue("doc"))
	// ok: go-path-traversal-tainted
	plain, _ := os.ReadFile(filepath.Join("/srv/uploads", filepath.Base(name)))
	w.Write(append(data, plain...))
}

func Remove(w http.ResponseWriter, r *http.Request) {
	name := r.FormValue("file")
	if strings.Contains(name, "..") {
		http.Error(w, "bad name", http.StatusBadRequest)
		return
	}
	// ok: go-path-traversal-tainted
	os.Remove("/srv/uploads/" + name)
}
