/* tags.c - topic tags for a story: its salient entities and its key
 * phrases (one- and two-word runs of lower-case content words that recur,
 * such as "human rights"), ranked together.  A phrase is a noun phrase:
 * no closed-class word (quantifiers, adverbs, prepositions: "many",
 * "even", "around"), and its head used as a noun, not a verb, by the story
 * itself ("the attack", not "they found" or "to pay"); a word alone is no
 * adjective the story puts before other words ("black Americans").  Counting uses one bounded hash
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

/* Word classes the tags need, one table sorted by bytes for a binary
 * search (ng_tag_words_sorted() checks the order):
 * T_GENERIC   too general to file a story under: common nouns, numbers
 *             and ordinals, frequent verbs and adjectives;
 * T_CLOSED    closed-class words the stopword list leaves out:
 *             quantifiers, adverbs, prepositions, conjunctions,
 *             pronoun-like words;
 * T_IRREGULAR irregular past forms and participles ("held", "found"):
 *             verbs, never a topic's head ("elections held");
 * T_DET       determiners and possessives;
 * T_NOUN_OPENER words a noun follows more often than a verb:
 *             determiners, possessives, quantifiers, prepositions;
 * T_VERB_OPENER pronoun subjects, modals and negations: a verb follows;
 * T_AUX       forms of "be" and "have": before a word in -ed, a verb
 *             ("was released"). */
enum {
    T_GENERIC = 1,
    T_CLOSED = 2,
    T_IRREGULAR = 4,
    T_DET = 8,
    T_NOUN_OPENER = 16,
    T_VERB_OPENER = 32,
    T_AUX = 64
};

typedef struct tag_word {
    const char *word;
    uint8_t classes;
} tag_word;

