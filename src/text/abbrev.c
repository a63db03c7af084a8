/* abbrev.c - the word lists behind the tokenizer and the sentence splitter
 * (see abbrev.h), each a sorted array searched by bisection so that a lookup
 * costs a handful of short compares and no allocation.  The lists are kept
 * in strcmp order of their lowercase (or, for the case-sensitive lists,
 * exact) spelling; test_tokenize checks that they still are.
 */
#include "text/abbrev.h"

#include <string.h>

typedef struct abbrev_entry {
    const char *word; /* lowercase, without the final period */
    ng_abbrev_class cls;
} abbrev_entry;

/* Abbreviations that keep their period.  Words that are also common English
 * words ending a sentence ("sat.", "ore.", "Miss.", "wash.") are left out on
 * purpose: a wrong entry glues two sentences together. */
static const abbrev_entry abbrevs[] = {
    {"a.m", NG_AB_TERMINAL},
    {"adm", NG_AB_PREFIX},
    {"al", NG_AB_TERMINAL},
    {"ala", NG_AB_MID},
    {"amb", NG_AB_PREFIX},
    {"approx", NG_AB_MID},
    {"apr", NG_AB_MID},
    {"ariz", NG_AB_MID},
    {"assn", NG_AB_MID},
    {"atty", NG_AB_PREFIX},
    {"aug", NG_AB_MID},
    {"ave", NG_AB_TERMINAL},
    {"b.a", NG_AB_TERMINAL},
    {"b.s", NG_AB_TERMINAL},
    {"bldg", NG_AB_MID},
    {"blvd", NG_AB_TERMINAL},
    {"brig", NG_AB_PREFIX},
    {"bros", NG_AB_TERMINAL},
    {"c", NG_AB_MID},
    {"ca", NG_AB_MID},
    {"calif", NG_AB_MID},
    {"capt", NG_AB_PREFIX},
    {"cf", NG_AB_MID},
    {"cmdr", NG_AB_PREFIX},
    {"cmdt", NG_AB_PREFIX},
    {"co", NG_AB_TERMINAL},
    {"col", NG_AB_PREFIX},
    {"colo", NG_AB_MID},
    {"conn", NG_AB_MID},
    {"corp", NG_AB_TERMINAL},
    {"cpl", NG_AB_PREFIX},
    {"d.c", NG_AB_TERMINAL},
    {"dec", NG_AB_MID},
    {"dept", NG_AB_MID},
    {"det", NG_AB_PREFIX},
    {"dr", NG_AB_TITLE},
    {"e.g", NG_AB_MID},
    {"e.u", NG_AB_TERMINAL},
    {"eds", NG_AB_MID},
    {"esq", NG_AB_TERMINAL},
    {"est", NG_AB_MID},
    {"etc", NG_AB_TERMINAL},
    {"ext", NG_AB_MID},
    {"feb", NG_AB_MID},
    {"fig", NG_AB_MID},
    {"figs", NG_AB_MID},
    {"fla", NG_AB_MID},
    {"fr", NG_AB_PREFIX},
    {"fri", NG_AB_MID},
    {"ft", NG_AB_MID},
    {"ga", NG_AB_MID},
    {"gen", NG_AB_PREFIX},
    {"gens", NG_AB_PREFIX},
    {"gov", NG_AB_PREFIX},
    {"govt", NG_AB_MID},
    {"hon", NG_AB_PREFIX},
    {"hwy", NG_AB_TERMINAL},
    {"i.e", NG_AB_MID},
    {"inc", NG_AB_TERMINAL},
    {"ind", NG_AB_MID},
    {"insp", NG_AB_PREFIX},
    {"jan", NG_AB_MID},
    {"jr", NG_AB_TERMINAL},
    {"jul", NG_AB_MID},
    {"jun", NG_AB_MID},
    {"kan", NG_AB_MID},
    {"kans", NG_AB_MID},
    {"ky", NG_AB_MID},
    {"l.a", NG_AB_TERMINAL},
    {"lieut", NG_AB_PREFIX},
    {"llc", NG_AB_TERMINAL},
    {"lt", NG_AB_PREFIX},
    {"ltd", NG_AB_TERMINAL},
    {"m.a", NG_AB_TERMINAL},
    {"m.d", NG_AB_TERMINAL},
    {"maj", NG_AB_PREFIX},
    {"mar", NG_AB_MID},
    {"md", NG_AB_MID},
    {"messrs", NG_AB_TITLE},
    {"mi", NG_AB_MID},
    {"mich", NG_AB_MID},
    {"minn", NG_AB_MID},
    {"mlle", NG_AB_TITLE},
    {"mme", NG_AB_TITLE},
    {"mont", NG_AB_MID},
    {"mr", NG_AB_TITLE},
    {"mrs", NG_AB_TITLE},
    {"ms", NG_AB_TITLE},
    {"mt", NG_AB_PREFIX},
    {"n.j", NG_AB_TERMINAL},
    {"n.y", NG_AB_TERMINAL},
    {"neb", NG_AB_MID},
    {"nev", NG_AB_MID},
    {"no", NG_AB_MID},
    {"nos", NG_AB_MID},
    {"nov", NG_AB_MID},
    {"oct", NG_AB_MID},
    {"okla", NG_AB_MID},
    {"op", NG_AB_MID},
    {"p", NG_AB_MID},
    {"p.m", NG_AB_TERMINAL},
    {"penn", NG_AB_MID},
    {"ph.d", NG_AB_TERMINAL},
    {"plc", NG_AB_TERMINAL},
    {"pp", NG_AB_MID},
    {"pres", NG_AB_PREFIX},
    {"prof", NG_AB_TITLE},
    {"pvt", NG_AB_PREFIX},
    {"rd", NG_AB_TERMINAL},
    {"rep", NG_AB_PREFIX},
    {"reps", NG_AB_PREFIX},
    {"rev", NG_AB_PREFIX},
    {"sen", NG_AB_PREFIX},
    {"sens", NG_AB_PREFIX},
    {"sep", NG_AB_MID},
    {"sept", NG_AB_MID},
    {"sgt", NG_AB_PREFIX},
    {"spc", NG_AB_PREFIX},
    {"sq", NG_AB_MID},
    {"sr", NG_AB_TERMINAL},
    {"st", NG_AB_PREFIX},
    {"ste", NG_AB_PREFIX},
    {"supt", NG_AB_PREFIX},
    {"tel", NG_AB_MID},
    {"tenn", NG_AB_MID},
    {"tex", NG_AB_MID},
    {"thu", NG_AB_MID},
    {"thur", NG_AB_MID},
    {"thurs", NG_AB_MID},
    {"tue", NG_AB_MID},
    {"tues", NG_AB_MID},
    {"u.k", NG_AB_TERMINAL},
    {"u.n", NG_AB_TERMINAL},
    {"u.s", NG_AB_TERMINAL},
    {"u.s.a", NG_AB_TERMINAL},
    {"univ", NG_AB_MID},
    {"v", NG_AB_MID},
    {"va", NG_AB_MID},
    {"viz", NG_AB_MID},
    {"vol", NG_AB_MID},
    {"vols", NG_AB_MID},
    {"vs", NG_AB_MID},
    {"vt", NG_AB_MID},
    {"wis", NG_AB_MID},
    {"wyo", NG_AB_MID},
};

