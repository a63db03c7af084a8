/* train_reported.c - trains the reported-speech classifier (reported.h,
 * candidates from src/analyze/quotes.c) on PolNeAR's training split and
 * writes models/reported.txt.
 *
 * First the cue words: words of three letters or more, not verbs of saying
 * already, that are part of a reported quote's cue at least -k times
 * (default 3) and at least -r of the times they occur (default 0.25); they
 * propose candidates like the verbs of saying and are written as "cue"
 * lines.  Then each article is analyzed as `nutgraf analyze` does (the
 * direct quotes decide which contents may be proposed); every sentence's
 * candidates are compared with the gold quotes by issue 11's matching rule
 * (quote_match.h): a candidate is right when the gold quote holding the
 * most of its words holds at least half of them (what precision counts).
 * An averaged perceptron learns the weights of the hashed features from
 * two updates per sentence: the candidate worth most (the most words of a
 * reported gold quote less its words outside it) should score highest
 * among the sentence's candidates (the decoder takes the best first), and
 * each candidate should score above zero exactly when it is right.  -b
 * perceptrons (default 4) over differently shuffled sentence orders are
 * averaged.
 *
 * Settings: the number of epochs (1-12) and the threshold (-30 to 30 by
 * 0.25) are chosen by 5-fold cross-validation over the training articles
 * (article i in fold i mod 5), decoding each held-out sentence as the
 * library does (ng_rep_choose) and scoring with the matching rule (the
 * direct quotes found count towards the gold quotes they fall in, as in
 * build/bench/quotes): the highest reported recall whose precision is at
 * least the target (-p, default 0.80).  The chosen epochs are then trained
 * on every training article and written out.  Deterministic.  Prints the
 * CV table of the chosen epochs.  (The cue words are learned from every
 * training article before the folds are drawn.)
 *
 * Usage: build/bench/train_reported [-o models/reported.txt] [-p PRECISION]
 *        [-r RATIO] [-k COUNT] [-b BAGS]
 * Data from NG_SHARED (default ../shared); the dev and test splits are not
 * read. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "analyze/analyze.h"
#include "analyze/quotes.h"
#include "analyze/reported.h"
#include "core/hash.h"
#include "quote_polnear.h"

#define FOLDS 5
#define MAX_EPOCHS 12
#define MAX_BAGS 8 /* perceptrons over differently shuffled orders, averaged */
#define NTHR 241 /* thresholds -30 .. 30 by 0.25 */

typedef struct inst {
    uint8_t share_ok; /* the matching rule gives it to a gold quote */
    size_t gold;  /* global index of the gold quote holding most of its words, or SIZE_MAX */
    size_t words; /* of that gold quote in the candidate */
    size_t own;   /* the candidate's words */
} inst;

typedef struct sent {
    size_t first, n; /* its candidates in the pool */
    size_t doc;
} sent;

typedef struct pool {
    ng_rep_cand *c;
    inst *in;
    size_t n, cap;
    sent *s;
    size_t ns, scap;
    size_t *gold_words; /* of each gold quote */
    uint8_t *gold_rep;  /* 1: reported speech */
    size_t *gold_doc;
    size_t *gold_base; /* its words in the direct quotes found, which count for it too */
    size_t ng, gcap;
    size_t docs;
} pool;

static void *grow(void *p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap) return p;
    size_t c = *cap ? *cap * 2 : 1024;
    while (c < need) c *= 2;
    void *q = realloc(p, c * size);
    if (!q) abort();
    *cap = c;
    return q;
}

static void add_gold(pool *p, const qm_gold *g, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        size_t cap = p->gcap;
        p->gold_words = grow(p->gold_words, &cap, p->ng + 1, sizeof *p->gold_words);
        cap = p->gcap;
        p->gold_rep = grow(p->gold_rep, &cap, p->ng + 1, sizeof *p->gold_rep);
        cap = p->gcap;
        p->gold_doc = grow(p->gold_doc, &cap, p->ng + 1, sizeof *p->gold_doc);
        p->gold_base = grow(p->gold_base, &p->gcap, p->ng + 1, sizeof *p->gold_base);
        p->gold_base[p->ng] = 0;
        p->gold_words[p->ng] = g[i].words;
        p->gold_rep[p->ng] = !g[i].direct;
        p->gold_doc[p->ng] = p->docs;
        p->ng++;
    }
}

