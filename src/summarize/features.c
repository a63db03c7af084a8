/* features.c - the per-sentence features (see features.h).
 *
 *  0 position          sentence index (capped at 60)
 *  1 rel_position      index / sentence count
 *  2 doc_sentences     sentences in the document (capped at 200)
 *  3 doc_words         words in the document / 100
 *  4 words             words in the sentence
 *  5 is_first          1 for the first sentence
 *  6 paragraph         paragraph index (0 for one-paragraph records)
 *  7 first_of_para     1 when the sentence opens its paragraph
 *  8 centroid_cos      TF-IDF cosine with the document's centroid
 *  9 lead_cos          TF-IDF cosine with the first sentence
 * 10 title_cos         content-word overlap with the headline / its size
 * 11 numbers           number tokens
 * 12 quote_marks       quotation marks
 * 13 starts_quote      1 when it opens with a quotation mark
 * 14 attribution      1 when it holds said/says/told/according/added
 * 15 stop_ratio        function words / words
 * 16 keyword_mass      mean, over its content words, of their count in
 *                      the document (salient words recur)
 * 17 new_words         share of its content words not seen in earlier
 *                      sentences
 * 18 question          1 when it holds a question mark
 * 19 long_rank         index among sentences of 10 words or more
 * 20 starts_conj       1 when it opens with but/and/or/so/yet
 * 21 has_pronoun_start 1 when it opens with he/she/it/they/this/that
 *
 * Document features, for the length of the highlights:
 *  0 doc_words / 100      1 sentences            2 mean sentence words
 *  3 first sentence words 4 dateline names an agency in parentheses
 *  5 byline present       6 has a headline       7 quote marks per sentence
 */
#include "summarize/features.h"

#include <math.h>
#include <string.h>

#include "summarize/methods.h"
#include "text/tokenize.h"

static const char *const names[NG_FEATURE_COUNT] = {
    "position", "rel_position", "doc_sentences", "doc_words", "words", "is_first",
    "paragraph", "first_of_para", "centroid_cos", "lead_cos", "title_cos", "numbers",
    "quote_marks", "starts_quote", "attribution", "stop_ratio", "keyword_mass",
    "new_words", "question", "long_rank", "starts_conj", "has_pronoun_start"};

const char *ng_feature_name(size_t f)
{
    return f < NG_FEATURE_COUNT ? names[f] : "?";
}

/* Word lists with their lengths, so most words are rejected on length. */
typedef struct listed_word {
    const char *w;
    size_t len;
} listed_word;
#define W(s) {s, sizeof s - 1}

static int word_in(const ng_doc *doc, uint32_t id, const listed_word *list, size_t n)
{
    ng_str s = doc->words.words.items[id];
    for (size_t i = 0; i < n; i++) {
        if (s.len != list[i].len || s.ptr[0] != list[i].w[0]) continue;
        size_t k = 1;
        while (k < s.len && s.ptr[k] == list[i].w[k]) k++;
        if (k == s.len) return 1;
    }
    return 0;
}

static const listed_word attribution_words[] = {W("said"), W("says"), W("told"), W("according"), W("added"),
                                                W("say"), W("tells"), W("explained")};
static const listed_word conjunctions[] = {W("but"), W("and"), W("or"), W("so"), W("yet"), W("however")};
static const listed_word pronouns[] = {W("he"), W("she"), W("it"), W("they"), W("this"), W("that"),
                                       W("these"), W("those"), W("his"), W("her"), W("their")};
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

enum { WC_ATTRIBUTION = 1, WC_CONJUNCTION = 2, WC_PRONOUN = 4 };

/* Classifies each distinct word once, so the per-token loop tests bits. */
static void classify_words(const ng_doc *doc, uint8_t *wclass)
{
    for (uint32_t w = 0; w < doc->words.words.count; w++) {
        size_t len = doc->words.words.items[w].len;
        if (len < 2 || len > 9) continue; /* no listed word is longer or shorter */
        wclass[w] = (uint8_t)((word_in(doc, w, attribution_words, COUNT(attribution_words)) ? WC_ATTRIBUTION : 0) |
                              (word_in(doc, w, conjunctions, COUNT(conjunctions)) ? WC_CONJUNCTION : 0) |
                              (word_in(doc, w, pronouns, COUNT(pronouns)) ? WC_PRONOUN : 0));
    }
}

static int is_content(const ng_token *t)
{
    return (t->flags & (NG_TOKEN_WORD | NG_TOKEN_NUMBER)) && !(t->flags & NG_TOKEN_STOP);
}

/* Per-document counts the features need. */
typedef struct doc_stats {
    uint32_t *count;   /* occurrences of each word id in the body */
    uint8_t *seen;     /* word id seen in an earlier sentence */
    uint8_t *in_title; /* word id occurs in the headline */
    uint8_t *wclass;   /* WC_* bits of each word id */
    size_t title_words;
    size_t doc_words;
} doc_stats;

