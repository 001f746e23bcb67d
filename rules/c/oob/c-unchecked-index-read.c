#include <stdlib.h>
#include <unistd.h>

static const char *level_names[4] = { "debug", "info", "warn", "error" };

const char *level_name(const char *text) {
    int level = atoi(text);
    // ruleid: c-unchecked-index-read
    return level_names[level];
}

int lookup(int fd) {
    unsigned char table[256];
    unsigned char key[2];
    char buf[32];
    ssize_t n = read(fd, buf, sizeof buf);
    // ruleid: c-unchecked-index-read
    return buf[n] + table[key[0]];
}

const char *level_name_checked(const char *text) {
    int level = atoi(text);
    if (level < 0 || level > 3) return "unknown";
    // ok: c-unchecked-index-read
    return level_names[level];
}
