/* index.c - `nutgraf index --db PATH FILE...`: reads stories in any input
 * format (JSON Lines, gzip'd or not, one story a line; .story, text, HTML
 * one story a file), analyses and summarizes each once and stores it in
 * the archive.  A broken record is reported and skipped; the rest goes on.
 * JSON Lines, and runs of files of one story each, go to --threads workers
 * (cli/batch.c): reading, analysis and summarizing on the workers, each with its own scratch space; the
 * database writes on the calling thread in input order, so the archive is
 * the same for any number of threads. */
#include <errno.h>
#include <stdatomic.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cli/archive_cli.h"
#include "cli/batch.h"
#include "cli/cli.h"
#include "cli/lines.h"

#define COMMIT_EVERY 1000

typedef struct index_args {
    const char *db;
    ng_read_options read;
    ng_analyze_options analyze;
    ng_summary_options sum;
    int quiet;
    int threads;
} index_args;

typedef struct index_run {
    const index_args *args;
    ng_archive *a;
    size_t stored, replaced, near, errors, pending;
    int tty;
    atomic_int db_failed; /* the archive failed: the records after would fail too
                           * (set in input order, read by the workers) */
    double start;
    int status;
} index_run;

static void usage(FILE *out)
{
    fprintf(out,
"Usage: nutgraf index --db PATH [OPTIONS] FILE...\n"
"\n"
"Stores stories in the archive at PATH (an SQLite file, made when absent, or\n"
"a postgresql:// URI: a PostgreSQL database many workers may write at once).\n"
"Each FILE (- for standard input) is JSON Lines (one story a line, gzip'd or\n"
"not), a CNN/DailyMail .story file, web-page text or HTML (one story a file).\n"
"Every story is read, analysed (quotes, entities, tags) and summarized once,\n"
"and stored with its id (the record's id, else \"h\" and a hash of the body\n"
"text), headline, byline, date, body, highlights, entities, tags and quotes,\n"
"indexed for `nutgraf search`, `nutgraf related` and `nutgraf dups`.  A\n"
"story whose id is already stored replaces it.  A story that is a near-copy\n"
"(word 4-shingle Jaccard >= 0.8) of a stored one is stored and named on\n"
"standard error.  A broken record is reported (FILE:LINE: why) and skipped.\n"
"Stories (JSON Lines records and files) are read, analysed and summarized on\n"
"--threads workers and stored in input order, so the archive is the same for\n"
"any number of threads.  A progress bar is drawn on standard error when it\n"
"is a terminal.\n"
"\n"
"Options:\n"
"      --db PATH       the archive (required): an SQLite file, or a\n"
"                      postgresql://USER@HOST:PORT/DB URI for PostgreSQL\n"
"  -f, --format NAME   auto, text, html, story or jsonl (default auto)\n"
"      --max-bytes N   refuse a story (or JSON line) over N bytes\n"
"  -q, --quiet         no summary line at the end\n"
"      --threads N     analyse on N threads (default: the number of cores)\n"
"  -h, --help          show this help\n"
"\n"
"Exit status: 0 success; 1 an input file or the archive could not be used;\n"
"2 bad command line; 3 some JSON Lines records were skipped; 4 out of memory.\n");
}

static int parse_args(int argc, char **argv, index_args *a)
{
    static const struct option opts[] = {
        {"db", required_argument, 0, 'D'},        {"format", required_argument, 0, 'f'},
        {"max-bytes", required_argument, 0, 'B'}, {"quiet", no_argument, 0, 'q'},
        {"help", no_argument, 0, 'h'},            {"threads", required_argument, 0, 'J'},
        {0, 0, 0, 0}};
    memset(a, 0, sizeof *a);
    a->read.max_bytes = NG_DEFAULT_MAX_BYTES;
    a->sum.method = ng_model_default() ? NG_METHOD_LEARNED : NG_METHOD_LEAD;
    a->sum.trim = a->sum.method == NG_METHOD_LEARNED ? NG_TRIM_ALL : 0;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:qh", opts, NULL)) != -1) {
        char *end;
        switch (c) {
        case 'D': a->db = optarg; break;
        case 'f':
            if (ng_format_from_name(optarg, &a->read.format)) goto bad_value;
            break;
        case 'B':
            a->read.max_bytes = (size_t)strtoull(optarg, &end, 10);
            if (!*optarg || *end || optarg[0] == '-' || !a->read.max_bytes) goto bad_value;
            break;
        case 'q': a->quiet = 1; break;
        case 'J':
            if (ng_batch_parse_threads(optarg, &a->threads)) goto bad_value;
            break;
        case 'h': usage(stdout); return 1;
        default:
            fprintf(stderr, "nutgraf index: see 'nutgraf index --help'\n");
            return -1;
        }
    }
    if (!a->db) {
        fprintf(stderr, "nutgraf index: --db PATH is required (see --help)\n");
        return -1;
    }
    if (optind >= argc) {
        fprintf(stderr, "nutgraf index: no input files (see --help)\n");
        return -1;
    }
    return 0;
