#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#define MIN(a, b) ((a) < (b) ? (a) : (b))

struct packet { size_t len; char data[256]; };

void store(const char *src, size_t n, const struct packet *p) {
    char buf[64];
    // ruleid: c-buffer-overflow-unchecked-size
    memcpy(buf, src, n);
    // ruleid: c-buffer-overflow-unchecked-size
    memcpy(buf, p->data, p->len);
    // ruleid: c-buffer-overflow-unchecked-size
    memcpy(buf, src, strlen(src));
    // ruleid: c-buffer-overflow-unchecked-size
    strncpy(buf, src, strlen(src) + 1);
    // ok: c-buffer-overflow-unchecked-size
    memcpy(buf, src, MIN(n, sizeof buf));
    // ok: c-buffer-overflow-unchecked-size
    memcpy(buf, src, n < sizeof buf ? n : sizeof buf);
}

void store_checked(const char *src, size_t n) {
    char buf[64];
    size_t len = strlen(src);
    if (n > sizeof buf || len >= sizeof buf) {
        return;
    }
    // ok: c-buffer-overflow-unchecked-size
    memcpy(buf, src, n);
    // ok: c-buffer-overflow-unchecked-size
    memcpy(buf, src, len + 1);
}

void store_clamped(const char *src, size_t n) {
    char buf[64];
    size_t len = n;
    if (len >= sizeof(buf))
        len = sizeof(buf) - 1;
    // ok: c-buffer-overflow-unchecked-size
    memcpy(buf, src, len);
}

void store_local(void) {
    char small[16];
    char big[64];
    // ok: c-buffer-overflow-unchecked-size
    memcpy(big, small, strlen(small) + 1);
}

char *copy_message(int sock, const char *src, size_t n, size_t m) {
    char *p = malloc(n);
    char *q = malloc(m + 1);
    // ruleid: c-buffer-overflow-unchecked-size
    memcpy(p, src, m);
    // ok: c-buffer-overflow-unchecked-size
    memcpy(q, src, m);
    // ok: c-buffer-overflow-unchecked-size
    memcpy(p, src, n);
    // ruleid: c-buffer-overflow-unchecked-size
    recv(sock, q, n, 0);
    return p;
}