static const tag_word TAG_WORDS[] = {
    {"'d", T_VERB_OPENER}, {"'ll", T_VERB_OPENER}, {"'s", T_NOUN_OPENER},
    {"a", T_DET | T_NOUN_OPENER}, {"able", T_CLOSED}, {"about", T_NOUN_OPENER},
    {"abroad", T_CLOSED}, {"according", T_GENERIC}, {"across", T_CLOSED}, {"actually", T_CLOSED},
    {"after", T_NOUN_OPENER}, {"against", T_NOUN_OPENER}, {"ago", T_CLOSED}, {"ahead", T_CLOSED},
    {"all", T_NOUN_OPENER}, {"almost", T_CLOSED}, {"along", T_CLOSED}, {"alongside", T_CLOSED},
    {"already", T_CLOSED}, {"also", T_VERB_OPENER}, {"although", T_CLOSED}, {"always", T_CLOSED},
    {"amid", T_CLOSED}, {"among", T_CLOSED}, {"an", T_DET | T_NOUN_OPENER}, {"another", T_CLOSED},
    {"any", T_NOUN_OPENER}, {"anyone", T_CLOSED}, {"anything", T_CLOSED}, {"anyway", T_CLOSED},
    {"are", T_AUX}, {"area", T_GENERIC}, {"around", T_CLOSED}, {"at", T_NOUN_OPENER},
    {"ate", T_IRREGULAR}, {"away", T_CLOSED}, {"back", T_GENERIC}, {"be", T_AUX},
    {"beaten", T_IRREGULAR}, {"become", T_IRREGULAR}, {"been", T_AUX}, {"began", T_IRREGULAR},
    {"begun", T_IRREGULAR}, {"behind", T_CLOSED}, {"being", T_AUX}, {"beside", T_CLOSED},
    {"besides", T_CLOSED}, {"beyond", T_CLOSED}, {"big", T_GENERIC}, {"bit", T_GENERIC},
    {"both", T_NOUN_OPENER}, {"bought", T_IRREGULAR}, {"broke", T_IRREGULAR},
    {"broken", T_IRREGULAR}, {"brought", T_IRREGULAR}, {"built", T_IRREGULAR},
    {"by", T_NOUN_OPENER}, {"came", T_GENERIC | T_IRREGULAR}, {"can", T_VERB_OPENER},
    {"cannot", T_VERB_OPENER}, {"case", T_GENERIC}, {"caught", T_IRREGULAR}, {"certain", T_CLOSED},
    {"chose", T_IRREGULAR}, {"chosen", T_IRREGULAR}, {"come", T_GENERIC}, {"could", T_VERB_OPENER},
    {"countries", T_GENERIC}, {"country", T_GENERIC}, {"day", T_GENERIC}, {"days", T_GENERIC},
    {"despite", T_CLOSED}, {"did", T_VERB_OPENER}, {"do", T_VERB_OPENER}, {"does", T_VERB_OPENER},
    {"done", T_IRREGULAR}, {"drawn", T_IRREGULAR}, {"drew", T_IRREGULAR}, {"driven", T_IRREGULAR},
    {"drove", T_IRREGULAR}, {"due", T_CLOSED}, {"during", T_NOUN_OPENER}, {"each", T_NOUN_OPENER},
    {"earlier", T_CLOSED}, {"eaten", T_IRREGULAR}, {"eight", T_GENERIC}, {"either", T_CLOSED},
    {"else", T_CLOSED}, {"end", T_GENERIC}, {"enough", T_CLOSED}, {"etc", T_CLOSED},
    {"even", T_CLOSED}, {"ever", T_CLOSED}, {"every", T_CLOSED}, {"everybody", T_CLOSED},
    {"everyone", T_CLOSED}, {"everything", T_CLOSED}, {"except", T_CLOSED}, {"fallen", T_IRREGULAR},
    {"family", T_GENERIC}, {"far", T_CLOSED}, {"fell", T_IRREGULAR}, {"felt", T_IRREGULAR},
    {"few", T_NOUN_OPENER}, {"fewer", T_CLOSED}, {"first", T_GENERIC}, {"five", T_GENERIC},
    {"flew", T_IRREGULAR}, {"flown", T_IRREGULAR}, {"for", T_NOUN_OPENER}, {"forgot", T_IRREGULAR},
    {"forgotten", T_IRREGULAR}, {"forward", T_CLOSED}, {"fought", T_IRREGULAR},
    {"found", T_IRREGULAR}, {"four", T_GENERIC}, {"from", T_NOUN_OPENER}, {"gave", T_IRREGULAR},
    {"get", T_GENERIC}, {"given", T_IRREGULAR}, {"going", T_GENERIC}, {"gone", T_IRREGULAR},
    {"good", T_GENERIC}, {"got", T_GENERIC | T_IRREGULAR}, {"gotten", T_IRREGULAR},
    {"great", T_GENERIC}, {"grew", T_IRREGULAR}, {"group", T_GENERIC}, {"grown", T_IRREGULAR},
    {"had", T_AUX}, {"hard", T_GENERIC}, {"has", T_AUX}, {"have", T_AUX}, {"he", T_VERB_OPENER},
    {"heard", T_IRREGULAR}, {"held", T_IRREGULAR}, {"help", T_GENERIC}, {"hence", T_CLOSED},
    {"her", T_DET | T_NOUN_OPENER}, {"here", T_CLOSED}, {"hidden", T_IRREGULAR},
    {"his", T_DET | T_NOUN_OPENER}, {"home", T_GENERIC}, {"however", T_CLOSED},
    {"i", T_VERB_OPENER}, {"in", T_NOUN_OPENER}, {"inside", T_CLOSED}, {"instead", T_CLOSED},
    {"into", T_NOUN_OPENER}, {"is", T_AUX}, {"issue", T_GENERIC}, {"issues", T_GENERIC},
    {"it", T_VERB_OPENER}, {"its", T_DET | T_NOUN_OPENER}, {"kept", T_IRREGULAR},
    {"kind", T_CLOSED}, {"knew", T_IRREGULAR}, {"know", T_GENERIC}, {"known", T_IRREGULAR},
    {"last", T_GENERIC}, {"later", T_CLOSED}, {"least", T_CLOSED}, {"led", T_IRREGULAR},
    {"left", T_GENERIC | T_IRREGULAR}, {"less", T_CLOSED}, {"life", T_GENERIC}, {"like", T_GENERIC},
    {"likely", T_CLOSED}, {"little", T_CLOSED | T_GENERIC}, {"lives", T_GENERIC},
    {"long", T_GENERIC}, {"look", T_GENERIC}, {"looked", T_GENERIC}, {"lost", T_IRREGULAR},
    {"lot", T_CLOSED | T_GENERIC}, {"lots", T_CLOSED}, {"made", T_GENERIC | T_IRREGULAR},
    {"make", T_GENERIC}, {"man", T_GENERIC}, {"many", T_CLOSED | T_NOUN_OPENER},
    {"maybe", T_CLOSED}, {"meant", T_IRREGULAR}, {"meanwhile", T_CLOSED}, {"men", T_GENERIC},
    {"met", T_IRREGULAR}, {"might", T_VERB_OPENER}, {"month", T_GENERIC}, {"months", T_GENERIC},
    {"more", T_NOUN_OPENER}, {"most", T_NOUN_OPENER}, {"much", T_CLOSED}, {"must", T_VERB_OPENER},
    {"my", T_DET | T_NOUN_OPENER}, {"n't", T_VERB_OPENER}, {"near", T_CLOSED}, {"nearly", T_CLOSED},
    {"need", T_GENERIC}, {"needs", T_GENERIC}, {"never", T_CLOSED | T_VERB_OPENER},
    {"new", T_GENERIC}, {"news", T_GENERIC}, {"next", T_GENERIC}, {"nine", T_GENERIC},
    {"no", T_NOUN_OPENER}, {"nobody", T_CLOSED}, {"not", T_VERB_OPENER}, {"nothing", T_CLOSED},
    {"now", T_CLOSED}, {"number", T_GENERIC}, {"of", T_NOUN_OPENER}, {"official", T_GENERIC},
    {"officials", T_GENERIC}, {"often", T_CLOSED}, {"okay", T_CLOSED}, {"old", T_GENERIC},
    {"on", T_NOUN_OPENER}, {"one", T_GENERIC}, {"onto", T_CLOSED}, {"other", T_NOUN_OPENER},
    {"others", T_CLOSED}, {"otherwise", T_CLOSED}, {"our", T_DET | T_NOUN_OPENER},
    {"outside", T_CLOSED}, {"over", T_NOUN_OPENER}, {"paid", T_IRREGULAR}, {"part", T_GENERIC},
    {"past", T_CLOSED}, {"people", T_GENERIC}, {"per", T_CLOSED}, {"percent", T_GENERIC},
    {"perhaps", T_CLOSED}, {"place", T_GENERIC}, {"plus", T_CLOSED}, {"point", T_GENERIC},
    {"quite", T_CLOSED}, {"rather", T_CLOSED}, {"really", T_CLOSED}, {"recently", T_CLOSED},
    {"report", T_GENERIC}, {"right", T_GENERIC}, {"round", T_GENERIC},
    {"said", T_GENERIC | T_IRREGULAR}, {"saw", T_IRREGULAR}, {"say", T_GENERIC},
    {"says", T_GENERIC}, {"second", T_GENERIC}, {"see", T_GENERIC}, {"seemed", T_IRREGULAR},
    {"seems", T_IRREGULAR}, {"seen", T_GENERIC | T_IRREGULAR}, {"sent", T_IRREGULAR},
    {"seven", T_GENERIC}, {"several", T_CLOSED | T_NOUN_OPENER}, {"she", T_VERB_OPENER},
    {"should", T_VERB_OPENER}, {"show", T_GENERIC}, {"shown", T_IRREGULAR}, {"similar", T_CLOSED},
    {"simply", T_CLOSED}, {"since", T_CLOSED}, {"six", T_GENERIC}, {"small", T_GENERIC},
    {"sold", T_IRREGULAR}, {"some", T_NOUN_OPENER}, {"somebody", T_CLOSED}, {"someone", T_CLOSED},
    {"something", T_CLOSED}, {"soon", T_CLOSED}, {"sort", T_CLOSED}, {"sought", T_IRREGULAR},
    {"spent", T_IRREGULAR}, {"spoke", T_IRREGULAR}, {"spoken", T_IRREGULAR},
    {"statement", T_GENERIC}, {"still", T_CLOSED}, {"stole", T_IRREGULAR}, {"stolen", T_IRREGULAR},
    {"stood", T_IRREGULAR}, {"story", T_GENERIC}, {"struck", T_IRREGULAR}, {"such", T_NOUN_OPENER},
    {"sure", T_CLOSED}, {"take", T_GENERIC}, {"taken", T_IRREGULAR}, {"taught", T_IRREGULAR},
    {"tell", T_GENERIC}, {"ten", T_GENERIC}, {"the", T_DET | T_NOUN_OPENER},
    {"their", T_DET | T_NOUN_OPENER}, {"there", T_CLOSED}, {"therefore", T_CLOSED},
    {"these", T_DET | T_NOUN_OPENER}, {"they", T_VERB_OPENER}, {"thing", T_CLOSED | T_GENERIC},
    {"things", T_CLOSED | T_GENERIC}, {"think", T_GENERIC}, {"third", T_GENERIC},
    {"this", T_DET | T_NOUN_OPENER}, {"those", T_DET | T_NOUN_OPENER}, {"though", T_CLOSED},
    {"thought", T_IRREGULAR}, {"three", T_GENERIC}, {"threw", T_IRREGULAR},
    {"throughout", T_CLOSED}, {"thrown", T_IRREGULAR}, {"thus", T_CLOSED}, {"time", T_GENERIC},
    {"times", T_GENERIC}, {"today", T_CLOSED}, {"together", T_CLOSED},
    {"told", T_GENERIC | T_IRREGULAR}, {"tomorrow", T_CLOSED}, {"tonight", T_CLOSED},
    {"took", T_GENERIC | T_IRREGULAR}, {"toward", T_CLOSED}, {"towards", T_CLOSED},
    {"two", T_GENERIC}, {"understood", T_IRREGULAR}, {"unless", T_CLOSED}, {"unlike", T_CLOSED},
    {"upon", T_CLOSED}, {"use", T_GENERIC}, {"used", T_GENERIC}, {"various", T_CLOSED},
    {"via", T_CLOSED}, {"want", T_GENERIC}, {"was", T_AUX}, {"way", T_CLOSED | T_GENERIC},
    {"ways", T_CLOSED}, {"we", T_VERB_OPENER}, {"week", T_GENERIC}, {"weeks", T_GENERIC},
    {"well", T_CLOSED}, {"went", T_GENERIC | T_IRREGULAR}, {"were", T_AUX}, {"whatever", T_CLOSED},
    {"whenever", T_CLOSED}, {"wherever", T_CLOSED}, {"whether", T_CLOSED}, {"who", T_VERB_OPENER},
    {"whole", T_CLOSED}, {"will", T_VERB_OPENER}, {"with", T_NOUN_OPENER}, {"within", T_CLOSED},
    {"without", T_CLOSED}, {"woman", T_GENERIC}, {"women", T_GENERIC}, {"won", T_IRREGULAR},
    {"world", T_GENERIC}, {"would", T_VERB_OPENER}, {"written", T_IRREGULAR},
    {"wrote", T_IRREGULAR}, {"year", T_GENERIC}, {"years", T_GENERIC}, {"yes", T_CLOSED},
    {"yesterday", T_CLOSED}, {"yet", T_CLOSED}, {"you", T_VERB_OPENER},
    {"your", T_DET | T_NOUN_OPENER},
};

