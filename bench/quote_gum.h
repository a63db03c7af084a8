/* quote_gum.h - scores quote detection on GUM's Wikinews articles
 * (NG_SHARED/data/gum-news): the text is rebuilt from the CoNLL-U files
 * ("# text = " sentences joined by a space, paragraphs ("# newpar_block",
 * except a "quote" block, which GUM starts for a quotation that runs on
 * inside its paragraph) by a blank line), the gold quotations come from the <quote> elements of the
 * xml files, whose token lines are the CoNLL-U tokens in the same order.
 *
 * GUM splits a quotation at each sentence end, so <quote> elements that
 * touch (the next starts at the token after the last one ends) are joined
 * again; a quotation over several paragraphs is cut at each paragraph, as
 * the finder reports it.  <q> elements are scare quotes, titles and words
 * mentioned: not quotations.  A gold quote is "marked" when it opens with a
 * double quotation mark, "unmarked" otherwise (block and pull quotes set
 * off by layout alone, which no rule over marks can find).
 *
 * A reported quote and a gold quote match when they overlap by at least
 * half of the shorter one (GUM's elements may hold the attribution between
 * two parts, the finder's quotes never do).  GUM marks no speakers, so the
 * speaker columns stay empty.  Rows: "gum: all", "gum: marked",
 * "gum: unmarked" over the articles that carry any <quote> or <q> markup;
 * the others (GUM left their quotations unmarked) only count what the
 * finder reports, in "gum: no markup (unscored)".  Within marked articles
 * GUM also leaves a few quotations unmarked, so precision is a lower
 * bound.  The <q> spans reported as quotes are counted apart.
 *
 * Header-only (static inline functions) because each program is one .c file.
 */
#ifndef NG_QUOTE_GUM_H
#define NG_QUOTE_GUM_H

#include <dirent.h>

#include "quote_eval.h"
#include "quote_match.h"

typedef struct qg_span {
    size_t a, b;
} qg_span;

/* One article: rebuilt text, token offsets, <quote> and <q> token spans. */
typedef struct qg_doc {
    char *text;
    size_t len, cap;
    qg_span *tok;
    size_t ntok, captok;
    qg_span *quote, *q;
    size_t nquote, nq, capquote, capq;
} qg_doc;

typedef struct qg_result {
    size_t articles, not_in_body, q_spans, q_reported;
    qm_counts rule; /* issue 11's word rule over the marked articles (no speakers) */
} qg_result;

static inline void qg_grow(void **p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap) return;
    size_t nc = *cap ? *cap * 2 : 64;
    while (nc < need) nc *= 2;
    void *np = realloc(*p, nc * size);
    if (!np) abort(); /* an evaluation helper: no recovery */
    *p = np;
    *cap = nc;
}

/* The first place needle occurs in hay[0, n), or NULL (memmem is not C11). */
static inline const char *qg_find(const char *hay, size_t n, const char *needle, size_t k)
{
    for (size_t i = 0; k && i + k <= n; i++)
        if (hay[i] == needle[0] && !memcmp(hay + i, needle, k)) return hay + i;
    return NULL;
}

static inline void qg_append(qg_doc *d, const char *s, size_t n)
{
    qg_grow((void **)&d->text, &d->cap, d->len + n + 1, 1);
    memcpy(d->text + d->len, s, n);
    d->len += n;
    d->text[d->len] = 0;
}

static inline int qg_is_line(const char *line, size_t n, const char *prefix)
{
    size_t k = strlen(prefix);
    return n >= k && !memcmp(line, prefix, k);
}

/* The token line's form (second field) when the id is a plain number. */
static inline int qg_form(const char *line, size_t n, const char **form, size_t *flen)
{
    size_t i = 0;
    while (i < n && line[i] >= '0' && line[i] <= '9') i++;
    if (i == 0 || i >= n || line[i] != '\t') return 0;
    const char *f = line + i + 1, *tab = memchr(f, '\t', n - i - 1);
    *form = f;
    *flen = tab ? (size_t)(tab - f) : n - i - 1;
    return 1;
}

