/* quote_match.h - the matching rule of issue 11 for scoring quotes against
 * gold quotes given as character spans of the same text, shared by the
 * PolNeAR and GUM scorers (quote_polnear.h, quote_gum.h).
 *
 * Words are maximal runs of letters and digits (any byte >= 0x80 counts as
 * a letter).  Both sides are counted in words of one word list (the gold
 * text's): a system quote goes to the gold quote holding the largest share
 * of its words if that share is at least half; a gold quote is found when
 * the system quotes given to it cover at least half its words (so
 * "A," he said, "B." found as two pieces counts once).  The speaker is
 * right when the system's name (mention or canonical) contains the gold
 * speaker's last word as a word, ignoring case.
 *
 * Header-only (static inline functions) because each program is one .c file.
 */
#ifndef NG_QUOTE_MATCH_H
#define NG_QUOTE_MATCH_H

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "nutgraf.h"

typedef struct qm_words {
    size_t *start, *end; /* byte offsets of each word */
    size_t n;
} qm_words;

static inline int qm_is_wordch(unsigned char c)
{
    return isalnum(c) || c >= 0x80;
}

/* The words of s[0, n); abort on no memory (an evaluation helper). */
static inline qm_words qm_split(const char *s, size_t n)
{
    qm_words w = {malloc((n / 2 + 1) * sizeof(size_t)), malloc((n / 2 + 1) * sizeof(size_t)), 0};
    if (!w.start || !w.end) abort();
    for (size_t i = 0; i < n;) {
        if (!qm_is_wordch((unsigned char)s[i])) { i++; continue; }
        size_t a = i;
        while (i < n && qm_is_wordch((unsigned char)s[i])) i++;
        w.start[w.n] = a;
        w.end[w.n++] = i;
    }
    return w;
}

static inline void qm_free(qm_words *w)
{
    free(w->start);
    free(w->end);
    w->start = w->end = NULL;
}

/* The index of the first word starting at or after off. */
static inline size_t qm_word_at(const qm_words *w, size_t off)
{
    size_t lo = 0, hi = w->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (w->start[mid] < off) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

/* Maps each word of body (its words bw) to a word of the original text
 * (words tw): the body is the text with lines trimmed, joined and some
 * lines dropped, so words are matched in order, looking ahead at most 4000
 * words; unmatched body words map to (size_t)-1.  Returns the map
 * (malloc'd, bw->n entries). */
static inline size_t *qm_align(const char *body, const qm_words *bw, const char *text, const qm_words *tw)
{
    size_t *map = malloc((bw->n + 1) * sizeof *map), t = 0;
    if (!map) abort();
    for (size_t i = 0; i < bw->n; i++) {
        size_t len = bw->end[i] - bw->start[i];
        map[i] = (size_t)-1;
        for (size_t j = t; j < tw->n && j < t + 4000; j++) {
            if (tw->end[j] - tw->start[j] == len && !memcmp(text + tw->start[j], body + bw->start[i], len)) {
                map[i] = j;
                t = j + 1;
                break;
            }
        }
    }
    return map;
}

/* A gold quote: its word range(s) in the text's words, kind and speaker. */
typedef struct qm_gold {
    size_t w0[8], w1[8]; /* up to 8 fragments, word index ranges */
    size_t nfrag, words;
    int direct;
    const char *speaker; /* NULL: none */
    size_t cover;        /* words covered by system quotes given to it */
    int best_sys;        /* the given system quote with the most words, -1 */
    size_t best_n;
} qm_gold;

static inline int qm_gold_has(const qm_gold *g, size_t w)
{
    for (size_t f = 0; f < g->nfrag; f++)
        if (w >= g->w0[f] && w < g->w1[f]) return 1;
    return 0;
}

/* The gold speaker's head: the mention up to its first apposition or
 * relative clause ("Alan Berger, a gynecologist ..." -> "Alan Berger";
 * "Mike Murphy (R)" -> "Mike Murphy"); its length in bytes. */
static inline size_t qm_head_len(const char *s)
{
    size_t n = strlen(s);
    static const char *const cuts[] = {",", " (", " who ", " which ", " whose "};
    for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
        const char *p = strstr(s, cuts[i]);
        if (p && (size_t)(p - s) < n && p > s) n = (size_t)(p - s);
    }
    return n;
}

