/* evaluate.c - the evaluation harness behind `nutgraf eval`: summarizes each
 * article with Lead-3 and the requested methods, scores every summary
 * against the article's reference highlights with ROUGE-1.5.5 options
 * -c 95 -m -r 1000 -n 2 -a, keeps per-document scores and lengths, and
 * gives averages, intervals and a paired bootstrap against Lead-3. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/doc.h"
#include "nutgraf.h"

#define EVAL_MAX_SYSTEMS 32

typedef struct eval_system {
    ng_method method;
    int k, max_words;
    unsigned trim;
    ng_names names;
    const ng_model *model; /* NULL: the evaluator's */
    char name[32];
    ng_rouge *rouge;
    size_t *words;     /* per document */
    ng_str *last;      /* the last document's summary sentences */
    size_t nlast, caplast;
    size_t total_words;
    double summarize_s, score_s;
} eval_system;

struct ng_eval {
    eval_system *sys;
    size_t nsys;
    size_t ndocs, capdocs;
    size_t *article_words;
    const ng_model *model;
    int resamples;
    uint64_t seed;
    int broken; /* a scoring failure left the systems out of step */
};

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static size_t count_words(const char *s, size_t len)
{
    size_t n = 0;
    int in = 0;
    for (size_t i = 0; i < len; i++) {
        int sp = ng_is_space((unsigned char)s[i]);
        if (!sp && !in) n++;
        in = !sp;
    }
    return n;
}

static ng_status add_system(ng_eval *ev, ng_method method, int k, int max_words,
                            const char *name, ng_error *err)
{
    eval_system *s = &ev->sys[ev->nsys];
    memset(s, 0, sizeof *s);
    s->method = method;
    s->k = k;
    s->max_words = max_words;
    snprintf(s->name, sizeof s->name, "%s", name);
    ng_rouge_options ro;
    ng_rouge_options_init(&ro);
    ro.max_n = 2;
    ro.stem = 1;
    ng_status st = ng_rouge_new(&ro, &s->rouge, err);
    if (st != NG_OK) return st;
    ev->nsys++;
    static const char *const want[NG_EVAL_METRICS] = {"ROUGE-1", "ROUGE-2", "ROUGE-L"};
    if (ng_rouge_metric_count(s->rouge) != NG_EVAL_METRICS)
        return ng_fail(err, NG_E_ARG, 0, "unexpected ROUGE metric set");
    for (size_t m = 0; m < NG_EVAL_METRICS; m++)
        if (strcmp(ng_rouge_metric_name(s->rouge, m), want[m]))
            return ng_fail(err, NG_E_ARG, 0, "unexpected ROUGE metric %s", ng_rouge_metric_name(s->rouge, m));
    return NG_OK;
}

ng_status ng_eval_add_system(ng_eval *ev, const char *name, const ng_summary_options *opts,
                             ng_error *err)
{
    if (!ev || !name || !opts) return ng_fail(err, NG_E_ARG, 0, "no evaluator, name or options");
    if (ev->ndocs) return ng_fail(err, NG_E_ARG, 0, "systems must be added before documents");
    if (ev->nsys >= EVAL_MAX_SYSTEMS) return ng_fail(err, NG_E_ARG, 0, "too many systems (at most %d)", EVAL_MAX_SYSTEMS);
    if (strlen(name) >= sizeof ev->sys[0].name) return ng_fail(err, NG_E_ARG, 0, "system name too long: %s", name);
    if (opts->k < 0 || opts->max_words < 0) return ng_fail(err, NG_E_ARG, 0, "negative k or word budget");
    ng_status st = add_system(ev, opts->method, opts->k, opts->max_words, name, err);
    if (st != NG_OK) return st;
    ev->sys[ev->nsys - 1].trim = opts->trim;
    ev->sys[ev->nsys - 1].model = opts->model;
    ev->sys[ev->nsys - 1].names = opts->names;
    return NG_OK;
}