/* The instance of candidate c: the matching rule against the article's
 * gold quotes (global indices from g0). */
static inst label(const ng_doc *doc, const ng_rep_cand *c, const qm_words *bw, const size_t *map,
                  const qm_gold *gold, size_t ngold, size_t g0)
{
    inst r = {0, SIZE_MAX, 0, 0};
    const ng_token *a = &doc->tokens.items[c->k0], *b = &doc->tokens.items[c->k1 - 1];
    size_t w0 = qm_word_at(bw, a->start), w1 = qm_word_at(bw, b->start + b->len), best = 0;
    long bestg = -1;
    for (size_t g = 0; g < ngold; g++) {
        size_t in = 0;
        for (size_t i = w0; i < w1; i++) in += map[i] != (size_t)-1 && qm_gold_has(&gold[g], map[i]);
        if (in > best) best = in, bestg = (long)g;
    }
    r.own = w1 - w0;
    if (bestg < 0 || 2 * best < w1 - w0) return r;
    r.share_ok = 1;
    r.gold = g0 + (size_t)bestg;
    r.words = best;
    return r;
}

static void read_doc(pool *p, json_t *rec, ng_analyze_work *work, const ng_rep_model *cues)
{
    const char *text = json_string_value(json_object_get(rec, "text"));
    json_t *quotes = json_object_get(rec, "quotes");
    if (!text) return;
    size_t len = strlen(text), ncp;
    ng_doc *doc = NULL;
    ng_read_options o = {NG_FORMAT_TEXT, 0};
    ng_analyze_options ao = {NULL, 0, work, 0};
    if (ng_doc_read(text, len, &o, &doc, NULL) != NG_OK) return;
    if (ng_analyze_speakers(doc, &ao, 1, NULL) != NG_OK) {
        ng_doc_free(doc);
        return;
    }
    size_t *off = qp_code_points(text, len, &ncp);
    qm_words tw = qm_split(text, len);
    ng_str body = ng_doc_body(doc);
    qm_words bw = qm_split(body.ptr, body.len);
    size_t *map = qm_align(body.ptr, &bw, text, &tw);
    size_t ng = json_array_size(quotes);
    qm_gold *gold = calloc(ng + 1, sizeof *gold);
    if (!gold) abort();
    ng = qp_gold(quotes, off, ncp, &tw, gold, ng);
    size_t g0 = p->ng;
    add_gold(p, gold, ng);
    for (size_t k = 0; k < ng_doc_quote_count(doc); k++) { /* direct quotes given to a gold quote */
        ng_quote q = ng_doc_quote(doc, k);
        if (q.reported) continue;
        size_t a = qm_word_at(&bw, q.start), b = qm_word_at(&bw, q.end), best = 0;
        long bestg = -1;
        for (size_t g = 0; g < ng; g++) {
            size_t in = 0;
            for (size_t i = a; i < b; i++) in += map[i] != (size_t)-1 && qm_gold_has(&gold[g], map[i]);
            if (in > best) best = in, bestg = (long)g;
        }
        if (bestg >= 0 && 2 * best >= b - a) p->gold_base[g0 + (size_t)bestg] += best;
    }
    for (size_t si = 0; si < doc->sentences.count; si++) {
        size_t cap = p->cap;
        p->c = grow(p->c, &cap, p->n + NG_REP_MAX_CANDS, sizeof *p->c);
        p->in = grow(p->in, &p->cap, p->n + NG_REP_MAX_CANDS, sizeof *p->in);
        size_t nc = ng_rep_candidates(doc, si, cues, p->c + p->n);
        if (!nc) continue;
        for (size_t k = 0; k < nc; k++) p->in[p->n + k] = label(doc, &p->c[p->n + k], &bw, map, gold, ng, g0);
        p->s = grow(p->s, &p->scap, p->ns + 1, sizeof *p->s);
        p->s[p->ns++] = (sent){p->n, nc, p->docs};
        p->n += nc;
    }
    p->docs++;
    free(gold);
    free(map);
    qm_free(&bw);
    qm_free(&tw);
    free(off);
    ng_doc_free(doc);
}

