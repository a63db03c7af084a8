/* ner_train.c - training the named-entity tagger: an averaged structured
 * perceptron (Viterbi decoding, tag-bigram transitions), several epochs
 * over the sentences in an order shuffled with a fixed seed.  The training
 * sentences' gazetteer features come from the entities of the other half of
 * the documents, so that the model does not learn to trust a gazetteer that
 * always knows the answer.  The second pass is trained the same way on
 * features that add document-level ones computed from first-pass tags that
 * models trained on the other half of the documents gave (jackknifing), so
 * that it learns how far to trust first-pass tags it did not train on. */
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
    float *w;    /* current weights */
    double *uw;  /* sum of c * update, for averaging */
    float trans[NG_NER_TAGS + 1][NG_NER_TAGS];
    double ut[NG_NER_TAGS + 1][NG_NER_TAGS];
    double c;
} trainer;

static void upd(trainer *tr, size_t idx, float d)
{
    tr->w[idx] += d;
    tr->uw[idx] += tr->c * d;
}

static void upd_trans(trainer *tr, int p, int t, float d)
{
    tr->trans[p][t] += d;
    tr->ut[p][t] += tr->c * d;
}

/* avg = w - u / c */
static void average(const trainer *tr, size_t nw, float *aw, float (*at)[NG_NER_TAGS])
{
    double inv = 1.0 / tr->c;
    for (size_t i = 0; i < nw; i++) aw[i] = (float)(tr->w[i] - tr->uw[i] * inv);
    for (int p = 0; p <= NG_NER_TAGS; p++)
        for (int t = 0; t < NG_NER_TAGS; t++) at[p][t] = (float)(tr->trans[p][t] - tr->ut[p][t] * inv);
}

/* One pass's training run. */
typedef struct run {
    const ng_ner_corpus *train;
    const uint32_t *feats; /* nf per training token */
    size_t nf;
    int parity;            /* -1: every sentence; else all documents but those with doc % folds == parity */
    int folds;
    int epochs;
    uint32_t seed, bits;
    /* dev scoring: eval is a model whose weights (w/trans for pass 1,
     * w2/trans2 for pass 2) are pointed at the averaged ones each epoch */
    const ng_ner_corpus *dev;
    ng_ner_model *eval;
    int pass;
    const ng_ner_train_options *opts;
    /* out: the kept epoch's weights (2^bits * tags) and transitions */
    float *best_w;
    float (*best_trans)[NG_NER_TAGS];
    int best_epoch;
} run;

