/* entities.c - the entities of a story: the tagger's spans become mentions,
 * and mentions that name the same thing are grouped into one canonical
 * entity ("Michael Posner" <- "Posner"; "United States" <- "U.S.";
 * "the Foreign Ministry" <- "Foreign Ministry"), pronouns "he"/"she" are
 * linked to the latest person, each entity gets a salience score, and each
 * quote's speaker becomes its entity's canonical name.  Words are compared
 * by their interned folded ids, so matching allocates nothing. */
#include <stdlib.h>
#include <string.h>

#include "analyze/analyze.h"
#include "text/abbrev.h"

#define NAME_MAX_TOKENS 8 /* longer spans are kept as mentions of their own */
#define ACRO_MAX 8
#define PRONOUN_REACH 3 /* sentences back a pronoun may look for its person */

/* An entity while grouping: its canonical mention's folded word ids. */
typedef struct ent {
    uint32_t ids[NAME_MAX_TOKENS];
    size_t k;
    char acro[ACRO_MAX + 1];    /* initials of a multi-word name: "us" */
    char letters[ACRO_MAX + 1]; /* an all-capitals single word: "us" for "U.S." */
    ng_str name;
    double votes[4]; /* type votes, weighted by mention length */
    size_t mentions, first, quotes;
    size_t named;   /* named mentions so far: a bare surname's salience */
    size_t last;    /* sentence of the latest named mention */
    double weight; /* sum of the mentions' position weights */
    int gender;    /* GENDER_*: from titles, roles and pronouns already linked */
    int titled;    /* a title or role named it a person ("an Australian woman") */
    int head_type; /* the type its name's words give (name_type()), or -1 */
    int head_strong; /* head_type holds even for a two-word person ("Instituto Gonzaga") */
    int org_cued;  /* a word before it named it an organization ("group Boko Haram") */
    double the_votes; /* person votes of mentions after "the" ("The Guardian"), not in votes */
    int team;         /* a mention of it plays a match (plays_match()) */
} ent;

enum { GENDER_UNKNOWN = 0, GENDER_MALE, GENDER_FEMALE };
#define RECENT_PEOPLE 8 /* persons a pronoun chooses among */

typedef NG_VEC(ent) ent_vec;

typedef struct grouping {
    ng_doc *doc;
    ent_vec ents;
    NG_VEC(ng_mention) named; /* .entity indexes ents */
    int after_the; /* the mention being added is a person-tagged name after "the" */
} grouping;

const char *ng_entity_type_name(ng_entity_type type)
{
    static const char *const names[] = {"PERSON", "ORG", "LOC", "MISC"};
    return (unsigned)type < 4 ? names[type] : "MISC";
}

static ng_str fword(const ng_doc *doc, size_t t)
{
    return ng_doc_word(doc, doc->tokens.items[t].word);
}

static int fis(const ng_doc *doc, size_t t, const char *w)
{
    ng_str s = fword(doc, t);
    return s.len == strlen(w) && !memcmp(s.ptr, w, s.len);
}

/* An entity the tagger ever called a person: it keeps matching last names
 * and taking pronouns when most of its mentions are tagged otherwise
 * ("Valeska Paris", then "Paris" tagged a place). */
static int maybe_person(const ent *e)
{
    return e->votes[NG_ENTITY_PERSON] > 0;
}

/* A name ending in a romanized East Asian given name of two syllables
 * joined by a hyphen, the second in lower case ("Yau Wai-ching", "Kim
 * Jong-un", "Ban Ki-moon"), each syllable ending as a romanized one does,
 * but not a word such as "-based" or "-led"
 * after a name (is_name_suffix()).  In CoNLL-2003's training names of two
 * or three words such an ending is a person 4 times of 5 (the fifth, "Hwang
 * Sun-ho", a boxer tagged MISC). */
static int is_name_suffix(const char *s, size_t len);
static int asian_given_name(ng_str name)
{
    size_t b = name.len;
    while (b > 0 && name.ptr[b - 1] != ' ') b--;
    const char *s = name.ptr + b;
    size_t n = name.len - b, h = 0;
    if (n < 4 || n > 12 || s[0] < 'A' || s[0] > 'Z') return 0;
    for (size_t i = 1; i < n; i++) {
        if (s[i] == '-' && !h) h = i;
        else if (s[i] < 'a' || s[i] > 'z') return 0;
    }
    /* a romanized syllable ends in a vowel or one of these ("Clinic-ing" is no name) */
    const char *ends = "aeiouynghmkpt";
    return h >= 2 && h <= 6 && h + 2 < n && strchr(ends, s[h - 1]) && strchr(ends, s[n - 1]) &&
           !is_name_suffix(s + h + 1, n - h - 1);
}

/* The type a name's words give, whatever the tagger said, or -1: the last
 * word of a longer name ("New Zealand Herald" ORG, "Fisht Stadium" LOC,
 * "Booker Prize" MISC), or a one-word name of a celestial body or an award
 * (WordNet's noun.object planets, noun.artifact awards: "Jupiter" is no
 * person, "Grammy" no place) or a news outlet ("Wikinews"); a name with
 * "of" has its head before it ("University of ..."); a name ending in an
 * East Asian given name is a person (asian_given_name()). */
