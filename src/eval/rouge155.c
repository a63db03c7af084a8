/* rouge155.c - one system summary against its references, scored exactly as
 * ROUGE-1.5.5.pl does: SEE-line text extraction (a '<' ends a sentence),
 * -l/-b limits (the readText_LCS byte-limit bug included), its tokenizer,
 * -s and -m, ROUGE-N, summary-level union-LCS ROUGE-L, ROUGE-W (double
 * weighting, run-flush bug), ROUGE-S/SU, -f A/B and five-decimal rounding
 * with F taken from the rounded P and R.  See ROUGE-1.5.5-QUIRKS.md. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eval/rouge.h"

double ng_rouge_round5(double x)
{
    /* Fast path: far from a rounding tie, k / 1e5 is the double strtod would
     * give for the printed digits.  Near a tie ask printf (exact decimal). */
    double y = x * 100000.0;
    if (y >= 0 && y < 9e15) {
        double k = floor(y + 0.5);
        double frac = y - floor(y);
        if (fabs(frac - 0.5) > 1e-6) return k / 100000.0;
    }
    char buf[64];
    snprintf(buf, sizeof buf, "%7.5f", x);
    return strtod(buf, NULL);
}

static int is_alnum(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* The final token id of a lower-case token: -1 when dropped (stopword). */
static int32_t final_id(ng_rouge *r, const char *tok, size_t len)
{
    int32_t id = ng_rouge_intern_add(&r->words, tok, len);
    if (id < 0) return -3;
    int32_t v = r->words.value[id];
    if (v != -2) return v;
    if (r->opt.stopwords && ng_rouge155_is_stopword(tok, len)) {
        v = -1;
    } else if (r->opt.stem && len > 3 && len < NG_ROUGE_STEM_MAX) {
        char out[NG_ROUGE_STEM_MAX + 4];
        const char *stem;
        size_t n = ng_rouge155_morph(tok, len, 1, out, &stem);
        v = ng_rouge_intern_add(&r->finals, stem, n);
        if (v < 0) return -3;
    } else {
        v = ng_rouge_intern_add(&r->finals, tok, len);
        if (v < 0) return -3;
    }
    r->words.value[id] = v;
    return v;
}

enum { TO_FLAT = 1, TO_SENT = 2 };

/* Tokenizes bytes into the flat and/or the sentence token list. */
static int tokenize(ng_rouge *r, ng_rouge_toks *t, const char *s, size_t len, int where)
{
    size_t i = 0;
    char small[64];
    while (i < len) {
        if (!is_alnum((unsigned char)s[i])) {
            i++;
            continue;
        }
        size_t j = i;
        while (j < len && is_alnum((unsigned char)s[j])) j++;
        size_t n = j - i;
        char *buf = small;
        if (n > sizeof small) {
            if (ng_rouge_reserve((void **)&r->buf, &r->buf_cap, n, 1)) return -1;
            buf = r->buf;
        }
        for (size_t k = 0; k < n; k++) {
            unsigned char c = (unsigned char)s[i + k];
            buf[k] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
        int32_t id = final_id(r, buf, n);
        if (id == -3) return -1;
        if (id >= 0) {
            int32_t loc = ng_rouge_local(r, id);
            if (loc < 0) return -1;
            if ((where & TO_FLAT) && ng_rouge_toks_push_flat(t, loc)) return -1;
            if ((where & TO_SENT) && ng_rouge_toks_push_sent(t, loc)) return -1;
        }
        i = j;
    }
    return 0;
}

/* The SEE line's text: up to the first '<', or through the first newline
 * (the rest of the sentence lands on lines the script ignores). */
static size_t see_text(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '<') return i;
        if (s[i] == '\n') return i + 1;
    }
    return len;
}

/* Perl's split(/\s+/, s): the number of fields (a leading empty field counts,
 * trailing ones do not), and the byte end of the first k fields. */
