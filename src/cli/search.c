/* search.c - `nutgraf search --db PATH [-n N] [--json] QUERY` and
 * `--queries FILE`: full-text search of the archive, best first, with
 * snippets.  A queries file holds one query a line, or JSON Lines
 * {"id", "query"}; each gives one JSON line {"id", "results": [...]}. */
#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cli/archive_cli.h"
#include "cli/cli.h"
#include "cli/lines.h"

#define QUERY_LINE_MAX ((size_t)1 << 20)

typedef struct search_args {
    const char *db, *queries;
    size_t n;
    int json;
} search_args;

static void usage(FILE *out)
{
    fprintf(out,
"Usage: nutgraf search --db PATH [-n N] [--json] QUERY...\n"
"       nutgraf search --db PATH [-n N] --queries FILE\n"
"\n"
"Searches the archive made by `nutgraf index` and prints the best N stories\n"
"(default 10): rank, score, id, headline and date, then a snippet with the\n"
"matched words in [brackets].  Ranking is BM25 over the headline, body,\n"
"highlights, entities, tags and byline, the headline weighing most.\n"
"\n"
"Query language (the words of QUERY... are joined by spaces):\n"
"  word              any of the words may match; more and rarer matches rank\n"
"                    higher; words are stemmed (kidneys matches kidney) and\n"
"                    function words (the, of, ...) are ignored\n"
"  \"a phrase\"        must match, words in this order\n"
"  +word  -word      must match / must not match\n"
"  entity:NAME       a story whose entities include NAME (entity:\"Hong Lei\")\n"
"  tag:NAME          a story tagged NAME (tag:\"human rights\")\n"
"  headline:W byline:W body:W   W must match in that field\n"
"  date:FROM..TO     stories dated in the range (YYYY, YYYY-MM or YYYY-MM-DD;\n"
"                    either end may be left out: date:2015-03..)\n"
"\n"
"Options:\n"
"      --db PATH       the archive (required): an SQLite file, or a\n"
"                      postgresql://USER@HOST:PORT/DB URI for PostgreSQL\n"
"  -n N                at most N results (1-1000, default 10)\n"
"      --json          one JSON line {\"query\", \"results\": [{\"id\", \"score\",\n"
"                      \"headline\", \"date\", \"snippet\"}]}\n"
"      --queries FILE  one query a line (- for standard input), or JSON Lines\n"
"                      {\"id\", \"query\"}; one JSON line {\"id\", \"results\"} each\n"
"                      (the id is the line number for plain lines)\n"
"  -h, --help          show this help\n"
"\n"
"Exit status: 0 success; 1 the archive or FILE could not be used; 2 bad\n"
"command line or query; 3 some queries in FILE were bad; 4 out of memory.\n");
}

static int parse_args(int argc, char **argv, search_args *a)
{
    static const struct option opts[] = {
        {"db", required_argument, 0, 'D'}, {"json", no_argument, 0, 'j'},
        {"queries", required_argument, 0, 'Q'}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
    memset(a, 0, sizeof *a);
    a->n = 10;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "n:h", opts, NULL)) != -1) {
        switch (c) {
        case 'D': a->db = optarg; break;
        case 'j': a->json = 1; break;
        case 'Q': a->queries = optarg; break;
        case 'n':
            if (!(a->n = ng_cli_result_count(optarg))) {
                fprintf(stderr, "nutgraf search: invalid value '%s' for -n (1-1000)\n", optarg);
                return -1;
            }
            break;
        case 'h': usage(stdout); return 1;
        default:
            fprintf(stderr, "nutgraf search: see 'nutgraf search --help'\n");
            return -1;
        }
    }
    if (!a->queries && optind >= argc) {
        fprintf(stderr, "nutgraf search: no query (see --help)\n");
        return -1;
    }
    if (a->queries && optind < argc) {
        fprintf(stderr, "nutgraf search: give a QUERY or --queries FILE, not both\n");
        return -1;
    }
    return 0;
}

/* The query words joined by spaces (malloc'd). */
static char *join_words(int argc, char **argv)
{
    size_t len = 1;
    for (int i = optind; i < argc; i++) len += strlen(argv[i]) + 1;
    char *q = malloc(len), *p = q;
    if (!q) return NULL;
    for (int i = optind; i < argc; i++) {
        size_t n = strlen(argv[i]);
        if (p != q) *p++ = ' ';
        memcpy(p, argv[i], n);
        p += n;
    }
    *p = '\0';
    return q;
}

