/* Issues and checks API tokens: `issue USER` prints a new token, `check USER TOKEN` verifies it against the token file. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define TOKEN_BYTES 24
#define TOKEN_HEX (TOKEN_BYTES * 2)
#define USER_MAX 32
#define TOKEN_FILE "tokens.db"

static int random_bytes(unsigned char *buf, size_t len)
{
    int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    size_t got = 0;
    while (got < len) {
        ssize_t n = read(fd, buf + got, len - got);
        if (n <= 0) {
            if (n < 0 && errno == EINTR)
                continue;
            close(fd);
            return -1;
        }
        got += (size_t)n;
    }
    close(fd);
    return 0;
}

static void to_hex(const unsigned char *in, size_t len, char *out)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < len; i++) {
        out[2 * i] = digits[in[i] >> 4];
        out[2 * i + 1] = digits[in[i] & 0x0f];
    }
    out[2 * len] = '\0';
}

static int equal_ct(const char *a, const char *b, size_t len)
{
    unsigned char diff = 0;
    for (size_t i = 0; i < len; i++)
        diff |= (unsigned char)(a[i] ^ b[i]);
    return diff == 0;
}

static int valid_user(const char *user)
{
    size_t len = strlen(user);
    if (len == 0 || len > USER_MAX)
        return 0;
    for (const char *p = user; *p; p++) {
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_' || *p == '-'))
            return 0;
    }
    return 1;
}

static int issue(const char *user)
{
    unsigned char raw[TOKEN_BYTES];
    char token[TOKEN_HEX + 1];
    if (random_bytes(raw, sizeof raw) != 0) {
        fprintf(stderr, "no randomness available\n");
        return 1;
    }
    to_hex(raw, sizeof raw, token);

    int fd = open(TOKEN_FILE, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW, 0600);
    if (fd < 0) {
        perror(TOKEN_FILE);
        return 1;
    }
    FILE *fp = fdopen(fd, "a");
    if (fp == NULL) {
        close(fd);
        return 1;
    }
    fprintf(fp, "%s %s\n", user, token);
    fclose(fp);
    printf("%s\n", token);
    return 0;
}

static int check(const char *user, const char *token)
{
    if (strlen(token) != TOKEN_HEX)
        return 1;
    FILE *fp = fopen(TOKEN_FILE, "r");
    if (fp == NULL) {
        perror(TOKEN_FILE);
        return 1;
    }
    char line[USER_MAX + TOKEN_HEX + 8];
    int ok = 0;
    while (fgets(line, sizeof line, fp) != NULL) {
        char *sp = strchr(line, ' ');
        if (sp == NULL)
            continue;
        *sp = '\0';
        char *stored = sp + 1;
        stored[strcspn(stored, "\n")] = '\0';
        if (strcmp(line, user) == 0 && strlen(stored) == TOKEN_HEX && equal_ct(stored, token, TOKEN_HEX))
            ok = 1;
    }
    fclose(fp);
    puts(ok ? "valid" : "invalid");
    return ok ? 0 : 1;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "issue") == 0) {
        if (!valid_user(argv[2])) {
            fprintf(stderr, "bad user name\n");
            return 2;
        }
        return issue(argv[2]);
    }
    if (argc == 4 && strcmp(argv[1], "check") == 0) {
        if (!valid_user(argv[2]))
            return 1;
        return check(argv[2], argv[3]);
    }
    fprintf(stderr, "usage: %s issue USER | check USER TOKEN\n", argv[0]);
    return 2;
}
