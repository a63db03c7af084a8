/* ner_train.c - training the named-entity tagger: an averaged structured
 * perceptron (Viterbi decoding, tag-bigram transitions), several epochs
 * over the sentences in an order shuffled with a fixed seed.  The training
 * sentences' gazetteer features come from the entities of the other half of
 * the documents, so that the model does not learn to trust a gazetteer that
 * always knows the answer. */
#include <stdlib.h>
#include <string.h>

#include "analyze/ner.h"
#include "core/doc.h"

static uint32_t next_rand(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return (uint32_t)(*s >> 16);
}

typedef struct trainer {
    ng_ner_model cur;   /* current weights */
    double *uw;         /* sum of c * update, for averaging */
    double ut[NG_NER_TAGS + 1][NG_NER_TAGS];
    double c;
} trainer;

static void upd(trainer *tr, size_t idx, float d)
{
    tr->cur.w[idx] += d;
    tr->uw[idx] += tr->c * d;
}

static void upd_trans(trainer *tr, int p, int t, float d)
{
    tr->cur.trans[p][t] += d;
    tr->ut[p][t] += tr->c * d;
}

/* avg = w - u / c */
static void average(const trainer *tr, ng_ner_model *avg)
{
    size_t nw = (size_t)NG_NER_TAGS << tr->cur.bits;
    double inv = 1.0 / tr->c;
    for (size_t i = 0; i < nw; i++) avg->w[i] = (float)(tr->cur.w[i] - tr->uw[i] * inv);
    for (int p = 0; p <= NG_NER_TAGS; p++)
        for (int t = 0; t < NG_NER_TAGS; t++)
            avg->trans[p][t] = (float)(tr->cur.trans[p][t] - tr->ut[p][t] * inv);
}

ng_status ng_ner_train(const ng_ner_corpus *train, const ng_ner_corpus *dev,
                       const ng_ner_train_options *opts, ng_ner_model *out, int *best_epoch,
                       ng_error *err)
{
    int epochs = opts && opts->epochs > 0 ? opts->epochs : 10;
    uint32_t bits = opts && opts->bits ? opts->bits : NG_NER_DEFAULT_BITS;
    uint64_t seed = (opts && opts->seed ? opts->seed : 42u) * 0x9E3779B97F4A7C15ull | 1;
    memset(out, 0, sizeof *out);
    if (best_epoch) *best_epoch = 0;
    if (!train->nsent) return ng_fail(err, NG_E_EMPTY, 0, "ner: no training sentences");

    trainer tr;
    memset(&tr, 0, sizeof tr);
    ng_ner_model avg = {0};
    ng_ner_gaz half[2] = {{0}, {0}};
    uint32_t *feats = NULL;
    size_t *order = NULL;
    uint8_t *pred = NULL, *devpred = NULL;
    ng_ner_work wk = {0};
    ng_status st = ng_ner_model_init(&tr.cur, bits, err);
    if (!st) st = ng_ner_model_init(&avg, bits, err);
    if (!st) st = ng_ner_model_init(out, bits, err);
    if (st) goto done;
    size_t nw = (size_t)NG_NER_TAGS << bits;
    uint32_t mask = ((uint32_t)1 << bits) - 1;
    tr.uw = calloc(nw, sizeof *tr.uw);
    feats = malloc(train->ntok * NG_NER_FEATS * sizeof *feats + 1);
    order = malloc(train->nsent * sizeof *order);
    pred = malloc(train->ntok + 1);
    devpred = dev ? malloc(dev->ntok + 1) : NULL;
    if (!tr.uw || !feats || !order || !pred || (dev && !devpred)) goto nomem;
    if (ng_ner_gaz_add_corpus(&avg.gaz, train, -1) || ng_ner_gaz_add_corpus(&half[0], train, 0) ||
        ng_ner_gaz_add_corpus(&half[1], train, 1))
        goto nomem;
    size_t maxn = 0;
    for (size_t s = 0; s < train->nsent; s++)
        if (train->sent[s].n > maxn) maxn = train->sent[s].n;
    if (ng_ner_work_reserve(&wk, maxn)) goto nomem;
    for (size_t s = 0; s < train->nsent; s++) {
        const ng_ner_sentence *se = &train->sent[s];
        ng_ner_features(&half[se->doc & 1], train->word + se->first, se->n, mask, wk.scratch,
                        feats + se->first * NG_NER_FEATS);
        order[s] = s;
    }
    tr.c = 1;
    double best = -1;
    for (int ep = 1; ep <= epochs; ep++) {
        for (size_t i = train->nsent; i > 1; i--) {
            size_t j = next_rand(&seed) % i;
            size_t t = order[i - 1];
            order[i - 1] = order[j];
            order[j] = t;
        }
        for (size_t k = 0; k < train->nsent; k++) {
            const ng_ner_sentence *se = &train->sent[order[k]];
            const uint32_t *f = feats + se->first * NG_NER_FEATS;
            const uint8_t *g = train->gold + se->first;
            uint8_t *p = pred + se->first;
            ng_ner_decode(&tr.cur, f, se->n, &wk, p);
            for (size_t i = 0; i < se->n; i++) {
                int gp = i ? g[i - 1] : NG_NER_TAGS, pp = i ? p[i - 1] : NG_NER_TAGS;
                if (g[i] != p[i]) {
                    for (int q = 0; q < NG_NER_FEATS; q++) {
                        size_t b = (size_t)f[i * NG_NER_FEATS + q] * NG_NER_TAGS;
                        upd(&tr, b + g[i], 1);
                        upd(&tr, b + p[i], -1);
                    }
                }
                if (g[i] != p[i] || gp != pp) {
                    upd_trans(&tr, gp, g[i], 1);
                    upd_trans(&tr, pp, p[i], -1);
                }
            }
            tr.c += 1;
        }
        average(&tr, &avg);
        double f1 = -1;
        ng_ner_score sc;
        memset(&sc, 0, sizeof sc);
        if (dev) {
            st = ng_ner_evaluate(&avg, dev, devpred, &sc, err);
            if (st) goto done;
            ng_ner_score_prf(&sc, NG_NER_TYPES, NULL, NULL, &f1);
        }
        if (opts && opts->on_epoch) opts->on_epoch(opts->ctx, ep, f1, dev ? &sc : NULL);
        if (!dev || f1 > best) {
            best = f1;
            memcpy(out->w, avg.w, nw * sizeof *out->w);
            memcpy(out->trans, avg.trans, sizeof out->trans);
            if (best_epoch) *best_epoch = ep;
        }
    }
    out->gaz = avg.gaz;
    memset(&avg.gaz, 0, sizeof avg.gaz);
    goto done;
nomem:
    st = ng_fail(err, NG_E_NOMEM, 0, "ner: out of memory");
done:
    if (st) ng_ner_model_free(out);
    ng_ner_model_free(&tr.cur);
    ng_ner_model_free(&avg);
    ng_ner_gaz_free(&half[0]);
    ng_ner_gaz_free(&half[1]);
    ng_ner_work_free(&wk);
    free(tr.uw);
    free(feats);
    free(order);
    free(pred);
    free(devpred);
    return st;
}
