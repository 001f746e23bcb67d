package auth

import "net/http"

func AfterLogin(w http.ResponseWriter, r *http.Request) {
	// ruleid: go-open-redirect
	http.Redirect(w, r, r.URL.Query().Get("next"), http.StatusFound)
}

func AfterLogout(w http.ResponseWriter, r *http.Request) {
	target := r.FormValue("return_to")
	// ruleid: go-open-redirect
	http.Redirect(w, r, target, http.StatusSeeOther)
}

func Home(w http.ResponseWriter, r *http.Request) {
	// ok: go-open-redirect
	http.Redirect(w, r, "/dashboard", http.StatusFound)
}