/* Function words (the STOP flag), with the Penn Treebank contraction pieces
 * ("ca" and "wo" are what "can't" and "won't" leave behind). */
static const char *const stopwords[] = {
    "'d", "'ll", "'m", "'re", "'s", "'ve", "a", "about", "above", "after",
    "again", "against", "all", "also", "am", "an", "and", "any", "are", "as",
    "at", "be", "because", "been", "before", "being", "below", "between",
    "both", "but", "by", "ca", "can", "cannot", "could", "did", "do", "does",
    "doing", "down", "during", "each", "either", "few", "for", "from",
    "further", "had", "has", "have", "having", "he", "her", "here", "hers",
    "herself", "him", "himself", "his", "how", "i", "if", "in", "into", "is",
    "it", "its", "itself", "just", "may", "me", "might", "more", "most",
    "must", "my", "myself", "n't", "neither", "no", "nor", "not", "now", "of",
    "off", "on", "once", "only", "or", "other", "our", "ours", "ourselves",
    "out", "over", "own", "same", "shall", "she", "should", "so", "some",
    "such", "than", "that", "the", "their", "theirs", "them", "themselves",
    "then", "there", "these", "they", "this", "those", "through", "to", "too",
    "under", "until", "up", "upon", "very", "was", "we", "were", "what",
    "when", "where", "which", "while", "who", "whom", "whose", "why", "will",
    "with", "wo", "would", "yet", "you", "your", "yours", "yourself",
    "yourselves"
};

/* Capitalised words that are not function words but often open a news
 * sentence; they let the splitter end a sentence after an abbreviation. */
