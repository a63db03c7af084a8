/* speaker_rank.c - learned speaker attribution: gathers each direct
 * quote's candidate speakers (person and organization mentions and
 * personal pronouns in the quote's sentence, the sentences around it and
 * the paragraph before, plus the previous quote's speaker), describes each
 * by small-valued features (see speaker.h) and lets a linear model pick
 * one; the pick is resolved to its entity's canonical name.  Everything is
 * read from the analyzed document; the only memory is one candidate array
 * in the document's arena. */
#include <string.h>

#include "analyze/quotes.h"
#include "analyze/speaker.h"

enum {
    T_DIST, T_SENT, T_PARA, T_TYPE, T_NEAR, T_SIDEPOS, T_TYPESIDE, T_INQ,
    T_CUEADJ, T_CUEBETWEEN, T_PUNCT, T_RULE, T_AGREE, T_PREV, T_SAL, T_SRANK, T_PREVPOS, T_SENTTYPE,
    T_RULEPREV, T_RULESENT
};

#define SCAN_MAX 40 /* tokens looked at between a candidate and its quote */

static const char *const template_names[NG_SPK_TEMPLATES] = {
    "dist", "sent", "para", "type", "near", "sidepos", "typeside", "inquote",
    "cueadj", "cuebetween", "punct", "rule", "agree", "prev", "sal", "srank", "prevpos", "senttype", "ruleprev", "rulesent"};

static const unsigned template_groups[NG_SPK_TEMPLATES] = {
    NG_SPK_G_BASE, NG_SPK_G_BASE, NG_SPK_G_BASE, NG_SPK_G_BASE, NG_SPK_G_BASE, NG_SPK_G_BASE,
    NG_SPK_G_BASE, NG_SPK_G_BASE, NG_SPK_G_CUE, NG_SPK_G_CUE, NG_SPK_G_CUE, NG_SPK_G_RULE,
    NG_SPK_G_PRON, NG_SPK_G_PREV, NG_SPK_G_SAL, NG_SPK_G_SAL, NG_SPK_G_PREV, NG_SPK_G_BASE,
    NG_SPK_G_RULE, NG_SPK_G_RULE};

const char *ng_speaker_template_name(int t)
{
    return t >= 0 && t < NG_SPK_TEMPLATES ? template_names[t] : NULL;
}

unsigned ng_speaker_template_group(int t)
{
    return t >= 0 && t < NG_SPK_TEMPLATES ? template_groups[t] : 0;
}

/* ------------------------------------------------------------ positions */

/* The sentence holding token t (the last one starting at or before it). */
static size_t sent_of(const ng_doc *doc, size_t t)
{
    size_t lo = 0, hi = doc->sentences.count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (doc->sentences.items[mid].first_token <= t) lo = mid + 1;
        else hi = mid;
    }
    return lo ? lo - 1 : 0;
}

/* The first mention starting at or after body offset off. */
static size_t mention_from(const ng_doc *doc, size_t off)
{
    size_t lo = 0, hi = doc->mentions.count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (doc->mentions.items[mid].start < off) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

static ng_str tword(const ng_doc *doc, size_t t)
{
    return ng_doc_word(doc, doc->tokens.items[t].word);
}


/* The class of a personal pronoun (he 1, she 2, they 3, we 4, i 5, it 6), or 0. */
static int pronoun_class(const ng_doc *doc, size_t t)
{
    static const char forms[][5] = {"he", "she", "they", "we", "i", "it"};
    static const size_t lens[] = {2, 3, 4, 2, 1, 2};
    ng_str w = tword(doc, t);
    for (int k = 0; k < 6; k++)
        if (w.len == lens[k] && !memcmp(w.ptr, forms[k], w.len)) return k + 1;
    return 0;
}

static int is_cue_tok(const ng_doc *doc, size_t t)
{
    if (t >= doc->tokens.count) return 0;
    uint32_t f = doc->tokens.items[t].flags;
    if ((f & (NG_TOKEN_WORD | NG_TOKEN_STOP)) != NG_TOKEN_WORD) return 0;
    uint32_t id = doc->tokens.items[t].word;
    unsigned char *memo = doc->cue_kinds && id < doc->words.words.count ? &doc->cue_kinds[id] : NULL;
    if (memo && *memo) return *memo > 1;
    ng_str w = tword(doc, t);
    int kind = ng_quote_cue_kind(w.ptr, w.len);
    if (memo) *memo = (unsigned char)(1 + kind);
    return kind != 0;
}

/* Inside a direct quote's text.  Quotes are in body order and direct ones
 * never overlap: only the last direct quote starting at or before a can
 * hold [a, b). */
static int in_direct(const ng_doc *doc, size_t a, size_t b)
{
    size_t lo = 0, hi = doc->quotes.count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (doc->quotes.items[mid].start <= a) lo = mid + 1;
        else hi = mid;
    }
    for (size_t k = 0; lo > 0 && k < 8; k++) {
        const ng_quote *q = &doc->quotes.items[--lo];
        if (!q->reported) return b <= q->end;
    }
    return 0;
}

