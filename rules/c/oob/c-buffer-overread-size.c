#include <stdlib.h>
#include <string.h>
#include <wchar.h>

void copy_header(void) {
    char header[32];
    char packet[256];
    char *from;
    memset(header, 'h', sizeof header - 1);
    header[sizeof header - 1] = '\0';
    from = header;
    // ruleid: c-buffer-overread-size
    memcpy(packet, from, 64);
    // ok: c-buffer-overread-size
    memcpy(packet, from, 32);

    /* The count is the destination's string length, longer than the source buffer. */
    memset(packet, 'p', 99);
    packet[99] = '\0';
    // ruleid: c-buffer-overread-size
    memmove(packet, from, strlen(packet));

    /* A pointer set before its buffer's start. */
    char *before = header - 4;
    char copy[64];
    // ruleid: c-buffer-overread-size
    strcpy(copy, before);
    // ruleid: c-buffer-overread-size
    memcpy(copy, before, 8);
    // ruleid: c-buffer-overread-size
    strncpy(copy, before, sizeof copy - 1);
    char *inside = header + 4;
    // ok: c-buffer-overread-size
    strncpy(copy, inside, sizeof copy - 1);
    // ok: c-buffer-overread-size
    strcpy(copy, inside);
}

void wide_read(void) {
    wchar_t *names = malloc(16 * sizeof(wchar_t));
    wchar_t out[64];
    // ruleid: c-buffer-overread-size
    wmemcpy(out, names, 32);
    // ok: c-buffer-overread-size
    wmemcpy(out, names, 16);
    free(names);
}

/* A source of unknown size is not judged. */
void unknown_source(char *dst, const char *src, size_t n) {
    // ok: c-buffer-overread-size
    memcpy(dst, src, n);
}
