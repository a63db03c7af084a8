/* dups.c - near-duplicate groups: stories sharing an LSH band key become
 * candidate pairs, the MinHash estimate drops the clearly different ones,
 * the exact word-shingle Jaccard decides, and the accepted pairs are joined
 * into groups (union-find). */
#include <stdlib.h>
#include <string.h>

#include "archive/archive_int.h"
#include "archive/archive_priv.h"

/* Rows seen in candidate pairs: an open-addressing map row -> node. */
typedef struct node {
    int64_t row;
    size_t parent;
    double min_sim; /* lowest accepted similarity in the group (at the root) */
    uint32_t sig[NG_MH_HASHES];
    ng_shingles sh; /* loaded when first needed */
    int have_sig, have_sh;
} node;

typedef struct graph {
    node *nodes;
    size_t count, cap;
    size_t *slot; /* index + 1, 0 empty */
    size_t nslot;
    uint64_t *pairs; /* open-addressing set of (a, b) pair hashes, 0 empty */
    int64_t (*pair_rows)[2];
    size_t npairs, pair_cap;
    int failed;
} graph;

static uint64_t mix(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdull;
    x ^= x >> 33;
    return x | 1;
}

static int grow_slots(graph *g)
{
    size_t n = g->nslot ? g->nslot * 2 : 1024;
    size_t *s = calloc(n, sizeof *s);
    if (!s) return -1;
    for (size_t i = 0; i < g->count; i++) {
        size_t k = mix((uint64_t)g->nodes[i].row) & (n - 1);
        while (s[k]) k = (k + 1) & (n - 1);
        s[k] = i + 1;
    }
    free(g->slot);
    g->slot = s;
    g->nslot = n;
    return 0;
}

/* The node of row, made when new; SIZE_MAX when out of memory. */
static size_t node_of(graph *g, int64_t row)
{
    if ((g->count + 1) * 2 > g->nslot && grow_slots(g)) return SIZE_MAX;
    size_t k = mix((uint64_t)row) & (g->nslot - 1);
    while (g->slot[k]) {
        if (g->nodes[g->slot[k] - 1].row == row) return g->slot[k] - 1;
        k = (k + 1) & (g->nslot - 1);
    }
    if (g->count == g->cap) {
        size_t cap = g->cap ? g->cap * 2 : 256;
        node *v = realloc(g->nodes, cap * sizeof *v);
        if (!v) return SIZE_MAX;
        g->nodes = v;
        g->cap = cap;
    }
    node *n = &g->nodes[g->count];
    memset(n, 0, sizeof *n);
    n->row = row;
    n->parent = g->count;
    n->min_sim = 1.0;
    g->slot[k] = ++g->count;
    return g->count - 1;
}

/* Adds a candidate pair once; returns non-zero when out of memory. */
static int add_pair(void *ctx, int64_t a, int64_t b)
{
    graph *g = ctx;
    if ((g->npairs + 1) * 2 > g->pair_cap) {
        size_t cap = g->pair_cap ? g->pair_cap * 2 : 4096;
        uint64_t *h = calloc(cap, sizeof *h);
        int64_t(*rows)[2] = calloc(cap, sizeof *rows);
        if (!h || !rows) {
            free(h);
            free(rows);
            g->failed = 1;
            return 1;
        }
        for (size_t i = 0; i < g->pair_cap; i++) {
            if (!g->pairs[i]) continue;
            size_t k = g->pairs[i] & (cap - 1);
            while (h[k]) k = (k + 1) & (cap - 1);
            h[k] = g->pairs[i];
            rows[k][0] = g->pair_rows[i][0];
            rows[k][1] = g->pair_rows[i][1];
        }
        free(g->pairs);
        free(g->pair_rows);
        g->pairs = h;
        g->pair_rows = rows;
        g->pair_cap = cap;
    }
    uint64_t h = mix((uint64_t)a * 0x9e3779b97f4a7c15ull ^ (uint64_t)b);
    size_t k = h & (g->pair_cap - 1);
    while (g->pairs[k]) {
        if (g->pairs[k] == h && g->pair_rows[k][0] == a && g->pair_rows[k][1] == b) return 0;
        k = (k + 1) & (g->pair_cap - 1);
    }
    g->pairs[k] = h;
    g->pair_rows[k][0] = a;
    g->pair_rows[k][1] = b;
    g->npairs++;
    return 0;
}

static size_t find(graph *g, size_t i)
{
    while (g->nodes[i].parent != i) {
        g->nodes[i].parent = g->nodes[g->nodes[i].parent].parent;
        i = g->nodes[i].parent;
    }
    return i;
}

static void join(graph *g, size_t a, size_t b, double sim)
{
    size_t ra = find(g, a), rb = find(g, b);
    double m = g->nodes[ra].min_sim;
    if (g->nodes[rb].min_sim < m) m = g->nodes[rb].min_sim;
    if (sim < m) m = sim;
    if (ra != rb) g->nodes[rb].parent = ra;
    g->nodes[ra].min_sim = m;
}

