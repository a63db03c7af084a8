/* rouge.c - `nutgraf rouge`: scores system summaries against references with
 * ROUGE-1.5.5's semantics (its flags, its numbers) or rouge-score's, from
 * JSONL, <q>-separated lines or two folders of text files, and prints a
 * table, JSON or CSV.  Nothing is written until every document is scored. */
#include <dirent.h>
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"

#define MAX_REFS 64
#define FILE_LIMIT ((size_t)1 << 30)

static void usage(FILE *out)
{
    fprintf(out,
            "Usage: nutgraf rouge [OPTIONS] SYSTEM REFERENCE [REFERENCE...]\n"
            "\n"
            "Scores each system summary against the references on the same line (or in\n"
            "the file of the same name).  SYSTEM and REFERENCE are each\n"
            "  a JSONL file: a JSON list of sentences a line,\n"
            "  a text file: one summary a line, sentences separated by <q>, or\n"
            "  a folder of text files, one sentence a line, matched by file name.\n"
            "\n"
            "ROUGE-1.5.5 options (the default implementation; same meaning as the script):\n"
            "  -n N      ROUGE-1 .. ROUGE-N (N <= 4)     -x    no ROUGE-L\n"
            "  -w W      ROUGE-W with weight W           -2 D  ROUGE-S with skip distance D\n"
            "  -u        ROUGE-SU only (with -2)         -U    ROUGE-S and ROUGE-SU (with -2)\n"
            "  -m        stem (WordNet exceptions, then the script's Porter variant)\n"
            "  -s        remove the script's stopwords   -f A|B  pool references / best one\n"
            "  -l N      first N words only              -b N  first N bytes only\n"
            "  -p ALPHA  F = PR/((1-a)P + aR) (0.5)      -c C  confidence level (95)\n"
            "  -r R      bootstrap samples (1000)        -a    accepted (all systems)\n"
            "  -d        also list every document (table output)\n"
            "Like the script, only ROUGE-L is computed unless -n, -w or -2 is given;\n"
            "the usual set is: -c 95 -m -r 1000 -n 2 -a.\n"
            "\n"
            "Other options:\n"
            "  --impl rouge155|rouge-score  rouge-score 0.1.2: rouge1, rouge2, rougeL, rougeLsum\n"
            "  --stem        rouge-score: NLTK's Porter stemmer (same as -m)\n"
            "  --json        per-document and averaged R/P/F as JSON\n"
            "  --csv         the same as CSV\n"
            "  --format auto|jsonl|q|dir   how to read the inputs (auto)\n"
            "  --ids line|files2rouge      ROUGE-1.5.5 eval ids, which set the bootstrap\n"
            "\n"
            "Averages: Average is what ROUGE-1.5.5 prints (a bootstrap mean with Perl's\n"
            "random numbers), mean the plain mean of the documents.\n");
}

/* ------------------------------------------------------------ inputs */

typedef struct summaries {
    size_t n, cap;
    ng_rouge_summary *sums; /* sentences point into strs blocks */
    ng_str **blocks;
    char **texts;
    size_t nblocks, ntexts;
} summaries;

static void summaries_free(summaries *s)
{
    for (size_t i = 0; i < s->nblocks; i++) free(s->blocks[i]);
    for (size_t i = 0; i < s->ntexts; i++) free(s->texts[i]);
    free(s->blocks);
    free(s->texts);
    free(s->sums);
    memset(s, 0, sizeof *s);
}

static int keep_ptr(void ***arr, size_t *n, void *p)
{
    void **a = realloc(*arr, (*n + 1) * sizeof *a);
    if (!a) return -1;
    a[(*n)++] = p;
    *arr = a;
    return 0;
}

/* Appends a summary whose sentences (count) are copied into a new block. */
static int push_summary(summaries *s, const ng_str *sents, size_t count)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 256;
        ng_rouge_summary *p = realloc(s->sums, cap * sizeof *p);
        if (!p) return -1;
        s->sums = p;
        s->cap = cap;
    }
    ng_str *block = malloc((count ? count : 1) * sizeof *block);
    if (!block || keep_ptr((void ***)&s->blocks, &s->nblocks, block)) {
        free(block);
        return -1;
    }
    if (count) memcpy(block, sents, count * sizeof *block);
    s->sums[s->n].sentences = block;
    s->sums[s->n].count = count;
    s->n++;
    return 0;
}

