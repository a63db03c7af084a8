/* summarize.c - `nutgraf summarize`: prints the highlights of an article,
 * or, for JSON Lines input, one JSON line per record in input order. */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/batch.h"
#include "cli/cli.h"
#include "cli/lines.h"
#include "cli/table.h"

typedef struct summarize_args {
    ng_read_options read;
    ng_fetch_options fetch;
    ng_summary_options sum;
    int json;
    const char *model_path;
    int trim_set;
    int threads;
    ng_out_format out;  /* --format markdown, csv or tsv */
    const char *input;  /* the input being read, for the id cell */
} summarize_args;

static void usage(FILE *out)
{
    fprintf(out,
"Usage: nutgraf summarize [OPTIONS] [FILE|URL|-]...\n"
"\n"
"Reads each article (standard input when no FILE or FILE is -; a URL starting\n"
"with http:// or https:// is fetched, as by nutgraf extract) and prints its\n"
"highlights as bullets.  The format is detected from the content: text copied\n"
"from a web page, an HTML page, a CNN/DailyMail .story file, or JSON Lines (one\n"
"article a line: id, article or text, optional title and highlights).  JSON\n"
"Lines input gives one JSON line per input line, in order, with the record's id;\n"
"a broken line gives an error object and the rest goes on.\n"
"\n"
"Options:\n"
"  -k, --sentences N   number of highlights (default: the model's choice for\n"
"                      learned, 3 otherwise)\n"
"  -w, --words N       a soft word budget for all highlights together: a\n"
"                      sentence that would go over it is skipped, but the\n"
"                      first highlight is always kept (default: none)\n"
"  -m, --method NAME   learned (trees over sentence features; the default when\n"
"                      a model is built in), lead (the first k sentences) or\n"
"                      textrank\n"
"      --model FILE    use this model file for the learned method\n"
"  -t, --trim RULES    trim the bullets: all, none, default, or a comma list\n"
"                      of dateline, conjunction, attribution, parentheses,\n"
"                      relative, appositive (default: default for learned,\n"
"                      every rule but relative; none for lead and textrank)\n"
"  -f, --format NAME   the input's format: auto, text, html, story or jsonl\n"
"                      (default auto); or the output's: markdown (a heading\n"
"                      and a bullet list per article), csv or tsv (a header,\n"
"                      then one row per highlight: id, rank, sentence, score,\n"
"                      text; the id is the record's, else the input's name)\n"
"      --names on|off  a first highlight opening on a personal pronoun (\"He\",\n"
"                      \"Her book\") gets the person's name from the story's\n"
"                      entities (\"Jane Smith's book\"), or yields its place to\n"
"                      another sentence when no person is found; on (the\n"
"                      default) looks for entities only in such a story (of\n"
"                      at most 64 KiB; a longer one yields);\n"
"                      off: always yield (learned and textrank)\n"
"      --json          print the whole document as JSON: structure, sentences\n"
"                      with offsets, highlights with sentence indexes and scores\n"
"                      (and entities, quotes and tags when a story was analysed\n"
"                      to name a pronoun)\n"
"      --max-bytes N   refuse an article (or JSON line) over N bytes\n"
"                      (default 10485760); a URL's transfer stops there\n"
NG_FETCH_HELP
"      --threads N     JSON Lines: summarize on N threads (default: the number\n"
"                      of cores); the output is the same for any N\n"
"  -h, --help          show this help\n"
"\n"
"Exit status: 0 success; 1 an input could not be used; 2 bad command line;\n"
"3 JSON Lines input with some bad records (the others were written);\n"
"4 out of memory or internal error; 5 the model file is missing, corrupt or\n"
"mismatched; 6 a URL could not be fetched (DNS, connection, timeout, HTTP\n"
"status >= 400).\n");
}

static int parse_size(const char *s, size_t *out)
{
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    if (!*s || *end || s[0] == '-' || v == 0) return -1;
    *out = (size_t)v;
    return 0;
}