#define TAG_WORD_COUNT (sizeof TAG_WORDS / sizeof *TAG_WORDS)

static int cmp_word(const char *a, size_t alen, const char *b)
{
    size_t blen = strlen(b), n = alen < blen ? alen : blen;
    int c = memcmp(a, b, n);
    return c ? c : (alen > blen) - (alen < blen);
}

/* The classes (T_*) of a folded word; 0 for a word not in the table. */
static uint8_t tag_word_classes(ng_str w)
{
    size_t lo = 0, hi = TAG_WORD_COUNT;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = cmp_word(w.ptr, w.len, TAG_WORDS[mid].word);
        if (!c) return TAG_WORDS[mid].classes;
        if (c < 0) hi = mid;
        else lo = mid + 1;
    }
    return 0;
}

int ng_tag_words_sorted(void)
{
    for (size_t i = 1; i < TAG_WORD_COUNT; i++)
        if (strcmp(TAG_WORDS[i - 1].word, TAG_WORDS[i].word) >= 0) return 0;
    return 1;
}

/* How the story uses each word: per word id, how often it follows a
 * determiner, possessive, quantifier or preposition or precedes "of" (a
 * noun or an adjective), how often it does so and ends its phrase ("the
 * attack.", "the attack on": a noun, not "the digital camera"), and how
 * often it follows a pronoun subject or an auxiliary, or precedes a
 * determiner (a verb: "they found the"). */
