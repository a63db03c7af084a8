/* train_speakers.c - trains the speaker ranker (src/analyze/speaker_rank.c)
 * on PolNeAR's training split and writes models/speaker.txt.
 *
 * Each article is analyzed as `nutgraf analyze` does with the rules'
 * speakers (the ranker's input); each direct quote found that matches a
 * gold quote (the one holding the most of its words, at least half)
 * becomes one ranking instance: its candidates (speaker.h), a candidate
 * being right when its last word lies in the head of the gold speaker as
 * written (up to its first comma or parenthesis).  An averaged perceptron
 * learns to rank the right candidate first; the previous quote's speaker
 * is the right one of the previous instance while training.
 *
 * Settings (window of sentences 1-3, epochs 5/10/20, feature groups: all,
 * or all but one) are chosen by 5-fold cross-validation over the training
 * articles (article i in fold i mod 5): the mean accuracy over instances
 * (an instance with no right candidate counts as wrong).  The best is then
 * trained on every training article and written out.  Deterministic.
 *
 * Usage: build/bench/train_speakers [-o models/speaker.txt] [-q]
 * Data from NG_SHARED (default ../shared); the dev and test splits are not
 * read. */
#include <stdio.h>
#include <string.h>

#include "analyze/analyze.h"
#include "analyze/speaker.h"
#include "quote_polnear.h"

#define WINDOWS 3
#define FOLDS 5

typedef struct inst {
    size_t first, n; /* candidates in the pool */
    size_t doc;      /* article index, for the folds */
} inst;

typedef struct pool {
    ng_spk_cand *c;
    uint8_t *right;
    size_t n, cap;
    inst *v;
    size_t ni, icap;
} pool;

typedef struct weights {
    double w[NG_SPK_TEMPLATES][NG_SPK_VALUES], u[NG_SPK_TEMPLATES][NG_SPK_VALUES];
    double steps;
} weights;

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

/* ------------------------------------------------------------ gold */

typedef struct gq {
    size_t w0[8], w1[8], nfrag; /* text word ranges of the fragments */
    size_t s0, s1;              /* text words of the speaker's head; s1 0: none */
} gq;

static size_t read_gold(json_t *quotes, const char *text, const size_t *off, size_t ncp, const qm_words *tw,
                        gq *g)
{
    size_t n = 0;
    for (size_t i = 0; i < json_array_size(quotes); i++) {
        json_t *q = json_array_get(quotes, i), *fr = json_object_get(q, "fragments"), *sp = json_object_get(q, "speaker");
        gq *x = &g[n++];
        memset(x, 0, sizeof *x);
        for (size_t f = 0; f < json_array_size(fr) && x->nfrag < 8; f++) {
            json_t *p = json_array_get(fr, f);
            x->w0[x->nfrag] = qm_word_at(tw, qp_byte(off, ncp, json_integer_value(json_array_get(p, 0))));
            x->w1[x->nfrag] = qm_word_at(tw, qp_byte(off, ncp, json_integer_value(json_array_get(p, 1))));
            x->nfrag++;
        }
        if (!json_is_object(sp)) continue;
        size_t a = qp_byte(off, ncp, json_integer_value(json_object_get(sp, "start")));
        size_t b = qp_byte(off, ncp, json_integer_value(json_object_get(sp, "end")));
        char head[512];
        size_t len = b > a && b - a < sizeof head ? b - a : 0;
        memcpy(head, text + a, len);
        head[len] = 0;
        x->s0 = qm_word_at(tw, a);
        x->s1 = qm_word_at(tw, a + qm_head_len(head));
    }
    return n;
}

/* The gold quote holding most of body words [b0, b1), at least half, or -1. */
static long match_gold(const size_t *map, size_t b0, size_t b1, const gq *g, size_t ng)
{
    long best = -1;
    size_t top = 0;
    for (size_t k = 0; k < ng; k++) {
        size_t in = 0;
        for (size_t w = b0; w < b1; w++)
            for (size_t f = 0; map[w] != (size_t)-1 && f < g[k].nfrag; f++)
                in += map[w] >= g[k].w0[f] && map[w] < g[k].w1[f];
        if (in > top) top = in, best = (long)k;
    }
    return 2 * top >= b1 - b0 && top ? best : -1;
}

