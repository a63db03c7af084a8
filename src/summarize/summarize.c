/* summarize.c - ng_summarize: scores sentences with the chosen method, then
 * selects the best within the plan (how many, how many words, how much
 * overlap is allowed), keeps them in article order, trims them, and names
 * the person a first bullet's opening pronoun refers to (ng_names). */
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "summarize/learned.h"
#include "summarize/methods.h"
#include "summarize/trim.h"
#include "summarize/units.h"

#define NG_REDUNDANCY_MAX 0.5 /* cosine above which a candidate is a repeat */

size_t ng_sentence_words(const ng_doc *doc, size_t i)
{
    ng_sentence s = doc->sentences.items[i];
    size_t words = 0;
    for (size_t t = s.first_token; t < s.first_token + s.token_count; t++)
        if (doc->tokens.items[t].flags & (NG_TOKEN_WORD | NG_TOKEN_NUMBER)) words++;
    return words;
}

typedef struct ranked {
    size_t index;
    double score;
} ranked;

static int by_score_desc(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    if (x->score != y->score) return x->score < y->score ? 1 : -1;
    return (x->index > y->index) - (x->index < y->index); /* earlier first on ties */
}

static int by_index(const void *a, const void *b)
{
    size_t x = ((const ng_highlight *)a)->sentence, y = ((const ng_highlight *)b)->sentence;
    return (x > y) - (x < y);
}

/* Word ids of the content of sentence s, for trigram blocking. */
static int shares_trigram(const ng_doc *doc, size_t a, size_t b)
{
    ng_sentence x = doc->sentences.items[a], y = doc->sentences.items[b];
    const ng_token *tx = doc->tokens.items + x.first_token, *ty = doc->tokens.items + y.first_token;
    for (size_t i = 0; i + 2 < x.token_count; i++)
        for (size_t j = 0; j + 2 < y.token_count; j++)
            if (tx[i].word == ty[j].word && tx[i + 1].word == ty[j + 1].word && tx[i + 2].word == ty[j + 2].word &&
                (tx[i].flags & (NG_TOKEN_WORD | NG_TOKEN_NUMBER)))
                return 1;
    return 0;
}

static int is_redundant(const ng_doc *doc, const ng_plan *plan, const ng_tfidf *t, size_t cand)
{
    for (size_t h = 0; h < doc->highlights.count; h++) {
        size_t s = doc->highlights.items[h].sentence;
        if (plan->trigram_block && shares_trigram(doc, cand, s)) return 1;
        if (t->terms && ng_tfidf_cosine(t, cand, s) > NG_REDUNDANCY_MAX) return 1;
    }
    return 0;
}

/* Stops adding when the plan's count is reached, or past min_k when the
 * score falls under the threshold. */
static int plan_done(const ng_plan *plan, size_t chosen, double score)
{
    if (chosen >= (size_t)plan->max_k) return 1;
    return chosen >= (size_t)plan->min_k && plan->use_threshold && score < plan->threshold;
}

/* Whether a chosen highlight comes before sentence i. */
static int chosen_before(const ng_doc *doc, size_t i)
{
    for (size_t h = 0; h < doc->highlights.count; h++)
        if (doc->highlights.items[h].sentence < i) return 1;
    return 0;
}

/* Under plan->units: sentence i stands alone, and if it opens on a
 * personal pronoun a chosen sentence comes before it to name who, or,
 * under plan->names, the analysis names the person it refers to.  Sets
 * *pronoun when it fails only for want of a name. */
static int is_unit(const ng_doc *doc, const ng_plan *plan, const uint32_t *genders, size_t i, int caseless,
                   int *pronoun)
{
    if (!ng_sentence_stands_alone(doc, i, caseless)) return 0;
    if (!ng_sentence_opens_on_pronoun(doc, i, caseless) || chosen_before(doc, i)) return 1;
    if (plan->names && ng_sentence_pronoun_referent(doc, i, caseless, genders, NULL) != SIZE_MAX) return 1;
    *pronoun = 1;
    return 0;
}

/* ng_select, with the analysis' pronoun genders (ng_pronoun_genders(), or
 * NULL) for plan->names; *pronoun_skipped (when not NULL) tells whether a
 * sentence was passed over only because it opens on a pronoun nothing
 * names. */
