/* A fixed-capacity LRU cache of string keys and values, exercised by reading "get KEY" / "put KEY VALUE" commands from stdin. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KEY_MAX 64
#define BUCKETS 257

struct node {
    char key[KEY_MAX];
    char *value;
    size_t value_len;
    struct node *prev, *next;
    struct node *chain;
};

struct lru {
    struct node *buckets[BUCKETS];
    struct node *head, *tail;
    size_t count, capacity;
};

static unsigned hash_key(const char *s)
{
    uint32_t h = 2166136261u;
    while (*s) {
        h ^= (unsigned char)*s++;
        h *= 16777619u;
    }
    return h % BUCKETS;
}

static void unlink_node(struct lru *c, struct node *n)
{
    if (n->prev) n->prev->next = n->next; else c->head = n->next;
    if (n->next) n->next->prev = n->prev; else c->tail = n->prev;
    n->prev = n->next = NULL;
}

static void push_front(struct lru *c, struct node *n)
{
    n->next = c->head;
    n->prev = NULL;
    if (c->head) c->head->prev = n;
    c->head = n;
    if (!c->tail) c->tail = n;
}

static struct node *find(struct lru *c, const char *key)
{
    for (struct node *n = c->buckets[hash_key(key)]; n; n = n->chain)
        if (strcmp(n->key, key) == 0)
            return n;
    return NULL;
}

static void evict(struct lru *c)
{
    struct node *victim = c->tail;
    if (!victim)
        return;
    unlink_node(c, victim);
    struct node **pp = &c->buckets[hash_key(victim->key)];
    while (*pp != victim)
        pp = &(*pp)->chain;
    *pp = victim->chain;
    free(victim->value);
    free(victim);
    c->count--;
}

int lru_put(struct lru *c, const char *key, const char *value)
{
    size_t klen = strlen(key);
    if (klen == 0 || klen >= KEY_MAX)
        return -1;
    size_t vlen = strlen(value);
    char *copy = strdup(value);
    if (!copy)
        return -1;
    struct node *n = find(c, key);
    if (n) {
        free(n->value);
        n->value = copy;
        n->value_len = vlen;
        unlink_node(c, n);
        push_front(c, n);
        return 0;
    }
    if (c->count >= c->capacity)
        evict(c);
    n = calloc(1, sizeof *n);
    if (!n) {
        free(copy);
        return -1;
    }
    memcpy(n->key, key, klen + 1);
    n->value = copy;
    n->value_len = vlen;
    unsigned b = hash_key(key);
    n->chain = c->buckets[b];
    c->buckets[b] = n;
    push_front(c, n);
    c->count++;
    return 0;
}

const char *lru_get(struct lru *c, const char *key)
{
    struct node *n = find(c, key);
    if (!n)
        return NULL;
    unlink_node(c, n);
    push_front(c, n);
    return n->value;
}

int main(int argc, char **argv)
{
    struct lru cache = {0};
    cache.capacity = argc > 1 ? strtoul(argv[1], NULL, 10) : 128;
    if (cache.capacity == 0 || cache.capacity > 100000) {
        fprintf(stderr, "capacity must be between 1 and 100000\n");
        return 2;
    }
    char line[1024];
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\n")] = '\0';
        char *save = NULL;
        char *cmd = strtok_r(line, " ", &save);
        char *key = strtok_r(NULL, " ", &save);
        if (!cmd || !key)
            continue;
        if (strcmp(cmd, "put") == 0) {
            char *value = strtok_r(NULL, "", &save);
            if (lru_put(&cache, key, value ? value : "") != 0)
                fprintf(stderr, "put %s: rejected\n", key);
        } else if (strcmp(cmd, "get") == 0) {
            const char *v = lru_get(&cache, key);
            printf("%s\n", v ? v : "(miss)");
        }
    }
    while (cache.count)
        evict(&cache);
    return 0;
}