typedef struct usage {
    uint8_t *noun, *head, *verb;
    uint8_t *inf; /* after "to": "to pay", "to raise awareness" */
    size_t n;
} usage;

static int ends_ed(ng_str w)
{
    return w.len > 4 && !memcmp(w.ptr + w.len - 2, "ed", 2);
}

static void bump(uint8_t *c)
{
    if (*c < 255) (*c)++;
}

enum { W_KNOWN = 1, W_DET = 2, W_NOUN_OPENER = 4, W_VERB_OPENER = 8, W_AUX = 16, W_ED = 32, W_OF = 64, W_TO = 128 };

/* The classes of word id (W_*), each distinct word classified once into
 * cls. */
static uint8_t word_class(const ng_doc *doc, uint8_t *cls, uint32_t id)
{
    if (cls[id]) return cls[id];
    ng_str w = ng_doc_word(doc, id);
    uint8_t t = tag_word_classes(w), c = W_KNOWN;
    if (t & T_DET) c |= W_DET;
    if (t & T_NOUN_OPENER) c |= W_NOUN_OPENER;
    if (t & T_VERB_OPENER) c |= W_VERB_OPENER;
    if (t & T_AUX) c |= W_AUX;
    if (ends_ed(w)) c |= W_ED;
    if (w.len == 2 && !memcmp(w.ptr, "of", 2)) c |= W_OF;
    if (w.len == 2 && !memcmp(w.ptr, "to", 2)) c |= W_TO;
    return cls[id] = c;
}

