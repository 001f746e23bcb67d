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
