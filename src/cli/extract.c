/* extract.c - `nutgraf extract`: the article of each page (HTML, web-page
 * text, .story or one JSON record) as one JSON line, plain text or
 * Markdown: headline, authors, date, site, canonical URL, language, body,
 * the page's highlights, related links, tags and images.  A bad input gives
 * an error record (JSON) or an error line on stderr, and the rest goes on.
 * Many inputs are read and extracted on --threads workers (cli/batch.c),
 * each writing into memory; they are written in the order given. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/batch.h"
#include "cli/cli.h"

typedef enum out_format { OUT_TEXT, OUT_MARKDOWN, OUT_JSON } out_format;

typedef struct extract_args {
    ng_read_options read;
    ng_fetch_options fetch;
    out_format out;
    int threads;
} extract_args;

static void usage(FILE *out)
{
    fprintf(out,
"Usage: nutgraf extract [OPTIONS] [FILE|URL|-]...\n"
"\n"
"Extracts the article from each input (standard input when no FILE or FILE is\n"
"-): an HTML page, text copied from a web page, a CNN/DailyMail .story file or\n"
"one JSON record.  An input starting with http:// or https:// is fetched\n"
"(at most 5 redirects, gzip accepted, its charset converted to UTF-8).  From an HTML page it keeps the main content block (chosen by\n"
"text and link density, paragraphs, class and id hints and headings) and reads\n"
"the metadata from JSON-LD, OpenGraph and article:* metas, <time> and\n"
"rel=author.  The body never repeats the headline.\n"
"\n"
"JSON output is one line per input, in order, with the keys file (url for a\n"
"URL), headline,\n"
"authors (a list of names), date (as the page gives it, ISO 8601 when the\n"
"markup has it), site_name, canonical_url, language, body (paragraphs joined\n"
"by \\n), page_highlights, related, tags and images (src and caption); absent\n"
"values are null or [].  An input that cannot be read gives\n"
"{\"file\":...,\"error\":{\"status\":...,\"message\":...}} and the rest goes on.\n"
"\n"
"Options:\n"
"      --json          the same as --format json\n"
"  -o, --format NAME   text (headline, blank line, body; the default),\n"
"                      markdown (# headline, metadata, paragraphs) or json\n"
"  -f, --input-format NAME\n"
"                      auto, text, html, story or json (default auto)\n"
"      --max-bytes N   refuse an input over N bytes (default 10485760); a URL's\n"
"                      transfer stops there\n"
NG_FETCH_HELP
"      --threads N     read and extract the inputs on N threads (default: the\n"
"                      number of cores); the output is the same for any N\n"
"  -h, --help          show this help\n"
"\n"
"With many inputs a progress bar is drawn on standard error when it is a\n"
"terminal.\n"
"\n"
"Exit status: 0 success; 1 an input could not be used (the others were\n"
"written; also a URL over --max-bytes or not HTML or text); 2 bad command\n"
"line; 4 out of memory or internal error; 6 a URL could not be fetched (DNS,\n"
"connection, timeout, HTTP status >= 400).\n");
}

static int parse_out_format(const char *s, out_format *out)
{
    if (!strcmp(s, "text")) *out = OUT_TEXT;
    else if (!strcmp(s, "markdown") || !strcmp(s, "md")) *out = OUT_MARKDOWN;
    else if (!strcmp(s, "json")) *out = OUT_JSON;
    else return -1;
    return 0;
}

/* Returns 0 to run, 1 after --help, -1 on a bad command line. */
static int parse_args(int argc, char **argv, extract_args *a)
{
    static const struct option opts[] = {
        {"json", no_argument, 0, 'j'},        {"format", required_argument, 0, 'o'},
        {"input-format", required_argument, 0, 'f'}, {"max-bytes", required_argument, 0, 'B'},
        {"help", no_argument, 0, 'h'},        {"threads", required_argument, 0, 'J'},
        NG_FETCH_LONG_OPTIONS,
        {0, 0, 0, 0}};
    memset(a, 0, sizeof *a);
    ng_fetch_options_init(&a->fetch);
    a->read.max_bytes = NG_DEFAULT_MAX_BYTES;
    a->out = OUT_TEXT;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:f:h", opts, NULL)) != -1) {
        char *end;
        unsigned long long v;
        switch (c) {
        case 'j': a->out = OUT_JSON; break;
        case 'o':
            if (parse_out_format(optarg, &a->out)) goto bad_value;
            break;
        case 'f':
            if (ng_format_from_name(optarg, &a->read.format)) goto bad_value;
            break;
        case 'B':
            v = strtoull(optarg, &end, 10);
            if (!*optarg || *end || optarg[0] == '-' || v == 0) goto bad_value;
            a->read.max_bytes = (size_t)v;
            break;
        case 'J':
            if (ng_batch_parse_threads(optarg, &a->threads)) goto bad_option;
            break;
        case 'h': usage(stdout); return 1;
        case NG_OPT_CONNECT_TIMEOUT:
        case NG_OPT_TIMEOUT:
            if (ng_fetch_option(c, optarg, &a->fetch) < 0) goto bad_option;
            break;
        default:
            fprintf(stderr, "nutgraf extract: see 'nutgraf extract --help'\n");
            return -1;
        }
    }
    return 0;