/* ------------------------------------------------------------ instances */

typedef struct article {
    ng_doc *doc;
    qm_words bw;
    size_t *map;
    gq *gold;
    size_t ngold, index;
} article;

static int cand_right(const article *a, const ng_spk_cand *c, const gq *g)
{
    if (!g->s1) return 0;
    size_t w = qm_word_at(&a->bw, c->end);
    if (!w || a->bw.start[w - 1] < c->start) return 0;
    size_t t = a->map[w - 1];
    return t != (size_t)-1 && t >= g->s0 && t < g->s1;
}

static void add_instance(pool *p, const article *a, size_t qi, int window, ng_spk_prev *prev, const gq *g)
{
    p->c = grow(p->c, &p->cap, p->n + NG_SPK_MAX_CANDS, sizeof *p->c);
    p->right = realloc(p->right, p->cap);
    p->v = grow(p->v, &p->icap, p->ni + 1, sizeof *p->v);
    if (!p->right) abort();
    size_t n = ng_speaker_candidates(a->doc, qi, window, prev, p->c + p->n), hit = SIZE_MAX;
    for (size_t i = 0; i < n; i++) {
        p->right[p->n + i] = (uint8_t)cand_right(a, &p->c[p->n + i], g);
        if (p->right[p->n + i] && hit == SIZE_MAX) hit = p->n + i;
    }
    p->v[p->ni++] = (inst){p->n, n, a->index};
    p->n += n;
    const ng_doc *doc = a->doc;
    memset(prev, 0, sizeof *prev);
    prev->entity = SIZE_MAX;
    if (hit == SIZE_MAX) return;
    prev->start = p->c[hit].start;
    prev->end = p->c[hit].end;
    prev->entity = p->c[hit].entity;
    for (size_t s = 0; s < doc->sentences.count; s++)
        if (doc->sentences.items[s].start <= doc->quotes.items[qi].start) prev->paragraph = doc->sentences.items[s].paragraph;
}

static void article_instances(pool *pools, const article *a)
{
    const ng_doc *doc = a->doc;
    for (int w = 0; w < WINDOWS; w++) {
        ng_spk_prev prev = {0, 0, SIZE_MAX, 0};
        for (size_t qi = 0; qi < doc->quotes.count; qi++) {
            const ng_quote *q = &doc->quotes.items[qi];
            if (q->reported) continue;
            long k = match_gold(a->map, qm_word_at(&a->bw, q->start), qm_word_at(&a->bw, q->end), a->gold, a->ngold);
            if (k < 0 || !a->gold[k].s1) continue;
            add_instance(&pools[w], a, qi, w + 1, &prev, &a->gold[k]);
        }
    }
}

static void read_article(pool *pools, json_t *rec, size_t index)
{
    const char *text = json_string_value(json_object_get(rec, "text"));
    json_t *quotes = json_object_get(rec, "quotes");
    if (!text) return;
    article a;
    memset(&a, 0, sizeof a);
    a.index = index;
    size_t len = strlen(text), ncp;
    ng_read_options o = {NG_FORMAT_TEXT, 0};
    ng_analyze_options ao = {NULL, 0, NULL, 0};
    if (ng_doc_read(text, len, &o, &a.doc, NULL) != NG_OK) return;
    if (ng_analyze_speakers(a.doc, &ao, 1, NULL) == NG_OK) {
        size_t *off = qp_code_points(text, len, &ncp);
        qm_words tw = qm_split(text, len);
        ng_str body = ng_doc_body(a.doc);
        a.bw = qm_split(body.ptr, body.len);
        a.map = qm_align(body.ptr, &a.bw, text, &tw);
        a.gold = calloc(json_array_size(quotes) + 1, sizeof *a.gold);
        if (!a.gold) abort();
        a.ngold = read_gold(quotes, text, off, ncp, &tw, a.gold);
        article_instances(pools, &a);
        free(a.gold);
        free(a.map);
        qm_free(&a.bw);
        qm_free(&tw);
        free(off);
    }
    ng_doc_free(a.doc);
}

/* ------------------------------------------------------------ perceptron */

