/* quote_eval.h - scores the quote finder against quotes people marked and
 * prints the scores by pattern; shared by bench/quotes.c and
 * tests/unit/test_quotes.c so the tool and the test measure the same thing.
 *
 * A row of the table counts, for one pattern of quotation, the gold quotes,
 * the quotes the finder reported, how many reported quotes match a gold one
 * (precision), how many gold quotes were found (recall), and among the
 * matched quotes how many have the right speaker, the right partial flag
 * and (where the source gives them) the speaker mention and cue as written.
 *
 * Sources: the hand-made cases (tests/fixtures/quotes/cases.jsonl, rows
 * "hand:PATTERN", matched by exact text), the example story (row "example",
 * exact text, canonical speaker), textacy's direct-quotation cases (row
 * "textacy", exact text without the marks; textacy names no canonical
 * speaker, only the mention, counted in the mention+cue column).  GUM
 * lives in quote_gum.h.
 *
 * Header-only (static inline functions) because each program is one .c file.
 */
#ifndef NG_QUOTE_EVAL_H
#define NG_QUOTE_EVAL_H

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nutgraf.h"

#define QE_MAX_ROWS 48

typedef struct qe_row {
    char name[40];
    size_t cases, gold, pred, pred_ok, gold_ok, spk_n, spk_ok, part_n, part_ok, men_n, men_ok;
    int pred_na, prec_na; /* "found" / precision not counted in this row */
} qe_row;

typedef struct qe_table {
    qe_row rows[QE_MAX_ROWS];
    size_t n;
} qe_table;

/* One gold quote of a case: its text, speaker (NULL: none; a speaker-less
 * source sets has_speaker 0), partial flag (-1: not given), and the speaker
 * mention and cue as written when the source gives them (NULL: none). */
typedef struct qe_gold {
    const char *text;
    const char *speaker;
    int has_speaker, partial;
    const char *mention, *cue;
    int has_mention, has_cue;
    int reported; /* reported speech ("kind": "reported"), else direct */
} qe_gold;

/* The row called name, added when new (the last row is shared on overflow). */
static inline qe_row *qe_row_of(qe_table *t, const char *name)
{
    for (size_t i = 0; i < t->n; i++)
        if (!strcmp(t->rows[i].name, name)) return &t->rows[i];
    if (t->n == QE_MAX_ROWS) return &t->rows[QE_MAX_ROWS - 1];
    qe_row *r = &t->rows[t->n++];
    memset(r, 0, sizeof *r);
    snprintf(r->name, sizeof r->name, "%s", name);
    return r;
}

/* The path of a file under the environment folder var (default def). */
static inline void qe_path(char *out, size_t n, const char *var, const char *def, const char *rel)
{
    const char *root = getenv(var);
    if (!root || !*root) root = def;
    snprintf(out, n, "%s/%s", root, rel);
}

static inline char *qe_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 16, n = 0, got;
    char *buf = malloc(cap);
    while (buf && (got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (cap - n < 2) {
            char *nb = realloc(buf, cap * 2);
            if (!nb) free(buf);
            buf = nb;
            cap *= 2;
        }
    }
    fclose(f);
    if (buf) buf[n] = 0;
    if (len) *len = n;
    return buf;
}

/* The analysed document of text, or NULL. */
static inline ng_doc *qe_analyze(const char *text, size_t len)
{
    ng_doc *doc = NULL;
    ng_read_options o = {NG_FORMAT_TEXT, 0};
    if (ng_doc_read(text, len, &o, &doc, NULL) != NG_OK) return NULL;
    if (ng_analyze_quotes(doc, NULL) != NG_OK) {
        ng_doc_free(doc);
        return NULL;
    }
    return doc;
}

/* s equals want; a NULL want is the empty string. */
static inline int qe_str_is(ng_str s, const char *want)
{
    if (!want) return s.len == 0;
    return s.len == strlen(want) && (s.len == 0 || !memcmp(s.ptr, want, s.len));
}

static inline ng_str qe_quote_text(const ng_doc *doc, ng_quote q)
{
    ng_str t = {ng_doc_body(doc).ptr + q.start, q.end - q.start};
    return t;
}

static inline void qe_ratio(FILE *out, size_t a, size_t b)
{
    char cell[64] = "    -";
    if (b) snprintf(cell, sizeof cell, "%.3f (%zu/%zu)", (double)a / (double)b, a, b);
    fprintf(out, " %-17s", cell);
}

