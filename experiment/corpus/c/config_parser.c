/* Reads a key = value configuration file into a fixed table and prints the settings it found. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ENTRIES 64
#define KEY_LEN 32
#define VALUE_LEN 128
#define LINE_LEN 512

struct config_entry {
    char key[KEY_LEN];
    char value[VALUE_LEN];
};

struct config {
    struct config_entry entries[MAX_ENTRIES];
    size_t count;
};

static char *trim(char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    char *end = s + strlen(s);
    while (end > s && isspace((unsigned char)end[-1]))
        end--;
    *end = '\0';
    return s;
}

static int copy_field(char *dst, size_t cap, const char *src)
{
    size_t len = strlen(src);
    if (len >= cap)
        return -1;
    memcpy(dst, src, len + 1);
    return 0;
}

static int config_set(struct config *cfg, const char *key, const char *value)
{
    for (size_t i = 0; i < cfg->count; i++) {
        if (strcmp(cfg->entries[i].key, key) == 0)
            return copy_field(cfg->entries[i].value, sizeof cfg->entries[i].value, value);
    }
    if (cfg->count >= MAX_ENTRIES)
        return -1;
    struct config_entry *e = &cfg->entries[cfg->count];
    if (copy_field(e->key, sizeof e->key, key) != 0)
        return -1;
    if (copy_field(e->value, sizeof e->value, value) != 0)
        return -1;
    cfg->count++;
    return 0;
}

const char *config_get(const struct config *cfg, const char *key)
{
    for (size_t i = 0; i < cfg->count; i++) {
        if (strcmp(cfg->entries[i].key, key) == 0)
            return cfg->entries[i].value;
    }
    return NULL;
}

static int parse_config(FILE *fp, struct config *cfg, const char *name)
{
    char line[LINE_LEN];
    unsigned lineno = 0;

    while (fgets(line, sizeof line, fp) != NULL) {
        lineno++;
        if (strchr(line, '\n') == NULL && !feof(fp)) {
            fprintf(stderr, "%s:%u: line too long\n", name, lineno);
            return -1;
        }
        char *p = trim(line);
        if (*p == '\0' || *p == '#' || *p == ';')
            continue;
        char *eq = strchr(p, '=');
        if (eq == NULL) {
            fprintf(stderr, "%s:%u: expected key = value\n", name, lineno);
            return -1;
        }
        *eq = '\0';
        char *key = trim(p);
        char *value = trim(eq + 1);
        if (*key == '\0') {
            fprintf(stderr, "%s:%u: empty key\n", name, lineno);
            return -1;
        }
        if (config_set(cfg, key, value) != 0) {
            fprintf(stderr, "%s:%u: key or value too long, or too many entries\n", name, lineno);
            return -1;
        }
    }
    if (ferror(fp)) {
        fprintf(stderr, "%s: %s\n", name, strerror(errno));
        return -1;
    }
    return 0;
}

static long config_get_long(const struct config *cfg, const char *key, long fallback)
{
    const char *v = config_get(cfg, key);
    if (v == NULL)
        return fallback;
    char *end;
    errno = 0;
    long n = strtol(v, &end, 10);
    if (errno != 0 || end == v || *end != '\0')
        return fallback;
    return n;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s FILE\n", argv[0]);
        return 2;
    }
    FILE *fp = fopen(argv[1], "r");
    if (fp == NULL) {
        perror(argv[1]);
        return 1;
    }
    static struct config cfg;
    int rc = parse_config(fp, &cfg, argv[1]);
    fclose(fp);
    if (rc != 0)
        return 1;

    for (size_t i = 0; i < cfg.count; i++)
        printf("%-*s = %s\n", KEY_LEN, cfg.entries[i].key, cfg.entries[i].value);
    printf("port: %ld\n", config_get_long(&cfg, "port", 8080));
    return 0;
}