static double score(const weights *m, const ng_spk_cand *c, unsigned groups)
{
    double s = 0;
    for (int t = 0; t < NG_SPK_TEMPLATES; t++)
        if ((groups & ng_speaker_template_group(t)) && c->f[t] < NG_SPK_VALUES) s += m->w[t][c->f[t]];
    return s;
}

static size_t argmax(const weights *m, const pool *p, const inst *x, unsigned groups, int right_only)
{
    size_t best = SIZE_MAX;
    double top = 0;
    for (size_t i = x->first; i < x->first + x->n; i++) {
        if (right_only && !p->right[i]) continue;
        double s = score(m, &p->c[i], groups);
        if (best == SIZE_MAX || s > top) top = s, best = i;
    }
    return best;
}

static void update(weights *m, const ng_spk_cand *c, unsigned groups, double d)
{
    for (int t = 0; t < NG_SPK_TEMPLATES; t++)
        if ((groups & ng_speaker_template_group(t)) && c->f[t] < NG_SPK_VALUES) {
            m->w[t][c->f[t]] += d;
            m->u[t][c->f[t]] += d * m->steps;
        }
}

static uint64_t next_rand(uint64_t *s)
{
    *s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
    return *s >> 33;
}

/* Trains on the instances outside fold `held` (-1: all); leaves the
 * averaged weights in m->w. */
static void train(weights *m, const pool *p, int held, int epochs, unsigned groups)
{
    memset(m, 0, sizeof *m);
    m->steps = 1;
    size_t *order = malloc((p->ni + 1) * sizeof *order);
    if (!order) abort();
    for (size_t i = 0; i < p->ni; i++) order[i] = i;
    uint64_t seed = 42;
    for (int e = 0; e < epochs; e++) {
        for (size_t i = p->ni; i > 1; i--) {
            size_t j = (size_t)(next_rand(&seed) % i), t = order[i - 1];
            order[i - 1] = order[j];
            order[j] = t;
        }
        for (size_t k = 0; k < p->ni; k++, m->steps++) {
            const inst *x = &p->v[order[k]];
            if ((int)(x->doc % FOLDS) == held) continue;
            size_t gold = argmax(m, p, x, groups, 1), pred = argmax(m, p, x, groups, 0);
            if (gold == SIZE_MAX || p->right[pred]) continue;
            update(m, &p->c[gold], groups, 1);
            update(m, &p->c[pred], groups, -1);
        }
    }
    for (int t = 0; t < NG_SPK_TEMPLATES; t++)
        for (int v = 0; v < NG_SPK_VALUES; v++) m->w[t][v] -= m->u[t][v] / m->steps;
    free(order);
}

/* Right picks among the instances of fold `held` (-1: all); *n their number. */
static size_t evaluate(const weights *m, const pool *p, int held, unsigned groups, size_t *n)
{
    size_t ok = 0;
    *n = 0;
    for (size_t k = 0; k < p->ni; k++) {
        const inst *x = &p->v[k];
        if (held >= 0 && (int)(x->doc % FOLDS) != held) continue;
        (*n)++;
        size_t pred = x->n ? argmax(m, p, x, groups, 0) : SIZE_MAX;
        ok += pred != SIZE_MAX && p->right[pred];
    }
    return ok;
}

static double cross_validate(weights *m, const pool *p, int epochs, unsigned groups)
{
    size_t ok = 0, n = 0;
    for (int f = 0; f < FOLDS; f++) {
        size_t fn;
        train(m, p, f, epochs, groups);
        ok += evaluate(m, p, f, groups, &fn);
        n += fn;
    }
    return n ? (double)ok / (double)n : 0;
}

/* ------------------------------------------------------------ main */

static int write_model(const char *path, const weights *m, int window, int epochs, unsigned groups, double cv,
                       size_t docs, size_t quotes)
{
    FILE *f = fopen(path, "w");
    if (!f) return -1;
    fprintf(f, "# nutgraf speaker model 1: averaged perceptron ranker, PolNeAR train (%zu articles, %zu quotes), "
               "%d epochs, 5-fold CV accuracy %.4f\n", docs, quotes, epochs, cv);
    fprintf(f, "window %d\ngroups %u\n", window, groups);
    for (int t = 0; t < NG_SPK_TEMPLATES; t++)
        for (int v = 0; v < NG_SPK_VALUES; v++)
            if ((groups & ng_speaker_template_group(t)) && m->w[t][v] != 0)
                fprintf(f, "%s %d %.6g\n", ng_speaker_template_name(t), v, m->w[t][v]);
    return fclose(f) ? -1 : 0;
}

