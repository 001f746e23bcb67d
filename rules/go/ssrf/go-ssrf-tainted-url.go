package preview

import (
	"io"
	"net/http"
)

func Fetch(w http.ResponseWriter, r *http.Request) {
	target := r.URL.Query().Get("url")
	// ruleid: go-ssrf-tainted-url
	resp, _ := http.Get(target)
	// ruleid: go-ssrf-tainted-url
	req, _ := http.NewRequest("GET", "http://"+r.FormValue("host")+"/meta", nil)
	// ok: go-ssrf-tainted-url
	status, _ := http.Get("https://status.example.com/api")
	io.Copy(w, resp.Body)
	_, _ = req, status
}