static ng_status load(ng_archive *a, node *n, int shingles, ng_error *err)
{
    if (n->have_sig && (!shingles || n->have_sh)) return NG_OK;
    char *id = NULL, *body = NULL;
    ng_status st = a->vt->row(a->be, n->row, &id, shingles ? &body : NULL, n->sig, err);
    if (st == NG_OK && !id) st = ng_arch_fail(err, NG_E_IO, "a story vanished while reading");
    n->have_sig = st == NG_OK;
    if (st == NG_OK && shingles) {
        st = ng_shingles_of(body, strlen(body), &n->sh, err);
        n->have_sh = st == NG_OK;
    }
    free(id);
    free(body);
    return st;
}

/* Checks every candidate pair and joins the similar ones. */
static ng_status verify(ng_archive *a, graph *g, double threshold, ng_error *err)
{
    for (size_t i = 0; i < g->pair_cap; i++) {
        if (!g->pairs[i]) continue;
        size_t x = node_of(g, g->pair_rows[i][0]), y = node_of(g, g->pair_rows[i][1]);
        if (x == SIZE_MAX || y == SIZE_MAX) return ng_arch_fail(err, NG_E_NOMEM, "out of memory finding duplicates");
        ng_status st = load(a, &g->nodes[x], 0, err);
        if (st == NG_OK) st = load(a, &g->nodes[y], 0, err);
        if (st != NG_OK) return st;
        if (ng_minhash_estimate(g->nodes[x].sig, g->nodes[y].sig) < threshold - 0.25) continue;
        st = load(a, &g->nodes[x], 1, err);
        if (st == NG_OK) st = load(a, &g->nodes[y], 1, err);
        if (st != NG_OK) return st;
        double j = ng_shingles_jaccard(&g->nodes[x].sh, &g->nodes[y].sh);
        if (j >= threshold) join(g, x, y, j);
    }
    return NG_OK;
}

typedef struct member {
    size_t root;
    const node *n;
} member;

static int by_group(const void *x, const void *y)
{
    const member *a = x, *b = y;
    if (a->root != b->root) return a->root < b->root ? -1 : 1;
    return a->n->row < b->n->row ? -1 : a->n->row > b->n->row;
}

/* Calls each() once per group of two or more, members in stored order. */
static ng_status report(ng_archive *a, graph *g, ng_archive_group_fn each, void *ctx, ng_error *err)
{
    size_t n = g->count ? g->count : 1;
    member *m = malloc(n * sizeof *m);
    char **ids = calloc(n, sizeof *ids);
    ng_status st = m && ids ? NG_OK : ng_arch_fail(err, NG_E_NOMEM, "out of memory finding duplicates");
    for (size_t i = 0; st == NG_OK && i < g->count; i++) {
        m[i].root = find(g, i);
        m[i].n = &g->nodes[i];
    }
    if (st == NG_OK && g->count) qsort(m, g->count, sizeof *m, by_group);
    int stop = 0;
    for (size_t i = 0; st == NG_OK && !stop && i < g->count;) {
        size_t j = i;
        while (j < g->count && m[j].root == m[i].root) j++;
        if (j - i >= 2) {
            size_t got = 0;
            for (; st == NG_OK && got < j - i; got++) {
                st = a->vt->row(a->be, m[i + got].n->row, &ids[got], NULL, NULL, err);
                if (st == NG_OK && !ids[got]) st = ng_arch_fail(err, NG_E_IO, "a story vanished while reading");
            }
            if (st == NG_OK) stop = each(ctx, (const char *const *)ids, j - i, g->nodes[m[i].root].min_sim);
            for (size_t k = 0; k < got; k++) {
                free(ids[k]);
                ids[k] = NULL;
            }
        }
        i = j;
    }
    free(m);
    free(ids);
    return st;
}

ng_status ng_archive_dups(ng_archive *a, double threshold, ng_archive_group_fn each, void *ctx,
                          ng_error *err)
{
    if (!a || !each) return ng_arch_fail(err, NG_E_ARG, "no archive or callback");
    if (!(threshold > 0 && threshold <= 1))
        return ng_arch_fail(err, NG_E_ARG, "threshold must be in (0, 1]");
    graph g;
    memset(&g, 0, sizeof g);
    ng_status st = a->vt->band_pairs(a->be, add_pair, &g, err);
    if (st == NG_OK && g.failed) st = ng_arch_fail(err, NG_E_NOMEM, "out of memory finding duplicates");
    if (st == NG_OK) st = verify(a, &g, threshold, err);
    if (st == NG_OK) st = report(a, &g, each, ctx, err);
    for (size_t i = 0; i < g.count; i++) ng_shingles_free(&g.nodes[i].sh);
    free(g.nodes);
    free(g.slot);
    free(g.pairs);
    free(g.pair_rows);
    return st;
}