static int utf8_bad(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < len;) {
        unsigned c = p[i];
        size_t n;
        unsigned cp, min;
        if (c < 0x80) {
            i++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF) n = 1, cp = c & 0x1F, min = 0x80;
        else if (c >= 0xE0 && c <= 0xEF) n = 2, cp = c & 0x0F, min = 0x800;
        else if (c >= 0xF0 && c <= 0xF4) n = 3, cp = c & 0x07, min = 0x10000;
        else return 1;
        if (n >= len - i) return 1;
        for (size_t k = 1; k <= n; k++) {
            if ((p[i + k] & 0xC0) != 0x80) return 1;
            cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 1;
        i += n + 1;
    }
    return 0;
}

static ng_status set_err(ng_error *err, ng_status st, size_t line, const char *msg)
{
    err->status = st;
    err->line = line;
    snprintf(err->message, sizeof err->message, "%s", msg);
    return st;
}

typedef enum { FMT_AUTO, FMT_JSONL, FMT_Q, FMT_DIR } in_format;

/* Splits text into lines (without "\n" or a final "\r"). Calls fn per line. */
typedef int (*line_fn)(void *ctx, const char *s, size_t len, size_t lineno, ng_error *err);

static int each_line(const char *text, size_t len, line_fn fn, void *ctx, ng_error *err)
{
    size_t start = 0, lineno = 0;
    while (start < len) {
        const char *nl = memchr(text + start, '\n', len - start);
        size_t end = nl ? (size_t)(nl - text) : len;
        size_t e = end;
        if (e > start && text[e - 1] == '\r') e--;
        lineno++;
        if (fn(ctx, text + start, e - start, lineno, err)) return -1;
        start = end + 1;
    }
    return 0;
}

static int jsonl_line(void *ctx, const char *s, size_t len, size_t lineno, ng_error *err)
{
    summaries *out = ctx;
    json_error_t je;
    json_t *j = json_loadb(s, len, 0, &je);
    if (!j) {
        char msg[NG_ERROR_MESSAGE_MAX];
        snprintf(msg, sizeof msg, "not JSON (%.150s); each line must be a list of sentences",
                 je.text);
        if (strstr(je.text, "UTF-8") || strstr(je.text, "decode"))
            snprintf(msg, sizeof msg, "invalid UTF-8");
        set_err(err, strstr(msg, "UTF-8") == msg ? NG_E_FORMAT : NG_E_JSON, lineno, msg);
        return -1;
    }
    if (!json_is_array(j)) {
        json_decref(j);
        set_err(err, NG_E_JSON, lineno, "not a JSON list of sentences");
        return -1;
    }
    size_t n = json_array_size(j);
    ng_str *sents = malloc((n ? n : 1) * sizeof *sents);
    if (!sents) {
        json_decref(j);
        set_err(err, NG_E_NOMEM, lineno, "out of memory");
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        json_t *x = json_array_get(j, i);
        if (!json_is_string(x)) {
            free(sents);
            json_decref(j);
            set_err(err, NG_E_JSON, lineno, "a sentence is not a JSON string");
            return -1;
        }
        size_t l = json_string_length(x);
        char *copy = malloc(l + 1);
        if (!copy || keep_ptr((void ***)&out->texts, &out->ntexts, copy)) {
            free(copy);
            free(sents);
            json_decref(j);
            set_err(err, NG_E_NOMEM, lineno, "out of memory");
            return -1;
        }
        memcpy(copy, json_string_value(x), l + 1);
        sents[i].ptr = copy;
        sents[i].len = l;
    }
    json_decref(j);
    int rc = push_summary(out, sents, n);
    free(sents);
    if (rc) set_err(err, NG_E_NOMEM, lineno, "out of memory");
    return rc;
}

