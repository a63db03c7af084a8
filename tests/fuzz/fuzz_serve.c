/* fuzz_serve.c - libFuzzer target for the service's request handling
 * without sockets: ng_serve_handle() with a fuzzed method, path (query
 * included), Content-Type and body.  The input is "METHOD\nPATH\nTYPE\n"
 * followed by the body; each part is copied into a buffer of its exact size
 * so that reading past it is caught.  Checks: a known HTTP status, an output
 * of the stated length, and JSON answers that parse. */
#include <cJSON.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "serve/serve.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Copies the next '\n'-ended part into a malloc'd C string. */
static char *take_line(const uint8_t **p, const uint8_t *end)
{
    const uint8_t *nl = memchr(*p, '\n', (size_t)(end - *p));
    size_t n = nl ? (size_t)(nl - *p) : (size_t)(end - *p);
    char *s = malloc(n + 1);
    if (!s) abort();
    memcpy(s, *p, n);
    s[n] = '\0';
    *p += n + (nl ? 1 : 0);
    return s;
}

static int known_status(int st)
{
    static const int ok[] = {200, 400, 404, 405, 413, 415, 500};
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
        if (st == ok[i]) return 1;
    return 0;
}

static void check_json(const char *path, const char *out, size_t len, int status)
{
    int page = status == 200 && (!strncmp(path, "/index.html", 11) || !strcmp(path, "/") ||
                                 !strncmp(path, "/?", 2));
    int batch = status == 200 && !strncmp(path, "/v1/batch", 9);
    if (page || batch || len == 0) return;
    cJSON *j = cJSON_ParseWithLength(out, len);
    if (!j) abort(); /* every other answer is one JSON object */
    cJSON_Delete(j);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *p = data, *end = data + size;
    char *method = take_line(&p, end);
    char *path = take_line(&p, end);
    char *type = take_line(&p, end);
    size_t blen = (size_t)(end - p);
    char *body = malloc(blen ? blen : 1);
    if (!body) abort();
    if (blen) memcpy(body, p, blen);
    ng_serve_config cfg;
    ng_serve_config_init(&cfg);
    cfg.max_body = 64 * 1024;
    int status = 0;
    char *out = NULL;
    size_t outlen = 0;
    int rc = ng_serve_handle(&cfg, method, path, *type ? type : NULL, body, blen, &status, &out, &outlen);
    if (rc != status || !known_status(status) || !out || strlen(out) != outlen) abort();
    check_json(path, out, outlen, status);
    free(out);
    free(body);
    free(type);
    free(path);
    free(method);
    return 0;
}
