package auth

import (
	"net/http"
	"strings"
)

func AfterLogin(w http.ResponseWriter, r *http.Request) {
	next := r.URL.Query().Get("next")
	// ruleid: go-open-redirect-tainted
	http.Redirect(w, r, next, http.StatusFound)
	// ok: go-open-redirect-tainted
	http.Redirect(w, r, "/home", http.StatusFound)
}

func Back(w http.ResponseWriter, r *http.Request) {
	to := r.FormValue("to")
	if !strings.HasPrefix(to, "/app/") {
		to = "/app/"
		return
	}
	// ok: go-open-redirect-tainted
	http.Redirect(w, r, to, http.StatusFound)
}

// gin, echo and fiber redirects.
func GinLogin(c *gin.Context) {
	next := c.DefaultQuery("next", "/")
	if c.Query("fixed") != "" {
		// ok: go-open-redirect-tainted
		c.Redirect(http.StatusFound, "/home")
		return
	}
	// ruleid: go-open-redirect-tainted
	c.Redirect(http.StatusFound, next)
}

func EchoLogin(ctx echo.Context) error {
	to := ctx.FormValue("to")
	if !strings.HasPrefix(to, "/app/") {
		// ok: go-open-redirect-tainted
		return ctx.Redirect(http.StatusFound, "/app/")
	}
	// ok: go-open-redirect-tainted
	return ctx.Redirect(http.StatusFound, to)
}

func FiberLogin(c *fiber.Ctx) error {
	// ruleid: go-open-redirect-tainted
	return c.Redirect(c.Query("next"))
}

// chi path parameters come from the URL.
func ChiOut(w http.ResponseWriter, r *http.Request) {
	// ruleid: go-open-redirect-tainted
	http.Redirect(w, r, "https://"+chi.URLParam(r, "host"), http.StatusFound)
}
