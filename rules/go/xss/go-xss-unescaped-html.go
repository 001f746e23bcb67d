package web

import (
	"fmt"
	"html"
	"html/template"
	"io"
	"net/http"
)

func Hello(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	// ruleid: go-xss-unescaped-html
	io.WriteString(w, "<h1>Hello "+name+"</h1>")
	// ruleid: go-xss-unescaped-html
	w.Write([]byte("<p>" + r.Referer() + "</p>"))
	// ruleid: go-xss-unescaped-html
	banner := template.HTML("<b>" + name + "</b>")
	// ok: go-xss-unescaped-html
	io.WriteString(w, "<h1>Hello "+html.EscapeString(name)+"</h1>")
	// ok: go-xss-unescaped-html
	fmt.Fprintf(w, "<p>Welcome</p>")
	// ok: go-xss-unescaped-html
	static := template.HTML("<b>Welcome</b>")
	fmt.Println(banner, static)
}
