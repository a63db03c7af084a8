/* quote_polnear.h - scores the quote finder on PolNeAR (NG_SHARED/data/
 * quotes/polnear.SPLIT.jsonl.gz: one article a line with every attribution
 * marked; offsets are Unicode code points into "text") with the matching
 * rule of quote_match.h.  Gold "direct" quotes are direct; "mixed" and
 * "indirect" ones are reported speech.  PolNeAR has no canonical names: its
 * speaker is the mention as written, so a speaker is right when the
 * system's mention or canonical name holds the mention's last word.
 * Each article goes through the whole analysis (ng_analyze), as
 * `nutgraf analyze` runs it, or with the rules' speakers only (qp_rules
 * set: ng_analyze_speakers(..., 1, ...), for comparing with the ranker).
 *
 * Header-only (static inline functions) because each program is one .c file.
 */
#ifndef NG_QUOTE_POLNEAR_H
#define NG_QUOTE_POLNEAR_H

#include <jansson.h>
#include <stdio.h>
#include <zlib.h>

#include "analyze/analyze.h"
#include "quote_eval.h"
#include "quote_match.h"

/* The whole of a gzip file, NUL-terminated, or NULL. */
static inline char *qp_slurp_gz(const char *path, size_t *len)
{
    gzFile f = gzopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 20, n = 0;
    char *buf = malloc(cap);
    int got;
    while (buf && (got = gzread(f, buf + n, (unsigned)(cap - n - 1))) > 0) {
        n += (size_t)got;
        if (cap - n < 2) {
            char *nb = realloc(buf, cap * 2);
            if (!nb) free(buf);
            buf = nb;
            cap *= 2;
        }
    }
    gzclose(f);
    if (buf) buf[n] = 0;
    if (len) *len = n;
    return buf;
}

/* Byte offsets of each code point of s (n bytes), plus one for the end. */
static inline size_t *qp_code_points(const char *s, size_t n, size_t *count)
{
    size_t *off = malloc((n + 1) * sizeof *off), k = 0;
    if (!off) abort();
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80) off[k++] = i;
    off[k] = n;
    *count = k;
    return off;
}

/* The byte offset of code point cp (clamped to the end). */
static inline size_t qp_byte(const size_t *off, size_t count, json_int_t cp)
{
    if (cp < 0) return 0;
    return (size_t)cp >= count ? off[count] : off[cp];
}

/* Reads the gold quotes of one record into gold (at most max). */
static inline size_t qp_gold(json_t *quotes, const size_t *off, size_t ncp, const qm_words *tw, qm_gold *gold,
                             size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < json_array_size(quotes) && n < max; i++) {
        json_t *q = json_array_get(quotes, i), *fr = json_object_get(q, "fragments"), *sp = json_object_get(q, "speaker");
        qm_gold *g = &gold[n];
        memset(g, 0, sizeof *g);
        g->direct = !strcmp(json_string_value(json_object_get(q, "type")) ? json_string_value(json_object_get(q, "type")) : "", "direct");
        g->speaker = json_is_object(sp) ? json_string_value(json_object_get(sp, "text")) : NULL;
        if (g->speaker && !*g->speaker) g->speaker = NULL;
        for (size_t f = 0; f < json_array_size(fr) && g->nfrag < 8; f++) {
            json_t *p = json_array_get(fr, f);
            size_t a = qp_byte(off, ncp, json_integer_value(json_array_get(p, 0)));
            size_t b = qp_byte(off, ncp, json_integer_value(json_array_get(p, 1)));
            g->w0[g->nfrag] = qm_word_at(tw, a);
            g->w1[g->nfrag] = qm_word_at(tw, b);
            g->words += g->w1[g->nfrag] - g->w0[g->nfrag];
            g->nfrag++;
        }
        n++;
    }
    return n;
}

/* 1: speakers by the quote finder's rules alone, not the learned ranker. */
static int qp_rules;

/* Scores one PolNeAR record into c. */
static inline void qp_record(json_t *rec, ng_analyze_work *work, qm_counts *c, FILE *log)
{
    const char *text = json_string_value(json_object_get(rec, "text"));
    json_t *quotes = json_object_get(rec, "quotes");
    if (!text) return;
    size_t len = strlen(text), ncp;
    ng_doc *doc = NULL;
    ng_read_options o = {NG_FORMAT_TEXT, 0};
    ng_analyze_options ao = {NULL, 0, work, 0};
    if (ng_doc_read(text, len, &o, &doc, NULL) != NG_OK) return;
    if (ng_analyze_speakers(doc, &ao, qp_rules, NULL) != NG_OK) {
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
    qm_score(doc, &bw, map, gold, ng, c, log, text, &tw);
    free(gold);
    free(map);
    qm_free(&bw);
    qm_free(&tw);
    free(off);
    ng_doc_free(doc);
}

/* Scores every article of PolNeAR's split into c (misses, false reports
 * and wrong speakers to log when not NULL); -1 when the file is missing. */
static inline int qp_polnear(const char *split, qm_counts *c, FILE *log)
{
    char rel[128], path[4096];
    snprintf(rel, sizeof rel, "data/quotes/polnear.%s.jsonl.gz", split);
    qe_path(path, sizeof path, "NG_SHARED", "../shared", rel);
    char *all = qp_slurp_gz(path, NULL);
    if (!all) return -1;
    memset(c, 0, sizeof *c);
    ng_analyze_work *work = ng_analyze_work_new();
    for (char *line = all; *line;) {
        char *nl = strchr(line, '\n');
        if (nl) *nl = 0;
        json_t *rec = json_loads(line, 0, NULL);
        if (rec) qp_record(rec, work, c, log);
        json_decref(rec);
        line = nl ? nl + 1 : line + strlen(line);
    }
    ng_analyze_work_free(work);
    free(all);
    return 0;
}

#endif
