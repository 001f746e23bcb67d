#include <stdio.h>
#include <stdlib.h>

void archive(const char *file) {
    char cmd[256];
    snprintf(cmd, sizeof cmd, "tar czf /tmp/backup.tgz %s", file);
    // ruleid: c-cmdi-system-call
    system(cmd);
    // ruleid: c-cmdi-system-call
    FILE *p = popen(file, "r");
    // ok: c-cmdi-system-call
    system("uptime");
    pclose(p);
}