/* Fills u for every word of the document.  0 when out of memory. */
static int count_usage(ng_doc *doc, usage *u)
{
    size_t nw = doc->words.words.count, n = doc->tokens.count;
    u->n = nw;
    u->noun = ng_arena_calloc(&doc->arena, nw ? nw : 1, 1);
    u->verb = ng_arena_calloc(&doc->arena, nw ? nw : 1, 1);
    u->head = ng_arena_calloc(&doc->arena, nw ? nw : 1, 1);
    u->inf = ng_arena_calloc(&doc->arena, nw ? nw : 1, 1);
    uint8_t *cls = ng_arena_calloc(&doc->arena, nw ? nw : 1, 1);
    if (!u->noun || !u->verb || !u->head || !u->inf || !cls) return 0;
    for (size_t t = 1; t < n; t++) {
        const ng_token *a = &doc->tokens.items[t - 1], *b = &doc->tokens.items[t];
        if (!(a->flags & NG_TOKEN_WORD) || !(b->flags & NG_TOKEN_WORD) || a->word >= nw || b->word >= nw)
            continue;
        uint8_t ca = word_class(doc, cls, a->word), cb = word_class(doc, cls, b->word);
        /* a phrase ends at anything but a lower-case content word */
        const ng_token *c = t + 1 < n ? &doc->tokens.items[t + 1] : NULL;
        int ends = !c || (c->flags & (NG_TOKEN_WORD | NG_TOKEN_STOP | NG_TOKEN_CAPITAL)) != NG_TOKEN_WORD;
        if (ca & W_NOUN_OPENER) {
            bump(&u->noun[b->word]);
            if (ends) bump(&u->head[b->word]);
        }
        if ((ca & W_VERB_OPENER) || ((ca & W_AUX) && (cb & W_ED))) bump(&u->verb[b->word]);
        if (cb & W_OF) {
            bump(&u->noun[a->word]);
            bump(&u->head[a->word]);
        }
        if ((cb & W_DET) && !(ca & W_VERB_OPENER)) bump(&u->verb[a->word]);
        /* "to" and a word that takes an object ("to raise awareness", "to
         * fight the"), not one a comma or "on" ends ("to cancer,", "to
         * court on") */
        if ((ca & W_TO) && c && (c->flags & NG_TOKEN_WORD) && c->word < nw) {
            uint8_t cc = word_class(doc, cls, c->word);
            if ((cc & W_DET) || !(cc & (W_NOUN_OPENER | W_OF | W_TO))) bump(&u->inf[b->word]);
        }
    }
    return 1;
}

/* The story uses word id as a verb more than as a noun: after a pronoun
 * subject or an auxiliary, or before a determiner; or twice or more after
 * "to" and more often than after a determiner ("to pay", "to raise
 * awareness"; once is no sign: "linked to climate change"). */
static int used_as_verb(const usage *u, uint32_t id)
{
    if (id >= u->n) return 0;
    return u->verb[id] > u->noun[id] || (u->inf[id] >= 2 && u->inf[id] > u->noun[id]);
}

/* The story uses word id as the head of a noun phrase at least once (or,
 * for a plural, which no adjective is, after a determiner) and more than
 * as a verb: a word that may stand alone as a topic. */
static int used_as_noun(const usage *u, ng_str w, uint32_t id)
{
    if (id >= u->n) return 0;
    int plural = w.len > 3 && w.ptr[w.len - 1] == 's' && w.ptr[w.len - 2] != 's';
    uint8_t n = plural ? u->noun[id] : u->head[id];
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
    return !ng_quote_is_cue_word(w.ptr, w.len) && !(tag_word_classes(w) & (T_GENERIC | T_CLOSED | T_IRREGULAR)) &&
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
