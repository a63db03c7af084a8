/* tags.c - topic tags for a story: its salient entities and its key
 * phrases (one- and two-word runs of lower-case content words that recur,
 * such as "human rights"), ranked together.  A phrase is a noun phrase:
 * no closed-class word (quantifiers, adverbs, prepositions: "many",
 * "even", "around"), and its head used as a noun, not a verb, by the story
 * itself ("the attack", not "they found").  Counting uses one bounded hash
 * table in the document's arena. */
#include <stdlib.h>
#include <string.h>

#include "analyze/analyze.h"
#include "analyze/quotes.h"
#include "text/abbrev.h"

#define PHRASE_SLOTS 4096 /* distinct phrases counted; more are ignored */
#define ENTITY_MIN_SALIENCE 0.2
#define PHRASE_MIN_COUNT 2
#define WORD_MIN_COUNT 4

typedef struct phrase {
    uint64_t key; /* first id + 1 << 32 | second id + 1 (0 for one word); 0: empty */
    size_t count, t0, n;
} phrase;

typedef struct counter {
    phrase *slot;
    size_t used;
} counter;

static void count_phrase(counter *c, uint64_t key, size_t t0, size_t n)
{
    size_t j = (size_t)((key * 0x9E3779B97F4A7C15ull) >> 40) & (PHRASE_SLOTS - 1);
    while (c->slot[j].key && c->slot[j].key != key) j = (j + 1) & (PHRASE_SLOTS - 1);
    if (c->slot[j].key) {
        c->slot[j].count++;
        return;
    }
    if (c->used * 4 >= PHRASE_SLOTS * 3) return; /* full: keep counting only known ones */
    phrase p = {key, 1, t0, n};
    c->slot[j] = p;
    c->used++;
}

/* Words too general to file a story under: common nouns, numbers and
 * ordinals, and frequent verbs and adjectives that are not topics. */
static int is_generic(ng_str w)
{
    static const char *const words[] = {
        "people", "year", "years", "time", "times", "way", "thing", "things", "day", "days",
        "week", "weeks", "month", "months", "lot", "part", "number", "percent", "place", "man",
        "men", "woman", "women", "world", "case", "point", "group", "issue", "issues", "country",
        "countries", "official", "officials", "statement", "news", "story", "report", "one", "two",
        "three", "four", "five", "six", "seven", "eight", "nine", "ten", "first", "second",
        "third", "last", "next", "little", "bit", "know", "think", "want", "going", "get", "got",
        "make", "made", "hard", "good", "great", "new", "old", "big", "small", "long", "right",
        "left", "back", "end", "area", "home", "life", "lives", "family", "show", "round",
        "according", "told", "tell", "says", "said", "say", "see", "seen", "went", "come", "came",
        "take", "took", "look", "looked", "like", "need", "needs", "help", "use", "used", NULL};
    return ng_word_in_list(w.ptr, w.len, words);
}

/* Closed-class words the stopword list leaves out: quantifiers, adverbs,
 * prepositions and conjunctions, and pronoun-like words; never a topic. */
static int is_closed_class(ng_str w)
{
    static const char *const words[] = {
        "even", "many", "much", "around", "past", "well", "still", "already", "never", "ever",
        "always", "often", "almost", "away", "ago", "every", "several", "another", "less", "least",
        "along", "across", "among", "amid", "within", "without", "behind", "beyond", "toward",
        "towards", "despite", "though", "although", "whether", "either", "really", "rather",
        "quite", "perhaps", "maybe", "instead", "enough", "else", "later", "earlier", "soon",
        "together", "anyway", "however", "meanwhile", "nearly", "likely", "unlike", "since",
        "ahead", "abroad", "onto", "inside", "outside", "near", "forward", "alongside", "everything",
        "something", "anything", "nothing", "someone", "everyone", "anyone", "nobody", "everybody",
        "somebody", "whatever", "whenever", "wherever", "throughout", "via", "per", "plus", "thus",
        "hence", "therefore", "otherwise", "besides", "yes", "okay", "sure", "lots", "kind", "sort",
        "etc", "others", "among", "beside", "except", "unless", "upon", "yet", "ever", "far", "less",
        "little", "lot", "less", "fewer", "whole", "certain", "various", "similar", "able", "due",
        "far", "soon", "recently", "yesterday", "today", "tomorrow", "tonight", "now", "here",
        "there", "thing", "things", "way", "ways", "lot", "really", "actually", "simply", NULL};
    return ng_word_in_list(w.ptr, w.len, words);
}