/* The last word of s[0, n) (letters and digits), or with caps set its
 * last capitalised word, lowercased into out ("" when there is none). */
static inline void qm_last_word(const char *s, size_t n, int caps, char *out, size_t cap)
{
    size_t e = n;
    out[0] = 0;
    for (;;) {
        while (e > 0 && !qm_is_wordch((unsigned char)s[e - 1])) e--;
        size_t a = e;
        while (a > 0 && qm_is_wordch((unsigned char)s[a - 1])) a--;
        if (a == e) return;
        if (!caps || isupper((unsigned char)s[a])) {
            size_t k = 0;
            for (size_t i = a; i < e && k + 1 < cap; i++) out[k++] = (char)tolower((unsigned char)s[i]);
            out[k] = 0;
            return;
        }
        e = a;
    }
}

/* Whether name holds word (lowercase) as a whole word, ignoring case. */
static inline int qm_has_word(ng_str name, const char *word)
{
    size_t k = strlen(word);
    if (!k) return 0;
    for (size_t i = 0; i + k <= name.len; i++) {
        if (i && qm_is_wordch((unsigned char)name.ptr[i - 1])) continue;
        if (i + k < name.len && qm_is_wordch((unsigned char)name.ptr[i + k])) continue;
        size_t j = 0;
        while (j < k && tolower((unsigned char)name.ptr[i + j]) == word[j]) j++;
        if (j == k) return 1;
    }
    return 0;
}

/* The speaker is right when the system's mention or canonical name holds
 * the last word, or the last capitalised word, of the gold mention's head
 * ("Alan Berger, a gynecologist from Englewood, New Jersey," -> "berger"). */
static inline int qm_speaker_right(const qm_gold *g, ng_quote q)
{
    char last[128], last_cap[128];
    size_t head = qm_head_len(g->speaker);
    qm_last_word(g->speaker, head, 0, last, sizeof last);
    qm_last_word(g->speaker, head, 1, last_cap, sizeof last_cap);
    return qm_has_word(q.speaker_mention, last) || qm_has_word(q.speaker, last) ||
           qm_has_word(q.speaker_mention, last_cap) || qm_has_word(q.speaker, last_cap);
}

/* Counts of one scored set, by kind (0 direct, 1 reported). */
typedef struct qm_counts {
    size_t docs;
    size_t gold[2], found[2], sys[2], sys_ok[2];
    size_t spk_n[2], spk_ok[2], e2e_n[2], e2e_ok[2];
} qm_counts;

/* Scores the quotes of doc against gold (word indices in the text's words
 * tw; map from qm_align takes body words there). */
