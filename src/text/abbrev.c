/* abbrev.c - the word lists behind the tokenizer and the sentence splitter
 * (see abbrev.h), each a sorted array searched by bisection so that a lookup
 * costs a handful of short compares and no allocation.  The lists are kept
 * in strcmp order of their lowercase (or, for the case-sensitive lists,
 * exact) spelling; test_tokenize checks that they still are.
 */
#include "text/abbrev.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* A word with its length, so that a compare needs no strlen(). */
typedef struct word_entry {
    const char *w;
    size_t len;
} word_entry;

#define W(s) {s, sizeof(s) - 1}

#define STOPWORD_MAX NG_STOPWORD_MAX

typedef struct abbrev_entry {
    word_entry word; /* lowercase, without the final period */
    ng_abbrev_class cls;
} abbrev_entry;

/* Abbreviations that keep their period.  Words that are also common English
 * words ending a sentence ("sat.", "ore.", "Miss.", "wash.") are left out on
 * purpose: a wrong entry glues two sentences together. */
static const abbrev_entry abbrevs[] = {
    {W("a.m"), NG_AB_TERMINAL},
    {W("adm"), NG_AB_PREFIX},
    {W("al"), NG_AB_TERMINAL},
    {W("ala"), NG_AB_MID},
    {W("amb"), NG_AB_PREFIX},
    {W("approx"), NG_AB_MID},
    {W("apr"), NG_AB_MID},
    {W("ariz"), NG_AB_MID},
    {W("assn"), NG_AB_MID},
    {W("atty"), NG_AB_PREFIX},
    {W("aug"), NG_AB_MID},
    {W("ave"), NG_AB_TERMINAL},
    {W("b.a"), NG_AB_TERMINAL},
    {W("b.s"), NG_AB_TERMINAL},
    {W("bldg"), NG_AB_MID},
    {W("blvd"), NG_AB_TERMINAL},
    {W("brig"), NG_AB_PREFIX},
    {W("bros"), NG_AB_TERMINAL},
    {W("c"), NG_AB_MID},
    {W("ca"), NG_AB_MID},
    {W("calif"), NG_AB_MID},
    {W("capt"), NG_AB_PREFIX},
    {W("cf"), NG_AB_MID},
    {W("cmdr"), NG_AB_PREFIX},
    {W("cmdt"), NG_AB_PREFIX},
    {W("co"), NG_AB_TERMINAL},
    {W("col"), NG_AB_PREFIX},
    {W("colo"), NG_AB_MID},
    {W("conn"), NG_AB_MID},
    {W("corp"), NG_AB_TERMINAL},
    {W("cpl"), NG_AB_PREFIX},
    {W("d.c"), NG_AB_TERMINAL},
    {W("dec"), NG_AB_MID},
    {W("dept"), NG_AB_MID},
    {W("det"), NG_AB_PREFIX},
    {W("dr"), NG_AB_TITLE},
    {W("e.g"), NG_AB_MID},
    {W("e.u"), NG_AB_TERMINAL},
    {W("eds"), NG_AB_MID},
    {W("esq"), NG_AB_TERMINAL},
    {W("est"), NG_AB_MID},
    {W("etc"), NG_AB_TERMINAL},
    {W("ext"), NG_AB_MID},
    {W("feb"), NG_AB_MID},
    {W("fig"), NG_AB_MID},
    {W("figs"), NG_AB_MID},
    {W("fla"), NG_AB_MID},
    {W("fr"), NG_AB_PREFIX},
    {W("fri"), NG_AB_MID},
    {W("ft"), NG_AB_MID},
    {W("ga"), NG_AB_MID},
    {W("gen"), NG_AB_PREFIX},
    {W("gens"), NG_AB_PREFIX},
    {W("gov"), NG_AB_PREFIX},
    {W("govt"), NG_AB_MID},
    {W("hon"), NG_AB_PREFIX},
    {W("hwy"), NG_AB_TERMINAL},
    {W("i.e"), NG_AB_MID},
    {W("inc"), NG_AB_TERMINAL},
    {W("ind"), NG_AB_MID},
    {W("insp"), NG_AB_PREFIX},
    {W("jan"), NG_AB_MID},
    {W("jr"), NG_AB_TERMINAL},
    {W("jul"), NG_AB_MID},
    {W("jun"), NG_AB_MID},
    {W("kan"), NG_AB_MID},
    {W("kans"), NG_AB_MID},
    {W("ky"), NG_AB_MID},
    {W("l.a"), NG_AB_TERMINAL},
    {W("lieut"), NG_AB_PREFIX},
    {W("llc"), NG_AB_TERMINAL},
    {W("lt"), NG_AB_PREFIX},
    {W("ltd"), NG_AB_TERMINAL},
    {W("m.a"), NG_AB_TERMINAL},
    {W("m.d"), NG_AB_TERMINAL},
    {W("maj"), NG_AB_PREFIX},
    {W("mar"), NG_AB_MID},
    {W("md"), NG_AB_MID},
    {W("messrs"), NG_AB_TITLE},
    {W("mi"), NG_AB_MID},
    {W("mich"), NG_AB_MID},
    {W("minn"), NG_AB_MID},
    {W("mlle"), NG_AB_TITLE},
    {W("mme"), NG_AB_TITLE},
    {W("mont"), NG_AB_MID},
    {W("mr"), NG_AB_TITLE},
    {W("mrs"), NG_AB_TITLE},
    {W("ms"), NG_AB_TITLE},
    {W("mt"), NG_AB_PREFIX},
    {W("n.j"), NG_AB_TERMINAL},
    {W("n.y"), NG_AB_TERMINAL},
    {W("neb"), NG_AB_MID},
    {W("nev"), NG_AB_MID},
    {W("no"), NG_AB_MID},
    {W("nos"), NG_AB_MID},
    {W("nov"), NG_AB_MID},
    {W("oct"), NG_AB_MID},
    {W("okla"), NG_AB_MID},
    {W("op"), NG_AB_MID},
    {W("p"), NG_AB_MID},
    {W("p.m"), NG_AB_TERMINAL},
    {W("penn"), NG_AB_MID},
    {W("ph.d"), NG_AB_TERMINAL},
    {W("plc"), NG_AB_TERMINAL},
    {W("pp"), NG_AB_MID},
    {W("pres"), NG_AB_PREFIX},
    {W("prof"), NG_AB_TITLE},
    {W("pvt"), NG_AB_PREFIX},
    {W("rd"), NG_AB_TERMINAL},
    {W("rep"), NG_AB_PREFIX},
    {W("reps"), NG_AB_PREFIX},
    {W("rev"), NG_AB_PREFIX},
    {W("sen"), NG_AB_PREFIX},
    {W("sens"), NG_AB_PREFIX},
    {W("sep"), NG_AB_MID},
    {W("sept"), NG_AB_MID},
    {W("sgt"), NG_AB_PREFIX},
    {W("spc"), NG_AB_PREFIX},
    {W("sq"), NG_AB_MID},
    {W("sr"), NG_AB_TERMINAL},
    {W("st"), NG_AB_PREFIX},
    {W("ste"), NG_AB_PREFIX},
    {W("supt"), NG_AB_PREFIX},
    {W("tel"), NG_AB_MID},
    {W("tenn"), NG_AB_MID},
    {W("tex"), NG_AB_MID},
    {W("thu"), NG_AB_MID},
    {W("thur"), NG_AB_MID},
    {W("thurs"), NG_AB_MID},
    {W("tue"), NG_AB_MID},
    {W("tues"), NG_AB_MID},
    {W("u.k"), NG_AB_TERMINAL},
    {W("u.n"), NG_AB_TERMINAL},
    {W("u.s"), NG_AB_TERMINAL},
    {W("u.s.a"), NG_AB_TERMINAL},
    {W("univ"), NG_AB_MID},
    {W("v"), NG_AB_MID},
    {W("va"), NG_AB_MID},
    {W("viz"), NG_AB_MID},
    {W("vol"), NG_AB_MID},
    {W("vols"), NG_AB_MID},
    {W("vs"), NG_AB_MID},
    {W("vt"), NG_AB_MID},
    {W("wis"), NG_AB_MID},
    {W("wyo"), NG_AB_MID},
};

