/* A hexdump tool: prints offset, hex bytes and printable characters of a file, with optional skip and length. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define WIDTH 16

static int parse_count(const char *s, long long *out)
{
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 0);
    if (errno != 0 || end == s || *end != '\0' || v < 0)
        return -1;
    *out = v;
    return 0;
}

static void format_row(char *out, size_t cap, long long offset, const unsigned char *bytes, size_t n)
{
    size_t used = 0;
    int w = snprintf(out, cap, "%08llx  ", offset);
    if (w < 0 || (size_t)w >= cap)
        return;
    used = (size_t)w;
    for (size_t i = 0; i < WIDTH; i++) {
        w = i < n ? snprintf(out + used, cap - used, "%02x ", bytes[i])
                  : snprintf(out + used, cap - used, "   ");
        if (w < 0 || (size_t)w >= cap - used)
            return;
        used += (size_t)w;
        if (i == 7 && used + 1 < cap)
            out[used++] = ' ';
    }
    if (used + n + 4 >= cap)
        return;
    out[used++] = ' ';
    out[used++] = '|';
    for (size_t i = 0; i < n; i++)
        out[used++] = isprint(bytes[i]) ? (char)bytes[i] : '.';
    out[used++] = '|';
    out[used] = '\0';
}

static int dump(FILE *fp, long long skip, long long length)
{
    unsigned char bytes[WIDTH];
    char row[128];
    long long offset = skip;

    if (skip > 0 && fseeko(fp, (off_t)skip, SEEK_SET) != 0)
        return -1;
    for (;;) {
        size_t want = WIDTH;
        if (length >= 0) {
            long long left = length - (offset - skip);
            if (left <= 0)
                break;
            if (left < WIDTH)
                want = (size_t)left;
        }
        size_t n = fread(bytes, 1, want, fp);
        if (n == 0)
            break;
        format_row(row, sizeof row, offset, bytes, n);
        puts(row);
        offset += (long long)n;
    }
    printf("%08llx\n", offset);
    return ferror(fp) ? -1 : 0;
}

int main(int argc, char **argv)
{
    long long skip = 0, length = -1;
    int opt;
    while ((opt = getopt(argc, argv, "s:n:")) != -1) {
        switch (opt) {
        case 's':
            if (parse_count(optarg, &skip) != 0) {
                fprintf(stderr, "bad skip: %s\n", optarg);
                return 2;
            }
            break;
        case 'n':
            if (parse_count(optarg, &length) != 0) {
                fprintf(stderr, "bad length: %s\n", optarg);
                return 2;
            }
            break;
        default:
            fprintf(stderr, "usage: %s [-s SKIP] [-n LENGTH] [FILE]\n", argv[0]);
            return 2;
        }
    }
    FILE *fp = stdin;
    if (optind < argc) {
        fp = fopen(argv[optind], "rb");
        if (!fp) {
            perror(argv[optind]);
            return 1;
        }
    }
    int rc = dump(fp, skip, length);
    if (fp != stdin)
        fclose(fp);
    if (rc != 0) {
        perror("read");
        return 1;
    }
    return 0;
}