/* Rebuilds the text and token offsets from a CoNLL-U file. */
static inline void qg_read_conllu(qg_doc *d, char *buf)
{
    size_t cursor = 0, sent_end = 0;
    int par_start = 1;
    for (char *line = buf; *line;) {
        char *nl = strchr(line, '\n');
        size_t n = nl ? (size_t)(nl - line) : strlen(line);
        const char *form;
        size_t flen;
        if (n && line[n - 1] == '\r') n--;
        if (qg_is_line(line, n, "# newpar_block = ") && !qg_is_line(line, n, "# newpar_block = quote")) {
            if (d->len) qg_append(d, "\n\n", 2);
            par_start = 1;
        } else if (qg_is_line(line, n, "# text = ")) {
            if (!par_start) qg_append(d, " ", 1);
            par_start = 0;
            cursor = d->len;
            qg_append(d, line + 9, n - 9);
            sent_end = d->len;
        } else if (qg_form(line, n, &form, &flen)) {
            qg_grow((void **)&d->tok, &d->captok, d->ntok + 1, sizeof *d->tok);
            const char *at = flen ? qg_find(d->text + cursor, sent_end - cursor, form, flen) : NULL;
            size_t a = at ? (size_t)(at - d->text) : cursor;
            d->tok[d->ntok++] = (qg_span){a, at ? a + flen : a};
            if (at) cursor = a + flen;
        }
        line = nl ? nl + 1 : line + n;
    }
}

static inline void qg_push(qg_span **v, size_t *n, size_t *cap, size_t a, size_t b)
{
    qg_grow((void **)v, cap, *n + 1, sizeof **v);
    (*v)[(*n)++] = (qg_span){a, b};
}

/* Collects the token spans of <quote> and <q> elements from the xml. */
static inline void qg_read_xml(qg_doc *d, char *buf)
{
    size_t tok = 0, open_quote[16], open_q[16], nquote = 0, nq = 0;
    for (char *line = buf; *line;) {
        char *nl = strchr(line, '\n');
        size_t n = nl ? (size_t)(nl - line) : strlen(line);
        if (qg_is_line(line, n, "<quote") && n > 6 && (line[6] == '>' || line[6] == ' ')) {
            if (nquote < 16) open_quote[nquote] = tok;
            nquote++;
        } else if (qg_is_line(line, n, "</quote>")) {
            if (nquote && --nquote < 16) qg_push(&d->quote, &d->nquote, &d->capquote, open_quote[nquote], tok);
        } else if (qg_is_line(line, n, "<q>") || qg_is_line(line, n, "<q ")) {
            if (nq < 16) open_q[nq] = tok;
            nq++;
        } else if (qg_is_line(line, n, "</q>")) {
            if (nq && --nq < 16) qg_push(&d->q, &d->nq, &d->capq, open_q[nq], tok);
        } else if (n && line[0] != '<') {
            tok++;
        }
        line = nl ? nl + 1 : line + n;
    }
}

static inline int qg_cmp_span(const void *x, const void *y)
{
    const qg_span *a = x, *b = y;
    return a->a < b->a ? -1 : a->a > b->a ? 1 : (a->b > b->b) - (a->b < b->b);
}

/* Joins <quote> elements that touch; spans stay in tokens. */
static inline void qg_join(qg_doc *d)
{
    if (d->nquote > 1) qsort(d->quote, d->nquote, sizeof *d->quote, qg_cmp_span);
    size_t k = 0;
    for (size_t i = 0; i < d->nquote; i++) {
        if (k && d->quote[i].a <= d->quote[k - 1].b) {
            if (d->quote[i].b > d->quote[k - 1].b) d->quote[k - 1].b = d->quote[i].b;
        } else {
            d->quote[k++] = d->quote[i];
        }
    }
    d->nquote = k;
}

static inline size_t qg_mark_len(const char *s, size_t n, int at_end)
{
    static const char *const marks[] = {"\"", "'", "\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x98", "\xE2\x80\x99"};
    for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++) {
        size_t k = strlen(marks[i]);
        if (n >= k && !memcmp(at_end ? s + n - k : s, marks[i], k)) return k;
    }
    return 0;
}

/* Trims spaces and quotation marks off both ends of [*a, *b). */
static inline void qg_trim(const char *t, size_t *a, size_t *b)
{
    for (;;) {
        size_t k;
        if (*a < *b && (t[*a] == ' ' || t[*a] == '\n')) (*a)++;
        else if (*a < *b && (k = qg_mark_len(t + *a, *b - *a, 0)) > 0) *a += k;
        else break;
    }
    for (;;) {
        size_t k;
        if (*b > *a && (t[*b - 1] == ' ' || t[*b - 1] == '\n')) (*b)--;
        else if (*b > *a && (k = qg_mark_len(t + *a, *b - *a, 1)) > 0) *b -= k;
        else break;
    }
}