static ng_status perceptron(run *rn, ng_error *err)
{
    const ng_ner_corpus *train = rn->train;
    size_t nw = (size_t)NG_NER_TAGS << rn->bits;
    uint64_t seed = (uint64_t)rn->seed * 0x9E3779B97F4A7C15ull | 1;
    trainer tr;
    memset(&tr, 0, sizeof tr);
    tr.w = calloc(nw, sizeof *tr.w);
    tr.uw = calloc(nw, sizeof *tr.uw);
    float *aw = calloc(nw, sizeof *aw);
    float(*at)[NG_NER_TAGS] = calloc(NG_NER_TAGS + 1, sizeof *at);
    size_t *order = malloc((train->nsent + 1) * sizeof *order);
    uint8_t *pred = malloc(train->ntok + 1), *devpred = rn->dev ? malloc(rn->dev->ntok + 1) : NULL;
    ng_ner_work wk = {0};
    ng_status st = NG_OK;
    size_t maxn = 0, nord = 0;
    for (size_t s = 0; s < train->nsent; s++)
        if (train->sent[s].n > maxn) maxn = train->sent[s].n;
    if (!tr.w || !tr.uw || !aw || !at || !order || !pred || (rn->dev && !devpred) || ng_ner_work_reserve(&wk, maxn)) {
        st = ng_fail(err, NG_E_NOMEM, 0, "ner: out of memory");
        goto done;
    }
    for (size_t s = 0; s < train->nsent; s++)
        if (rn->parity < 0 || (int)(train->sent[s].doc % (size_t)rn->folds) != rn->parity) order[nord++] = s;
    tr.c = 1;
    double best = -1;
    rn->best_epoch = 0;
    for (int ep = 1; ep <= rn->epochs; ep++) {
        for (size_t i = nord; i > 1; i--) {
            size_t j = next_rand(&seed) % i;
            size_t t = order[i - 1];
            order[i - 1] = order[j];
            order[j] = t;
        }
        for (size_t k = 0; k < nord; k++) {
            const ng_ner_sentence *se = &train->sent[order[k]];
            const uint32_t *f = rn->feats + se->first * rn->nf;
            const uint8_t *g = train->gold + se->first;
            uint8_t *p = pred + se->first;
            ng_ner_viterbi(tr.w, (const float (*)[NG_NER_TAGS])tr.trans, f, rn->nf, se->n, &wk, p);
            for (size_t i = 0; i < se->n; i++) {
                int gp = i ? g[i - 1] : NG_NER_TAGS, pp = i ? p[i - 1] : NG_NER_TAGS;
                if (g[i] != p[i]) {
                    for (size_t q = 0; q < rn->nf; q++) {
                        size_t b = (size_t)f[i * rn->nf + q] * NG_NER_TAGS;
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
        average(&tr, nw, aw, at);
        double f1 = -1;
        ng_ner_score sc;
        memset(&sc, 0, sizeof sc);
        if (rn->dev) {
            if (rn->pass == 2) {
                rn->eval->w2 = aw;
                memcpy(rn->eval->trans2, at, sizeof rn->eval->trans2);
            } else {
                rn->eval->w = aw;
                memcpy(rn->eval->trans, at, sizeof rn->eval->trans);
            }
            st = ng_ner_evaluate(rn->eval, rn->dev, 0, devpred, &sc, err);
            if (rn->pass == 2) rn->eval->w2 = NULL;
            else rn->eval->w = NULL;
            if (st) goto done;
            ng_ner_score_prf(&sc, NG_NER_TYPES, NULL, NULL, &f1);
        }
        if (rn->opts && rn->opts->on_epoch)
            rn->opts->on_epoch(rn->opts->ctx, rn->pass, ep, f1, rn->dev ? &sc : NULL);
        if (!rn->dev || f1 > best) {
            best = f1;
            memcpy(rn->best_w, aw, nw * sizeof *aw);
            memcpy(rn->best_trans, at, (NG_NER_TAGS + 1) * sizeof *at);
            rn->best_epoch = ep;
        }
    }
done:
    free(tr.w);
    free(tr.uw);
    free(aw);
    free(at);
    free(order);
    free(pred);
    free(devpred);
    ng_ner_work_free(&wk);
    return st;
}

/* Runs rn with members different shuffles and keeps the average of their
 * kept weights in rn->best_w and rn->best_trans (rn->best_epoch: the first
 * member's).  One member is plain perceptron(). */
static ng_status perceptron_members(run *rn, int members, ng_error *err)
{
    if (members <= 1) return perceptron(rn, err);
    size_t nw = (size_t)NG_NER_TAGS << rn->bits;
    float *sum_w = calloc(nw, sizeof *sum_w);
    float(*sum_t)[NG_NER_TAGS] = calloc(NG_NER_TAGS + 1, sizeof *sum_t);
    ng_status st = sum_w && sum_t ? NG_OK : ng_fail(err, NG_E_NOMEM, 0, "ner: out of memory");
    int first_epoch = 0;
    for (int k = 0; k < members && !st; k++) {
        run one = *rn;
        one.seed = rn->seed + (uint32_t)k;
        st = perceptron(&one, err);
        if (st) break;
        if (!k) first_epoch = one.best_epoch;
        for (size_t i = 0; i < nw; i++) sum_w[i] += rn->best_w[i];
        for (int p = 0; p <= NG_NER_TAGS; p++)
            for (int t = 0; t < NG_NER_TAGS; t++) sum_t[p][t] += rn->best_trans[p][t];
    }
    if (!st) {
        float inv = 1.0f / (float)members;
        for (size_t i = 0; i < nw; i++) rn->best_w[i] = sum_w[i] * inv;
        for (int p = 0; p <= NG_NER_TAGS; p++)
            for (int t = 0; t < NG_NER_TAGS; t++) rn->best_trans[p][t] = sum_t[p][t] * inv;
        rn->best_epoch = first_epoch;
    }
    free(sum_w);
    free(sum_t);
    return st;
}

/* First-pass tags of every training sentence from models trained without
 * its fold of the documents (opts->folds, default 2; epochs each), into
 * pred1. */
static ng_status jackknife(const ng_ner_corpus *train, const uint32_t *feats, const ng_ner_train_options *opts,
                           int epochs, uint32_t seed, uint32_t bits, uint8_t *pred1, ng_error *err)
{
    size_t nw = (size_t)NG_NER_TAGS << bits;
    float *w = malloc(nw * sizeof *w);
    float(*t)[NG_NER_TAGS] = calloc(NG_NER_TAGS + 1, sizeof *t);
    ng_ner_work wk = {0};
    size_t maxn = 0;
    for (size_t s = 0; s < train->nsent; s++)
        if (train->sent[s].n > maxn) maxn = train->sent[s].n;
    ng_status st = NG_OK;
    if (!w || !t || ng_ner_work_reserve(&wk, maxn)) st = ng_fail(err, NG_E_NOMEM, 0, "ner: out of memory");
    int folds = opts && opts->folds > 2 ? opts->folds : 2;
    for (int fold = 0; fold < folds && !st; fold++) {
        run rn = {train, feats, NG_NER_FEATS, fold, folds, epochs, seed, bits, NULL, NULL, 0, opts, w, t, 0};
        st = perceptron_members(&rn, opts && opts->members > 1 ? opts->members : 1, err);
        for (size_t s = 0; s < train->nsent && !st; s++) {
            const ng_ner_sentence *se = &train->sent[s];
            if ((int)(se->doc % (size_t)folds) != fold) continue;
            ng_ner_viterbi(w, (const float (*)[NG_NER_TAGS])t, feats + se->first * NG_NER_FEATS, NG_NER_FEATS, se->n,
                           &wk, pred1 + se->first);
        }
    }
    free(w);
    free(t);
    ng_ner_work_free(&wk);
    return st;
}

ng_status ng_ner_train(const ng_ner_corpus *train, const ng_ner_corpus *dev,
                       const ng_ner_train_options *opts, ng_ner_model *out, int *best_epoch,
                       ng_error *err)
{
    int epochs = opts && opts->epochs > 0 ? opts->epochs : 10;
    int passes = opts && opts->passes == 1 ? 1 : 2;
    uint32_t bits = opts && opts->bits ? opts->bits : NG_NER_DEFAULT_BITS;
    uint32_t seed = opts && opts->seed ? opts->seed : 42u;
    memset(out, 0, sizeof *out);
    if (best_epoch) *best_epoch = 0;
    if (!train->nsent) return ng_fail(err, NG_E_EMPTY, 0, "ner: no training sentences");

    ng_ner_gaz half[2] = {{0}, {0}};
    uint32_t *feats = NULL, *feats2 = NULL, *docf = NULL;
    uint8_t *pred1 = NULL;
    ng_ner_work wk = {0};
    ng_ner_model eval;
    memset(&eval, 0, sizeof eval);
    ng_status st = ng_ner_model_init(out, bits, err);
    if (st) return st;
    uint32_t mask = ((uint32_t)1 << bits) - 1;
    feats = malloc(train->ntok * NG_NER_FEATS * sizeof *feats + 1);
    if (!feats) goto nomem;
    if (opts && opts->lexicon)
        for (size_t i = 0; i < opts->lexicon->cap; i++)
            if (opts->lexicon->key[i] && ng_ner_gaz_put(&out->lex, opts->lexicon->key[i], opts->lexicon->mask[i]))
                goto nomem;
    if (opts && opts->clusters && opts->clusters->count) {
        const ng_ner_clusters *src = opts->clusters;
        out->cl.levels = src->levels;
        memcpy(out->cl.k, src->k, sizeof out->cl.k);
        for (size_t i = 0; i < src->cap; i++)
            if (src->key[i] && ng_ner_clusters_put(&out->cl, src->key[i], src->id + i * NG_NER_CLUSTER_LEVELS))
                goto nomem;
    }
    if (ng_ner_gaz_add_corpus(&out->gaz, train, -1) || ng_ner_gaz_add_corpus(&half[0], train, 0) ||
        ng_ner_gaz_add_corpus(&half[1], train, 1))
        goto nomem;
    size_t maxn = 0;
    for (size_t s = 0; s < train->nsent; s++)
        if (train->sent[s].n > maxn) maxn = train->sent[s].n;
    if (ng_ner_work_reserve(&wk, maxn)) goto nomem;
    for (size_t s = 0; s < train->nsent; s++) {
        const ng_ner_sentence *se = &train->sent[s];
        ng_ner_features(&half[se->doc & 1], &out->lex, &out->cl, train->word + se->first, se->n, mask, wk.scratch, wk.cid,
                        feats + se->first * NG_NER_FEATS);
    }
    /* the dev-scoring model shares out's tables; its weights are set per
     * epoch and never freed through it */
    eval = *out;
    eval.w = NULL;
    int members = opts && opts->members > 1 ? opts->members : 1;
    run r1 = {train, feats, NG_NER_FEATS, -1, 1, epochs, seed, bits, dev, &eval, 1, opts, out->w, out->trans, 0};
    st = perceptron_members(&r1, members, err);
    if (st) goto done;
    if (best_epoch) *best_epoch = r1.best_epoch;
    if (passes == 2) {
        pred1 = malloc(train->ntok + 1);
        docf = malloc(train->ntok * NG_NER_DOC_FEATS * sizeof *docf + 1);
        feats2 = malloc(train->ntok * NG_NER_FEATS2 * sizeof *feats2 + 1);
        out->w2 = calloc((size_t)NG_NER_TAGS << bits, sizeof *out->w2);
        if (!pred1 || !docf || !feats2 || !out->w2) goto nomem;
        st = jackknife(train, feats, opts, r1.best_epoch, seed, bits, pred1, err);
        if (st) goto done;
        /* document features, a document at a time */
        for (size_t s = 0; s < train->nsent;) {
            size_t e = s + 1;
            while (e < train->nsent && train->sent[e].doc == train->sent[s].doc) e++;
            size_t j = train->sent[s].first;
            if (ng_ner_doc_features(train->word, train->sent + s, e - s, pred1, mask, &wk, docf + j * NG_NER_DOC_FEATS))
                goto nomem;
            for (size_t k = s; k < e; k++) {
                const ng_ner_sentence *se = &train->sent[k];
                for (size_t i = 0; i < se->n; i++, j++) {
                    memcpy(feats2 + (se->first + i) * NG_NER_FEATS2, feats + (se->first + i) * NG_NER_FEATS,
                           NG_NER_FEATS * sizeof *feats);
                    memcpy(feats2 + (se->first + i) * NG_NER_FEATS2 + NG_NER_FEATS, docf + j * NG_NER_DOC_FEATS,
                           NG_NER_DOC_FEATS * sizeof *docf);
                }
            }
            s = e;
        }
        eval.w = out->w;
        memcpy(eval.trans, out->trans, sizeof eval.trans);
        eval.w2 = NULL;
        run r2 = {train, feats2, NG_NER_FEATS2, -1, 1, epochs, seed, bits, dev, &eval, 2, opts, out->w2, out->trans2, 0};
        st = perceptron_members(&r2, members, err);
        if (st) goto done;
        if (best_epoch) *best_epoch = r2.best_epoch;
    }
    goto done;
nomem:
    st = ng_fail(err, NG_E_NOMEM, 0, "ner: out of memory");
done:
    if (st) ng_ner_model_free(out);
    ng_ner_gaz_free(&half[0]);
    ng_ner_gaz_free(&half[1]);
    ng_ner_work_free(&wk);
    free(feats);
    free(feats2);
    free(docf);
    free(pred1);
    return st;
}