/* ------------------------------------------------------------ the quote */

typedef struct qctx {
    const ng_doc *doc;
    const ng_quote *q;
    const ng_spk_prev *prev;
    size_t qt0, qt1;    /* the quote's tokens */
    size_t s0, s1;      /* its first and last sentence */
    size_t p0, p1;      /* their paragraphs */
    size_t lo, hi;      /* candidate body range */
    int opens, ends;    /* the quote opens / ends its paragraph */
    size_t rule0, rule1; /* the rules' speaker mention, body offsets (rule1 0: none) */
} qctx;

static size_t para_end(const ng_doc *doc, size_t p)
{
    return p + 1 < doc->para_starts.count ? doc->para_starts.items[p + 1] - 1 : doc->body_len;
}

static void rule_span(qctx *x)
{
    const ng_doc *doc = x->doc;
    ng_str m = x->q->speaker_mention;
    x->rule0 = x->rule1 = 0;
    if (!m.len || m.ptr < doc->body || m.ptr >= doc->body + doc->body_len) return;
    x->rule0 = (size_t)(m.ptr - doc->body);
    x->rule1 = x->rule0 + m.len;
}

static int quote_context(qctx *x, const ng_doc *doc, size_t qi, int window)
{
    x->doc = doc;
    x->q = &doc->quotes.items[qi];
    if (!doc->tokens.count || !doc->sentences.count) return -1;
    x->qt0 = ng_doc_token_at(doc, x->q->start);
    x->qt1 = ng_doc_token_at(doc, x->q->end);
    if (x->qt1 < x->qt0) x->qt1 = x->qt0;
    x->s0 = sent_of(doc, x->qt0 < doc->tokens.count ? x->qt0 : doc->tokens.count - 1);
    x->s1 = sent_of(doc, x->qt1 > x->qt0 ? x->qt1 - 1 : x->qt0);
    if (x->s1 < x->s0) x->s1 = x->s0;
    x->p0 = doc->sentences.items[x->s0].paragraph;
    x->p1 = doc->sentences.items[x->s1].paragraph;
    size_t lo = x->s0 > (size_t)window ? x->s0 - (size_t)window : 0;
    size_t hi = x->s1 + (size_t)window < doc->sentences.count ? x->s1 + (size_t)window : doc->sentences.count - 1;
    size_t para_lo = x->p0 ? doc->para_starts.items[x->p0 - 1] : 0;
    x->lo = doc->sentences.items[lo].start < para_lo ? doc->sentences.items[lo].start : para_lo;
    x->hi = doc->sentences.items[hi].end;
    x->opens = x->p0 < doc->para_starts.count && x->q->start <= doc->para_starts.items[x->p0] + 4;
    x->ends = x->q->end + 4 >= para_end(doc, x->p1);
    rule_span(x);
    return 0;
}

/* ------------------------------------------------------------ features */

static uint8_t bucket(size_t d)
{
    static const size_t lim[] = {0, 1, 2, 3, 4, 7, 12, 20, 40, 80};
    for (uint8_t k = 0; k < 10; k++)
        if (d <= lim[k]) return k;
    return 10;
}

