/* rouge.c - the public ROUGE API (nutgraf.h): options, the scorer object and
 * its metric list, stored per-document scores, eval ids and the averages. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eval/rouge.h"

void ng_rouge_options_init(ng_rouge_options *o)
{
    memset(o, 0, sizeof *o);
    o->impl = NG_ROUGE_155;
    o->skip_distance = 4;
    o->alpha = 0.5;
    o->confidence = 95;
    o->resamples = 1000;
}

static ng_status fail(ng_error *err, ng_status st, const char *msg)
{
    if (err) {
        err->status = st;
        err->line = 0;
        snprintf(err->message, sizeof err->message, "%s", msg);
    }
    return st;
}

static void add_metric(ng_rouge *r, int kind, int n, const char *name)
{
    ng_rouge_metric *m = &r->metric[r->nmetrics++];
    m->kind = kind;
    m->n = n;
    snprintf(m->name, sizeof m->name, "%s", name);
}

ng_status ng_rouge_new(const ng_rouge_options *opts, ng_rouge **out, ng_error *err)
{
    *out = NULL;
    ng_rouge_options o;
    if (opts) o = *opts;
    else ng_rouge_options_init(&o);
    if (o.impl != NG_ROUGE_155 && o.impl != NG_ROUGE_SCORE)
        return fail(err, NG_E_ARG, "unknown ROUGE implementation");
    if (o.max_n < 0 || o.max_n > 4)
        return fail(err, NG_E_ARG, "ROUGE-N order (-n) must be between 1 and 4");
    if (o.weight < 0 || o.weight != o.weight || o.weight > 64)
        return fail(err, NG_E_ARG, "ROUGE-W weight (-w) must be a positive number");
    if (!(o.alpha >= 0 && o.alpha <= 1))
        return fail(err, NG_E_ARG, "alpha (-p) must be between 0 and 1");
    if (!(o.confidence > 0 && o.confidence < 100))
        return fail(err, NG_E_ARG, "confidence (-c) must be between 0 and 100");
    if (o.resamples < 1 || o.resamples > 1000000)
        return fail(err, NG_E_ARG, "bootstrap samples (-r) must be between 1 and 1000000");
    if (o.word_limit < 0 || o.byte_limit < 0)
        return fail(err, NG_E_ARG, "length limits (-l, -b) must not be negative");
    if (o.word_limit > 0 && o.byte_limit > 0)
        return fail(err, NG_E_ARG, "give a word limit (-l) or a byte limit (-b), not both");
    if (o.skip_mode < NG_ROUGE_SKIP_NONE || o.skip_mode > NG_ROUGE_SKIP_BOTH)
        return fail(err, NG_E_ARG, "unknown skip-bigram mode");
    if (o.ids != NG_ROUGE_IDS_LINE && o.ids != NG_ROUGE_IDS_FILES2ROUGE)
        return fail(err, NG_E_ARG, "unknown eval id scheme");
    ng_rouge *r = calloc(1, sizeof *r);
    if (!r) return fail(err, NG_E_NOMEM, "out of memory");
    r->opt = o;
    if (o.weight_label) snprintf(r->weight_label, sizeof r->weight_label, "%s", o.weight_label);
    else snprintf(r->weight_label, sizeof r->weight_label, "%g", o.weight);
    r->opt.weight_label = NULL;
    ng_rouge_intern_init(&r->words);
    ng_rouge_intern_init(&r->finals);
    char name[48];
    if (o.impl == NG_ROUGE_SCORE) {
        add_metric(r, NG_RM_N, 1, "rouge1");
        add_metric(r, NG_RM_N, 2, "rouge2");
        add_metric(r, NG_RM_L, 0, "rougeL");
        add_metric(r, NG_RM_LSUM, 0, "rougeLsum");
    } else {
        for (int n = 1; n <= o.max_n; n++) {
            snprintf(name, sizeof name, "ROUGE-%d", n);
            add_metric(r, NG_RM_N, n, name);
        }
        if (!o.no_lcs) add_metric(r, NG_RM_L, 0, "ROUGE-L");
        if (o.weight > 0) {
            snprintf(name, sizeof name, "ROUGE-W-%s", r->weight_label);
            add_metric(r, NG_RM_W, 0, name);
        }
        if (o.skip_mode != NG_ROUGE_SKIP_NONE) {
            char d[16];
            if (o.skip_distance >= 0) snprintf(d, sizeof d, "%d", o.skip_distance);
            else snprintf(d, sizeof d, "*");
            if (o.skip_mode != NG_ROUGE_SKIP_SU) {
                snprintf(name, sizeof name, "ROUGE-S%s", d);
                add_metric(r, NG_RM_S, 0, name);
            }
            if (o.skip_mode != NG_ROUGE_SKIP_S) {
                snprintf(name, sizeof name, "ROUGE-SU%s", d);
                add_metric(r, NG_RM_SU, 0, name);
            }
        }
        if (r->nmetrics == 0) {
            free(r);
            return fail(err, NG_E_ARG, "no metric left to compute (-x without -n, -w or -2)");
        }
    }
    *out = r;
    return NG_OK;
}

void ng_rouge_free(ng_rouge *r)
{
    if (!r) return;
    ng_rouge_intern_free(&r->words);
    ng_rouge_intern_free(&r->finals);
    for (size_t i = 0; i < r->ntoks; i++) {
        free(r->toks[i].flat);
        free(r->toks[i].sent);
        free(r->toks[i].sent_end);
    }
    free(r->toks);
    free(r->docs);
    free(r->local);
    free(r->local_stamp);
    free(r->table);
    free(r->keys);
    free(r->dir);
    free(r->row);
    free(r->irow);
    free(r->mask);
    free(r->cnt);
    free(r->pw);
    free(r->buf);
    free(r);
}

size_t ng_rouge_metric_count(const ng_rouge *r)
{
    return r ? r->nmetrics : 0;
}

const char *ng_rouge_metric_name(const ng_rouge *r, size_t metric)
{
    return r && metric < r->nmetrics ? r->metric[metric].name : NULL;
}

const char *ng_rouge_warning(const ng_rouge *r)
{
    return r && r->has_warning ? r->warning : NULL;
}

static ng_status check_text(const ng_rouge_summary *s, const char *what, size_t ref,
                            ng_error *err)
{
    for (size_t i = 0; i < s->count; i++) {
        size_t at;
        if (s->sentences[i].len && !s->sentences[i].ptr)
            return fail(err, NG_E_ARG, "a sentence has no bytes");
        if (ng_rouge_utf8_invalid(s->sentences[i].ptr, s->sentences[i].len, &at)) {
            if (err) {
                err->status = NG_E_FORMAT;
                err->line = 0;
                if (ref)
                    snprintf(err->message, sizeof err->message,
                             "invalid UTF-8 in %s %zu, sentence %zu, byte %zu", what, ref, i + 1,
                             at + 1);
                else
                    snprintf(err->message, sizeof err->message,
                             "invalid UTF-8 in the %s, sentence %zu, byte %zu", what, i + 1,
                             at + 1);
            }
            return NG_E_FORMAT;
        }
    }
    return NG_OK;
}

ng_status ng_rouge_score(ng_rouge *r, const ng_rouge_summary *sys,
                         const ng_rouge_summary *refs, size_t nrefs, ng_rouge_prf *out,
                         ng_error *err)
{
    if (!r || !sys || !out || (nrefs && !refs)) return fail(err, NG_E_ARG, "a NULL argument");
    if (nrefs == 0) return fail(err, NG_E_ARG, "no reference summary");
    r->has_warning = 0;
    ng_status st = check_text(sys, "system summary", 0, err);
    for (size_t m = 0; st == NG_OK && m < nrefs; m++)
        st = check_text(&refs[m], "reference", nrefs > 1 ? m + 1 : 0, err);
    if (st != NG_OK) return st;
    if (nrefs + 1 > r->ntoks) {
        ng_rouge_toks *t = realloc(r->toks, (nrefs + 1) * sizeof *t);
        if (!t) return fail(err, NG_E_NOMEM, "out of memory");
        memset(t + r->ntoks, 0, (nrefs + 1 - r->ntoks) * sizeof *t);
        r->toks = t;
        for (size_t i = r->ntoks; i < nrefs + 1; i++) {
            r->ntoks = i + 1; /* freed by ng_rouge_free() even if a reserve fails */
            /* never NULL, so that empty summaries still have valid pointers */
            if (ng_rouge_reserve((void **)&t[i].flat, &t[i].flat_cap, 16, sizeof *t[i].flat) ||
                ng_rouge_reserve((void **)&t[i].sent, &t[i].sent_cap, 16, sizeof *t[i].sent) ||
                ng_rouge_reserve((void **)&t[i].sent_end, &t[i].sent_end_cap, 16,
                                 sizeof *t[i].sent_end))
                return fail(err, NG_E_NOMEM, "out of memory");
        }
    }
    st = r->opt.impl == NG_ROUGE_155 ? ng_rouge155_pair(r, sys, refs, nrefs, out, err)
                                     : ng_rouge_score_pair(r, sys, refs, nrefs, out, err);
    if (st == NG_E_NOMEM) return fail(err, st, "out of memory");
    return st;
}

