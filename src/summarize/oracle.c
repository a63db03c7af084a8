/* oracle.c - greedy ROUGE oracle and per-sentence gains (see oracle.h).
 * Unigram counts live in a dense array over word ids; bigrams in a small
 * open-addressing table keyed by the id pair, so adding a sentence to the
 * chosen set updates overlaps incrementally. */
#include "summarize/oracle.h"

#include <string.h>

#include "text/tokenize.h"

typedef struct bigram_table {
    uint64_t *keys; /* (a + 1) << 32 | (b + 1); 0 = empty */
    uint32_t *ref;  /* count in the references */
    uint32_t *sel;  /* count in the chosen sentences */
    size_t nslots;
} bigram_table;

static uint64_t bigram_key(uint32_t a, uint32_t b) { return ((uint64_t)a + 1) << 32 | ((uint64_t)b + 1); }

static size_t bigram_slot(const bigram_table *t, uint64_t key, int insert)
{
    size_t i = (size_t)((key * 0x9E3779B97F4A7C15ull) >> 20) & (t->nslots - 1);
    while (t->keys[i] && t->keys[i] != key) i = (i + 1) & (t->nslots - 1);
    if (!t->keys[i] && !insert) return (size_t)-1;
    t->keys[i] = key;
    return i;
}

/* The word ids of a reference or sentence, punctuation dropped. */
typedef NG_VEC(uint32_t) id_vec;

static ng_status reference_ids(ng_doc *doc, id_vec *ids, size_t *nref_words)
{
    ng_token_vec tv = {NULL, 0, 0};
    for (size_t r = 0; r < doc->lists[NG_LIST_REFERENCES].count; r++) {
        ng_str ref = doc->lists[NG_LIST_REFERENCES].items[r];
        tv.count = 0;
        if (ng_tokenize(&doc->arena, ref.ptr, ref.len, 0, &tv)) return NG_E_NOMEM;
        for (size_t i = 0; i < tv.count; i++) {
            if (!(tv.items[i].flags & (NG_TOKEN_WORD | NG_TOKEN_NUMBER))) continue;
            uint32_t id = ng_doc_intern(doc, ref.ptr + tv.items[i].start, tv.items[i].len);
            if (id == UINT32_MAX || ng_vec_push(&doc->arena, ids, id)) return NG_E_NOMEM;
        }
        /* A reference boundary breaks bigrams. */
        if (ng_vec_push(&doc->arena, ids, UINT32_MAX)) return NG_E_NOMEM;
    }
    *nref_words = 0;
    for (size_t i = 0; i < ids->count; i++) *nref_words += ids->items[i] != UINT32_MAX;
    return NG_OK;
}

static ng_status sentence_ids(ng_doc *doc, size_t s, id_vec *ids)
{
    ng_sentence sent = doc->sentences.items[s];
    ids->count = 0;
    for (size_t k = sent.first_token; k < sent.first_token + sent.token_count; k++)
        if (doc->tokens.items[k].flags & (NG_TOKEN_WORD | NG_TOKEN_NUMBER))
            if (ng_vec_push(&doc->arena, ids, doc->tokens.items[k].word)) return NG_E_NOMEM;
    return NG_OK;
}

typedef struct oracle_state {
    uint32_t *uref, *usel; /* unigram counts by word id */
    bigram_table bi;
    size_t ref1, ref2;     /* reference unigram and bigram totals */
    size_t sel1, sel2;     /* chosen totals */
    size_t hit1, hit2;     /* clipped overlaps */
} oracle_state;

static double f1(size_t hit, size_t sys, size_t ref)
{
    if (!hit || !sys || !ref) return 0;
    double p = (double)hit / (double)sys, r = (double)hit / (double)ref;
    return 2 * p * r / (p + r);
}

/* The state's score if the sentence with these ids were added; with apply,
 * adds it. */