/* ------------------------------------------------------------ cue words */

typedef struct wcount {
    char w[32];
    size_t cue, all;
} wcount;

typedef struct wtable {
    wcount *v;
    size_t n, cap; /* open addressing, cap a power of two */
} wtable;

static wcount *wt_get(wtable *t, const char *w, size_t len)
{
    if (2 * (t->n + 1) > t->cap) {
        wtable b = {calloc(t->cap ? 2 * t->cap : 65536, sizeof(wcount)), 0, t->cap ? 2 * t->cap : 65536};
        if (!b.v) abort();
        for (size_t i = 0; i < t->cap; i++)
            if (t->v[i].w[0]) {
                wcount *x = wt_get(&b, t->v[i].w, strlen(t->v[i].w));
                *x = t->v[i];
            }
        free(t->v);
        *t = b;
    }
    size_t i = ng_hash_bytes(w, len) & (t->cap - 1);
    while (t->v[i].w[0] && (strlen(t->v[i].w) != len || memcmp(t->v[i].w, w, len))) i = (i + 1) & (t->cap - 1);
    if (!t->v[i].w[0]) memcpy(t->v[i].w, w, len), t->v[i].w[len] = 0, t->n++;
    return &t->v[i];
}

/* Counts each lowercase ASCII word of s[a, b) in t (field `cue` or `all`). */
static void count_words(wtable *t, const char *s, size_t a, size_t b, int cue)
{
    char w[32];
    for (size_t i = a; i < b;) {
        if (!isalpha((unsigned char)s[i])) { i++; continue; }
        size_t k = 0;
        while (i < b && isalpha((unsigned char)s[i])) {
            if (k < sizeof w - 1) w[k] = (char)tolower((unsigned char)s[i]);
            k++, i++;
        }
        if (k >= sizeof w - 1) continue;
        wcount *x = wt_get(t, w, k);
        if (cue) x->cue++;
        else x->all++;
    }
}

/* The learned cue words: words of at least three letters, not verbs of
 * saying already, that are part of a reported quote's cue at least
 * min_count times and at least min_ratio of the times they occur, into m
 * and words (*nw of them, room for NG_REP_CUE_SLOTS / 2). */
static void learn_cues(const char *all, double min_ratio, size_t min_count, ng_rep_model *m, char (*words)[32],
                       size_t *nw)
{
    wtable t = {NULL, 0, 0};
    for (const char *line = all; *line;) {
        const char *nl = strchr(line, '\n');
        size_t len = nl ? (size_t)(nl - line) : strlen(line);
        json_t *rec = json_loadb(line, len, 0, NULL);
        const char *text = rec ? json_string_value(json_object_get(rec, "text")) : NULL;
        if (text) {
            size_t n = strlen(text), ncp, *off = qp_code_points(text, n, &ncp);
            count_words(&t, text, 0, n, 0);
            json_t *quotes = json_object_get(rec, "quotes"), *q;
            size_t i;
            json_array_foreach(quotes, i, q) {
                json_t *cue = json_object_get(q, "cue"), *type = json_object_get(q, "type");
                if (!json_is_object(cue) || !json_string_value(type) || !strcmp(json_string_value(type), "direct"))
                    continue;
                count_words(&t, text, qp_byte(off, ncp, json_integer_value(json_object_get(cue, "start"))),
                            qp_byte(off, ncp, json_integer_value(json_object_get(cue, "end"))), 1);
            }
            free(off);
        }
        json_decref(rec);
        line = nl ? nl + 1 : line + len;
    }
    for (size_t i = 0; i < t.cap; i++) {
        const wcount *x = &t.v[i];
        size_t len = strlen(x->w);
        if (len < 3 || x->cue < min_count || (double)x->cue < min_ratio * (double)x->all) continue;
        if (ng_quote_cue_kind(x->w, len)) continue;
        if (ng_rep_model_add_cue(m, x->w, len) < 0) break;
        memcpy(words[(*nw)++], x->w, len + 1);
    }
    free(t.v);
}