static int q_line(void *ctx, const char *s, size_t len, size_t lineno, ng_error *err)
{
    summaries *out = ctx;
    if (utf8_bad(s, len)) {
        set_err(err, NG_E_FORMAT, lineno, "invalid UTF-8");
        return -1;
    }
    size_t cap = 8, n = 0;
    ng_str *sents = malloc(cap * sizeof *sents);
    if (!sents) return set_err(err, NG_E_NOMEM, lineno, "out of memory"), -1;
    size_t start = 0;
    for (;;) {
        const char *q = NULL;
        for (size_t i = start; i + 3 <= len; i++)
            if (!memcmp(s + i, "<q>", 3)) {
                q = s + i;
                break;
            }
        size_t end = q ? (size_t)(q - s) : len;
        if (n == cap) {
            ng_str *p = realloc(sents, 2 * cap * sizeof *p);
            if (!p) {
                free(sents);
                return set_err(err, NG_E_NOMEM, lineno, "out of memory"), -1;
            }
            sents = p;
            cap *= 2;
        }
        if (end > start || q) { /* "" line: an empty summary */
            sents[n].ptr = s + start;
            sents[n].len = end - start;
            n++;
        }
        if (!q) break;
        start = end + 3;
    }
    int rc = push_summary(out, sents, n);
    free(sents);
    if (rc) set_err(err, NG_E_NOMEM, lineno, "out of memory");
    return rc;
}

typedef struct spl_ctx {
    ng_str *sents;
    size_t n, cap;
} spl_ctx;

static int spl_line(void *ctx, const char *s, size_t len, size_t lineno, ng_error *err)
{
    spl_ctx *c = ctx;
    if (utf8_bad(s, len)) return set_err(err, NG_E_FORMAT, lineno, "invalid UTF-8"), -1;
    if (!len) return 0; /* blank lines separate nothing */
    if (c->n == c->cap) {
        size_t cap = c->cap ? 2 * c->cap : 16;
        ng_str *p = realloc(c->sents, cap * sizeof *p);
        if (!p) return set_err(err, NG_E_NOMEM, lineno, "out of memory"), -1;
        c->sents = p;
        c->cap = cap;
    }
    c->sents[c->n].ptr = s;
    c->sents[c->n].len = len;
    c->n++;
    return 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The regular files of a folder, sorted; hidden files are skipped. */
static char **list_dir(const char *dir, size_t *count, ng_error *err)
{
    DIR *d = opendir(dir);
    if (!d) {
        set_err(err, NG_E_IO, 0, "cannot open the folder");
        return NULL;
    }
    char **names = NULL;
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        char path[4096];
        struct stat st;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (stat(path, &st) || !S_ISREG(st.st_mode)) continue;
        char *name = strdup(e->d_name);
        if (!name || keep_ptr((void ***)&names, &n, name)) {
            free(name);
            break;
        }
    }
    closedir(d);
    if (n) qsort(names, n, sizeof *names, cmp_str);
    *count = n;
    if (!names) names = calloc(1, sizeof *names);
    return names;
}

static void free_names(char **names, size_t n)
{
    for (size_t i = 0; i < n; i++) free(names[i]);
    free(names);
}

static int is_dir(const char *path)
{
    struct stat st;
    return !stat(path, &st) && S_ISDIR(st.st_mode);
}

/* Reads one input (file) into summaries.  err->line is set for line errors. */
static ng_status read_input(const char *path, in_format fmt, summaries *out, ng_error *err)
{
    size_t len = 0;
    char *text = ng_read_file(path, FILE_LIMIT, &len, err);
    if (!text) return err->status;
    if (len > FILE_LIMIT) {
        free(text);
        return set_err(err, NG_E_TOO_BIG, 0, "over the 1 GiB limit");
    }
    if (keep_ptr((void ***)&out->texts, &out->ntexts, text)) {
        free(text);
        return set_err(err, NG_E_NOMEM, 0, "out of memory");
    }
    if (fmt == FMT_AUTO) {
        size_t i = 0;
        while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r'))
            i++;
        fmt = i < len && text[i] == '[' ? FMT_JSONL : FMT_Q;
    }
    int rc = each_line(text, len, fmt == FMT_JSONL ? jsonl_line : q_line, out, err);
    if (rc) return err->status;
    if (out->n == 0) return set_err(err, NG_E_EMPTY, 0, "no summaries in the input");
    return NG_OK;
}

