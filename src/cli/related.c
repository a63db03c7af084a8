/* related.c - `nutgraf related --db PATH [-n N] [--json] ID|FILE|-`: the
 * stored stories most related to a stored story (by id) or to a new article
 * (a file in any input format; JSON Lines gives one JSON line per record). */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/archive_cli.h"
#include "cli/cli.h"
#include "cli/lines.h"

typedef struct related_args {
    const char *db;
    size_t n;
    int json;
    ng_read_options read;
    ng_analyze_options analyze;
} related_args;

static void usage(FILE *out)
{
    fprintf(out,
"Usage: nutgraf related --db PATH [-n N] [--json] ID|FILE|-\n"
"\n"
"Prints the N stories of the archive (default 10) most related to the stored\n"
"story ID, or to the article in FILE (any input format; - is standard input),\n"
"never the story itself.  Candidates come from BM25 over the story's 40 most\n"
"distinctive words (tf-idf; a word the story repeats counts up to 3 times),\n"
"its salient entities and its tags (matched in the stories' entity and tag\n"
"fields); when both have dates, closer dates rank higher.\n"
"An argument that names an existing file is read as an article; anything\n"
"else is an id.  JSON Lines input gives one JSON line {\"id\", \"results\"}\n"
"per record (a broken record gives an error record).\n"
"\n"
"Options:\n"
"      --db PATH       the archive (required): an SQLite file, or a\n"
"                      postgresql://USER@HOST:PORT/DB URI for PostgreSQL\n"
"  -n N                at most N results (1-1000, default 10)\n"
"      --json          one JSON line {\"id\", \"results\": [{\"id\", \"score\",\n"
"                      \"headline\", \"date\", \"snippet\"}]}\n"
"  -f, --format NAME   the article's format: auto, text, html, story or jsonl\n"
"  -h, --help          show this help\n"
"\n"
"Exit status: 0 success; 1 no story with that id, or an input or the archive\n"
"could not be used; 2 bad command line; 3 some records were bad; 4 out of\n"
"memory.\n");
}

static int parse_args(int argc, char **argv, related_args *a)
{
    static const struct option opts[] = {
        {"db", required_argument, 0, 'D'}, {"json", no_argument, 0, 'j'},
        {"format", required_argument, 0, 'f'}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
    memset(a, 0, sizeof *a);
    a->n = 10;
    a->read.max_bytes = NG_DEFAULT_MAX_BYTES;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "n:f:h", opts, NULL)) != -1) {
        switch (c) {
        case 'D': a->db = optarg; break;
        case 'j': a->json = 1; break;
        case 'f':
            if (ng_format_from_name(optarg, &a->read.format)) {
                fprintf(stderr, "nutgraf related: invalid value '%s' for -f (see --help)\n", optarg);
                return -1;
            }
            break;
        case 'n':
            if (!(a->n = ng_cli_result_count(optarg))) {
                fprintf(stderr, "nutgraf related: invalid value '%s' for -n (1-1000)\n", optarg);
                return -1;
            }
            break;
        case 'h': usage(stdout); return 1;
        default:
            fprintf(stderr, "nutgraf related: see 'nutgraf related --help'\n");
            return -1;
        }
    }
    if (optind + 1 != argc) {
        fprintf(stderr, "nutgraf related: give one ID, FILE or - (see --help)\n");
        return -1;
    }
    return 0;
}

static ng_status related_bytes(ng_archive *a, const related_args *args, const char *bytes, size_t len,
                               ng_read_options ro, int json, ng_error *err)
{
    ng_doc *doc = NULL;
    ng_archive_results *r = NULL;
    ng_status st = ng_doc_read(bytes, len, &ro, &doc, err);
    if (st == NG_OK) st = ng_analyze(doc, &args->analyze, err);
    if (st == NG_OK) st = ng_archive_related_doc(a, doc, args->n, &r, err);
    if (st == NG_OK) {
        ng_str id = ng_doc_field(doc, NG_FIELD_ID);
        char idc[NG_ARCHIVE_ID_MAX + 1];
        size_t n = id.len > NG_ARCHIVE_ID_MAX ? NG_ARCHIVE_ID_MAX : id.len;
        if (n) memcpy(idc, id.ptr, n);
        idc[n] = '\0';
        if (ng_cli_print_results(r, n ? idc : NULL, NULL, json)) st = NG_E_NOMEM;
    }
    ng_archive_results_free(r);
    ng_doc_free(doc);
    return st;
}