static ng_status stats_init(ng_doc *doc, doc_stats *st)
{
    size_t nw = doc->words.words.count ? doc->words.words.count : 1;
    st->count = ng_arena_calloc(&doc->arena, nw, sizeof *st->count);
    st->seen = ng_arena_calloc(&doc->arena, nw, 1);
    st->in_title = ng_arena_calloc(&doc->arena, nw, 1);
    st->wclass = ng_arena_calloc(&doc->arena, nw, 1);
    if (!st->count || !st->seen || !st->in_title || !st->wclass) return NG_E_NOMEM;
    classify_words(doc, st->wclass);
    st->doc_words = 0;
    for (size_t t = 0; t < doc->tokens.count; t++) {
        const ng_token *tok = &doc->tokens.items[t];
        if (tok->flags & (NG_TOKEN_WORD | NG_TOKEN_NUMBER)) st->doc_words++;
        if (is_content(tok)) st->count[tok->word]++;
    }
    st->title_words = 0;
    ng_str title = doc->fields[NG_FIELD_HEADLINE];
    if (!title.len) return NG_OK;
    ng_token_vec tv = {NULL, 0, 0};
    if (ng_tokenize(&doc->arena, title.ptr, title.len, 0, &tv)) return NG_E_NOMEM;
    for (size_t i = 0; i < tv.count; i++) {
        if (!is_content(&tv.items[i])) continue;
        /* Only words that also occur in the body can match; others are
         * counted in the title size but need no id. */
        st->title_words++;
        uint32_t id = ng_doc_intern(doc, title.ptr + tv.items[i].start, tv.items[i].len);
        if (id == UINT32_MAX) return NG_E_NOMEM;
        if (id < nw) st->in_title[id] = 1;
    }
    return NG_OK;
}

/* Cosine of sentence s with a dense centroid over word ids. */
static double centroid_cosine(const ng_tfidf *t, size_t s, const float *centroid, double cnorm)
{
    if (cnorm <= 0) return 0;
    double dot = 0;
    for (size_t i = 0; i < t->nterms[s]; i++) dot += (double)t->terms[s][i].weight * centroid[t->terms[s][i].word];
    return dot / cnorm;
}

static float *build_centroid(ng_doc *doc, const ng_tfidf *t, double *norm)
{
    size_t nw = doc->words.words.count ? doc->words.words.count : 1;
    float *c = ng_arena_calloc(&doc->arena, nw, sizeof *c);
    if (!c) return NULL;
    for (size_t s = 0; s < t->nsent; s++)
        for (size_t i = 0; i < t->nterms[s]; i++) c[t->terms[s][i].word] += t->terms[s][i].weight;
    double n = 0;
    for (size_t w = 0; w < nw; w++) n += (double)c[w] * c[w];
    *norm = sqrt(n);
    return c;
}

static void sentence_features(ng_doc *doc, size_t s, const ng_tfidf *t, const float *centroid,
                              double cnorm, doc_stats *st, size_t *long_rank, float *f)
{
    size_t n = doc->sentences.count;
    ng_sentence sent = doc->sentences.items[s];
    size_t words = 0, numbers = 0, quotes = 0, stops = 0, content = 0, fresh = 0, title_hits = 0;
    double mass = 0;
    int attribution = 0, question = 0;
    for (size_t k = sent.first_token; k < sent.first_token + sent.token_count; k++) {
        const ng_token *tok = &doc->tokens.items[k];
        if (tok->flags & (NG_TOKEN_WORD | NG_TOKEN_NUMBER)) words++;
        if (tok->flags & NG_TOKEN_NUMBER) numbers++;
        if (tok->flags & NG_TOKEN_QUOTE) quotes++;
        if (tok->flags & NG_TOKEN_STOP) stops++;
        if ((tok->flags & NG_TOKEN_PUNCT) && tok->len == 1 && doc->body[tok->start] == '?') question = 1;
        if (st->wclass[tok->word] & WC_ATTRIBUTION) attribution = 1;
        if (!is_content(tok)) continue;
        content++;
        mass += st->count[tok->word];
        if (!st->seen[tok->word]) fresh++;
        if (st->in_title[tok->word]) title_hits++;
    }
    for (size_t k = sent.first_token; k < sent.first_token + sent.token_count; k++)
        if (is_content(&doc->tokens.items[k])) st->seen[doc->tokens.items[k].word] = 1;
    const ng_token *first = sent.token_count ? &doc->tokens.items[sent.first_token] : NULL;
    const ng_token *first_word = NULL;
    for (size_t k = sent.first_token; k < sent.first_token + sent.token_count && !first_word; k++)
        if (doc->tokens.items[k].flags & NG_TOKEN_WORD) first_word = &doc->tokens.items[k];

    f[0] = (float)(s < 60 ? s : 60);
    f[1] = (float)s / (float)n;
    f[2] = (float)(n < 200 ? n : 200);
    f[3] = (float)st->doc_words / 100.0f;
    f[4] = (float)words;
    f[5] = s == 0;
    f[6] = (float)(sent.paragraph < 60 ? sent.paragraph : 60);
    f[7] = s == 0 || doc->sentences.items[s - 1].paragraph != sent.paragraph;
    f[8] = (float)centroid_cosine(t, s, centroid, cnorm);
    f[9] = s == 0 ? 1.0f : (float)ng_tfidf_cosine(t, s, 0);
    f[10] = st->title_words ? (float)title_hits / (float)st->title_words : 0.0f;
    f[11] = (float)numbers;
    f[12] = (float)quotes;
    f[13] = first && (first->flags & NG_TOKEN_QUOTE);
    f[14] = (float)attribution;
    f[15] = words ? (float)stops / (float)words : 0.0f;
    f[16] = content ? (float)(mass / (double)content) : 0.0f;
    f[17] = content ? (float)fresh / (float)content : 0.0f;
    f[18] = (float)question;
    f[19] = (float)*long_rank;
    if (words >= 10) (*long_rank)++;
    f[20] = first_word && (st->wclass[first_word->word] & WC_CONJUNCTION);
    f[21] = first_word && (st->wclass[first_word->word] & WC_PRONOUN);
}

