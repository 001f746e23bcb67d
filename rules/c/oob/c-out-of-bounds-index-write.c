#include <string.h>
#include <unistd.h>

#define SLOTS 8

static int slots[SLOTS];

void terminate(int fd) {
    char buf[64];
    char name[16];
    int counts[10];
    read(fd, buf, sizeof buf - 1);
    // ruleid: c-out-of-bounds-index-write
    buf[sizeof buf] = '\0';
    // ruleid: c-out-of-bounds-index-write
    slots[SLOTS] = 0;
    // ruleid: c-out-of-bounds-index-write
    name[16] = 0;
    for (int i = 0; i <= 10; i++) {
        // ruleid: c-out-of-bounds-index-write
        counts[i] = 0;
    }
    // ruleid: c-out-of-bounds-index-write
    for (int i = 0; i < sizeof counts; i++) counts[i] = 0;
    // ok: c-out-of-bounds-index-write
    buf[sizeof buf - 1] = '\0';
    // ok: c-out-of-bounds-index-write
    slots[SLOTS - 1] = 0;
    for (int i = 0; i < 10; i++) {
        // ok: c-out-of-bounds-index-write
        counts[i] = 0;
    }
    // ok: c-out-of-bounds-index-write
    for (int i = 0; i < sizeof counts / sizeof counts[0]; i++) counts[i] = 0;
    for (int i = 0; i <= 16; i++) {
        if (i == 15) break;
        // ok: c-out-of-bounds-index-write
        name[i] = 'a';
    }
}

/* Through a pointer to a smaller array, an allocation sized in bytes for ints, or a pointer before its array. */
void through_pointer(void) {
    int small[50];
    int *data = small;
    for (int i = 0; i < 100; i++) {
        // ruleid: c-out-of-bounds-index-write
        data[i] = 0;
    }
    int *counts = (int *)alloca(10);
    for (int i = 0; i < 10; i++) {
        // ruleid: c-out-of-bounds-index-write
        counts[i] = 0;
    }
    int *fixed = (int *)alloca(10 * sizeof(int));
    for (int i = 0; i < 10; i++) {
        // ok: c-out-of-bounds-index-write
        fixed[i] = 0;
    }
    char text[100];
    char *before = text - 8;
    // ruleid: c-out-of-bounds-index-write
    before[0] = 'a';
    // ok: c-out-of-bounds-index-write
    before[8] = 'a';
}
