package session

import "net/http"

func Set(w http.ResponseWriter, id string) {
	// ruleid: go-insecure-cookie
	http.SetCookie(w, &http.Cookie{Name: "session", Value: id, HttpOnly: true})
	// ok: go-insecure-cookie
	http.SetCookie(w, &http.Cookie{Name: "session", Value: id, Secure: true, HttpOnly: true})
}
