#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void report(char *name) {
    char *copy = strdup(name);
    // ruleid: c-use-after-free
    free(copy);
    printf("%s\n", copy);
}

void reuse(char *name) {
    char *copy = strdup(name);
    puts(copy);
    // ok: c-use-after-free
    free(copy);
    copy = strdup("fresh");
    puts(copy);
    free(copy);
}

void cleanup(char *name) {
    char *copy = strdup(name);
    puts(copy);
    // ok: c-use-after-free
    free(copy);
    copy = NULL;
}