/* Irregular past forms and participles ("held", "given", "found"): verbs,
 * never a topic's head ("elections held"). */
static int is_irregular_verb_form(ng_str w)
{
    static const char *const words[] = {
        "held", "given", "taken", "told", "known", "shown", "seen", "done", "gone", "become",
        "begun", "kept", "brought", "bought", "thought", "sent", "spent", "built", "lost", "won",
        "paid", "led", "met", "felt", "heard", "meant", "stood", "understood", "sold", "sought",
        "caught", "taught", "fought", "written", "driven", "chosen", "spoken", "broken", "stolen",
        "forgotten", "hidden", "beaten", "eaten", "fallen", "grown", "thrown", "drawn", "flown",
        "struck", "began", "took", "gave", "came", "went", "saw", "knew", "grew", "threw", "drew",
        "flew", "wrote", "drove", "chose", "spoke", "broke", "stole", "forgot", "ate", "fell",
        "found", "made", "said", "got", "gotten", "left", "seems", "seemed", NULL};
    return ng_word_in_list(w.ptr, w.len, words);
}

/* How the story uses each word: per word id, how often it follows a
 * determiner, possessive, quantifier or preposition or precedes "of" (a
 * noun or an adjective), how often it does so and ends its phrase ("the
 * attack.", "the attack on": a noun, not "the digital camera"), and how
 * often it follows a pronoun subject or an auxiliary, or precedes a
 * determiner (a verb: "they found the"). */
typedef struct usage {
    uint8_t *noun, *head, *verb;
    size_t n;
} usage;

static int is_determiner(ng_str w)
{
    static const char *const words[] = {"the", "a", "an", "this", "these", "those", "his", "her",
                                        "its", "their", "our", "my", "your", NULL};
    return ng_word_in_list(w.ptr, w.len, words);
}

/* Words a noun follows more often than a verb: possessives, quantifiers
 * and prepositions. */
static int is_noun_opener(ng_str w)
{
    static const char *const words[] = {"'s", "of", "in", "for", "on", "with", "from", "by", "about",
                                        "against", "after", "during", "over", "into", "at", "some",
                                        "any", "no", "more", "most", "few", "all", "both", "each",
                                        "other", "such", "many", "several", NULL};
    return is_determiner(w) || ng_word_in_list(w.ptr, w.len, words);
}

static int is_verb_opener(ng_str w)
{
    static const char *const words[] = {"he", "she", "they", "we", "i", "you", "it", "who",
                                        "will", "would", "can", "could", "should", "might",
                                        "must", "did", "does", "do", "not", "n't", "cannot",
                                        "'ll", "'d", "never", "also", NULL};
    return ng_word_in_list(w.ptr, w.len, words);
}

/* A form of "be" or "have": before a word in -ed, a verb ("was
 * released", "has avoided"). */
static int is_auxiliary(ng_str w)
{
    static const char *const words[] = {"has", "have", "had", "was", "were", "been", "be", "is",
                                        "are", "being", NULL};
    return ng_word_in_list(w.ptr, w.len, words);
}

static int ends_ed(ng_str w)
{
    return w.len > 4 && !memcmp(w.ptr + w.len - 2, "ed", 2);
}

static void bump(uint8_t *c)
{
    if (*c < 255) (*c)++;
}

