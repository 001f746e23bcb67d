static int histogram[16];
static const char *names[4] = { "a", "b", "c", "d" };

void count(int bucket) {
    // ruleid: c-unchecked-index-parameter
    histogram[bucket]++;
}

const char *name_of(unsigned id) {
    // ruleid: c-unchecked-index-parameter
    return names[id];
}

const char *name_checked(unsigned id) {
    if (id >= sizeof names / sizeof names[0]) return "?";
    // ok: c-unchecked-index-parameter
    return names[id];
}

int total(int n) {
    int sum = 0;
    for (int i = 0; i < n && i < 16; i++)
        // ok: c-unchecked-index-parameter
        sum += histogram[i];
    return sum;
}
