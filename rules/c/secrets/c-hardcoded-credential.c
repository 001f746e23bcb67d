#include <stdlib.h>

// ruleid: c-hardcoded-credential
#define DB_PASSWORD "Sup3rS3cret!"
// ok: c-hardcoded-credential
#define PASSWORD_PROMPT "Password: "
// A protocol label spelled in escapes ("master secret"), not key material.
// ok: c-hardcoded-credential
#define MD_MASTER_SECRET_CONST "\x6d\x61\x73\x74\x65\x72\x20\x73\x65\x63\x72\x65\x74"
// ruleid: c-hardcoded-credential
#define BACKUP_SECRET "\x9f\x3a\x71\xe2\x05\x5c\x88\x14"

void connect_db(void) {
    // ruleid: c-hardcoded-credential
    const char *api_key = "sk_live_51Habcdefghij";
    // ok: c-hardcoded-credential
    const char *password = getenv("DB_PASSWORD");
}