static int parse_args(int argc, char **argv, summarize_args *a)
{
    static const struct option opts[] = {
        {"sentences", required_argument, 0, 'k'}, {"words", required_argument, 0, 'w'},
        {"method", required_argument, 0, 'm'},    {"format", required_argument, 0, 'f'},
        {"json", no_argument, 0, 'j'},            {"max-bytes", required_argument, 0, 'B'},
        {"model", required_argument, 0, 'M'},     {"trim", required_argument, 0, 't'},
        {"help", no_argument, 0, 'h'},            {"threads", required_argument, 0, 'J'},
        {"names", required_argument, 0, 'N'},     NG_FETCH_LONG_OPTIONS,
        {0, 0, 0, 0}};
    memset(a, 0, sizeof *a);
    a->sum.method = ng_model_default() ? NG_METHOD_LEARNED : NG_METHOD_LEAD;
    a->sum.names = NG_NAMES_ANALYZE;
    a->read.max_bytes = NG_DEFAULT_MAX_BYTES;
    ng_fetch_options_init(&a->fetch);
    int c;
    size_t v;
    optind = 1;
    while ((c = getopt_long(argc, argv, "k:w:m:f:t:h", opts, NULL)) != -1) {
        switch (c) {
        case 'k':
            if (parse_size(optarg, &v) || v > 100) goto bad_value;
            a->sum.k = (int)v;
            break;
        case 'w':
            if (parse_size(optarg, &v) || v > 100000) goto bad_value;
            a->sum.max_words = (int)v;
            break;
        case 'm':
            if (ng_method_from_name(optarg, &a->sum.method)) goto bad_value;
            break;
        case 'f':
            if (ng_out_format_parse(optarg, &a->out) && ng_format_from_name(optarg, &a->read.format))
                goto bad_value;
            break;
        case 'j': a->json = 1; break;
        case 'M': a->model_path = optarg; break;
        case 't':
            if (ng_trim_rules_parse(optarg, &a->sum.trim)) goto bad_value;
            a->trim_set = 1;
            break;
        case 'B':
            if (parse_size(optarg, &a->read.max_bytes)) goto bad_value;
            break;
        case 'J':
            if (ng_batch_parse_threads(optarg, &a->threads)) goto bad_value;
            break;
        case 'N':
            if (!strcmp(optarg, "on")) a->sum.names = NG_NAMES_ANALYZE;
            else if (!strcmp(optarg, "off")) a->sum.names = NG_NAMES_OFF;
            else goto bad_value;
            break;
        case 'h': usage(stdout); return 1;
        case NG_OPT_CONNECT_TIMEOUT:
        case NG_OPT_TIMEOUT:
            if (ng_fetch_option(c, optarg, &a->fetch) < 0) {
                fprintf(stderr, "nutgraf summarize: invalid value '%s' for --%s (see --help)\n", optarg,
                        c == NG_OPT_TIMEOUT ? "timeout" : "connect-timeout");
                return -1;
            }
            break;
        default:
            fprintf(stderr, "nutgraf summarize: see 'nutgraf summarize --help'\n");
            return -1;
        }
    }
    if (a->json && a->out != NG_OUT_TEXT) {
        fprintf(stderr, "nutgraf summarize: --json and --format %s do not go together\n",
                a->out == NG_OUT_MARKDOWN ? "markdown" : a->out == NG_OUT_CSV ? "csv" : "tsv");
        return -1;
    }
    return 0;
bad_value:
    fprintf(stderr, "nutgraf summarize: invalid value '%s' for -%c (see --help)\n", optarg, c);
    return -1;
}

/* Appends the highlights as --format markdown, csv or tsv. */
static void write_table(const ng_doc *doc, const summarize_args *a, ng_jbuf *b)
{
    ng_str id = ng_doc_field(doc, NG_FIELD_ID);
    if (!id.len) id = (ng_str){a->input, strlen(a->input)};
    size_t n = ng_doc_highlight_count(doc);
    if (a->out == NG_OUT_MARKDOWN) {
        ng_str h = ng_doc_field(doc, NG_FIELD_HEADLINE);
        ng_jbuf_puts(b, "## ");
        ng_markdown_text(b, h.len ? h.ptr : id.ptr, h.len ? h.len : id.len);
        ng_jbuf_puts(b, "\n\n");
        for (size_t i = 0; i < n; i++) {
            ng_str t = ng_doc_highlight(doc, i).text;
            ng_jbuf_puts(b, "- ");
            ng_markdown_text(b, t.ptr, t.len);
            ng_jbuf_puts(b, "\n");
        }
        ng_jbuf_puts(b, "\n");
        return;
    }
    for (size_t i = 0; i < n; i++) {
        ng_highlight h = ng_doc_highlight(doc, i);
        char rank[32], sent[32], score[32];
        snprintf(rank, sizeof rank, "%zu", i + 1);
        snprintf(sent, sizeof sent, "%zu", h.sentence);
        snprintf(score, sizeof score, "%.4f", h.score);
        ng_table_cell(b, a->out, 1, id.ptr, id.len);
        ng_table_cell(b, a->out, 0, rank, strlen(rank));
        ng_table_cell(b, a->out, 0, sent, strlen(sent));
        ng_table_cell(b, a->out, 0, score, strlen(score));
        ng_table_cell(b, a->out, 0, h.text.ptr, h.text.len);
        ng_table_end_row(b, a->out);
    }
}