/* Reads the files named in names from dir, one summary each. */
static ng_status read_dir_files(const char *dir, char **names, size_t n, summaries *out,
                                ng_error *err, char *bad_file, size_t bad_cap)
{
    for (size_t i = 0; i < n; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        snprintf(bad_file, bad_cap, "%s", path);
        size_t len = 0;
        char *text = ng_read_file(path, FILE_LIMIT, &len, err);
        if (!text) {
            if (err->status == NG_E_IO && !strstr(err->message, "No such"))
                return err->status;
            return set_err(err, NG_E_MISMATCH, 0, "missing: every system file needs a "
                                                   "reference of the same name");
        }
        if (keep_ptr((void ***)&out->texts, &out->ntexts, text)) {
            free(text);
            return set_err(err, NG_E_NOMEM, 0, "out of memory");
        }
        spl_ctx c = {NULL, 0, 0};
        if (each_line(text, len, spl_line, &c, err)) {
            free(c.sents);
            return err->status;
        }
        int rc = push_summary(out, c.sents, c.n);
        free(c.sents);
        if (rc) return set_err(err, NG_E_NOMEM, 0, "out of memory");
    }
    return NG_OK;
}

/* ------------------------------------------------------------ output */

typedef struct outbuf {
    char *p;
    size_t len;
    FILE *f;
} outbuf;

static double prf_at(ng_rouge_prf v, int k)
{
    return k == 0 ? v.r : k == 1 ? v.p : v.f;
}

static json_t *prf_json(ng_rouge_prf v)
{
    json_t *o = json_object();
    json_object_set_new(o, "R", json_real(v.r));
    json_object_set_new(o, "P", json_real(v.p));
    json_object_set_new(o, "F", json_real(v.f));
    return o;
}

typedef struct run {
    ng_rouge *rouge;
    ng_rouge_average *avg;
    size_t nwarn;
    size_t *warn_doc;
    char **warn_msg;
    const char *options;
    int rouge155;
    int per_doc;
} run;

static int write_json(FILE *f, const run *r)
{
    size_t nm = ng_rouge_metric_count(r->rouge), nd = ng_rouge_doc_count(r->rouge);
    json_t *root = json_object();
    json_object_set_new(root, "impl", json_string(r->rouge155 ? "rouge155" : "rouge-score"));
    json_object_set_new(root, "options", json_string(r->options));
    json_object_set_new(root, "n_docs", json_integer((json_int_t)nd));
    json_t *metrics = json_array(), *avg = json_object(), *mean = json_object();
    for (size_t m = 0; m < nm; m++) {
        const char *name = ng_rouge_metric_name(r->rouge, m);
        json_array_append_new(metrics, json_string(name));
        json_t *a = json_object();
        static const char *const keys[3] = {"R", "P", "F"};
        for (int k = 0; k < 3; k++) {
            char ci[8];
            snprintf(ci, sizeof ci, "%s_ci", keys[k]);
            json_object_set_new(a, keys[k], json_real(prf_at(r->avg[m].average, k)));
            json_t *b = json_array();
            json_array_append_new(b, json_real(prf_at(r->avg[m].low, k)));
            json_array_append_new(b, json_real(prf_at(r->avg[m].high, k)));
            json_object_set_new(a, ci, b);
        }
        json_object_set_new(avg, name, a);
        json_object_set_new(mean, name, prf_json(r->avg[m].mean));
    }
    json_object_set_new(root, "metrics", metrics);
    json_object_set_new(root, "average", avg);
    json_object_set_new(root, "mean_of_docs", mean);
    json_t *docs = json_array();
    for (size_t d = 0; d < nd; d++) {
        json_t *o = json_object();
        json_object_set_new(o, "line", json_integer((json_int_t)d + 1));
        if (r->rouge155) {
            char id[32];
            snprintf(id, sizeof id, "%zu", ng_rouge_doc_eval_id(r->rouge, d));
            json_object_set_new(o, "eval_id", json_string(id));
        }
        for (size_t m = 0; m < nm; m++)
            json_object_set_new(o, ng_rouge_metric_name(r->rouge, m),
                                prf_json(ng_rouge_doc(r->rouge, d, m)));
        json_array_append_new(docs, o);
    }
    json_object_set_new(root, "per_doc", docs);
    json_t *warns = json_array();
    for (size_t w = 0; w < r->nwarn; w++) {
        json_t *o = json_object();
        json_object_set_new(o, "line", json_integer((json_int_t)r->warn_doc[w]));
        json_object_set_new(o, "message", json_string(r->warn_msg[w]));
        json_array_append_new(warns, o);
    }
    json_object_set_new(root, "warnings", warns);
    int rc = json_dumpf(root, f, JSON_INDENT(1) | JSON_REAL_PRECISION(r->rouge155 ? 15 : 17));
    fputc('\n', f);
    json_decref(root);
    return rc;
}