bad_value:
    if (c == 'J') fprintf(stderr, "nutgraf index: invalid value '%s' for --threads (see --help)\n", optarg);
    else fprintf(stderr, "nutgraf index: invalid value '%s' for -%c (see --help)\n", optarg, c);
    return -1;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Reads, analyses and summarizes one story into *out (NULL on failure);
 * any thread, with its own analysis scratch space in ao. */
static ng_status analyse_bytes(const index_args *a, const ng_analyze_options *ao, const char *bytes, size_t len,
                               ng_read_options ro, ng_doc **out, ng_error *err)
{
    ng_doc *doc = NULL;
    ng_status st = ng_doc_read(bytes, len, &ro, &doc, err);
    if (st == NG_OK) st = ng_analyze(doc, ao, err);
    if (st == NG_OK) {
        ng_status s2 = ng_summarize(doc, &a->sum, err);
        if (s2 != NG_OK && s2 != NG_E_EMPTY) st = s2;
    }
    if (st != NG_OK) {
        ng_doc_free(doc);
        doc = NULL;
    }
    *out = doc;
    return st;
}

/* Stores one analysed story; on the thread that owns the archive, in
 * input order. */
static ng_status store_doc(index_run *r, const ng_doc *doc, ng_error *err)
{
    ng_archive_put_info info;
    ng_status st = ng_archive_put(r->a, doc, NULL, &info, err);
    r->db_failed = st == NG_E_IO;
    if (st != NG_OK) return st;
    r->stored++;
    r->replaced += info.replaced != 0;
    if (info.near_copy_of[0]) {
        r->near++;
        if (r->tty) fputc('\n', stderr);
        fprintf(stderr, "nutgraf index: %s is a near-copy of %s (similarity %.3f)\n", info.id,
                info.near_copy_of, info.near_copy_similarity);
    }
    if (++r->pending >= COMMIT_EVERY) {
        r->pending = 0;
        st = ng_archive_commit(r->a, err);
        if (st == NG_OK) st = ng_archive_begin(r->a, err);
        r->db_failed = st != NG_OK;
    }
    return st;
}

/* Reads, analyses, summarizes and stores one story. */
static ng_status index_bytes(index_run *r, const char *bytes, size_t len, ng_read_options ro,
                             ng_error *err)
{
    ng_doc *doc = NULL;
    ng_status st = analyse_bytes(r->args, &r->args->analyze, bytes, len, ro, &doc, err);
    if (st == NG_OK) st = store_doc(r, doc, err);
    ng_doc_free(doc);
    return st;
}

/* whole: the error spoils a whole input file (exit 1), not one record (3). */
static void record_error(index_run *r, const char *name, ng_error *err, ng_status st, int whole)
{
    err->status = st;
    if (r->tty) fputc('\n', stderr);
    ng_report("index", name, err);
    r->errors++;
    int rc = st == NG_E_NOMEM ? NG_EXIT_INTERNAL : whole || r->db_failed ? ng_exit_for(st) : NG_EXIT_PARTIAL;
    if (rc > r->status) r->status = rc;
}

/* A worker's scratch space: its own analysis work. */
static int worker_new(void *ctx, void **scratch)
{
    (void)ctx;
    *scratch = ng_analyze_work_new();
    return *scratch ? 0 : -1;
}

static void worker_free(void *ctx, void *scratch)
{
    (void)ctx;
    ng_analyze_work_free(scratch);
}

/* On a worker: one JSON line read, analysed and summarized into
 * rec->result (an ng_doc the emit step frees). */
