package web

import (
	"fmt"
	"html"
	"net/http"
)

func Hello(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	// ruleid: go-xss-tainted-response
	fmt.Fprintf(w, "<h1>Hello %s</h1>", name)
	// ruleid: go-xss-tainted-response
	w.Write([]byte("<p>" + r.Header.Get("User-Agent") + "</p>"))
	// ok: go-xss-tainted-response
	fmt.Fprintf(w, "<h1>Hello %s</h1>", html.EscapeString(name))
	// ok: go-xss-tainted-response
	fmt.Fprint(w, "<h1>Hello</h1>")
}
