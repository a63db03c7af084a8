/* archive_cli.c - opening the archive and printing ranked results for the
 * archive subcommands (see archive_cli.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/archive_cli.h"
#include "cli/cli.h"
#include "output/jbuf.h"

ng_archive *ng_cli_archive_open(const char *cmd, const char *db, int *exit_status)
{
    ng_archive *a = NULL;
    ng_error err = {NG_OK, 0, ""};
    if (!db) {
        fprintf(stderr, "nutgraf %s: --db PATH is required (see --help)\n", cmd);
        *exit_status = NG_EXIT_USAGE;
        return NULL;
    }
    ng_status st = ng_archive_open(db, &a, &err);
    if (st != NG_OK) {
        fprintf(stderr, "nutgraf %s: %s\n", cmd, err.message);
        *exit_status = ng_exit_for(st);
        return NULL;
    }
    return a;
}

size_t ng_cli_result_count(const char *s)
{
    char *end;
    unsigned long long n = strtoull(s, &end, 10);
    if (!*s || *end || s[0] == '-' || n < 1 || n > 1000) return 0;
    return (size_t)n;
}

static void put_cstr(ng_jbuf *b, const char *key, const char *v)
{
    ng_jbuf_key(b, key);
    ng_jbuf_string(b, v, strlen(v));
}

int ng_cli_print_results(const ng_archive_results *r, const char *id, const char *query, int json)
{
    size_t n = ng_archive_results_count(r);
    if (!json) {
        for (size_t i = 0; i < n; i++) {
            ng_archive_hit h = ng_archive_result(r, i);
            printf("%2zu. %.4f  %s%s%s%s%s\n", i + 1, h.score, h.id, *h.headline ? "  " : "", h.headline,
                   *h.date ? "  " : "", h.date);
            if (*h.snippet) {
                printf("    ");
                for (const char *p = h.snippet; *p; p++) putchar(*p == '\n' ? ' ' : *p);
                putchar('\n');
            }
        }
        return 0;
    }
    ng_jbuf b;
    ng_jbuf_init(&b);
    if (id || !query) {
        ng_jbuf_puts(&b, "{\"id\":");
        ng_jbuf_string(&b, id, id ? strlen(id) : 0);
    } else {
        ng_jbuf_puts(&b, "{\"query\":");
        ng_jbuf_string(&b, query, strlen(query));
    }
    ng_jbuf_puts(&b, ",\"results\":[");
    for (size_t i = 0; i < n; i++) {
        ng_archive_hit h = ng_archive_result(r, i);
        ng_jbuf_puts(&b, i ? ",{" : "{");
        put_cstr(&b, "id", h.id);
        ng_jbuf_printf(&b, ",\"score\":%.6g,", h.score);
        put_cstr(&b, "headline", h.headline);
        ng_jbuf_puts(&b, ",");
        put_cstr(&b, "date", h.date);
        ng_jbuf_puts(&b, ",");
        put_cstr(&b, "snippet", h.snippet);
        ng_jbuf_puts(&b, "}");
    }
    ng_jbuf_puts(&b, "]}\n");
    int failed = b.failed;
    if (!failed) fwrite(b.data, 1, b.len, stdout);
    ng_jbuf_free(&b);
    return failed ? -1 : 0;
}