static double try_add(oracle_state *st, const id_vec *ids, int apply)
{
    size_t hit1 = st->hit1, hit2 = st->hit2, n1 = 0, n2 = 0;
    /* Count each n-gram occurrence one at a time against running counts, so
     * repeats inside the sentence clip correctly; undo when not applying. */
    for (size_t i = 0; i < ids->count; i++) {
        uint32_t w = ids->items[i];
        if (st->usel[w]++ < st->uref[w]) hit1++;
        n1++;
        if (i + 1 < ids->count) {
            size_t slot = bigram_slot(&st->bi, bigram_key(w, ids->items[i + 1]), 0);
            n2++;
            if (slot != (size_t)-1 && st->bi.sel[slot]++ < st->bi.ref[slot]) hit2++;
        }
    }
    double score = (f1(hit1, st->sel1 + n1, st->ref1) + f1(hit2, st->sel2 + n2, st->ref2)) / 2;
    if (apply) {
        st->hit1 = hit1, st->hit2 = hit2, st->sel1 += n1, st->sel2 += n2;
        return score;
    }
    for (size_t i = 0; i < ids->count; i++) {
        st->usel[ids->items[i]]--;
        if (i + 1 < ids->count) {
            size_t slot = bigram_slot(&st->bi, bigram_key(ids->items[i], ids->items[i + 1]), 0);
            if (slot != (size_t)-1) st->bi.sel[slot]--;
        }
    }
    return score;
}

static ng_status state_init(ng_doc *doc, oracle_state *st, const id_vec *ref)
{
    memset(st, 0, sizeof *st);
    size_t nw = doc->words.words.count ? doc->words.words.count : 1;
    st->uref = ng_arena_calloc(&doc->arena, nw, sizeof *st->uref);
    st->usel = ng_arena_calloc(&doc->arena, nw, sizeof *st->usel);
    st->bi.nslots = 64;
    while (st->bi.nslots < ref->count * 2) st->bi.nslots *= 2;
    st->bi.keys = ng_arena_calloc(&doc->arena, st->bi.nslots, sizeof *st->bi.keys);
    st->bi.ref = ng_arena_calloc(&doc->arena, st->bi.nslots, sizeof *st->bi.ref);
    st->bi.sel = ng_arena_calloc(&doc->arena, st->bi.nslots, sizeof *st->bi.sel);
    if (!st->uref || !st->usel || !st->bi.keys || !st->bi.ref || !st->bi.sel) return NG_E_NOMEM;
    for (size_t i = 0; i < ref->count; i++) {
        uint32_t w = ref->items[i];
        if (w == UINT32_MAX) continue;
        st->uref[w]++, st->ref1++;
        if (i + 1 < ref->count && ref->items[i + 1] != UINT32_MAX) {
            st->bi.ref[bigram_slot(&st->bi, bigram_key(w, ref->items[i + 1]), 1)]++;
            st->ref2++;
        }
    }
    return NG_OK;
}

ng_status ng_oracle_compute(ng_doc *doc, ng_oracle *out, double *gain)
{
    memset(out, 0, sizeof *out);
    if (!doc->lists[NG_LIST_REFERENCES].count) return NG_E_EMPTY;
    id_vec ref = {NULL, 0, 0}, ids = {NULL, 0, 0};
    size_t nref_words;
    oracle_state st;
    if (reference_ids(doc, &ref, &nref_words) || state_init(doc, &st, &ref)) return NG_E_NOMEM;
    size_t n = doc->sentences.count;
    id_vec *sent = ng_arena_calloc(&doc->arena, n ? n : 1, sizeof *sent);
    uint8_t *taken = ng_arena_calloc(&doc->arena, n ? n : 1, 1);
    if (!sent || !taken) return NG_E_NOMEM;
    for (size_t s = 0; s < n; s++) {
        if (sentence_ids(doc, s, &ids)) return NG_E_NOMEM;
        sent[s] = ids;
        ids = (id_vec){NULL, 0, 0};
        if (gain) gain[s] = try_add(&st, &sent[s], 0);
    }
    while (out->nchosen < NG_ORACLE_MAX) {
        size_t best = n;
        double best_score = out->score;
        for (size_t s = 0; s < n; s++) {
            if (taken[s]) continue;
            double sc = try_add(&st, &sent[s], 0);
            if (sc > best_score + 1e-12) best = s, best_score = sc;
        }
        if (best == n) break;
        try_add(&st, &sent[best], 1);
        taken[best] = 1;
        out->chosen[out->nchosen++] = best;
        out->score = best_score;
    }
    return NG_OK;
}