static int name_type(const ng_doc *doc, const ent *e, int *strong)
{
    *strong = 1;
    static const char *const org_heads[] = {
        "party", "ministry", "company", "corporation", "corp.", "inc.", "ltd", "ltd.", "group",
        "university", "college", "council", "committee", "commission", "agency", "association",
        "foundation", "institute", "bank", "times", "post", "herald", "gazette", "journal",
        "tribune", "church", "navy", "army", "union", "league", "club", "department", "parliament",
        "police", "airlines", "airways", "organization", "organisation", "society", "authority",
        "office", "fc", "court", "senate", "congress", "news", NULL};
    static const char *const loc_heads[] = {
        "stadium", "mosque", "hall", "square", "street", "avenue", "road", "bridge", "airport",
        "park", "mountains", "mountain", "river", "lake", "sea", "ocean", "island", "islands",
        "valley", "province", "county", "towers", "tower", "palace", "memorial", "cathedral",
        "temple", "station", "desert", "bay", "peninsula", NULL};
    static const char *const misc_heads[] = {"prize", "award", "awards", "medal", "trophy", NULL};
    static const char *const loc_words[] = {"mercury", "venus", "earth", "mars", "jupiter", "saturn",
                                            "uranus", "neptune", "pluto", "ceres", NULL};
    static const char *const misc_words[] = {"grammy", "grammys", "oscars", "emmy", "emmys",
                                             "pulitzer", "bafta", "baftas", NULL};
    /* a one-word name that is an institution's word (all 40 such names in
     * CoNLL-2003's training data are organizations: "Senate", "Congress") */
    static const char *const org_words[] = {"court", "senate", "congress", "parliament", "army", "navy",
                                            "council", "commission", "ministry", NULL};
    /* the first word of a longer name that heads it: a place ("Mount",
     * "Fort", "Cape": 11 of 11 in CoNLL-2003's training data) or, in
     * Romance languages, an organization ("Instituto Gonzaga", "Banco
     * Santander": 6 of 6) */
    static const char *const loc_firsts[] = {"mount", "mt.", "fort", "cape", "masjid", NULL};
    static const char *const org_firsts[] = {"instituto", "istituto", "institut", "universidad", "universidade",
                                             "banco", "banca", "partido", "partito", "ministerio",
                                             "ministero", "grupo", "gruppo", NULL};
    static const char *const countries[] = {"United States", "United Kingdom", NULL};
    if (!e->k) return -1;
    /* "US", "U.K.": the country, whatever the tagger made of the letters */
    if (ng_word_in_list(e->name.ptr, e->name.len, countries)) return NG_ENTITY_LOC;
    ng_str w = ng_doc_word(doc, e->ids[e->k - 1]);
    if (e->k == 1) {
        if (ng_word_in_list(w.ptr, w.len, loc_words)) return NG_ENTITY_LOC;
        if (ng_word_in_list(w.ptr, w.len, misc_words)) return NG_ENTITY_MISC;
        if (ng_word_in_list(w.ptr, w.len, org_words)) return NG_ENTITY_ORG;
        if (w.len > 4 && !memcmp(w.ptr + w.len - 4, "news", 4)) return NG_ENTITY_ORG; /* "Wikinews" */
        return -1;
    }
    if (e->k <= 3 && asian_given_name(e->name)) return NG_ENTITY_PERSON;
    ng_str f = ng_doc_word(doc, e->ids[0]);
    if (ng_word_in_list(f.ptr, f.len, loc_firsts)) return NG_ENTITY_LOC;
    if (ng_word_in_list(f.ptr, f.len, org_firsts)) return NG_ENTITY_ORG;
    *strong = 0; /* a last word such as "Park" or "Hall" may be a surname */
    /* the head of "University of Southern Indiana" or "Eunice Yung of the
     * Democratic Party" is the word before "of" */
    for (size_t i = 1; i + 1 < e->k; i++)
        if (ng_doc_word(doc, e->ids[i]).len == 2 && !memcmp(ng_doc_word(doc, e->ids[i]).ptr, "of", 2)) {
            w = ng_doc_word(doc, e->ids[i - 1]);
            break;
        }
    if (ng_word_in_list(w.ptr, w.len, org_heads)) return NG_ENTITY_ORG;
    if (ng_word_in_list(w.ptr, w.len, loc_heads)) return NG_ENTITY_LOC;
    if (ng_word_in_list(w.ptr, w.len, misc_heads)) return NG_ENTITY_MISC;
    return -1;
}

/* The type most mentions vote for; but one a title or role calls a person
 * stays a person whatever the tagger thought of the other mentions
 * ("Paris" of "Valeska Paris, an Australian woman"), one a word before it
 * calls an organization stays one ("group Boko Haram"), and one whose words
 * give its type (name_type()) has that type, but for a two-word person
 * ("Lisa Park"). */
static int ent_type(const ent *e)
{
    if (e->titled && maybe_person(e)) return NG_ENTITY_PERSON;
    if (e->org_cued) return NG_ENTITY_ORG;
    /* person votes after "the" count as a person's only when another
     * mention calls it one too ("the Tom Cruise video"), else as an
     * organization's ("The Guardian") */
    double v[4] = {e->votes[0], e->votes[1], e->votes[2], e->votes[3]};
    v[v[NG_ENTITY_PERSON] > 0 ? NG_ENTITY_PERSON : NG_ENTITY_ORG] += e->the_votes;
    int best = 0;
    for (int t = 1; t < 4; t++)
        if (v[t] > v[best]) best = t;
    /* a two-word person keeps a last name such as "Park" or "Hall" */
    if (e->head_type >= 0 && (e->head_strong || !(best == NG_ENTITY_PERSON && e->k == 2))) return e->head_type;
    return best;
}

/* ------------------------------------------------------------ names */

/* A mention's name: its folded word ids and the text as written.  Usually
 * whole tokens; a hyphenated token may give only a part ("Middle East" of
 * "Middle East-style", "China" of "U.S.-China"). */
typedef struct mname {
    uint32_t ids[NAME_MAX_TOKENS];
    size_t k;
    size_t start, end; /* body offsets */
    char acro[ACRO_MAX + 1];
    char letters[ACRO_MAX + 1];
} mname;

static int is_connector(ng_str w)
{
    static const char *const words[] = {"of", "and", "the", "for", "&", "de", NULL};
    return ng_word_in_list(w.ptr, w.len, words);
}

/* Initials of a name of two or more words ("United Nations" -> "un"). */
static void initials(const ng_doc *doc, const uint32_t *ids, size_t k, char *out)
{
    size_t n = 0;
    out[0] = '\0';
    if (k < 2) return;
    for (size_t i = 0; i < k; i++) {
        ng_str w = ng_doc_word(doc, ids[i]);
        if (is_connector(w)) continue;
        if (!w.len || n == ACRO_MAX) {
            out[0] = '\0';
            return;
        }
        out[n++] = w.ptr[0];
    }
    out[n] = '\0';
    if (n < 2) out[0] = '\0';
}

/* The letters of a one-word all-capitals name ("U.S." -> "us", "NATO");
 * empty for anything else. */
static void caps_letters(const char *s, size_t len, char *out)
{
    char tmp[ACRO_MAX + 1];
    size_t n = 0;
    out[0] = '\0';
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z' && n < ACRO_MAX) tmp[n++] = (char)(c - 'A' + 'a');
        else if (c != '.') return;
    }
    if (n < 2) return;
    memcpy(out, tmp, n);
    out[n] = '\0';
}

/* The name a well-known abbreviation stands for ("us" -> "United States"),
 * or NULL. */
static const char *alias_of_letters(const char *letters)
{
    if (!strcmp(letters, "us") || !strcmp(letters, "usa")) return "United States";
    if (!strcmp(letters, "uk")) return "United Kingdom";
    if (!strcmp(letters, "un")) return "United Nations";
    if (!strcmp(letters, "eu")) return "European Union";
    return NULL;
}

/* Names that stand for another: the display name of an entity first seen
 * under one of them. */
static const char *alias_of(const ng_doc *doc, const mname *m)
{
    const char *a = alias_of_letters(m->letters);
    if (a) return a;
    if (m->k == 1) {
        ng_str w = ng_doc_word(doc, m->ids[0]);
        if (w.len == 7 && !memcmp(w.ptr, "america", 7)) return "United States";
    }
    return NULL;
}

