package config

import "os"

// ruleid: go-hardcoded-credential
const dbPassword = "Sup3rS3cret!"

// ok: go-hardcoded-credential
const passwordField = "password"

type Credentials struct{ User, Password string }

func Load() Credentials {
	// ok: go-hardcoded-credential
	apiKey := os.Getenv("API_KEY")
	_ = apiKey
	// ruleid: go-hardcoded-credential
	return Credentials{User: "app", Password: "hunter2hunter2"}
}
