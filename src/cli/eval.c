/* eval.c - `nutgraf eval`: runs summarizer methods (Lead-3 always) over the
 * articles of a JSON Lines file, scores them against the reference
 * highlights with ROUGE-1.5.5 and prints a table with 95% intervals, the
 * paired bootstrap against Lead-3, summary lengths and throughput; can also
 * write an HTML report and the system/reference pairs. */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/batch.h"
#include "cli/cli.h"
#include "cli/eval_report.h"
#include "cli/lines.h"

#define MAX_METHODS 31

typedef struct eval_spec {
    char name[32];
    ng_summary_options opts;
} eval_spec;

typedef struct eval_args {
    eval_spec specs[MAX_METHODS];
    size_t nspecs;
    const char *method_list;
    const char *model_path;
    int k_set;
    int k, max_words, json;
    int threads;
    size_t limit, max_bytes;
    const char *report, *pairs, *input;
} eval_args;

/* An output file written under a temporary name and renamed when done. */
typedef struct out_file {
    const char *path;
    char *tmp;
    FILE *f;
} out_file;

static void usage(FILE *out)
{
    fputs(
"Usage: nutgraf eval [OPTIONS] DATA.jsonl\n"
"\n"
"Summarizes every article of a JSON Lines file (one record a line: id, article\n"
"or text, and highlights, the reference summary as a list of sentences) with\n"
"Lead-3 and the requested methods, and scores each summary against the\n"
"references with ROUGE-1.5.5 (options -c 95 -m -r 1000 -n 2 -a).  Lead-3 (the\n"
"first three sentences) is always included from the same run.  Prints, per\n"
"method: ROUGE-1, ROUGE-2 and ROUGE-L F1 x 100 with 95% confidence intervals\n"
"(ROUGE-1.5.5's bootstrap), the average summary length in words, and the\n"
"mean per-article difference from Lead-3 of each with a one-sided paired\n"
"bootstrap p-value: the share of 1000 resamples of the articles (fixed seed,\n"
"so runs repeat exactly) in which the method is not better than Lead-3.  A last\n"
"line gives throughput: articles per second of reading and summarizing (all\n"
"methods together) and of scoring.  A broken record is reported on stderr as\n"
"FILE:LINE: message and skipped; the rest goes on.  A progress bar is drawn on\n"
"stderr when it is a terminal.\n"
"\n"
"Options:\n"
"  -m, --method LIST   comma-separated systems: lead, textrank, learned,\n"
"                      learned+trim (the default rules, as nutgraf summarize),\n"
"                      learned+trim=all, learned+trim=R1/R2\n"
"                      (only those rules), learned+trim-R1 (all but R1); rules:\n"
"                      dateline, conjunction, attribution, parentheses,\n"
"                      relative, appositive (default: lead,textrank, plus\n"
"                      learned,learned+trim when a model is built in)\n"
"                      lead3 is always added.  A first bullet opening on a\n"
"                      pronoun gets the person's name, as nutgraf summarize\n"
"                      does; a trailing +yield (learned+trim+yield) gives it\n"
"                      no name, as summarize --names off\n"
"      --model FILE    the model for learned (default: the built-in one)\n"
"  -k, --sentences N   sentences per summary for the methods (default 3, and\n"
"                      the model's choice for learned; lead3 always takes 3)\n"
"  -w, --words N       word budget per summary for the methods (lead3: none)\n"
"  -n, --limit N       score only the first N articles\n"
"      --json          print the table as one JSON object instead\n"
"      --report FILE   write a self-contained HTML page: the table, per-article\n"
"                      ROUGE-1 of each method against lead3, and ROUGE-1 by\n"
"                      article length\n"
"      --pairs FILE    write one JSON line per scored article: id, references\n"
"                      and each method's sentences, for other scorers\n"
"      --max-bytes N   skip a line over N bytes (default 10485760)\n"
"      --threads N     read the articles on N threads (default: the number of\n"
"                      cores); the results are the same for any N\n"
"  -h, --help          show this help\n"
"\n"
"FILE outputs are written to a temporary file and renamed, so they are never\n"
"left half-written.\n"
"\n"
"Exit status: 0 success; 1 the input is missing, unreadable, empty or has no\n"
"article that could be scored; 2 bad command line; 3 done, but some records\n"
"were broken (each reported); 4 out of memory, or an output could not be\n"
"written.\n"
"\n"
"Example:\n"
"  nutgraf eval --method lead,textrank --report dev.html data/cnndm/dev.jsonl\n", out);
}

