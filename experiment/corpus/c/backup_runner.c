/* Archives a directory into a timestamped .tar.gz under a backup directory by running tar directly, without a shell. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int is_directory(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int archive_name(char *out, size_t cap, const char *backup_dir, const char *label)
{
    char stamp[32];
    time_t now = time(NULL);
    struct tm tm;
    if (localtime_r(&now, &tm) == NULL || strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm) == 0)
        return -1;
    int n = snprintf(out, cap, "%s/%s-%s.tar.gz", backup_dir, label, stamp);
    return (n < 0 || (size_t)n >= cap) ? -1 : 0;
}

static int valid_label(const char *label)
{
    if (*label == '\0' || strlen(label) > 64)
        return 0;
    for (const char *p = label; *p; p++) {
        if (!(('a' <= *p && *p <= 'z') || ('A' <= *p && *p <= 'Z') || ('0' <= *p && *p <= '9') || *p == '-' || *p == '_'))
            return 0;
    }
    return 1;
}

static int run_tar(const char *archive, const char *source)
{
    pid_t pid = fork();
    if (pid < 0) {
        perror("fork");
        return -1;
    }
    if (pid == 0) {
        char *const args[] = {"tar", "-czf", (char *)archive, "-C", (char *)source, "--", ".", NULL};
        execvp("tar", args);
        perror("tar");
        _exit(127);
    }
    int status;
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) {
            perror("waitpid");
            return -1;
        }
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "tar failed (status %d)\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
        return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: %s SOURCE_DIR BACKUP_DIR LABEL\n", argv[0]);
        return 2;
    }
    const char *source = argv[1];
    const char *backup_dir = argv[2];
    const char *label = argv[3];

    if (!is_directory(source)) {
        fprintf(stderr, "%s: not a directory\n", source);
        return 2;
    }
    if (!valid_label(label)) {
        fprintf(stderr, "label may hold only letters, digits, '-' and '_'\n");
        return 2;
    }
    if (!is_directory(backup_dir) && mkdir(backup_dir, 0700) != 0) {
        perror(backup_dir);
        return 1;
    }

    char archive[PATH_MAX];
    if (archive_name(archive, sizeof archive, backup_dir, label) != 0) {
        fprintf(stderr, "backup path too long\n");
        return 1;
    }
    umask(077);
    if (run_tar(archive, source) != 0) {
        unlink(archive);
        return 1;
    }
    printf("%s\n", archive);
    return 0;
}