/* Fills the acronym forms once the ids and offsets are set. */
static void finish_name(const ng_doc *doc, mname *m)
{
    initials(doc, m->ids, m->k, m->acro);
    m->letters[0] = '\0';
    if (m->k == 1) caps_letters(doc->body + m->start, m->end - m->start, m->letters);
}

/* A name from tokens [t0, t1); the last token may be cut at byte cut (an
 * offset inside it, 0 for none).  A longer name than NAME_MAX_TOKENS is
 * compared by its first words but spans all of them.  Returns 0 when out of
 * memory. */
static int name_of_tokens(ng_doc *doc, size_t t0, size_t t1, size_t cut, mname *m)
{
    memset(m, 0, sizeof *m);
    size_t words = t1 - t0 > NAME_MAX_TOKENS ? t0 + NAME_MAX_TOKENS : t1;
    for (size_t t = t0; t < words; t++) m->ids[m->k++] = doc->tokens.items[t].word;
    const ng_token *a = &doc->tokens.items[t0], *b = &doc->tokens.items[t1 - 1];
    m->start = a->start;
    m->end = cut ? cut : b->start + b->len;
    if (cut && words == t1) {
        uint32_t id = ng_doc_intern(doc, doc->body + b->start, cut - b->start);
        if (id == UINT32_MAX) return 0;
        m->ids[m->k - 1] = id;
    }
    finish_name(doc, m);
    return 1;
}

/* A name that is part of one token: body bytes [a, b). */
static int name_of_part(ng_doc *doc, size_t a, size_t b, mname *m)
{
    memset(m, 0, sizeof *m);
    uint32_t id = ng_doc_intern(doc, doc->body + a, b - a);
    if (id == UINT32_MAX) return 0;
    m->ids[0] = id;
    m->k = 1;
    m->start = a;
    m->end = b;
    finish_name(doc, m);
    return 1;
}

/* ---------------------------------------------------------- matching */

static int has_id(const ent *e, uint32_t id)
{
    for (size_t i = 0; i < e->k; i++)
        if (e->ids[i] == id) return 1;
    return 0;
}

/* Every word of the mention is in e's name. */
static int words_in(const mname *m, const ent *e)
{
    for (size_t i = 0; i < m->k; i++)
        if (!has_id(e, m->ids[i])) return 0;
    return 1;
}

/* Every word of e's name is in the mention. */
static int ent_in(const mname *m, const ent *e)
{
    if (!e->k) return 0;
    for (size_t i = 0; i < e->k; i++) {
        size_t j = 0;
        while (j < m->k && m->ids[j] != e->ids[i]) j++;
        if (j == m->k) return 0;
    }
    return 1;
}

/* e's name is the mention's last words ("Foreign Ministry" of "Chinese
 * Foreign Ministry"). */
static int ends_with(const mname *m, const ent *e)
{
    return e->k && e->k <= m->k && !memcmp(m->ids + m->k - e->k, e->ids, e->k * sizeof *e->ids);
}

/* The last words of the mention and of e's name agree ("Warhol" and "Andy
 * Warhol", not "Warhol Foundation"). */
static int same_head(const mname *m, const ent *e)
{
    return m->k && e->k && m->ids[m->k - 1] == e->ids[e->k - 1];
}

/* An abbreviation matches a name only if it is not a well-known one
 * standing for another ("US" is not "University of Sheffield"). */
static int alias_fits(const char *letters, const char *name, size_t len)
{
    const char *a = alias_of_letters(letters);
    return !a || (strlen(a) == len && !memcmp(a, name, len));
}

static int same_words(const mname *m, const ent *e)
{
    return m->k == e->k && !memcmp(m->ids, e->ids, m->k * sizeof *m->ids);
}

/* A multi-word suffix of e's name ("Foreign Ministry" of "Chinese Foreign
 * Ministry"). */
static int is_suffix(const mname *m, const ent *e)
{
    return m->k >= 2 && m->k <= e->k &&
           !memcmp(m->ids, e->ids + e->k - m->k, m->k * sizeof *m->ids);
}

/* Two full names whose first words differ and appear nowhere in the other
 * ("Jeb Bush" and "George W. Bush", "Mehrezia Labidi" and "Yassine
 * Labidi"): never one person. */
static int first_names_clash(const mname *m, const ent *e)
{
    if (m->k < 2 || e->k < 2 || m->ids[0] == e->ids[0]) return 0;
    for (size_t i = 0; i < e->k; i++)
        if (e->ids[i] == m->ids[0]) return 0;
    for (size_t i = 0; i < m->k; i++)
        if (m->ids[i] == e->ids[0]) return 0;
    return 1;
}

/* How a mention of type ty relates to e: 0 not at all, 1 it names e, 2 it
 * names e more fully (the mention becomes the canonical name).  A longer
 * name of a place or organization must end with e's name: "Chinese Foreign
 * Ministry" names "Foreign Ministry" more fully, "United States Navy" is
 * not "United States". */
static int relation(const ng_doc *doc, const mname *m, int ty, const ent *e)
{
    int ety = ent_type(e);
    if (same_words(m, e)) return 1;
    if (*m->letters && (!strcmp(m->letters, e->acro) || !strcmp(m->letters, e->letters)))
        return alias_fits(m->letters, e->name.ptr, e->name.len);
    if (*m->acro && !strcmp(m->acro, e->letters))
        return alias_fits(e->letters, doc->body + m->start, m->end - m->start) ? 2 : 0;
    if (maybe_person(e) && (ty == NG_ENTITY_PERSON || m->k == 1)) {
        if (first_names_clash(m, e)) return 0;
        if (m->k <= e->k && words_in(m, e)) return 1;
        if (ty == NG_ENTITY_PERSON && ent_in(m, e)) return 2;
    }
    if (ty == ety && ty != NG_ENTITY_PERSON) {
        if (is_suffix(m, e)) return 1;
        if (e->k >= 2 && m->k > e->k && ends_with(m, e)) return 2;
    }
    return 0;
}

static void set_name(const ng_doc *doc, ent *e, const mname *m)
{
    memcpy(e->ids, m->ids, sizeof e->ids);
    e->k = m->k;
    memcpy(e->acro, m->acro, sizeof e->acro);
    memcpy(e->letters, m->letters, sizeof e->letters);
    e->name.ptr = doc->body + m->start;
    e->name.len = m->end - m->start;
    const char *alias = alias_of(doc, m);
    if (alias) {
        e->name.ptr = alias;
        e->name.len = strlen(alias);
    }
    e->head_type = name_type(doc, e, &e->head_strong);
}

/* Only the latest ENTITY_LOOKBACK entities are tried for a mention, so that
 * a huge document costs mentions x a constant, not mentions x entities (a
 * news article has far fewer). */
#define ENTITY_LOOKBACK 512

static size_t oldest_tried(const grouping *g)
{
    return g->ents.count > ENTITY_LOOKBACK ? g->ents.count - ENTITY_LOOKBACK : 0;
}

