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