/* ------------------------------------------------------------ learning */

typedef struct weights {
    double w[NG_REP_SIZE], u[NG_REP_SIZE];
    double steps;
} weights;

static double cand_score(const weights *W, const ng_rep_cand *c)
{
    double score = 0;
    for (size_t f = 0; f < c->nfeat; f++) score += W->w[c->feat[f]];
    return score;
}

static void update(weights *W, const ng_rep_cand *c, double y)
{
    for (size_t f = 0; f < c->nfeat; f++) {
        W->w[c->feat[f]] += y;
        W->u[c->feat[f]] += y * W->steps;
    }
}

/* The ranking part: the sentence's best candidate (the most words of a
 * reported gold quote, at least half its own) should score highest. */
static void rank_update(const pool *p, weights *W, const sent *s)
{
    size_t best = SIZE_MAX, pred = SIZE_MAX;
    double bs = 0, ps = -1e300;
    for (size_t k = s->first; k < s->first + s->n; k++) {
        const inst *o = &p->in[k];
        double v = o->share_ok && p->gold_rep[o->gold] ? (double)o->words - (double)(o->own - o->words) + 0.5 : 0;
        if (v > bs) bs = v, best = k;
        double sc = cand_score(W, &p->c[k]);
        if (sc > ps) ps = sc, pred = k;
    }
    W->steps++;
    if (best == SIZE_MAX || pred == best) return;
    const inst *o = &p->in[pred];
    if (o->share_ok && p->gold_rep[o->gold] && 2 * o->words - o->own >= 2 * p->in[best].words - p->in[best].own) return;
    update(W, &p->c[best], 1);
    update(W, &p->c[pred], -1);
}

/* One epoch over the sentences of every fold but `fold` (-1: all), in a
 * fixed shuffled order. */
static void epoch(const pool *p, weights *W, int fold, const size_t *order)
{
    for (size_t oi = 0; oi < p->ns; oi++) {
        const sent *s = &p->s[order[oi]];
        if (fold >= 0 && (int)(s->doc % FOLDS) == fold) continue;
        rank_update(p, W, s);
        for (size_t k = s->first; k < s->first + s->n; k++) {
            const ng_rep_cand *c = &p->c[k];
            double score = 0, y = p->in[k].share_ok ? 1 : -1;
            for (size_t f = 0; f < c->nfeat; f++) score += W->w[c->feat[f]];
            W->steps++;
            if (y * score > 0) continue;
            for (size_t f = 0; f < c->nfeat; f++) {
                W->w[c->feat[f]] += y;
                W->u[c->feat[f]] += y * W->steps;
            }
        }
    }
}

/* The mean of the bags' averaged weights as a model. */
static void average(const weights *W, int bags, ng_rep_model *m)
{
    for (size_t i = 0; i < NG_REP_SIZE; i++) {
        double sum = 0;
        for (int b = 0; b < bags; b++) sum += W[b].w[i] - W[b].u[i] / (W[b].steps ? W[b].steps : 1);
        m->w[i] = (float)(sum / bags);
    }
}

typedef struct tally {
    size_t sys[NTHR], ok[NTHR], found[NTHR], gold;
} tally;

static double thr_of(int t)
{
    return -30 + 0.25 * t;
}

/* Decodes the sentences of `fold` (-1: all) at every threshold and adds
 * the matching rule's counts to T. */
