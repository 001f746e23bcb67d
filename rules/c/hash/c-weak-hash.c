#include <openssl/evp.h>
#include <openssl/md5.h>

void digest(const unsigned char *data, size_t len, unsigned char *out) {
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    // ruleid: c-weak-hash
    EVP_DigestInit_ex(ctx, EVP_md5(), NULL);
    // ruleid: c-weak-hash
    MD5(data, len, out);
    // ok: c-weak-hash
    EVP_DigestInit_ex(ctx, EVP_sha256(), NULL);
}