/* Fills u for every word of the document.  0 when out of memory. */
static int count_usage(ng_doc *doc, usage *u)
{
    size_t nw = doc->words.words.count, n = doc->tokens.count;
    u->n = nw;
    u->noun = ng_arena_calloc(&doc->arena, nw ? nw : 1, 1);
    u->verb = ng_arena_calloc(&doc->arena, nw ? nw : 1, 1);
    u->head = ng_arena_calloc(&doc->arena, nw ? nw : 1, 1);
    if (!u->noun || !u->verb || !u->head) return 0;
    for (size_t t = 1; t < n; t++) {
        const ng_token *a = &doc->tokens.items[t - 1], *b = &doc->tokens.items[t];
        if (!(a->flags & NG_TOKEN_WORD) || !(b->flags & NG_TOKEN_WORD)) continue;
        ng_str wa = ng_doc_word(doc, a->word), wb = ng_doc_word(doc, b->word);
        /* a phrase ends at anything but a lower-case content word */
        const ng_token *c = t + 1 < n ? &doc->tokens.items[t + 1] : NULL;
        int ends = !c || (c->flags & (NG_TOKEN_WORD | NG_TOKEN_STOP | NG_TOKEN_CAPITAL)) != NG_TOKEN_WORD;
        if (b->word < nw && is_noun_opener(wa)) bump(&u->noun[b->word]);
        if (b->word < nw && is_noun_opener(wa) && ends) bump(&u->head[b->word]);
        if (b->word < nw && (is_verb_opener(wa) || (is_auxiliary(wa) && ends_ed(wb)))) bump(&u->verb[b->word]);
        if (a->word < nw && wb.len == 2 && !memcmp(wb.ptr, "of", 2)) {
            bump(&u->noun[a->word]);
            bump(&u->head[a->word]);
        }
        if (a->word < nw && is_determiner(wb) && !is_verb_opener(wa)) bump(&u->verb[a->word]);
    }
    return 1;
}

/* The story uses word id as a verb more than as a noun. */
static int used_as_verb(const usage *u, uint32_t id)
{
    return id < u->n && u->verb[id] > u->noun[id];
}

/* The story uses word id as the head of a noun phrase at least once (or,
 * for a plural, which no adjective is, after a determiner) and more than
 * as a verb: a word that may stand alone as a topic. */
static int used_as_noun(const usage *u, ng_str w, uint32_t id)
{
    if (id >= u->n) return 0;
    uint8_t n = w.len > 3 && w.ptr[w.len - 1] == 's' && w.ptr[w.len - 2] != 's' ? u->noun[id] : u->head[id];
    return n > 0 && n > u->verb[id];
}

/* A word in -ed or -ing opens a two-word phrase only when the story uses
 * it after a determiner ("the armed forces"), not as a verb ("avoided
 * defeat"). */
static int used_as_modifier(const usage *u, ng_str w, uint32_t id)
{
    int participle = (w.len > 4 && !memcmp(w.ptr + w.len - 2, "ed", 2)) ||
                     (w.len > 5 && !memcmp(w.ptr + w.len - 3, "ing", 3));
    return !participle || (id < u->n && u->noun[id] > 0);
}

/* Ends like a verb form or an adverb ("posted", "carving", "quickly"). */
static int verb_like(ng_str w)
{
    if (w.len > 4 && !memcmp(w.ptr + w.len - 2, "ed", 2)) return 1;
    if (w.len > 5 && !memcmp(w.ptr + w.len - 3, "ing", 3)) return 1;
    return w.len > 4 && !memcmp(w.ptr + w.len - 2, "ly", 2);
}

/* A token that may be part of a key phrase: a lower-case content word of
 * three or more letters, not a verb of saying or a general word, outside
 * every entity. */
static int phrase_word(const ng_doc *doc, size_t t, const uint8_t *in_entity)
{
    const ng_token *tk = &doc->tokens.items[t];
    if ((tk->flags & (NG_TOKEN_WORD | NG_TOKEN_STOP | NG_TOKEN_CAPITAL)) != NG_TOKEN_WORD) return 0;
    if (in_entity[t] || tk->len < 3) return 0;
    ng_str w = ng_doc_word(doc, tk->word);
    return !ng_quote_is_cue_word(w.ptr, w.len) && !is_generic(w) && !is_closed_class(w) &&
           !is_irregular_verb_form(w) &&
           !(w.len > 4 && !memcmp(w.ptr + w.len - 2, "ly", 2));
}

