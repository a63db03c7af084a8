/* reported_model.c - reads the reported-speech classifier's text model
 * (models/reported.txt, written by bench/train_reported.c and embedded at
 * build time), scores candidates and picks the chosen ones:
 *
 *   # nutgraf reported model 1 ...
 *   threshold 0.25
 *   cue seemed
 *   1234 -0.5
 *
 * '#' lines after the first are comments; every other line is one of the
 * three forms, with an index below NG_REP_SIZE and a finite weight.  The
 * parser treats the bytes as outside input: no NUL is needed, nothing is
 * read past n, any malformed line refuses the file.  The built-in model is
 * parsed once (pthread_once) and then only read. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/reported.h"
#include "analyze/model_text.h"
#include "core/hash.h"

#define HEADER "# nutgraf reported model 1"

extern const unsigned char ng_reported_model_bytes[];
extern const size_t ng_reported_model_bytes_len;

/* One line that is not a comment; 0 or -1. */
static int parse_line(const char *line, size_t n, ng_rep_model *m)
{
    char a[NG_MT_FIELD_MAX], b[NG_MT_FIELD_MAX], c[NG_MT_FIELD_MAX];
    size_t i = 0;
    if (!ng_mt_next_field(line, n, &i, a) || !ng_mt_next_field(line, n, &i, b)) return -1;
    if (i < n && ng_mt_next_field(line, n, &i, c)) return -1;
    if (!strcmp(a, "threshold")) return ng_mt_parse_weight(b, &m->threshold);
    if (!strcmp(a, "cue")) return ng_rep_model_add_cue(m, b, strlen(b));
    char *end;
    long idx = strtol(a, &end, 10);
    if (*end || end == a || idx < 0 || idx >= (long)NG_REP_SIZE) return -1;
    return ng_mt_parse_weight(b, &m->w[idx]);
}

int ng_rep_model_parse(const char *s, size_t n, ng_rep_model *m)
{
    if (!s || !m) return -1;
    memset(m, 0, sizeof *m);
    size_t hl = strlen(HEADER);
    if (n < hl || memcmp(s, HEADER, hl)) return -1;
    const char *nl = memchr(s, '\n', n);
    for (size_t a = nl ? (size_t)(nl - s) + 1 : n; a < n;) {
        nl = memchr(s + a, '\n', n - a);
        size_t e = nl ? (size_t)(nl - s) : n;
        size_t len = e - a;
        if (len && s[e - 1] == '\r') len--;
        if (len && s[a] != '#' && parse_line(s + a, len, m) < 0) return -1;
        a = e + 1;
    }
    return 0;
}

/* The slot of w's hash (never 0) in m's cue table: where it is or where
 * it would go. */
static size_t cue_slot(const ng_rep_model *m, const char *w, size_t len, uint32_t *h)
{
    *h = ng_hash_bytes(w, len);
    if (!*h) *h = 1;
    size_t i = *h & (NG_REP_CUE_SLOTS - 1);
    while (m->cue[i] && m->cue[i] != *h) i = (i + 1) & (NG_REP_CUE_SLOTS - 1);
    return i;
}

int ng_rep_model_add_cue(ng_rep_model *m, const char *w, size_t len)
{
    uint32_t h;
    size_t i = cue_slot(m, w, len, &h);
    if (m->cue[i]) return 0;
    if (m->ncues >= NG_REP_CUE_SLOTS / 2) return -1;
    m->cue[i] = h;
    m->ncues++;
    return 0;
}

int ng_rep_model_has_cue(const ng_rep_model *m, const char *w, size_t len)
{
    uint32_t h;
    return m && m->ncues && m->cue[cue_slot(m, w, len, &h)] != 0;
}

static pthread_once_t once = PTHREAD_ONCE_INIT;
static ng_rep_model builtin; /* written once under pthread_once, then only read */
static int builtin_ok;

static void load_builtin(void)
{
    builtin_ok = ng_rep_model_parse((const char *)ng_reported_model_bytes, ng_reported_model_bytes_len,
                                    &builtin) == 0;
}

const ng_rep_model *ng_rep_model_default(void)
{
    pthread_once(&once, load_builtin);
    return builtin_ok ? &builtin : NULL;
}

double ng_rep_score(const ng_rep_model *m, const ng_rep_cand *c)
{
    double s = 0;
    for (size_t i = 0; i < c->nfeat; i++) s += m->w[c->feat[i] & (NG_REP_SIZE - 1)];
    return s;
}

static int overlaps(const ng_rep_cand *a, const ng_rep_cand *b)
{
    return a->k0 < b->k1 && b->k0 < a->k1;
}

size_t ng_rep_choose(const ng_rep_cand *c, size_t n, const double *score, double thr, size_t *chosen)
{
    size_t k = 0;
    while (k < NG_REP_MAX_CHOSEN) {
        size_t best = n;
        for (size_t i = 0; i < n; i++) {
            if (score[i] <= thr || (best < n && score[i] <= score[best])) continue;
            int free_ = 1;
            for (size_t j = 0; j < k && free_; j++) free_ = !overlaps(&c[i], &c[chosen[j]]);
            if (free_) best = i;
        }
        if (best == n) break;
        chosen[k++] = best;
    }
    /* body order (insertion sort of at most NG_REP_MAX_CHOSEN) */
    for (size_t i = 1; i < k; i++)
        for (size_t j = i; j > 0 && c[chosen[j]].k0 < c[chosen[j - 1]].k0; j--) {
            size_t t = chosen[j];
            chosen[j] = chosen[j - 1];
            chosen[j - 1] = t;
        }
    return k;
}
