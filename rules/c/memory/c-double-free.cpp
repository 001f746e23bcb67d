#include <cstdlib>

void release(char *buffer, bool failed) {
    // ruleid: c-double-free
    free(buffer);
    if (failed) {
        return;
    }
    free(buffer);
}

void releaseTwice(int *values) {
    // ruleid: c-double-free
    delete[] values;
    delete[] values;
}

void releaseOnce(char *buffer) {
    // ok: c-double-free
    free(buffer);
    buffer = nullptr;
    free(buffer);
}
