/* Copies a file to a new destination without following symlinks or overwriting an existing file. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CHUNK 65536

static int write_all(int fd, const char *buf, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, buf, len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        buf += n;
        len -= (size_t)n;
    }
    return 0;
}

static int copy_fd(int in, int out)
{
    static char buf[CHUNK];
    for (;;) {
        ssize_t n = read(in, buf, sizeof buf);
        if (n == 0)
            return 0;
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        if (write_all(out, buf, (size_t)n) != 0)
            return -1;
    }
}

static int copy_file(const char *src, const char *dst, int keep_mode)
{
    int in = open(src, O_RDONLY | O_NOFOLLOW);
    if (in < 0) {
        fprintf(stderr, "%s: %s\n", src, strerror(errno));
        return -1;
    }
    struct stat st;
    if (fstat(in, &st) != 0 || !S_ISREG(st.st_mode)) {
        fprintf(stderr, "%s: not a regular file\n", src);
        close(in);
        return -1;
    }
    mode_t mode = keep_mode ? (st.st_mode & 0777) : 0600;
    int out = open(dst, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, mode);
    if (out < 0) {
        fprintf(stderr, "%s: %s\n", dst, strerror(errno));
        close(in);
        return -1;
    }
    int rc = copy_fd(in, out);
    if (rc == 0 && fsync(out) != 0)
        rc = -1;
    if (close(out) != 0)
        rc = -1;
    close(in);
    if (rc != 0) {
        fprintf(stderr, "%s: copy failed: %s\n", dst, strerror(errno));
        unlink(dst);
    }
    return rc;
}

static void usage(const char *prog)
{
    fprintf(stderr, "usage: %s [-p] SOURCE DEST\n  -p  keep the source file's permission bits\n", prog);
}

int main(int argc, char **argv)
{
    int keep_mode = 0;
    int opt;
    while ((opt = getopt(argc, argv, "p")) != -1) {
        switch (opt) {
        case 'p':
            keep_mode = 1;
            break;
        default:
            usage(argv[0]);
            return 2;
        }
    }
    if (argc - optind != 2) {
        usage(argv[0]);
        return 2;
    }
    const char *src = argv[optind];
    const char *dst = argv[optind + 1];
    if (strcmp(src, dst) == 0) {
        fprintf(stderr, "source and destination are the same\n");
        return 2;
    }
    return copy_file(src, dst, keep_mode) == 0 ? 0 : 1;
}