static int parse_size(const char *s, size_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (!*s || *end || s[0] == '-' || v == 0 || errno) return -1;
    *out = (size_t)v;
    return 0;
}

/* "learned+trim", "learned+trim=attribution/relative", "learned+trim-appositive":
 * the trimming rules of a system name.  Returns 0 or -1. */
static int parse_trim_suffix(const char *suffix, unsigned *trim)
{
    if (!*suffix) { *trim = 0; return 0; }
    if (!strcmp(suffix, "+trim")) { *trim = NG_TRIM_DEFAULT; return 0; }
    char rules[128];
    if (strlen(suffix) >= sizeof rules || strncmp(suffix, "+trim", 5) || (suffix[5] != '=' && suffix[5] != '-'))
        return -1;
    snprintf(rules, sizeof rules, "%s", suffix + 6);
    for (char *c = rules; *c; c++)
        if (*c == '/') *c = ',';
    unsigned bits;
    if (ng_trim_rules_parse(rules, &bits) != NG_OK) return -1;
    *trim = suffix[5] == '=' ? bits : (NG_TRIM_ALL & ~bits);
    return 0;
}

/* Turns the --method list into systems; lead3 is always there already. */
static int parse_methods(const char *list, eval_args *a)
{
    char buf[2048];
    if (strlen(list) >= sizeof buf) return -1;
    strcpy(buf, list);
    a->nspecs = 0;
    char *save = NULL;
    for (char *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
        if (!strcmp(t, "lead3")) continue;
        char base[32];
        size_t n = strcspn(t, "+");
        if (n >= sizeof base || a->nspecs == MAX_METHODS || strlen(t) >= sizeof a->specs[0].name) return -1;
        memcpy(base, t, n);
        base[n] = '\0';
        eval_spec *sp = &a->specs[a->nspecs];
        memset(sp, 0, sizeof *sp);
        if (ng_method_from_name(base, &sp->opts.method) != NG_OK) return -1;
        char rest[32];
        snprintf(rest, sizeof rest, "%s", t + n);
        size_t rn = strlen(rest);
        sp->opts.names = NG_NAMES_ANALYZE; /* as nutgraf summarize */
        if (rn >= 6 && !strcmp(rest + rn - 6, "+yield")) { /* as summarize --names off */
            sp->opts.names = NG_NAMES_OFF;
            rest[rn - 6] = '\0';
        }
        if (parse_trim_suffix(rest, &sp->opts.trim)) return -1;
        if (sp->opts.method == NG_METHOD_LEAD && a->k == 3 && !a->max_words && !sp->opts.trim) continue;
        /* learned picks its own length unless -k is given */
        sp->opts.k = sp->opts.method == NG_METHOD_LEARNED && !a->k_set ? 0 : a->k;
        sp->opts.max_words = a->max_words;
        snprintf(sp->name, sizeof sp->name, "%s", t);
        int dup = 0;
        for (size_t i = 0; i < a->nspecs; i++) dup |= !strcmp(a->specs[i].name, t);
        if (!dup) a->nspecs++;
    }
    return 0;
}

