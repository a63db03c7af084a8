/* sbd_eval.h - reads the sentence-boundary data in NG_SHARED and scores the
 * splitter on it; shared by bench/sentences.c and tests/unit/test_sentences.c
 * so the benchmark and the test measure the same thing.
 *
 *  - the pySBD cases (sentences/NAME.jsonl): a case passes when the splitter
 *    returns exactly the expected sentences, compared with runs of
 *    whitespace collapsed to one space (the expected text of multi-line
 *    cases has its newlines folded);
 *  - GUM news (gum-news/conllu): each paragraph ("# newpar") is rebuilt by
 *    joining its gold sentences ("# text = ") with one space, split again,
 *    and the sentence boundaries inside paragraphs are scored.
 *
 * Header-only (static inline functions) because each program is one .c file.
 */
#ifndef NG_SBD_EVAL_H
#define NG_SBD_EVAL_H

#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/sentences.h"

/* Golden Rules that do not apply to English news, by id, and why (32, 34
 * and 36 pass anyway: a list mark that opens a line is never a sentence):
 *   31-39  numbered and lettered list items ("1.) The first item 2.) ...",
 *          "a. The first item b. ..."): a news body carries no inline
 *          lists, and the readers give bullet lists one item per line,
 *          which the splitter ends at the newline.  Splitting before
 *          "2." or "b." inside running text would break "No. 2." and
 *          "plan b." in real copy. */
static const int sbd_golden_not_news[] = {31, 32, 33, 34, 35, 36, 37, 38, 39};

typedef struct sbd_score {
    size_t cases, passed;
} sbd_score;

typedef struct sbd_prf {
    size_t tp, fp, fn;
    double p, r, f;
} sbd_prf;

/* The path of a file under NG_SHARED (default ../shared), or NULL. */
static inline char *sbd_path(const char *rel)
{
    const char *root = getenv("NG_SHARED");
    if (!root || !*root) root = "../shared";
    size_t n = strlen(root) + strlen(rel) + 2;
    char *p = malloc(n);
    if (p) snprintf(p, n, "%s/%s", root, rel);
    return p;
}

/* Copies s[0..n) into out with whitespace runs folded to one space and the
 * ends trimmed; out must hold n + 1 bytes. */
static inline void sbd_fold(const char *s, size_t n, char *out)
{
    size_t o = 0;
    int space = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            space = o > 0;
            continue;
        }
        if (space) out[o++] = ' ';
        space = 0;
        out[o++] = (char)c;
    }
    out[o] = 0;
}

/* Whether the splitter's sentences of text equal the expected JSON array
 * of strings; prints the difference to log when log is not NULL. */
static inline int sbd_case_passes(const char *text, json_t *expected, FILE *log, json_int_t id)
{
    ng_arena a;
    ng_arena_init(&a, 0);
    ng_span_vec spans = {0};
    size_t n = strlen(text);
    int ok = ng_split_sentences(&a, text, n, 0, &spans) == NG_OK &&
             spans.count == json_array_size(expected);
    char *got = malloc(n + 1), *want = malloc(n + 1);
    for (size_t i = 0; ok && got && want && i < spans.count; i++) {
        const char *w = json_string_value(json_array_get(expected, i));
        sbd_fold(text + spans.items[i].start, spans.items[i].end - spans.items[i].start, got);
        sbd_fold(w ? w : "", w ? strlen(w) : 0, want);
        ok = strcmp(got, want) == 0;
    }
    if (!ok && log) {
        fprintf(log, "case %lld: expected %zu, got %zu:\n", (long long)id,
                json_array_size(expected), spans.count);
        for (size_t i = 0; i < spans.count; i++)
            fprintf(log, "    <%.*s>\n", (int)(spans.items[i].end - spans.items[i].start),
                    text + spans.items[i].start);
    }
    free(got);
    free(want);
    ng_arena_free(&a);
    return ok;
}

static inline int sbd_is_not_news(json_int_t id)
{
    for (size_t i = 0; i < sizeof sbd_golden_not_news / sizeof sbd_golden_not_news[0]; i++)
        if (sbd_golden_not_news[i] == id) return 1;
    return 0;
}

/* Runs every case of a pySBD JSON Lines file.  news (may be NULL) counts
 * only the cases that apply to news.  Returns -1 when the file is missing
 * or broken. */
static inline int sbd_run_jsonl(const char *rel, sbd_score *all, sbd_score *news, FILE *log)
{
    char *path = sbd_path(rel);
    FILE *f = path ? fopen(path, "rb") : NULL;
    free(path);
    if (!f) return -1;
    char *line = NULL;
    size_t cap = 0;
    int rc = 0;
    while (getline(&line, &cap, f) > 0) {
        json_t *j = json_loads(line, 0, NULL);
        const char *text = json_string_value(json_object_get(j, "text"));
        json_t *want = json_object_get(j, "sentences");
        if (!text || !json_is_array(want)) {
            json_decref(j);
            rc = -1;
            break;
        }
        json_int_t id = json_integer_value(json_object_get(j, "id"));
        int applies = news && !sbd_is_not_news(id);
        int ok = sbd_case_passes(text, want, log && (applies || !news) ? log : NULL, id);
        all->cases++;
        all->passed += (size_t)ok;
        if (applies) news->cases++, news->passed += (size_t)ok;
        json_decref(j);
    }
    free(line);
    fclose(f);
    return rc;
}

