#include <stdio.h>
#include <stdlib.h>

void export_rows(void) {
    char name[L_tmpnam];
    // ruleid: c-insecure-temp-file
    tmpnam(name);
    char pattern[] = "/tmp/export-XXXXXX";
    // ok: c-insecure-temp-file
    int fd = mkstemp(pattern);
}
