/* rouge_score.c - one system summary against its references, scored the way
 * Google's rouge-score 0.1.2 does: its tokenizer (Unicode lower-casing, then
 * [a-z0-9] runs), NLTK's Porter stemmer on tokens longer than three, rouge1,
 * rouge2, rougeL (LCS of the whole texts) and rougeLsum (summary-level union
 * LCS over "\n"-separated sentences), unrounded, F = 2PR/(P+R); several
 * references: score_multi's best F per metric. */
#include <stdlib.h>
#include <string.h>

#include "eval/rouge.h"

static int32_t final_id(ng_rouge *r, const char *tok, size_t len)
{
    int32_t id = ng_rouge_intern_add(&r->words, tok, len);
    if (id < 0) return -3;
    int32_t v = r->words.value[id];
    if (v != -2) return v;
    if (r->opt.stem && len > 3 && len < NG_ROUGE_STEM_MAX) {
        char out[NG_ROUGE_STEM_MAX + 4];
        size_t n = ng_nltk_porter(tok, len, out);
        v = ng_rouge_intern_add(&r->finals, out, n);
    } else {
        v = ng_rouge_intern_add(&r->finals, tok, len);
    }
    if (v < 0) return -3;
    r->words.value[id] = v;
    return v;
}

static int flush(ng_rouge *r, ng_rouge_toks *t, size_t *n)
{
    if (!*n) return 0;
    int32_t id = final_id(r, r->buf, *n);
    *n = 0;
    if (id < 0) return -1;
    int32_t loc = ng_rouge_local(r, id);
    if (loc < 0) return -1;
    return ng_rouge_toks_push_flat(t, loc) || ng_rouge_toks_push_sent(t, loc);
}

static int add_char(ng_rouge *r, size_t *n, char c)
{
    if (ng_rouge_reserve((void **)&r->buf, &r->buf_cap, *n + 1, 1)) return -1;
    r->buf[(*n)++] = c;
    return 0;
}

/* tokenize.py: lower() (only U+0130 and U+212A turn into ASCII letters),
 * non-[a-z0-9] -> space, split.  One "\n"-separated piece is a sentence. */
static int read_summary(ng_rouge *r, ng_rouge_toks *t, const ng_rouge_summary *sum)
{
    t->nflat = t->nsent_tok = t->nsent = 0;
    for (size_t i = 0; i < sum->count; i++) {
        const unsigned char *s = (const unsigned char *)sum->sentences[i].ptr;
        size_t len = sum->sentences[i].len, start = 0;
        while (start <= len) {
            size_t end = start;
            while (end < len && s[end] != '\n') end++;
            if (end > start) { /* empty pieces are dropped */
                size_t n = 0;
                for (size_t k = start; k < end; k++) {
                    unsigned char c = s[k];
                    char out = 0;
                    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out = (char)c;
                    else if (c >= 'A' && c <= 'Z') out = (char)(c + 32);
                    else if (c == 0xC4 && k + 1 < end && s[k + 1] == 0xB0) {
                        out = 'i'; /* U+0130 -> "i" + U+0307 */
                        k++;
                    } else if (c == 0xE2 && k + 2 < end && s[k + 1] == 0x84 && s[k + 2] == 0xAA) {
                        out = 'k'; /* KELVIN SIGN */
                        k += 2;
                    }
                    if (out) {
                        if (add_char(r, &n, out)) return -1;
                        /* U+0307 after the i is not [a-z0-9]: the token ends */
                        if (c == 0xC4 && flush(r, t, &n)) return -1;
                    } else if (flush(r, t, &n)) {
                        return -1;
                    }
                }
                if (flush(r, t, &n) || ng_rouge_toks_end_sent(t)) return -1;
            }
            start = end + 1;
        }
    }
    return 0;
}

static ng_rouge_prf prf(double hit, double np, double nr)
{
    ng_rouge_prf v;
    v.p = hit / (np > 1 ? np : 1);
    v.r = hit / (nr > 1 ? nr : 1);
    v.f = v.p + v.r > 0 ? 2 * v.p * v.r / (v.p + v.r) : 0.0;
    return v;
}

static ng_rouge_prf score_n(ng_rouge *r, const ng_rouge_toks *pred, const ng_rouge_toks *ref,
                            int n, int *oom)
{
    ng_rouge_prf z = {0, 0, 0};
    size_t np = pred->nflat >= (size_t)n ? pred->nflat - (size_t)n + 1 : 0;
    size_t nr = ref->nflat >= (size_t)n ? ref->nflat - (size_t)n + 1 : 0;
    size_t most = np > nr ? np : nr;
    if (ng_rouge_keys(r, most)) {
        *oom = 1;
        return z;
    }
    for (size_t i = 0; i < np; i++) {
        uint64_t id[4] = {0, 0, 0, 0};
        for (int k = 0; k < n; k++) id[k] = (uint64_t)pred->flat[i + (size_t)k] + 1;
        r->keys[2 * i] = id[0] | id[1] << 32;
        r->keys[2 * i + 1] = id[2] | id[3] << 32;
    }
    if (ng_rouge_table_fill(r, r->keys, np)) {
        *oom = 1;
        return z;
    }
    for (size_t i = 0; i < nr; i++) {
        uint64_t id[4] = {0, 0, 0, 0};
        for (int k = 0; k < n; k++) id[k] = (uint64_t)ref->flat[i + (size_t)k] + 1;
        r->keys[2 * i] = id[0] | id[1] << 32;
        r->keys[2 * i + 1] = id[2] | id[3] << 32;
    }
    size_t hit = ng_rouge_table_hits(r, r->keys, nr);
    return prf((double)hit, (double)np, (double)nr);
}

