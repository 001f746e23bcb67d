/* A single-threaded HTTP server that serves files from a document root given on the command line. */
#define _XOPEN_SOURCE 700
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#define REQ_MAX 4096

static char doc_root[PATH_MAX];

static void send_status(int fd, int code, const char *reason)
{
    char head[256];
    int n = snprintf(head, sizeof head,
                     "HTTP/1.0 %d %s\r\nContent-Type: text/plain\r\nContent-Length: %zu\r\n\r\n%s\n",
                     code, reason, strlen(reason) + 1, reason);
    if (n > 0 && (size_t)n < sizeof head)
        (void)write(fd, head, (size_t)n);
}

static int resolve_under_root(const char *url_path, char *out)
{
    char joined[PATH_MAX];
    if (strstr(url_path, "..") != NULL)
        return -1;
    int n = snprintf(joined, sizeof joined, "%s/%s", doc_root, url_path);
    if (n < 0 || (size_t)n >= sizeof joined)
        return -1;
    if (realpath(joined, out) == NULL)
        return -1;
    size_t root_len = strlen(doc_root);
    if (strncmp(out, doc_root, root_len) != 0 || (out[root_len] != '/' && out[root_len] != '\0'))
        return -1;
    return 0;
}

static void serve_file(int client, const char *path)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        send_status(client, 404, "Not Found");
        return;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        send_status(client, 404, "Not Found");
        return;
    }
    char head[128];
    int n = snprintf(head, sizeof head, "HTTP/1.0 200 OK\r\nContent-Length: %lld\r\n\r\n", (long long)st.st_size);
    if (n > 0 && (size_t)n < sizeof head)
        (void)write(client, head, (size_t)n);
    char chunk[8192];
    ssize_t got;
    while ((got = read(fd, chunk, sizeof chunk)) > 0) {
        if (write(client, chunk, (size_t)got) != got)
            break;
    }
    close(fd);
}

static void handle_client(int client)
{
    char req[REQ_MAX];
    ssize_t got = recv(client, req, sizeof req - 1, 0);
    if (got <= 0 || (size_t)got >= sizeof req)
        return;
    req[got] = '\0';

    char method[8], target[1024];
    if (sscanf(req, "%7s %1023s", method, target) != 2) {
        send_status(client, 400, "Bad Request");
        return;
    }
    if (strcmp(method, "GET") != 0) {
        send_status(client, 405, "Method Not Allowed");
        return;
    }
    char *query = strchr(target, '?');
    if (query != NULL)
        *query = '\0';
    const char *rel = target[1] == '\0' ? "index.html" : target + 1;

    char resolved[PATH_MAX];
    if (resolve_under_root(rel, resolved) != 0) {
        send_status(client, 404, "Not Found");
        return;
    }
    serve_file(client, resolved);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s DOCROOT PORT\n", argv[0]);
        return 2;
    }
    if (realpath(argv[1], doc_root) == NULL) {
        perror(argv[1]);
        return 1;
    }
    int port = atoi(argv[2]);
    if (port <= 0 || port > 65535) {
        fprintf(stderr, "bad port\n");
        return 2;
    }

    int srv = socket(AF_INET, SOCK_STREAM, 0);
    if (srv < 0) {
        perror("socket");
        return 1;
    }
    int one = 1;
    setsockopt(srv, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons((unsigned short)port);
    if (bind(srv, (struct sockaddr *)&addr, sizeof addr) != 0 || listen(srv, 16) != 0) {
        perror("bind");
        return 1;
    }
    for (;;) {
        int client = accept(srv, NULL, NULL);
        if (client < 0) {
            if (errno == EINTR)
                continue;
            perror("accept");
            break;
        }
        handle_client(client);
        close(client);
    }
    close(srv);
    return 0;
}
