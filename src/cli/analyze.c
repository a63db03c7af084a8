/* analyze.c - `nutgraf analyze`: prints the direct quotations of an article
 * with their speakers, its entities and its topic tags, or the whole
 * document as JSON (with "quotes", "entities" and "tags"); JSON Lines input
 * gives one JSON line per record, in order. */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/lines.h"
#include "output/jbuf.h"

typedef struct analyze_args {
    ng_read_options read;
    ng_analyze_options analyze;
    const char *ner_path;
    int json;
} analyze_args;

static void usage(FILE *out)
{
    fprintf(out,
"Usage: nutgraf analyze [OPTIONS] [FILE|-]...\n"
"\n"
"Reads each article (standard input when no FILE or FILE is -) and prints its\n"
"direct quotations, one a line: the quoted text, then who said it (the\n"
"canonical name, the mention as written and the verb of saying).  Partial\n"
"quotes (fragments inside the writer's sentence) are marked [partial];\n"
"reported speech (\"Posner said the talks were frank\", \"..., Posner said.\",\n"
"\"According to Posner, ...\") is printed after [reported], its content\n"
"without marks (\"kind\": \"reported\" in JSON, \"direct\" for the rest).  Then\n"
"the story's entities, most salient first (canonical name, PERSON, ORG, LOC\n"
"or MISC, number of mentions, salience 0-1), and its topic tags, ranked.\n"
"Entities come from the named-entity tagger built into nutgraf (trained by\n"
"`nutgraf train-ner`); mentions such as \"Posner\", \"he\" and \"U.S.\" are\n"
"grouped under \"Michael Posner\" and \"United States\".  JSON Lines input\n"
"gives one JSON line per record: id, quotes, entities and tags.\n"
"\n"
"Options:\n"
"  -f, --format NAME   auto, text, html, story or jsonl (default auto)\n"
"      --json          print the whole document as JSON, with quotes,\n"
"                      entities and tags arrays\n"
"      --ner-model FILE  use this tagger model instead of the built-in one\n"
"      --max-tags N    at most N topic tags (default 8)\n"
"      --ner-passes N  1 (default): the tagger's first pass only; 2: both\n"
"                      passes, the second retagging the story with what its\n"
"                      words were tagged as elsewhere in it (about 1 F1\n"
"                      point more accurate, about 1.5 times slower)\n"
"      --max-bytes N   refuse an article (or JSON line) over N bytes\n"
"  -h, --help          show this help\n"
"\n"
"Exit status: 0 success; 1 an input could not be used; 2 bad command line;\n"
"3 JSON Lines input with some bad records; 4 out of memory.\n");
}

