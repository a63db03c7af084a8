/* analyze.c - `nutgraf analyze`: prints the direct quotations of an article
 * with their speakers, its entities and its topic tags, or the whole
 * document as JSON (with "quotes", "entities" and "tags"); JSON Lines input
 * gives one JSON line per record, in order. */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/batch.h"
#include "cli/cli.h"
#include "cli/lines.h"
#include "cli/table.h"
#include "output/jbuf.h"

typedef struct analyze_args {
    ng_read_options read;
    ng_fetch_options fetch;
    ng_analyze_options analyze;
    const char *ner_path;
    int json;
    int threads;
    ng_out_format out;  /* --format markdown, csv or tsv */
    const char *input;  /* the input being read, for the id cell */
} analyze_args;

static void usage(FILE *out)
{
    fprintf(out,
"Usage: nutgraf analyze [OPTIONS] [FILE|URL|-]...\n"
"\n"
"Reads each article (standard input when no FILE or FILE is -; a URL starting\n"
"with http:// or https:// is fetched, as by nutgraf extract) and prints its\n"
"direct quotations, one a line: the quoted text, then who said it (the\n"
"canonical name, the mention as written and the verb of saying).  Partial\n"
"quotes (fragments inside the writer's sentence) are marked [partial];\n"
"reported speech (\"Posner said the talks were frank\", \"..., Posner said.\",\n"
"\"According to Posner, ...\") is printed after [reported], its content\n"
"without marks (\"kind\": \"reported\" in JSON, \"direct\" for the rest);\n"
"a classifier built into nutgraf, learned from news articles, picks it among\n"
"the candidates that verbs of saying and their subjects propose.  Then\n"
"the story's entities, most salient first (canonical name, PERSON, ORG, LOC\n"
"or MISC, number of mentions, salience 0-1), and its topic tags, ranked.\n"
"Entities come from the named-entity tagger built into nutgraf (trained by\n"
"`nutgraf train-ner`); mentions such as \"Posner\", \"he\" and \"U.S.\" are\n"
"grouped under \"Michael Posner\" and \"United States\".  JSON Lines input\n"
"gives one JSON line per record: id, quotes, entities and tags.\n"
"\n"
"Options:\n"
"  -f, --format NAME   the input's format: auto, text, html, story or jsonl\n"
"                      (default auto); or the output's: markdown (quotes,\n"
"                      an entity table and tags per article), csv or tsv (a\n"
"                      header, then one row per quote: id, quote, speaker,\n"
"                      mention, cue, partial, kind; the id is the record's, else\n"
"                      the input's name)\n"
"      --json          print the whole document as JSON, with quotes,\n"
"                      entities and tags arrays\n"
"      --ner-model FILE  use this tagger model instead of the built-in one\n"
"      --max-tags N    at most N topic tags (default 8)\n"
"      --ner-passes N  1 (default): the tagger's first pass only; 2: both\n"
"                      passes, the second retagging the story with what its\n"
"                      words were tagged as elsewhere in it (about 1 F1\n"
"                      point more accurate, about 1.5 times slower)\n"
"      --max-bytes N   refuse an article (or JSON line) over N bytes\n"
"                      (default 10485760); a URL's transfer stops there\n"
NG_FETCH_HELP
"      --threads N     JSON Lines: analyze on N threads (default: the number\n"
"                      of cores); the output is the same for any N\n"
"  -h, --help          show this help\n"
"\n"
"Exit status: 0 success; 1 an input could not be used; 2 bad command line;\n"
"3 JSON Lines input with some bad records; 4 out of memory; 6 a URL could not\n"
"be fetched (DNS, connection, timeout, HTTP status >= 400).\n");
}

