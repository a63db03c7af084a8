/* train.c - the trainer: collects oracle-labelled feature rows, trains the
 * trees with XGBoost, then picks the selection plan that scores best by
 * ROUGE on held-back tuning documents. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/doc.h"
#include "summarize/features.h"
#include "summarize/learned.h"
#include "summarize/methods.h"
#include "summarize/model.h"
#include "summarize/oracle.h"
#include "summarize/xgb.h"

#define REPORT_MAX 8192

typedef struct tune_doc {
    char *bytes; /* the repaired input, re-read when tuning */
    size_t len;
    ng_format format;
} tune_doc;

struct ng_trainer {
    ng_train_options opts;
    float *docrows, *doctargets; /* document features and highlight words */
    size_t ndocs, dcap;
    float *rows, *labels;
    size_t nrows, cap;
    unsigned *groups;
    size_t ngroups, gcap;
    size_t positives;
    tune_doc *tune;
    size_t ntune, tcap;
    char report[REPORT_MAX];
};

void ng_train_options_init(ng_train_options *o)
{
    o->rounds = 60;
    o->max_depth = 4;
    o->eta = 0.3;
    o->threads = 2;
    o->seed = 42;
    o->objective = "binary:logistic";
    o->drop_features = 0;
}

ng_status ng_trainer_new(const ng_train_options *opts, ng_trainer **out, ng_error *err)
{
    ng_trainer *t = calloc(1, sizeof *t);
    if (!t) return ng_fail(err, NG_E_NOMEM, 0, "out of memory");
    if (opts) t->opts = *opts;
    else ng_train_options_init(&t->opts);
    if (t->opts.rounds <= 0 || t->opts.max_depth <= 0 || t->opts.eta <= 0 || !t->opts.objective) {
        free(t);
        return ng_fail(err, NG_E_ARG, 0, "training options: rounds, depth and eta must be positive");
    }
    *out = t;
    return NG_OK;
}

void ng_trainer_free(ng_trainer *t)
{
    if (!t) return;
    for (size_t i = 0; i < t->ntune; i++) free(t->tune[i].bytes);
    free(t->tune);
    free(t->rows);
    free(t->labels);
    free(t->groups);
    free(t->docrows);
    free(t->doctargets);
    free(t);
}

const char *ng_trainer_report(const ng_trainer *t) { return t->report; }

static int grow_rows(ng_trainer *t, size_t more)
{
    if (t->nrows + more <= t->cap) return 0;
    size_t cap = t->cap ? t->cap : 65536;
    while (cap < t->nrows + more) cap *= 2;
    float *r = realloc(t->rows, cap * NG_FEATURE_COUNT * sizeof *r);
    if (!r) return -1;
    t->rows = r;
    float *l = realloc(t->labels, cap * sizeof *l);
    if (!l) return -1;
    t->labels = l;
    t->cap = cap;
    return 0;
}

static int push_docrow(ng_trainer *t, ng_doc *doc)
{
    if (t->ndocs == t->dcap) {
        size_t cap = t->dcap ? t->dcap * 2 : 4096;
        float *r = realloc(t->docrows, cap * NG_DOC_FEATURE_COUNT * sizeof *r);
        if (!r) return -1;
        t->docrows = r;
        float *y = realloc(t->doctargets, cap * sizeof *y);
        if (!y) return -1;
        t->doctargets = y;
        t->dcap = cap;
    }
    ng_doc_features_compute(doc, t->docrows + t->ndocs * NG_DOC_FEATURE_COUNT);
    t->doctargets[t->ndocs++] = (float)ng_reference_words(doc);
    return 0;
}

static int push_group(ng_trainer *t, unsigned n)
{
    if (t->ngroups == t->gcap) {
        size_t cap = t->gcap ? t->gcap * 2 : 4096;
        unsigned *g = realloc(t->groups, cap * sizeof *g);
        if (!g) return -1;
        t->groups = g;
        t->gcap = cap;
    }
    t->groups[t->ngroups++] = n;
    return 0;
}

static ng_status add_tune_doc(ng_trainer *t, const ng_doc *doc, ng_error *err)
{
    if (t->ntune == t->tcap) {
        size_t cap = t->tcap ? t->tcap * 2 : 256;
        tune_doc *p = realloc(t->tune, cap * sizeof *p);
        if (!p) return ng_fail(err, NG_E_NOMEM, 0, "out of memory");
        t->tune = p;
        t->tcap = cap;
    }
    char *copy = malloc(doc->input_len + 1);
    if (!copy) return ng_fail(err, NG_E_NOMEM, 0, "out of memory");
    memcpy(copy, doc->input, doc->input_len + 1);
    t->tune[t->ntune++] = (tune_doc){copy, doc->input_len, doc->format};
    return NG_OK;
}

