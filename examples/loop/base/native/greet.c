#include <stdio.h>

void greet(const char *name) {
    char buf[32];
    snprintf(buf, sizeof buf, "Hello %s", name);
    puts(buf);
}