static ng_status lines_process(void *ctx, void *scratch, ng_batch_record *rec)
{
    index_run *r = ctx;
    if (r->db_failed) return NG_OK; /* nothing more is stored: skip the work */
    ng_analyze_options ao = r->args->analyze;
    ao.work = scratch;
    ng_read_options ro = r->args->read;
    ro.format = NG_FORMAT_JSON;
    ng_doc *doc = NULL;
    ng_status st = analyse_bytes(r->args, &ao, rec->line, rec->len, ro, &doc, &rec->err);
    rec->result = doc;
    return st;
}

/* In input order on the calling thread: stores the story.  After the
 * archive failed, the records that follow are dropped silently (the
 * failure was reported once; the workers skip them). */
static ng_status lines_emit(void *ctx, ng_batch_record *rec, ng_status st)
{
    index_run *r = ctx;
    ng_doc *doc = rec->result;
    rec->result = NULL;
    if (r->db_failed) {
        ng_doc_free(doc);
        return NG_OK;
    }
    if (st == NG_OK) st = store_doc(r, doc, &rec->err);
    ng_doc_free(doc);
    if (st != NG_OK) {
        r->errors++;
        int rc = st == NG_E_NOMEM ? NG_EXIT_INTERNAL : r->db_failed ? ng_exit_for(st) : NG_EXIT_PARTIAL;
        if (rc > r->status) r->status = rc;
        if (r->tty) fputc('\n', stderr);
    }
    return st; /* the batch reports a failure as FILE:LINE: why */
}

/* total: the input's size in bytes for the bar's percentage (0: unknown). */
static int index_lines(index_run *r, ng_line_reader *lr, const char *name, size_t total)
{
    ng_batch_ops ops = {"index", r, worker_new, worker_free, lines_process, lines_emit};
    ng_batch_options bo = {r->args->threads, 0, total, r->tty, 0};
    ng_batch_stats stats;
    int rc = ng_batch_run(lr, name, &bo, &ops, &stats);
    if (rc > r->status) r->status = rc;
    return r->db_failed ? -1 : 0;
}

static int is_jsonl_name(const char *name)
{
    size_t n = strlen(name);
    return (n > 3 && !strcmp(name + n - 3, ".gz")) || (n > 6 && !strcmp(name + n - 6, ".jsonl"));
}

static int index_input(index_run *r, const char *name)
{
    const index_args *a = r->args;
    int batch = a->read.format == NG_FORMAT_JSON ||
                (a->read.format == NG_FORMAT_AUTO && strcmp(name, "-") && is_jsonl_name(name));
    ng_line_reader lr;
    if (!batch && a->read.format == NG_FORMAT_AUTO) { /* peek: '{' starts JSON Lines */
        FILE *f = strcmp(name, "-") ? fopen(name, "rb") : stdin;
        if (f) {
            batch = ng_peek_is_json(f);
            if (batch) ng_line_reader_init(&lr, f, a->read.max_bytes);
            else if (f != stdin) fclose(f);
        }
        if (batch) {
            int rc = index_lines(r, &lr, name, ng_input_size(f));
            ng_line_reader_free(&lr);
            if (f != stdin) fclose(f);
            return rc;
        }
    }
    if (batch) {
        if (ng_line_reader_open(&lr, name, a->read.max_bytes)) {
            ng_error err = {NG_E_IO, 0, ""};
            snprintf(err.message, sizeof err.message, "cannot open: %s", strerror(errno));
            record_error(r, name, &err, NG_E_IO, 1);
            return 0;
        }
        struct stat sb; /* a gzip file's size is not that of its lines */
        size_t n = strlen(name), total = 0;
        if (!(n > 3 && !strcmp(name + n - 3, ".gz")) && !stat(name, &sb)) total = (size_t)sb.st_size;
        int rc = index_lines(r, &lr, name, total);
        ng_line_reader_free(&lr);
        return rc;
    }
    ng_error err = {NG_OK, 0, ""};
    size_t len = 0;
    char *bytes = ng_read_file(name, a->read.max_bytes, &len, &err);
    ng_status st = bytes ? index_bytes(r, bytes, len, a->read, &err) : err.status;
    free(bytes);
    if (st != NG_OK) {
        record_error(r, name, &err, st, 1);
        if (r->db_failed) return -1;
    }
    return 0;
}