/* The person a bare surname in sentence s names when several full names
 * end with it ("Bush" with "Jeb Bush" and "George W. Bush"): the one named
 * in this sentence or the one before, else the one named most often so far
 * (a story about Jeb calls him "Bush"), else the latest.  SIZE_MAX when
 * fewer than two persons fit. */
static size_t surname_owner(const grouping *g, const mname *m, size_t s)
{
    if (m->k != 1) return SIZE_MAX;
    size_t best = SIZE_MAX, fits = 0, recent = SIZE_MAX, oldest = oldest_tried(g);
    for (size_t i = g->ents.count; i-- > oldest;) {
        const ent *e = &g->ents.items[i];
        if (e->k < 2 || !maybe_person(e) || e->ids[e->k - 1] != m->ids[0]) continue;
        fits++;
        if (e->last + 1 >= s && (recent == SIZE_MAX || e->last > g->ents.items[recent].last)) recent = i;
        if (best == SIZE_MAX || e->named > g->ents.items[best].named) best = i;
    }
    if (fits < 2) return SIZE_MAX;
    return recent != SIZE_MAX ? recent : best;
}

/* The entity a mention in sentence s names, made or updated; its index, or
 * SIZE_MAX when out of memory.  A bare surname of several persons goes to
 * surname_owner(); otherwise the latest entity it names wins, but one
 * whose last word it shares comes first ("Warhol" is "Andy Warhol", not a
 * later "Warhol Polaroid"). */
static size_t entity_for(grouping *g, const mname *m, int ty, size_t s)
{
    ng_doc *doc = g->doc;
    size_t owner = surname_owner(g, m, s);
    if (owner != SIZE_MAX) return owner;
    size_t oldest = oldest_tried(g);
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = g->ents.count; i-- > oldest;) {
            ent *e = &g->ents.items[i];
            if (!pass && !same_head(m, e)) continue;
            int r = relation(doc, m, ty, e);
            if (r == 2) set_name(doc, e, m);
            if (r) return i;
        }
    ent e;
    memset(&e, 0, sizeof e);
    set_name(doc, &e, m);
    e.first = m->start;
    if (ng_vec_push(&doc->arena, &g->ents, e)) return SIZE_MAX;
    return g->ents.count - 1;
}

/* A line break between tokens t - 1 and t. */
static int line_break_before(const ng_doc *doc, size_t t)
{
    const ng_token *a = &doc->tokens.items[t - 1], *b = &doc->tokens.items[t];
    return memchr(doc->body + a->start + a->len, '\n', b->start - (a->start + a->len)) != NULL;
}

/* Token t opens its line or its sentence (first is the sentence's first
 * token): only quote marks and punctuation come before it. */
static int opens_sentence(const ng_doc *doc, size_t first, size_t t)
{
    for (size_t u = t; u > first; u--) {
        if (line_break_before(doc, u)) return 1;
        if (doc->tokens.items[u - 1].flags & (NG_TOKEN_WORD | NG_TOKEN_NUMBER)) return 0;
    }
    return 1;
}

/* A word that opens a sentence but never a name: a function word ("As",
 * "But"; "Will" and "May" are names too) or a sentence adverb ("Perhaps",
 * "Meanwhile"). */
static int opening_word(const ng_doc *doc, size_t t)
{
    static const char *const adverbs[] = {
        "perhaps", "however", "meanwhile", "still", "even", "although", "though", "despite",
        "instead", "yesterday", "today", "tonight", "earlier", "later", "since", "unlike", "yes",
        "according", "asked", "also", "indeed", "maybe", "besides", "hence", "thus", "like",
        "unless", "whether", "whereas", "nonetheless", "nevertheless", "moreover", "furthermore",
        "finally", "eventually", "sadly", "luckily", "fortunately", "unfortunately", "ironically",
        "dear", "hey", "oh", "well", "please", "thanks", "sorry", "congratulations", "welcome", NULL};
    ng_str w = fword(doc, t);
    if (fis(doc, t, "will") || fis(doc, t, "may")) return 0;
    return ng_is_stopword(w.ptr, w.len) || ng_word_in_list(w.ptr, w.len, adverbs);
}

/* Drops a leading "the", a word that opens the sentence but no name
 * ("Perhaps Smith", "As Obama"; first is the sentence's first token), and
 * trailing possessives and punctuation. */
static int clean_span(const ng_doc *doc, size_t first, size_t *t0, size_t *t1)
{
    while (*t0 < *t1 && fis(doc, *t0, "the")) (*t0)++;
    while (*t0 + 1 < *t1 && opens_sentence(doc, first, *t0) && opening_word(doc, *t0)) (*t0)++;
    while (*t0 < *t1 && fis(doc, *t0, "the")) (*t0)++;
    while (*t1 > *t0 && (fis(doc, *t1 - 1, "'s") || fis(doc, *t1 - 1, "'") ||
                         !(doc->tokens.items[*t1 - 1].flags & (NG_TOKEN_WORD | NG_TOKEN_NUMBER))))
        (*t1)--;
    return *t1 > *t0;
}

/* A lower-case word written after a name and a hyphen that is no part of
 * the name: a participle ("-based", "-led") or a word such as "-style";
 * not the second part of a name ("Wai-ching"). */
static int is_name_suffix(const char *s, size_t len)
{
    static const char *const words[] = {"style", "era", "born", "made", "like", "type", "run",
                                        "bound", "held", "friendly", "free", "wide", "area", "class",
                                        "level", "speaking", "inspired", "themed", "bred", "winning",
                                        "winner", "winners", "owned", "led", "based", "backed", NULL};
    if (len > 3 && !memcmp(s + len - 2, "ed", 2)) return 1;
    return ng_word_in_list(s, len, words);
}

/* Where a token's lower-case hyphen suffix starts ("East-style" -> the
 * hyphen), or 0. */
static size_t suffix_cut(const ng_doc *doc, size_t t)
{
    const ng_token *tk = &doc->tokens.items[t];
    const char *s = doc->body + tk->start;
    for (size_t i = tk->len; i-- > 1;)
        if (s[i] == '-')
            return i + 1 < tk->len && s[i + 1] >= 'a' && s[i + 1] <= 'z' &&
                           is_name_suffix(s + i + 1, tk->len - i - 1)
                       ? tk->start + i
                       : 0;
    return 0;
}

/* Where a one-token name joins two names ("U.S.-China" -> the hyphen), or
 * 0. */
static size_t compound_cut(const ng_doc *doc, size_t t)
{
    const ng_token *tk = &doc->tokens.items[t];
    const char *s = doc->body + tk->start;
    for (size_t i = 1; i + 1 < tk->len; i++)
        if (s[i] == '-' && s[i + 1] >= 'A' && s[i + 1] <= 'Z') return tk->start + i;
    return 0;
}

/* A prefix written before a hyphen and a name ("pro-Beijing",
 * "anti-American", "non-Muslim"). */