ng_status ng_eval_new(const ng_method *methods, size_t nmethods, const ng_eval_options *opts,
                      ng_eval **out, ng_error *err)
{
    if (!out) return ng_fail(err, NG_E_ARG, 0, "no place for the evaluator");
    *out = NULL;
    if (nmethods && !methods) return ng_fail(err, NG_E_ARG, 0, "no methods given");
    if (nmethods > 16) return ng_fail(err, NG_E_ARG, 0, "too many methods (at most 16)");
    ng_eval_options o = {0, 0, NULL, 0, 0};
    if (opts) o = *opts;
    if (o.k < 0 || o.k > 100) return ng_fail(err, NG_E_ARG, 0, "k must be 0..100, not %d", o.k);
    if (o.max_words < 0) return ng_fail(err, NG_E_ARG, 0, "negative word budget");
    if (o.resamples < 0 || o.resamples > 1000000)
        return ng_fail(err, NG_E_ARG, 0, "resamples must be 0..1000000");
    int k = o.k ? o.k : 3;
    for (size_t i = 0; i < nmethods; i++)
        if (!strcmp(ng_method_name(methods[i]), "unknown"))
            return ng_fail(err, NG_E_ARG, 0, "unknown method %d", (int)methods[i]);
    ng_eval *ev = calloc(1, sizeof *ev);
    if (ev) ev->sys = calloc(EVAL_MAX_SYSTEMS, sizeof *ev->sys);
    if (!ev || !ev->sys) {
        free(ev);
        return ng_fail(err, NG_E_NOMEM, 0, "out of memory for the evaluator");
    }
    ev->model = o.model;
    ev->resamples = o.resamples ? o.resamples : 1000;
    ev->seed = o.seed;
    ng_status st = add_system(ev, NG_METHOD_LEAD, 3, 0, "lead3", err);
    for (size_t i = 0; st == NG_OK && i < nmethods; i++) {
        if (methods[i] == NG_METHOD_LEAD && k == 3 && o.max_words == 0) continue; /* Lead-3 */
        int dup = 0;
        for (size_t j = 1; j < ev->nsys; j++) dup |= ev->sys[j].method == methods[i];
        if (dup) continue;
        st = add_system(ev, methods[i], k, o.max_words, ng_method_name(methods[i]), err);
    }
    if (st != NG_OK) {
        ng_eval_free(ev);
        return st;
    }
    *out = ev;
    return NG_OK;
}

void ng_eval_free(ng_eval *ev)
{
    if (!ev) return;
    for (size_t i = 0; i < ev->nsys; i++) {
        ng_rouge_free(ev->sys[i].rouge);
        free(ev->sys[i].words);
        free(ev->sys[i].last);
    }
    free(ev->sys);
    free(ev->article_words);
    free(ev);
}

size_t ng_eval_system_count(const ng_eval *ev) { return ev ? ev->nsys : 0; }

const char *ng_eval_system_name(const ng_eval *ev, size_t sys)
{
    return ev && sys < ev->nsys ? ev->sys[sys].name : NULL;
}

size_t ng_eval_doc_count(const ng_eval *ev) { return ev ? ev->ndocs : 0; }

/* Room for one more document in every per-document array. */
static ng_status grow_docs(ng_eval *ev, ng_error *err)
{
    if (ev->ndocs < ev->capdocs) return NG_OK;
    size_t cap = ev->capdocs ? ev->capdocs * 2 : 256;
    size_t *aw = realloc(ev->article_words, cap * sizeof *aw);
    if (!aw) return ng_fail(err, NG_E_NOMEM, 0, "out of memory for document scores");
    ev->article_words = aw;
    for (size_t i = 0; i < ev->nsys; i++) {
        size_t *w = realloc(ev->sys[i].words, cap * sizeof *w);
        if (!w) return ng_fail(err, NG_E_NOMEM, 0, "out of memory for document scores");
        ev->sys[i].words = w;
    }
    ev->capdocs = cap;
    return NG_OK;
}

/* Summarizes doc with system s and copies the chosen sentences. */
static ng_status summarize_with(ng_eval *ev, eval_system *s, ng_doc *doc, ng_error *err)
{
    ng_summary_options so = {s->method, s->k, s->max_words, s->model ? s->model : ev->model, s->trim, s->names};
    double t0 = now_s();
    ng_status st = ng_summarize(doc, &so, err);
    s->summarize_s += now_s() - t0;
    if (st != NG_OK) return st;
    size_t n = ng_doc_highlight_count(doc);
    if (n > s->caplast) {
        ng_str *p = realloc(s->last, n * sizeof *p);
        if (!p) return ng_fail(err, NG_E_NOMEM, 0, "out of memory for a summary");
        s->last = p;
        s->caplast = n;
    }
    for (size_t i = 0; i < n; i++) s->last[i] = ng_doc_highlight(doc, i).text;
    s->nlast = n;
    return NG_OK;
}

