/* Parses a raw HTTP/1.1 request read from stdin into method, path, version and headers, and prints them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_REQUEST 8192
#define MAX_HEADERS 32
#define METHOD_LEN 8
#define PATH_LEN 1024
#define NAME_LEN 64
#define VALUE_LEN 512

struct header {
    char name[NAME_LEN];
    char value[VALUE_LEN];
};

struct request {
    char method[METHOD_LEN];
    char path[PATH_LEN];
    int version_minor;
    struct header headers[MAX_HEADERS];
    size_t header_count;
    long content_length;
};

static int copy_span(char *dst, size_t cap, const char *start, size_t len)
{
    if (len >= cap)
        return -1;
    memcpy(dst, start, len);
    dst[len] = '\0';
    return 0;
}

static const char *next_line(const char *p, const char *end, size_t *len)
{
    const char *cr = p;
    while (cr + 1 < end && !(cr[0] == '\r' && cr[1] == '\n'))
        cr++;
    if (cr + 1 >= end)
        return NULL;
    *len = (size_t)(cr - p);
    return cr + 2;
}

static int parse_request_line(struct request *req, const char *line, size_t len)
{
    const char *end = line + len;
    const char *sp1 = memchr(line, ' ', len);
    if (sp1 == NULL)
        return -1;
    const char *sp2 = memchr(sp1 + 1, ' ', (size_t)(end - sp1 - 1));
    if (sp2 == NULL)
        return -1;
    if (copy_span(req->method, sizeof req->method, line, (size_t)(sp1 - line)) != 0)
        return -1;
    if (copy_span(req->path, sizeof req->path, sp1 + 1, (size_t)(sp2 - sp1 - 1)) != 0)
        return -1;
    if (req->path[0] != '/')
        return -1;
    size_t vlen = (size_t)(end - sp2 - 1);
    if (vlen != 8 || strncmp(sp2 + 1, "HTTP/1.", 7) != 0)
        return -1;
    char minor = sp2[8];
    if (minor != '0' && minor != '1')
        return -1;
    req->version_minor = minor - '0';
    return 0;
}

static int parse_header(struct request *req, const char *line, size_t len)
{
    if (req->header_count >= MAX_HEADERS)
        return -1;
    const char *colon = memchr(line, ':', len);
    if (colon == NULL || colon == line)
        return -1;
    struct header *h = &req->headers[req->header_count];
    if (copy_span(h->name, sizeof h->name, line, (size_t)(colon - line)) != 0)
        return -1;
    const char *v = colon + 1;
    const char *end = line + len;
    while (v < end && (*v == ' ' || *v == '\t'))
        v++;
    if (copy_span(h->value, sizeof h->value, v, (size_t)(end - v)) != 0)
        return -1;
    if (strcasecmp(h->name, "Content-Length") == 0) {
        char *stop;
        long n = strtol(h->value, &stop, 10);
        if (*stop != '\0' || n < 0 || n > MAX_REQUEST)
            return -1;
        req->content_length = n;
    }
    req->header_count++;
    return 0;
}

int parse_request(struct request *req, const char *buf, size_t n)
{
    const char *p = buf;
    const char *end = buf + n;
    size_t len;
    const char *next;

    memset(req, 0, sizeof *req);
    if ((next = next_line(p, end, &len)) == NULL)
        return -1;
    if (parse_request_line(req, p, len) != 0)
        return -1;
    for (p = next; (next = next_line(p, end, &len)) != NULL; p = next) {
        if (len == 0)
            return (int)(next - buf);
        if (parse_header(req, p, len) != 0)
            return -1;
    }
    return -1;
}

int main(void)
{
    static char buf[MAX_REQUEST];
    size_t n = fread(buf, 1, sizeof buf, stdin);
    struct request req;

    int body = parse_request(&req, buf, n);
    if (body < 0) {
        fputs("400 Bad Request\n", stderr);
        return 1;
    }
    printf("method=%s path=%s version=1.%d\n", req.method, req.path, req.version_minor);
    for (size_t i = 0; i < req.header_count; i++)
        printf("  %s: %s\n", req.headers[i].name, req.headers[i].value);
    printf("body offset %d, content length %ld\n", body, req.content_length);
    return 0;
}