static int is_word_prefix(const char *s, size_t len)
{
    static const char *const words[] = {"pro", "anti", "non", "ex", "pre", "post", "mid", "neo", "pan", NULL};
    return ng_word_in_list(s, len, words);
}

/* Position weight: mentions near the top of a story count more. */
static double position_weight(size_t sentence)
{
    return 1.0 + 2.0 / (1.0 + (double)sentence);
}

static ng_status add_mention(grouping *g, const mname *m, int type, size_t sentence)
{
    size_t e = entity_for(g, m, type, sentence);
    if (e == SIZE_MAX) return NG_E_NOMEM;
    ent *x = &g->ents.items[e];
    if (g->after_the) x->the_votes += (double)m->k;
    else x->votes[type] += (double)m->k;
    x->mentions++;
    x->named++;
    x->last = sentence;
    x->weight += position_weight(sentence);
    ng_mention mm = {m->start, m->end, e, 0};
    return ng_vec_push(&g->doc->arena, &g->named, mm) ? NG_E_NOMEM : NG_OK;
}

/* One tagged span: usually one mention; "U.S.-China" gives two,
 * "pro-Beijing" the name "Beijing" and "Middle East-style" the place "Middle
 * East". */
static ng_status add_span(grouping *g, size_t t0, size_t t1, int type, size_t sentence)
{
    ng_doc *doc = g->doc;
    mname m;
    size_t cut = t1 - t0 == 1 ? compound_cut(doc, t0) : 0;
    const ng_token *tk = &doc->tokens.items[t0];
    /* a lower-case first part is no name: "pro-Beijing" names Beijing only,
     * "al-Qaeda" is one name */
    int lower = cut && doc->body[tk->start] >= 'a' && doc->body[tk->start] <= 'z';
    if (lower && !is_word_prefix(doc->body + tk->start, cut - tk->start)) cut = 0;
    if (cut) {
        if (!lower) {
            if (!name_of_part(doc, tk->start, cut, &m)) return NG_E_NOMEM;
            ng_status st = add_mention(g, &m, type, sentence);
            if (st != NG_OK) return st;
        }
        size_t b = tk->start + tk->len, c2 = suffix_cut(doc, t0);
        if (c2 > cut) b = c2;
        if (!name_of_part(doc, cut + 1, b, &m)) return NG_E_NOMEM;
        return add_mention(g, &m, type, sentence);
    }
    cut = suffix_cut(doc, t1 - 1);
    if (cut == doc->tokens.items[t1 - 1].start) cut = 0;
    if (!name_of_tokens(doc, t0, t1, cut, &m)) return NG_E_NOMEM;
    /* "X-style", "X-based": X is a place more often than not */
    if (cut && type == NG_ENTITY_MISC) type = NG_ENTITY_LOC;
    return add_mention(g, &m, type, sentence);
}

/* A person's role written just before a name ("spokesman Hong Lei",
 * "activist Teng Biao"): the name is a person whatever the tagger says. */
static int after_role(const ng_doc *doc, size_t t0)
{
    static const char *const roles[] = {
        "spokesman", "spokeswoman", "spokesperson", "leader", "minister", "president",
        "secretary", "official", "diplomat", "lawyer", "activist", "artist", "director",
        "chairman", "senator", "mr.", "mrs.", "ms.", "dr.", "sen.", "rep.", "gov.", "judge",
        "coach", "actor", "actress", "singer", "writer", "author", "professor", "dissident",
        "wife", "husband", "son", "daughter", "brother", "sister", "governor", "mayor", "king",
        "queen", "pope", "gen.", "general", "captain", "capt.", "ceo", "founder", "candidate",
        "chancellor", "premier", "prince", "princess", "commander", "rapper", "striker",
        "goalkeeper", "midfielder", "pastor", "rabbi", "imam", "cardinal", "bishop", "detective", "apostle",
        "sheriff", "sgt.", "lt.", "col.", NULL};
    if (t0 == 0) return 0;
    for (size_t i = 0; roles[i]; i++)
        if (fis(doc, t0 - 1, roles[i])) return 1;
    return 0;
}

/* A word for an organization written just before a name ("militant group
 * Boko Haram", "the company Uber", "broadcaster RTL"): the name is an
 * organization whatever the tagger says. */
static int after_org_word(const ng_doc *doc, size_t t0)
{
    static const char *const words[] = {
        "company", "group", "firm", "party", "organization", "organisation", "agency", "militia",
        "network", "bank", "newspaper", "broadcaster", "airline", "retailer", "charity", "club",
        "band", "outfit", "maker", "giant", "startup", "carrier", "insurer", "automaker",
        "movement", "faction", "publisher", "daily", "conglomerate", "regulator", NULL};
    if (t0 == 0) return 0;
    ng_str w = fword(doc, t0 - 1);
    return ng_word_in_list(w.ptr, w.len, words);
}

/* The gender a role or title word gives ("Mrs.", "wife", "spokesman"). */
static int role_gender(const ng_doc *doc, size_t t)
{
    static const char *const male[] = {"mr.", "mr", "sir", "king", "prince", "father", "brother",
                                       "son", "husband", "spokesman", "chairman", "actor",
                                       "businessman", "congressman", "boyfriend", "uncle", "nephew",
                                       "grandfather", "dad", "monsieur", "lord", "man", "boy",
                                       "widower", "grandson", "stepfather", NULL};
    static const char *const female[] = {"mrs.", "mrs", "ms.", "ms", "miss", "lady", "queen",
                                         "princess", "mother", "sister", "daughter", "wife",
                                         "spokeswoman", "chairwoman", "actress", "businesswoman",
                                         "congresswoman", "girlfriend", "aunt", "niece",
                                         "grandmother", "mom", "madame", "dame", "woman", "girl",
                                         "widow", "granddaughter", "stepmother", NULL};
    for (size_t i = 0; male[i]; i++)
        if (fis(doc, t, male[i])) return GENDER_MALE;
    for (size_t i = 0; female[i]; i++)
        if (fis(doc, t, female[i])) return GENDER_FEMALE;
    return GENDER_UNKNOWN;
}

/* A person's gender from the words around a mention [t0, t1): a title or
 * role just before it, or an apposition just after (", the wife of", ", an
 * Australian woman": up to two words before the role). */
static int gender_near(const ng_doc *doc, size_t t0, size_t t1)
{
    int g = t0 > 0 ? role_gender(doc, t0 - 1) : GENDER_UNKNOWN;
    if (g || t1 + 1 >= doc->tokens.count || !fis(doc, t1, ",")) return g;
    size_t t = t1 + 1;
    if (t + 1 < doc->tokens.count && (fis(doc, t, "the") || fis(doc, t, "a") || fis(doc, t, "an") ||
                                      fis(doc, t, "his") || fis(doc, t, "her") || fis(doc, t, "their")))
        t++;
    for (size_t k = 0; k < 3 && t + k < doc->tokens.count; k++) {
        const ng_token *tk = &doc->tokens.items[t + k];
        if (!(tk->flags & NG_TOKEN_WORD) || (k && (tk->flags & NG_TOKEN_STOP))) break;
        if ((g = role_gender(doc, t + k))) return g;
    }
    return GENDER_UNKNOWN;
}