static int parse_args(int argc, char **argv, eval_args *a)
{
    static const struct option opts[] = {
        {"method", required_argument, 0, 'm'}, {"sentences", required_argument, 0, 'k'},
        {"words", required_argument, 0, 'w'},  {"limit", required_argument, 0, 'n'},
        {"json", no_argument, 0, 'j'},         {"report", required_argument, 0, 'R'},
        {"pairs", required_argument, 0, 'P'},  {"max-bytes", required_argument, 0, 'B'},
        {"model", required_argument, 0, 'M'}, {"help", no_argument, 0, 'h'},
        {"threads", required_argument, 0, 'J'},
        {0, 0, 0, 0}};
    memset(a, 0, sizeof *a);
    a->method_list = ng_model_default() ? "lead,textrank,learned,learned+trim" : "lead,textrank";
    a->k = 3;
    a->max_bytes = NG_DEFAULT_MAX_BYTES;
    int c;
    size_t v;
    optind = 1;
    opterr = 1;
    while ((c = getopt_long(argc, argv, "m:k:w:n:h", opts, NULL)) != -1) {
        switch (c) {
        case 'm': a->method_list = optarg; break;
        case 'M': a->model_path = optarg; break;
        case 'k':
            if (parse_size(optarg, &v) || v > 100) goto bad_value;
            a->k = (int)v;
            a->k_set = 1;
            break;
        case 'w':
            if (parse_size(optarg, &v) || v > 100000) goto bad_value;
            a->max_words = (int)v;
            break;
        case 'n':
            if (parse_size(optarg, &a->limit)) goto bad_value;
            break;
        case 'j': a->json = 1; break;
        case 'R': a->report = optarg; break;
        case 'P': a->pairs = optarg; break;
        case 'B':
            if (parse_size(optarg, &a->max_bytes)) goto bad_value;
            break;
        case 'J':
            if (ng_batch_parse_threads(optarg, &a->threads)) goto bad_value;
            break;
        case 'h': usage(stdout); return 1;
        default:
            fprintf(stderr, "nutgraf eval: see 'nutgraf eval --help'\n");
            return -1;
        }
    }
    if (optind != argc - 1) {
        fprintf(stderr, "nutgraf eval: expected one DATA.jsonl (see 'nutgraf eval --help')\n");
        return -1;
    }
    a->input = argv[optind];
    if (parse_methods(a->method_list, a)) {
        fprintf(stderr, "nutgraf eval: invalid value '%s' for --method (see --help)\n", a->method_list);
        return -1;
    }
    return 0;
bad_value:
    fprintf(stderr, "nutgraf eval: invalid value '%s' for %s (see --help)\n", optarg,
            c == 'm' ? "--method" : c == 'k' ? "-k" : c == 'w' ? "--words" : c == 'n' ? "--limit" : c == 'J' ? "--threads" : "--max-bytes");
    return -1;
}

static int out_open(out_file *o, const char *path)
{
    memset(o, 0, sizeof *o);
    o->path = path;
    size_t n = strlen(path);
    o->tmp = malloc(n + 16);
    if (!o->tmp) return -1;
    memcpy(o->tmp, path, n);
    memcpy(o->tmp + n, ".tmp.XXXXXX", 12);
    int fd = mkstemp(o->tmp);
    if (fd >= 0) { /* mkstemp makes it 0600; give it what a plain open would */
        mode_t mask = umask(0);
        umask(mask);
        if (fchmod(fd, 0666 & ~mask)) { /* keep 0600 */ }
    }
    if (fd < 0 || !(o->f = fdopen(fd, "w"))) {
        int saved = errno;
        if (fd >= 0) { close(fd); unlink(o->tmp); }
        fprintf(stderr, "nutgraf eval: %s: cannot write: %s\n", path, strerror(saved));
        free(o->tmp);
        o->tmp = NULL;
        return -1;
    }
    return 0;
}

static void out_abort(out_file *o)
{
    if (o->f) {
        fclose(o->f);
        unlink(o->tmp);
    }
    free(o->tmp);
    memset(o, 0, sizeof *o);
}

static int out_commit(out_file *o)
{
    if (!o->f) return 0;
    int bad = ferror(o->f);
    int closed = fclose(o->f);
    o->f = NULL;
    if (bad || closed || rename(o->tmp, o->path)) {
        fprintf(stderr, "nutgraf eval: %s: cannot write: %s\n", o->path, strerror(errno ? errno : EIO));
        unlink(o->tmp);
        free(o->tmp);
        o->tmp = NULL;
        return -1;
    }
    free(o->tmp);
    o->tmp = NULL;
    return 0;
}

