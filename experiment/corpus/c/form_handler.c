/* A CGI program that reads a url-encoded feedback form from stdin and answers with an HTML confirmation page. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_BODY 4096
#define FIELD_LEN 256

struct feedback {
    char name[FIELD_LEN];
    char email[FIELD_LEN];
    char message[FIELD_LEN * 4];
};

static int hex_value(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = tolower(c);
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

static int url_decode(char *dst, size_t cap, const char *src, size_t len)
{
    size_t out = 0;
    for (size_t i = 0; i < len; i++) {
        if (out + 1 >= cap)
            return -1;
        char c = src[i];
        if (c == '+') {
            c = ' ';
        } else if (c == '%') {
            if (i + 2 >= len)
                return -1;
            int hi = hex_value((unsigned char)src[i + 1]);
            int lo = hex_value((unsigned char)src[i + 2]);
            if (hi < 0 || lo < 0)
                return -1;
            c = (char)(hi * 16 + lo);
            i += 2;
        }
        dst[out++] = c;
    }
    dst[out] = '\0';
    return 0;
}

static void html_escape(FILE *out, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '&': fputs("&amp;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&#39;", out); break;
        default: fputc(*s, out);
        }
    }
}

static int parse_form(char *body, struct feedback *fb)
{
    char *save = NULL;
    for (char *pair = strtok_r(body, "&", &save); pair != NULL; pair = strtok_r(NULL, "&", &save)) {
        char *eq = strchr(pair, '=');
        if (eq == NULL)
            continue;
        *eq = '\0';
        const char *value = eq + 1;
        size_t vlen = strlen(value);
        int rc = 0;
        if (strcmp(pair, "name") == 0)
            rc = url_decode(fb->name, sizeof fb->name, value, vlen);
        else if (strcmp(pair, "email") == 0)
            rc = url_decode(fb->email, sizeof fb->email, value, vlen);
        else if (strcmp(pair, "message") == 0)
            rc = url_decode(fb->message, sizeof fb->message, value, vlen);
        if (rc != 0)
            return -1;
    }
    return fb->name[0] != '\0' && fb->message[0] != '\0' ? 0 : -1;
}

int main(void)
{
    const char *len_env = getenv("CONTENT_LENGTH");
    long len = len_env ? strtol(len_env, NULL, 10) : 0;
    if (len <= 0 || len >= MAX_BODY) {
        printf("Status: 413 Payload Too Large\r\nContent-Type: text/plain\r\n\r\nform too large\n");
        return 0;
    }
    static char body[MAX_BODY];
    size_t got = fread(body, 1, (size_t)len, stdin);
    body[got] = '\0';

    struct feedback fb;
    memset(&fb, 0, sizeof fb);
    if (parse_form(body, &fb) != 0) {
        printf("Status: 400 Bad Request\r\nContent-Type: text/plain\r\n\r\ninvalid form\n");
        return 0;
    }

    printf("Content-Type: text/html; charset=utf-8\r\n\r\n");
    printf("<!doctype html><html><body><h1>Thank you, ");
    html_escape(stdout, fb.name);
    printf("!</h1><p>We will reply to <b>");
    html_escape(stdout, fb.email[0] ? fb.email : "(no address given)");
    printf("</b>.</p><blockquote>");
    html_escape(stdout, fb.message);
    printf("</blockquote></body></html>\n");
    return 0;
}