static uint8_t count_bucket(size_t n)
{
    static const size_t lim[] = {1, 2, 4, 8, 16};
    for (uint8_t k = 0; k < 5; k++)
        if (n <= lim[k]) return k;
    return 5;
}

static int side_of(const qctx *x, const ng_spk_cand *c)
{
    return c->t0 >= x->qt1 ? 1 : 0;
}

static size_t token_dist(const qctx *x, const ng_spk_cand *c)
{
    if (side_of(x, c)) return c->t0 - x->qt1;
    return x->qt0 > c->t1 ? x->qt0 - c->t1 : 0;
}

/* The tokens between a candidate and the quote, [*a, *b), at most SCAN_MAX. */
static void between(const qctx *x, const ng_spk_cand *c, size_t *a, size_t *b)
{
    if (side_of(x, c)) {
        *a = x->qt1;
        *b = c->t0;
    } else {
        *a = c->t1;
        *b = x->qt0 > c->t1 ? x->qt0 : c->t1;
    }
    if (*b > *a + SCAN_MAX) *b = *a + SCAN_MAX;
}

/* One pass over the tokens between a candidate and the quote: the
 * punctuation there (bit 0 comma, 1 sentence end, 2 colon, 3 another
 * quotation mark) and whether a verb of saying is there, each with the
 * candidate's side. */
static void scan_between(const qctx *x, const ng_spk_cand *c, uint8_t *punct, uint8_t *cue)
{
    size_t a, b;
    between(x, c, &a, &b);
    uint8_t bits = 0;
    int found = 0;
    for (size_t t = a; t < b && (bits != 15 || !found); t++) {
        const ng_token *tk = &x->doc->tokens.items[t];
        const char ch = x->doc->body[tk->start];
        if (tk->flags & NG_TOKEN_QUOTE) {
            if (t != x->qt1 && t + 1 != x->qt0) bits |= 8;
        } else if (ch == ',') bits |= 1;
        else if (ch == '.' || ch == '!' || ch == '?') bits |= 2;
        else if (ch == ':') bits |= 4;
        else if (!found) found = is_cue_tok(x->doc, t);
    }
    int side = side_of(x, c);
    *punct = (uint8_t)(side * 16 + bits);
    *cue = (uint8_t)(side * 2 + found);
}

/* Bit 0: a verb of saying right after the candidate ("Smith said", "Smith
 * also said"); bit 1: right before ("said Smith"); bit 2: that verb is
 * within three tokens of the quote. */
static uint8_t cue_adjacent(const qctx *x, const ng_spk_cand *c)
{
    const ng_doc *doc = x->doc;
    size_t cue = SIZE_MAX;
    uint8_t bits = 0;
    for (size_t t = c->t1; t < c->t1 + 2 && cue == SIZE_MAX; t++)
        if (is_cue_tok(doc, t)) bits |= 1, cue = t;
    for (size_t k = 1; k <= 2 && cue == SIZE_MAX && c->t0 >= k; k++)
        if (is_cue_tok(doc, c->t0 - k)) bits |= 2, cue = c->t0 - k;
    if (cue == SIZE_MAX) return 0;
    size_t d = cue < x->qt0 ? x->qt0 - cue : cue >= x->qt1 ? cue - x->qt1 : 0;
    return (uint8_t)(bits | (d <= 3 ? 4 : 0));
}

static uint8_t type_value(const ng_doc *doc, const ng_spk_cand *c)
{
    if (c->pronoun) return (uint8_t)(3 + c->pronoun); /* 4..9; 10: a phrase naming no entity */
    return c->entity < doc->entities.count ? (uint8_t)doc->entities.items[c->entity].type : 10;
}

static uint8_t agree_value(const ng_doc *doc, const ng_spk_cand *c)
{
    if (!c->pronoun) return NG_SPK_NONE;
    int r = 0;
    if (c->entity < doc->entities.count) r = doc->entities.items[c->entity].type == NG_ENTITY_PERSON ? 1 : 2;
    return (uint8_t)(c->pronoun * 3 + r);
}

