/* ner_cluster_learn.c - learning word clusters for the named-entity tagger
 * from unlabelled text (see ner.h): words are counted and kept in order as
 * ids, each frequent word gets a positive-PMI vector over its neighbours at
 * offsets -2..+2, a randomized SVD (one power iteration, Cholesky QR)
 * reduces the vectors to a few dimensions, and spherical k-means with
 * k-means++ seeding groups them at each granularity.  Deterministic for the
 * same text and options; memory grows with the text (4 bytes a token). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/ner.h"
#include "core/doc.h"

#define MAX_TOKENS ((size_t)1 << 30)
#define WORD_MAX 64 /* longer words are skipped */
#define OFFSETS 4   /* context offsets -2, -1, +1, +2 */

struct ng_ner_cluster_learner {
    char *str;            /* normalised words, each NUL-terminated */
    size_t str_len, str_cap;
    uint32_t *off;        /* per word id: offset in str */
    uint64_t *cnt;        /* per word id: occurrences */
    size_t nwords, words_cap;
    uint32_t *slot;       /* hash table of word ids + 1; 0: empty */
    uint64_t *slot_hash;
    size_t slots;
    uint32_t *tok;        /* the text as word ids */
    size_t ntok, tok_cap;
    uint32_t boundary;    /* id of "<doc>", between documents */
};

static uint32_t rnd(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return (uint32_t)(*s >> 16);
}

static double rnd01(uint64_t *s)
{
    return ((double)rnd(s) + 0.5) / 4294967296.0;
}

static uint64_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = 14695981039346656037ull;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    return h ^ (h >> 32);
}

static int grow(void **p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap) return 0;
    size_t nc = *cap ? *cap : 1024;
    while (nc < need) nc *= 2;
    void *q = realloc(*p, nc * size);
    if (!q) return -1;
    *p = q;
    *cap = nc;
    return 0;
}

/* The id of normalised word s[0..n), added when new; -1 out of memory. */
static long intern(ng_ner_cluster_learner *l, const char *s, size_t n)
{
    if ((l->nwords + 1) * 2 > l->slots) {
        size_t ns = l->slots ? l->slots * 2 : 1 << 16;
        uint32_t *nsl = calloc(ns, sizeof *nsl);
        uint64_t *nh = malloc(ns * sizeof *nh);
        if (!nsl || !nh) {
            free(nsl);
            free(nh);
            return -1;
        }
        for (size_t i = 0; i < l->slots; i++) {
            if (!l->slot[i]) continue;
            size_t j = (size_t)l->slot_hash[i] & (ns - 1);
            while (nsl[j]) j = (j + 1) & (ns - 1);
            nsl[j] = l->slot[i];
            nh[j] = l->slot_hash[i];
        }
        free(l->slot);
        free(l->slot_hash);
        l->slot = nsl;
        l->slot_hash = nh;
        l->slots = ns;
    }
    uint64_t h = hash_bytes(s, n);
    size_t j = (size_t)h & (l->slots - 1);
    while (l->slot[j]) {
        if (l->slot_hash[j] == h) {
            const char *w = l->str + l->off[l->slot[j] - 1];
            if (!strncmp(w, s, n) && w[n] == '\0') return (long)l->slot[j] - 1;
        }
        j = (j + 1) & (l->slots - 1);
    }
    size_t wc = l->words_cap;
    if (grow((void **)&l->str, &l->str_cap, l->str_len + n + 1, 1) ||
        grow((void **)&l->off, &wc, l->nwords + 1, sizeof *l->off))
        return -1;
    wc = l->words_cap;
    if (grow((void **)&l->cnt, &wc, l->nwords + 1, sizeof *l->cnt)) return -1;
    l->words_cap = wc;
    memcpy(l->str + l->str_len, s, n);
    l->str[l->str_len + n] = '\0';
    l->off[l->nwords] = (uint32_t)l->str_len;
    l->cnt[l->nwords] = 0;
    l->str_len += n + 1;
    l->slot[j] = (uint32_t)(l->nwords + 1);
    l->slot_hash[j] = h;
    return (long)l->nwords++;
}

ng_status ng_ner_cluster_learner_new(ng_ner_cluster_learner **out, ng_error *err)
{
    *out = calloc(1, sizeof **out);
    if (!*out) return ng_fail(err, NG_E_NOMEM, 0, "ner clusters: out of memory");
    long b = intern(*out, "<doc>", 5);
    if (b < 0) {
        ng_ner_cluster_learner_free(*out);
        *out = NULL;
        return ng_fail(err, NG_E_NOMEM, 0, "ner clusters: out of memory");
    }
    (*out)->boundary = (uint32_t)b;
    return NG_OK;
}