/* Function words (the STOP flag), with the Penn Treebank contraction pieces
 * ("ca" and "wo" are what "can't" and "won't" leave behind). */
static const word_entry stopwords[] = {
    W("'d"), W("'ll"), W("'m"), W("'re"), W("'s"), W("'ve"), W("a"), W("about"),
    W("above"), W("after"), W("again"), W("against"), W("all"), W("also"), W("am"),
    W("an"), W("and"), W("any"), W("are"), W("as"), W("at"), W("be"), W("because"),
    W("been"), W("before"), W("being"), W("below"), W("between"), W("both"), W("but"),
    W("by"), W("ca"), W("can"), W("cannot"), W("could"), W("did"), W("do"), W("does"),
    W("doing"), W("down"), W("during"), W("each"), W("either"), W("few"), W("for"),
    W("from"), W("further"), W("had"), W("has"), W("have"), W("having"), W("he"),
    W("her"), W("here"), W("hers"), W("herself"), W("him"), W("himself"), W("his"),
    W("how"), W("i"), W("if"), W("in"), W("into"), W("is"), W("it"), W("its"),
    W("itself"), W("just"), W("may"), W("me"), W("might"), W("more"), W("most"),
    W("must"), W("my"), W("myself"), W("n't"), W("neither"), W("no"), W("nor"), W("not"),
    W("now"), W("of"), W("off"), W("on"), W("once"), W("only"), W("or"), W("other"),
    W("our"), W("ours"), W("ourselves"), W("out"), W("over"), W("own"), W("same"),
    W("shall"), W("she"), W("should"), W("so"), W("some"), W("such"), W("than"),
    W("that"), W("the"), W("their"), W("theirs"), W("them"), W("themselves"), W("then"),
    W("there"), W("these"), W("they"), W("this"), W("those"), W("through"), W("to"),
    W("too"), W("under"), W("until"), W("up"), W("upon"), W("very"), W("was"), W("we"),
    W("were"), W("what"), W("when"), W("where"), W("which"), W("while"), W("who"),
    W("whom"), W("whose"), W("why"), W("will"), W("with"), W("wo"), W("would"), W("yet"),
    W("you"), W("your"), W("yours"), W("yourself"), W("yourselves"),
};

