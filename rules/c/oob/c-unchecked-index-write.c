#include <stdio.h>
#include <stdlib.h>

#define MAX_USERS 32

static int scores[MAX_USERS];

void set_score(const char *slot, const char *value) {
    int i = atoi(slot);
    // ruleid: c-unchecked-index-write
    scores[i] = atoi(value);
}

int main(int argc, char **argv) {
    char flags[16];
    int n;
    scanf("%d", &n);
    // ruleid: c-unchecked-index-write
    flags[n] = 1;
    // ruleid: c-unchecked-index-write
    flags[atoi(argv[1])] = 1;
    return 0;
}

void set_checked(const char *slot, const char *value) {
    int i = atoi(slot);
    if (i < 0 || i >= MAX_USERS) {
        return;
    }
    // ok: c-unchecked-index-write
    scores[i] = atoi(value);
}

void set_masked(const char *slot) {
    unsigned i = (unsigned)strtoul(slot, NULL, 10) % MAX_USERS;
    // ok: c-unchecked-index-write
    scores[i] = 0;
}

/* Checked on one side only: no upper bound writes past the array, no lower bound before it. */
void one_side(const char *slot, const char *other) {
    int j = atoi(other);
    if (j >= 0) {
        // ruleid: c-unchecked-index-write
        scores[j] = 1;
    }
    int i = atoi(slot);
    if (i < MAX_USERS) {
        // ruleid: c-unchecked-index-write
        scores[i] = 2;
    }
    if (i >= 0 && i < MAX_USERS) {
        // ok: c-unchecked-index-write
        scores[i] = 3;
    }
    size_t u = strtoul(slot, NULL, 10);
    if (u < MAX_USERS) {
        // ok: c-unchecked-index-write
        scores[u] = 4;
    }
    if ((unsigned)i < MAX_USERS) {
        // ok: c-unchecked-index-write
        scores[i] = 5;
    }
}

/* A read returns at most the count it was given, or -1 when it fails. */
void terminate_reply(int sock, int fd) {
    char reply[256];
    ssize_t got = recv(sock, reply, sizeof reply - 1, 0);
    if (got < 0) {
        return;
    }
    // ok: c-unchecked-index-write
    reply[got] = '\0';
    char line[80];
    ssize_t n = read(fd, line, sizeof line);
    if (n <= 0) {
        return;
    }
    // ruleid: c-unchecked-index-write
    line[n] = '\0';
    char word[32];
    ssize_t k = read(fd, word, sizeof word - 1);
    // ruleid: c-unchecked-index-write
    word[k] = '\0';
}