void ng_ner_cluster_learner_free(ng_ner_cluster_learner *l)
{
    if (!l) return;
    free(l->str);
    free(l->off);
    free(l->cnt);
    free(l->slot);
    free(l->slot_hash);
    free(l->tok);
    free(l);
}

void ng_ner_cluster_learner_stats(const ng_ner_cluster_learner *l, size_t *tokens, size_t *words)
{
    if (tokens) *tokens = l->ntok;
    if (words) *words = l->nwords;
}

static int push(ng_ner_cluster_learner *l, const char *s, size_t n)
{
    if (!n || n > WORD_MAX) return 0;
    char buf[WORD_MAX];
    /* PTB bracket and quote tokens as CoNLL writes them */
    static const char *const ptb[][2] = {{"-lrb-", "("}, {"-rrb-", ")"}, {"-lsb-", "["}, {"-rsb-", "]"},
                                         {"-lcb-", "{"}, {"-rcb-", "}"}, {"``", "\""},   {"''", "\""}};
    for (size_t i = 0; i < sizeof ptb / sizeof ptb[0]; i++)
        if (strlen(ptb[i][0]) == n && !strncmp(s, ptb[i][0], n)) {
            s = ptb[i][1];
            n = strlen(s);
            break;
        }
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        buf[i] = ch >= 'A' && ch <= 'Z' ? (char)(ch + 32) : ch >= '0' && ch <= '9' ? '0' : (char)ch;
    }
    long id = intern(l, buf, n);
    if (id < 0) return -1;
    if (grow((void **)&l->tok, &l->tok_cap, l->ntok + 1, sizeof *l->tok)) return -1;
    l->tok[l->ntok++] = (uint32_t)id;
    l->cnt[id]++;
    return 0;
}

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static int is_punct(unsigned char c)
{
    return c < 0x80 && !(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9') &&
           c != '-' && c != '&' && c > ' ';
}

ng_status ng_ner_cluster_learner_add(ng_ner_cluster_learner *l, const char *text, size_t len, int ptb,
                                     ng_error *err)
{
    if (l->ntok + len / 2 + 2 > MAX_TOKENS)
        return ng_fail(err, NG_E_TOO_BIG, 0, "ner clusters: over %zu tokens", MAX_TOKENS);
    int rc = 0;
    size_t i = 0;
    while (i < len && !rc) {
        while (i < len && is_space((unsigned char)text[i])) i++;
        size_t s = i;
        while (i < len && !is_space((unsigned char)text[i])) i++;
        size_t e = i;
        if (s == e) break;
        if (ptb) {
            rc = push(l, text + s, e - s);
            continue;
        }
        /* raw text: punctuation before and after a word, 's and n't */
        while (s < e && is_punct((unsigned char)text[s]) && !rc) rc = push(l, text + s++, 1);
        size_t tail = e;
        while (tail > s && is_punct((unsigned char)text[tail - 1])) tail--;
        size_t stem = tail;
        if (stem - s > 3 && (text[stem - 2] == '\'') && (text[stem - 1] == 's' || text[stem - 1] == 'S'))
            stem -= 2;
        else if (stem - s > 4 && !strncmp(text + stem - 3, "n't", 3))
            stem -= 3;
        if (!rc && stem > s) rc = push(l, text + s, stem - s);
        if (!rc && tail > stem) rc = push(l, text + stem, tail - stem);
        for (size_t k = tail; k < e && !rc; k++) rc = push(l, text + k, 1);
    }
    if (!rc && l->ntok && l->tok[l->ntok - 1] != l->boundary) {
        if (grow((void **)&l->tok, &l->tok_cap, l->ntok + 1, sizeof *l->tok)) rc = -1;
        else l->tok[l->ntok++] = l->boundary;
    }
    if (rc) return ng_fail(err, NG_E_NOMEM, 0, "ner clusters: out of memory");
    return NG_OK;
}

/* ------------------------------------------------------------ learning */

typedef struct ranked {
    uint64_t cnt;
    const char *s;
    uint32_t id;
} ranked;

/* more frequent first, ties by the word's bytes */
static int by_count(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    if (x->cnt != y->cnt) return x->cnt > y->cnt ? -1 : 1;
    return strcmp(x->s, y->s);
}

/* Y[r] += sum over row r of A: v * X[col] (Y rows x d, X cols x d). */
static void spmm(const size_t *rp, const uint32_t *ci, const float *cv, size_t rows, const float *x, float *y,
                 size_t d)
{
    memset(y, 0, rows * d * sizeof *y);
    for (size_t r = 0; r < rows; r++) {
        float *yr = y + r * d;
        for (size_t k = rp[r]; k < rp[r + 1]; k++) {
            const float *xc = x + (size_t)ci[k] * d;
            float v = cv[k];
            for (size_t j = 0; j < d; j++) yr[j] += v * xc[j];
        }
    }
}

/* Y[col] += v * X[r] (the transpose). */
static void spmm_t(const size_t *rp, const uint32_t *ci, const float *cv, size_t rows, size_t cols,
                   const float *x, float *y, size_t d)
{
    memset(y, 0, cols * d * sizeof *y);
    for (size_t r = 0; r < rows; r++) {
        const float *xr = x + r * d;
        for (size_t k = rp[r]; k < rp[r + 1]; k++) {
            float *yc = y + (size_t)ci[k] * d;
            float v = cv[k];
            for (size_t j = 0; j < d; j++) yc[j] += v * xr[j];
        }
    }
}

/* Orthonormalises the columns of y (n x d) in place by Cholesky QR, twice
 * for accuracy.  g is d*d scratch (double).  Returns -1 when degenerate. */
static int chol_qr(float *y, size_t n, size_t d, double *g)
{
    for (int pass = 0; pass < 2; pass++) {
        memset(g, 0, d * d * sizeof *g);
        for (size_t i = 0; i < n; i++) {
            const float *yi = y + i * d;
            for (size_t a = 0; a < d; a++) {
                double va = yi[a];
                if (va == 0) continue;
                double *ga = g + a * d;
                for (size_t b = a; b < d; b++) ga[b] += va * yi[b];
            }
        }
        double tr = 0;
        for (size_t a = 0; a < d; a++) tr += g[a * d + a];
        if (!(tr > 0)) return -1;
        for (size_t a = 0; a < d; a++) g[a * d + a] += 1e-6 * tr / (double)d; /* rank-deficient input */
        /* upper Cholesky: G = R^T R, R stored in the upper triangle of g */
        for (size_t a = 0; a < d; a++) {
            double s = g[a * d + a];
            for (size_t k = 0; k < a; k++) s -= g[k * d + a] * g[k * d + a];
            if (!(s > 0)) return -1;
            double ra = sqrt(s);
            g[a * d + a] = ra;
            for (size_t b = a + 1; b < d; b++) {
                double t = g[a * d + b];
                for (size_t k = 0; k < a; k++) t -= g[k * d + a] * g[k * d + b];
                g[a * d + b] = t / ra;
            }
        }
        /* y = y R^-1, row by row (forward substitution) */
        for (size_t i = 0; i < n; i++) {
            float *yi = y + i * d;
            for (size_t b = 0; b < d; b++) {
                double t = yi[b];
                for (size_t k = 0; k < b; k++) t -= yi[k] * g[k * d + b];
                yi[b] = (float)(t / g[b * d + b]);
            }
        }
    }
    return 0;
}

static void normalise_rows(float *x, size_t n, size_t d)
{
    for (size_t i = 0; i < n; i++) {
        float *xi = x + i * d;
        double s = 0;
        for (size_t j = 0; j < d; j++) s += (double)xi[j] * xi[j];
        if (s > 0) {
            float inv = (float)(1 / sqrt(s));
            for (size_t j = 0; j < d; j++) xi[j] *= inv;
        }
    }
}

/* Spherical k-means of the unit rows of x (n x d) into k clusters; writes
 * each row's cluster to out.  ct (d x k), sc (k), sum (k x d doubles) and
 * best (n floats) are scratch.  Rows are weighted by wt. */
static void kmeans(const float *x, const float *wt, size_t n, size_t d, size_t k, unsigned iters, uint64_t *seed,
                   uint16_t *out, float *ct, float *sc, double *sum, float *best, double *mass)
{
    /* k-means++ seeding on cosine distance 1 - x.c, weighted by wt */
    float *cent = (float *)sum; /* the first k*d floats of sum hold the seeds */
    size_t first = rnd(seed) % n;
    memcpy(cent, x + first * d, d * sizeof *cent);
    for (size_t i = 0; i < n; i++) best[i] = 2;
    for (size_t c = 1; c <= k; c++) {
        const float *cc = cent + (c - 1) * d;
        double tot = 0;
        for (size_t i = 0; i < n; i++) {
            const float *xi = x + i * d;
            float dot = 0;
            for (size_t j = 0; j < d; j++) dot += xi[j] * cc[j];
            float dist = 1 - dot;
            if (dist < 0) dist = 0;
            if (dist < best[i]) best[i] = dist;
            tot += (double)best[i] * wt[i];
        }
        if (c == k) break;
        double pick = rnd01(seed) * tot;
        size_t i = 0;
        for (; i + 1 < n; i++) {
            pick -= (double)best[i] * wt[i];
            if (pick <= 0) break;
        }
        memcpy(cent + c * d, x + i * d, d * sizeof *cent);
    }
    for (size_t c = 0; c < k; c++)
        for (size_t j = 0; j < d; j++) ct[j * k + c] = cent[c * d + j];
    for (unsigned it = 0; it <= iters; it++) {
        /* assign: sc[c] = x . centroid c, computed as axpy over dims */
        for (size_t i = 0; i < n; i++) {
            const float *xi = x + i * d;
            memset(sc, 0, k * sizeof *sc);
            for (size_t j = 0; j < d; j++) {
                float v = xi[j];
                const float *row = ct + j * k;
                for (size_t c = 0; c < k; c++) sc[c] += v * row[c];
            }
            size_t arg = 0;
            for (size_t c = 1; c < k; c++)
                if (sc[c] > sc[arg]) arg = c;
            out[i] = (uint16_t)arg;
            best[i] = sc[arg];
        }
        if (it == iters) break;
        /* update: weighted mean, renormalised; an empty cluster takes the
         * row farthest from its centroid */
        memset(sum, 0, k * d * sizeof *sum);
        memset(mass, 0, k * sizeof *mass);
        for (size_t i = 0; i < n; i++) {
            double *s = sum + (size_t)out[i] * d;
            const float *xi = x + i * d;
            for (size_t j = 0; j < d; j++) s[j] += (double)wt[i] * xi[j];
            mass[out[i]] += wt[i];
        }
        for (size_t c = 0; c < k; c++) {
            double *s = sum + c * d;
            if (mass[c] == 0) {
                size_t far = 0;
                for (size_t i = 1; i < n; i++)
                    if (best[i] < best[far]) far = i;
                best[far] = 2;
                for (size_t j = 0; j < d; j++) s[j] = x[far * d + j];
            }
            double nn = 0;
            for (size_t j = 0; j < d; j++) nn += s[j] * s[j];
            double inv = nn > 0 ? 1 / sqrt(nn) : 0;
            for (size_t j = 0; j < d; j++) ct[j * k + c] = (float)(s[j] * inv);
        }
    }
}

ng_status ng_ner_cluster_learn(ng_ner_cluster_learner *l, const ng_ner_cluster_options *opts,
                               ng_ner_clusters *out, ng_error *err)
{
    ng_ner_cluster_options o = {3, {128, 512, 2048}, 3, 150000, 5000, 100, 12, 42, NULL, NULL};
    if (opts) o = *opts;
    memset(out, 0, sizeof *out);
    if (o.levels < 1 || o.levels > NG_NER_CLUSTER_LEVELS || o.dim < 8 || o.dim > 512 || o.contexts < 10 ||
        o.max_words < 2 || o.max_words > NG_NER_CLUSTER_MAX_WORDS || o.min_count < 1 || o.iters > 1000)
        return ng_fail(err, NG_E_ARG, 0, "ner clusters: bad options");
    for (uint32_t i = 0; i < o.levels; i++)
        if (o.k[i] < 2 || o.k[i] >= NG_NER_CLUSTER_NONE)
            return ng_fail(err, NG_E_ARG, 0, "ner clusters: %u clusters (2 to 65534)", o.k[i]);
    uint64_t seed = (uint64_t)(o.seed ? o.seed : 42) * 0x9E3779B97F4A7C15ull | 1;

    /* rank words by frequency */
    uint32_t *order = malloc((l->nwords + 1) * sizeof *order);
    uint32_t *rank = malloc((l->nwords + 1) * sizeof *rank);
    if (!order || !rank) {
        free(order);
        free(rank);
        return ng_fail(err, NG_E_NOMEM, 0, "ner clusters: out of memory");
    }
    {
        ranked *rk = malloc((l->nwords + 1) * sizeof *rk);
        if (!rk) {
            free(order);
            free(rank);
            return ng_fail(err, NG_E_NOMEM, 0, "ner clusters: out of memory");
        }
        for (size_t i = 0; i < l->nwords; i++) rk[i] = (ranked){l->cnt[i], l->str + l->off[i], (uint32_t)i};
        qsort(rk, l->nwords, sizeof *rk, by_count);
        for (size_t i = 0; i < l->nwords; i++) order[i] = rk[i].id;
        free(rk);
    }
    size_t V = 0;
    while (V < l->nwords && V < o.max_words && l->cnt[order[V]] >= o.min_count) V++;
    for (size_t i = 0; i < l->nwords; i++) rank[order[i]] = (uint32_t)i;
    size_t kmax = 0;
    for (uint32_t i = 0; i < o.levels; i++)
        if (o.k[i] > kmax) kmax = o.k[i];
    if (V < kmax * 2 || V < 16) {
        free(order);
        free(rank);
        return ng_fail(err, NG_E_EMPTY, 0, "ner clusters: %zu words occur %u times or more: too few for %zu clusters",
                       V, o.min_count, kmax);
    }
    size_t K = o.contexts < V ? o.contexts : V, cols = OFFSETS * K, d = o.dim;
    if (d > cols) d = cols;
    if (d > V / 2) d = V / 2;
    if (o.on_stage) o.on_stage(o.ctx, "co-occurrence counts");

    /* positions of each clustered word (CSR by rank) */
    size_t *pstart = calloc(V + 1, sizeof *pstart);
    uint32_t *pos = NULL, *acc = calloc(cols, sizeof *acc), *touched = malloc(cols * sizeof *touched);
    size_t *rp = calloc(V + 1, sizeof *rp);
    uint32_t *ci = NULL;
    float *cv = NULL, *omega = NULL, *y = NULL, *z = NULL, *wt = NULL, *ct = NULL, *sc = NULL, *best = NULL;
    double *colsum = calloc(cols, sizeof *colsum), *g = NULL, *sum = NULL, *mass = NULL;
    uint16_t *assign = NULL;
    size_t nnz = 0, nnz_cap = 0;
    ng_status st = NG_OK;
    if (!pstart || !acc || !touched || !rp || !colsum) goto nomem;
    for (size_t t = 0; t < l->ntok; t++)
        if (rank[l->tok[t]] < V) pstart[rank[l->tok[t]] + 1]++;
    for (size_t r = 0; r < V; r++) pstart[r + 1] += pstart[r];
    pos = malloc((pstart[V] + 1) * sizeof *pos);
    if (!pos) goto nomem;
    {
        size_t *fill = malloc((V + 1) * sizeof *fill);
        if (!fill) goto nomem;
        memcpy(fill, pstart, (V + 1) * sizeof *fill);
        for (size_t t = 0; t < l->ntok; t++)
            if (rank[l->tok[t]] < V) pos[fill[rank[l->tok[t]]]++] = (uint32_t)t;
        free(fill);
    }
    /* raw counts, row by row */
    static const int offs[OFFSETS] = {-2, -1, 1, 2};
    for (size_t r = 0; r < V; r++) {
        size_t nt = 0;
        for (size_t p = pstart[r]; p < pstart[r + 1]; p++) {
            size_t t = pos[p];
            for (int o4 = 0; o4 < OFFSETS; o4++) {
                long q = (long)t + offs[o4];
                if (q < 0 || (size_t)q >= l->ntok) continue;
                uint32_t cr = rank[l->tok[q]];
                if (cr >= K) continue;
                size_t col = (size_t)o4 * K + cr;
                if (!acc[col]++) touched[nt++] = (uint32_t)col;
            }
        }
        if (nnz + nt > nnz_cap) {
            size_t nc = nnz_cap ? nnz_cap : 1 << 20;
            while (nc < nnz + nt) nc *= 2;
            uint32_t *nci = realloc(ci, nc * sizeof *ci);
            if (!nci) goto nomem;
            ci = nci;
            float *ncv = realloc(cv, nc * sizeof *cv);
            if (!ncv) goto nomem;
            cv = ncv;
            nnz_cap = nc;
        }
        for (size_t i = 0; i < nt; i++) {
            ci[nnz] = touched[i];
            cv[nnz++] = (float)acc[touched[i]];
            colsum[touched[i]] += acc[touched[i]];
            acc[touched[i]] = 0;
        }
        rp[r + 1] = nnz;
    }
    free(pos);
    pos = NULL;
    /* positive PMI with context smoothing (counts^0.75) */
    {
        double ztot = 0;
        for (size_t c = 0; c < cols; c++) {
            colsum[c] = pow(colsum[c], 0.75);
            ztot += colsum[c];
        }
        size_t w = 0;
        for (size_t r = 0; r < V; r++) {
            double rs = 0;
            for (size_t k = rp[r]; k < rp[r + 1]; k++) rs += cv[k];
            size_t start = w;
            for (size_t k = rp[r]; k < rp[r + 1]; k++) {
                double pmi = log((double)cv[k] * ztot / (rs * colsum[ci[k]]));
                if (pmi > 0) {
                    ci[w] = ci[k];
                    cv[w++] = (float)pmi;
                }
            }
            rp[r] = start;
        }
        rp[V] = w; /* rp[r] now holds the compacted rows' starts */
        nnz = w;
    }
    free(acc);
    acc = NULL;
    free(touched);
    touched = NULL;

    /* randomized SVD: Y = A Omega, Q = orth(Y), Z = orth(A^T Q), E = A Z */
    if (o.on_stage) o.on_stage(o.ctx, "randomized SVD");
    omega = malloc(cols * d * sizeof *omega);
    y = malloc(V * d * sizeof *y);
    z = malloc(cols * d * sizeof *z);
    g = malloc(d * d * sizeof *g);
    if (!omega || !y || !z || !g) goto nomem;
    for (size_t i = 0; i < cols * d; i++) omega[i] = (rnd(&seed) & 1) ? 1.0f : -1.0f;
    spmm(rp, ci, cv, V, omega, y, d);
    if (chol_qr(y, V, d, g)) goto degenerate;
    spmm_t(rp, ci, cv, V, cols, y, z, d);
    if (chol_qr(z, cols, d, g)) goto degenerate;
    spmm(rp, ci, cv, V, z, y, d);
    normalise_rows(y, V, d);
    free(omega);
    omega = NULL;
    free(z);
    z = NULL;
    free(ci);
    ci = NULL;
    free(cv);
    cv = NULL;

    /* k-means per level, words weighted by log frequency */
    wt = malloc(V * sizeof *wt);
    ct = malloc(d * kmax * sizeof *ct);
    sc = malloc(kmax * sizeof *sc);
    best = malloc(V * sizeof *best);
    sum = malloc(kmax * d * sizeof *sum);
    mass = malloc(kmax * sizeof *mass);
    assign = malloc(V * NG_NER_CLUSTER_LEVELS * sizeof *assign);
    if (!wt || !ct || !sc || !best || !sum || !mass || !assign) goto nomem;
    for (size_t r = 0; r < V; r++) wt[r] = (float)log(1.0 + (double)l->cnt[order[r]]);
    uint16_t *lev = malloc(V * sizeof *lev);
    if (!lev) goto nomem;
    for (uint32_t lv = 0; lv < o.levels; lv++) {
        if (o.on_stage) o.on_stage(o.ctx, lv == 0 ? "k-means level 1" : lv == 1 ? "k-means level 2" : "k-means level 3");
        kmeans(y, wt, V, d, o.k[lv], o.iters, &seed, lev, ct, sc, sum, best, mass);
        for (size_t r = 0; r < V; r++) assign[r * NG_NER_CLUSTER_LEVELS + lv] = lev[r];
    }
    free(lev);
    /* the table */
    out->levels = o.levels;
    for (uint32_t lv = 0; lv < o.levels; lv++) out->k[lv] = o.k[lv];
    for (size_t r = 0; r < V; r++) {
        uint32_t id = order[r];
        if (id == l->boundary) continue;
        const char *w = l->str + l->off[id];
        if (ng_ner_clusters_put(out, ng_ner_cluster_key(w, strlen(w)), assign + r * NG_NER_CLUSTER_LEVELS))
            goto nomem;
    }
    goto done;
degenerate:
    st = ng_fail(err, NG_E_EMPTY, 0, "ner clusters: the co-occurrence matrix is degenerate (too little text?)");
    goto done;
nomem:
    st = ng_fail(err, NG_E_NOMEM, 0, "ner clusters: out of memory");
done:
    if (st) ng_ner_clusters_free(out);
    free(order);
    free(rank);
    free(pstart);
    free(pos);
    free(acc);
    free(touched);
    free(rp);
    free(ci);
    free(cv);
    free(colsum);
    free(omega);
    free(y);
    free(z);
    free(g);
    free(wt);
    free(ct);
    free(sc);
    free(best);
    free(sum);
    free(mass);
    free(assign);
    return st;
}