static void json_str(FILE *f, const char *s, size_t len)
{
    fputc('"', f);
    for (size_t i = 0; s && i < len; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch == '"' || ch == '\\') { fputc('\\', f); fputc(ch, f); }
        else if (ch == '\n') fputs("\\n", f);
        else if (ch == '\t') fputs("\\t", f);
        else if (ch < 0x20) fprintf(f, "\\u%04x", ch);
        else fputc(ch, f);
    }
    fputc('"', f);
}

static void write_pair(FILE *f, const ng_eval *ev, const ng_doc *doc)
{
    ng_str id = ng_doc_field(doc, NG_FIELD_ID);
    fputs("{\"id\":", f);
    if (id.len) json_str(f, id.ptr, id.len);
    else fputs("null", f);
    fputs(",\"references\":[", f);
    for (size_t i = 0; i < ng_doc_list_count(doc, NG_LIST_REFERENCES); i++) {
        ng_str r = ng_doc_list_item(doc, NG_LIST_REFERENCES, i);
        if (i) fputc(',', f);
        json_str(f, r.ptr, r.len);
    }
    fputs("],\"systems\":{", f);
    for (size_t s = 0; s < ng_eval_system_count(ev); s++) {
        const char *name = ng_eval_system_name(ev, s);
        if (s) fputc(',', f);
        json_str(f, name, strlen(name));
        fputs(":[", f);
        for (size_t i = 0; i < ng_eval_last_count(ev, s); i++) {
            ng_str t = ng_eval_last_sentence(ev, s, i);
            if (i) fputc(',', f);
            json_str(f, t.ptr, t.len);
        }
        fputc(']', f);
    }
    fputs("}}\n", f);
}

static void print_table(const ng_eval *ev, const ng_eval_result *res)
{
    size_t w = 10;
    for (size_t s = 0; s < ng_eval_system_count(ev); s++)
        if (strlen(ng_eval_system_name(ev, s)) > w) w = strlen(ng_eval_system_name(ev, s));
    printf("%-*s  %-23s%-23s%-23s%5s  %s\n", (int)w, "method", "R-1 F1 [95% CI]", "R-2 F1 [95% CI]",
           "R-L F1 [95% CI]", "words", "vs lead3: dR-1 (p)  dR-2 (p)  dR-L (p)");
    for (size_t s = 0; s < ng_eval_system_count(ev); s++) {
        const ng_eval_result *r = &res[s];
        printf("%-*s  ", (int)w, ng_eval_system_name(ev, s));
        for (size_t m = 0; m < NG_EVAL_METRICS; m++) {
            char cell[64];
            snprintf(cell, sizeof cell, "%.2f [%.2f-%.2f]", 100 * r->f[m], 100 * r->low[m], 100 * r->high[m]);
            printf("%-23s", cell);
        }
        printf("%5.1f  ", r->mean_words);
        if (s == 0) {
            printf("-\n");
            continue;
        }
        for (size_t m = 0; m < NG_EVAL_METRICS; m++)
            printf("%+.2f (p=%.3f)%s", 100 * r->diff[m], r->p[m], m + 1 < NG_EVAL_METRICS ? "  " : "\n");
    }
}