/* Adds up the rows whose names start with prefix into a row called name. */
static inline void qe_sum(qe_table *t, const char *prefix, const char *name)
{
    qe_row sum;
    memset(&sum, 0, sizeof sum);
    for (size_t i = 0; i < t->n; i++) {
        const qe_row *r = &t->rows[i];
        if (strncmp(r->name, prefix, strlen(prefix)) || !strcmp(r->name, name)) continue;
        sum.cases += r->cases, sum.gold += r->gold, sum.pred += r->pred;
        sum.pred_ok += r->pred_ok, sum.gold_ok += r->gold_ok;
        sum.spk_n += r->spk_n, sum.spk_ok += r->spk_ok, sum.part_n += r->part_n, sum.part_ok += r->part_ok;
        sum.men_n += r->men_n, sum.men_ok += r->men_ok;
    }
    qe_row *r = qe_row_of(t, name);
    snprintf(sum.name, sizeof sum.name, "%s", r->name);
    *r = sum;
}

/* The first quote of the finder not yet used whose text is text and whose
 * kind is reported (1) or direct (0); the count when there is none. */
static inline size_t qe_find(const ng_doc *doc, const unsigned char *used, size_t nused, const char *text, int reported)
{
    size_t k = 0, n = ng_doc_quote_count(doc);
    for (; k < n; k++) {
        ng_quote q = ng_doc_quote(doc, k);
        if ((k >= nused || !used[k]) && !q.reported == !reported && qe_str_is(qe_quote_text(doc, q), text)) break;
    }
    return k;
}

/* Whether the finder's quote k is scored: direct quotes always, reported
 * ones only when the gold lists reported speech. */
static inline int qe_scored(const ng_doc *doc, size_t k, int with_reported)
{
    return with_reported || !ng_doc_quote(doc, k).reported;
}

/* Scores the document's quotes against gold quotes matched by exact text
 * (each reported quote used once) into r; returns 1 when every quote,
 * in order, has the right text, speaker and partial flag and no other
 * quote was reported.  Mismatches go to log when it is not NULL. */
static inline int qe_score_exact(const ng_doc *doc, const qe_gold *gold, size_t ngold, qe_row *r,
                                 const char *label, FILE *log)
{
    size_t nall = ng_doc_quote_count(doc), npred = 0, last = 0;
    unsigned char used[256] = {0};
    int with_reported = 0;
    for (size_t g = 0; g < ngold; g++) with_reported |= gold[g].reported;
    for (size_t k = 0; k < nall; k++) npred += (size_t)qe_scored(doc, k, with_reported);
    int all = npred == ngold;
    r->cases++;
    r->gold += ngold;
    r->pred += npred;
    for (size_t g = 0; g < ngold; g++) {
        size_t k = qe_find(doc, used, sizeof used, gold[g].text, gold[g].reported);
        if (k == nall) {
            all = 0;
            if (log) fprintf(log, "%s: missed \"%s\"\n", label, gold[g].text);
            continue;
        }
        if (k < sizeof used) used[k] = 1;
        all = all && (g == 0 || k > last); /* in body order */
        last = k;
        ng_quote q = ng_doc_quote(doc, k);
        r->pred_ok++;
        r->gold_ok++;
        if (gold[g].has_speaker) {
            int ok = qe_str_is(q.speaker, gold[g].speaker);
            r->spk_n++;
            r->spk_ok += (size_t)ok;
            all = all && ok;
            if (!ok && log)
                fprintf(log, "%s: \"%s\" speaker '%.*s' (mention '%.*s'), expected %s\n", label,
                        gold[g].text, (int)q.speaker.len, q.speaker.ptr, (int)q.speaker_mention.len,
                        q.speaker_mention.ptr, gold[g].speaker ? gold[g].speaker : "none");
        }
        if (gold[g].has_mention || gold[g].has_cue) {
            int ok = (!gold[g].has_mention || qe_str_is(q.speaker_mention, gold[g].mention)) &&
                     (!gold[g].has_cue || qe_str_is(q.cue, gold[g].cue));
            r->men_n++;
            r->men_ok += (size_t)ok;
            all = all && ok;
            if (!ok && log)
                fprintf(log, "%s: \"%s\" mention '%.*s' cue '%.*s', expected '%s' '%s'\n", label,
                        gold[g].text, (int)q.speaker_mention.len, q.speaker_mention.ptr, (int)q.cue.len,
                        q.cue.ptr, gold[g].mention ? gold[g].mention : "", gold[g].cue ? gold[g].cue : "");
        }
        if (gold[g].partial >= 0) {
            r->part_n++;
            r->part_ok += (size_t)(q.partial == gold[g].partial);
            all = all && q.partial == gold[g].partial;
            if (q.partial != gold[g].partial && log)
                fprintf(log, "%s: \"%s\" partial %d\n", label, gold[g].text, q.partial);
        }
    }
    for (size_t k = 0; log && k < nall && k < sizeof used; k++)
        if (!used[k] && qe_scored(doc, k, with_reported)) {
            ng_str t = qe_quote_text(doc, ng_doc_quote(doc, k));
            fprintf(log, "%s: reported \"%.*s\", not a gold quote\n", label, (int)t.len, t.ptr);
        }
    return all;
}

