/* Rotates a log file inside a log directory: app.log becomes app.log.1, older copies shift up, the oldest is removed. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define DEFAULT_KEEP 5
#define MAX_KEEP 99

static int valid_log_name(const char *name)
{
    size_t len = strlen(name);
    if (len == 0 || len > NAME_MAX - 4)
        return 0;
    if (name[0] == '.')
        return 0;
    for (const char *p = name; *p; p++) {
        if (*p == '/')
            return 0;
    }
    return 1;
}

static int numbered_path(char *out, size_t cap, const char *dir, const char *name, int n)
{
    int w = n == 0 ? snprintf(out, cap, "%s/%s", dir, name)
                   : snprintf(out, cap, "%s/%s.%d", dir, name, n);
    return (w < 0 || (size_t)w >= cap) ? -1 : 0;
}

static int rotate(const char *dir, const char *name, int keep)
{
    char from[PATH_MAX], to[PATH_MAX];

    if (numbered_path(to, sizeof to, dir, name, keep) != 0)
        return -1;
    if (unlink(to) != 0 && errno != ENOENT) {
        perror(to);
        return -1;
    }
    for (int i = keep - 1; i >= 0; i--) {
        if (numbered_path(from, sizeof from, dir, name, i) != 0 ||
            numbered_path(to, sizeof to, dir, name, i + 1) != 0)
            return -1;
        if (rename(from, to) != 0 && errno != ENOENT) {
            perror(from);
            return -1;
        }
    }

    if (numbered_path(to, sizeof to, dir, name, 0) != 0)
        return -1;
    int fd = open(to, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0640);
    if (fd < 0) {
        perror(to);
        return -1;
    }
    close(fd);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 3 || argc > 4) {
        fprintf(stderr, "usage: %s LOGDIR NAME [KEEP]\n", argv[0]);
        return 2;
    }
    const char *dir = argv[1];
    const char *name = argv[2];
    int keep = DEFAULT_KEEP;
    if (argc == 4) {
        char *end;
        long k = strtol(argv[3], &end, 10);
        if (*end != '\0' || k < 1 || k > MAX_KEEP) {
            fprintf(stderr, "KEEP must be between 1 and %d\n", MAX_KEEP);
            return 2;
        }
        keep = (int)k;
    }
    if (!valid_log_name(name)) {
        fprintf(stderr, "%s: not a plain file name\n", name);
        return 2;
    }
    struct stat st;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        fprintf(stderr, "%s: not a directory\n", dir);
        return 1;
    }
    if (rotate(dir, name, keep) != 0)
        return 1;
    printf("rotated %s/%s, keeping %d\n", dir, name, keep);
    return 0;
}