static uint8_t prev_value(const qctx *x, const ng_spk_cand *c, int virt)
{
    const ng_spk_prev *p = x->prev;
    if (!p || !p->end) return 0;
    int same = (c->start == p->start && c->end == p->end) || (c->entity != SIZE_MAX && c->entity == p->entity);
    if (!same) return 0;
    return (uint8_t)((p->paragraph == x->p0 ? 1 : 2) + (virt ? 3 : 0));
}

static uint8_t salience_value(const ng_doc *doc, const ng_spk_cand *c)
{
    if (c->entity >= doc->entities.count) return 6;
    return count_bucket(doc->entities.items[c->entity].mentions);
}

static uint8_t srank_value(const ng_doc *doc, const ng_spk_cand *c)
{
    if (c->entity >= doc->entities.count) return 5;
    return c->entity < 3 ? (uint8_t)c->entity : c->entity < 6 ? 3 : 4;
}

static uint8_t sent_value(const qctx *x, const ng_spk_cand *c)
{
    long cs = (long)sent_of(x->doc, c->t0), sd = 0;
    if (cs < (long)x->s0) sd = cs - (long)x->s0;
    else if (cs > (long)x->s1) sd = cs - (long)x->s1;
    if (sd < -6) sd = -6;
    if (sd > 6) sd = 6;
    return (uint8_t)(sd + 8);
}

static uint8_t para_value(const qctx *x, const ng_spk_cand *c)
{
    size_t cp = x->doc->sentences.items[sent_of(x->doc, c->t0)].paragraph;
    size_t qp = side_of(x, c) ? x->p1 : x->p0, dp = cp > qp ? cp - qp : qp - cp;
    return (uint8_t)((dp > 2 ? 2 : dp) * 2 + (size_t)side_of(x, c));
}

static uint8_t rule_value(const qctx *x, const ng_spk_cand *c)
{
    if (!x->rule1) return 2;
    return c->start < x->rule1 && x->rule0 < c->end;
}

/* Sentence distance (-4..4) with the kind of candidate: person, other
 * entity, pronoun, phrase. */
static uint8_t senttype_value(uint8_t sent, uint8_t type)
{
    int sd = (int)sent - 8;
    sd = sd < -4 ? -4 : sd > 4 ? 4 : sd;
    int kind = type == NG_ENTITY_PERSON ? 0 : type < 4 ? 1 : type < 10 ? 2 : 3;
    return (uint8_t)((sd + 4) * 4 + kind);
}

static void features(const qctx *x, ng_spk_cand *c, int virt)
{
    const ng_doc *doc = x->doc;
    int side = side_of(x, c);
    uint8_t type = type_value(doc, c);
    c->f[T_DIST] = (uint8_t)(side * 16 + bucket(token_dist(x, c)));
    c->f[T_SENT] = sent_value(x, c);
    c->f[T_PARA] = para_value(x, c);
    c->f[T_TYPE] = type;
    c->f[T_NEAR] = 0; /* set once every candidate is known */
    c->f[T_SIDEPOS] = (uint8_t)(side * 4 + x->opens * 2 + x->ends);
    c->f[T_TYPESIDE] = (uint8_t)(type * 2 + side);
    c->f[T_INQ] = (uint8_t)in_direct(doc, c->start, c->end);
    c->f[T_CUEADJ] = cue_adjacent(x, c);
    scan_between(x, c, &c->f[T_PUNCT], &c->f[T_CUEBETWEEN]);
    c->f[T_RULE] = rule_value(x, c);
    c->f[T_AGREE] = agree_value(doc, c);
    c->f[T_PREV] = prev_value(x, c, virt);
    c->f[T_SAL] = salience_value(doc, c);
    c->f[T_SRANK] = srank_value(doc, c);
    c->f[T_PREVPOS] = (uint8_t)(c->f[T_PREV] * 4 + x->opens * 2 + x->ends);
    c->f[T_SENTTYPE] = senttype_value(c->f[T_SENT], type);
    c->f[T_RULEPREV] = (uint8_t)(c->f[T_RULE] * 8 + c->f[T_PREV]);
    c->f[T_RULESENT] = (uint8_t)(c->f[T_RULE] * 16 + c->f[T_SENTTYPE] / 4);
}