/* Reads a whole file into a NUL-terminated buffer; NULL on failure. */
static inline char *sbd_slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    size_t got;
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
    return buf;
}

/* A paragraph being rebuilt from gold sentences. */
typedef struct sbd_para {
    char *text;
    size_t len, cap;
    size_t *ends; /* gold sentence ends */
    size_t nends, capends;
} sbd_para;

static inline void sbd_para_add(sbd_para *p, const char *s, size_t n)
{
    if (p->len + n + 2 > p->cap) {
        p->cap = (p->len + n + 2) * 2;
        p->text = realloc(p->text, p->cap);
    }
    if (p->nends == p->capends) {
        p->capends = p->capends ? p->capends * 2 : 16;
        p->ends = realloc(p->ends, p->capends * sizeof *p->ends);
    }
    if (!p->text || !p->ends) abort(); /* a benchmark helper: no recovery */
    if (p->len) p->text[p->len++] = ' ';
    memcpy(p->text + p->len, s, n);
    p->len += n;
    p->text[p->len] = 0;
    p->ends[p->nends++] = p->len;
}

/* Splits the paragraph and counts boundaries inside it (its end is free). */
static inline void sbd_para_score(sbd_para *p, sbd_prf *s, FILE *log)
{
    if (!p->len) return;
    ng_arena a;
    ng_arena_init(&a, 0);
    ng_span_vec spans = {0};
    if (ng_split_sentences(&a, p->text, p->len, 0, &spans) != NG_OK) spans.count = 0;
    size_t g = 0, k = 0, gn = p->nends - 1, kn = spans.count ? spans.count - 1 : 0;
    int bad = 0;
    while (g < gn || k < kn) {
        size_t ge = g < gn ? p->ends[g] : (size_t)-1, ke = k < kn ? spans.items[k].end : (size_t)-1;
        if (ge == ke) s->tp++, g++, k++;
        else if (ke < ge) s->fp++, k++, bad = 1;
        else s->fn++, g++, bad = 1;
    }
    if (bad && log) {
        fprintf(log, "GUM paragraph (gold %zu, got %zu):\n", p->nends, spans.count);
        for (size_t i = 0; i < spans.count; i++)
            fprintf(log, "    <%.*s>\n", (int)(spans.items[i].end - spans.items[i].start),
                    p->text + spans.items[i].start);
        for (size_t i = 0, b = 0; i < p->nends; b = p->ends[i++] + 1)
            fprintf(log, "  gold <%.*s>\n", (int)(p->ends[i] - b), p->text + b);
    }
    ng_arena_free(&a);
    p->len = 0;
    p->nends = 0;
}

/* Scores one CoNLL-U file into s. */
static inline void sbd_gum_file(const char *path, sbd_prf *s, FILE *log)
{
    char *buf = sbd_slurp(path);
    if (!buf) return;
    sbd_para p = {0};
    for (char *line = buf; *line;) {
        char *nl = strchr(line, '\n');
        size_t n = nl ? (size_t)(nl - line) : strlen(line);
        if (n && line[n - 1] == '\r') n--;
        int newpar = n >= 8 && memcmp(line, "# newpar", 8) == 0 && (n == 8 || line[8] == ' ');
        if (newpar || (n >= 8 && memcmp(line, "# newdoc", 8) == 0))
            sbd_para_score(&p, s, log);
        else if (n > 9 && memcmp(line, "# text = ", 9) == 0)
            sbd_para_add(&p, line + 9, n - 9);
        line = nl ? nl + 1 : line + n;
    }
    sbd_para_score(&p, s, log);
    free(p.text);
    free(p.ends);
    free(buf);
}

/* Scores every gum-news CoNLL-U file; -1 when the folder is missing. */
static inline int sbd_gum(sbd_prf *s, FILE *log)
{
    char *dir = sbd_path("data/gum-news/conllu");
    DIR *d = dir ? opendir(dir) : NULL;
    if (!d) {
        free(dir);
        return -1;
    }
    memset(s, 0, sizeof *s);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);
        if (n < 7 || strcmp(e->d_name + n - 7, ".conllu") != 0) continue;
        size_t pn = strlen(dir) + n + 2;
        char *path = malloc(pn);
        if (!path) continue;
        snprintf(path, pn, "%s/%s", dir, e->d_name);
        sbd_gum_file(path, s, log);
        free(path);
    }
    closedir(d);
    free(dir);
    s->p = s->tp + s->fp ? (double)s->tp / (double)(s->tp + s->fp) : 1.0;
    s->r = s->tp + s->fn ? (double)s->tp / (double)(s->tp + s->fn) : 1.0;
    s->f = s->p + s->r > 0 ? 2 * s->p * s->r / (s->p + s->r) : 0.0;
    return 0;
}

#endif
