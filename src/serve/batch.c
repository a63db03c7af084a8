/* batch.c - the JSON Lines stream of POST /v1/batch: one output line per
 * non-blank input line, in input order, made only when the server asks for
 * the next one, so the output is never held whole.  Each line is the
 * record's document JSON (as `summarize --json` writes it) or, for a broken
 * record, an error object with the line number. */
#include <stdlib.h>
#include <string.h>

#include "serve/serve.h"

struct ng_serve_batch {
    char *input; /* owned copy of the request body */
    size_t len, pos;
    size_t line_no;
    size_t max_line;
    ng_summary_options sum;
    char *out; /* the current output line, malloc'd */
};

ng_serve_batch *ng_serve_batch_new(const ng_summary_options *sum, size_t max_line,
                                   const char *body, size_t len)
{
    ng_serve_batch *b = calloc(1, sizeof *b);
    if (!b) return NULL;
    b->input = malloc(len ? len : 1);
    if (!b->input) {
        free(b);
        return NULL;
    }
    if (len) memcpy(b->input, body, len);
    b->len = len;
    b->max_line = max_line;
    b->sum = *sum;
    ng_serve_resolve(&b->sum);
    return b;
}

void ng_serve_batch_free(ng_serve_batch *b)
{
    if (!b) return;
    free(b->out);
    free(b->input);
    free(b);
}

/* The next input line without its newline and trailing blanks; 0 at the end. */
static int next_input(ng_serve_batch *b, const char **s, size_t *len)
{
    if (b->pos >= b->len) return 0;
    const char *p = b->input + b->pos;
    const char *nl = memchr(p, '\n', b->len - b->pos);
    size_t n = nl ? (size_t)(nl - p) : b->len - b->pos;
    b->pos += n + (nl ? 1 : 0);
    b->line_no++;
    while (n && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\r')) n--;
    *s = p;
    *len = n;
    return 1;
}

/* Summarizes one record into *out (malloc'd JSON). */
static ng_status one_record(const ng_serve_batch *b, const char *s, size_t len, char **out,
                            size_t *outlen, ng_error *err)
{
    ng_read_options ro = {NG_FORMAT_JSON, b->max_line};
    ng_doc *doc = NULL;
    ng_status st = ng_doc_read(s, len, &ro, &doc, err);
    if (st == NG_OK) st = ng_summarize(doc, &b->sum, err);
    if (st == NG_OK) st = ng_doc_to_json(doc, out, outlen, err);
    ng_doc_free(doc);
    return st;
}

/* Adds the newline to a malloc'd line; frees it and returns NULL on failure. */
static char *with_newline(char *s, size_t *len)
{
    char *p = realloc(s, *len + 2);
    if (!p) {
        free(s);
        return NULL;
    }
    p[(*len)++] = '\n';
    p[*len] = '\0';
    return p;
}

/* The error record for a broken line, with the line's "id" when the line
 * parses far enough to read it (a record the reader refused, such as one
 * without an article). */
static char *error_line(const ng_error *e, const char *s, size_t n, size_t *len)
{
    char *out = NULL;
    char id[NG_RECORD_ID_MAX];
    int has_id = ng_json_record_id(s, n, id, sizeof id);
    if (ng_error_to_json(has_id ? id : NULL, e, &out, len) != NG_OK) return NULL;
    return with_newline(out, len);
}

int ng_serve_batch_next(ng_serve_batch *b, const char **line, size_t *len)
{
    static const char nomem[] = "{\"id\":null,\"error\":{\"status\":\"nomem\",\"message\":\"out of memory\"}}\n";
    const char *s;
    size_t n;
    free(b->out);
    b->out = NULL;
    do {
        if (!next_input(b, &s, &n)) return 0;
    } while (n == 0);
    ng_error err = {NG_OK, 0, ""};
    size_t outlen = 0;
    char *out = NULL;
    if (one_record(b, s, n, &out, &outlen, &err) == NG_OK) {
        out = with_newline(out, &outlen);
    } else {
        err.line = b->line_no;
        out = error_line(&err, s, n, &outlen);
    }
    b->out = out;
    *line = out ? out : nomem;
    *len = out ? outlen : sizeof nomem - 1;
    return 1;
}