static void print_json(const ng_eval *ev, const ng_eval_result *res, const eval_args *a, size_t errors,
                       double rate_sum, double rate_score)
{
    static const char *const mkey[] = {"rouge1", "rouge2", "rougeL"};
    printf("{\"input\":");
    json_str(stdout, a->input, strlen(a->input));
    printf(",\"articles\":%zu,\"errors\":%zu,\"rouge_options\":\"-c 95 -m -r 1000 -n 2 -a\","
           "\"k\":%d,\"max_words\":%d,\"systems\":[", ng_eval_doc_count(ev), errors, a->k, a->max_words);
    for (size_t s = 0; s < ng_eval_system_count(ev); s++) {
        const ng_eval_result *r = &res[s];
        printf("%s{\"name\":\"%s\"", s ? "," : "", ng_eval_system_name(ev, s));
        for (size_t m = 0; m < NG_EVAL_METRICS; m++)
            printf(",\"%s\":{\"f\":%.4f,\"low\":%.4f,\"high\":%.4f,\"diff_vs_lead3\":%.4f,"
                   "\"diff_low\":%.4f,\"diff_high\":%.4f,\"p\":%.4f}",
                   mkey[m], 100 * r->f[m], 100 * r->low[m], 100 * r->high[m], 100 * r->diff[m],
                   100 * r->diff_low[m], 100 * r->diff_high[m], r->p[m]);
        printf(",\"words\":%.2f}", r->mean_words);
    }
    printf("],\"p_value\":\"one-sided paired bootstrap, 1000 resamples: share where method - lead3 <= 0\","
           "\"throughput\":{\"read_summarize_per_s\":%.2f,\"score_per_s\":%.2f}}\n", rate_sum, rate_score);
}

/* What the batch workers and the in-order step of eval share. */
typedef struct eval_batch {
    ng_eval *ev;
    FILE *pairs;
    ng_read_options ro;
    double read_s; /* reading time, summed over the workers */
} eval_batch;

/* On a worker: reads the record into a document for eval_emit(). */
static ng_status eval_process(void *ctx, void *scratch, ng_batch_record *rec)
{
    eval_batch *eb = ctx;
    (void)scratch;
    ng_doc *doc = NULL;
    ng_status st = ng_doc_read(rec->line, rec->len, &eb->ro, &doc, &rec->err);
    rec->result = doc;
    return st;
}

/* In input order: summarizes and scores the document, writes its pair. */
static ng_status eval_emit(void *ctx, ng_batch_record *rec, ng_status st)
{
    eval_batch *eb = ctx;
    ng_doc *doc = rec->result;
    eb->read_s += rec->seconds;
    if (st == NG_OK) st = ng_eval_add_doc(eb->ev, doc, &rec->err);
    if (st == NG_OK && eb->pairs) write_pair(eb->pairs, eb->ev, doc);
    ng_doc_free(doc);
    rec->result = NULL;
    return st;
}

static int run_eval(const eval_args *ap, const ng_model *model);

int ng_cmd_eval(int argc, char **argv)
{
    eval_args a;
    int p = parse_args(argc, argv, &a);
    if (p) return p > 0 ? NG_EXIT_OK : NG_EXIT_USAGE;

    ng_model *model = NULL;
    if (a.model_path) {
        ng_error merr;
        if (ng_model_load(a.model_path, &model, &merr) != NG_OK) {
            fprintf(stderr, "nutgraf eval: %s\n", merr.message);
            return NG_EXIT_MODEL;
        }
    }
    for (size_t i = 0; i < a.nspecs; i++)
        if (a.specs[i].opts.method == NG_METHOD_LEARNED && !model && !ng_model_default()) {
            fprintf(stderr, "nutgraf eval: method learned: this build has no default model (use --model)\n");
            return NG_EXIT_MODEL;
        }
    int status = run_eval(&a, model);
    ng_model_free(model);
    return status;
}

