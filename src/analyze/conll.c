/* conll.c - reading CoNLL-2003 named-entity files (IOB1 or IOB2 tags) and
 * conlleval-style entity-level scoring: precision, recall and F1 overall
 * and per type. */
#include <stdlib.h>
#include <string.h>

#include "analyze/ner.h"
#include "core/doc.h"

static const char *const type_names[NG_NER_TYPES] = {"PER", "ORG", "LOC", "MISC"};
static const char *const tag_names[NG_NER_TAGS] = {"O",     "B-PER", "I-PER",  "B-ORG", "I-ORG",
                                                   "B-LOC", "I-LOC", "B-MISC", "I-MISC"};

const char *ng_ner_type_name(int type)
{
    return type >= 0 && type < NG_NER_TYPES ? type_names[type] : "?";
}

const char *ng_ner_tag_name(uint8_t tag)
{
    return tag < NG_NER_TAGS ? tag_names[tag] : "?";
}

int ng_ner_type_parse(const char *s, size_t len)
{
    for (int t = 0; t < NG_NER_TYPES; t++)
        if (strlen(type_names[t]) == len && !memcmp(type_names[t], s, len)) return t;
    return -1;
}

/* Parses "O", "B-PER", "I-LOC", ...; returns -1 when unknown. */
static int parse_tag(const char *s, size_t len)
{
    if (len == 1 && s[0] == 'O') return 0;
    if (len < 3 || (s[0] != 'B' && s[0] != 'I') || s[1] != '-') return -1;
    int t = ng_ner_type_parse(s + 2, len - 2);
    if (t < 0) return -1;
    return s[0] == 'B' ? NG_NER_B(t) : NG_NER_I(t);
}

void ng_conll_free(ng_ner_corpus *c)
{
    if (!c) return;
    free(c->text);
    free(c->word);
    free(c->gold);
    free(c->sent);
    memset(c, 0, sizeof *c);
}

static int grow(void **p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap) return 0;
    size_t n = *cap ? *cap : 256;
    while (n < need) n *= 2;
    void *q = realloc(*p, n * size);
    if (!q) return -1;
    *p = q;
    *cap = n;
    return 0;
}

ng_status ng_conll_parse(const char *bytes, size_t len, ng_ner_corpus *c, ng_error *err)
{
    memset(c, 0, sizeof *c);
    c->text = malloc(len + 1);
    if (!c->text) return ng_fail(err, NG_E_NOMEM, 0, "conll: out of memory");
    size_t tpos = 0, tokcap = 0, sentcap = 0, goldcap = 0, line_no = 0, sent_start = 0;
    size_t *offs = NULL;
    size_t doc = 0;
    int seen_doc = 0;
    ng_status st = NG_OK;
    size_t pos = 0;
    while (pos <= len) {
        const char *line = bytes + pos;
        const char *nl = pos < len ? memchr(line, '\n', len - pos) : NULL;
        size_t ll = nl ? (size_t)(nl - line) : len - pos;
        pos += ll + 1;
        line_no++;
        while (ll && (line[ll - 1] == '\r' || line[ll - 1] == ' ' || line[ll - 1] == '\t')) ll--;
        int blank = ll == 0;
        int docstart = ll >= 10 && !memcmp(line, "-DOCSTART-", 10);
        if ((blank || docstart) && c->ntok > sent_start) {
            if (grow((void **)&c->sent, &sentcap, c->nsent + 1, sizeof *c->sent)) goto nomem;
            c->sent[c->nsent++] = (ng_ner_sentence){sent_start, c->ntok - sent_start, doc};
            sent_start = c->ntok;
        }
        if (docstart) {
            if (seen_doc) doc++;
            seen_doc = 1;
        }
        if (blank || docstart) continue;
        /* the word is the first field, the tag the last */
        size_t we = 0;
        while (we < ll && line[we] != ' ' && line[we] != '\t') we++;
        size_t ts = ll;
        while (ts > 0 && line[ts - 1] != ' ' && line[ts - 1] != '\t') ts--;
        if (we == ll || ts <= we) {
            st = ng_fail(err, NG_E_FORMAT, line_no, "conll: expected `word ... TAG`");
            goto fail;
        }
        int tag = parse_tag(line + ts, ll - ts);
        if (tag < 0) {
            st = ng_fail(err, NG_E_FORMAT, line_no, "conll: unknown tag '%.*s'", (int)(ll - ts), line + ts);
            goto fail;
        }
        if (grow((void **)&offs, &tokcap, c->ntok + 1, sizeof *offs) ||
            grow((void **)&c->gold, &goldcap, c->ntok + 1, 1))
            goto nomem;
        offs[c->ntok] = tpos;
        c->gold[c->ntok] = (uint8_t)tag;
        c->ntok++;
        memcpy(c->text + tpos, line, we);
        tpos += we;
        c->text[tpos++] = '\0';
    }
    if (c->ntok > sent_start) {
        if (grow((void **)&c->sent, &sentcap, c->nsent + 1, sizeof *c->sent)) goto nomem;
        c->sent[c->nsent++] = (ng_ner_sentence){sent_start, c->ntok - sent_start, doc};
    }
    c->ndocs = doc + 1;
    c->word = malloc((c->ntok ? c->ntok : 1) * sizeof *c->word);
    if (!c->word) goto nomem;
    for (size_t i = 0; i < c->ntok; i++) c->word[i] = c->text + offs[i];
    free(offs);
    for (size_t s = 0; s < c->nsent; s++) ng_ner_to_iob2(c->gold + c->sent[s].first, c->sent[s].n);
    return NG_OK;
nomem:
    st = ng_fail(err, NG_E_NOMEM, 0, "conll: out of memory");
fail:
    free(offs);
    ng_conll_free(c);
    return st;
}

