package web

import (
	"fmt"
	"html"
	"net/http"
	"strconv"
	"text/template"

	"github.com/gin-gonic/gin"
	"github.com/labstack/echo/v4"
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

// Declared as plain text: the browser does not parse it as markup.
func Echo(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	// ok: go-xss-tainted-response
	w.Write([]byte(r.FormValue("msg")))
}

// echo: c.HTML writes its string as text/html.
func EchoHello(c echo.Context) error {
	name := c.QueryParam("name")
	if name == "" {
		// ok: go-xss-tainted-response
		return c.HTML(http.StatusOK, "<h1>Hello</h1>")
	}
	// ruleid: go-xss-tainted-response
	return c.HTML(http.StatusOK, "<h1>Hello "+name+"</h1>")
}

// gin: c.Data with an HTML content type is markup; c.String is sent as text/plain.
func GinHello(c *gin.Context) {
	name := c.Param("name")
	// ruleid: go-xss-tainted-response
	c.Data(http.StatusOK, "text/html; charset=utf-8", []byte("<h1>"+name+"</h1>"))
	// ok: go-xss-tainted-response
	c.Data(http.StatusOK, "application/octet-stream", []byte(name))
	// ok: go-xss-tainted-response
	c.String(http.StatusOK, "Hello %s", name)
}

// A struct named c that is not a framework context: its Param is not request data.
func NotAHandler(c *Settings, out echo.Context) error {
	// ok: go-xss-tainted-response
	return out.HTML(http.StatusOK, "<p>"+c.Param("title")+"</p>")
}

var page = template.Must(template.New("page").Parse("<h1>{{.}}</h1>"))

// text/template does not escape what it writes into the response.
func Page(w http.ResponseWriter, r *http.Request) {
	title := r.FormValue("title")
	// ruleid: go-xss-tainted-response
	page.Execute(w, title)
	n, _ := strconv.Atoi(r.FormValue("n"))
	// ok: go-xss-tainted-response
	page.Execute(w, n)
}

func GinPage(c *gin.Context) {
	// ruleid: go-xss-tainted-response
	page.Execute(c.Writer, c.Query("title"))
}

// html/template.HTML marks the string as already-safe markup.
func Banner(c *gin.Context) {
	// ruleid: go-xss-tainted-response
	c.HTML(http.StatusOK, "banner.tmpl", gin.H{"text": template.HTML(c.Query("text"))})
	// ok: go-xss-tainted-response
	c.HTML(http.StatusOK, "banner.tmpl", gin.H{"text": c.Query("text")})
}