static int run_eval(const eval_args *ap, const ng_model *model)
{
    eval_args a = *ap;
    int is_stdin = !strcmp(a.input, "-");
    FILE *f = is_stdin ? stdin : fopen(a.input, "rb");
    if (!f) {
        ng_error e = {NG_E_IO, 0, ""};
        snprintf(e.message, sizeof e.message, "cannot open: %s", strerror(errno));
        ng_report("eval", a.input, &e);
        return NG_EXIT_INPUT;
    }
    size_t total_bytes = is_stdin ? 0 : ng_input_size(f);

    ng_eval_options eo = {a.k, a.max_words, model, 1000, 0};
    ng_eval *ev = NULL;
    ng_error err = {NG_OK, 0, ""};
    ng_status est = ng_eval_new(NULL, 0, &eo, &ev, &err);
    for (size_t i = 0; est == NG_OK && i < a.nspecs; i++)
        est = ng_eval_add_system(ev, a.specs[i].name, &a.specs[i].opts, &err);
    if (est != NG_OK) {
        ng_eval_free(ev);
        ng_report("eval", a.input, &err);
        if (!is_stdin) fclose(f);
        return ng_exit_for(err.status);
    }
    out_file pairs = {0}, report = {0};
    int status = NG_EXIT_OK;
    if ((a.pairs && out_open(&pairs, a.pairs)) || (a.report && out_open(&report, a.report))) {
        status = NG_EXIT_INTERNAL;
        goto done;
    }

    ng_line_reader r;
    size_t plen = strlen(a.input);
    if (plen > 3 && !strcmp(a.input + plen - 3, ".gz")) {
        /* gzip: read through zlib; progress counts uncompressed bytes */
        if (ng_line_reader_open(&r, a.input, a.max_bytes)) {
            ng_error e = {NG_E_IO, 0, "cannot open as gzip"};
            ng_report("eval", a.input, &e);
            status = NG_EXIT_INPUT;
            goto done;
        }
        total_bytes = 0;
    } else {
        ng_line_reader_init(&r, f, a.max_bytes);
    }
    eval_batch eb = {ev, pairs.f, {NG_FORMAT_JSON, a.max_bytes}, 0};
    ng_batch_ops ops = {"eval", &eb, NULL, NULL, eval_process, eval_emit};
    ng_batch_options bo = {a.threads, a.limit, total_bytes, ng_stderr_is_tty(), 0};
    ng_batch_stats stats;
    int brc = ng_batch_run(&r, a.input, &bo, &ops, &stats);
    size_t records = stats.records, errors = stats.errors;
    if (brc == NG_EXIT_INPUT || brc == NG_EXIT_INTERNAL) status = brc;
    double read_s = eb.read_s;
    ng_line_reader_free(&r);
    if (status != NG_EXIT_OK) goto done;
    size_t n = ng_eval_doc_count(ev);
    if (n == 0) {
        ng_error e = {NG_E_EMPTY, 0, ""};
        snprintf(e.message, sizeof e.message, records ? "no article could be scored" : "input is empty");
        ng_report("eval", a.input, &e);
        status = NG_EXIT_INPUT;
        goto done;
    }
    size_t nsys = ng_eval_system_count(ev);
    ng_eval_result *res = calloc(nsys, sizeof *res);
    if (!res) {
        status = NG_EXIT_INTERNAL;
        goto done;
    }
    double sum_s = read_s, score_s = 0;
    for (size_t s = 0; s < nsys; s++) {
        if (ng_eval_result_of(ev, s, &res[s], &err) != NG_OK) {
            ng_report("eval", a.input, &err);
            status = ng_exit_for(err.status);
            free(res);
            goto done;
        }
        sum_s += res[s].summarize_seconds;
        score_s += res[s].score_seconds;
    }
    double rate_sum = sum_s > 0 ? (double)n / sum_s : 0, rate_score = score_s > 0 ? (double)n / score_s : 0;
    if (a.json) {
        print_json(ev, res, &a, errors, rate_sum, rate_score);
    } else {
        print_table(ev, res);
        printf("%zu articles scored", n);
        if (errors) printf(", %zu broken records skipped", errors);
        printf("; one-sided paired bootstrap p (share of 1000 resamples with no gain over lead3)\n");
        printf("throughput: %.1f articles/s reading+summarizing (all methods), %.1f articles/s scoring\n",
               rate_sum, rate_score);
    }
    if (report.f) {
        ng_eval_report_info info = {a.input, errors, a.k, a.max_words, rate_sum, rate_score};
        ng_eval_write_report(report.f, ev, res, &info);
    }
    free(res);
    if (out_commit(&pairs) || out_commit(&report)) status = NG_EXIT_INTERNAL;
    else if (errors) status = NG_EXIT_PARTIAL;
done:
    out_abort(&pairs);
    out_abort(&report);
    ng_eval_free(ev);
    if (!is_stdin) fclose(f);
    return status;
}