/* Runs one hand-made case (a parsed line of cases.jsonl) into row
 * "hand:PATTERN"; returns 1 when it is right. */
static inline int qe_hand_case(json_t *rec, qe_table *t, FILE *log)
{
    const char *text = json_string_value(json_object_get(rec, "text"));
    const char *pattern = json_string_value(json_object_get(rec, "pattern"));
    const char *id = json_string_value(json_object_get(rec, "id"));
    json_t *quotes = json_object_get(rec, "quotes");
    size_t n = json_array_size(quotes);
    if (!text || !pattern || !id || !json_is_array(quotes) || n > 16) return 0;
    ng_doc *doc = qe_analyze(text, strlen(text));
    if (!doc) return 0;
    qe_gold gold[16];
    for (size_t i = 0; i < n; i++) {
        json_t *q = json_array_get(quotes, i);
        gold[i] = (qe_gold){.text = json_string_value(json_object_get(q, "text")),
                            .speaker = json_string_value(json_object_get(q, "speaker")),
                            .has_speaker = 1,
                            .partial = json_is_true(json_object_get(q, "partial")),
                            .mention = json_string_value(json_object_get(q, "mention")),
                            .cue = json_string_value(json_object_get(q, "cue")),
                            .has_mention = json_object_get(q, "mention") != NULL,
                            .has_cue = json_object_get(q, "cue") != NULL,
                            .reported = json_is_string(json_object_get(q, "kind")) &&
                                        !strcmp(json_string_value(json_object_get(q, "kind")), "reported")};
        if (!gold[i].text) gold[i].text = "";
    }
    char name[40], label[64];
    snprintf(name, sizeof name, "hand:%s", pattern);
    snprintf(label, sizeof label, "hand case %s", id);
    int ok = qe_score_exact(doc, gold, n, qe_row_of(t, name), label, log);
    ng_doc_free(doc);
    return ok;
}

/* Runs every case of a JSONL file; -1 when it cannot be read. */
static inline int qe_hand_file(const char *path, qe_table *t, size_t *cases, size_t *right, FILE *log)
{
    FILE *f = fopen(path, "r");
    if (!f) return -1;
    char line[8192];
    *cases = *right = 0;
    while (fgets(line, sizeof line, f)) {
        json_t *rec = json_loads(line, 0, NULL);
        if (!rec) continue;
        (*cases)++;
        *right += (size_t)qe_hand_case(rec, t, log);
        json_decref(rec);
    }
    fclose(f);
    qe_sum(t, "hand:", "hand: all");
    return 0;
}

/* The example story (NG_ROOT/examples) against its expectations (NG_SHARED/
 * examples) into row "example"; the number of right speakers, -1 when a file
 * is missing. */
static inline int qe_example(qe_table *t, FILE *log)
{
    char path[4096];
    qe_path(path, sizeof path, "NG_SHARED", "../shared", "examples/china-human-rights-dialogue.expected.json");
    json_t *exp = json_load_file(path, 0, NULL);
    qe_path(path, sizeof path, "NG_ROOT", ".", "examples/china-human-rights-dialogue.txt");
    size_t len;
    char *text = exp ? qe_slurp(path, &len) : NULL;
    ng_doc *doc = text ? qe_analyze(text, len) : NULL;
    json_t *quotes = json_object_get(exp, "quotes");
    size_t n = json_array_size(quotes);
    qe_gold *gold = calloc(n + 1, sizeof *gold);
    int right = -1;
    if (doc && gold) {
        for (size_t i = 0; i < n; i++) {
            json_t *q = json_array_get(quotes, i);
            gold[i] = (qe_gold){.text = json_string_value(json_object_get(q, "text")),
                                .speaker = json_string_value(json_object_get(q, "speaker")),
                                .has_speaker = 1,
                                .partial = json_is_true(json_object_get(q, "partial"))};
            if (!gold[i].text) gold[i].text = "";
        }
        qe_row *r = qe_row_of(t, "example");
        size_t before = r->spk_ok;
        qe_score_exact(doc, gold, n, r, "example", log);
        right = (int)(r->spk_ok - before);
    }
    free(gold);
    ng_doc_free(doc);
    free(text);
    json_decref(exp);
    return right;
}

