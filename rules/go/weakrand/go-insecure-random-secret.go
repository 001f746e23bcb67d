package tokens

import (
	"fmt"
	"math/rand"
)

func Issue() string {
	// ruleid: go-insecure-random-secret
	resetToken := fmt.Sprintf("%x", rand.Int63())
	// ok: go-insecure-random-secret
	jitter := rand.Intn(100)
	return fmt.Sprint(resetToken, jitter)
}