static inline void qm_score(const ng_doc *doc, const qm_words *bw, const size_t *map, qm_gold *gold, size_t ngold,
                            qm_counts *c, FILE *log, const char *text, const qm_words *tw)
{
    ng_str body = ng_doc_body(doc);
    size_t nq = ng_doc_quote_count(doc);
    c->docs++;
    for (size_t g = 0; g < ngold; g++) gold[g].cover = 0, gold[g].best_sys = -1, gold[g].best_n = 0;
    for (size_t k = 0; k < nq; k++) {
        ng_quote q = ng_doc_quote(doc, k);
        int kind = q.reported ? 1 : 0;
        size_t a = qm_word_at(bw, q.start), b = qm_word_at(bw, q.end), nw = b - a, best = 0;
        long bestg = -1;
        for (size_t g = 0; g < ngold; g++) {
            size_t in = 0;
            for (size_t i = a; i < b; i++) in += map[i] != (size_t)-1 && qm_gold_has(&gold[g], map[i]);
            if (in > best) best = in, bestg = (long)g;
        }
        c->sys[kind]++;
        if (bestg < 0 || 2 * best < nw) {
            if (log)
                fprintf(log, "false %s (%zu/%zu words in one gold): \"%.*s\" | %.*s | %.*s\n", kind ? "reported" : "direct",
                        best, nw, (int)(q.end - q.start), body.ptr + q.start, (int)q.speaker_mention.len,
                        q.speaker_mention.ptr, (int)q.cue.len, q.cue.ptr);
            continue;
        }
        c->sys_ok[kind]++;
        if (log && getenv("QM_LOG_OK"))
            fprintf(log, "ok %s: \"%.*s\" | %.*s | %.*s\n", kind ? "reported" : "direct", (int)(q.end - q.start),
                    body.ptr + q.start, (int)q.speaker_mention.len, q.speaker_mention.ptr, (int)q.cue.len, q.cue.ptr);
        qm_gold *gg = &gold[bestg];
        gg->cover += best;
        if (best > gg->best_n) gg->best_n = best, gg->best_sys = (int)k;
    }
    for (size_t g = 0; g < ngold; g++) {
        int kind = gold[g].direct ? 0 : 1, found = gold[g].words && 2 * gold[g].cover >= gold[g].words;
        c->gold[kind]++;
        c->found[kind] += (size_t)found;
        if (!found && log && text && gold[g].nfrag && gold[g].w1[0] > gold[g].w0[0]) {
            size_t a = tw->start[gold[g].w0[0]], b = tw->end[gold[g].w1[gold[g].nfrag - 1] - 1];
            /* the system quote sharing most words with it, if any: "none", or its kind */
            size_t most = 0;
            const char *why = "none";
            for (size_t k = 0; k < nq; k++) {
                ng_quote q = ng_doc_quote(doc, k);
                size_t in = 0;
                for (size_t i = qm_word_at(bw, q.start), e = qm_word_at(bw, q.end); i < e; i++)
                    in += map[i] != (size_t)-1 && qm_gold_has(&gold[g], map[i]);
                if (in > most) most = in, why = q.reported ? "reported" : "direct";
            }
            fprintf(log, "missed %s: \"%.*s\" | %s | overlap %s\n", kind ? "reported" : "direct", (int)(b - a), text + a,
                    gold[g].speaker ? gold[g].speaker : "-", why);
        }
        if (!gold[g].speaker) continue;
        c->e2e_n[kind]++;
        if (!found) continue;
        ng_quote bq = ng_doc_quote(doc, (size_t)gold[g].best_sys);
        int ok = qm_speaker_right(&gold[g], bq);
        if (!ok && log)
            fprintf(log, "speaker %s: \"%.*s\" got '%.*s' ('%.*s') want '%s'\n", kind ? "reported" : "direct",
                    (int)(bq.end - bq.start > 80 ? 80 : bq.end - bq.start), body.ptr + bq.start, (int)bq.speaker_mention.len,
                    bq.speaker_mention.ptr, (int)bq.speaker.len, bq.speaker.ptr, gold[g].speaker);
        c->spk_n[kind]++;
        c->spk_ok[kind] += (size_t)ok;
        c->e2e_ok[kind] += (size_t)ok;
    }
}

static inline double qm_ratio(size_t a, size_t b)
{
    return b ? (double)a / (double)b : 0;
}

/* Prints one line per kind: recall, precision, speaker accuracy over found
 * quotes with a speaker, end-to-end accuracy; nkinds 1 prints direct only. */
static inline void qm_print(const char *name, const qm_counts *c, int nkinds, FILE *out)
{
    static const char *const kinds[] = {"direct", "reported"};
    for (int k = 0; k < nkinds && k < 2; k++)
        fprintf(out,
                "%s %-8s: gold %5zu  recall %.3f (%zu)  system %5zu  precision %.3f (%zu)  speaker %.3f (%zu/%zu)  end-to-end %.3f (%zu/%zu)\n",
                name, kinds[k], c->gold[k], qm_ratio(c->found[k], c->gold[k]), c->found[k], c->sys[k],
                qm_ratio(c->sys_ok[k], c->sys[k]), c->sys_ok[k], qm_ratio(c->spk_ok[k], c->spk_n[k]), c->spk_ok[k],
                c->spk_n[k], qm_ratio(c->e2e_ok[k], c->e2e_n[k]), c->e2e_ok[k], c->e2e_n[k]);
}

#endif
