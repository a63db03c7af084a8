/* common.c - what the subcommands share: exit statuses for library
 * statuses, bounded file reading, one-line error reports. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"

int ng_exit_for(ng_status status)
{
    switch (status) {
    case NG_OK: return NG_EXIT_OK;
    case NG_E_ARG: return NG_EXIT_USAGE;
    case NG_E_NOMEM: return NG_EXIT_INTERNAL;
    case NG_E_MODEL: return NG_EXIT_MODEL;
    case NG_E_NETWORK: return NG_EXIT_NETWORK;
    default: return NG_EXIT_INPUT;
    }
}

static ng_status set_err(ng_error *err, ng_status st, const char *msg)
{
    if (err) {
        err->status = st;
        err->line = 0;
        snprintf(err->message, sizeof err->message, "%s", msg);
    }
    return st;
}

char *ng_read_file(const char *path, size_t limit, size_t *len, ng_error *err)
{
    FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    if (!f) {
        set_err(err, NG_E_IO, strerror(errno));
        return NULL;
    }
    size_t cap = 65536, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        if (n == cap) {
            if (cap > limit) { /* over the limit: stop reading, name the real size */
                struct stat st;
                int whole = fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size > limit;
                if (f != stdin) fclose(f);
                free(buf);
                if (err) {
                    err->status = NG_E_TOO_BIG;
                    err->line = 0;
                    if (whole)
                        snprintf(err->message, sizeof err->message, "input is %lld bytes, over the limit of %zu",
                                 (long long)st.st_size, limit);
                    else
                        snprintf(err->message, sizeof err->message,
                                 "input is more than %zu bytes, over the limit of %zu", n, limit);
                }
                return NULL;
            }
            char *p = realloc(buf, cap * 2);
            if (!p) { free(buf); buf = NULL; break; }
            buf = p;
            cap *= 2;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0) break;
    }
    int failed = ferror(f);
    int saved = errno;
    if (f != stdin) fclose(f);
    if (!buf) {
        set_err(err, NG_E_NOMEM, "out of memory reading the file");
        return NULL;
    }
    if (failed) {
        free(buf);
        set_err(err, NG_E_IO, saved == EISDIR ? "is a directory" : strerror(saved));
        return NULL;
    }
    *len = n;
    return buf;
}

char *ng_read_input(const char *name, size_t limit, const ng_fetch_options *fetch, size_t *len,
                    ng_format *format, ng_error *err)
{
    if (format) *format = NG_FORMAT_AUTO;
    if (!ng_is_url(name)) return ng_read_file(name, limit, len, err);
    ng_fetch_options fo;
    ng_fetch_options_init(&fo);
    if (fetch) fo = *fetch;
    fo.max_bytes = limit;
    ng_fetched page;
    if (ng_fetch(name, &fo, &page, err) != NG_OK) {
        ng_fetched_free(&page);
        return NULL;
    }
    const char *ct = page.content_type ? page.content_type : "";
    while (*ct == ' ') ct++;
    if (format && (!strncasecmp(ct, "text/html", 9) || !strncasecmp(ct, "application/xhtml+xml", 21)))
        *format = NG_FORMAT_HTML;
    char *bytes = page.bytes;
    *len = page.len;
    page.bytes = NULL;
    ng_fetched_free(&page);
    return bytes;
}

ng_read_options ng_read_options_for(const char *name, ng_read_options ro, size_t len, ng_format format)
{
    size_t max = ro.max_bytes ? ro.max_bytes : NG_DEFAULT_MAX_BYTES;
    if (ng_is_url(name) && len > max) ro.max_bytes = len;
    if (ro.format == NG_FORMAT_AUTO) ro.format = format;
    return ro;
}

int ng_fetch_option(int c, const char *arg, ng_fetch_options *fo)
{
    if (c != NG_OPT_CONNECT_TIMEOUT && c != NG_OPT_TIMEOUT) return 0;
    char *end;
    errno = 0;
    double s = strtod(arg, &end);
    if (!*arg || *end || errno || !(s > 0) || s > 86400) return -1;
    long ms = (long)(s * 1000.0 + 0.5);
    if (ms < 1) ms = 1;
    if (c == NG_OPT_CONNECT_TIMEOUT) fo->connect_timeout_ms = ms;
    else fo->timeout_ms = ms;
    return 1;
}

void ng_report(const char *cmd, const char *input, const ng_error *err)
{
    const char *where = !input || !strcmp(input, "-") ? "<stdin>" : input;
    if (err->line)
        fprintf(stderr, "nutgraf %s: %s:%zu: %s\n", cmd, where, err->line, err->message);
    else
        fprintf(stderr, "nutgraf %s: %s: %s\n", cmd, where, err->message);
}

void ng_write_error_record(const char *line, size_t len, const ng_error *e)
{
    char id[NG_RECORD_ID_MAX];
    int has_id = line && ng_json_record_id(line, len, id, sizeof id);
    char *out;
    if (ng_error_to_json(has_id ? id : NULL, e, &out, &len) != NG_OK) return;
    fwrite(out, 1, len, stdout);
    fputc('\n', stdout);
    free(out);
}

ng_status ng_print_doc_json(const ng_doc *doc, ng_error *err)
{
    char *out;
    size_t len;
    ng_status st = ng_doc_to_json(doc, &out, &len, err);
    if (st != NG_OK) return st;
    fwrite(out, 1, len, stdout);
    fputc('\n', stdout);
    free(out);
    return NG_OK;
}

int ng_peek_is_json(FILE *f)
{
    int c;
    while ((c = getc(f)) != EOF && (c == ' ' || c == '\t' || c == '\n' || c == '\r')) {}
    if (c == EOF) return 0;
    ungetc(c, f);
    return c == '{';
}

int ng_stderr_is_tty(void) { return isatty(STDERR_FILENO); }

size_t ng_input_size(FILE *f)
{
    struct stat sb;
    if (!f || fstat(fileno(f), &sb) || !S_ISREG(sb.st_mode)) return 0;
    return (size_t)sb.st_size;
}
