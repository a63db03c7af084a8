/* summarize.c - `nutgraf summarize`: prints the highlights of an article,
 * or, for JSON Lines input, one JSON line per record in input order. */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/lines.h"

typedef struct summarize_args {
    ng_read_options read;
    ng_summary_options sum;
    int json;
    const char *model_path;
    int trim_set;
} summarize_args;

static void usage(FILE *out)
{
    fprintf(out,
"Usage: nutgraf summarize [OPTIONS] [FILE|-]...\n"
"\n"
"Reads each article (standard input when no FILE or FILE is -) and prints its\n"
"highlights as bullets.  The format is detected from the content: text copied\n"
"from a web page, an HTML page, a CNN/DailyMail .story file, or JSON Lines (one\n"
"article a line: id, article or text, optional title and highlights).  JSON\n"
"Lines input gives one JSON line per input line, in order, with the record's id;\n"
"a broken line gives an error object and the rest goes on.\n"
"\n"
"Options:\n"
"  -k, --sentences N   number of highlights (default: the model's choice for\n"
"                      learned, 3 otherwise)\n"
"  -w, --words N       word budget for all highlights together (default: none)\n"
"  -m, --method NAME   learned (trees over sentence features; the default when\n"
"                      a model is built in), lead (the first k sentences) or\n"
"                      textrank\n"
"      --model FILE    use this model file for the learned method\n"
"  -t, --trim RULES    trim the bullets: all, none, default, or a comma list\n"
"                      of dateline, conjunction, attribution, parentheses,\n"
"                      relative, appositive (default: default for learned,\n"
"                      every rule but relative; none for lead and textrank)\n"
"  -f, --format NAME   auto, text, html, story or jsonl (default auto)\n"
"      --json          print the whole document as JSON: structure, sentences\n"
"                      with offsets, highlights with sentence indexes and scores\n"
"      --max-bytes N   refuse an article (or JSON line) over N bytes\n"
"                      (default 10485760)\n"
"  -h, --help          show this help\n"
"\n"
"Exit status: 0 success; 1 an input could not be used; 2 bad command line;\n"
"3 JSON Lines input with some bad records (the others were written);\n"
"4 out of memory or internal error.\n");
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
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0}};
    memset(a, 0, sizeof *a);
    a->sum.method = ng_model_default() ? NG_METHOD_LEARNED : NG_METHOD_LEAD;
    a->read.max_bytes = NG_DEFAULT_MAX_BYTES;
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
            if (ng_format_from_name(optarg, &a->read.format)) goto bad_value;
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
        case 'h': usage(stdout); return 1;
        default:
            fprintf(stderr, "nutgraf summarize: see 'nutgraf summarize --help'\n");
            return -1;
        }
    }
    return 0;
bad_value:
    fprintf(stderr, "nutgraf summarize: invalid value '%s' for -%c (see --help)\n", optarg, c);
    return -1;
}

/* Prints one document: bullets, or its JSON. */
static ng_status print_doc(const ng_doc *doc, int json, ng_error *err)
{
    if (json) return ng_print_doc_json(doc, err);
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
static void write_compact(const ng_doc *doc)
{
    ng_str id = ng_doc_field(doc, NG_FIELD_ID);
    fputs("{\"id\":", stdout);
    if (id.len) {
        fputc('"', stdout);
        for (size_t i = 0; i < id.len; i++) {
            char ch = id.ptr[i];
            if (ch == '"' || ch == '\\') fputc('\\', stdout);
            if ((unsigned char)ch >= 0x20) fputc(ch, stdout);
        }
        fputc('"', stdout);
    } else {
        fputs("null", stdout);
    }
    fputs(",\"highlights\":[", stdout);
    for (size_t i = 0; i < ng_doc_highlight_count(doc); i++) {
        ng_str t = ng_doc_highlight(doc, i).text;
        if (i) fputc(',', stdout);
        fputc('"', stdout);
        for (size_t k = 0; k < t.len; k++) {
            unsigned char ch = (unsigned char)t.ptr[k];
            if (ch == '"' || ch == '\\') { fputc('\\', stdout); fputc(ch, stdout); }
            else if (ch == '\n') fputs("\\n", stdout);
            else if (ch < 0x20) printf("\\u%04x", ch);
            else fputc(ch, stdout);
        }
        fputc('"', stdout);
    }
    fputs("]}\n", stdout);
}

static void progress(size_t n, int force)
{
    if (force || n % 1000 == 0) fprintf(stderr, "\rnutgraf summarize: %zu records", n);
}

/* Streams JSON Lines: one output line per input line.  Returns the exit
 * status for this input. */
static int run_batch(FILE *f, const char *name, const summarize_args *a)
{
    ng_line_reader r;
    ng_line_reader_init(&r, f, a->read.max_bytes);
    ng_read_options ro = a->read;
    ro.format = NG_FORMAT_JSON;
    int status = NG_EXIT_OK, tty = ng_stderr_is_tty();
    size_t records = 0;
    int rc;
    while ((rc = ng_line_reader_next(&r)) == 1) {
        const char *s = r.buf;
        size_t len = r.len;
        while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r')) len--;
        if (!r.too_long && len == 0) continue; /* blank lines are not records */
        ng_error err = {NG_OK, 0, ""};
        ng_doc *doc = NULL;
        ng_status st;
        if (r.too_long) {
            err.status = st = NG_E_TOO_BIG;
            snprintf(err.message, sizeof err.message, "line is over the limit of %zu bytes", a->read.max_bytes);
        } else {
            st = summarize_bytes(s, len, a, ro, &doc, &err);
        }
        if (st == NG_OK) {
            if (a->json) st = print_doc(doc, 1, &err);
            else write_compact(doc);
        }
        if (st != NG_OK) {
            err.line = r.line_no;
            ng_report("summarize", name, &err);
            ng_write_error_record(&err);
            status = st == NG_E_NOMEM ? NG_EXIT_INTERNAL : NG_EXIT_PARTIAL;
        }
        ng_doc_free(doc);
        if (tty) progress(++records, 0);
    }
    if (tty) { progress(records, 1); fputc('\n', stderr); }
    ng_line_reader_free(&r);
    if (rc < 0) {
        ng_error e = {NG_E_IO, 0, "read error or out of memory"};
        ng_report("summarize", name, &e);
        return NG_EXIT_INPUT;
    }
    return status;
}


static int run_single(FILE *f, const char *name, const summarize_args *a)
{
    ng_error err = {NG_OK, 0, ""};
    size_t len = 0;
    char *bytes = ng_read_file(strcmp(name, "-") ? name : "-", a->read.max_bytes, &len, &err);
    (void)f;
    if (!bytes) {
        ng_report("summarize", name, &err);
        return ng_exit_for(err.status);
    }
    ng_doc *doc = NULL;
    ng_status st = summarize_bytes(bytes, len, a, a->read, &doc, &err);
    free(bytes);
    if (st == NG_OK) st = print_doc(doc, a->json, &err);
    ng_doc_free(doc);
    if (st != NG_OK) {
        ng_report("summarize", name, &err);
        return ng_exit_for(st);
    }
    return NG_EXIT_OK;
}

static int run_input(const char *name, const summarize_args *a)
{
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

static int run_all(const summarize_args *a, int argc, char **argv);

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

static int run_all(const summarize_args *a, int argc, char **argv)
{
    int status = NG_EXIT_OK;
    if (optind >= argc) return run_input("-", a);
    for (int i = optind; i < argc; i++) {
        int rc = run_input(argv[i], a);
        if (rc > status) status = rc;
    }
    return status;
}