/* Runs one query line; fills err and returns its status. */
static ng_status run_line(ng_archive *a, const search_args *args, const char *line, size_t len,
                          size_t line_no, ng_error *err)
{
    char id_buf[32];
    const char *id = id_buf, *query = line;
    json_t *root = NULL;
    snprintf(id_buf, sizeof id_buf, "%zu", line_no);
    if (len && line[0] == '{') {
        json_error_t je;
        root = json_loadb(line, len, 0, &je);
        const json_t *q = json_object_get(root, "query"), *i = json_object_get(root, "id");
        if (!root || !json_is_string(q)) {
            json_decref(root);
            snprintf(err->message, sizeof err->message, "broken JSON or no \"query\" string");
            return err->status = NG_E_JSON;
        }
        query = json_string_value(q);
        if (json_is_string(i)) id = json_string_value(i);
        else if (json_is_integer(i)) snprintf(id_buf, sizeof id_buf, "%lld", (long long)json_integer_value(i));
    }
    ng_archive_results *r = NULL;
    ng_status st = ng_archive_search(a, query, args->n, &r, err);
    if (st == NG_OK && ng_cli_print_results(r, id, NULL, 1)) st = NG_E_NOMEM;
    ng_archive_results_free(r);
    json_decref(root);
    return st;
}

static int run_queries(ng_archive *a, const search_args *args)
{
    ng_line_reader lr;
    if (ng_line_reader_open(&lr, args->queries, QUERY_LINE_MAX)) {
        fprintf(stderr, "nutgraf search: %s: cannot open\n", args->queries);
        return NG_EXIT_INPUT;
    }
    int status = NG_EXIT_OK, rc;
    while ((rc = ng_line_reader_next(&lr)) == 1) {
        size_t len = lr.len;
        while (len && (lr.buf[len - 1] == ' ' || lr.buf[len - 1] == '\t' || lr.buf[len - 1] == '\r')) len--;
        if (!lr.too_long && !len) continue;
        lr.buf[len] = '\0';
        ng_error err = {NG_OK, 0, ""};
        ng_status st = NG_E_TOO_BIG;
        if (lr.too_long) snprintf(err.message, sizeof err.message, "line is too long");
        else st = run_line(a, args, lr.buf, len, lr.line_no, &err);
        if (st == NG_OK) continue;
        err.status = st;
        err.line = lr.line_no;
        ng_report("search", args->queries, &err);
        ng_write_error_record(lr.too_long ? NULL : lr.buf, len, &err);
        int code = st == NG_E_NOMEM ? NG_EXIT_INTERNAL : st == NG_E_IO ? NG_EXIT_INPUT : NG_EXIT_PARTIAL;
        if (code > status) status = code;
        if (st == NG_E_IO) break;
    }
    ng_line_reader_free(&lr);
    if (rc < 0) {
        fprintf(stderr, "nutgraf search: %s: read error\n", args->queries);
        return NG_EXIT_INPUT;
    }
    return status;
}

int ng_cmd_search(int argc, char **argv)
{
    search_args args;
    int p = parse_args(argc, argv, &args);
    if (p) return p > 0 ? NG_EXIT_OK : NG_EXIT_USAGE;
    int status = NG_EXIT_OK;
    ng_archive *a = ng_cli_archive_open("search", args.db, &status);
    if (!a) return status;
    if (args.queries) {
        status = run_queries(a, &args);
    } else {
        char *q = join_words(argc, argv);
        ng_error err = {NG_OK, 0, ""};
        ng_archive_results *r = NULL;
        ng_status st = q ? ng_archive_search(a, q, args.n, &r, &err) : NG_E_NOMEM;
        if (st == NG_OK && ng_cli_print_results(r, NULL, q, args.json)) st = NG_E_NOMEM;
        if (st != NG_OK) {
            fprintf(stderr, "nutgraf search: %s\n", q ? err.message : "out of memory");
            status = ng_exit_for(st);
        }
        ng_archive_results_free(r);
        free(q);
    }
    ng_archive_close(a);
    return status;
}
