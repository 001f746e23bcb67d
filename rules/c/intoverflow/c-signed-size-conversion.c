#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_LEN 64

void copy_field(const char *src, int len) {
    char buf[MAX_LEN];
    if (len > MAX_LEN) {
        return;
    }
    // ruleid: c-signed-size-conversion
    memcpy(buf, src, len);
}

char *read_record(int fd, const char *header) {
    int size = atoi(header);
    // ruleid: c-signed-size-conversion
    char *record = malloc(size);
    // ruleid: c-signed-size-conversion
    read(fd, record, size);
    return record;
}

void relay(int in, int out) {
    char buf[512];
    ssize_t n = read(in, buf, sizeof buf);
    // ruleid: c-signed-size-conversion
    write(out, buf, n);
}

void copy_checked(const char *src, int len) {
    char buf[MAX_LEN];
    if (len < 0 || len > MAX_LEN) {
        return;
    }
    // ok: c-signed-size-conversion
    memcpy(buf, src, len);
}

void copy_sizeof(const char *src, int len) {
    char buf[MAX_LEN];
    if (len > sizeof buf) {
        return;
    }
    // ok: c-signed-size-conversion
    memcpy(buf, src, len);
}

void relay_checked(int in, int out) {
    char buf[512];
    ssize_t n = read(in, buf, sizeof buf);
    if (n <= 0) return;
    // ok: c-signed-size-conversion
    write(out, buf, n);
}

void copy_unsigned(const char *src, size_t len) {
    char buf[MAX_LEN];
    if (len > MAX_LEN) return;
    // ok: c-signed-size-conversion
    memcpy(buf, src, len);
}

void copy_length(char *dst, const char *src) {
    int len = strlen(src);
    // ok: c-signed-size-conversion
    memcpy(dst, src, len + 1);
}
