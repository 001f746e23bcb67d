#include <string.h>

struct user { char name[32]; };

void set_name(struct user *u, const char *name, char *dst) {
    char local[16];
    char small[8];
    char big[64];
    // ruleid: c-copy-size-of-source
    strncpy(u->name, name, strlen(name));
    // ruleid: c-copy-size-of-source
    strncpy(local, name, sizeof(name));
    // ruleid: c-copy-size-of-source
    strncat(dst, name, strlen(name) + 1);
    // ruleid: c-copy-size-of-source
    strncpy(small, local, sizeof local);
    // ok: c-copy-size-of-source
    strncpy(u->name, name, sizeof u->name - 1);
    // ok: c-copy-size-of-source
    strncpy(big, local, sizeof local);
    // ok: c-copy-size-of-source
    memcpy(big, local, sizeof local);
}

void copy_other(char *dst, const char *src, const char *limit) {
    // ok: c-copy-size-of-source
    strncpy(dst, src, strlen(limit));
}