ng_status ng_trainer_add(ng_trainer *t, ng_doc *doc, int tune, ng_error *err)
{
    size_t n = doc->sentences.count;
    if (!n || !doc->lists[NG_LIST_REFERENCES].count)
        return ng_fail(err, NG_E_EMPTY, 0, "no sentences or no reference highlights");
    if (tune) return add_tune_doc(t, doc, err);
    ng_oracle oracle;
    if (ng_oracle_compute(doc, &oracle, NULL) != NG_OK || grow_rows(t, n))
        return ng_fail(err, NG_E_NOMEM, 0, "out of memory");
    if (ng_features_compute(doc, t->rows + t->nrows * NG_FEATURE_COUNT) != NG_OK)
        return ng_fail(err, NG_E_NOMEM, 0, "out of memory");
    for (size_t s = 0; s < n; s++) {
        t->labels[t->nrows + s] = 0;
        for (size_t f = 0; f < NG_FEATURE_COUNT; f++)
            if (t->opts.drop_features >> f & 1) t->rows[(t->nrows + s) * NG_FEATURE_COUNT + f] = 0;
    }
    for (size_t k = 0; k < oracle.nchosen; k++) t->labels[t->nrows + oracle.chosen[k]] = 1;
    t->positives += oracle.nchosen;
    t->nrows += n;
    if (push_group(t, (unsigned)n) || push_docrow(t, doc)) return ng_fail(err, NG_E_NOMEM, 0, "out of memory");
    return NG_OK;
}

/* ------------------------------------------------------------- tuning */

#define NPLANS_MAX 256

typedef struct plan_score {
    ng_plan plan;
    double sum[3]; /* ROUGE-1, 2, L F1 summed over documents */
    double words;
} plan_score;

static size_t build_plans(plan_score *out)
{
    static const double alphas[] = {0.6, 0.7, 0.8, 0.9, 1.0, 1.1, 1.2, 1.35, 1.5};
    static const int budgets[] = {0, 60, 80};
    static const double probs[] = {0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5};
    size_t n = 0;
    for (size_t a = 0; a < sizeof alphas / sizeof alphas[0]; a++)
        out[n++] = (plan_score){{1, 5, 0, 0, 0, 1, alphas[a], 1, 0}, {0, 0, 0}, 0};
    for (size_t b = 0; b < sizeof budgets / sizeof budgets[0]; b++) {
        for (int k = 1; k <= 4; k++)
            out[n++] = (plan_score){{k, k, 0, 0, budgets[b], 1, 0, 1, 0}, {0, 0, 0}, 0};
        for (int lo = 1; lo <= 2; lo++)
            for (int hi = 3; hi <= 5; hi++)
                for (size_t p = 0; p < sizeof probs / sizeof probs[0]; p++)
                    out[n++] = (plan_score){{lo, hi, 1, log(probs[p] / (1 - probs[p])), budgets[b], 1, 0, 1, 0}, {0, 0, 0}, 0};
    }
    return n;
}

static ng_status score_plans_on(ng_doc *doc, const ng_model *m, ng_rouge *rouge, plan_score *plans,
                                size_t nplans)
{
    size_t n = doc->sentences.count;
    double *scores = ng_arena_alloc(&doc->arena, n * sizeof *scores);
    if (!scores || ng_score_learned(doc, m, scores) != NG_OK) return NG_E_NOMEM;
    ng_str refs_s[64], sys_s[8];
    size_t nref = doc->lists[NG_LIST_REFERENCES].count < 64 ? doc->lists[NG_LIST_REFERENCES].count : 64;
    for (size_t r = 0; r < nref; r++) refs_s[r] = doc->lists[NG_LIST_REFERENCES].items[r];
    ng_rouge_summary ref = {refs_s, nref};
    ng_tfidf none;
    memset(&none, 0, sizeof none);
    float drow[NG_DOC_FEATURE_COUNT];
    ng_doc_features_compute(doc, drow);
    double predicted = ng_model_predict_budget(m, drow);
    for (size_t p = 0; p < nplans; p++) {
        ng_plan plan = plans[p].plan;
        if (plan.budget_alpha > 0) {
            if (predicted <= 0) continue;
            double w = plan.budget_alpha * predicted;
            plan.max_words = w < 100000 ? (int)(w + 0.5) : 100000;
        }
        if (ng_select(doc, scores, &none, &plan) != NG_OK) return NG_E_NOMEM;
        size_t k = doc->highlights.count < 8 ? doc->highlights.count : 8;
        for (size_t i = 0; i < k; i++) {
            ng_sentence s = doc->sentences.items[doc->highlights.items[i].sentence];
            sys_s[i] = (ng_str){doc->body + s.start, s.end - s.start};
            plans[p].words += (double)ng_sentence_words(doc, doc->highlights.items[i].sentence);
        }
        ng_rouge_summary sys = {sys_s, k};
        ng_rouge_prf out[3];
        if (ng_rouge_score(rouge, &sys, &ref, 1, out, NULL) != NG_OK) continue;
        for (int mtr = 0; mtr < 3; mtr++) plans[p].sum[mtr] += out[mtr].f;
    }
    return NG_OK;
}

