package preview

import (
	"fmt"
	"net/http"
)

func Fetch(r *http.Request) {
	host := r.URL.Query().Get("host")
	// ruleid: go-ssrf-built-url
	resp, _ := http.Get("http://" + host + "/preview")
	// ruleid: go-ssrf-built-url
	req, _ := http.NewRequest("GET", fmt.Sprintf("https://%s/api", host), nil)
	// ok: go-ssrf-built-url
	health, _ := http.Get("https://api.example.com/health")
	fmt.Println(resp, req, health)
}
