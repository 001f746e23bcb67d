#include <stdio.h>
#include <string.h>

void greet(const char *name) {
    char buf[32];
    strcpy(buf, name);
    printf(buf);
    /* The safe look-alikes: bounded copy, literal format. */
    snprintf(buf, sizeof buf, "%s", name);
    printf("%s\n", buf);
}

int classify(int age, int member, int banned) {
    if (banned) {
        return -1;
    } else if (age < 18) {
        if (member && age > 12) {
            return 1;
        }
        return 0;
    }
    for (int i = 0; i < age; i++) {
        if (i % 10 == 0 || i == member) {
            continue;
        }
    }
    return 2;
}