/* Prints one document: bullets, a table, or its JSON. */
static ng_status print_doc(const ng_doc *doc, const summarize_args *a, ng_error *err)
{
    if (a->json) return ng_print_doc_json(doc, err);
    if (a->out != NG_OUT_TEXT) {
        ng_jbuf b;
        ng_jbuf_init(&b);
        write_table(doc, a, &b);
        ng_status st = b.failed ? NG_E_NOMEM : NG_OK;
        if (st == NG_OK) fwrite(b.data, 1, b.len, stdout);
        else snprintf(err->message, sizeof err->message, "out of memory writing the table");
        ng_jbuf_free(&b);
        return st;
    }
    for (size_t i = 0; i < ng_doc_highlight_count(doc); i++) {
        ng_str t = ng_doc_highlight(doc, i).text;
        printf("\xE2\x80\xA2 %.*s\n", (int)t.len, t.ptr);
    }
    return NG_OK;
}

static ng_status summarize_bytes(const char *bytes, size_t len, const summarize_args *a,
                                 ng_read_options ro, ng_doc **out, ng_error *err)
{
    ng_status st = ng_doc_read(bytes, len, &ro, out, err);
    if (st == NG_OK) st = ng_summarize(*out, &a->sum, err);
    return st;
}


/* Writes the compact batch line: id and highlight texts. */
static void write_compact(const ng_doc *doc, ng_jbuf *b)
{
    ng_str id = ng_doc_field(doc, NG_FIELD_ID);
    ng_jbuf_puts(b, "{\"id\":");
    if (id.len) {
        ng_jbuf_puts(b, "\"");
        for (size_t i = 0; i < id.len; i++) {
            char ch = id.ptr[i];
            if (ch == '"' || ch == '\\') ng_jbuf_put(b, "\\", 1);
            if ((unsigned char)ch >= 0x20) ng_jbuf_put(b, &ch, 1);
        }
        ng_jbuf_puts(b, "\"");
    } else {
        ng_jbuf_puts(b, "null");
    }
    ng_jbuf_puts(b, ",\"highlights\":[");
    for (size_t i = 0; i < ng_doc_highlight_count(doc); i++) {
        ng_str t = ng_doc_highlight(doc, i).text;
        ng_jbuf_puts(b, i ? ",\"" : "\"");
        for (size_t k = 0; k < t.len; k++) {
            unsigned char ch = (unsigned char)t.ptr[k];
            if (ch == '"' || ch == '\\') ng_jbuf_printf(b, "\\%c", ch);
            else if (ch == '\n') ng_jbuf_puts(b, "\\n");
            else if (ch < 0x20) ng_jbuf_printf(b, "\\u%04x", ch);
            else ng_jbuf_put(b, (const char *)&t.ptr[k], 1);
        }
        ng_jbuf_puts(b, "\"");
    }
    ng_jbuf_puts(b, "]}\n");
}

/* One JSON Lines record, on a batch worker. */
static ng_status batch_process(void *ctx, void *scratch, ng_batch_record *rec)
{
    const summarize_args *a = ctx;
    (void)scratch;
    ng_read_options ro = a->read;
    ro.format = NG_FORMAT_JSON;
    ng_doc *doc = NULL;
    ng_status st = summarize_bytes(rec->line, rec->len, a, ro, &doc, &rec->err);
    if (st == NG_OK) {
        if (a->json) st = ng_batch_write_json(doc, &rec->out, &rec->err);
        else if (a->out != NG_OUT_TEXT) write_table(doc, a, &rec->out);
        else write_compact(doc, &rec->out);
    }
    ng_doc_free(doc);
    return st;
}

