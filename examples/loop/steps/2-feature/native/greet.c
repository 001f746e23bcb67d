#include <stdio.h>
#include <string.h>

void greet(const char *name, const char *title) {
    char buf[32];
    strcpy(buf, title);
    strcat(buf, name);
    puts(buf);
}
