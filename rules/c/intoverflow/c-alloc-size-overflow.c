#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct item { int id; char name[16]; };

struct item *copy_items(const struct item *src, size_t count) {
    // ruleid: c-alloc-size-overflow
    struct item *items = malloc(count * sizeof(struct item));
    memcpy(items, src, count * sizeof(struct item));
    return items;
}

char *join(const char *a, size_t len_a, size_t len_b) {
    // ruleid: c-alloc-size-overflow
    char *out = malloc(len_a + len_b);
    return out;
}

struct item *copy_checked(const struct item *src, size_t count) {
    // ok: c-alloc-size-overflow
    struct item *items = calloc(count, sizeof(struct item));
    return items;
}

struct item *copy_guarded(size_t count) {
    if (count > SIZE_MAX / sizeof(struct item)) return NULL;
    // ok: c-alloc-size-overflow
    return malloc(count * sizeof(struct item));
}

char *fixed(void) {
    // ok: c-alloc-size-overflow
    return malloc(16 * sizeof(char));
}