/* Each candidate's rank by distance among those on its side. */
static void nearness(const qctx *x, ng_spk_cand *c, size_t n)
{
    size_t d[NG_SPK_MAX_CANDS];
    int side[NG_SPK_MAX_CANDS];
    for (size_t i = 0; i < n; i++) {
        d[i] = token_dist(x, &c[i]);
        side[i] = side_of(x, &c[i]);
    }
    for (size_t i = 0; i < n; i++) {
        size_t rank = 0;
        for (size_t j = 0; j < n && rank < 3; j++) rank += side[j] == side[i] && d[j] < d[i];
        c[i].f[T_NEAR] = (uint8_t)(side[i] * 4 + rank);
    }
}

/* ------------------------------------------------------------ candidates */

/* The entity a pronoun token was linked to, or SIZE_MAX. */
static size_t pronoun_entity(const ng_doc *doc, size_t start)
{
    size_t i = mention_from(doc, start);
    for (; i < doc->mentions.count && doc->mentions.items[i].start == start; i++)
        if (doc->mentions.items[i].pronoun) return doc->mentions.items[i].entity;
    return SIZE_MAX;
}

static int overlaps_quote(const qctx *x, size_t a, size_t b)
{
    return a < x->q->end && x->q->start < b;
}

static int add_cand(const qctx *x, ng_spk_cand *out, size_t *n, ng_spk_cand c, int virt)
{
    if (*n >= NG_SPK_MAX_CANDS || overlaps_quote(x, c.start, c.end)) return 0;
    for (size_t i = 0; i < *n; i++)
        if (out[i].start == c.start && out[i].end == c.end) return 0;
    features(x, &c, virt);
    out[(*n)++] = c;
    return 1;
}

static ng_spk_cand make_cand(const ng_doc *doc, size_t a, size_t b, size_t entity, int pronoun)
{
    ng_spk_cand c;
    memset(&c, 0, sizeof c);
    c.start = a;
    c.end = b;
    c.entity = entity;
    c.pronoun = pronoun;
    c.t0 = ng_doc_token_at(doc, a);
    c.t1 = ng_doc_token_at(doc, b);
    if (c.t1 <= c.t0) c.t1 = c.t0 + 1;
    return c;
}

static void named_cands(const qctx *x, ng_spk_cand *out, size_t *n)
{
    const ng_doc *doc = x->doc;
    for (size_t i = mention_from(doc, x->lo); i < doc->mentions.count; i++) {
        const ng_mention *m = &doc->mentions.items[i];
        if (m->start >= x->hi) break;
        if (m->pronoun || m->entity >= doc->entities.count) continue;
        ng_entity_type ty = doc->entities.items[m->entity].type;
        if (ty != NG_ENTITY_PERSON && ty != NG_ENTITY_ORG) continue;
        add_cand(x, out, n, make_cand(doc, m->start, m->end, m->entity, 0), 0);
    }
}

static void pronoun_cands(const qctx *x, ng_spk_cand *out, size_t *n)
{
    const ng_doc *doc = x->doc;
    for (size_t t = ng_doc_token_at(doc, x->lo); t < doc->tokens.count; t++) {
        const ng_token *tk = &doc->tokens.items[t];
        if (tk->start >= x->hi) break;
        int pc = tk->len <= 4 && (tk->flags & NG_TOKEN_WORD) ? pronoun_class(doc, t) : 0;
        if (!pc || in_direct(doc, tk->start, tk->start + tk->len)) continue;
        size_t e = pronoun_entity(doc, tk->start);
        add_cand(x, out, n, make_cand(doc, tk->start, tk->start + tk->len, e, pc), 0);
    }
}

/* The rules' own mention when no other candidate holds it ("Critics",
 * "a spokesman"): its entity when it ends in a mention. */
