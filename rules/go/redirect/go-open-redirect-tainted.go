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