void ng_ner_to_iob2(uint8_t *tags, size_t n)
{
    uint8_t prev = 0;
    for (size_t i = 0; i < n; i++) {
        uint8_t t = tags[i];
        if (t >= NG_NER_TAGS) t = tags[i] = 0;
        if (t && !NG_NER_IS_B(t) && (prev == 0 || NG_NER_TYPE(prev) != NG_NER_TYPE(t)))
            tags[i] = t = NG_NER_B(NG_NER_TYPE(t));
        prev = t;
    }
}

size_t ng_ner_spans(const uint8_t *tags, size_t n, ng_ner_span *out, size_t max)
{
    size_t count = 0;
    size_t start = 0;
    int type = -1;
    for (size_t i = 0; i <= n; i++) {
        uint8_t t = i < n && tags[i] < NG_NER_TAGS ? tags[i] : 0;
        int ttype = t ? NG_NER_TYPE(t) : -1;
        /* conlleval: a chunk ends before O, before B-, or before a type change */
        int starts = t && (NG_NER_IS_B(t) || ttype != type);
        if (type >= 0 && (!t || starts)) {
            if (count < max) out[count] = (ng_ner_span){start, i, type};
            count++;
            type = -1;
        }
        if (starts) {
            start = i;
            type = ttype;
        }
    }
    return count;
}

void ng_ner_score_add(ng_ner_score *s, const uint8_t *gold, const uint8_t *pred, size_t n)
{
    ng_ner_span gs[64], ps[64];
    ng_ner_span *g = gs, *p = ps;
    size_t ng = ng_ner_spans(gold, n, NULL, 0), np = ng_ner_spans(pred, n, NULL, 0);
    if (ng > 64) g = malloc(ng * sizeof *g);
    if (np > 64) p = malloc(np * sizeof *p);
    if (!g || !p) { /* cannot happen in practice; count nothing */
        if (g != gs) free(g);
        if (p != ps) free(p);
        return;
    }
    ng_ner_spans(gold, n, g, ng);
    ng_ner_spans(pred, n, p, np);
    for (size_t i = 0; i < ng; i++) {
        s->gold[g[i].type]++;
        s->gold[NG_NER_TYPES]++;
    }
    size_t j = 0;
    for (size_t i = 0; i < np; i++) {
        s->pred[p[i].type]++;
        s->pred[NG_NER_TYPES]++;
        while (j < ng && g[j].start < p[i].start) j++;
        if (j < ng && g[j].start == p[i].start && g[j].end == p[i].end && g[j].type == p[i].type) {
            s->correct[p[i].type]++;
            s->correct[NG_NER_TYPES]++;
        }
    }
    for (size_t i = 0; i < n; i++) s->tokens_correct += gold[i] == pred[i];
    s->tokens += n;
    if (g != gs) free(g);
    if (p != ps) free(p);
}

void ng_ner_score_prf(const ng_ner_score *s, int type, double *p, double *r, double *f1)
{
    double c = (double)s->correct[type];
    double pp = s->pred[type] ? 100.0 * c / (double)s->pred[type] : 0.0;
    double rr = s->gold[type] ? 100.0 * c / (double)s->gold[type] : 0.0;
    if (p) *p = pp;
    if (r) *r = rr;
    if (f1) *f1 = pp + rr > 0 ? 2 * pp * rr / (pp + rr) : 0.0;
}