static void rule_cand(const qctx *x, ng_spk_cand *out, size_t *n)
{
    if (!x->rule1 || x->rule1 > x->doc->body_len) return;
    for (size_t i = 0; i < *n; i++)
        if (out[i].start < x->rule1 && x->rule0 < out[i].end) return;
    ng_spk_cand c = make_cand(x->doc, x->rule0, x->rule1, SIZE_MAX, 0);
    if (c.t1 - c.t0 == 1 && c.t0 < x->doc->tokens.count) c.pronoun = pronoun_class(x->doc, c.t0);
    if (c.pronoun) c.entity = pronoun_entity(x->doc, x->rule0);
    add_cand(x, out, n, c, 0);
}

static void prev_cand(const qctx *x, ng_spk_cand *out, size_t *n)
{
    const ng_spk_prev *p = x->prev;
    if (!p || !p->end || p->end > x->doc->body_len || p->start >= p->end) return;
    ng_spk_cand c = make_cand(x->doc, p->start, p->end, p->entity, 0);
    if (c.t1 - c.t0 == 1 && c.t0 < x->doc->tokens.count) c.pronoun = pronoun_class(x->doc, c.t0);
    add_cand(x, out, n, c, 1);
}

size_t ng_speaker_candidates(const ng_doc *doc, size_t qi, int window, const ng_spk_prev *prev,
                             ng_spk_cand *out)
{
    qctx x;
    if (!doc || qi >= doc->quotes.count || quote_context(&x, doc, qi, window) < 0) return 0;
    x.prev = prev;
    size_t n = 0;
    named_cands(&x, out, &n);
    pronoun_cands(&x, out, &n);
    rule_cand(&x, out, &n);
    prev_cand(&x, out, &n);
    nearness(&x, out, n);
    return n;
}

double ng_speaker_score(const ng_speaker_model *m, const ng_spk_cand *c)
{
    double s = 0;
    for (int t = 0; t < NG_SPK_TEMPLATES; t++)
        if ((m->groups & template_groups[t]) && c->f[t] < NG_SPK_VALUES) s += m->w[t][c->f[t]];
    return s;
}

/* ------------------------------------------------------------ choosing */

/* The person a "he"/"she" stands for when the grouping linked it to no
 * person: the latest person named before it, or SIZE_MAX. */
static size_t person_before(const ng_doc *doc, size_t off)
{
    size_t i = mention_from(doc, off);
    for (size_t k = 0; i > 0 && k < 200; k++) {
        const ng_mention *m = &doc->mentions.items[--i];
        if (!m->pronoun && m->entity < doc->entities.count &&
            doc->entities.items[m->entity].type == NG_ENTITY_PERSON)
            return m->entity;
    }
    return SIZE_MAX;
}

/* The entity a chosen candidate names: a he/she only ever a person. */
static size_t speaker_entity(const ng_doc *doc, const ng_spk_cand *c)
{
    int person = c->entity < doc->entities.count && doc->entities.items[c->entity].type == NG_ENTITY_PERSON;
    if ((c->pronoun == 1 || c->pronoun == 2) && !person) return person_before(doc, c->start);
    return c->entity;
}

static void apply(ng_doc *doc, ng_quote *q, const ng_spk_cand *c, size_t e)
{
    ng_str m = {doc->body + c->start, c->end - c->start};
    q->speaker_mention = m;
    if (e < doc->entities.count) q->speaker = doc->entities.items[e].name;
    else if (c->pronoun) q->speaker = (ng_str){NULL, 0};
    else q->speaker = m;
}

static size_t best_of(const ng_speaker_model *m, const ng_spk_cand *c, size_t n)
{
    size_t best = 0;
    double top = 0;
    for (size_t i = 0; i < n; i++) {
        double s = ng_speaker_score(m, &c[i]);
        if (i == 0 || s > top) top = s, best = i;
    }
    return best;
}

/* A verb of saying in the sentences of quote q, outside it: without one a
 * fragment the rules gave no speaker is the writer's ("engaged "frankly
 * and candidly" in the meetings") and keeps none. */
