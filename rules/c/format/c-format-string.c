#include <stdio.h>
#include <syslog.h>

#define GREETING "Hello %s\n"

void log_message(const char *msg, const char *user) {
    char buf[128];
    const char *fmt = "user=%s\n";
    // ruleid: c-format-string
    printf(msg);
    // ruleid: c-format-string
    fprintf(stderr, msg);
    // ruleid: c-format-string
    syslog(LOG_INFO, user);
    // ruleid: c-format-string
    snprintf(buf, sizeof buf, msg);
    // ok: c-format-string
    printf("%s", msg);
    // ok: c-format-string
    fprintf(stderr, "user=%s\n", user);
    // ok: c-format-string
    printf(fmt, user);
    // ok: c-format-string
    printf(GREETING, user);
}