ng_status ng_eval_add_doc(ng_eval *ev, ng_doc *doc, ng_error *err)
{
    if (!ev || !doc) return ng_fail(err, NG_E_ARG, 0, "no evaluator or document");
    if (ev->broken) return ng_fail(err, NG_E_NOMEM, 0, "the evaluator failed earlier");
    size_t nrefs = ng_doc_list_count(doc, NG_LIST_REFERENCES);
    if (nrefs == 0) return ng_fail(err, NG_E_FORMAT, 0, "the record has no reference highlights");
    ng_status st = grow_docs(ev, err);
    if (st != NG_OK) return st;
    for (size_t i = 0; i < ev->nsys; i++) ev->sys[i].nlast = 0;
    for (size_t i = 0; i < ev->nsys; i++) {
        st = summarize_with(ev, &ev->sys[i], doc, err);
        if (st != NG_OK) return st;
    }
    ng_str *refs = malloc(nrefs * sizeof *refs);
    if (!refs) return ng_fail(err, NG_E_NOMEM, 0, "out of memory for references");
    for (size_t i = 0; i < nrefs; i++) refs[i] = ng_doc_list_item(doc, NG_LIST_REFERENCES, i);
    ng_rouge_summary ref = {refs, nrefs};
    for (size_t i = 0; i < ev->nsys; i++) {
        eval_system *s = &ev->sys[i];
        ng_rouge_summary sys = {s->last, s->nlast};
        double t0 = now_s();
        st = ng_rouge_add(s->rouge, &sys, &ref, 1, err);
        s->score_s += now_s() - t0;
        if (st != NG_OK) {
            /* The first system stores nothing on failure; a later one leaves
             * the earlier systems a document ahead. */
            if (i > 0) ev->broken = 1;
            free(refs);
            return st;
        }
        size_t w = 0;
        for (size_t j = 0; j < s->nlast; j++) w += count_words(s->last[j].ptr, s->last[j].len);
        s->words[ev->ndocs] = w;
        s->total_words += w;
    }
    free(refs);
    ng_str body = ng_doc_body(doc);
    ev->article_words[ev->ndocs] = count_words(body.ptr, body.len);
    ev->ndocs++;
    return NG_OK;
}

double ng_eval_doc_f(const ng_eval *ev, size_t sys, size_t doc, size_t metric)
{
    if (!ev || sys >= ev->nsys || doc >= ev->ndocs || metric >= NG_EVAL_METRICS) return 0;
    return ng_rouge_doc(ev->sys[sys].rouge, doc, metric).f;
}

size_t ng_eval_doc_words(const ng_eval *ev, size_t sys, size_t doc)
{
    if (!ev || sys >= ev->nsys || doc >= ev->ndocs) return 0;
    return ev->sys[sys].words[doc];
}

size_t ng_eval_doc_article_words(const ng_eval *ev, size_t doc)
{
    if (!ev || doc >= ev->ndocs) return 0;
    return ev->article_words[doc];
}

size_t ng_eval_last_count(const ng_eval *ev, size_t sys)
{
    return ev && sys < ev->nsys ? ev->sys[sys].nlast : 0;
}

ng_str ng_eval_last_sentence(const ng_eval *ev, size_t sys, size_t i)
{
    ng_str none = {NULL, 0};
    if (!ev || sys >= ev->nsys || i >= ev->sys[sys].nlast) return none;
    return ev->sys[sys].last[i];
}

ng_status ng_eval_result_of(ng_eval *ev, size_t sys, ng_eval_result *out, ng_error *err)
{
    if (!ev || !out || sys >= ev->nsys) return ng_fail(err, NG_E_ARG, 0, "no such system");
    memset(out, 0, sizeof *out);
    if (ev->broken) return ng_fail(err, NG_E_NOMEM, 0, "the evaluator failed earlier");
    if (ev->ndocs == 0) return ng_fail(err, NG_E_EMPTY, 0, "no documents were scored");
    eval_system *s = &ev->sys[sys];
    out->docs = ev->ndocs;
    out->mean_words = (double)s->total_words / (double)ev->ndocs;
    out->summarize_seconds = s->summarize_s;
    out->score_seconds = s->score_s;
    double *a = malloc(ev->ndocs * sizeof *a), *b = malloc(ev->ndocs * sizeof *b);
    if (!a || !b) {
        free(a);
        free(b);
        return ng_fail(err, NG_E_NOMEM, 0, "out of memory for the bootstrap");
    }
    ng_status st = NG_OK;
    for (size_t m = 0; st == NG_OK && m < NG_EVAL_METRICS; m++) {
        ng_rouge_average avg;
        st = ng_rouge_average_of(s->rouge, m, &avg, err);
        if (st != NG_OK) break;
        out->f[m] = avg.average.f;
        out->low[m] = avg.low.f;
        out->high[m] = avg.high.f;
        if (sys == 0) {
            out->p[m] = 1;
            continue;
        }
        for (size_t d = 0; d < ev->ndocs; d++) {
            a[d] = ng_rouge_doc(s->rouge, d, m).f;
            b[d] = ng_rouge_doc(ev->sys[0].rouge, d, m).f;
        }
        st = ng_paired_bootstrap(a, b, ev->ndocs, ev->resamples, ev->seed, &out->diff[m],
                                 &out->diff_low[m], &out->diff_high[m], &out->p[m], err);
    }
    free(a);
    free(b);
    return st;
}