/* True when name is one story a file (not JSON Lines, not standard
 * input): such files run as one batch of names.  A file that cannot be
 * opened counts as one (its worker reports it). */
static int is_story_file(const index_args *a, const char *name)
{
    if (!strcmp(name, "-") || a->read.format == NG_FORMAT_JSON) return 0;
    if (a->read.format != NG_FORMAT_AUTO) return 1;
    if (is_jsonl_name(name)) return 0;
    FILE *f = fopen(name, "rb");
    if (!f) return 1;
    int json = ng_peek_is_json(f);
    fclose(f);
    return !json;
}

/* On a worker: one file read, analysed and summarized into rec->result. */
static ng_status files_process(void *ctx, void *scratch, ng_batch_record *rec)
{
    index_run *r = ctx;
    if (r->db_failed) return NG_OK;
    ng_analyze_options ao = r->args->analyze;
    ao.work = scratch;
    size_t len = 0;
    char *bytes = ng_read_file(rec->line, r->args->read.max_bytes, &len, &rec->err);
    ng_doc *doc = NULL;
    ng_status st = bytes ? analyse_bytes(r->args, &ao, bytes, len, r->args->read, &doc, &rec->err)
                         : rec->err.status;
    free(bytes);
    rec->result = doc;
    return st;
}

/* In the order given: stores the story; a file that failed spoils the
 * whole input (exit status 1, as index_input reports it). */
static ng_status files_emit(void *ctx, ng_batch_record *rec, ng_status st)
{
    index_run *r = ctx;
    ng_doc *doc = rec->result;
    rec->result = NULL;
    if (!r->db_failed) {
        if (st == NG_OK) st = store_doc(r, doc, &rec->err);
        if (st != NG_OK) record_error(r, rec->line, &rec->err, st, 1);
    }
    ng_doc_free(doc);
    return NG_OK; /* reported above */
}

/* Stores count story files (one story each) on --threads workers. */
static int index_files(index_run *r, char *const *names, size_t count)
{
    ng_batch_ops ops = {"index", r, worker_new, worker_free, files_process, files_emit};
    ng_batch_options bo = {r->args->threads, 0, 0, r->tty && count > 1, 0};
    ng_batch_stats stats;
    int rc = ng_batch_run_names(names, count, &bo, &ops, &stats);
    if (rc > r->status) r->status = rc;
    return r->db_failed ? -1 : 0;
}

int ng_cmd_index(int argc, char **argv)
{
    index_args args;
    int p = parse_args(argc, argv, &args);
    if (p) return p > 0 ? NG_EXIT_OK : NG_EXIT_USAGE;
    index_run r;
    memset(&r, 0, sizeof r);
    r.args = &args;
    r.tty = ng_stderr_is_tty();
    r.start = now();
    r.a = ng_cli_archive_open("index", args.db, &r.status);
    if (!r.a) return r.status;
    args.analyze.work = ng_analyze_work_new();
    ng_error err = {NG_OK, 0, ""};
    ng_status st = args.analyze.work ? ng_archive_begin(r.a, &err) : NG_E_NOMEM;
    if (st == NG_E_NOMEM && !args.analyze.work) snprintf(err.message, sizeof err.message, "out of memory");
    for (int i = optind; st == NG_OK && i < argc;) {
        int j = i; /* a run of story files goes to the workers at once */
        while (j < argc && is_story_file(&args, argv[j])) j++;
        if (j > i ? index_files(&r, argv + i, (size_t)(j - i)) : index_input(&r, argv[i])) break;
        i = j > i ? j : i + 1;
    }
    if (st == NG_OK) st = ng_archive_commit(r.a, &err);
    if (st != NG_OK) {
        fprintf(stderr, "nutgraf index: %s\n", err.message);
        if (ng_exit_for(st) > r.status) r.status = ng_exit_for(st);
    }
    if (!args.quiet)
        fprintf(stderr, "nutgraf index: %zu stories stored (%zu replaced, %zu near-copies), %zu skipped, %.1f s\n",
                r.stored, r.replaced, r.near, r.errors, now() - r.start);
    ng_analyze_work_free(args.analyze.work);
    ng_archive_close(r.a);
    return r.status;
}