static ng_status select_sentences(ng_doc *doc, const double *scores, const ng_tfidf *t, const ng_plan *plan,
                                  const uint32_t *genders, int *pronoun_skipped)
{
    int caseless = plan->units ? ng_doc_caseless(doc) : 0, skipped = 0;
    size_t n = doc->sentences.count;
    ranked *order = ng_arena_alloc(&doc->arena, n * sizeof *order);
    if (!order) return NG_E_NOMEM;
    for (size_t i = 0; i < n; i++) order[i] = (ranked){i, scores[i]};
    qsort(order, n, sizeof *order, by_score_desc);
    size_t words = 0;
    doc->highlights.count = 0;
    for (size_t r = 0; r < n && !plan_done(plan, doc->highlights.count, order[r].score); r++) {
        size_t i = order[r].index;
        size_t w = ng_sentence_words(doc, i);
        if (plan->max_words > 0 && doc->highlights.count) {
            /* A learned budget is soft: stop once it is reached, the last
             * sentence may run over.  The caller's --words is a hard cap. */
            if (plan->budget_alpha > 0 && words >= (size_t)plan->max_words) break;
            if (plan->budget_alpha <= 0 && words + w > (size_t)plan->max_words) continue;
        }
        if (plan->units && !is_unit(doc, plan, genders, i, caseless, &skipped)) continue;
        if (is_redundant(doc, plan, t, i)) continue;
        ng_highlight h = {i, order[r].score, {NULL, 0}};
        if (ng_vec_push(&doc->arena, &doc->highlights, h)) return NG_E_NOMEM;
        words += w;
    }
    if (pronoun_skipped) *pronoun_skipped = skipped;
    if (plan->units && doc->highlights.count == 0) { /* nothing stands alone: take what there is */
        ng_plan any = *plan;
        any.units = 0;
        return select_sentences(doc, scores, t, &any, genders, NULL);
    }
    qsort(doc->highlights.items, doc->highlights.count, sizeof(ng_highlight), by_index);
    return NG_OK;
}

ng_status ng_select(ng_doc *doc, const double *scores, const ng_tfidf *t, const ng_plan *plan)
{
    return select_sentences(doc, scores, t, plan, NULL, NULL);
}

static int word_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || (unsigned char)c >= 0x80;
}

/* Where the word w (n bytes) first stands alone in text, ignoring case;
 * SIZE_MAX when nowhere. */
static size_t find_word(ng_str text, const char *w, size_t n)
{
    for (size_t i = 0; i + n <= text.len; i++) {
        if (i && word_char(text.ptr[i - 1])) continue;
        if (strncasecmp(text.ptr + i, w, n)) continue;
        if (i + n < text.len && word_char(text.ptr[i + n])) continue;
        return i;
    }
    return SIZE_MAX;
}

/* A first bullet that opens on a pronoun the analysis resolved gets the
 * person's name in its place: "He" -> "Michael Posner", "Her book" ->
 * "Ann Smith's book".  Leaves any other bullet as it is. */
static ng_status name_pronoun(ng_doc *doc, ng_highlight *h, int caseless, const uint32_t *genders)
{
    size_t tok;
    size_t e = ng_sentence_pronoun_referent(doc, h->sentence, caseless, genders, &tok);
    if (e == SIZE_MAX) return NG_OK;
    const ng_token *tk = &doc->tokens.items[tok];
    const char *w = doc->body + tk->start;
    size_t at = find_word(h->text, w, tk->len);
    if (at == SIZE_MAX) return NG_OK;
    int possessive = tk->len == 3 && (!strncasecmp(w, "his", 3) || !strncasecmp(w, "her", 3));
    ng_str name = doc->entities.items[e].name;
    size_t len = h->text.len - tk->len + name.len + (possessive ? 2 : 0);
    char *buf = ng_arena_alloc(&doc->arena, len + 1);
    if (!buf) return NG_E_NOMEM;
    size_t o = 0;
    memcpy(buf, h->text.ptr, at);
    o += at;
    memcpy(buf + o, name.ptr, name.len);
    o += name.len;
    if (possessive) {
        memcpy(buf + o, "'s", 2);
        o += 2;
    }
    memcpy(buf + o, h->text.ptr + at + tk->len, h->text.len - at - tk->len);
    o += h->text.len - at - tk->len;
    buf[o] = '\0';
    h->text = (ng_str){buf, o};
    return NG_OK;
}

/* The longest body NG_NAMES_ANALYZE analyses: six times the longest CNN
 * dev story (10.7 KB).  The analysis costs several summaries (1.1 MB of
 * "He said ..." sentences: 0.9 s to analyse, 0.3 s to summarize), and a
 * summary of a long page must stay cheap. */
#define NAMES_ANALYZE_MAX_BYTES 65536

