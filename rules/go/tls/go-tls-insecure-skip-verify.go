package client

import (
	"crypto/tls"
	"net/http"
)

func New() *http.Client {
	// ruleid: go-tls-insecure-skip-verify
	insecure := &tls.Config{InsecureSkipVerify: true}
	// ok: go-tls-insecure-skip-verify
	strict := &tls.Config{MinVersion: tls.VersionTLS12}
	// ruleid: go-tls-insecure-skip-verify
	strict.InsecureSkipVerify = true
	_ = insecure
	return &http.Client{Transport: &http.Transport{TLSClientConfig: strict}}
}
