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

// echo: a bound request struct; fiber: a query value.
type Hook struct {
	URL string `json:"url"`
}

func EchoHook(c echo.Context) error {
	hook := new(Hook)
	if err := c.Bind(hook); err != nil {
		return err
	}
	var h Hook
	if err := c.Bind(&h); err != nil {
		return err
	}
	// ruleid: go-ssrf-tainted-url
	http.Get(h.URL)
	// ok: go-ssrf-tainted-url
	http.Get("https://hooks.example.com/ping")
	return nil
}

func FiberFetch(c *fiber.Ctx) error {
	client := &http.Client{}
	// ruleid: go-ssrf-tainted-url
	_, err := client.Get(c.Query("url"))
	// ok: go-ssrf-tainted-url
	cache.Get(c.Query("key"))
	hc := cfg.HTTPClient
	if hc == nil {
		hc = http.DefaultClient
	}
	// ruleid: go-ssrf-tainted-url
	hc.Get(c.Query("next"))
	return err
}
