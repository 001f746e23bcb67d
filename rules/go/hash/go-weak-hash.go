package hashing

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
)

func Fingerprint(data []byte) [][]byte {
	// ruleid: go-weak-hash
	a := md5.Sum(data)
	// ruleid: go-weak-hash
	h := sha1.New()
	h.Write(data)
	// ok: go-weak-hash
	b := sha256.Sum256(data)
	return [][]byte{a[:], h.Sum(nil), b[:]}
}
