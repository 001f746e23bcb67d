#include <stdlib.h>
#include <sys/random.h>

void issue(unsigned char key[16]) {
    // ruleid: c-insecure-random-secret
    long session_id = random();
    for (int i = 0; i < 16; i++) {
        // ruleid: c-insecure-random-secret
        key[i] = rand() % 256;
    }
    // ok: c-insecure-random-secret
    int jitter = rand() % 100;
    unsigned char nonce[12];
    // ok: c-insecure-random-secret
    getrandom(nonce, sizeof nonce, 0);
}