static int run_lines(ng_archive *a, const related_args *args, FILE *f, const char *name)
{
    ng_line_reader lr;
    ng_line_reader_init(&lr, f, args->read.max_bytes);
    ng_read_options ro = args->read;
    ro.format = NG_FORMAT_JSON;
    int status = NG_EXIT_OK, rc;
    while ((rc = ng_line_reader_next(&lr)) == 1) {
        size_t len = lr.len;
        while (len && (lr.buf[len - 1] == ' ' || lr.buf[len - 1] == '\t' || lr.buf[len - 1] == '\r')) len--;
        if (!lr.too_long && !len) continue;
        ng_error err = {NG_OK, 0, ""};
        ng_status st = NG_E_TOO_BIG;
        if (lr.too_long) snprintf(err.message, sizeof err.message, "line is too long");
        else st = related_bytes(a, args, lr.buf, len, ro, 1, &err);
        if (st == NG_OK) continue;
        err.status = st;
        err.line = lr.line_no;
        ng_report("related", name, &err);
        ng_write_error_record(lr.too_long ? NULL : lr.buf, len, &err);
        int code = st == NG_E_NOMEM ? NG_EXIT_INTERNAL : st == NG_E_IO ? NG_EXIT_INPUT : NG_EXIT_PARTIAL;
        if (code > status) status = code;
        if (st == NG_E_IO) break;
    }
    ng_line_reader_free(&lr);
    return rc < 0 ? NG_EXIT_INPUT : status;
}

static int run_file(ng_archive *a, const related_args *args, const char *name)
{
    FILE *f = strcmp(name, "-") ? fopen(name, "rb") : stdin;
    if (!f) {
        fprintf(stderr, "nutgraf related: %s: cannot open\n", name);
        return NG_EXIT_INPUT;
    }
    int batch = args->read.format == NG_FORMAT_JSON ||
                (args->read.format == NG_FORMAT_AUTO && ng_peek_is_json(f));
    int status = batch ? run_lines(a, args, f, name) : NG_EXIT_OK;
    if (f != stdin) fclose(f);
    if (batch) return status;
    ng_error err = {NG_OK, 0, ""};
    size_t len = 0;
    char *bytes = ng_read_file(name, args->read.max_bytes, &len, &err);
    ng_status st = bytes ? related_bytes(a, args, bytes, len, args->read, args->json, &err) : err.status;
    free(bytes);
    if (st != NG_OK) {
        ng_report("related", name, &err);
        return ng_exit_for(st);
    }
    return NG_EXIT_OK;
}

static int run_id(ng_archive *a, const related_args *args, const char *id)
{
    ng_error err = {NG_OK, 0, ""};
    ng_archive_results *r = NULL;
    ng_status st = ng_archive_related(a, id, args->n, &r, &err);
    if (st == NG_OK && !r) {
        fprintf(stderr, "nutgraf related: no story with id '%s' in %s (and no such file)\n", id, args->db);
        return NG_EXIT_INPUT;
    }
    if (st == NG_OK && ng_cli_print_results(r, id, NULL, args->json)) st = NG_E_NOMEM;
    ng_archive_results_free(r);
    if (st != NG_OK) {
        fprintf(stderr, "nutgraf related: %s\n", err.message);
        return ng_exit_for(st);
    }
    return NG_EXIT_OK;
}

int ng_cmd_related(int argc, char **argv)
{
    related_args args;
    int p = parse_args(argc, argv, &args);
    if (p) return p > 0 ? NG_EXIT_OK : NG_EXIT_USAGE;
    int status = NG_EXIT_OK;
    ng_archive *a = ng_cli_archive_open("related", args.db, &status);
    if (!a) return status;
    const char *what = argv[optind];
    struct stat sb;
    if (!strcmp(what, "-") || stat(what, &sb) == 0) {
        args.analyze.work = ng_analyze_work_new();
        status = args.analyze.work ? run_file(a, &args, what) : NG_EXIT_INTERNAL;
        ng_analyze_work_free(args.analyze.work);
    } else {
        status = run_id(a, &args, what);
    }
    ng_archive_close(a);
    return status;
}