/* Capitalised words that are not function words but often open a news
 * sentence; they let the splitter end a sentence after an abbreviation. */
static const word_entry starters[] = {
    W("According"), W("Across"), W("Although"), W("Another"), W("Asked"), W("Despite"),
    W("Earlier"), W("Even"), W("Every"), W("Everyone"), W("However"), W("Instead"),
    W("Last"), W("Later"), W("Like"), W("Many"), W("Meanwhile"), W("Nearly"), W("Next"),
    W("Nobody"), W("One"), W("Others"), W("Perhaps"), W("Police"), W("Several"),
    W("Since"), W("Still"), W("Though"), W("Three"), W("Today"), W("Two"), W("Unlike"),
    W("Yes"), W("Yesterday"),
};

/* Capitalised words that usually continue a name after "U.S.", "U.N.",
 * "Inc." and the like, so no sentence ends before them. */
static const word_entry continuations[] = {
    W("Administration"), W("Agency"), W("Air"), W("Ambassador"), W("Ambassadors"),
    W("Army"), W("Assembly"), W("Atlantic"), W("Attorney"), W("Bank"), W("Border"),
    W("Bureau"), W("Cabinet"), W("Capitol"), W("Census"), W("Central"), W("Chamber"),
    W("Coast"), W("Command"), W("Commission"), W("Committee"), W("Congress"),
    W("Congressman"), W("Congresswoman"), W("Constitution"), W("Consulate"), W("Council"),
    W("Court"), W("Courts"), W("Customs"), W("Defense"), W("Department"),
    W("Development"), W("District"), W("Dollar"), W("Embassy"), W("Energy"),
    W("Environmental"), W("Envoy"), W("Federal"), W("Fish"), W("Food"), W("Force"),
    W("Forces"), W("Forest"), W("General"), W("Geological"), W("Government"), W("Gulf"),
    W("High"), W("House"), W("Human"), W("Immigration"), W("Justice"), W("Marine"),
    W("Marines"), W("Marshals"), W("Military"), W("Mint"), W("Mission"), W("National"),
    W("Naval"), W("Navy"), W("Office"), W("Olympic"), W("Olympics"), W("Open"),
    W("Pacific"), W("Park"), W("Patent"), W("Postal"), W("President"), W("Presidents"),
    W("Refugee"), W("Representative"), W("Representatives"), W("Secret"), W("Secretary"),
    W("Security"), W("Senate"), W("Senator"), W("Senators"), W("Soccer"), W("Space"),
    W("Special"), W("State"), W("States"), W("Steel"), W("Supreme"), W("Trade"),
    W("Treasury"), W("Virgin"),
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Compares key[0..len) with a word the way strcmp would; the first byte
 * settles most compares, so it is tested inline. */
static int cmp_key(const char *key, size_t len, const word_entry *e)
{
    size_t n = len < e->len ? len : e->len;
    for (size_t i = 0; i < n; i++) {
        unsigned char a = (unsigned char)key[i], b = (unsigned char)e->w[i];
        if (a != b) return a < b ? -1 : 1;
    }
    return len < e->len ? -1 : len > e->len ? 1 : 0;
}

/* Bisection over a sorted array of words; returns the index or -1. */
static long find_word(const word_entry *words, size_t n, const char *key, size_t len)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = cmp_key(key, len, &words[mid]);
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
        int c = cmp_key(buf, len, &abbrevs[mid].word);
        if (c == 0) return abbrevs[mid].cls;
        if (c < 0) hi = mid;
        else lo = mid + 1;
    }
    return NG_AB_NONE;
}