static int parse_args(int argc, char **argv, analyze_args *a)
{
    static const struct option opts[] = {
        {"format", required_argument, 0, 'f'}, {"json", no_argument, 0, 'j'},
        {"max-bytes", required_argument, 0, 'B'}, {"help", no_argument, 0, 'h'},
        {"ner-model", required_argument, 0, 'N'}, {"max-tags", required_argument, 0, 'T'},
        {"ner-passes", required_argument, 0, 'P'}, {"threads", required_argument, 0, 'J'},
        NG_FETCH_LONG_OPTIONS,                    {0, 0, 0, 0}};
    memset(a, 0, sizeof *a);
    a->read.max_bytes = NG_DEFAULT_MAX_BYTES;
    ng_fetch_options_init(&a->fetch);
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:h", opts, NULL)) != -1) {
        char *end;
        switch (c) {
        case 'f':
            if (ng_out_format_parse(optarg, &a->out) && ng_format_from_name(optarg, &a->read.format))
                goto bad_value;
            break;
        case 'j': a->json = 1; break;
        case 'N': a->ner_path = optarg; break;
        case 'T':
            a->analyze.max_tags = (size_t)strtoull(optarg, &end, 10);
            if (!*optarg || *end || optarg[0] == '-' || !a->analyze.max_tags || a->analyze.max_tags > 100)
                goto bad_value;
            break;
        case 'P':
            if (strcmp(optarg, "1") && strcmp(optarg, "2")) goto bad_value;
            a->analyze.ner_passes = optarg[0] - '0';
            break;
        case 'B':
            a->read.max_bytes = (size_t)strtoull(optarg, &end, 10);
            if (!*optarg || *end || optarg[0] == '-' || !a->read.max_bytes) goto bad_value;
            break;
        case 'J':
            if (ng_batch_parse_threads(optarg, &a->threads)) goto bad_value;
            break;
        case 'h': usage(stdout); return 1;
        case NG_OPT_CONNECT_TIMEOUT:
        case NG_OPT_TIMEOUT:
            if (ng_fetch_option(c, optarg, &a->fetch) < 0) {
                fprintf(stderr, "nutgraf analyze: invalid value '%s' for --%s (see --help)\n", optarg,
                        c == NG_OPT_TIMEOUT ? "timeout" : "connect-timeout");
                return -1;
            }
            break;
        default:
            fprintf(stderr, "nutgraf analyze: see 'nutgraf analyze --help'\n");
            return -1;
        }
    }
    if (a->json && a->out != NG_OUT_TEXT) {
        fprintf(stderr, "nutgraf analyze: --json and --format %s do not go together\n",
                a->out == NG_OUT_MARKDOWN ? "markdown" : a->out == NG_OUT_CSV ? "csv" : "tsv");
        return -1;
    }
    return 0;
bad_value:
    fprintf(stderr, "nutgraf analyze: invalid value '%s' for -%c (see --help)\n", optarg, c);
    return -1;
}

static void print_str(const char *label, ng_str s)
{
    if (s.len) printf("%s%.*s", label, (int)s.len, s.ptr);
}

static void print_quotes(const ng_doc *doc)
{
    ng_str body = ng_doc_body(doc);
    for (size_t i = 0; i < ng_doc_quote_count(doc); i++) {
        ng_quote q = ng_doc_quote(doc, i);
        if (q.reported) printf("[reported] %.*s\n    ", (int)(q.end - q.start), body.ptr + q.start);
        else printf("%s\"%.*s\"\n    ", q.partial ? "[partial] " : "", (int)(q.end - q.start), body.ptr + q.start);
        if (q.speaker.len) printf("%.*s", (int)q.speaker.len, q.speaker.ptr);
        else fputs("(no speaker)", stdout);
        print_str(" | mention: ", q.speaker_mention);
        print_str(" | cue: ", q.cue);
        fputc('\n', stdout);
    }
}

static void print_entities(const ng_doc *doc)
{
    if (ng_doc_entity_count(doc)) fputs("Entities:\n", stdout);
    for (size_t i = 0; i < ng_doc_entity_count(doc); i++) {
        ng_entity e = ng_doc_entity(doc, i);
        printf("  %-7s %.*s (%zu mention%s, salience %.2f)\n", ng_entity_type_name(e.type), (int)e.name.len,
               e.name.ptr, e.mentions, e.mentions == 1 ? "" : "s", e.salience);
    }
    if (ng_doc_tag_count(doc)) fputs("Tags:", stdout);
    for (size_t i = 0; i < ng_doc_tag_count(doc); i++) {
        ng_tag t = ng_doc_tag(doc, i);
        printf("%s%.*s", i ? ", " : " ", (int)t.text.len, t.text.ptr);
    }
    if (ng_doc_tag_count(doc)) fputc('\n', stdout);
}

