#include <stdlib.h>

// ruleid: c-hardcoded-credential
#define DB_PASSWORD "Sup3rS3cret!"
// ok: c-hardcoded-credential
#define PASSWORD_PROMPT "Password: "

void connect_db(void) {
    // ruleid: c-hardcoded-credential
    const char *api_key = "sk_live_51Habcdefghij";
    // ok: c-hardcoded-credential
    const char *password = getenv("DB_PASSWORD");
}