static size_t split_count(const char *s, size_t len)
{
    size_t i = 0, n = 0;
    int any = 0;
    for (size_t k = 0; k < len; k++)
        if (!is_space((unsigned char)s[k])) any = 1;
    if (!any) return 0;
    if (len && is_space((unsigned char)s[0])) n = 1; /* leading empty field */
    while (i < len) {
        while (i < len && is_space((unsigned char)s[i])) i++;
        if (i >= len) break;
        n++;
        while (i < len && !is_space((unsigned char)s[i])) i++;
    }
    return n;
}

static size_t split_prefix(const char *s, size_t len, size_t k)
{
    size_t i = 0, n = 0;
    if (k == 0) return 0;
    if (len && is_space((unsigned char)s[0])) {
        n = 1;
        if (n == k) return 0;
    }
    while (i < len) {
        while (i < len && is_space((unsigned char)s[i])) i++;
        if (i >= len) break;
        while (i < len && !is_space((unsigned char)s[i])) i++;
        if (++n == k) return i;
    }
    return len;
}

static int read_summary(ng_rouge *r, ng_rouge_toks *t, const ng_rouge_summary *sum)
{
    t->nflat = t->nsent_tok = t->nsent = 0;
    long wl = r->opt.word_limit, bl = r->opt.byte_limit;
    size_t acc = 0;
    if (wl <= 0 && bl > 0) {
        /* readText: the byte limit counts the bytes kept so far. */
        for (size_t i = 0; i < sum->count; i++) {
            const char *s = sum->sentences[i].ptr;
            size_t len = see_text(s, sum->sentences[i].len);
            if (len == 0) continue;
            if (acc + len < (size_t)bl) {
                if (tokenize(r, t, s, len, TO_FLAT)) return -1;
                acc += len;
            } else {
                if (tokenize(r, t, s, (size_t)bl - acc, TO_FLAT)) return -1;
                break;
            }
        }
        /* readText_LCS never adds to its count: each sentence is measured
         * alone, and the first one as long as the limit is cut and ends the
         * list. */
        for (size_t i = 0; i < sum->count; i++) {
            const char *s = sum->sentences[i].ptr;
            size_t len = see_text(s, sum->sentences[i].len);
            if (len == 0) continue;
            int last = len >= (size_t)bl;
            if (tokenize(r, t, s, last ? (size_t)bl : len, TO_SENT) || ng_rouge_toks_end_sent(t))
                return -1;
            if (last) break;
        }
        return 0;
    }
    for (size_t i = 0; i < sum->count; i++) {
        const char *s = sum->sentences[i].ptr;
        size_t len = see_text(s, sum->sentences[i].len);
        if (len == 0) continue; /* the SEE pattern needs one character */
        if (wl > 0) {
            size_t n = split_count(s, len);
            if (acc + n < (size_t)wl) {
                acc += n;
            } else {
                len = split_prefix(s, len, (size_t)wl - acc);
                if (tokenize(r, t, s, len, TO_FLAT | TO_SENT) || ng_rouge_toks_end_sent(t))
                    return -1;
                break;
            }
        }
        if (tokenize(r, t, s, len, TO_FLAT | TO_SENT) || ng_rouge_toks_end_sent(t)) return -1;
    }
    return 0;
}

/* ------------------------------------------------------------ key makers */

static size_t ngram_keys(uint64_t *keys, const int32_t *tok, size_t n_tok, int n)
{
    if (n_tok < (size_t)n) return 0;
    size_t count = n_tok - (size_t)n + 1;
    for (size_t i = 0; i < count; i++) {
        uint64_t id[4] = {0, 0, 0, 0};
        for (int k = 0; k < n; k++) id[k] = (uint64_t)tok[i + (size_t)k] + 1;
        keys[2 * i] = id[0] | id[1] << 32;
        keys[2 * i + 1] = id[2] | id[3] << 32;
    }
    return count;
}

static size_t skip_count(size_t n_tok, int d, int su)
{
    size_t count = 0;
    for (size_t i = 0; i + 1 < n_tok; i++) {
        if (su) count++;
        size_t last = n_tok - 1;
        if (d >= 0 && i + (size_t)d + 1 < last) last = i + (size_t)d + 1;
        count += last - i;
    }
    return count;
}

