package vault

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/des"
	"crypto/rand"
	"crypto/rsa"
)

func Encrypt(key, plaintext []byte) {
	// ruleid: go-broken-crypto
	legacy, _ := des.NewCipher(key)
	block, _ := aes.NewCipher(key)
	// ruleid: go-broken-crypto
	mode := cipher.NewCBCEncrypter(block, []byte("0123456789abcdef"))
	// ruleid: go-broken-crypto
	weak, _ := rsa.GenerateKey(rand.Reader, 1024)
	iv := make([]byte, aes.BlockSize)
	rand.Read(iv)
	// ok: go-broken-crypto
	good := cipher.NewCBCEncrypter(block, iv)
	// ok: go-broken-crypto
	strong, _ := rsa.GenerateKey(rand.Reader, 3072)
	_, _, _, _, _ = legacy, mode, weak, good, strong
}
