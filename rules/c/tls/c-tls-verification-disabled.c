#include <curl/curl.h>
#include <openssl/ssl.h>

void configure(CURL *curl, SSL_CTX *ctx) {
    // ruleid: c-tls-verification-disabled
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 0L);
    // ruleid: c-tls-verification-disabled
    SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, NULL);
    // ok: c-tls-verification-disabled
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
    // ok: c-tls-verification-disabled
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
}