/* The tokenizer asks about every word, so function words also sit in an
 * open-addressing hash table: one hash and usually one compare instead of a
 * bisection.  The table is a constant (no lazy build, no shared mutable
 * state): slot FNV-1a(word) % STOP_SLOTS, linear probing, words inserted in
 * list order.  ng_abbrev_lists_sorted() rebuilds it and compares, and prints
 * the new table when the list changed, so it cannot silently go stale. */
#define STOP_SLOTS 512u
static const uint8_t stop_slots[STOP_SLOTS] = { /* 0: empty, else index + 1 */
      0,   0,   0,   0,  39,   0,  62,   0, 113,   0,   9,  85,   0,   0,  56,  95,
     66, 119,   0,   0,  37,  43,   0, 101,   0,   0, 104,   0, 106,   0,   0,   0,
      0,   0,   0,   0, 118,   0,   0,   0,   0,   0, 100, 116,   0,   0,   0, 128,
      0,   0,   0,   0,   0,   0,   0,   0,   0, 136,   0,  97,   0,   0,   8,  35,
      0,   0,   0,  93,   0,   0,   0,   0,   0,  32,   0,   0,   0,  18,  19,   0,
      0,   0,   0,   0,   0,   0,   0,   0, 130,   0,   0,   0,   0,   0,   0,  69,
     94,   0,   0,   0,   0,   0,   0, 107,  84, 138,   0,   0,   0,  55,   0,   0,
      0, 102,   0,   0,   0,  46,   0,   0,   0,   0, 117,   0,   0,   0,   0,   0,
     22, 115,   0,   0,   0,   0,   0,   0,  41,   0,  82,   0,   0,  20,  60, 133,
      0,   0,  48,  76,  31, 141,   0,   0, 146,   0,   0,   0, 142,   0,  63,   0,
      0, 110,  29,   0,   0,   0,  17,  71,  79,   0, 143,   0,   0,   0,   0,   0,
      0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   4,   0,   0,   0,   0,
      0,   0,   0,  24,  87,   0,   0,   0,   0,   0,   0,  59,   0, 120, 132,   0,
      0,   0,   0,   0,   0,  57,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,
      0,   0,  78, 131,   0,   0,  16,   0,  72,   0,   0,   0, 145,   0,   0,   5,
      0,   0,  27,   0,   0,   0,   0,  83,   0,   0,   0,   0,   0,   0,   0, 114,
     12,   0,   0, 135,   0,   0,   1,   0,  26,   0,   0,   0,   0,   0,   0,   0,
      0,   0,   0,   0,   0,  40,  65,   0,  81, 129,   0, 139,   0,   0,   0,   0,
    122, 124,   0,  64,   0,   0,   0,  58,  42,  75,   0,   0,   7,  98, 105,   6,
    127,   3,  74,   0,   0,   0,   0,   0,   0,  91,   0,   0,   0,   0,  25,  36,
      0,   0,   0,   0,   0,   0,   0,   0,   0, 123,   0,   0,   0,   0,   0,  11,
    121,   0,  14,  15,   0,   0,   0,   0,   0,   0,   0,  23,  51, 112, 103,   0,
      0,   0, 140,   0,   0,  33,   0,   0,   0,   0,  68,   0,   0,   0,   0,  28,
      0,   0,   0,   0,   0,   0, 111,   0,   0,   0,   0,   0, 108,   0,  92,   0,
      0,   0,   0,   0,  89,   0,  70,   0,  21,   0,   0,   0,  30,  53, 137,   0,
     45,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0, 144,   0,   0,   0,   0,
      0,   0,   0,   0,   0,   0,   0,   0,   0, 126,  34,   0,   0,   0,   0,   0,
     38,   0,   0,   0,   0,   0,  52,   0,   0,   0,   0,   0,   0,  77,   0,  96,
      0,   0,   0,   0,  13,  61, 134,   0,   0,  10,   0,  54,   0,   0,   0,   0,
     86,   0,   0,   0,   0,   0,   0,   0,   0,  67,   0,   0,   0,   0,   0,   0,
     73,  99,   0,  49, 109,   0,   0,   0,   0,  47,   0,   0,   0,   0,   0,   0,
      0,   0, 125,   0,   0,  90,   2,  88,   0,  44,  80,  50,   0,   0,   0,   0,
};