static int is_number(const ng_doc *doc, size_t t)
{
    return t < doc->tokens.count && (doc->tokens.items[t].flags & NG_TOKEN_NUMBER);
}

static int is_dash(const ng_doc *doc, size_t t)
{
    return t < doc->tokens.count && (fis(doc, t, "-") || fis(doc, t, "\xe2\x80\x93") || fis(doc, t, "\xe2\x80\x94"));
}

/* A score at tokens [t, ...): "1 - 0", "3-0", "1 \xe2\x80\x93 2". */
static int score_at(const ng_doc *doc, size_t t)
{
    if (is_number(doc, t) && is_dash(doc, t + 1) && is_number(doc, t + 2)) return 1;
    if (t >= doc->tokens.count || !is_number(doc, t)) return 0;
    ng_str w = fword(doc, t);
    return memchr(w.ptr, '-', w.len) != NULL;
}

/* A score ending just before token t, or before "to" or "against" there
 * ("lost 1 - 2 to England"). */
static int score_before(const ng_doc *doc, size_t t)
{
    if (t >= 1 && (fis(doc, t - 1, "to") || fis(doc, t - 1, "against"))) t--;
    if (t >= 3 && score_at(doc, t - 3)) return 1;
    return t >= 1 && is_number(doc, t - 1) && memchr(fword(doc, t - 1).ptr, '-', fword(doc, t - 1).len);
}

/* A word for a part of an organization written just after a name
 * ("Facebook creator Mark Zuckerberg", "Google's headquarters",
 * "al-Ikhbariya television"): the name is an organization. */
static int before_org_word(const ng_doc *doc, size_t t1)
{
    static const char *const words[] = {
        "ceo", "founder", "co-founder", "creator", "spokesman", "spokeswoman", "spokesperson",
        "executive", "executives", "chairman", "chairwoman", "headquarters", "shares", "employees",
        "subsidiary", "boss", "television", "tv", "radio", "stock", "shareholders", NULL};
    if (t1 < doc->tokens.count && (fis(doc, t1, "'s") || fis(doc, t1, "\xe2\x80\x99s"))) t1++;
    if (t1 >= doc->tokens.count) return 0;
    ng_str w = fword(doc, t1);
    return ng_word_in_list(w.ptr, w.len, words);
}

/* A word for the members of an armed group written just after a name
 * ("Boko Haram militants"): a name of two or more words the tagger took
 * for a person is an organization. */
static int before_members_word(const ng_doc *doc, size_t t1)
{
    static const char *const words[] = {"militants", "fighters", "insurgents", "gunmen", "jihadists",
                                        "extremists", "rebels", "militia", "militiamen", NULL};
    if (t1 >= doc->tokens.count) return 0;
    ng_str w = fword(doc, t1);
    return ng_word_in_list(w.ptr, w.len, words);
}

/* A place name [t0, t1) that names a team playing a match: next to a
 * score ("Sweden 1 - 0 Korea"), or the subject of a match verb followed by
 * another name or a score ("Sweden defeated South Korea", "Tunisia lost
 * 1 - 2 to England").  Teams are organizations. */
static int plays_match(const ng_doc *doc, size_t t0, size_t t1)
{
    static const char *const verbs[] = {"defeated", "beat", "beats", "drew", "faced", "edged",
                                        "thrashed", "routed", "eliminated", "trounced", "lost",
                                        "won", "draws", "tied", "hammered", "stunned", NULL};
    if (score_at(doc, t1) || score_before(doc, t0)) return 1;
    if (t1 >= doc->tokens.count) return 0;
    ng_str w = fword(doc, t1);
    if (!ng_word_in_list(w.ptr, w.len, verbs)) return 0;
    for (size_t t = t1 + 1; t < t1 + 4 && t < doc->tokens.count; t++)
        if (score_at(doc, t) || (doc->tokens.items[t].flags & NG_TOKEN_CAPITAL)) return 1;
    return 0;
}

/* "the" before a name [t0, t1) the tagger called a person: in CoNLL-2003's
 * training data 25 of 1,839 names after "the" are persons, 711
 * organizations ("The Guardian reported").  Not when a lower-case word
 * other than a verb follows: the name then modifies a noun ("the Obama
 * administration", "the Tom Cruise video", "the Koch brothers").  Even so
 * such a mention's vote is kept apart (ent_type()). */
static int after_the(const ng_doc *doc, size_t first, size_t t0, size_t t1)
{
    static const char *const verbs[] = {"has", "had", "is", "was", "said", "says", "will", "would", NULL};
    if (t0 <= first || !fis(doc, t0 - 1, "the")) return 0;
    if (after_role(doc, t0 + 1)) return 0; /* a title: "the King", "the Pope Emeritus" */
    if (t1 >= doc->tokens.count || !(doc->tokens.items[t1].flags & NG_TOKEN_WORD)) return 1;
    const char *s = doc->body + doc->tokens.items[t1].start;
    if (*s < 'a' || *s > 'z') return 1;
    ng_str w = fword(doc, t1);
    return (w.len > 3 && !memcmp(w.ptr + w.len - 2, "ed", 2)) || ng_word_in_list(w.ptr, w.len, verbs);
}

/* One tagged span [t0, t1) of sentence s (first: its first token) of the
 * tagger's type, cleaned, as a mention; a role or title makes it a
 * person. */
static ng_status add_tagged(grouping *g, size_t first, size_t t0, size_t t1, int type, size_t s)
{
    if (!clean_span(g->doc, first, &t0, &t1)) return NG_OK;
    int gd = gender_near(g->doc, t0, t1);
    int org = 0;
    if (type != NG_ENTITY_PERSON && t1 - t0 <= 3 && (gd || after_role(g->doc, t0))) type = NG_ENTITY_PERSON;
    else if (t1 - t0 <= 4 && after_org_word(g->doc, t0)) type = NG_ENTITY_ORG, org = 1;
    else if (type != NG_ENTITY_PERSON && plays_match(g->doc, t0, t1)) type = NG_ENTITY_ORG, org = 2;
    else if (type == NG_ENTITY_MISC && t1 - t0 <= 3 && before_org_word(g->doc, t1)) type = NG_ENTITY_ORG, org = 1;
    else if (type == NG_ENTITY_PERSON && t1 - t0 >= 2 && t1 - t0 <= 4 && before_members_word(g->doc, t1))
        type = NG_ENTITY_ORG, org = 1;
    g->after_the = type == NG_ENTITY_PERSON && !gd && after_the(g->doc, first, t0, t1);
    ng_status st = add_span(g, t0, t1, type, s);
    g->after_the = 0;
    if (st != NG_OK) return st;
    ent *e = &g->ents.items[g->named.items[g->named.count - 1].entity];
    if (type == NG_ENTITY_PERSON && !e->gender) e->gender = gd;
    if (type == NG_ENTITY_PERSON && gd) e->titled = 1;
    if (org) e->org_cued = 1;
    if (org == 2) e->team = 1;
    return NG_OK;
}

