#include <stdio.h>
#include <stdarg.h>
#include <stdlib.h>
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

/* printf-style wrappers pass on their own format parameter: their callers choose the format. */
void log_msg(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    // ok: c-format-string
    vfprintf(stderr, fmt, ap);
    va_end(ap);
}

void vlog_msg(int level, const char *fmt, va_list ap) {
    char line[256];
    // ok: c-format-string
    vsnprintf(line, sizeof line, fmt, ap);
    // ok: c-format-string
    syslog(level, fmt);
}

void die(const char *fmt, ...) {
    // ok: c-format-string
    printf(fmt);
    exit(1);
}

/* A variadic function whose format is not its own parameter, or a parameter of a function that takes no
   variable arguments, is still reported. */
void log_user(const char *prefix, const char *user, ...) {
    char banner[64];
    snprintf(banner, sizeof banner, "%s", user);
    // ruleid: c-format-string
    printf(banner);
    // ruleid: c-format-string
    fprintf(stderr, current_user_name());
}

void show(const char *text) {
    // ruleid: c-format-string
    fputs("> ", stdout), printf(text);
}