/* Under NG_NAMES_ANALYZE: whether a sentence passed over for its pronoun
 * could be named were the document analysed. */
static int wants_analysis(const ng_doc *doc, const ng_summary_options *o, const ng_plan *plan, int skipped)
{
    return skipped && plan->names && o->names == NG_NAMES_ANALYZE && !doc->entities_analyzed &&
           doc->body_len <= NAMES_ANALYZE_MAX_BYTES;
}

/* The plan from the options alone: exactly k (default 3), the word budget. */
static ng_plan plan_from_options(const ng_summary_options *o)
{
    ng_plan p;
    memset(&p, 0, sizeof p);
    p.min_k = p.max_k = o->k ? o->k : 3;
    p.max_words = o->max_words;
    return p;
}

/* NG_METHOD_DEFAULT made concrete: learned with the default trimming rules (unless
 * some rules were given) when a model is built in, lead otherwise. */
static void resolve_default_method(ng_summary_options *o)
{
    if (o->method != NG_METHOD_DEFAULT) return;
    if (o->model || ng_model_default()) {
        o->method = NG_METHOD_LEARNED;
        if (!o->trim) o->trim = NG_TRIM_DEFAULT;
    } else {
        o->method = NG_METHOD_LEAD;
    }
}

void ng_summary_options_init(ng_summary_options *opts)
{
    if (!opts) return;
    memset(opts, 0, sizeof *opts);
    resolve_default_method(opts);
}

ng_status ng_summarize(ng_doc *doc, const ng_summary_options *opts, ng_error *err)
{
    if (!doc) return ng_fail(err, NG_E_ARG, 0, "no document");
    ng_summary_options o;
    memset(&o, 0, sizeof o);
    if (opts) o = *opts;
    resolve_default_method(&o);
    if (o.k < 0 || o.max_words < 0) return ng_fail(err, NG_E_ARG, 0, "k and the word budget must be positive");
    if ((unsigned)o.names > NG_NAMES_OFF) return ng_fail(err, NG_E_ARG, 0, "unknown names setting %d", (int)o.names);
    doc->highlights.count = 0;
    size_t n = doc->sentences.count;
    if (n == 0) return ng_fail(err, NG_E_EMPTY, 0, "the article has no sentences");
    double *scores = ng_arena_alloc(&doc->arena, n * sizeof *scores);
    if (!scores) return ng_fail(err, NG_E_NOMEM, 0, "out of memory");
    ng_tfidf tfidf;
    memset(&tfidf, 0, sizeof tfidf);
    ng_plan plan = plan_from_options(&o);
    ng_status st;
    switch (o.method) {
    case NG_METHOD_LEAD: st = ng_score_lead(doc, scores); break;
    case NG_METHOD_TEXTRANK:
        st = ng_score_textrank(doc, scores, &tfidf);
        plan.units = 1;
        break;
    case NG_METHOD_LEARNED: {
        const ng_model *m = o.model ? o.model : ng_model_default();
        if (!m) return ng_fail(err, NG_E_MODEL, 0, "no model: this library was built without one; pass a model file");
        st = ng_score_learned(doc, m, scores);
        ng_plan_from_model(m, &o, doc, &plan);
        break;
    }
    default: return ng_fail(err, NG_E_ARG, 0, "unknown method %d", (int)o.method);
    }
    plan.names = plan.units && o.names != NG_NAMES_OFF;
    int skipped = 0;
    const uint32_t *genders = NULL;
    if (st == NG_OK && plan.names && doc->entities_analyzed && !(genders = ng_pronoun_genders(doc))) st = NG_E_NOMEM;
    if (st == NG_OK) st = select_sentences(doc, scores, &tfidf, &plan, genders, &skipped);
    if (st == NG_OK && wants_analysis(doc, &o, &plan, skipped)) {
        st = ng_analyze(doc, NULL, err);
        if (st != NG_OK) return st;
        if (!(genders = ng_pronoun_genders(doc))) st = NG_E_NOMEM;
        if (st == NG_OK) st = select_sentences(doc, scores, &tfidf, &plan, genders, NULL);
    }
    for (size_t i = 0; st == NG_OK && i < doc->highlights.count; i++)
        st = ng_trim_highlight(doc, &doc->highlights.items[i], o.trim);
    if (st == NG_OK && plan.names && doc->highlights.count)
        st = name_pronoun(doc, &doc->highlights.items[0], ng_doc_caseless(doc), genders);
    if (st != NG_OK) return ng_fail(err, st, 0, "out of memory summarizing");
    return NG_OK;
}