/* The tagged spans of sentence s; a span that runs across a line break (a
 * credit line glued to a name) is two names. */
static ng_status add_named(grouping *g, const ng_ner_input *in, size_t s, ng_ner_span *sp)
{
    const ng_ner_sentence *se = &in->sents[s];
    size_t k = ng_ner_spans(in->tags + se->first, se->n, sp, se->n);
    for (size_t i = 0; i < k && i < se->n; i++) {
        size_t t0 = se->first + sp[i].start, t1 = se->first + sp[i].end;
        for (size_t t = t0 + 1; t < t1; t++) {
            if (!line_break_before(g->doc, t)) continue;
            ng_status st = add_tagged(g, se->first, t0, t, sp[i].type, s);
            if (st != NG_OK) return st;
            t0 = t;
        }
        ng_status st = add_tagged(g, se->first, t0, t1, sp[i].type, s);
        if (st != NG_OK) return st;
    }
    return NG_OK;
}

/* A one-word place that ends the name of a team of the story ("Korea" of
 * "South Korea", which "Sweden defeated South Korea 1 - 0" made a team) is
 * that team too: "Korea substituted Park Joo-Ho".  Only the first
 * TEAMS_MAX teams are looked at (a story has a few). */
#define TEAMS_MAX 32
static void same_team_words(grouping *g)
{
    uint32_t last[TEAMS_MAX];
    size_t n = 0;
    for (size_t i = 0; i < g->ents.count && n < TEAMS_MAX; i++) {
        const ent *e = &g->ents.items[i];
        if (e->team && e->k >= 2) last[n++] = e->ids[e->k - 1];
    }
    for (size_t i = 0; n && i < g->ents.count; i++) {
        ent *e = &g->ents.items[i];
        if (e->k != 1 || e->org_cued || ent_type(e) != NG_ENTITY_LOC) continue;
        for (size_t j = 0; j < n; j++)
            if (last[j] == e->ids[0]) e->org_cued = e->team = 1;
    }
}

/* ---------------------------------------------------------- pronouns */

/* The gender of a personal pronoun, or GENDER_UNKNOWN for other words. */
static int pronoun_gender(const ng_doc *doc, size_t t)
{
    if (fis(doc, t, "he") || fis(doc, t, "him") || fis(doc, t, "his")) return GENDER_MALE;
    if (fis(doc, t, "she") || fis(doc, t, "her")) return GENDER_FEMALE;
    return GENDER_UNKNOWN;
}

/* An entity "he" and "she" may refer to: one the tagger ever called a
 * person, unless its words or a word before it say it is something else
 * ("Grammy", "group Boko Haram"). */
static int takes_pronouns(const ent *e)
{
    double all = e->votes[0] + e->votes[1] + e->votes[2] + e->votes[3];
    return maybe_person(e) && (ent_type(e) == NG_ENTITY_PERSON ||
                               (e->head_type < 0 && !e->org_cued && 4 * e->votes[NG_ENTITY_PERSON] >= all));
}

/* Persons named lately, most recent last, with the sentence of their
 * latest mention. */
typedef struct recent {
    size_t entity[RECENT_PEOPLE], sentence[RECENT_PEOPLE];
    size_t n;
} recent;

static void note_person(recent *r, size_t e, size_t s)
{
    size_t i = 0;
    while (i < r->n && r->entity[i] != e) i++;
    if (i == r->n && r->n == RECENT_PEOPLE) i = 0; /* forget the oldest */
    else if (i == r->n) r->n++;
    memmove(r->entity + i, r->entity + i + 1, (r->n - 1 - i) * sizeof *r->entity);
    memmove(r->sentence + i, r->sentence + i + 1, (r->n - 1 - i) * sizeof *r->sentence);
    r->entity[r->n - 1] = e;
    r->sentence[r->n - 1] = s;
}

/* The person a pronoun of gender gd in sentence s refers to: the latest
 * one of a compatible gender named earlier in the same sentence; else the
 * latest of that gender named at most PRONOUN_REACH sentences before; else
 * the latest of unknown gender; SIZE_MAX for none. */
static size_t antecedent(const grouping *g, const recent *r, int gd, size_t s)
{
    size_t unknown = SIZE_MAX;
    for (size_t i = r->n; i-- > 0;) {
        if (s - r->sentence[i] > PRONOUN_REACH) break;
        int eg = g->ents.items[r->entity[i]].gender;
        if (r->sentence[i] == s && (eg == gd || eg == GENDER_UNKNOWN)) return r->entity[i];
        if (eg == gd) return r->entity[i];
        if (eg == GENDER_UNKNOWN && unknown == SIZE_MAX) unknown = r->entity[i];
    }
    return unknown;
}

/* Adds pronoun mentions ("he", "her") linked to a person named at most
 * PRONOUN_REACH sentences before (see antecedent()), merging them into body
 * order; a linked pronoun gives its person a gender. */
static ng_status link_pronouns(grouping *g)
{
    ng_doc *doc = g->doc;
    size_t nnamed = g->named.count, next = 0;
    recent r = {{0}, {0}, 0};
    doc->mentions.count = 0;
    for (size_t s = 0; s < doc->sentences.count; s++) {
        const ng_sentence *se = &doc->sentences.items[s];
        for (size_t t = se->first_token; t < se->first_token + se->token_count; t++) {
            size_t off = doc->tokens.items[t].start;
            while (next < nnamed && g->named.items[next].start <= off) {
                ng_mention m = g->named.items[next++];
                if (ng_vec_push(&doc->arena, &doc->mentions, m)) return NG_E_NOMEM;
                if (takes_pronouns(&g->ents.items[m.entity])) note_person(&r, m.entity, s);
            }
            int gd = pronoun_gender(doc, t);
            size_t e = gd ? antecedent(g, &r, gd, s) : SIZE_MAX;
            if (e == SIZE_MAX) continue;
            const ng_token *tk = &doc->tokens.items[t];
            ng_mention m = {tk->start, tk->start + tk->len, e, 1};
            if (ng_vec_push(&doc->arena, &doc->mentions, m)) return NG_E_NOMEM;
            ent *x = &g->ents.items[e];
            x->mentions++;
            x->weight += 0.5 * position_weight(s);
            if (!x->gender) x->gender = gd;
        }
    }
    while (next < nnamed)
        if (ng_vec_push(&doc->arena, &doc->mentions, g->named.items[next++])) return NG_E_NOMEM;
    return NG_OK;
}