ng_status ng_features_compute(ng_doc *doc, float *out)
{
    ng_tfidf t;
    doc_stats st;
    double cnorm = 0;
    if (ng_tfidf_build(doc, &t) != NG_OK || stats_init(doc, &st) != NG_OK) return NG_E_NOMEM;
    float *centroid = build_centroid(doc, &t, &cnorm);
    if (!centroid) return NG_E_NOMEM;
    size_t long_rank = 0;
    for (size_t s = 0; s < doc->sentences.count; s++)
        sentence_features(doc, s, &t, centroid, cnorm, &st, &long_rank, out + s * NG_FEATURE_COUNT);
    return NG_OK;
}

static int contains_ci(ng_str s, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= s.len; i++) {
        size_t k = 0;
        while (k < n && (s.ptr[i + k] | 32) == needle[k]) k++;
        if (k == n) return 1;
    }
    return 0;
}

void ng_doc_features_compute(const ng_doc *doc, float *out)
{
    size_t n = doc->sentences.count, words = 0, quotes = 0, first = 0;
    for (size_t t = 0; t < doc->tokens.count; t++) {
        uint32_t fl = doc->tokens.items[t].flags;
        if (fl & (NG_TOKEN_WORD | NG_TOKEN_NUMBER)) words++;
        if (fl & NG_TOKEN_QUOTE) quotes++;
    }
    if (n) {
        ng_sentence s0 = doc->sentences.items[0];
        for (size_t t = s0.first_token; t < s0.first_token + s0.token_count; t++)
            if (doc->tokens.items[t].flags & (NG_TOKEN_WORD | NG_TOKEN_NUMBER)) first++;
    }
    ng_str dl = doc->fields[NG_FIELD_DATELINE];
    out[0] = (float)words / 100.0f;
    out[1] = (float)n;
    out[2] = n ? (float)words / (float)n : 0.0f;
    out[3] = (float)first;
    out[4] = contains_ci(dl, "(");
    out[5] = doc->fields[NG_FIELD_BYLINE].len > 0;
    out[6] = doc->fields[NG_FIELD_HEADLINE].len > 0;
    out[7] = n ? (float)quotes / (float)n : 0.0f;
}

size_t ng_reference_words(ng_doc *doc)
{
    size_t words = 0;
    ng_token_vec tv = {NULL, 0, 0};
    for (size_t r = 0; r < doc->lists[NG_LIST_REFERENCES].count; r++) {
        ng_str ref = doc->lists[NG_LIST_REFERENCES].items[r];
        tv.count = 0;
        if (ng_tokenize(&doc->arena, ref.ptr, ref.len, 0, &tv)) return words;
        for (size_t i = 0; i < tv.count; i++) words += (tv.items[i].flags & (NG_TOKEN_WORD | NG_TOKEN_NUMBER)) != 0;
    }
    return words;
}

uint64_t ng_feature_group_mask(const char *group)
{
    static const struct { const char *name; uint64_t mask; } groups[] = {
        {"position", 1u << 0 | 1u << 1 | 1u << 5 | 1u << 6 | 1u << 7 | 1u << 19},
        {"length", 1u << 2 | 1u << 3 | 1u << 4},
        {"centrality", 1u << 8 | 1u << 9 | 1u << 10 | 1u << 16 | 1u << 17},
        {"content", 1u << 11 | 1u << 12 | 1u << 13 | 1u << 14 | 1u << 15 | 1u << 18 | 1u << 20 | 1u << 21}};
    for (size_t i = 0; i < sizeof groups / sizeof groups[0]; i++)
        if (!strcmp(group, groups[i].name)) return groups[i].mask;
    return 0;
}