/* The textacy speaker_tokens joined with sep ("Burton and Nick", "Paul Martin"). */
static inline void qe_join(json_t *tokens, const char *sep, char *out, size_t n)
{
    out[0] = 0;
    for (size_t i = 0; i < json_array_size(tokens); i++) {
        const char *w = json_string_value(json_array_get(tokens, i));
        if (i) strncat(out, sep, n - strlen(out) - 1);
        strncat(out, w ? w : "", n - strlen(out) - 1);
    }
}

static inline int qe_textacy_mention_is(ng_str m, json_t *tokens)
{
    char a[256], b[256];
    qe_join(tokens, " ", a, sizeof a);
    qe_join(tokens, " and ", b, sizeof b);
    return qe_str_is(m, a) || (json_array_size(tokens) == 2 && qe_str_is(m, b));
}

/* One textacy record with quotes listed: exact text (marks stripped), the
 * speaker as mentioned; row "textacy". */
static inline void qe_textacy_record(json_t *rec, qe_table *t, FILE *log)
{
    json_t *exp = json_object_get(rec, "expected");
    const char *text = json_string_value(json_object_get(rec, "text"));
    size_t n = json_array_size(exp);
    if (!text || !json_is_array(exp) || n > 8) return;
    ng_doc *doc = qe_analyze(text, strlen(text));
    if (!doc) return;
    char content[8][512];
    qe_gold gold[8];
    for (size_t i = 0; i < n; i++) {
        const char *c = json_string_value(json_object_get(json_array_get(exp, i), "content"));
        size_t cl = c ? strlen(c) : 0;
        snprintf(content[i], sizeof content[i], "%.*s", cl >= 2 ? (int)(cl - 2) : 0, cl >= 2 ? c + 1 : "");
        gold[i] = (qe_gold){.text = content[i], .partial = -1};
    }
    qe_row *r = qe_row_of(t, "textacy");
    char label[64];
    snprintf(label, sizeof label, "textacy %lld", (long long)json_integer_value(json_object_get(rec, "id")));
    qe_score_exact(doc, gold, n, r, label, log);
    for (size_t i = 0; i < n; i++) { /* the speaker as mentioned */
        unsigned char none = 0;
        size_t k = qe_find(doc, &none, 0, gold[i].text, 0);
        if (k == ng_doc_quote_count(doc)) continue;
        ng_str m = ng_doc_quote(doc, k).speaker_mention;
        int ok = qe_textacy_mention_is(m, json_object_get(json_array_get(exp, i), "speaker_tokens"));
        if (!ok && log) fprintf(log, "%s: mention '%.*s'\n", label, (int)m.len, m.ptr);
        r->men_n++;
        r->men_ok += (size_t)ok;
    }
    ng_doc_free(doc);
}

/* Every textacy record with quotes listed; -1 when the file is missing. */
static inline int qe_textacy(qe_table *t, FILE *log)
{
    char path[4096];
    qe_path(path, sizeof path, "NG_SHARED", "../shared", "data/quotes/textacy_direct_quotations.jsonl");
    FILE *f = fopen(path, "r");
    if (!f) return -1;
    char line[8192];
    while (fgets(line, sizeof line, f)) {
        json_t *rec = json_loads(line, 0, NULL);
        if (rec && json_object_get(rec, "expected")) qe_textacy_record(rec, t, log);
        json_decref(rec);
    }
    fclose(f);
    return 0;
}

/* Prints the table: pattern, cases, gold, reported, detection P and R,
 * speaker accuracy and partial-flag accuracy over matched quotes. */
static inline void qe_print(const qe_table *t, FILE *out)
{
    fprintf(out, "%-28s %5s %5s %5s %-17s %-17s %-17s %-17s %-17s\n", "pattern", "cases", "gold", "found",
            "precision", "recall", "speaker", "partial", "mention+cue");
    for (size_t i = 0; i < t->n; i++) {
        const qe_row *r = &t->rows[i];
        fprintf(out, "%-28s %5zu %5zu", r->name, r->cases, r->gold);
        if (r->pred_na) fprintf(out, " %5s", "-");
        else fprintf(out, " %5zu", r->pred);
        qe_ratio(out, r->pred_ok, r->pred_na || r->prec_na ? 0 : r->pred);
        qe_ratio(out, r->gold_ok, r->gold);
        qe_ratio(out, r->spk_ok, r->spk_n);
        qe_ratio(out, r->part_ok, r->part_n);
        qe_ratio(out, r->men_ok, r->men_n);
        fputc('\n', out);
    }
}

#endif