/* LCS table of a (m) and b (n) into r->irow as (m+1) x (n+1) ints. */
static int32_t *lcs_table(ng_rouge *r, const int32_t *a, size_t m, const int32_t *b, size_t n)
{
    size_t w = n + 1;
    if (ng_rouge_reserve((void **)&r->irow, &r->irow_cap, (m + 1) * w, sizeof *r->irow))
        return NULL;
    int32_t *t = r->irow;
    for (size_t j = 0; j <= n; j++) t[j] = 0;
    for (size_t i = 1; i <= m; i++) {
        int32_t *row = t + i * w, *up = row - w;
        row[0] = 0;
        for (size_t j = 1; j <= n; j++) {
            if (a[i - 1] == b[j - 1]) row[j] = up[j - 1] + 1;
            else row[j] = up[j] > row[j - 1] ? up[j] : row[j - 1];
        }
    }
    return t;
}

static ng_rouge_prf score_l(ng_rouge *r, const ng_rouge_toks *pred, const ng_rouge_toks *ref,
                            int *oom)
{
    ng_rouge_prf z = {0, 0, 0};
    if (!pred->nflat || !ref->nflat) return z;
    int32_t *t = lcs_table(r, ref->flat, ref->nflat, pred->flat, pred->nflat);
    if (!t) {
        *oom = 1;
        return z;
    }
    double lcs = t[ref->nflat * (pred->nflat + 1) + pred->nflat];
    ng_rouge_prf v;
    v.p = lcs / (double)pred->nflat;
    v.r = lcs / (double)ref->nflat;
    v.f = v.p + v.r > 0 ? 2 * v.p * v.r / (v.p + v.r) : 0.0;
    return v;
}

static ng_rouge_prf score_lsum(ng_rouge *r, const ng_rouge_toks *pred,
                               const ng_rouge_toks *ref, int *oom)
{
    ng_rouge_prf z = {0, 0, 0};
    if (!pred->nsent || !ref->nsent || !pred->nsent_tok || !ref->nsent_tok) return z;
    size_t V = (size_t)r->nlocal;
    if (ng_rouge_reserve((void **)&r->cnt, &r->cnt_cap, 2 * V + 1, sizeof *r->cnt)) {
        *oom = 1;
        return z;
    }
    int32_t *cr = r->cnt, *cc = r->cnt + V;
    memset(r->cnt, 0, 2 * V * sizeof *r->cnt);
    for (size_t k = 0; k < ref->nsent_tok; k++) cr[ref->sent[k]]++;
    for (size_t k = 0; k < pred->nsent_tok; k++) cc[pred->sent[k]]++;
    double hits = 0;
    size_t start = 0;
    for (size_t s = 0; s < ref->nsent; s++) {
        size_t end = ref->sent_end[s], L = end - start;
        const int32_t *x = ref->sent + start;
        if (ng_rouge_reserve((void **)&r->mask, &r->mask_cap, L + 1, 1)) {
            *oom = 1;
            return z;
        }
        memset(r->mask, 0, L + 1);
        size_t ps = 0;
        for (size_t p = 0; p < pred->nsent; p++) {
            size_t pe = pred->sent_end[p], n = pe - ps;
            const int32_t *y = pred->sent + ps;
            if (L && n) {
                int32_t *t = lcs_table(r, x, L, y, n);
                if (!t) {
                    *oom = 1;
                    return z;
                }
                size_t i = L, j = n, w = n + 1;
                while (i > 0 && j > 0) {
                    if (x[i - 1] == y[j - 1]) {
                        r->mask[i - 1] = 1;
                        i--;
                        j--;
                    } else if (t[i * w + j - 1] > t[(i - 1) * w + j]) {
                        j--;
                    } else {
                        i--;
                    }
                }
            }
            ps = pe;
        }
        for (size_t k = 0; k < L; k++) {
            if (!r->mask[k]) continue;
            int32_t tk = x[k];
            if (cc[tk] > 0 && cr[tk] > 0) {
                hits += 1;
                cc[tk]--;
                cr[tk]--;
            }
        }
        start = end;
    }
    ng_rouge_prf v;
    v.r = hits / (double)ref->nsent_tok;
    v.p = hits / (double)pred->nsent_tok;
    v.f = v.p + v.r > 0 ? 2 * v.p * v.r / (v.p + v.r) : 0.0;
    return v;
}

ng_status ng_rouge_score_pair(ng_rouge *r, const ng_rouge_summary *sys,
                              const ng_rouge_summary *refs, size_t nrefs, ng_rouge_prf *out,
                              ng_error *err)
{
    (void)err;
    ng_rouge_local_reset(r);
    if (read_summary(r, &r->toks[0], sys)) return NG_E_NOMEM;
    for (size_t m = 0; m < nrefs; m++)
        if (read_summary(r, &r->toks[m + 1], &refs[m])) return NG_E_NOMEM;
    int oom = 0;
    for (size_t i = 0; i < r->nmetrics; i++) {
        const ng_rouge_metric *mt = &r->metric[i];
        ng_rouge_prf best = {0, 0, 0};
        for (size_t m = 1; m <= nrefs; m++) {
            ng_rouge_prf v;
            if (mt->kind == NG_RM_N) v = score_n(r, &r->toks[0], &r->toks[m], mt->n, &oom);
            else if (mt->kind == NG_RM_L) v = score_l(r, &r->toks[0], &r->toks[m], &oom);
            else v = score_lsum(r, &r->toks[0], &r->toks[m], &oom);
            if (oom) return NG_E_NOMEM;
            if (m == 1 || v.f > best.f) best = v; /* np.argmax: the first maximum */
        }
        out[i] = best;
    }
    return NG_OK;
}