/* Where text[a, b) lies in the body (searched from *from, then from the
 * start); 0 when it is not there. */
static inline int qg_locate(ng_str body, const char *s, size_t n, size_t *from, qg_span *out)
{
    if (!n) return 0;
    const char *at = *from < body.len ? qg_find(body.ptr + *from, body.len - *from, s, n) : NULL;
    if (!at) at = qg_find(body.ptr, body.len, s, n);
    if (!at) return 0;
    out->a = (size_t)(at - body.ptr);
    out->b = out->a + n;
    *from = out->b;
    return 1;
}

/* The gold pieces in body offsets: each joined span cut at paragraph ends,
 * trimmed; marked[i] says whether the piece opens with a double mark. */
static inline size_t qg_pieces(const qg_doc *d, const qg_span *spans, size_t nspans, ng_str body,
                               qg_span *out, int *marked, size_t max, size_t *lost)
{
    size_t n = 0, from = 0;
    for (size_t i = 0; i < nspans; i++) {
        if (spans[i].a >= spans[i].b || spans[i].b > d->ntok) continue;
        size_t a = d->tok[spans[i].a].a, end = d->tok[spans[i].b - 1].b;
        while (a < end) {
            const char *nl = memchr(d->text + a, '\n', end - a);
            size_t b = nl ? (size_t)(nl - d->text) : end, pa = a, pb = b;
            int mk = d->text[a] == '"' || (end - a >= 3 && !memcmp(d->text + a, "\xE2\x80\x9C", 3));
            qg_trim(d->text, &pa, &pb);
            if (pa < pb && n < max) {
                if (qg_locate(body, d->text + pa, pb - pa, &from, &out[n])) marked[n++] = mk;
                else (*lost)++;
            }
            a = b;
            while (a < end && d->text[a] == '\n') a++;
        }
    }
    return n;
}

static inline int qg_overlaps(qg_span x, qg_span y)
{
    size_t lo = x.a > y.a ? x.a : y.a, hi = x.b < y.b ? x.b : y.b;
    size_t shorter = x.b - x.a < y.b - y.a ? x.b - x.a : y.b - y.a;
    return hi > lo && 2 * (hi - lo) >= shorter;
}

static inline int qg_any(qg_span x, const qg_span *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (qg_overlaps(x, v[i])) return 1;
    return 0;
}

/* The same pieces scored with quote_match.h's word rule (every piece
 * counted as direct; GUM names no speakers); skipped for unmarked
 * articles (npred 0). */
static inline void qg_score_rule(const ng_doc *doc, const qg_span *gold, size_t ng, size_t npred, qm_counts *c)
{
    if (!npred && !ng) return;
    ng_str body = ng_doc_body(doc);
    qm_words bw = qm_split(body.ptr, body.len);
    size_t *map = malloc((bw.n + 1) * sizeof *map);
    qm_gold *g = calloc(ng + 1, sizeof *g);
    if (!map || !g) abort();
    for (size_t i = 0; i < bw.n; i++) map[i] = i;
    for (size_t i = 0; i < ng; i++) {
        g[i].nfrag = 1;
        g[i].w0[0] = qm_word_at(&bw, gold[i].a);
        g[i].w1[0] = qm_word_at(&bw, gold[i].b);
        g[i].words = g[i].w1[0] - g[i].w0[0];
        g[i].direct = 1;
    }
    qm_score(doc, &bw, map, g, ng, c, NULL, NULL, NULL);
    free(g);
    free(map);
    qm_free(&bw);
}