/* The compact batch line: {"id":..., "quotes":[{"text","speaker","partial","kind"}],
 * "entities":[{"name","type","salience"}], "tags":[text, ...]}. */
static void write_compact(const ng_doc *doc, ng_jbuf *out)
{
    ng_str id = ng_doc_field(doc, NG_FIELD_ID), body = ng_doc_body(doc);
    ng_jbuf_puts(out, "{\"id\":");
    ng_jbuf_string(out, id.len ? id.ptr : NULL, id.len);
    ng_jbuf_puts(out, ",\"quotes\":[");
    for (size_t i = 0; i < ng_doc_quote_count(doc); i++) {
        ng_quote q = ng_doc_quote(doc, i);
        ng_jbuf_puts(out, i ? ",{\"text\":" : "{\"text\":");
        ng_jbuf_string(out, body.ptr + q.start, q.end - q.start);
        ng_jbuf_puts(out, ",\"speaker\":");
        ng_jbuf_string(out, q.speaker.len ? q.speaker.ptr : NULL, q.speaker.len);
        ng_jbuf_printf(out, ",\"partial\":%s,\"kind\":\"%s\"}", q.partial ? "true" : "false",
                       q.reported ? "reported" : "direct");
    }
    ng_jbuf_puts(out, "],\"entities\":[");
    for (size_t i = 0; i < ng_doc_entity_count(doc); i++) {
        ng_entity e = ng_doc_entity(doc, i);
        ng_jbuf_puts(out, i ? ",{\"name\":" : "{\"name\":");
        ng_jbuf_string(out, e.name.ptr, e.name.len);
        ng_jbuf_printf(out, ",\"type\":\"%s\",\"salience\":%.3f}", ng_entity_type_name(e.type), e.salience);
    }
    ng_jbuf_puts(out, "],\"tags\":[");
    for (size_t i = 0; i < ng_doc_tag_count(doc); i++) {
        ng_tag t = ng_doc_tag(doc, i);
        if (i) ng_jbuf_puts(out, ",");
        ng_jbuf_string(out, t.text.ptr, t.text.len);
    }
    ng_jbuf_puts(out, "]}\n");
}


/* Markdown: a heading, the quotes, an entity table and the tags. */
static void write_markdown(const ng_doc *doc, ng_str id, ng_jbuf *b)
{
    ng_str h = ng_doc_field(doc, NG_FIELD_HEADLINE), body = ng_doc_body(doc);
    ng_jbuf_puts(b, "## ");
    ng_markdown_text(b, h.len ? h.ptr : id.ptr, h.len ? h.len : id.len);
    ng_jbuf_puts(b, "\n\n");
    if (ng_doc_quote_count(doc)) ng_jbuf_puts(b, "### Quotes\n\n");
    for (size_t i = 0; i < ng_doc_quote_count(doc); i++) {
        ng_quote q = ng_doc_quote(doc, i);
        ng_jbuf_puts(b, "- \"");
        ng_markdown_text(b, body.ptr + q.start, q.end - q.start);
        ng_jbuf_puts(b, "\" \xE2\x80\x94 ");
        if (q.speaker.len) ng_markdown_text(b, q.speaker.ptr, q.speaker.len);
        else ng_jbuf_puts(b, "(no speaker)");
        ng_jbuf_puts(b, q.reported ? " (reported)" : "");
        ng_jbuf_puts(b, q.partial ? " (partial)\n" : "\n");
    }
    if (ng_doc_quote_count(doc)) ng_jbuf_puts(b, "\n");
    if (ng_doc_entity_count(doc)) ng_jbuf_puts(b, "### Entities\n\n| Entity | Type | Mentions | Salience |\n|---|---|---:|---:|\n");
    for (size_t i = 0; i < ng_doc_entity_count(doc); i++) {
        ng_entity e = ng_doc_entity(doc, i);
        ng_jbuf_puts(b, "| ");
        ng_markdown_text(b, e.name.ptr, e.name.len);
        ng_jbuf_printf(b, " | %s | %zu | %.2f |\n", ng_entity_type_name(e.type), e.mentions, e.salience);
    }
    if (ng_doc_entity_count(doc)) ng_jbuf_puts(b, "\n");
    if (ng_doc_tag_count(doc)) ng_jbuf_puts(b, "### Tags\n\n");
    for (size_t i = 0; i < ng_doc_tag_count(doc); i++) {
        ng_tag t = ng_doc_tag(doc, i);
        if (i) ng_jbuf_puts(b, ", ");
        ng_markdown_text(b, t.text.ptr, t.text.len);
    }
    if (ng_doc_tag_count(doc)) ng_jbuf_puts(b, "\n\n");
}