static void write_csv(FILE *f, const run *r)
{
    size_t nm = ng_rouge_metric_count(r->rouge), nd = ng_rouge_doc_count(r->rouge);
    const char *fmt = r->rouge155 ? "%.5f" : "%.9f";
    fprintf(f, "doc,metric,R,P,F,R_low,R_high,P_low,P_high,F_low,F_high\n");
    for (size_t d = 0; d < nd; d++)
        for (size_t m = 0; m < nm; m++) {
            ng_rouge_prf v = ng_rouge_doc(r->rouge, d, m);
            fprintf(f, "%zu,%s", d + 1, ng_rouge_metric_name(r->rouge, m));
            for (int k = 0; k < 3; k++) {
                fputc(',', f);
                fprintf(f, fmt, prf_at(v, k));
            }
            fprintf(f, ",,,,,,\n");
        }
    for (size_t m = 0; m < nm; m++) {
        fprintf(f, "average,%s", ng_rouge_metric_name(r->rouge, m));
        for (int k = 0; k < 3; k++) {
            fputc(',', f);
            fprintf(f, fmt, prf_at(r->avg[m].average, k));
        }
        for (int k = 0; k < 3; k++) {
            fputc(',', f);
            fprintf(f, fmt, prf_at(r->avg[m].low, k));
            fputc(',', f);
            fprintf(f, fmt, prf_at(r->avg[m].high, k));
        }
        fputc('\n', f);
    }
    for (size_t m = 0; m < nm; m++) {
        fprintf(f, "mean,%s", ng_rouge_metric_name(r->rouge, m));
        for (int k = 0; k < 3; k++) fprintf(f, ",%.9f", prf_at(r->avg[m].mean, k));
        fprintf(f, ",,,,,,\n");
    }
}

static void write_table(FILE *f, const run *r, double conf)
{
    size_t nm = ng_rouge_metric_count(r->rouge), nd = ng_rouge_doc_count(r->rouge);
    fprintf(f, "%s%s%s, %zu document%s\n", r->rouge155 ? "ROUGE-1.5.5" : "rouge-score 0.1.2",
            *r->options ? " " : "", r->options, nd, nd == 1 ? "" : "s");
    if (r->rouge155) {
        fprintf(f, "%-12s %9s %9s %9s   %-19s %9s %9s %9s\n", "metric", "Average_R", "Average_P",
                "Average_F", "", "mean_R", "mean_P", "mean_F");
        char cilabel[32];
        snprintf(cilabel, sizeof cilabel, "%g%% conf.int. of F", conf);
        fprintf(f, "%-12s %9s %9s %9s   %-19s\n", "", "", "", "", cilabel);
        for (size_t m = 0; m < nm; m++) {
            const ng_rouge_average *a = &r->avg[m];
            fprintf(f, "%-12s %9.5f %9.5f %9.5f   %7.5f - %7.5f   %9.5f %9.5f %9.5f\n",
                    ng_rouge_metric_name(r->rouge, m), a->average.r, a->average.p, a->average.f,
                    a->low.f, a->high.f, a->mean.r, a->mean.p, a->mean.f);
        }
    } else {
        fprintf(f, "%-12s %9s %9s %9s\n", "metric", "mean_R", "mean_P", "mean_F");
        for (size_t m = 0; m < nm; m++)
            fprintf(f, "%-12s %9.5f %9.5f %9.5f\n", ng_rouge_metric_name(r->rouge, m),
                    r->avg[m].mean.r, r->avg[m].mean.p, r->avg[m].mean.f);
    }
    if (r->per_doc) {
        fprintf(f, "\n%-6s %-12s %9s %9s %9s\n", "doc", "metric", "R", "P", "F");
        for (size_t d = 0; d < nd; d++)
            for (size_t m = 0; m < nm; m++) {
                ng_rouge_prf v = ng_rouge_doc(r->rouge, d, m);
                fprintf(f, "%-6zu %-12s %9.5f %9.5f %9.5f\n", d + 1,
                        ng_rouge_metric_name(r->rouge, m), v.r, v.p, v.f);
            }
    }
}

/* ------------------------------------------------------------ command */

