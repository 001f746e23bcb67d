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