bad_value:
    fprintf(stderr, "nutgraf extract: invalid value '%s' for -%c (see --help)\n", optarg, c);
    return -1;
bad_option:
    fprintf(stderr, "nutgraf extract: invalid value '%s' for --%s (see --help)\n", optarg,
            c == 'J' ? "threads" : c == NG_OPT_TIMEOUT ? "timeout" : "connect-timeout");
    return -1;
}

/* ------------------------------------------------------------ JSON out */

static void json_string(FILE *out, const char *s, size_t len)
{
    if (!s) {
        fputs("null", out);
        return;
    }
    fputc('"', out);
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch == '"' || ch == '\\') { fputc('\\', out); fputc(ch, out); }
        else if (ch == '\n') fputs("\\n", out);
        else if (ch == '\t') fputs("\\t", out);
        else if (ch < 0x20) fprintf(out, "\\u%04x", ch);
        else fputc(ch, out);
    }
    fputc('"', out);
}

static void json_field(FILE *out, const ng_doc *doc, const char *key, ng_field f)
{
    ng_str v = ng_doc_field(doc, f);
    fprintf(out, ",\"%s\":", key);
    json_string(out, v.len ? v.ptr : NULL, v.len);
}

static void json_list(FILE *out, const ng_doc *doc, const char *key, ng_list l)
{
    fprintf(out, ",\"%s\":[", key);
    for (size_t i = 0; i < ng_doc_list_count(doc, l); i++) {
        ng_str v = ng_doc_list_item(doc, l, i);
        if (i) fputc(',', out);
        json_string(out, v.ptr, v.len);
    }
    fputc(']', out);
}

static void json_images(FILE *out, const ng_doc *doc)
{
    fputs(",\"images\":[", out);
    for (size_t i = 0; i < ng_doc_list_count(doc, NG_LIST_IMAGES); i++) {
        ng_str src = ng_doc_list_item(doc, NG_LIST_IMAGES, i);
        ng_str cap = ng_doc_list_item(doc, NG_LIST_IMAGE_CAPTIONS, i);
        fputs(i ? ",{\"src\":" : "{\"src\":", out);
        json_string(out, src.ptr, src.len);
        fputs(",\"caption\":", out);
        json_string(out, cap.len ? cap.ptr : NULL, cap.len);
        fputc('}', out);
    }
    fputc(']', out);
}

/* {"file": or {"url": for a URL input. */
static void json_name(FILE *out, const char *name)
{
    fputs(ng_is_url(name) ? "{\"url\":" : "{\"file\":", out);
    json_string(out, name, strlen(name));
}

static void write_json(FILE *out, const char *name, const ng_doc *doc)
{
    json_name(out, name);
    json_field(out, doc, "headline", NG_FIELD_HEADLINE);
    json_list(out, doc, "authors", NG_LIST_AUTHORS);
    json_field(out, doc, "date", NG_FIELD_DATE);
    json_field(out, doc, "site_name", NG_FIELD_SITE_NAME);
    json_field(out, doc, "canonical_url", NG_FIELD_CANONICAL_URL);
    json_field(out, doc, "language", NG_FIELD_LANGUAGE);
    ng_str body = ng_doc_body(doc);
    fputs(",\"body\":", out);
    json_string(out, body.ptr ? body.ptr : "", body.len);
    json_list(out, doc, "page_highlights", NG_LIST_PAGE_HIGHLIGHTS);
    json_list(out, doc, "related", NG_LIST_RELATED);
    json_list(out, doc, "tags", NG_LIST_TAGS);
    json_images(out, doc);
    fputs("}\n", out);
}

static void write_error_json(FILE *out, const char *name, const ng_error *err)
{
    json_name(out, name);
    fprintf(out, ",\"error\":{\"status\":\"%s\",\"message\":", ng_status_name(err->status));
    json_string(out, err->message, strlen(err->message));
    fputs("}}\n", out);
}

/* ------------------------------------------------------ text, markdown */

static void write_text(FILE *out, const ng_doc *doc, int markdown)
{
    ng_str h = ng_doc_field(doc, NG_FIELD_HEADLINE);
    if (h.len) fprintf(out, "%s%.*s\n\n", markdown ? "# " : "", (int)h.len, h.ptr);
    if (markdown) {
        size_t n = ng_doc_list_count(doc, NG_LIST_AUTHORS);
        ng_str date = ng_doc_field(doc, NG_FIELD_DATE), site = ng_doc_field(doc, NG_FIELD_SITE_NAME);
        for (size_t i = 0; i < n; i++) {
            ng_str a = ng_doc_list_item(doc, NG_LIST_AUTHORS, i);
            fprintf(out, "%s%.*s", i ? ", " : "*By ", (int)a.len, a.ptr);
        }
        if (n) fputs("*\n", out);
        if (date.len) fprintf(out, "*%.*s*\n", (int)date.len, date.ptr);
        if (site.len) fprintf(out, "*%.*s*\n", (int)site.len, site.ptr);
        if (n || date.len || site.len) fputc('\n', out);
    }
    ng_str body = ng_doc_body(doc);
    for (size_t i = 0; i < body.len; i++) {
        fputc(body.ptr[i], out);
        if (markdown && body.ptr[i] == '\n') fputc('\n', out);
    }
    if (body.len) fputc('\n', out);
}

