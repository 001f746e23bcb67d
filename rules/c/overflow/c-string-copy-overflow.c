#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#define GREETING "hello, world"

static int verbose = 1;

void log_name(void) {
    char small[8];
    char large[64];
    char *out;
    // ruleid: c-string-copy-overflow
    strcpy(small, GREETING);
    // ok: c-string-copy-overflow
    strcpy(large, GREETING);

    /* The source's length comes from its last writes: filled to 40, terminated at 40. */
    char line[128];
    memset(line, 'x', 40);
    line[40] = '\0';
    out = small;
    // ruleid: c-string-copy-overflow
    strcpy(out, line);
    out = large;
    // ok: c-string-copy-overflow
    strcpy(out, line);

    /* An allocation of a known size; appending after what the buffer already holds. */
    char *heap = malloc(48);
    heap[0] = '\0';
    // ok: c-string-copy-overflow
    strcat(heap, line);
    free(heap);
    char *tight = malloc(32);
    tight[0] = '\0';
    // ruleid: c-string-copy-overflow
    strcat(tight, line);
    free(tight);

    /* Written on the branch that always runs (a file-level flag nothing changes). */
    char word[16];
    if (verbose) {
        memset(word, 'y', 15);
        word[15] = '\0';
    }
    // ruleid: c-string-copy-overflow
    strcpy(small, word);
}

void wide(void) {
    wchar_t buffer[10];
    wchar_t *p = buffer;
    // ruleid: c-string-copy-overflow
    wcscpy(p, L"0123456789");
    // ok: c-string-copy-overflow
    wcscpy(p, L"012345678");
}

/* A destination or source of unknown size is not this rule's. */
void unknown(char *dst, const char *src) {
    // ok: c-string-copy-overflow
    strcpy(dst, src);
}

/* An array initialised from a string macro holds that string: ten characters and the NUL need eleven. */
#define SERIAL "0123456789"

void serial(void) {
    char id[sizeof SERIAL] = SERIAL;
    char *copy = malloc(10);
    char *fits = malloc(11);
    // ruleid: c-string-copy-overflow
    strcpy(copy, id);
    // ok: c-string-copy-overflow
    strcpy(fits, id);
    free(copy);
    free(fits);
}