/* Scores one article's reported quotes against its gold pieces. */
static inline void qg_score(qg_doc *d, const char *name, qe_table *t, qg_result *res, FILE *log)
{
    ng_doc *doc = qe_analyze(d->text, d->len);
    if (!doc) return;
    ng_str body = ng_doc_body(doc);
    enum { MAXP = 512 };
    qg_span *gold = malloc(MAXP * sizeof *gold), *qs = malloc(MAXP * sizeof *qs);
    int *marked = malloc(2 * MAXP * sizeof *marked);
    if (!gold || !qs || !marked) abort();
    qg_join(d);
    size_t ng = qg_pieces(d, d->quote, d->nquote, body, gold, marked, MAXP, &res->not_in_body);
    size_t lost_q = 0, nqs = qg_pieces(d, d->q, d->nq, body, qs, marked + MAXP, MAXP, &lost_q);
    qe_row *all = qe_row_of(t, "gum: all"), *rm = qe_row_of(t, "gum: marked"),
           *ru = qe_row_of(t, "gum: unmarked"), *rn = qe_row_of(t, "gum: no markup (unscored)");
    size_t npred = 0; /* direct quotes come first in this count: GUM marks no reported speech */
    ng_quote *direct = malloc((ng_doc_quote_count(doc) + 1) * sizeof *direct);
    if (!direct) abort();
    for (size_t k = 0; k < ng_doc_quote_count(doc); k++)
        if (!ng_doc_quote(doc, k).reported) direct[npred++] = ng_doc_quote(doc, k);
    rm->pred_na = ru->pred_na = rn->prec_na = 1;
    res->articles++;
    if (!d->nquote && !d->nq) { /* not annotated for quotations */
        rn->cases++;
        rn->pred += npred;
        ng = 0;
        npred = 0;
    } else {
        all->cases++, rm->cases++, ru->cases++;
    }
    res->q_spans += nqs;
    all->pred += npred;
    for (size_t k = 0; k < npred; k++) {
        ng_quote q = direct[k];
        qg_span p = {q.start, q.end};
        if (qg_any(p, gold, ng)) {
            all->pred_ok++;
            continue;
        }
        int scare = qg_any(p, qs, nqs);
        res->q_reported += (size_t)scare;
        if (log) fprintf(log, "GUM %s: reported%s \"%.*s\"\n", name, scare ? " <q>" : "", (int)(q.end - q.start), body.ptr + q.start);
    }
    qg_score_rule(doc, gold, ng, npred, &res->rule);
    for (size_t g = 0; g < ng; g++) {
        int found = 0;
        for (size_t k = 0; k < npred && !found; k++) {
            ng_quote q = direct[k];
            found = qg_overlaps((qg_span){q.start, q.end}, gold[g]);
        }
        qe_row *r = marked[g] ? rm : ru;
        r->gold++, all->gold++;
        r->gold_ok += (size_t)found, all->gold_ok += (size_t)found;
        if (!found && log)
            fprintf(log, "GUM %s: missed %s \"%.*s\"\n", name, marked[g] ? "marked" : "unmarked",
                    (int)(gold[g].b - gold[g].a), body.ptr + gold[g].a);
    }
    free(gold);
    free(qs);
    free(marked);
    free(direct);
    ng_doc_free(doc);
}

/* Scores one article given its xml path; the CoNLL-U path is derived. */
static inline void qg_article(const char *dir, const char *name, qe_table *t, qg_result *res, FILE *log)
{
    char path[8400];
    size_t n = strlen(name) - 4; /* without ".xml" */
    snprintf(path, sizeof path, "%s/conllu/%.*s.conllu", dir, (int)n, name);
    char *conllu = qe_slurp(path, NULL);
    snprintf(path, sizeof path, "%s/xml/%s", dir, name);
    char *xml = qe_slurp(path, NULL);
    qg_doc d;
    memset(&d, 0, sizeof d);
    if (conllu && xml) {
        qg_read_conllu(&d, conllu);
        qg_read_xml(&d, xml);
        if (d.len) qg_score(&d, name, t, res, log);
    }
    free(d.text);
    free(d.tok);
    free(d.quote);
    free(d.q);
    free(conllu);
    free(xml);
}

static inline int qg_cmp_name(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

/* Scores every article of NG_SHARED/data/gum-news in name order; -1 when
 * the folder is missing. */
static inline int qg_gum(qe_table *t, qg_result *res, FILE *log)
{
    char dir[4096], xdir[4200];
    qe_path(dir, sizeof dir, "NG_SHARED", "../shared", "data/gum-news");
    snprintf(xdir, sizeof xdir, "%s/xml", dir);
    memset(res, 0, sizeof *res);
    DIR *dd = opendir(xdir);
    if (!dd) return -1;
    char *names[256];
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(dd)) != NULL && n < 256) {
        size_t k = strlen(e->d_name);
        if (k > 4 && !strcmp(e->d_name + k - 4, ".xml")) names[n++] = strdup(e->d_name);
    }
    closedir(dd);
    if (n > 1) qsort(names, n, sizeof *names, qg_cmp_name);
    for (size_t i = 0; i < n; i++) {
        if (names[i]) qg_article(dir, names[i], t, res, log);
        free(names[i]);
    }
    return 0;
}

#endif