/* --format markdown, csv or tsv; CSV and TSV have one row per quote. */
static void write_table(const ng_doc *doc, const analyze_args *a, ng_jbuf *b)
{
    ng_str id = ng_doc_field(doc, NG_FIELD_ID), body = ng_doc_body(doc);
    if (!id.len) id = (ng_str){a->input, strlen(a->input)};
    if (a->out == NG_OUT_MARKDOWN) {
        write_markdown(doc, id, b);
        return;
    }
    for (size_t i = 0; i < ng_doc_quote_count(doc); i++) {
        ng_quote q = ng_doc_quote(doc, i);
        ng_table_cell(b, a->out, 1, id.ptr, id.len);
        ng_table_cell(b, a->out, 0, body.ptr + q.start, q.end - q.start);
        ng_table_cell(b, a->out, 0, q.speaker.ptr, q.speaker.len);
        ng_table_cell(b, a->out, 0, q.speaker_mention.ptr, q.speaker_mention.len);
        ng_table_cell(b, a->out, 0, q.cue.ptr, q.cue.len);
        ng_table_cell(b, a->out, 0, q.partial ? "true" : "false", q.partial ? 4 : 5);
        ng_table_cell(b, a->out, 0, q.reported ? "reported" : "direct", q.reported ? 8 : 6);
        ng_table_end_row(b, a->out);
    }
}

static ng_status analyze_bytes(const char *bytes, size_t len, ng_read_options ro,
                               const ng_analyze_options *ao, ng_doc **out, ng_error *err)
{
    ng_status st = ng_doc_read(bytes, len, &ro, out, err);
    if (st == NG_OK) st = ng_analyze(*out, ao, err);
    return st;
}


/* A batch worker's scratch space: the tagger's buffers and word cache. */
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

/* One JSON Lines record, on a batch worker with its own scratch space. */
static ng_status batch_process(void *ctx, void *scratch, ng_batch_record *rec)
{
    const analyze_args *a = ctx;
    ng_read_options ro = a->read;
    ro.format = NG_FORMAT_JSON;
    ng_analyze_options ao = a->analyze;
    ao.work = scratch;
    ng_doc *doc = NULL;
    ng_status st = analyze_bytes(rec->line, rec->len, ro, &ao, &doc, &rec->err);
    if (st == NG_OK) {
        if (a->json) st = ng_batch_write_json(doc, &rec->out, &rec->err);
        else if (a->out != NG_OUT_TEXT) write_table(doc, a, &rec->out);
        else write_compact(doc, &rec->out);
    }
    ng_doc_free(doc);
    return st;
}

static int run_batch(FILE *f, const char *name, const analyze_args *a)
{
    ng_line_reader r;
    ng_line_reader_init(&r, f, a->read.max_bytes);
    ng_batch_ops ops = {"analyze", (void *)a, worker_new, worker_free, batch_process, NULL};
    ng_batch_options bo = {a->threads, 0, ng_input_size(f), ng_stderr_is_tty(), a->out == NG_OUT_TEXT};
    ng_batch_stats stats;
    int rc = ng_batch_run(&r, name, &bo, &ops, &stats);
    ng_line_reader_free(&r);
    return rc;
}

