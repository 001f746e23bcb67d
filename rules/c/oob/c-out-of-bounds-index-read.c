#define DAYS 7

static const char *day_names[DAYS] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };

int sum(void) {
    int values[DAYS];
    int total = 0;
    for (int i = 0; i <= DAYS; i++) {
        // ruleid: c-out-of-bounds-index-read
        total += values[i];
    }
    // ruleid: c-out-of-bounds-index-read
    return total + values[DAYS];
}

const char *last_day(void) {
    char *end;
    int values[DAYS];
    // ok: c-out-of-bounds-index-read
    end = (char *)&values[DAYS];
    // ok: c-out-of-bounds-index-read
    return day_names[DAYS - 1];
}

/* Reading through a pointer to a smaller buffer, or one set before its buffer's start. */
int through_pointer(void) {
    char small[50];
    char *data = small;
    char *low = small - 8;
    int sum = 0;
    for (int i = 0; i < 100; i++) {
        // ruleid: c-out-of-bounds-index-read
        sum += data[i];
    }
    for (int i = 0; i < 50; i++) {
        // ruleid: c-out-of-bounds-index-read
        sum += low[i];
    }
    for (int i = 8; i < 58; i++) {
        // ok: c-out-of-bounds-index-read
        sum += low[i];
    }
    return sum;
}