static int usage_error(const char *msg, const char *arg)
{
    if (arg) fprintf(stderr, "nutgraf rouge: %s '%s' (see 'nutgraf rouge --help')\n", msg, arg);
    else fprintf(stderr, "nutgraf rouge: %s (see 'nutgraf rouge --help')\n", msg);
    return NG_EXIT_USAGE;
}

static int parse_long(const char *s, long lo, long hi, long *out)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (!*s || *end || v < lo || v > hi) return -1;
    *out = v;
    return 0;
}

static int parse_double(const char *s, double *out)
{
    char *end;
    double v = strtod(s, &end);
    if (!*s || *end || v != v) return -1;
    *out = v;
    return 0;
}

int ng_cmd_rouge(int argc, char **argv)
{
    ng_rouge_options o;
    ng_rouge_options_init(&o);
    int json = 0, csv = 0, per_doc = 0, rouge155_only = 0, su = 0, big_u = 0, skip = 0;
    in_format fmt = FMT_AUTO;
    char opts_text[512] = "";
    size_t olen = 0;
    static const struct option longs[] = {
        {"help", no_argument, NULL, 'h'},   {"json", no_argument, NULL, 'J'},
        {"csv", no_argument, NULL, 'C'},    {"impl", required_argument, NULL, 'I'},
        {"stem", no_argument, NULL, 'm'},   {"format", required_argument, NULL, 'F'},
        {"ids", required_argument, NULL, 'D'}, {NULL, 0, NULL, 0},
    };
    optind = 1;
    opterr = 0;
    int c;
    long v;
    double dv;
    while ((c = getopt_long(argc, argv, ":hn:l:b:msw:2:uUf:p:c:r:xadt:", longs, NULL)) != -1) {
        /* remember the ROUGE-1.5.5 flags as given, for the report */
        if (c != 'J' && c != 'C' && c != 'I' && c != 'F' && c != 'D' && c != 'h' && c != ':' &&
            c != '?' && olen + 32 < sizeof opts_text) {
            olen += (size_t)snprintf(opts_text + olen, sizeof opts_text - olen, "%s-%c%s%s",
                                     olen ? " " : "", c, optarg ? " " : "", optarg ? optarg : "");
        }
        switch (c) {
        case 'h': usage(stdout); return NG_EXIT_OK;
        case 'J': json = 1; break;
        case 'C': csv = 1; break;
        case 'I':
            if (!strcmp(optarg, "rouge155") || !strcmp(optarg, "rouge-1.5.5")) o.impl = NG_ROUGE_155;
            else if (!strcmp(optarg, "rouge-score") || !strcmp(optarg, "rouge_score"))
                o.impl = NG_ROUGE_SCORE;
            else return usage_error("unknown --impl (rouge155 or rouge-score)", optarg);
            break;
        case 'F':
            if (!strcmp(optarg, "auto")) fmt = FMT_AUTO;
            else if (!strcmp(optarg, "jsonl") || !strcmp(optarg, "json")) fmt = FMT_JSONL;
            else if (!strcmp(optarg, "q")) fmt = FMT_Q;
            else if (!strcmp(optarg, "dir")) fmt = FMT_DIR;
            else return usage_error("unknown --format (auto, jsonl, q or dir)", optarg);
            break;
        case 'D':
            if (!strcmp(optarg, "line")) o.ids = NG_ROUGE_IDS_LINE;
            else if (!strcmp(optarg, "files2rouge")) o.ids = NG_ROUGE_IDS_FILES2ROUGE;
            else return usage_error("unknown --ids (line or files2rouge)", optarg);
            break;
        case 'n':
            if (parse_long(optarg, 1, 4, &v)) return usage_error("-n takes 1 to 4, not", optarg);
            o.max_n = (int)v;
            rouge155_only = 1;
            break;
        case 'l':
            if (parse_long(optarg, 1, 1L << 30, &v)) return usage_error("-l takes a word count, not", optarg);
            o.word_limit = v;
            rouge155_only = 1;
            break;
        case 'b':
            if (parse_long(optarg, 1, 1L << 30, &v)) return usage_error("-b takes a byte count, not", optarg);
            o.byte_limit = v;
            rouge155_only = 1;
            break;
        case 'm': o.stem = 1; break;
        case 's': o.stopwords = 1; rouge155_only = 1; break;
        case 'w':
            if (parse_double(optarg, &dv) || dv <= 0 || dv > 64)
                return usage_error("-w takes a positive weight, not", optarg);
            o.weight = dv;
            o.weight_label = optarg;
            rouge155_only = 1;
            break;
        case '2':
            if (parse_long(optarg, -1000000, 1000000, &v)) return usage_error("-2 takes a skip distance, not", optarg);
            o.skip_distance = (int)v;
            skip = 1;
            rouge155_only = 1;
            break;
        case 'u': su = 1; break;
        case 'U': big_u = 1; break;
        case 'f':
            if (!strcmp(optarg, "A")) o.best = 0;
            else if (!strcmp(optarg, "B")) o.best = 1;
            else return usage_error("-f takes A or B, not", optarg);
            rouge155_only = 1;
            break;
        case 'p':
            if (parse_double(optarg, &dv) || dv < 0 || dv > 1) return usage_error("-p takes an alpha from 0 to 1, not", optarg);
            o.alpha = dv;
            rouge155_only = 1;
            break;
        case 'c':
            if (parse_double(optarg, &dv) || dv <= 0 || dv >= 100) return usage_error("-c takes a confidence level from 0 to 100, not", optarg);
            o.confidence = dv;
            break;
        case 'r':
            if (parse_long(optarg, 1, 1000000, &v)) return usage_error("-r takes a number of samples, not", optarg);
            o.resamples = (int)v;
            break;
        case 'x': o.no_lcs = 1; rouge155_only = 1; break;
        case 'a': break;
        case 'd': per_doc = 1; break;
        case 't': return usage_error("-t (token-level averages) is not supported", NULL);
        case ':': return usage_error("an option needs a value:", argv[optind - 1]);
        default: return usage_error("unknown option", argv[optind - 1]);
        }
    }
    if (skip) o.skip_mode = big_u ? NG_ROUGE_SKIP_BOTH : su ? NG_ROUGE_SKIP_SU : NG_ROUGE_SKIP_S;
    else if (su || big_u) return usage_error("-u and -U need -2", NULL);
    if (json && csv) return usage_error("give --json or --csv, not both", NULL);
    if (o.impl == NG_ROUGE_SCORE && rouge155_only)
        return usage_error("-n, -l, -b, -s, -w, -2, -f, -p and -x are ROUGE-1.5.5 options, "
                           "not for --impl rouge-score",
                           NULL);
    int nin = argc - optind;
    if (nin < 2) return usage_error("give a SYSTEM input and at least one REFERENCE", NULL);
    if (nin - 1 > MAX_REFS) return usage_error("too many references", NULL);
    const char *sys_path = argv[optind];
    const char *const *ref_paths = (const char *const *)argv + optind + 1;
    size_t nrefs = (size_t)nin - 1;

    ng_rouge *rouge = NULL;
    ng_error err = {NG_OK, 0, ""};
    ng_status st = ng_rouge_new(&o, &rouge, &err);
    if (st != NG_OK) return usage_error(err.message, NULL);

    summaries sys = {0}, refs[MAX_REFS];
    memset(refs, 0, sizeof refs);
    int rc = NG_EXIT_OK;
    const char *where = sys_path;
    char bad_file[4096] = "";
    char **names = NULL;
    size_t nnames = 0;
    run r = {rouge, NULL, 0, NULL, NULL, opts_text, o.impl == NG_ROUGE_155, per_doc};

    int dirs = fmt == FMT_DIR || (fmt == FMT_AUTO && is_dir(sys_path));
    if (dirs) {
        names = list_dir(sys_path, &nnames, &err);
        if (!names) goto fail;
        if (!nnames) {
            set_err(&err, NG_E_EMPTY, 0, "no files in the system folder");
            goto fail;
        }
        st = read_dir_files(sys_path, names, nnames, &sys, &err, bad_file, sizeof bad_file);
        if (st != NG_OK) {
            where = bad_file;
            goto fail;
        }
        for (size_t k = 0; k < nrefs; k++) {
            where = ref_paths[k];
            if (!is_dir(ref_paths[k])) {
                set_err(&err, NG_E_MISMATCH, 0, "the system input is a folder, so every reference must be one");
                goto fail;
            }
            size_t nref_files = 0;
            char **rn = list_dir(ref_paths[k], &nref_files, &err);
            if (!rn) goto fail;
            free_names(rn, nref_files);
            if (nref_files != nnames) {
                char msg[200];
                snprintf(msg, sizeof msg, "%zu files, but the system folder has %zu", nref_files, nnames);
                set_err(&err, NG_E_MISMATCH, 0, msg);
                goto fail;
            }
            st = read_dir_files(ref_paths[k], names, nnames, &refs[k], &err, bad_file, sizeof bad_file);
            if (st != NG_OK) {
                where = bad_file;
                goto fail;
            }
        }
    } else {
        st = read_input(sys_path, fmt, &sys, &err);
        if (st != NG_OK) goto fail;
        for (size_t k = 0; k < nrefs; k++) {
            where = ref_paths[k];
            st = read_input(ref_paths[k], fmt, &refs[k], &err);
            if (st != NG_OK) goto fail;
            if (refs[k].n != sys.n) {
                char msg[200];
                snprintf(msg, sizeof msg, "%zu summaries, but %s has %zu; line i is scored against line i",
                         refs[k].n, sys_path, sys.n);
                set_err(&err, NG_E_MISMATCH, 0, msg);
                goto fail;
            }
        }
    }

    ng_rouge_summary *rs = malloc(nrefs * sizeof *rs);
    if (!rs) {
        set_err(&err, NG_E_NOMEM, 0, "out of memory");
        goto fail;
    }
    for (size_t d = 0; d < sys.n; d++) {
        for (size_t k = 0; k < nrefs; k++) rs[k] = refs[k].sums[d];
        st = ng_rouge_add(rouge, &sys.sums[d], rs, nrefs, &err);
        if (st != NG_OK) {
            free(rs);
            where = dirs ? names[d] : sys_path;
            if (!dirs) err.line = d + 1;
            goto fail;
        }
        const char *w = ng_rouge_warning(rouge);
        if (w) {
            size_t *wd = realloc(r.warn_doc, (r.nwarn + 1) * sizeof *wd);
            if (wd) r.warn_doc = wd;
            char **wm = realloc(r.warn_msg, (r.nwarn + 1) * sizeof *wm);
            if (wm) r.warn_msg = wm;
            char *copy = strdup(w);
            if (!wd || !wm || !copy) {
                free(copy);
                free(rs);
                set_err(&err, NG_E_NOMEM, 0, "out of memory");
                goto fail;
            }
            r.warn_doc[r.nwarn] = d + 1;
            r.warn_msg[r.nwarn++] = copy;
        }
    }
    free(rs);
    size_t nm = ng_rouge_metric_count(rouge);
    r.avg = calloc(nm, sizeof *r.avg);
    if (!r.avg) {
        set_err(&err, NG_E_NOMEM, 0, "out of memory");
        goto fail;
    }
    for (size_t m = 0; m < nm; m++) {
        st = ng_rouge_average_of(rouge, m, &r.avg[m], &err);
        if (st != NG_OK) goto fail;
    }
    /* Everything is scored: write it in one go. */
    {
        char *buf = NULL;
        size_t blen = 0;
        FILE *mem = open_memstream(&buf, &blen);
        if (!mem) {
            set_err(&err, NG_E_NOMEM, 0, "out of memory");
            goto fail;
        }
        if (json) write_json(mem, &r);
        else if (csv) write_csv(mem, &r);
        else write_table(mem, &r, o.confidence);
        fclose(mem);
        for (size_t w = 0; w < r.nwarn; w++)
            fprintf(stderr, "nutgraf rouge: %s:%zu: warning: %s\n", dirs ? names[r.warn_doc[w] - 1] : sys_path,
                    r.warn_doc[w], r.warn_msg[w]);
        if (fwrite(buf, 1, blen, stdout) != blen || fflush(stdout)) {
            free(buf);
            fprintf(stderr, "nutgraf rouge: <stdout>: write error\n");
            rc = NG_EXIT_INPUT;
            goto done;
        }
        free(buf);
    }
    goto done;
fail:
    ng_report("rouge", where, &err);
    rc = ng_exit_for(err.status);
done:
    for (size_t w = 0; w < r.nwarn; w++) free(r.warn_msg[w]);
    free(r.warn_msg);
    free(r.warn_doc);
    free(r.avg);
    if (names) free_names(names, nnames);
    summaries_free(&sys);
    for (size_t k = 0; k < nrefs; k++) summaries_free(&refs[k]);
    ng_rouge_free(rouge);
    return rc;
}