static size_t skip_keys(uint64_t *keys, const int32_t *tok, size_t n_tok, int d, int su)
{
    size_t c = 0;
    for (size_t i = 0; i + 1 < n_tok; i++) {
        uint64_t a = (uint64_t)tok[i] + 1;
        if (su) {
            keys[2 * c] = a;
            keys[2 * c + 1] = 1; /* marks a unigram */
            c++;
        }
        size_t last = n_tok - 1;
        if (d >= 0 && i + (size_t)d + 1 < last) last = i + (size_t)d + 1;
        for (size_t j = i + 1; j <= last; j++) {
            keys[2 * c] = a | ((uint64_t)tok[j] + 1) << 32;
            keys[2 * c + 1] = 0;
            c++;
        }
    }
    return c;
}

typedef struct totals {
    double hit, count, count_p;
    double best;
    int has;
} totals;

static void finish(const ng_rouge *r, const totals *t, ng_rouge_prf *out)
{
    double a = r->opt.alpha;
    double R = t->count != 0 ? ng_rouge_round5(t->hit / t->count) : 0.0;
    double P = t->count_p != 0 ? ng_rouge_round5(t->hit / t->count_p) : 0.0;
    double den = (1 - a) * P + a * R;
    out->r = R;
    out->p = P;
    out->f = den > 0 ? ng_rouge_round5((P * R) / den) : 0.0;
}

/* One reference's contribution (mode A pools, mode B keeps the best). */
static void take(const ng_rouge *r, totals *t, double hit, double count, double count_p,
                 double score)
{
    if (!r->opt.best) {
        t->hit += hit;
        t->count += count;
        t->count_p += count_p;
    } else if (score > t->best) {
        t->best = score;
        t->hit = hit;
        t->count = count;
        t->count_p = count_p;
    }
}

/* ROUGE-N (n >= 1) and ROUGE-S/SU (n == 0) from the flat token lists. */
static int score_grams(ng_rouge *r, size_t nrefs, int n, int d, int su, ng_rouge_prf *out)
{
    ng_rouge_toks *sys = &r->toks[0];
    size_t np = n ? (sys->nflat >= (size_t)n ? sys->nflat - (size_t)n + 1 : 0)
                  : skip_count(sys->nflat, d, su);
    if (ng_rouge_keys(r, np)) return -1;
    size_t got = n ? ngram_keys(r->keys, sys->flat, sys->nflat, n)
                   : skip_keys(r->keys, sys->flat, sys->nflat, d, su);
    if (ng_rouge_table_fill(r, r->keys, got)) return -1;
    totals t = {0, 0, 0, -1, 0};
    for (size_t m = 1; m <= nrefs; m++) {
        ng_rouge_toks *ref = &r->toks[m];
        size_t nm = n ? (ref->nflat >= (size_t)n ? ref->nflat - (size_t)n + 1 : 0)
                      : skip_count(ref->nflat, d, su);
        if (ng_rouge_keys(r, nm)) return -1;
        size_t gm = n ? ngram_keys(r->keys, ref->flat, ref->nflat, n)
                      : skip_keys(r->keys, ref->flat, ref->nflat, d, su);
        size_t hit = ng_rouge_table_hits(r, r->keys, gm);
        /* ngramScore: sprintf("%07.5f") of hit/count, or 0 */
        double score = gm ? ng_rouge_round5((double)hit / (double)gm) : 0.0;
        take(r, &t, (double)hit, (double)gm, (double)got, score);
    }
    finish(r, &t, out);
    return 0;
}

/* Marks one LCS of model x (m) and peer y (n) into mask, with the script's
 * tie-break; weighted when pw is not NULL (ROUGE-W's wlcs_inner). */