static size_t load(pool *pools)
{
    char path[4096];
    qe_path(path, sizeof path, "NG_SHARED", "../shared", "data/quotes/polnear.train.jsonl.gz");
    char *all = qp_slurp_gz(path, NULL);
    if (!all) return 0;
    size_t docs = 0;
    for (char *line = all; *line;) {
        char *nl = strchr(line, '\n');
        if (nl) *nl = 0;
        json_t *rec = json_loads(line, 0, NULL);
        if (rec) read_article(pools, rec, docs++);
        json_decref(rec);
        line = nl ? nl + 1 : line + strlen(line);
    }
    free(all);
    return docs;
}

int main(int argc, char **argv)
{
    const char *out = "models/speaker.txt";
    int quiet = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-o") && i + 1 < argc) out = argv[++i];
        else if (!strcmp(argv[i], "-q")) quiet = 1;
        else return fprintf(stderr, "usage: train_speakers [-o FILE] [-q]\n"), 2;
    }
    static pool pools[WINDOWS];
    static weights m;
    size_t docs = load(pools);
    if (!docs) return fprintf(stderr, "train_speakers: no PolNeAR train split under NG_SHARED\n"), 1;
    static const int epoch_grid[] = {5, 10, 20};
    unsigned group_grid[7] = {NG_SPK_G_ALL};
    for (int g = 0; g < 6; g++) group_grid[g + 1] = NG_SPK_G_ALL & ~(1u << g);
    for (int w = 0; w < WINDOWS; w++) {
        size_t reach = 0, rule = 0;
        for (size_t k = 0; k < pools[w].ni; k++) {
            const inst *x = &pools[w].v[k];
            int any = 0, by_rule = 0;
            for (size_t i = x->first; i < x->first + x->n; i++) {
                any |= pools[w].right[i];
                by_rule |= pools[w].right[i] && pools[w].c[i].f[11] == 1; /* template "rule" */
            }
            reach += (size_t)any;
            rule += (size_t)by_rule;
        }
        printf("window %d: %zu quotes, a right candidate for %.4f, the rules' candidate right for %.4f\n", w + 1,
               pools[w].ni, (double)reach / (double)(pools[w].ni ? pools[w].ni : 1),
               (double)rule / (double)(pools[w].ni ? pools[w].ni : 1));
    }
    double best = -1;
    int bw = 1, be = 5;
    unsigned bg = NG_SPK_G_ALL;
    for (int w = 0; w < WINDOWS; w++)
        for (int e = 0; e < 3; e++)
            for (int g = 0; g < 7; g++) {
                double cv = cross_validate(&m, &pools[w], epoch_grid[e], group_grid[g]);
                if (!quiet) printf("cv window %d epochs %2d groups %2u: %.4f (%zu quotes)\n", w + 1, epoch_grid[e], group_grid[g], cv, pools[w].ni);
                if (cv > best + 1e-9) best = cv, bw = w + 1, be = epoch_grid[e], bg = group_grid[g];
            }
    printf("chosen: window %d, %d epochs, groups %u, 5-fold CV accuracy %.4f over %zu quotes of %zu articles\n", bw,
           be, bg, best, pools[bw - 1].ni, docs);
    train(&m, &pools[bw - 1], -1, be, bg);
    size_t n, ok = evaluate(&m, &pools[bw - 1], -1, bg, &n);
    printf("train accuracy of the final model: %.4f (%zu/%zu)\n", n ? (double)ok / (double)n : 0, ok, n);
    if (write_model(out, &m, bw, be, bg, best, docs, pools[bw - 1].ni) < 0)
        return fprintf(stderr, "train_speakers: cannot write %s\n", out), 1;
    for (int w = 0; w < WINDOWS; w++) free(pools[w].c), free(pools[w].right), free(pools[w].v);
    return 0;
}