static double plan_mean(const plan_score *p) { return (p->sum[0] + p->sum[1] + p->sum[2]) / 3; }

static ng_status choose_plan(ng_trainer *t, const ng_model *m, ng_plan *best, ng_error *err)
{
    plan_score *plans = calloc(NPLANS_MAX, sizeof *plans);
    size_t nplans = plans ? build_plans(plans) : 0;
    ng_rouge_options ro;
    ng_rouge_options_init(&ro);
    ro.max_n = 2;
    ro.stem = 1;
    ng_rouge *rouge = NULL;
    if (!plans || ng_rouge_new(&ro, &rouge, err) != NG_OK) {
        free(plans);
        return ng_fail(err, NG_E_NOMEM, 0, "out of memory");
    }
    size_t used = 0;
    for (size_t i = 0; i < t->ntune; i++) {
        ng_doc *doc = NULL;
        ng_read_options rdo = {t->tune[i].format, 0};
        if (ng_doc_read(t->tune[i].bytes, t->tune[i].len, &rdo, &doc, NULL) != NG_OK) continue;
        if (score_plans_on(doc, m, rouge, plans, nplans) == NG_OK) used++;
        ng_doc_free(doc);
    }
    size_t bi = 0;
    for (size_t p = 1; p < nplans; p++)
        if (plan_mean(&plans[p]) > plan_mean(&plans[bi])) bi = p;
    *best = plans[bi].plan;
    size_t o = strlen(t->report);
    double d = used ? (double)used : 1;
    o += (size_t)snprintf(t->report + o, REPORT_MAX - o,
                          "tuning on %zu documents: best plan min_k=%d max_k=%d threshold=%s%.2f max_words=%d "
                          "budget_alpha=%.2f: R1 %.2f R2 %.2f RL %.2f, %.1f words\n",
                          used, best->min_k, best->max_k, best->use_threshold ? "" : "none/", best->threshold,
                          best->max_words, best->budget_alpha, 100 * plans[bi].sum[0] / d, 100 * plans[bi].sum[1] / d,
                          100 * plans[bi].sum[2] / d, plans[bi].words / d);
    for (size_t p = 0; p < 13 && p < nplans && o < REPORT_MAX; p++) /* budget plans, then fixed k */
        o += (size_t)snprintf(t->report + o, REPORT_MAX - o,
                              "  %s %.2f: R1 %.2f R2 %.2f RL %.2f, %.1f words\n",
                              plans[p].plan.budget_alpha > 0 ? "budget x" : "fixed k =",
                              plans[p].plan.budget_alpha > 0 ? plans[p].plan.budget_alpha : plans[p].plan.max_k,
                              100 * plans[p].sum[0] / d, 100 * plans[p].sum[1] / d, 100 * plans[p].sum[2] / d,
                              plans[p].words / d);
    ng_rouge_free(rouge);
    free(plans);
    return NG_OK;
}

static ng_status attach_plan(ng_model *m, const ng_plan *p)
{
    static const char *const names[] = {"min_k", "max_k", "use_threshold", "threshold", "max_words",
                                        "trigram_block", "budget_alpha"};
    float values[] = {(float)p->min_k, (float)p->max_k, (float)p->use_threshold, (float)p->threshold,
                      (float)p->max_words, (float)p->trigram_block, (float)p->budget_alpha};
    ng_model_param *params = calloc(7, sizeof *params);
    if (!params) return NG_E_NOMEM;
    for (size_t i = 0; i < 7; i++) {
        snprintf(params[i].name, NG_MODEL_PARAM_NAME, "%s", names[i]);
        params[i].value = values[i];
    }
    free(m->params);
    m->params = params;
    m->nparams = 7;
    return NG_OK;
}