static int mark_lcs(ng_rouge *r, const int32_t *x, size_t m, const int32_t *y, size_t n,
                    unsigned char *mask, const double *pw)
{
    if (m == 0 || n == 0) return 0;
    size_t w = n + 1;
    if (ng_rouge_reserve((void **)&r->dir, &r->dir_cap, (m + 1) * w, 1)) return -1;
    if (ng_rouge_reserve((void **)&r->row, &r->row_cap, 2 * w, sizeof *r->row)) return -1;
    if (pw && ng_rouge_reserve((void **)&r->irow, &r->irow_cap, 2 * w, sizeof *r->irow))
        return -1;
    unsigned char *dir = r->dir;
    double *prev = r->row, *cur = r->row + w;
    int32_t *lprev = pw ? r->irow : NULL, *lcur = pw ? r->irow + w : NULL;
    for (size_t j = 0; j <= n; j++) {
        prev[j] = 0;
        if (pw) lprev[j] = 0;
    }
    for (size_t i = 1; i <= m; i++) {
        cur[0] = 0;
        if (pw) lcur[0] = 0;
        int32_t xi = x[i - 1];
        unsigned char *d = dir + i * w;
        for (size_t j = 1; j <= n; j++) {
            if (xi == y[j - 1]) {
                if (pw) {
                    int32_t k = lprev[j - 1];
                    cur[j] = prev[j - 1] + pw[k + 1] - pw[k];
                    lcur[j] = k + 1;
                } else {
                    cur[j] = prev[j - 1] + 1;
                }
                d[j] = 0; /* diagonal */
            } else if (prev[j] >= cur[j - 1]) {
                cur[j] = prev[j];
                if (pw) lcur[j] = 0;
                d[j] = 1; /* up */
            } else {
                cur[j] = cur[j - 1];
                if (pw) lcur[j] = 0;
                d[j] = 2; /* left */
            }
        }
        double *tmp = prev;
        prev = cur;
        cur = tmp;
        if (pw) {
            int32_t *lt = lprev;
            lprev = lcur;
            lcur = lt;
        }
    }
    size_t i = m, j = n;
    while (i && j) {
        unsigned char c = dir[i * w + j];
        if (c == 0) {
            i--;
            j--;
            mask[i] = 1;
        } else if (c == 1) {
            i--;
        } else {
            j--;
        }
    }
    return 0;
}

static int pw_upto(ng_rouge *r, size_t k)
{
    if (k < r->pw_len) return 0;
    size_t len = r->pw_len ? r->pw_len : 64;
    while (len <= k) len *= 2;
    double *pw = realloc(r->pw, len * sizeof *pw);
    if (!pw) return -1;
    for (size_t i = r->pw_len; i < len; i++) pw[i] = pow((double)i, r->opt.weight);
    r->pw = pw;
    r->pw_len = len;
    return 0;
}

/* ROUGE-L (weighted = 0) or ROUGE-W (weighted = 1).  Returns 1 when a
 * reference has no tokens under ROUGE-W (the script dies there). */