static void evaluate(const pool *p, const ng_rep_model *m, int fold, tally *T, size_t *cover)
{
    double score[NG_REP_MAX_CANDS];
    size_t chosen[NG_REP_MAX_CHOSEN];
    for (size_t g = 0; g < p->ng; g++)
        if (p->gold_rep[g] && (fold < 0 || (int)(p->gold_doc[g] % FOLDS) == fold)) T->gold++;
    for (int t = 0; t < NTHR; t++) {
        memcpy(cover, p->gold_base, p->ng * sizeof *cover);
        for (size_t si = 0; si < p->ns; si++) {
            const sent *s = &p->s[si];
            if (fold >= 0 && (int)(s->doc % FOLDS) != fold) continue;
            for (size_t k = 0; k < s->n; k++) score[k] = ng_rep_score(m, &p->c[s->first + k]);
            size_t nch = ng_rep_choose(p->c + s->first, s->n, score, thr_of(t), chosen);
            for (size_t k = 0; k < nch; k++) {
                const inst *in = &p->in[s->first + chosen[k]];
                T->sys[t]++;
                if (!in->share_ok) continue;
                T->ok[t]++;
                cover[in->gold] += in->words;
            }
        }
        for (size_t g = 0; g < p->ng; g++)
            if (p->gold_rep[g] && (fold < 0 || (int)(p->gold_doc[g] % FOLDS) == fold) && p->gold_words[g] &&
                2 * cover[g] >= p->gold_words[g])
                T->found[t]++;
    }
}