static uint8_t *entity_token_mask(ng_doc *doc)
{
    size_t n = doc->tokens.count;
    uint8_t *mask = ng_arena_calloc(&doc->arena, n ? n : 1, 1);
    if (!mask) return NULL;
    size_t t = 0;
    for (size_t i = 0; i < doc->mentions.count; i++) {
        const ng_mention *m = &doc->mentions.items[i];
        while (t < n && doc->tokens.items[t].start < m->start) t++;
        for (size_t u = t; u < n && doc->tokens.items[u].start < m->end; u++) mask[u] = 1;
    }
    return mask;
}

/* Marks each token that may be part of a key phrase (phrase_word()),
 * deciding each distinct word once.  NULL when out of memory. */
static uint8_t *phrase_word_mask(ng_doc *doc, const uint8_t *in_entity)
{
    size_t n = doc->tokens.count, nw = doc->words.words.count;
    uint8_t *ok = ng_arena_calloc(&doc->arena, n ? n : 1, 1);
    uint8_t *seen = ng_arena_calloc(&doc->arena, nw ? nw : 1, 1); /* 0 unknown, 1 no, 2 yes */
    if (!ok || !seen) return NULL;
    for (size_t t = 0; t < n; t++) {
        const ng_token *tk = &doc->tokens.items[t];
        if ((tk->flags & (NG_TOKEN_WORD | NG_TOKEN_STOP | NG_TOKEN_CAPITAL)) != NG_TOKEN_WORD) continue;
        if (in_entity[t] || tk->len < 3) continue;
        if (tk->word >= nw) {
            ok[t] = (uint8_t)phrase_word(doc, t, in_entity);
            continue;
        }
        if (!seen[tk->word]) seen[tk->word] = phrase_word(doc, t, in_entity) ? 2 : 1;
        ok[t] = seen[tk->word] == 2;
    }
    return ok;
}

static ng_status count_phrases(ng_doc *doc, counter *c)
{
    uint8_t *in_entity = entity_token_mask(doc);
    c->slot = ng_arena_calloc(&doc->arena, PHRASE_SLOTS, sizeof *c->slot);
    if (!in_entity || !c->slot) return NG_E_NOMEM;
    uint8_t *ok = phrase_word_mask(doc, in_entity);
    usage u;
    if (!ok || !count_usage(doc, &u)) return NG_E_NOMEM;
    for (size_t s = 0; s < doc->sentences.count; s++) {
        const ng_sentence *se = &doc->sentences.items[s];
        size_t end = se->first_token + se->token_count;
        for (size_t t = se->first_token; t < end; t++) {
            if (!ok[t]) continue;
            uint32_t w = doc->tokens.items[t].word;
            if (used_as_verb(&u, w)) continue;
            uint64_t a = (uint64_t)w + 1;
            /* a word alone is a noun the story uses as one */
            if (!verb_like(ng_doc_word(doc, w)) && used_as_noun(&u, ng_doc_word(doc, w), w)) count_phrase(c, a << 32, t, 1);
            /* a two-word phrase ends in a noun-like word */
            uint32_t w2 = t + 1 < end ? doc->tokens.items[t + 1].word : 0;
            if (t + 1 < end && ok[t + 1] && !verb_like(ng_doc_word(doc, w2)) && !used_as_verb(&u, w2) &&
                used_as_modifier(&u, ng_doc_word(doc, w), w))
                count_phrase(c, a << 32 | ((uint64_t)w2 + 1), t, 2);
        }
    }
    return NG_OK;
}