static int score_lcs(ng_rouge *r, size_t nrefs, int weighted, ng_rouge_prf *out)
{
    ng_rouge_toks *sys = &r->toks[0];
    size_t V = (size_t)r->nlocal;
    if (ng_rouge_reserve((void **)&r->cnt, &r->cnt_cap, 3 * V + 1, sizeof *r->cnt)) return -1;
    int32_t *pc = r->cnt, *tmp = r->cnt + V, *mc = r->cnt + 2 * V;
    memset(pc, 0, V * sizeof *pc);
    for (size_t k = 0; k < sys->nflat; k++) pc[sys->flat[k]]++;
    double wgt = r->opt.weight;
    if (weighted) {
        size_t longest = sys->nflat;
        for (size_t m = 1; m <= nrefs; m++)
            if (r->toks[m].nsent_tok > longest) longest = r->toks[m].nsent_tok;
        if (sys->nsent_tok > longest) longest = sys->nsent_tok;
        if (pw_upto(r, longest + 2)) return -1;
    }
    const double *pw = weighted ? r->pw : NULL;
    totals t = {0, 0, 0, -1, 0};
    int crashed = 0;
    for (size_t m = 1; m <= nrefs; m++) {
        ng_rouge_toks *ref = &r->toks[m];
        memcpy(tmp, pc, V * sizeof *tmp);
        memset(mc, 0, V * sizeof *mc);
        for (size_t k = 0; k < ref->nflat; k++) mc[ref->flat[k]]++;
        double hit = 0, base = 0;
        size_t start = 0;
        for (size_t s = 0; s < ref->nsent; s++) {
            size_t end = ref->sent_end[s], L = end - start;
            const int32_t *x = ref->sent + start;
            base += weighted ? pw[L] : (double)L;
            if (ng_rouge_reserve((void **)&r->mask, &r->mask_cap, L + 1, 1)) return -1;
            memset(r->mask, 0, L + 1);
            size_t pstart = 0;
            for (size_t p = 0; p < sys->nsent; p++) {
                size_t pend = sys->sent_end[p];
                if (mark_lcs(r, x, L, sys->sent + pstart, pend - pstart, r->mask, pw)) return -1;
                pstart = pend;
            }
            size_t run = 0;
            for (size_t k = 0; k < L; k++) {
                if (!r->mask[k]) continue;
                int32_t tk = x[k];
                if (mc[tk] > 0 && tmp[tk] > 0) {
                    if (weighted) {
                        run++;
                        if (k + 1 < L && !r->mask[k + 1]) {
                            hit += pw[run];
                            run = 0;
                        } else if (k + 1 == L) {
                            hit += pw[run];
                            run = 0;
                        }
                    } else {
                        hit += 1;
                    }
                    mc[tk]--;
                    tmp[tk]--;
                }
            }
            start = end;
        }
        if (weighted) {
            if (base == 0) {
                crashed = 1;
                continue;
            }
            double score = pow(hit / base, 1 / wgt);
            take(r, &t, hit, pow(base, wgt), pow((double)sys->nflat, wgt), score);
        } else {
            double score = base > 0 ? hit / base : 0;
            take(r, &t, hit, base, (double)sys->nflat, score);
        }
    }
    if (crashed) {
        out->r = out->p = out->f = 0;
        return 1;
    }
    if (weighted) {
        double a = r->opt.alpha;
        double R = t.count != 0 ? ng_rouge_round5(pow(t.hit / t.count, 1 / wgt)) : 0.0;
        double P = t.count_p != 0 ? ng_rouge_round5(pow(t.hit / t.count_p, 1 / wgt)) : 0.0;
        double den = (1 - a) * P + a * R;
        out->r = R;
        out->p = P;
        out->f = den > 0 ? ng_rouge_round5((P * R) / den) : 0.0;
    } else {
        finish(r, &t, out);
    }
    return 0;
}

ng_status ng_rouge155_pair(ng_rouge *r, const ng_rouge_summary *sys,
                           const ng_rouge_summary *refs, size_t nrefs, ng_rouge_prf *out,
                           ng_error *err)
{
    (void)err;
    ng_rouge_local_reset(r);
    if (read_summary(r, &r->toks[0], sys)) return NG_E_NOMEM;
    for (size_t m = 0; m < nrefs; m++)
        if (read_summary(r, &r->toks[m + 1], &refs[m])) return NG_E_NOMEM;
    for (size_t i = 0; i < r->nmetrics; i++) {
        const ng_rouge_metric *mt = &r->metric[i];
        int rc = 0;
        switch (mt->kind) {
        case NG_RM_N: rc = score_grams(r, nrefs, mt->n, 0, 0, &out[i]); break;
        case NG_RM_S: rc = score_grams(r, nrefs, 0, r->opt.skip_distance, 0, &out[i]); break;
        case NG_RM_SU: rc = score_grams(r, nrefs, 0, r->opt.skip_distance, 1, &out[i]); break;
        case NG_RM_L: rc = score_lcs(r, nrefs, 0, &out[i]); break;
        case NG_RM_W: rc = score_lcs(r, nrefs, 1, &out[i]); break;
        default: rc = -1; break;
        }
        if (rc < 0) return NG_E_NOMEM;
        if (rc == 1) {
            snprintf(r->warning, sizeof r->warning,
                     "a reference has no words: ROUGE-1.5.5 dies here with -w (\"Illegal "
                     "division by zero\" at line 2450); %s scored 0",
                     mt->name);
            r->has_warning = 1;
        }
    }
    return NG_OK;
}