ng_status ng_rouge_add(ng_rouge *r, const ng_rouge_summary *sys,
                       const ng_rouge_summary *refs, size_t nrefs, ng_error *err)
{
    if (!r) return fail(err, NG_E_ARG, "a NULL argument");
    if (ng_rouge_reserve((void **)&r->docs, &r->docs_cap, (r->ndocs + 1) * r->nmetrics,
                         sizeof *r->docs))
        return fail(err, NG_E_NOMEM, "out of memory");
    ng_status st = ng_rouge_score(r, sys, refs, nrefs, r->docs + r->ndocs * r->nmetrics, err);
    if (st == NG_OK) r->ndocs++;
    return st;
}

size_t ng_rouge_doc_count(const ng_rouge *r)
{
    return r ? r->ndocs : 0;
}

ng_rouge_prf ng_rouge_doc(const ng_rouge *r, size_t doc, size_t metric)
{
    ng_rouge_prf z = {0, 0, 0};
    if (!r || doc >= r->ndocs || metric >= r->nmetrics) return z;
    return r->docs[doc * r->nmetrics + metric];
}

void ng_rouge_clear(ng_rouge *r)
{
    if (r) r->ndocs = 0;
}

/* Perl sorts the test ids "<evalID>.<peer>" as strings; comparing the
 * decimal eval ids as strings gives the same order ('.' sorts before digits,
 * so a shorter id that is a prefix of a longer one comes first). */