static int parse_args(int argc, char **argv, analyze_args *a)
{
    static const struct option opts[] = {
        {"format", required_argument, 0, 'f'}, {"json", no_argument, 0, 'j'},
        {"max-bytes", required_argument, 0, 'B'}, {"help", no_argument, 0, 'h'},
        {"ner-model", required_argument, 0, 'N'}, {"max-tags", required_argument, 0, 'T'},
        {"ner-passes", required_argument, 0, 'P'},
        {0, 0, 0, 0}};
    memset(a, 0, sizeof *a);
    a->read.max_bytes = NG_DEFAULT_MAX_BYTES;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:h", opts, NULL)) != -1) {
        char *end;
        switch (c) {
        case 'f':
            if (ng_format_from_name(optarg, &a->read.format)) goto bad_value;
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
        case 'h': usage(stdout); return 1;
        default:
            fprintf(stderr, "nutgraf analyze: see 'nutgraf analyze --help'\n");
            return -1;
        }
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
static ng_status write_compact(const ng_doc *doc)
{
    ng_jbuf b;
    ng_jbuf_init(&b);
    ng_str id = ng_doc_field(doc, NG_FIELD_ID), body = ng_doc_body(doc);
    ng_jbuf_puts(&b, "{\"id\":");
    ng_jbuf_string(&b, id.len ? id.ptr : NULL, id.len);
    ng_jbuf_puts(&b, ",\"quotes\":[");
    for (size_t i = 0; i < ng_doc_quote_count(doc); i++) {
        ng_quote q = ng_doc_quote(doc, i);
        ng_jbuf_puts(&b, i ? ",{\"text\":" : "{\"text\":");
        ng_jbuf_string(&b, body.ptr + q.start, q.end - q.start);
        ng_jbuf_puts(&b, ",\"speaker\":");
        ng_jbuf_string(&b, q.speaker.len ? q.speaker.ptr : NULL, q.speaker.len);
        ng_jbuf_printf(&b, ",\"partial\":%s,\"kind\":\"%s\"}", q.partial ? "true" : "false",
                       q.reported ? "reported" : "direct");
    }
    ng_jbuf_puts(&b, "],\"entities\":[");
    for (size_t i = 0; i < ng_doc_entity_count(doc); i++) {
        ng_entity e = ng_doc_entity(doc, i);
        ng_jbuf_puts(&b, i ? ",{\"name\":" : "{\"name\":");
        ng_jbuf_string(&b, e.name.ptr, e.name.len);
        ng_jbuf_printf(&b, ",\"type\":\"%s\",\"salience\":%.3f}", ng_entity_type_name(e.type), e.salience);
    }
    ng_jbuf_puts(&b, "],\"tags\":[");
    for (size_t i = 0; i < ng_doc_tag_count(doc); i++) {
        ng_tag t = ng_doc_tag(doc, i);
        if (i) ng_jbuf_puts(&b, ",");
        ng_jbuf_string(&b, t.text.ptr, t.text.len);
    }
    ng_jbuf_puts(&b, "]}\n");
    ng_status st = b.failed ? NG_E_NOMEM : NG_OK;
    if (st == NG_OK) fwrite(b.data, 1, b.len, stdout);
    ng_jbuf_free(&b);
    return st;
}


static ng_status analyze_bytes(const char *bytes, size_t len, ng_read_options ro,
                               const ng_analyze_options *ao, ng_doc **out, ng_error *err)
{
    ng_status st = ng_doc_read(bytes, len, &ro, out, err);
    if (st == NG_OK) st = ng_analyze(*out, ao, err);
    return st;
}


/* One JSON Lines record; returns its status. */
static ng_status batch_record(const ng_line_reader *r, const analyze_args *a, ng_error *err)
{
    const char *s = r->buf;
    size_t len = r->len;
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r')) len--;
    if (r->too_long) {
        snprintf(err->message, sizeof err->message, "line is over the limit of %zu bytes",
                 a->read.max_bytes);
        return err->status = NG_E_TOO_BIG;
    }
    ng_read_options ro = a->read;
    ro.format = NG_FORMAT_JSON;
    ng_doc *doc = NULL;
    ng_status st = analyze_bytes(s, len, ro, &a->analyze, &doc, err);
    if (st == NG_OK) st = a->json ? ng_print_doc_json(doc, err) : write_compact(doc);
    ng_doc_free(doc);
    return st;
}

static int run_batch(FILE *f, const char *name, const analyze_args *a)
{
    ng_line_reader r;
    ng_line_reader_init(&r, f, a->read.max_bytes);
    int status = NG_EXIT_OK, rc;
    while ((rc = ng_line_reader_next(&r)) == 1) {
        size_t len = r.len;
        while (len && (r.buf[len - 1] == ' ' || r.buf[len - 1] == '\t' || r.buf[len - 1] == '\r')) len--;
        if (!r.too_long && len == 0) continue;
        ng_error err = {NG_OK, 0, ""};
        ng_status st = batch_record(&r, a, &err);
        if (st == NG_OK) continue;
        err.status = st;
        err.line = r.line_no;
        ng_report("analyze", name, &err);
        ng_write_error_record(&err);
        status = st == NG_E_NOMEM ? NG_EXIT_INTERNAL : NG_EXIT_PARTIAL;
    }
    ng_line_reader_free(&r);
    if (rc < 0) {
        ng_error e = {NG_E_IO, 0, "read error or out of memory"};
        ng_report("analyze", name, &e);
        return NG_EXIT_INPUT;
    }
    return status;
}

static int run_single(const char *name, const analyze_args *a)
{
    ng_error err = {NG_OK, 0, ""};
    size_t len = 0;
    char *bytes = ng_read_file(name, a->read.max_bytes, &len, &err);
    if (!bytes) {
        ng_report("analyze", name, &err);
        return ng_exit_for(err.status);
    }
    ng_doc *doc = NULL;
    ng_status st = analyze_bytes(bytes, len, a->read, &a->analyze, &doc, &err);
    free(bytes);
    if (st == NG_OK) {
        if (a->json) st = ng_print_doc_json(doc, &err);
        else {
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
    if (optind >= argc) status = run_input("-", &a);
    for (int i = optind; i < argc; i++) {
        int rc = run_input(argv[i], &a);
        if (rc > status) status = rc;
    }
    ng_analyze_work_free(a.analyze.work);
    ng_ner_model_release(ner);
    return status;
}