#define FNV_BASIS 2166136261u
#define FNV_PRIME 16777619u

static uint32_t hash_word(const char *s, size_t len)
{
    uint32_t h = FNV_BASIS;
    for (size_t i = 0; i < len; i++) h = (h ^ (unsigned char)s[i]) * FNV_PRIME;
    return h;
}

/* Lowercases s into buf and hashes it in one pass; 0 when s holds a byte
 * no function word has (function words are ASCII letters and '), which
 * rejects most content words, numbers and names early. */
static int lower_hash(const char *s, size_t len, char *buf, uint32_t *hash)
{
    uint32_t h = FNV_BASIS;
    for (size_t i = 0; i < len; i++) {
        unsigned c = (unsigned char)s[i];
        if (c - 'A' < 26u) c += 32;
        else if (c - 'a' >= 26u && c != '\'') return 0;
        buf[i] = (char)c;
        h = (h ^ c) * FNV_PRIME;
    }
    *hash = h;
    return 1;
}

int ng_word_in_list(const char *s, size_t len, const char *const *list)
{
    for (size_t i = 0; list[i]; i++) {
        const char *w = list[i];
        size_t k = 0;
        while (k < len && w[k] && w[k] == s[k]) k++;
        if (k == len && !w[k]) return 1;
    }
    return 0;
}

int ng_is_stopword_lower(const char *lower, size_t len, uint32_t hash)
{
    for (;; hash++) {
        unsigned slot = stop_slots[hash % STOP_SLOTS];
        if (!slot) return 0;
        const word_entry *e = &stopwords[slot - 1];
        if (e->len != len) continue;
        size_t i = 0; /* inline: function words are a few bytes */
        while (i < len && e->w[i] == lower[i]) i++;
        if (i == len) return 1;
    }
}

int ng_is_stopword(const char *s, size_t len)
{
    char buf[STOPWORD_MAX];
    uint32_t h;
    if (len == 0 || len > STOPWORD_MAX || !lower_hash(s, len, buf, &h)) return 0;
    return ng_is_stopword_lower(buf, len, h);
}

/* Rebuilds the constant table from the list; 1 when they agree.  When they
 * do not, prints the table to paste into stop_slots. */
static int stop_slots_current(void)
{
    uint8_t slots[STOP_SLOTS] = {0};
    for (size_t i = 0; i < COUNT(stopwords); i++) {
        uint32_t h = hash_word(stopwords[i].w, stopwords[i].len);
        while (slots[h % STOP_SLOTS]) h++;
        slots[h % STOP_SLOTS] = (uint8_t)(i + 1);
    }
    if (memcmp(slots, stop_slots, sizeof slots) == 0) return 1;
    for (size_t i = 0; i < STOP_SLOTS; i++)
        fprintf(stderr, "%s%3u,%s", i % 16 ? " " : "    ", slots[i], i % 16 == 15 ? "\n" : "");
    return 0;
}

int ng_is_starter_extra(const char *s, size_t len)
{
    return find_word(starters, COUNT(starters), s, len) >= 0;
}

int ng_is_continuation(const char *s, size_t len)
{
    return find_word(continuations, COUNT(continuations), s, len) >= 0;
}

/* Strictly increasing strcmp order, which the bisections rely on, and
 * lengths that match the spelling. */
static int sorted_words(const word_entry *words, size_t n, size_t max)
{
    for (size_t i = 0; i < n; i++) {
        if (strlen(words[i].w) != words[i].len || words[i].len > max) return 0;
        if (i && strcmp(words[i - 1].w, words[i].w) >= 0) return 0;
    }
    return 1;
}

int ng_abbrev_lists_sorted(void)
{
    /* the hash table holds every function word (uint8_t indexes) */
    if (COUNT(stopwords) >= 255 || COUNT(stopwords) > STOP_SLOTS / 2) return 0;
    if (!stop_slots_current()) return 0;
    for (size_t i = 0; i < COUNT(stopwords); i++)
        if (!ng_is_stopword(stopwords[i].w, stopwords[i].len)) return 0;
    for (size_t i = 1; i < COUNT(abbrevs); i++)
        if (strcmp(abbrevs[i - 1].word.w, abbrevs[i].word.w) >= 0) return 0;
    return sorted_words(stopwords, COUNT(stopwords), STOPWORD_MAX) &&
           sorted_words(starters, COUNT(starters), 64) &&
           sorted_words(continuations, COUNT(continuations), 64);
}