int main(int argc, char **argv)
{
    const char *outp = "models/reported.txt";
    double target = 0.80, min_ratio = 0.25;
    size_t min_count = 3;
    int bags = 4;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-o") && i + 1 < argc) outp = argv[++i];
        else if (!strcmp(argv[i], "-p") && i + 1 < argc) target = atof(argv[++i]);
        else if (!strcmp(argv[i], "-r") && i + 1 < argc) min_ratio = atof(argv[++i]);
        else if (!strcmp(argv[i], "-k") && i + 1 < argc) min_count = (size_t)atol(argv[++i]);
        else if (!strcmp(argv[i], "-b") && i + 1 < argc && atoi(argv[i + 1]) >= 1 && atoi(argv[i + 1]) <= MAX_BAGS)
            bags = atoi(argv[++i]);
        else {
            fprintf(stderr, "usage: train_reported [-o FILE] [-p PRECISION] [-r RATIO] [-k COUNT] [-b BAGS]\n");
            return 2;
        }
    }
    char path[4096];
    qe_path(path, sizeof path, "NG_SHARED", "../shared", "data/quotes/polnear.train.jsonl.gz");
    char *all = qp_slurp_gz(path, NULL);
    if (!all) {
        fprintf(stderr, "train_reported: cannot read %s\n", path);
        return 1;
    }
    static pool P;
    static ng_rep_model cues;
    static char cue_words[NG_REP_CUE_SLOTS / 2][32];
    size_t ncw = 0;
    learn_cues(all, min_ratio, min_count, &cues, cue_words, &ncw);
    printf("%zu learned cue words (at least %zu times and %.2f of their uses part of a cue)\n", cues.ncues, min_count,
           min_ratio);
    ng_analyze_work *work = ng_analyze_work_new();
    for (char *line = all; *line;) {
        char *nl = strchr(line, '\n');
        if (nl) *nl = 0;
        json_t *rec = json_loads(line, 0, NULL);
        if (rec) read_doc(&P, rec, work, &cues);
        json_decref(rec);
        line = nl ? nl + 1 : line + strlen(line);
    }
    ng_analyze_work_free(work);
    free(all);
    size_t pos = 0;
    for (size_t i = 0; i < P.n; i++) pos += P.in[i].share_ok;
    size_t gr = 0;
    for (size_t g = 0; g < P.ng; g++) gr += P.gold_rep[g];
    printf("%zu articles, %zu sentences with candidates, %zu candidates (%zu right), %zu reported gold quotes\n",
           P.docs, P.ns, P.n, pos, gr);
    size_t *order[MAX_BAGS], *cover = malloc((P.ng + 1) * sizeof *cover);
    if (!cover) abort();
    uint64_t rng = 12345;
    for (int b = 0; b < bags; b++) { /* one shuffled order of the sentences per bag */
        order[b] = malloc(P.ns * sizeof *order[b]);
        if (!order[b]) abort();
        for (size_t i = 0; i < P.ns; i++) order[b][i] = i;
        for (size_t i = P.ns; i > 1; i--) {
            rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
            size_t j = (size_t)(rng >> 33) % i, t = order[b][i - 1];
            order[b][i - 1] = order[b][j];
            order[b][j] = t;
        }
    }
    static tally T[MAX_EPOCHS];
    static weights W[MAX_BAGS];
    static ng_rep_model M;
    for (int fold = 0; fold < FOLDS; fold++) {
        memset(W, 0, sizeof W);
        for (int e = 0; e < MAX_EPOCHS; e++) {
            for (int b = 0; b < bags; b++) epoch(&P, &W[b], fold, order[b]);
            average(W, bags, &M);
            evaluate(&P, &M, fold, &T[e], cover);
        }
    }
    int be = -1, bt = -1;
    double brec = -1;
    for (int e = 0; e < MAX_EPOCHS; e++)
        for (int t = 0; t < NTHR; t++) {
            double prec = T[e].sys[t] ? (double)T[e].ok[t] / (double)T[e].sys[t] : 0;
            double rec = (double)T[e].found[t] / (double)T[e].gold;
            if (prec >= target && rec > brec) brec = rec, be = e, bt = t;
        }
    if (be < 0) {
        fprintf(stderr, "train_reported: no setting reaches precision %.3f\n", target);
        return 1;
    }
    printf("5-fold CV on train, %d epochs (recall / precision of reported speech by threshold):\n", be + 1);
    for (int t = 0; t < NTHR; t += 8) {
        const tally *x = &T[be];
        printf("  threshold %5.2f  recall %.3f  precision %.3f  (%zu quotes)\n", thr_of(t),
               (double)x->found[t] / (double)x->gold, x->sys[t] ? (double)x->ok[t] / (double)x->sys[t] : 0, x->sys[t]);
    }
    for (int e = 0; e < MAX_EPOCHS; e++) {
        double r = -1, pr = 0, th = 0;
        for (int t = 0; t < NTHR; t++) {
            double prec = T[e].sys[t] ? (double)T[e].ok[t] / (double)T[e].sys[t] : 0;
            double rec = (double)T[e].found[t] / (double)T[e].gold;
            if (prec >= target && rec > r) r = rec, pr = prec, th = thr_of(t);
        }
        printf("  epochs %2d: best recall at precision >= %.2f: %.3f (precision %.3f, threshold %.2f)\n", e + 1,
               target, r, pr, th);
    }
    double prec = (double)T[be].ok[bt] / (double)T[be].sys[bt];
    printf("chosen: %d epochs, threshold %.2f: CV recall %.3f precision %.3f\n", be + 1, thr_of(bt), brec, prec);
    memset(W, 0, sizeof W);
    for (int e = 0; e <= be; e++)
        for (int b = 0; b < bags; b++) epoch(&P, &W[b], -1, order[b]);
    average(W, bags, &M);
    static tally all_t;
    evaluate(&P, &M, -1, &all_t, cover);
    printf("trained on all of train, scored on train (optimistic): recall %.3f precision %.3f\n",
           (double)all_t.found[bt] / (double)all_t.gold, (double)all_t.ok[bt] / (double)(all_t.sys[bt] ? all_t.sys[bt] : 1));
    FILE *f = fopen(outp, "w");
    if (!f) {
        fprintf(stderr, "train_reported: cannot write %s\n", outp);
        return 1;
    }
    fprintf(f, "# nutgraf reported model 1: averaged perceptron over hashed features (src/analyze/quotes.c), "
               "bench/train_reported on PolNeAR train (%zu articles), %d epochs; threshold by 5-fold CV on train "
               "(recall %.3f, precision %.3f at target %.2f)\n",
            P.docs, be + 1, brec, prec, target);
    fprintf(f, "threshold %.2f\n", thr_of(bt));
    for (size_t i = 0; i < ncw; i++) fprintf(f, "cue %s\n", cue_words[i]);
    size_t kept = 0;
    for (size_t i = 0; i < NG_REP_SIZE; i++)
        if (M.w[i] > 1e-3 || M.w[i] < -1e-3) fprintf(f, "%zu %.4g\n", i, (double)M.w[i]), kept++;
    fclose(f);
    printf("wrote %s (%zu weights)\n", outp, kept);
    for (int b = 0; b < bags; b++) free(order[b]);
    free(cover);
    return 0;
}
