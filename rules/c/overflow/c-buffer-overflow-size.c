#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define NAME_LEN 16
#define LINE_LEN (NAME_LEN * 4)

static char banner[NAME_LEN];

void copy_name(const char *src, int fd) {
    char name[NAME_LEN];
    char line[LINE_LEN];
    int ids[8];
    // ruleid: c-buffer-overflow-size
    memcpy(name, src, 32);
    // ruleid: c-buffer-overflow-size
    memcpy(name, line, sizeof line);
    // ruleid: c-buffer-overflow-size
    strncpy(banner, src, LINE_LEN);
    // ruleid: c-buffer-overflow-size
    fgets(name, sizeof line, stdin);
    // ruleid: c-buffer-overflow-size
    read(fd, name, NAME_LEN + 1);
    // ruleid: c-buffer-overflow-size
    memset(ids, 0, 8 * sizeof(long));
    // ruleid: c-buffer-overflow-size
    strncat(name, src, sizeof name);
    // ok: c-buffer-overflow-size
    memcpy(name, src, sizeof name);
    // ok: c-buffer-overflow-size
    memcpy(name, src, sizeof(name) - 1);
    // ok: c-buffer-overflow-size
    memcpy(line, name, NAME_LEN);
    // ok: c-buffer-overflow-size
    memset(ids, 0, sizeof ids);
    // ok: c-buffer-overflow-size
    memset(ids, 0, 8 * sizeof(int));
    // ok: c-buffer-overflow-size
    fgets(line, sizeof line, stdin);
    // ok: c-buffer-overflow-size
    snprintf(banner, sizeof banner, "%s", src);
    // ok: c-buffer-overflow-size
    strncat(name, src, sizeof name - strlen(name) - 1);
}

char *duplicate(const char *src, size_t len) {
    char *copy = malloc(len + 1);
    char *small = malloc(8);
    // ruleid: c-buffer-overflow-size
    memcpy(small, src, 16);
    // ruleid: c-buffer-overflow-size
    memcpy(copy, src, len + 2);
    // ok: c-buffer-overflow-size
    memcpy(copy, src, len);
    // ok: c-buffer-overflow-size
    memcpy(small, src, 8);
    copy[len] = '\0';
    return copy;
}

/* A destination whose size is not known here (a pointer parameter) is not judged by this rule. */
void fill(char *out, const char *src) {
    // ok: c-buffer-overflow-size
    memcpy(out, src, 4096);
}

/* Through a pointer to a smaller buffer, in elements for the wide calls, and strncat after what the buffer holds. */
void through_pointer(const wchar_t *wide_src) {
    char small[50];
    char big[100];
    char *dst = small;
    wchar_t names[10];
    wchar_t *w = names;
    char source[100];
    memset(source, 'C', 99);
    source[99] = '\0';
    // ruleid: c-buffer-overflow-size
    memcpy(dst, source, sizeof big);
    // ruleid: c-buffer-overflow-size
    wcsncpy(w, wide_src, 20);
    // ok: c-buffer-overflow-size
    wcsncpy(w, wide_src, 10);
    // ruleid: c-buffer-overflow-size
    memset(w, 0, 10 * sizeof(wchar_t) + 1);
    dst[0] = '\0';
    // ruleid: c-buffer-overflow-size
    strncat(dst, source, 100);
    dst = big;
    dst[0] = '\0';
    /* At most 99 characters of the source fit with the NUL. */
    // ok: c-buffer-overflow-size
    strncat(dst, source, 100);
    char *under = big - 4;
    // ruleid: c-buffer-overflow-size
    memcpy(under, source, 8);
}