static double phrase_score(const phrase *p)
{
    if (!p->key) return 0;
    size_t min = p->n == 2 ? PHRASE_MIN_COUNT : WORD_MIN_COUNT;
    if (p->count < min) return 0;
    double s = (double)p->count * (p->n == 2 ? 2.0 : 1.0) / 10.0;
    return 0.8 * (s < 1 ? s : 1);
}

static ng_str phrase_text(const ng_doc *doc, const phrase *p)
{
    const ng_token *a = &doc->tokens.items[p->t0], *b = &doc->tokens.items[p->t0 + p->n - 1];
    ng_str s = {doc->body + a->start, b->start + b->len - a->start};
    return s;
}

/* One word of a two-word phrase that scores at least as well. */
static int inside_better(const counter *c, const phrase *p, double score)
{
    if (p->n != 1) return 0;
    uint32_t id = (uint32_t)(p->key >> 32);
    for (size_t j = 0; j < PHRASE_SLOTS; j++) {
        const phrase *q = &c->slot[j];
        if (q->n == 2 && ((uint32_t)(q->key >> 32) == id || (uint32_t)q->key == id) &&
            phrase_score(q) >= score * 0.5)
            return 1;
    }
    return 0;
}

static int same_text(ng_str a, ng_str b)
{
    if (a.len != b.len) return 0;
    for (size_t i = 0; i < a.len; i++) {
        char x = a.ptr[i], y = b.ptr[i];
        if (x >= 'A' && x <= 'Z') x = (char)(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z') y = (char)(y - 'A' + 'a');
        if (x != y) return 0;
    }
    return 1;
}

/* The same topic: equal but for case, or but for a plural "s" ("oil field",
 * "oil fields"). */
static int same_topic(ng_str a, ng_str b)
{
    if (a.len == b.len + 1 && a.ptr[b.len] == 's') a.len--;
    if (b.len == a.len + 1 && b.ptr[a.len] == 's') b.len--;
    return same_text(a, b);
}

/* Inserts t into the ranked list of at most max tags (the same topic twice
 * keeps the better score). */
static void offer(ng_tag *list, size_t *n, size_t max, ng_tag t)
{
    if (t.score <= 0 || !t.text.len) return;
    for (size_t i = 0; i < *n; i++) {
        if (!same_topic(list[i].text, t.text)) continue;
        if (list[i].score >= t.score) return;
        memmove(list + i, list + i + 1, (*n - i - 1) * sizeof *list);
        (*n)--;
        break;
    }
    size_t at = *n;
    while (at > 0 && list[at - 1].score < t.score) at--;
    if (at >= max) return;
    if (*n == max) (*n)--;
    memmove(list + at + 1, list + at, (*n - at) * sizeof *list);
    list[at] = t;
    (*n)++;
}

ng_status ng_find_tags(ng_doc *doc, size_t max, ng_error *err)
{
    counter c = {0};
    doc->tags.count = 0;
    if (!max) return NG_OK;
    if (count_phrases(doc, &c) || ng_vec_reserve(&doc->arena, &doc->tags, max + 1))
        return ng_fail(err, NG_E_NOMEM, 0, "analyze: out of memory ranking tags");
    ng_tag *list = doc->tags.items;
    size_t n = 0;
    for (size_t i = 0; i < doc->entities.count; i++) {
        const ng_entity *e = &doc->entities.items[i];
        int lone_misc = e->type == NG_ENTITY_MISC && !memchr(e->name.ptr, ' ', e->name.len);
        if (e->salience < ENTITY_MIN_SALIENCE || lone_misc || e->mentions < 2) continue;
        ng_tag t = {e->name, e->salience, (int)i};
        offer(list, &n, max, t);
    }
    for (size_t j = 0; j < PHRASE_SLOTS; j++) {
        const phrase *p = &c.slot[j];
        double s = phrase_score(p);
        if (s <= 0 || inside_better(&c, p, s)) continue;
        ng_tag t = {phrase_text(doc, p), s, -1};
        offer(list, &n, max, t);
    }
    doc->tags.count = n;
    return NG_OK;
}
