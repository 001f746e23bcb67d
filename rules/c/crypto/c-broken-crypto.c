#include <openssl/evp.h>
#include <openssl/rsa.h>

void setup(EVP_CIPHER_CTX *ctx, EVP_PKEY_CTX *kctx, const unsigned char *key, const unsigned char *iv) {
    // ruleid: c-broken-crypto
    EVP_EncryptInit_ex(ctx, EVP_des_cbc(), NULL, key, iv);
    // ruleid: c-broken-crypto
    EVP_EncryptInit_ex(ctx, EVP_aes_128_ecb(), NULL, key, NULL);
    // ruleid: c-broken-crypto
    EVP_PKEY_CTX_set_rsa_keygen_bits(kctx, 1024);
    // ok: c-broken-crypto
    EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), NULL, key, iv);
    // ok: c-broken-crypto
    EVP_PKEY_CTX_set_rsa_keygen_bits(kctx, 3072);
}