static int sentence_has_cue(const ng_doc *doc, const ng_quote *q)
{
    size_t t0 = ng_doc_token_at(doc, q->start), t1 = ng_doc_token_at(doc, q->end);
    if (t0 >= doc->tokens.count) return 0;
    const ng_sentence *a = &doc->sentences.items[sent_of(doc, t0)];
    const ng_sentence *b = &doc->sentences.items[sent_of(doc, t1 > t0 ? t1 - 1 : t0)];
    for (size_t t = a->first_token; t < b->first_token + b->token_count && t < doc->tokens.count; t++)
        if ((t < t0 || t >= t1) && is_cue_tok(doc, t)) return 1;
    return 0;
}

/* Chooses quote qi's speaker; notes it in *prev for the next quote. */
static void rank_quote(ng_doc *doc, const ng_speaker_model *m, size_t qi, ng_spk_prev *prev, ng_spk_cand *c)
{
    ng_quote *q = &doc->quotes.items[qi];
    if (q->partial && !q->speaker_mention.len && !sentence_has_cue(doc, q)) return;
    size_t n = ng_speaker_candidates(doc, qi, m->window, prev, c);
    if (!n) return;
    const ng_spk_cand *b = &c[best_of(m, c, n)];
    size_t e = speaker_entity(doc, b);
    if (b->f[T_RULE] != 1) apply(doc, q, b, e);
    else if (b->pronoun && e < doc->entities.count) q->speaker = doc->entities.items[e].name;
    prev->start = b->start;
    prev->end = b->end;
    prev->entity = e;
    prev->paragraph = doc->sentences.items[sent_of(doc, ng_doc_token_at(doc, q->start))].paragraph;
}

/* Quote i and the next are one quotation across a paragraph break whose
 * speaker the rules took from the later part (quotes.c's link_continued):
 * the parts share the mention. */
static int continued(const ng_doc *doc, size_t i)
{
    if (i + 1 >= doc->quotes.count) return 0;
    const ng_quote *a = &doc->quotes.items[i], *b = &doc->quotes.items[i + 1];
    return !a->reported && !b->reported && a->speaker_mention.len && a->speaker_mention.ptr == b->speaker_mention.ptr &&
           b->start >= a->end && b->start - a->end <= 6 && memchr(doc->body + a->end, '\n', b->start - a->end);
}

/* The parts marked in linked keep sharing the later part's speaker. */
static void relink(ng_doc *doc, const unsigned char *linked)
{
    for (size_t i = doc->quotes.count; i-- > 1;)
        if (linked[i - 1]) {
            ng_quote *a = &doc->quotes.items[i - 1];
            const ng_quote *b = &doc->quotes.items[i];
            a->speaker_mention = b->speaker_mention;
            a->speaker = b->speaker;
            a->cue = b->cue;
        }
}

ng_status ng_rank_speakers(ng_doc *doc, const ng_speaker_model *m)
{
    if (!doc || !m || !doc->quotes.count || !doc->sentences.count) return NG_OK;
    ng_spk_cand *c = ng_arena_alloc(&doc->arena, NG_SPK_MAX_CANDS * sizeof *c);
    unsigned char *linked = ng_arena_alloc(&doc->arena, doc->quotes.count);
    doc->cue_kinds = ng_arena_calloc(&doc->arena, doc->words.words.count + 1, 1); /* verbs of saying, memoized */
    if (!c || !linked || !doc->cue_kinds) {
        doc->cue_kinds = NULL;
        return NG_E_NOMEM;
    }
    for (size_t i = 0; i < doc->quotes.count; i++) linked[i] = (unsigned char)continued(doc, i);
    ng_spk_prev prev = {0, 0, SIZE_MAX, 0};
    for (size_t i = 0; i < doc->quotes.count; i++)
        if (!doc->quotes.items[i].reported) rank_quote(doc, m, i, &prev, c);
    relink(doc, linked);
    doc->cue_kinds = NULL;
    return NG_OK;
}