/* Streams JSON Lines: one output line per input line, in input order, on
 * --threads workers.  Returns the exit status for this input. */
static int run_batch(FILE *f, const char *name, const summarize_args *a)
{
    ng_line_reader r;
    ng_line_reader_init(&r, f, a->read.max_bytes);
    ng_batch_ops ops = {"summarize", (void *)a, NULL, NULL, batch_process, NULL};
    ng_batch_options bo = {a->threads, 0, ng_input_size(f), ng_stderr_is_tty(), a->out == NG_OUT_TEXT};
    ng_batch_stats stats;
    int rc = ng_batch_run(&r, name, &bo, &ops, &stats);
    ng_line_reader_free(&r);
    return rc;
}


static int run_single(FILE *f, const char *name, const summarize_args *a)
{
    ng_error err = {NG_OK, 0, ""};
    size_t len = 0;
    ng_format served = NG_FORMAT_AUTO;
    char *bytes = ng_read_input(name, a->read.max_bytes, &a->fetch, &len, &served, &err);
    (void)f;
    if (!bytes) {
        ng_report("summarize", name, &err);
        return ng_exit_for(err.status);
    }
    ng_doc *doc = NULL;
    ng_status st = summarize_bytes(bytes, len, a, ng_read_options_for(name, a->read, len, served), &doc, &err);
    free(bytes);
    if (st == NG_OK) st = print_doc(doc, a, &err);
    ng_doc_free(doc);
    if (st != NG_OK) {
        ng_report("summarize", name, &err);
        return ng_exit_for(st);
    }
    return NG_EXIT_OK;
}

static int run_input(const char *name, const summarize_args *a)
{
    if (ng_is_url(name)) return run_single(NULL, name, a);
    int is_stdin = !strcmp(name, "-");
    FILE *f = is_stdin ? stdin : fopen(name, "rb");
    if (!f) {
        ng_error err = {NG_E_IO, 0, ""};
        snprintf(err.message, sizeof err.message, "cannot open: %s", strerror(errno));
        ng_report("summarize", name, &err);
        return NG_EXIT_INPUT;
    }
    int batch = a->read.format == NG_FORMAT_JSON || (a->read.format == NG_FORMAT_AUTO && ng_peek_is_json(f));
    int rc;
    if (batch) {
        rc = run_batch(f, name, a);
        if (!is_stdin) fclose(f);
    } else {
        if (!is_stdin) fclose(f);
        rc = run_single(NULL, name, a);
    }
    return rc;
}

static int run_all(summarize_args *a, int argc, char **argv);

int ng_cmd_summarize(int argc, char **argv)
{
    summarize_args a;
    int p = parse_args(argc, argv, &a);
    if (p) return p > 0 ? NG_EXIT_OK : NG_EXIT_USAGE;
    if (!a.trim_set && a.sum.method == NG_METHOD_LEARNED) a.sum.trim = NG_TRIM_DEFAULT;
    ng_model *model = NULL;
    if (a.model_path) {
        ng_error err;
        if (ng_model_load(a.model_path, &model, &err) != NG_OK) {
            fprintf(stderr, "nutgraf summarize: %s\n", err.message);
            return NG_EXIT_MODEL;
        }
        a.sum.model = model;
    } else if (a.sum.method == NG_METHOD_LEARNED && !ng_model_default()) {
        fprintf(stderr, "nutgraf summarize: no built-in model; pass --model FILE\n");
        return NG_EXIT_MODEL;
    }
    int status = run_all(&a, argc, argv);
    ng_model_free(model);
    return status;
}

static int run_all(summarize_args *a, int argc, char **argv)
{
    int status = NG_EXIT_OK;
    if (a->out == NG_OUT_CSV || a->out == NG_OUT_TSV) {
        static const char *const cols[] = {"id", "rank", "sentence", "score", "text", NULL};
        ng_jbuf b;
        ng_jbuf_init(&b);
        ng_table_header(&b, a->out, cols);
        if (!b.failed) fwrite(b.data, 1, b.len, stdout);
        ng_jbuf_free(&b);
    }
    a->input = "-";
    if (optind >= argc) return run_input("-", a);
    for (int i = optind; i < argc; i++) {
        a->input = argv[i];
        int rc = run_input(argv[i], a);
        if (rc > status) status = rc;
    }
    return status;
}