static int run_single(const char *name, const analyze_args *a)
{
    ng_error err = {NG_OK, 0, ""};
    size_t len = 0;
    ng_format served = NG_FORMAT_AUTO;
    char *bytes = ng_read_input(name, a->read.max_bytes, &a->fetch, &len, &served, &err);
    if (!bytes) {
        ng_report("analyze", name, &err);
        return ng_exit_for(err.status);
    }
    ng_doc *doc = NULL;
    ng_status st = analyze_bytes(bytes, len, ng_read_options_for(name, a->read, len, served), &a->analyze, &doc, &err);
    free(bytes);
    if (st == NG_OK) {
        if (a->json) {
            st = ng_print_doc_json(doc, &err);
        } else if (a->out != NG_OUT_TEXT) {
            ng_jbuf b;
            ng_jbuf_init(&b);
            write_table(doc, a, &b);
            if (!b.failed) fwrite(b.data, 1, b.len, stdout);
            else st = err.status = NG_E_NOMEM;
            ng_jbuf_free(&b);
        } else {
            print_quotes(doc);
            print_entities(doc);
        }
    }
    ng_doc_free(doc);
    if (st != NG_OK) {
        ng_report("analyze", name, &err);
        return ng_exit_for(st);
    }
    return NG_EXIT_OK;
}


static int run_input(const char *name, const analyze_args *a)
{
    if (ng_is_url(name)) return run_single(name, a);
    int is_stdin = !strcmp(name, "-");
    FILE *f = is_stdin ? stdin : fopen(name, "rb");
    if (!f) {
        ng_error err = {NG_E_IO, 0, ""};
        snprintf(err.message, sizeof err.message, "cannot open: %s", strerror(errno));
        ng_report("analyze", name, &err);
        return NG_EXIT_INPUT;
    }
    int batch = a->read.format == NG_FORMAT_JSON || (a->read.format == NG_FORMAT_AUTO && ng_peek_is_json(f));
    int rc = batch ? run_batch(f, name, a) : -1;
    if (!is_stdin) fclose(f);
    return batch ? rc : run_single(name, a);
}

int ng_cmd_analyze(int argc, char **argv)
{
    analyze_args a;
    int p = parse_args(argc, argv, &a);
    if (p) return p > 0 ? NG_EXIT_OK : NG_EXIT_USAGE;
    ng_ner_model *ner = NULL;
    if (a.ner_path) {
        ng_error err = {NG_OK, 0, ""};
        ng_status st = ng_ner_model_open(a.ner_path, &ner, &err);
        if (st != NG_OK) {
            ng_report("analyze", a.ner_path, &err);
            return ng_exit_for(st);
        }
        a.analyze.ner = ner;
    }
    a.analyze.work = ng_analyze_work_new();
    if (!a.analyze.work) {
        ng_ner_model_release(ner);
        fprintf(stderr, "nutgraf analyze: out of memory\n");
        return NG_EXIT_INTERNAL;
    }
    int status = NG_EXIT_OK;
    if (a.out == NG_OUT_CSV || a.out == NG_OUT_TSV) {
        static const char *const cols[] = {"id", "quote", "speaker", "mention", "cue", "partial", "kind", NULL};
        ng_jbuf b;
        ng_jbuf_init(&b);
        ng_table_header(&b, a.out, cols);
        if (!b.failed) fwrite(b.data, 1, b.len, stdout);
        ng_jbuf_free(&b);
    }
    a.input = "-";
    if (optind >= argc) status = run_input("-", &a);
    for (int i = optind; i < argc; i++) {
        a.input = argv[i];
        int rc = run_input(argv[i], &a);
        if (rc > status) status = rc;
    }
    ng_analyze_work_free(a.analyze.work);
    ng_ner_model_release(ner);
    return status;
}