/* ------------------------------------------------------------ speakers */

/* The last named mention overlapping body bytes [a, b), or SIZE_MAX: the
 * name that heads a speaker written with words before it ("Monohm CEO
 * Aubrey Anderson").  The mentions are in body order: a binary search finds
 * the first that starts at most MENTION_REACH bytes before a (no name is
 * that long), so a quote costs log(mentions), not mentions. */
#define MENTION_REACH 1024
static size_t mention_at(const ng_doc *doc, size_t a, size_t b)
{
    size_t from = a > MENTION_REACH ? a - MENTION_REACH : 0, lo = 0, hi = doc->mentions.count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (doc->mentions.items[mid].start < from) lo = mid + 1;
        else hi = mid;
    }
    size_t last = SIZE_MAX;
    for (size_t i = lo; i < doc->mentions.count && doc->mentions.items[i].start < b; i++) {
        const ng_mention *m = &doc->mentions.items[i];
        if (!m->pronoun && a < m->end) last = i;
    }
    return last;
}

/* The last word of s: after its last space. */
static ng_str last_word(ng_str s)
{
    size_t b = s.len;
    while (b > 0 && s.ptr[b - 1] != ' ') b--;
    ng_str w = {s.ptr + b, s.len - b};
    return w;
}

/* The rules' speaker name s and a canonical name n of two or more words end
 * in the same word: s has words before the person's full name or first
 * name ("When George W. Bush", "Police Chief Keizo Okumoto", "Whether
 * Waring" of "Kyle Waring"), while an entity named by one word only may
 * have cut the name short ("Ben Brumfield" of "Brumfield"). */
static int same_person_name(ng_str s, ng_str n)
{
    ng_str a = last_word(s), b = last_word(n);
    return b.len < n.len && a.len == b.len && !memcmp(a.ptr, b.ptr, a.len);
}

/* The rules' speaker name s is an entity's name n after a function word
 * that opened the sentence ("While AMC", "But Iran"). */
static int after_function_word(ng_str s, ng_str n)
{
    const char *sp = memchr(s.ptr, ' ', s.len);
    if (!sp || (size_t)(sp - s.ptr) + 1 + n.len != s.len || memcmp(sp + 1, n.ptr, n.len)) return 0;
    return ng_is_stopword(s.ptr, (size_t)(sp - s.ptr));
}

/* A quote's speaker, found by quotes.c in the body, becomes the canonical
 * name of the person entity it mentions when that is as long, or when it
 * names the same person in full (same_person_name()); of any entity when
 * the rules' name is it after a function word (after_function_word()). */
static void resolve_speakers(grouping *g)
{
    ng_doc *doc = g->doc;
    for (size_t i = 0; i < doc->quotes.count; i++) {
        ng_quote *q = &doc->quotes.items[i];
        if (!q->speaker.len || q->speaker.ptr < doc->body || q->speaker.ptr >= doc->body + doc->body_len)
            continue;
        size_t a = (size_t)(q->speaker.ptr - doc->body);
        size_t m = mention_at(doc, a, a + q->speaker.len);
        if (m == SIZE_MAX) continue;
        ent *e = &g->ents.items[doc->mentions.items[m].entity];
        e->quotes++;
        if (ent_type(e) == NG_ENTITY_PERSON && (e->name.len >= q->speaker.len || same_person_name(q->speaker, e->name)))
            q->speaker = e->name;
        else if (after_function_word(q->speaker, e->name))
            q->speaker = e->name;
    }
}

/* ------------------------------------------------------------ salience */

static int in_headline(const ng_doc *doc, ng_str name)
{
    ng_str h = doc->fields[NG_FIELD_HEADLINE];
    if (!h.len || !name.len) return 0;
    const char *last = name.ptr + name.len;
    const char *sp = last;
    while (sp > name.ptr && sp[-1] != ' ') sp--;
    size_t n = (size_t)(last - sp);
    for (size_t i = 0; n && i + n <= h.len; i++)
        if (!memcmp(h.ptr + i, sp, n)) return 1;
    return 0;
}

typedef struct ranked {
    double weight;
    size_t first, index;
} ranked;

static int by_salience(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    if (x->weight != y->weight) return x->weight < y->weight ? 1 : -1;
    return (x->first > y->first) - (x->first < y->first);
}

/* Writes the entities, most salient first, into the document and renumbers
 * the mentions to match. */
static ng_status publish(grouping *g)
{
    ng_doc *doc = g->doc;
    size_t n = g->ents.count;
    ranked *order = ng_arena_alloc(&doc->arena, (n ? n : 1) * sizeof *order);
    size_t *rank = ng_arena_alloc(&doc->arena, (n ? n : 1) * sizeof *rank);
    if (!order || !rank) return NG_E_NOMEM;
    double top = 0;
    for (size_t i = 0; i < n; i++) {
        ent *e = &g->ents.items[i];
        e->weight += (double)e->quotes + (in_headline(doc, e->name) ? 3.0 : 0.0);
        if (e->weight > top) top = e->weight;
        ranked r = {e->weight, e->first, i};
        order[i] = r;
    }
    qsort(order, n, sizeof *order, by_salience);
    doc->entities.count = 0;
    if (ng_vec_reserve(&doc->arena, &doc->entities, n ? n : 1)) return NG_E_NOMEM;
    for (size_t r = 0; r < n; r++) {
        const ent *e = &g->ents.items[order[r].index];
        ng_entity x = {e->name, (ng_entity_type)ent_type(e), e->mentions, e->first,
                       top > 0 ? e->weight / top : 0};
        doc->entities.items[doc->entities.count++] = x;
        rank[order[r].index] = r;
    }
    for (size_t i = 0; i < doc->mentions.count; i++)
        doc->mentions.items[i].entity = rank[doc->mentions.items[i].entity];
    return NG_OK;
}

ng_status ng_group_entities(ng_doc *doc, const ng_ner_input *in, ng_error *err)
{
    grouping g;
    memset(&g, 0, sizeof g);
    g.doc = doc;
    size_t longest = 1;
    for (size_t s = 0; s < in->nsent; s++)
        if (in->sents[s].n > longest) longest = in->sents[s].n;
    ng_ner_span *sp = ng_arena_alloc(&doc->arena, longest * sizeof *sp);
    ng_status st = sp ? NG_OK : NG_E_NOMEM;
    for (size_t s = 0; st == NG_OK && s < in->nsent; s++) st = add_named(&g, in, s, sp);
    if (st == NG_OK) st = link_pronouns(&g);
    if (st == NG_OK) same_team_words(&g);
    if (st == NG_OK) resolve_speakers(&g);
    if (st == NG_OK) st = publish(&g);
    if (st != NG_OK) return ng_fail(err, st, 0, "analyze: out of memory grouping entities");
    return NG_OK;
}