typedef struct idpair {
    char key[24];
    size_t doc;
} idpair;

static int cmp_idpair(const void *a, const void *b)
{
    return strcmp(((const idpair *)a)->key, ((const idpair *)b)->key);
}

/* eval ids per document (1-based). */
static size_t *eval_ids(const ng_rouge *r)
{
    size_t n = r->ndocs;
    size_t *ids = malloc((n ? n : 1) * sizeof *ids);
    if (!ids) return NULL;
    if (r->opt.ids == NG_ROUGE_IDS_LINE) {
        for (size_t i = 0; i < n; i++) ids[i] = i + 1;
        return ids;
    }
    /* files2rouge writes s.0, s.1, ...; pyrouge numbers sorted(listdir()). */
    idpair *p = malloc((n ? n : 1) * sizeof *p);
    if (!p) {
        free(ids);
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        snprintf(p[i].key, sizeof p[i].key, "s.%zu", i);
        p[i].doc = i;
    }
    qsort(p, n, sizeof *p, cmp_idpair);
    for (size_t k = 0; k < n; k++) ids[p[k].doc] = k + 1;
    free(p);
    return ids;
}

size_t ng_rouge_doc_eval_id(const ng_rouge *r, size_t doc)
{
    if (!r || doc >= r->ndocs) return 0;
    if (r->opt.ids == NG_ROUGE_IDS_LINE) return doc + 1;
    size_t *ids = eval_ids(r);
    size_t id = ids ? ids[doc] : 0;
    free(ids);
    return id;
}

ng_status ng_rouge_average_of(ng_rouge *r, size_t metric, ng_rouge_average *out,
                              ng_error *err)
{
    if (!r || !out || metric >= r->nmetrics) return fail(err, NG_E_ARG, "no such metric");
    memset(out, 0, sizeof *out);
    size_t n = r->ndocs;
    double sum[3] = {0, 0, 0};
    for (size_t i = 0; i < n; i++) {
        ng_rouge_prf v = r->docs[i * r->nmetrics + metric];
        sum[0] += v.r;
        sum[1] += v.p;
        sum[2] += v.f;
    }
    if (n) {
        out->mean.r = sum[0] / (double)n;
        out->mean.p = sum[1] / (double)n;
        out->mean.f = sum[2] / (double)n;
    }
    if (r->opt.impl == NG_ROUGE_SCORE) {
        out->average = out->low = out->high = out->mean;
        return NG_OK;
    }
    /* The script's instances: test ids "<evalID>.<peer>" in string order. */
    size_t *ids = eval_ids(r);
    size_t *order = malloc((n ? n : 1) * sizeof *order);
    double(*scores)[3] = malloc((n ? n : 1) * sizeof *scores);
    if (!ids || !order || !scores) {
        free(ids);
        free(order);
        free(scores);
        return fail(err, NG_E_NOMEM, "out of memory");
    }
    idpair *keys = malloc((n ? n : 1) * sizeof *keys);
    if (!keys) {
        free(ids);
        free(order);
        free(scores);
        return fail(err, NG_E_NOMEM, "out of memory");
    }
    for (size_t i = 0; i < n; i++) {
        snprintf(keys[i].key, sizeof keys[i].key, "%zu", ids[i]);
        keys[i].doc = i;
    }
    qsort(keys, n, sizeof *keys, cmp_idpair);
    for (size_t k = 0; k < n; k++) order[k] = keys[k].doc;
    free(keys);
    for (size_t k = 0; k < n; k++) {
        ng_rouge_prf v = r->docs[order[k] * r->nmetrics + metric];
        scores[k][0] = v.r;
        scores[k][1] = v.p;
        scores[k][2] = v.f;
    }
    double avg[3], lo[3], hi[3];
    ng_status st = ng_rouge_bootstrap((const double(*)[3])scores, n, r->opt.resamples,
                                      r->opt.confidence, avg, lo, hi);
    free(ids);
    free(order);
    free(scores);
    if (st != NG_OK) return fail(err, st, "out of memory");
    out->average = (ng_rouge_prf){avg[0], avg[1], avg[2]};
    out->low = (ng_rouge_prf){lo[0], lo[1], lo[2]};
    out->high = (ng_rouge_prf){hi[0], hi[1], hi[2]};
    return NG_OK;
}