/* Trains the regression that predicts the highlights' length in words from
 * document features, and appends its trees to m. */
static ng_status add_budget_model(ng_trainer *t, ng_model *m, const ng_xgb_params *sp, ng_error *err)
{
    ng_xgb_params p = *sp;
    p.objective = "reg:squarederror";
    p.rounds = 100;
    p.max_depth = 4;
    ng_model *b = NULL;
    ng_status st = ng_xgb_train(t->docrows, t->ndocs, NG_DOC_FEATURE_COUNT, t->doctargets, NULL, 0, &p,
                                NG_FEATURE_VERSION, &b, err);
    if (st != NG_OK) return st;
    ng_tree_node *nodes = realloc(m->nodes, (m->nnodes + b->nnodes) * sizeof *nodes);
    uint32_t *roots = nodes ? realloc(m->roots, (m->ntrees + b->ntrees) * sizeof *roots) : NULL;
    if (nodes) m->nodes = nodes;
    if (roots) m->roots = roots;
    if (!nodes || !roots) {
        ng_model_free(b);
        return ng_fail(err, NG_E_NOMEM, 0, "out of memory");
    }
    for (uint32_t i = 0; i < b->nnodes; i++) {
        ng_tree_node n = b->nodes[i];
        if (n.feature >= 0) n.yes += m->nnodes, n.no += m->nnodes, n.missing += m->nnodes;
        m->nodes[m->nnodes + i] = n;
    }
    for (uint32_t k = 0; k < b->ntrees; k++) m->roots[m->ntrees + k] = b->roots[k] + m->nnodes;
    m->nnodes += b->nnodes;
    m->nbudget = b->ntrees;
    m->ndocfeatures = NG_DOC_FEATURE_COUNT;
    m->budget_base = 0.5f; /* XGBoost's base_score for regression, added back here */
    ng_model_free(b);
    return NG_OK;
}

ng_status ng_trainer_fit(ng_trainer *t, ng_model **out, ng_error *err)
{
    *out = NULL;
    if (!t->nrows || !t->positives) return ng_fail(err, NG_E_EMPTY, 0, "no training rows with oracle labels");
    ng_xgb_params p = {t->opts.objective, t->opts.rounds, t->opts.max_depth, t->opts.eta, 0.8, 5,
                       t->opts.threads, t->opts.seed};
    int ranking = !strncmp(p.objective, "rank:", 5);
    ng_model *m = NULL;
    ng_status st = ng_xgb_train(t->rows, t->nrows, NG_FEATURE_COUNT, t->labels, ranking ? t->groups : NULL,
                                ranking ? t->ngroups : 0, &p, NG_FEATURE_VERSION, &m, err);
    if (st == NG_OK) st = add_budget_model(t, m, &p, err);
    if (st != NG_OK) {
        ng_model_free(m);
        return st;
    }
    snprintf(t->report, REPORT_MAX, "trained %u trees (%u nodes) on %zu sentences of %zu documents, %zu oracle positives\n",
             m->ntrees, m->nnodes, t->nrows, t->ngroups, t->positives);
    ng_plan plan = {3, 3, 0, 0, 0, 1, 0, 1, 0};
    if (t->ntune) st = choose_plan(t, m, &plan, err);
    if (st == NG_OK) st = attach_plan(m, &plan) ? ng_fail(err, NG_E_NOMEM, 0, "out of memory") : NG_OK;
    if (st != NG_OK) {
        ng_model_free(m);
        return st;
    }
    *out = m;
    return NG_OK;
}

ng_status ng_model_save(const ng_model *m, const char *path, ng_error *err)
{
    unsigned char *bytes;
    size_t len;
    ng_status st = ng_model_write(m, &bytes, &len, err);
    if (st != NG_OK) return st;
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "wb");
    int ok = f && fwrite(bytes, 1, len, f) == len;
    if (f && fclose(f)) ok = 0;
    free(bytes);
    if (!ok || rename(tmp, path)) {
        remove(tmp);
        return ng_fail(err, NG_E_IO, 0, "cannot write the model to %s", path);
    }
    return NG_OK;
}