static const char *const starters[] = {
    "According", "Across", "Although", "Another", "Asked", "Despite",
    "Earlier", "Even", "Every", "Everyone", "However", "Instead", "Last",
    "Later", "Like", "Many", "Meanwhile", "Nearly", "Next", "Nobody", "One",
    "Others", "Perhaps", "Police", "Several", "Since", "Still", "Though",
    "Three", "Today", "Two", "Unlike", "Yes", "Yesterday"
};

/* Capitalised words that usually continue a name after "U.S.", "U.N.",
 * "Inc." and the like, so no sentence ends before them. */
static const char *const continuations[] = {
    "Administration", "Agency", "Air", "Ambassador", "Ambassadors", "Army",
    "Assembly", "Atlantic", "Attorney", "Bank", "Border", "Bureau", "Cabinet",
    "Capitol", "Census", "Central", "Chamber", "Coast", "Command",
    "Commission", "Committee", "Congress", "Congressman", "Congresswoman",
    "Constitution", "Consulate", "Council", "Court", "Courts", "Customs",
    "Defense", "Department", "Development", "District", "Dollar", "Embassy",
    "Energy", "Environmental", "Envoy", "Federal", "Fish", "Food", "Force",
    "Forces", "Forest", "General", "Geological", "Government", "Gulf", "High",
    "House", "Human", "Immigration", "Justice", "Marine", "Marines",
    "Marshals", "Military", "Mint", "Mission", "National", "Naval", "Navy",
    "Office", "Olympic", "Olympics", "Open", "Pacific", "Park", "Patent",
    "Postal", "President", "Presidents", "Refugee", "Representative",
    "Representatives", "Secret", "Secretary", "Security", "Senate", "Senator",
    "Senators", "Soccer", "Space", "Special", "State", "States", "Steel", "Supreme",
    "Trade", "Treasury", "Virgin"
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Compares key[0..len) with the NUL-terminated word the way strcmp would. */
static int cmp_key(const char *key, size_t len, const char *word)
{
    size_t wl = strlen(word);
    int c = memcmp(key, word, len < wl ? len : wl);
    if (c) return c;
    return len < wl ? -1 : len > wl ? 1 : 0;
}

/* Bisection over a sorted array of strings; returns the index or -1. */
static long find_word(const char *const *words, size_t n, const char *key, size_t len)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = cmp_key(key, len, words[mid]);
        if (c == 0) return (long)mid;
        if (c < 0) hi = mid;
        else lo = mid + 1;
    }
    return -1;
}

/* Copies s lowercased (ASCII) into buf; 0 when it does not fit. */
static size_t lower_copy(char *buf, size_t cap, const char *s, size_t len)
{
    if (len == 0 || len > cap) return 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        buf[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    return len;
}

ng_abbrev_class ng_abbrev_lookup(const char *s, size_t len)
{
    char buf[16];
    if (!lower_copy(buf, sizeof buf, s, len)) return NG_AB_NONE;
    size_t lo = 0, hi = COUNT(abbrevs);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = cmp_key(buf, len, abbrevs[mid].word);
        if (c == 0) return abbrevs[mid].cls;
        if (c < 0) hi = mid;
        else lo = mid + 1;
    }
    return NG_AB_NONE;
}

int ng_is_stopword(const char *s, size_t len)
{
    char buf[16];
    if (!lower_copy(buf, sizeof buf, s, len)) return 0;
    return find_word(stopwords, COUNT(stopwords), buf, len) >= 0;
}

int ng_is_starter_extra(const char *s, size_t len)
{
    return find_word(starters, COUNT(starters), s, len) >= 0;
}

int ng_is_continuation(const char *s, size_t len)
{
    return find_word(continuations, COUNT(continuations), s, len) >= 0;
}

/* Strictly increasing strcmp order, which the bisections rely on. */
static int sorted_words(const char *const *words, size_t n)
{
    for (size_t i = 1; i < n; i++)
        if (strcmp(words[i - 1], words[i]) >= 0) return 0;
    return 1;
}

int ng_abbrev_lists_sorted(void)
{
    for (size_t i = 1; i < COUNT(abbrevs); i++)
        if (strcmp(abbrevs[i - 1].word, abbrevs[i].word) >= 0) return 0;
    return sorted_words(stopwords, COUNT(stopwords)) && sorted_words(starters, COUNT(starters)) &&
           sorted_words(continuations, COUNT(continuations));
}
