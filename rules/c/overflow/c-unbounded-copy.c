#include <stdio.h>
#include <string.h>

void greet(const char *name, int age) {
    char buf[32];
    char line[64];
    // ruleid: c-unbounded-copy
    gets(line);
    // ruleid: c-unbounded-copy
    strcpy(buf, name);
    // ruleid: c-unbounded-copy
    strcat(buf, name);
    // ruleid: c-unbounded-copy
    sprintf(buf, "Hello %s", name);
    // ruleid: c-unbounded-copy
    scanf("%s", line);
    // ok: c-unbounded-copy
    snprintf(buf, sizeof buf, "Hello %s", name);
    // ok: c-unbounded-copy
    strcpy(buf, "guest");
    // ok: c-unbounded-copy
    fgets(line, sizeof line, stdin);
    // ok: c-unbounded-copy
    sprintf(buf, "%d", 42);
    // ok: c-unbounded-copy
    scanf("%31s", line);
}

/* A destination provably large enough for its source is fine; one provably too small is c-string-copy-overflow's. */
void sized(const char *name) {
    char small[16];
    char copy[64];
    char *out = copy;
    // ok: c-unbounded-copy
    strcpy(copy, small);
    // ok: c-unbounded-copy
    strcpy(out, small);
    // ruleid: c-unbounded-copy
    strcpy(small, copy);
    copy[0] = '\0';
    // ok: c-unbounded-copy
    strcat(copy, small);
    // ruleid: c-unbounded-copy
    strcat(copy, name);
}

#define LABEL_MAX 24

struct entry {
    int hits;
    char label[LABEL_MAX];
};

/* The source's length compared with the destination's size before the copy. */
int set_label(struct entry *e, const char *label, const char *title) {
    char heading[40];
    size_t len = strlen(label);
    if (len >= LABEL_MAX) {
        return -1;
    }
    // ok: c-unbounded-copy
    strcpy(e->label, label);
    if (strlen(title) + 1 > sizeof heading) {
        return -1;
    }
    // ok: c-unbounded-copy
    strcpy(heading, title);
    if (strlen(title) > LABEL_MAX) {
        return -1;
    }
    // ruleid: c-unbounded-copy
    strcpy(e->label, title);
    return 0;
}