/* ---------------------------------------------------------------- run */

/* What one input made, handed from its worker to the in-order writer. */
typedef struct extracted {
    ng_status st;
    int exit_status; /* the input's exit status */
} extracted;

/* The whole run: settings (read-only while workers run) and the status so
 * far (written by the in-order writer only). */
typedef struct extract_run {
    const extract_args *args;
    int status;
} extract_run;

/* Writes one input's output (or its error record) into out, a
 * memory stream; returns the input's status, err filled on failure. */
static ng_status extract_one(const char *name, const extract_args *a, FILE *out, ng_error *err)
{
    size_t len = 0;
    ng_format served = NG_FORMAT_AUTO;
    char *bytes = ng_read_input(name, a->read.max_bytes, &a->fetch, &len, &served, err);
    ng_doc *doc = NULL;
    ng_read_options ro = ng_read_options_for(name, a->read, len, served);
    ng_status st = bytes ? ng_doc_read(bytes, len, &ro, &doc, err) : err->status;
    free(bytes);
    const char *shown = strcmp(name, "-") ? name : "<stdin>";
    if (st == NG_OK) {
        if (a->out == OUT_JSON) write_json(out, shown, doc);
        else write_text(out, doc, a->out == OUT_MARKDOWN);
    } else {
        err->status = st;
        if (a->out == OUT_JSON) write_error_json(out, shown, err);
    }
    ng_doc_free(doc);
    return st;
}

/* On a worker: extracts rec->line (a file name or URL) into rec->out.
 * The input's own failure is not the record's: it is reported in order
 * by emit (so that stderr is the same for any number of threads). */
static ng_status extract_process(void *ctx, void *scratch, ng_batch_record *rec)
{
    (void)scratch;
    const extract_run *run = ctx;
    char *buf = NULL;
    size_t size = 0;
    FILE *mem = open_memstream(&buf, &size);
    if (!mem) {
        snprintf(rec->err.message, sizeof rec->err.message, "out of memory");
        return NG_E_NOMEM;
    }
    ng_status st = extract_one(rec->line, run->args, mem, &rec->err);
    int failed = fclose(mem) != 0;
    if (!failed) ng_jbuf_put(&rec->out, buf, size);
    free(buf);
    extracted *x = malloc(sizeof *x);
    if (failed || !x) {
        free(x);
        snprintf(rec->err.message, sizeof rec->err.message, "out of memory");
        return NG_E_NOMEM;
    }
    x->st = st;
    x->exit_status = st == NG_OK ? NG_EXIT_OK : ng_exit_for(st);
    rec->result = x;
    return NG_OK;
}

/* In input order: the separator between text outputs, the output, the
 * error line of an input that failed. */
static ng_status extract_emit(void *ctx, ng_batch_record *rec, ng_status st)
{
    extract_run *run = ctx;
    extracted *x = rec->result;
    rec->result = NULL;
    if (st != NG_OK || !x) { /* out of memory on the worker: reported by the batch */
        free(x);
        return st != NG_OK ? st : NG_E_NOMEM;
    }
    if (x->st == NG_OK && run->args->out != OUT_JSON && rec->line_no > 1)
        fputs(run->args->out == OUT_MARKDOWN ? "\n---\n\n" : "\n\f\n", stdout);
    fwrite(rec->out.data, 1, rec->out.len, stdout);
    if (x->st != NG_OK) ng_report("extract", rec->line, &rec->err);
    if (x->exit_status > run->status) run->status = x->exit_status;
    free(x);
    return NG_OK;
}

int ng_cmd_extract(int argc, char **argv)
{
    extract_args a;
    int p = parse_args(argc, argv, &a);
    if (p) return p > 0 ? NG_EXIT_OK : NG_EXIT_USAGE;
    static char *const stdin_only[] = {"-"};
    char *const *names = optind < argc ? argv + optind : stdin_only;
    size_t count = optind < argc ? (size_t)(argc - optind) : 1;
    extract_run run = {&a, NG_EXIT_OK};
    ng_batch_ops ops = {"extract", &run, NULL, NULL, extract_process, extract_emit};
    ng_batch_options bo = {a.threads, 0, 0, count > 1 && ng_stderr_is_tty(), 0};
    ng_batch_stats stats;
    int rc = ng_batch_run_names(names, count, &bo, &ops, &stats);
    return rc > run.status ? rc : run.status;
}
