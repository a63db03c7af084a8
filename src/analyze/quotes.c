/* quotes.c - direct quotations and their speakers, by rules over the
 * segmented body: quote marks pair up per paragraph, then each quote looks
 * for an attribution (a verb of saying and its subject) in its sentence,
 * and names are made canonical against the capitalised runs of the body.
 * Reported speech: the rules' frames and every verb of saying or learned
 * cue word propose candidates in each sentence (ng_rep_candidates), and
 * the learned classifier of reported.h picks among them. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/quotes.h"
#include "analyze/reported.h"
#include "core/doc.h"
#include "core/hash.h"
#include "text/abbrev.h"

/* A pair of marks found in the body, before any rule looks at it. */
typedef struct qspan {
    size_t open, start, end, close; /* mark, text [start, end), after the close */
    size_t para;
    int cont_next; /* left open at the paragraph's end, continued next */
    int cont_prev; /* continues the previous paragraph's open quote */
} qspan;

/* Attribution tokens: mention [m0, m1), cue [c0, c1). */
typedef struct attrib {
    size_t m0, m1, c0, c1;
    int found;
} attrib;

typedef struct qstate {
    ng_doc *doc;
    qspan *spans;
    size_t nspans;
    ng_str last_person; /* the latest resolved full name */
    ng_str *names;      /* longest_name() of each word id, made once */
    size_t nnames;
    size_t name_upto;   /* name_memo is full_name_before(doc, 0, name_upto) */
    size_t name_end;    /* the token after name_memo's run (0: none) */
    ng_str name_memo;
} qstate;

static const char *const titles[] = {
    "the", "a", "an", "u.s.", "u.n.", "secretary", "state", "assistant", "foreign",
    "ministry", "minister", "spokesman", "spokeswoman", "president", "leader", "chinese",
    "american", "prime", "sen.", "senator", "rep.", "gov.", "governor", "mr.", "mrs.",
    "ms.", "dr.", "gen.", "general", "judge", "mayor", "chief", "director", "detective",
    "officer", "chairman", "deputy", "vice", "former", "revered", "artist", "critic",
    "laureate", "lawyer", "lawyers", "professor", "prof.", "ambassador", "coach", "captain",
    "inspector", "commissioner", "administrator", "chancellor", "premier", "bishop", "rev.",
    "sgt.", "lt.", "col.", "capt.", "emeritus", "councillor", "councilman", "councilwoman", NULL};

/* Plural nouns that open a sentence capitalised ("Critics said ..."): a
 * speaker mention, never a name. */
static const char *const groups[] = {
    "critics", "officials", "analysts", "experts", "residents", "police", "witnesses",
    "authorities", "protesters", "doctors", "scientists", "researchers", "investigators",
    "prosecutors", "observers", "supporters", "opponents", "lawmakers", "economists",
    "officers", "activists", "sources", "organizers", "organisers", "volunteers", "parents",
    "teachers", "students", "workers", "farmers", "fans", "locals", "villagers", "others",
    "many", "some", "both", "neighbours", "neighbors", NULL};

/* Words that end a noun phrase after the cue ("the crowd outside ..."). */
static const char *const preps[] = {"outside", "inside", "near", "behind", "beside", "across",
                                    "around", "after", "before", "during", "at", "in", "on",
                                    "from", "with", "for", "of", "to", "by", NULL};

static const char *const pronouns[] = {"he", "she", "they", "we", "i", "it", "you", NULL};
static const char *const clause_words[] = {"that", "where", "when", "who", "which", "while",
                                           "because", "as", "but", "if", "after", NULL};

static int in_list(ng_str w, const char *const *list)
{
    return ng_word_in_list(w.ptr, w.len, list);
}

static ng_str tword(const ng_doc *doc, size_t i)
{
    return ng_doc_word(doc, doc->tokens.items[i].word);
}

/* Word classes memoized per word id in doc->cue_kinds during the pass
 * (each class list is searched once per distinct word, not per token). */
enum {
    C_KIND = 3,      /* ng_quote_cue_kind() */
    C_JOINT = 8,     /* joints */
    C_PREP = 16,     /* preps */
    C_AUX = 32,      /* auxiliaries */
    C_PRONOUN = 64,  /* pronouns */
    C_KNOWN = 128    /* looked up */
};

static unsigned word_classes(ng_str w, int cue);

static unsigned classes(const ng_doc *doc, size_t i)
{
    uint32_t id = doc->tokens.items[i].word;
    unsigned char *memo = doc->cue_kinds && id < doc->words.words.count ? &doc->cue_kinds[id] : NULL;
    if (memo && *memo) return *memo;
    uint32_t f = doc->tokens.items[i].flags;
    unsigned c = word_classes(tword(doc, i), (f & (NG_TOKEN_WORD | NG_TOKEN_STOP)) == NG_TOKEN_WORD);
    if (memo) *memo = (unsigned char)c;
    return c;
}

static int has_class(const ng_doc *doc, size_t i, unsigned c)
{
    return (classes(doc, i) & c) != 0;
}

/* A verb of saying (models/cues.txt, see cues.c). */
static int is_cue(const ng_doc *doc, size_t i)
{
    uint32_t f = doc->tokens.items[i].flags;
    if ((f & (NG_TOKEN_WORD | NG_TOKEN_STOP)) != NG_TOKEN_WORD) return 0; /* no function word is a cue */
    return (classes(doc, i) & C_KIND) != 0;
}

static int tis(const ng_doc *doc, size_t i, const char *w)
{
    ng_str s = tword(doc, i);
    return s.len == strlen(w) && !memcmp(s.ptr, w, s.len);
}

static uint32_t tflags(const ng_doc *doc, size_t i)
{
    return doc->tokens.items[i].flags;
}

static int is_word(const ng_doc *doc, size_t i)
{
    return (tflags(doc, i) & NG_TOKEN_WORD) != 0;
}

static int is_cap(const ng_doc *doc, size_t i)
{
    return (tflags(doc, i) & (NG_TOKEN_WORD | NG_TOKEN_CAPITAL)) == (NG_TOKEN_WORD | NG_TOKEN_CAPITAL);
}

static int is_adverb(const ng_doc *doc, size_t i)
{
    ng_str w = tword(doc, i);
    if (w.len > 3 && !memcmp(w.ptr + w.len - 2, "ly", 2)) return 1;
    return tis(doc, i, "also") || tis(doc, i, "then") || tis(doc, i, "later") ||
           tis(doc, i, "has") || tis(doc, i, "had") || tis(doc, i, "have") || tis(doc, i, "once");
}

/* The sentence that holds body offset off (the last one starting at or
 * before it). */
static size_t sent_of(const ng_doc *doc, size_t off)
{
    size_t lo = 0, hi = doc->sentences.count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (doc->sentences.items[mid].start <= off) lo = mid + 1;
        else hi = mid;
    }
    return lo ? lo - 1 : 0;
}

static ng_str tok_span(const ng_doc *doc, size_t t0, size_t t1)
{
    ng_str s = {NULL, 0};
    if (t0 >= t1) return s;
    const ng_token *a = &doc->tokens.items[t0], *b = &doc->tokens.items[t1 - 1];
    s.ptr = doc->body + a->start;
    s.len = b->start + b->len - a->start;
    return s;
}

/* ------------------------------------------------------------ quote marks */

static int mark_at(const char *s, size_t i, size_t end, int *curly)
{
    if (s[i] == '"') { *curly = 0; return 1; }
    if (i + 2 < end && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
        ((unsigned char)s[i + 2] == 0x9C || (unsigned char)s[i + 2] == 0x9D)) {
        *curly = (unsigned char)s[i + 2] == 0x9C ? 1 : 2;
        return 3;
    }
    return 0;
}

/* A straight mark that can open: something other than a space or closing
 * punctuation follows (an ellipsis may open a quote). */
static int can_open(const char *s, size_t i, size_t end)
{
    if (i + 1 >= end || ng_is_space((unsigned char)s[i + 1])) return 0;
    if (i + 3 < end && !memcmp(s + i + 1, "...", 3)) return 1;
    return !strchr(".,;:!?)", s[i + 1]);
}

static void push_span(qstate *q, qspan sp)
{
    while (sp.start < sp.end && ng_is_space((unsigned char)q->doc->body[sp.start])) sp.start++;
    while (sp.end > sp.start && ng_is_space((unsigned char)q->doc->body[sp.end - 1])) sp.end--;
    if (sp.start < sp.end) q->spans[q->nspans++] = sp;
}

/* Pairs the marks of paragraph p, [a, b) of the body. */
static void scan_para(qstate *q, size_t p, size_t a, size_t b, int *open_left)
{
    const char *s = q->doc->body;
    int inside = 0;
    qspan cur = {0, 0, 0, 0, p, 0, 0};
    for (size_t i = a; i < b;) {
        int curly, n = mark_at(s, i, b, &curly);
        if (!n) { i++; continue; }
        int opens = curly == 1 || (curly == 0 && !inside && can_open(s, i, b));
        if (!inside && opens) {
            cur.open = i;
            cur.start = i + (size_t)n;
            cur.cont_prev = *open_left && i == a;
            cur.cont_next = 0;
            inside = 1;
        } else if (inside && (curly != 1 || !can_open(s, i + (size_t)n - 1, b))) {
            /* a closing mark, or an opening one some sites use to close
             * (followed by a space or punctuation) */
            cur.end = i;
            cur.close = i + (size_t)n;
            push_span(q, cur);
            inside = 0;
        }
        i += (size_t)n;
    }
    *open_left = 0;
    if (inside) {
        cur.end = cur.close = b;
        cur.cont_next = 1;
        *open_left = 1;
        push_span(q, cur);
    }
}

static int find_spans(qstate *q)
{
    ng_doc *doc = q->doc;
    size_t marks = 0;
    for (size_t i = 0; i < doc->body_len; i++) marks += doc->body[i] == '"' || (unsigned char)doc->body[i] == 0xE2;
    q->spans = malloc((marks + 1) * sizeof *q->spans);
    if (!q->spans) return -1;
    int open_left = 0;
    for (size_t p = 0; p < doc->para_starts.count; p++) {
        size_t a = doc->para_starts.items[p];
        size_t b = p + 1 < doc->para_starts.count ? doc->para_starts.items[p + 1] - 1 : doc->body_len;
        size_t before = q->nspans;
        scan_para(q, p, a, b, &open_left);
        if (q->nspans > before && before && q->spans[before - 1].cont_next &&
            !q->spans[before].cont_prev)
            q->spans[before - 1].cont_next = 0;
    }
    return 0;
}

/* ------------------------------------------------------------------ rules */

/* The words in [a, b): whether all are capitalised, whether punctuation
 * occurs, and whether a word follows punctuation (not a trailing mark). */
typedef struct wcount {
    size_t words;
    int all_caps, punct, inner_punct;
} wcount;

static wcount count_words(const ng_doc *doc, size_t a, size_t b)
{
    wcount c = {0, 1, 0, 0};
    for (size_t i = ng_doc_token_at(doc, a); i < doc->tokens.count && doc->tokens.items[i].start < b; i++) {
        if (is_word(doc, i)) {
            c.words++;
            c.inner_punct |= c.punct;
            if (!is_cap(doc, i) && !tis(doc, i, "of") && !tis(doc, i, "the") &&
                !tis(doc, i, "and") && !tis(doc, i, "a"))
                c.all_caps = 0;
        } else if (tflags(doc, i) & NG_TOKEN_PUNCT) {
            const char *p = doc->body + doc->tokens.items[i].start;
            if (strchr(".,!?;:", *p)) c.punct = 1;
        }
    }
    return c;
}

static attrib after_quote(const ng_doc *doc, size_t t, size_t lim);
static int in_reported_frame(const ng_doc *doc, const ng_sentence *s, size_t off);

/* A verb of saying right next to the quote: an attribution right after it
 * ("...," the officer said), or the cue as the last word before it, or
 * the last but one before a name or pronoun (told him "..."); a cue
 * further off ("named their robot "Robogee"") does not count. */
static int cue_next_to(const ng_doc *doc, const qspan *sp, const ng_sentence *s)
{
    size_t open_t = ng_doc_token_at(doc, sp->open), close_t = ng_doc_token_at(doc, sp->close), end_t = ng_doc_token_at(doc, s->end);
    if (close_t < end_t && after_quote(doc, close_t, end_t).found) return 1;
    size_t t = open_t, first = s->first_token;
    while (t > first && !is_word(doc, t - 1)) t--;
    if (t > first && is_cue(doc, t - 1)) return 1;
    return t > first + 1 && is_cue(doc, t - 2) && (is_cap(doc, t - 1) || has_class(doc, t - 1, C_PRONOUN));
}

/* The quote's opening mark starts its sentence. */
static int starts_lower(const ng_doc *doc, const qspan *sp);

static int opens_sentence(const ng_doc *doc, const qspan *sp)
{
    return doc->sentences.items[sent_of(doc, sp->open)].start == sp->open;
}

/* Titles ("One Hundred Years of Solitude", "Better Idea of Afghan Girls,")
 * and scare quotes of one or two words ("Jasmine", "the Professor.") are
 * not quotations unless a verb of saying is in the sentence; a short
 * sentence quoted whole ("We lost.") is. */
static int is_quotation(const ng_doc *doc, const qspan *sp)
{
    wcount c = count_words(doc, sp->start, sp->end);
    if (c.words == 0) return 0;
    if (c.all_caps && c.words <= 6 && (!c.punct || (c.words >= 3 && !c.inner_punct))) return 0;
    if (c.words <= 2 && (!c.punct || !opens_sentence(doc, sp))) {
        const ng_sentence *s = &doc->sentences.items[sent_of(doc, sp->open)];
        return cue_next_to(doc, sp, s) || (starts_lower(doc, sp) && in_reported_frame(doc, s, sp->open));
    }
    return 1;
}

/* ---------------------------------------------------------- attribution */

/* Extends a cue: "according to", "told journalists". */
static size_t cue_end(const ng_doc *doc, size_t c, size_t lim)
{
    size_t e = c + 1;
    if (e < lim && tis(doc, c, "according") && tis(doc, e, "to")) return e + 1;
    if (e < lim && (tis(doc, c, "told") || tis(doc, c, "tells")) && is_word(doc, e) &&
        !has_class(doc, e, C_PRONOUN))
        return e + 1;
    return e;
}

static int is_comma(const ng_doc *doc, size_t i)
{
    return doc->body[doc->tokens.items[i].start] == ',';
}

/* A name or noun phrase from t on: words up to punctuation or a function
 * word ("and" only between capitalised words). */
static size_t phrase_end(const ng_doc *doc, size_t t, size_t lim)
{
    if (t < lim && has_class(doc, t, C_PRONOUN)) return t + 1;
    size_t e = t;
    while (e < lim && e - t < 8 && is_word(doc, e)) {
        uint32_t f = tflags(doc, e);
        int det = tis(doc, e, "a") || tis(doc, e, "an") || tis(doc, e, "the");
        int conj = tis(doc, e, "and") && e > t && is_cap(doc, e - 1) && e + 1 < lim && is_cap(doc, e + 1);
        int poss = e > t && (tis(doc, e, "'s") || tis(doc, e, "\xE2\x80\x99s"));
        if ((f & NG_TOKEN_STOP) && !det && !conj && !poss) break;
        if (e > t && has_class(doc, e, C_PREP)) break;
        e++;
    }
    return e;
}

static int mention_start_ok(const ng_doc *doc, size_t t)
{
    return is_cap(doc, t) || has_class(doc, t, C_PRONOUN) || tis(doc, t, "a") ||
           tis(doc, t, "an") || tis(doc, t, "the");
}

/* "said the bank's chief economist, Marta Kowalski": a common noun phrase
 * followed by a name of two or more words gives the name as the mention. */
static void named_apposition(const ng_doc *doc, attrib *at, size_t lim)
{
    size_t c = at->m1, n = c + 1;
    if (is_cap(doc, at->m1 - 1) || c + 2 >= lim || !is_comma(doc, c)) return;
    while (n < lim && is_cap(doc, n)) n++;
    if (n - (c + 1) < 2 || (n < lim && is_word(doc, n))) return;
    at->m0 = c + 1;
    at->m1 = n;
}

/* A token an apposition may hold: not a sentence stop or a quote mark. */
static int inside_apposition(const ng_doc *doc, size_t i)
{
    if (is_word(doc, i)) return 1;
    char ch = doc->body[doc->tokens.items[i].start];
    return !strchr(".!?;:\"'", ch) && (unsigned char)ch < 0x80;
}

/* "...," Ortiz, the former mayor, told  /  Reyes, 34, who ..., said: a
 * name of up to four capitalised words, an apposition of up to three
 * parts between commas (at most 20 tokens), then the cue. */
static attrib apposed_speaker(const ng_doc *doc, size_t t, size_t lim)
{
    attrib at = {0, 0, 0, 0, 0};
    size_t k = t;
    while (k < lim && k - t < 4 && is_cap(doc, k)) k++;
    if (k == t || k + 2 >= lim || !is_comma(doc, k)) return at;
    int parts = 0;
    for (size_t j = k + 1; j < lim && j - k <= 20 && inside_apposition(doc, j); j++) {
        if (!is_comma(doc, j)) continue;
        if (j == k + 1 || is_comma(doc, j - 1) || ++parts > 3) return at;
        size_t c = j + 1;
        while (c < lim && c - j <= 2 && is_adverb(doc, c)) c++;
        if (c < lim && is_cue(doc, c)) {
            at = (attrib){t, k, c, cue_end(doc, c, lim), 1};
            return at;
        }
    }
    return at;
}

/* "...," said NAME  or  "...," NAME said, in tokens [t, lim). */
static attrib after_quote(const ng_doc *doc, size_t t, size_t lim)
{
    attrib at = {0, 0, 0, 0, 0};
    while (t < lim && !is_word(doc, t)) t++;
    if (t >= lim) return at;
    if (is_cue(doc, t)) {
        at.c0 = t;
        at.c1 = cue_end(doc, t, lim);
        at.m0 = at.c1;
        at.m1 = phrase_end(doc, at.m0, lim);
        at.found = at.m1 > at.m0;
        if (at.found) named_apposition(doc, &at, lim);
        return at;
    }
    int named = mention_start_ok(doc, t); /* else a title first: "former director Anne Lee wrote" */
    if (!named && (tflags(doc, t) & NG_TOKEN_STOP)) return at; /* '"route out" in Scientology jargon refers' */
    for (size_t j = t + 1; j < lim && j - t <= 8 && is_word(doc, j); j++) {
        if (!is_cue(doc, j)) {
            named |= is_cap(doc, j);
            continue;
        }
        if (!named) return at;
        size_t m1 = j;
        while (m1 > t + 1 && is_adverb(doc, m1 - 1)) m1--;
        at = (attrib){t, m1, j, cue_end(doc, j, lim), 1};
        return at;
    }
    return apposed_speaker(doc, t, lim);
}

static int is_boundary(const ng_doc *doc, size_t i)
{
    if (!is_word(doc, i)) return 1;
    if (tis(doc, i, "and")) return !(i > 0 && is_cap(doc, i - 1) && is_cap(doc, i + 1));
    return in_list(tword(doc, i), clause_words);
}

/* The last capitalised run in [a, b). */
static attrib last_run(const ng_doc *doc, size_t a, size_t b)
{
    attrib at = {0, 0, 0, 0, 0};
    size_t e = b;
    while (e > a && !is_cap(doc, e - 1)) e--;
    size_t s = e;
    while (s > a && is_cap(doc, s - 1)) s--;
    if (s < e) { at.m0 = s; at.m1 = e; at.found = 1; }
    return at;
}

/* The token after the comma before end (or first). */
static size_t segment_start(const ng_doc *doc, size_t first, size_t end)
{
    while (end > first && !is_comma(doc, end - 1)) end--;
    return end;
}

/* The name before ", said": the last capitalised run of the comma-set
 * segment that ends at end, or of the segment before it when that one is
 * an appositive ("Hanna Berg, a teacher in the town, said"). */
static attrib appositive_name(const ng_doc *doc, size_t first, size_t end)
{
    size_t p = segment_start(doc, first, end);
    attrib r = last_run(doc, p, end);
    if (r.found || p <= first) return r;
    return last_run(doc, segment_start(doc, first, p - 1), p - 1);
}

/* NAME said X "..."  or  according to NAME, "...", in tokens [first, lim). */
static attrib before_quote(const ng_doc *doc, size_t first, size_t lim)
{
    attrib at = {0, 0, 0, 0, 0};
    size_t j = lim;
    while (j > first && !is_cue(doc, j - 1)) j--;
    if (j == first) return at;
    size_t c = j - 1;
    at.c0 = c;
    at.c1 = cue_end(doc, c, lim);
    if (tis(doc, c, "according")) {
        at.m0 = at.c1;
        at.m1 = phrase_end(doc, at.m0, lim);
        at.found = at.m1 > at.m0;
        return at;
    }
    size_t e = c;
    while (e > first && is_adverb(doc, e - 1)) e--;
    size_t s = e;
    while (s > first && e - s < 10 && !is_boundary(doc, s - 1)) s--;
    if (s == e && s > first && is_comma(doc, s - 1)) {
        attrib r = appositive_name(doc, first, s - 1);
        if (!r.found) return at;
        s = r.m0;
        e = r.m1;
    }
    if (s == e) return at;
    at.m0 = s;
    at.m1 = e;
    at.found = 1;
    return at;
}

static attrib attribute(const ng_doc *doc, const qspan *sp, size_t lo, size_t hi)
{
    size_t open_t = ng_doc_token_at(doc, sp->open), close_t = ng_doc_token_at(doc, sp->close);
    size_t a = ng_doc_token_at(doc, lo), b = ng_doc_token_at(doc, hi);
    attrib at = after_quote(doc, close_t, b);
    if (!at.found) at = before_quote(doc, a, open_t);
    return at;
}

/* --------------------------------------------------------------- speakers */

static int is_title(const ng_doc *doc, size_t i)
{
    return in_list(tword(doc, i), titles);
}

/* The longest capitalised run (titles stripped) ending in each word, the
 * first such run where several are longest: one pass over the document,
 * made the first time a speaker needs it (a scan for each quote would cost
 * quotes x tokens).  Returns -1 when out of memory. */
static int find_names(qstate *q)
{
    const ng_doc *doc = q->doc;
    size_t nwords = 0;
    for (size_t i = 0; i < doc->tokens.count; i++)
        if (doc->tokens.items[i].word >= nwords) nwords = (size_t)doc->tokens.items[i].word + 1;
    q->names = calloc(nwords ? nwords : 1, sizeof *q->names);
    size_t *words = calloc(nwords ? nwords : 1, sizeof *words); /* each best run's length in words */
    if (!q->names || !words) {
        free(words);
        return -1;
    }
    q->nnames = nwords;
    for (size_t i = 0; i < doc->tokens.count; i++) {
        if (!is_cap(doc, i) || (i + 1 < doc->tokens.count && is_cap(doc, i + 1))) continue;
        size_t s = i;
        while (s > 0 && is_cap(doc, s - 1)) s--;
        while (s < i && is_title(doc, s)) s++;
        uint32_t w = doc->tokens.items[i].word;
        if (i + 1 - s > words[w]) {
            words[w] = i + 1 - s;
            q->names[w] = tok_span(doc, s, i + 1);
        }
    }
    free(words);
    return 0;
}

/* Longest capitalised run (titles stripped) whose last word is word. */
static ng_str longest_name(qstate *q, uint32_t word)
{
    ng_str none = {NULL, 0};
    if (!q->names && find_names(q)) return none;
    return word < q->nnames ? q->names[word] : none;
}

/* The latest run of two or more capitalised words in [a, b) whose end e
 * lies in (e_lo, e_hi]; a run ending before b must not run on into a
 * capital.  *end gets e (0 when there is none). */
static ng_str name_run(const ng_doc *doc, size_t a, size_t b, size_t e_lo, size_t e_hi, size_t *end)
{
    ng_str none = {NULL, 0};
    *end = 0;
    for (size_t e = e_hi; e > e_lo && e > a; e--) {
        if (!is_cap(doc, e - 1) || (e < b && is_cap(doc, e))) continue;
        size_t s = e - 1;
        while (s > a && is_cap(doc, s - 1)) s--;
        while (s < e && is_title(doc, s)) s++;
        if (e - s >= 2) {
            *end = e;
            return tok_span(doc, s, e);
        }
    }
    return none;
}

/* The latest run of two or more capitalised words in [a, b). */
static ng_str full_name_before(const ng_doc *doc, size_t a, size_t b)
{
    size_t end;
    return name_run(doc, a, b, a, b, &end);
}

/* full_name_before(doc, 0, b), remembered between calls.  Quotes come in
 * text order, so a call scans only the tokens since the last one: a story
 * of thousands of "He said" sentences and no full name stays linear (a
 * scan from the start each time took 45 s for 1 MB).  Same answer as the
 * full scan: a run ending before the last b is still the latest unless it
 * ended right at it and now runs on into a capital there. */
static ng_str full_name_from_start(qstate *q, size_t b)
{
    const ng_doc *doc = q->doc;
    size_t p = q->name_upto, end;
    if (b < p || p == 0) {
        q->name_memo = name_run(doc, 0, b, 0, b, &end);
    } else if (b > p) {
        ng_str n = name_run(doc, 0, b, p, b, &end);
        if (n.len) q->name_memo = n;
        else if (q->name_end == p && is_cap(doc, p))
            q->name_memo = name_run(doc, 0, b, 0, p - 1, &end);
        else end = q->name_end;
    } else {
        end = q->name_end;
    }
    q->name_upto = b;
    q->name_end = end;
    return q->name_memo;
}

static int has_space(ng_str s)
{
    return s.len && memchr(s.ptr, ' ', s.len) != NULL;
}

static ng_str canonical(qstate *q, const attrib *at, size_t sent_first)
{
    ng_doc *doc = q->doc;
    ng_str none = {NULL, 0};
    size_t last = at->m1 - 1;
    if (at->m1 - at->m0 == 1 && (tis(doc, last, "he") || tis(doc, last, "she"))) {
        ng_str n = full_name_before(doc, sent_first, at->m0);
        if (n.len) return n;
        return q->last_person.len ? q->last_person : full_name_from_start(q, at->m0);
    }
    if (at->m1 - at->m0 == 1 && tis(doc, last, "who") && at->m0 >= 2 && is_comma(doc, at->m0 - 1) &&
        is_cap(doc, at->m0 - 2)) { /* "Gordon Hale, who said ...": the name before */
        attrib named = *at;
        named.m1 = at->m0 - 1;
        named.m0 = named.m1 - 1;
        while (named.m0 > sent_first && named.m1 - named.m0 < 4 && is_cap(doc, named.m0 - 1)) named.m0--;
        return canonical(q, &named, sent_first);
    }
    if (!is_cap(doc, last) || has_class(doc, last, C_PRONOUN)) return none;
    if (at->m1 - at->m0 == 1 && in_list(tword(doc, last), groups)) return none;
    ng_str n = longest_name(q, doc->tokens.items[last].word);
    if (n.len) return n;
    size_t s = last;
    while (s > at->m0 && is_cap(doc, s - 1)) s--;
    return tok_span(doc, s, last + 1);
}

/* ------------------------------------------------------ reported speech */

/* A reported-speech frame of one sentence: its attribution and the
 * content's tokens [k0, k1). */
typedef struct frame {
    attrib at;
    size_t k0, k1;
    int found;
} frame;

/* A frame found: its attribution and the content's tokens [k0, k1). */
static frame found_frame(attrib at, size_t k0, size_t k1)
{
    frame f = {at, k0, k1, 1};
    return f;
}

/* Verbs of saying that take the listener before the content ("told
 * reporters the talks ..."). */
static const char *const tell_verbs[] = {"told", "tells", "tell", "telling", "informed", "assured",
                                         "reminded", "warned", "promised", "briefed", NULL};

/* Words that may open a reported clause after the cue without "that": a
 * subject pronoun or a determiner ("said the talks were frank"). */
static const char *const clause_openers[] = {
    "i", "he", "she", "it", "we", "they", "you", "there", "this", "these", "those", "the", "a",
    "an", "his", "her", "its", "their", "our", "my", "your", "no", "some", "all", "any", "every",
    "many", "most", "both", "each", "one", "two", "three", "several", "such", "nobody", "nothing",
    "everyone", "everything", "someone", "something", "none", "neither", "if", "whether", NULL};

/* The verbs of saying that take a bare clause after them ("said the talks
 * were frank"); other cues ("endorsed", "issued", "called") take one only
 * after "that" or a subject pronoun, else their object is a noun phrase
 * ("endorsed the governor", "issued a statement"). */
static const char *const say_verbs[] = {"say", "says", "said", "saying", "tell", "tells", "told", "telling",
                                        "add", "adds", "added", "adding", "according", NULL};

static int is_mark(const ng_doc *doc, size_t i)
{
    return (tflags(doc, i) & NG_TOKEN_QUOTE) != 0;
}

/* The end of a sentence's content: its last token that is not closing
 * punctuation (".", "!", "?", ";", ":", ","). */
static size_t content_end(const ng_doc *doc, size_t first, size_t end)
{
    while (end > first && !is_word(doc, end - 1) && !is_mark(doc, end - 1) &&
           strchr(".!?;:,", doc->body[doc->tokens.items[end - 1].start]))
        end--;
    return end;
}

static size_t words_in(const ng_doc *doc, size_t a, size_t b)
{
    size_t n = 0;
    for (size_t i = a; i < b; i++) n += is_word(doc, i);
    return n;
}

/* A speaker mention fit for a reported frame: it ends in a name, a
 * pronoun or a content word (not "to" of "wants to say"). */
static int subject_ok(const ng_doc *doc, const attrib *at)
{
    if (!at->found || at->m1 <= at->m0) return 0;
    size_t last = at->m1 - 1;
    if (!is_word(doc, last)) return 0;
    if (has_class(doc, last, C_PRONOUN)) return 1;
    return !(tflags(doc, last) & NG_TOKEN_STOP);
}

static int ends_ing(ng_str w)
{
    return w.len > 4 && !memcmp(w.ptr + w.len - 3, "ing", 3);
}

/* Where the content after a cue [c0, c1) starts: after the listener of
 * "told" verbs and after a "that" within six words ("said in a statement
 * that ..."); lim when the cue is followed by punctuation or a quote mark
 * (a direct quote, handled before). */
static size_t content_start(const ng_doc *doc, size_t c0, size_t c1, size_t lim)
{
    size_t t = c1;
    if (c1 == c0 + 1 && t < lim && in_list(tword(doc, c0), tell_verbs) && is_word(doc, t) && !tis(doc, t, "that"))
        t = phrase_end(doc, t, lim); /* the listener, unless the cue holds it ("told reporters") */
    if (t + 1 < lim && doc->body[doc->tokens.items[t].start] == ':')
        return is_word(doc, t + 1) ? t + 1 : lim; /* "Trump told reporters: the wall ..." */
    for (size_t j = t; j < lim && j - t <= 12 && is_word(doc, j); j++)
        if (tis(doc, j, "that")) return j + 1;
    if (t >= lim) return lim;
    static const char *const ask_verbs[] = {"ask", "asks", "asked", "asking", "wondered", "wonders", "questioned", NULL};
    static const char *const wh_words[] = {"why", "how", "what", "when", "where", "who", "whom", "which", NULL};
    if (in_list(tword(doc, c0), ask_verbs)) {
        size_t w = t;
        if (w + 1 < lim && has_class(doc, w, C_PRONOUN) + tis(doc, w, "him") + tis(doc, w, "her") + tis(doc, w, "them"))
            w++; /* "asked him why" */
        if (in_list(tword(doc, w), wh_words)) return w;
    }
    if (!in_list(tword(doc, c0), say_verbs) && (tis(doc, t, "a") || tis(doc, t, "an")))
        return lim; /* "issued a statement", "told a joke": an object, no clause */
    int opens = is_cap(doc, t) || (tflags(doc, t) & NG_TOKEN_NUMBER) || in_list(tword(doc, t), clause_openers);
    if (!opens && is_word(doc, t) && !(tflags(doc, t) & NG_TOKEN_STOP) && !is_adverb(doc, t) &&
        !has_class(doc, t, C_PREP) && ng_quote_cue_kind(tword(doc, c0).ptr, tword(doc, c0).len) == NG_CUE_SAYING)
        opens = 1; /* "said funding is needed": a content word opens the clause */
    return opens ? t : lim;
}

/* "According to X, CLAUSE." */
static frame according_frame(const ng_doc *doc, size_t first, size_t end)
{
    frame f = {{0, 0, 0, 0, 0}, 0, 0, 0};
    if (first + 4 < end && (tis(doc, first, "but") || tis(doc, first, "and") || tis(doc, first, "yet") ||
                            tis(doc, first, "still") || tis(doc, first, "also")))
        first++; /* "But according to ..." */
    if (first + 3 >= end || !tis(doc, first, "according") || !tis(doc, first + 1, "to")) return f;
    size_t m1 = phrase_end(doc, first + 2, end), k = m1;
    while (k < end && k - first < 25 && (is_word(doc, k) || inside_apposition(doc, k)) && !is_comma(doc, k)) k++;
    if (m1 == first + 2 || k >= end || !is_comma(doc, k)) return f;
    return found_frame((attrib){first + 2, m1, first, first + 2, 1}, k + 1, end);
}

/* "CLAUSE, X said." / "CLAUSE, said X." / "CLAUSE, according to X.": an
 * attribution after the sentence's last comma that ends the sentence (up
 * to four words may follow: "on Tuesday", "in a statement"). */
static frame trailing_frame(const ng_doc *doc, size_t first, size_t end)
{
    frame f = {{0, 0, 0, 0, 0}, 0, 0, 0};
    size_t c = end;
    while (c > first && !is_comma(doc, c - 1)) c--;
    if (c <= first + 1) return f;
    attrib at = after_quote(doc, c, end);
    if (!at.found) { /* "..., according to the Human Rights Campaign, an advocacy group." */
        size_t c2 = c - 1;
        while (c2 > first && !is_comma(doc, c2 - 1)) c2--;
        attrib a2 = c2 > first + 1 ? after_quote(doc, c2, end) : at;
        if (a2.found && a2.c0 == c2 && tis(doc, c2, "according")) at = a2, c = c2;
    }
    size_t tail = at.m1 > at.c1 ? at.m1 : at.c1;
    if (!at.found || (end - tail > 4 && !tis(doc, at.c0, "according")) || !subject_ok(doc, &at)) return f;
    if (at.c0 < at.m0 && ends_ing(tword(doc, at.c0)) && !tis(doc, at.c0, "according")) return f; /* "A, saying the ruling was unfair" */
    return found_frame(at, first, c - 1);
}

/* "CLAUSE, X said, CLAUSE." / "But the years that followed, he said,
 * brought ...": an attribution set off by commas inside the sentence; the
 * content is the whole sentence (the few attribution words inside it). */
static frame middle_frame(const ng_doc *doc, size_t first, size_t end)
{
    frame f = {{0, 0, 0, 0, 0}, 0, 0, 0};
    for (size_t c = first + 2; c + 3 < end; c++) {
        if (!is_comma(doc, c - 1)) continue;
        attrib at = after_quote(doc, c, end);
        size_t tail = at.m1 > at.c1 ? at.m1 : at.c1;
        if (!at.found || at.c0 < c || at.c0 - c > 6 || tail + 2 >= end || !is_comma(doc, tail) ||
            !subject_ok(doc, &at) || tail - c > 8)
            continue;
        /* "A, said X, the director of ...": an apposition follows */
        return found_frame(at, first, at.c0 < at.m0 ? c - 1 : end);
    }
    return f;
}

/* "..., said Mark Jones, a political scientist": capitalised words up to
 * a comma or the end name the speaker; they are no content. */
static int inverted_name(const ng_doc *doc, size_t t, size_t end)
{
    size_t k = t;
    while (k < end && k - t < 4 && is_cap(doc, k)) k++;
    return k > t && (k == end || is_comma(doc, k));
}

/* The subject of a cue c that has none right before it: "who" of "Gray,
 * who said ..." (the relative pronoun as the mention), or the sentence's
 * opening name or pronoun before "and"/"but" ("Clinton called on Congress
 * to act and said funding is needed"). */
static attrib implied_subject(const ng_doc *doc, size_t first, size_t c)
{
    attrib at = {0, 0, c, c + 1, 0};
    size_t e = c;
    while (e > first && c - e < 2 && is_adverb(doc, e - 1)) e--;
    if (e == first) return at;
    if (doc->body[doc->tokens.items[e - 1].start] == ')') { /* "Rep. Hank Johnson (D-Ga.) said" */
        size_t p = e - 1;
        while (p > first && e - p < 8 && doc->body[doc->tokens.items[p].start] != '(') p--;
        size_t s0 = p;
        while (s0 > first && p - s0 < 10 && !is_boundary(doc, s0 - 1)) s0--;
        if (doc->body[doc->tokens.items[p].start] != '(' || s0 == p) return at;
        at.m0 = s0;
        at.m1 = p;
        at.found = 1;
        at.found = subject_ok(doc, &at);
        return at;
    }
    if (tis(doc, e - 1, "who") && in_list(tword(doc, c), say_verbs)) {
        at.m0 = e - 1;
        at.m1 = e;
        at.found = 1;
        return at;
    }
    if (!tis(doc, e - 1, "and") && !tis(doc, e - 1, "but")) return at;
    size_t m1 = first;
    if (has_class(doc, first, C_PRONOUN)) m1++;
    else
        while (m1 < e && m1 - first < 6 && is_cap(doc, m1)) m1++;
    if (m1 == first || m1 >= e - 1) return at;
    at.m0 = first;
    at.m1 = m1;
    at.found = 1;
    at.found = subject_ok(doc, &at);
    return at;
}

/* "X said (that) CLAUSE", "X told reporters CLAUSE": the first verb of
 * saying with a subject before it and content after it. */
static frame leading_frame(const ng_doc *doc, size_t first, size_t end)
{
    frame f = {{0, 0, 0, 0, 0}, 0, 0, 0};
    for (size_t c = first + 1; c < end; c++) {
        if (!is_cue(doc, c) || tis(doc, c - 1, "to") || ends_ing(tword(doc, c))) continue;
        attrib at = before_quote(doc, first, c + 1);
        if (at.c0 == c && !subject_ok(doc, &at)) at.found = 0;
        if (at.c0 == c && !at.found) at = implied_subject(doc, first, c);
        if (at.c0 != c || !at.found || tis(doc, c, "according")) continue;
        at.c1 = cue_end(doc, c, end);
        size_t k0 = content_start(doc, c, at.c1, end);
        if (k0 >= end || inverted_name(doc, k0, end)) continue;
        return found_frame(at, k0, end);
    }
    return f;
}

/* "X did A, saying (that) B": a participle of a verb of saying after a
 * comma; the speaker is the sentence's opening name or pronoun. */
static frame participle_frame(const ng_doc *doc, size_t first, size_t end)
{
    frame f = {{0, 0, 0, 0, 0}, 0, 0, 0};
    size_t m0 = first; /* the first name or pronoun: "In an interview, Trump ..." */
    while (m0 < end && m0 - first < 12 && !has_class(doc, m0, C_PRONOUN) &&
           !(is_cap(doc, m0) && !(tflags(doc, m0) & NG_TOKEN_STOP)))
        m0++;
    size_t m1 = m0;
    if (m0 < end && has_class(doc, m0, C_PRONOUN)) m1++;
    else
        while (m1 < end && m1 - m0 < 6 && is_cap(doc, m1)) m1++;
    if (m1 == m0) return f;
    for (size_t c = m1 + 2; c + 3 < end; c++) {
        if (!(is_comma(doc, c - 1) || tis(doc, c - 1, "by")) || !ends_ing(tword(doc, c)) || !is_cue(doc, c)) continue;
        ng_str w = tword(doc, c);
        if (ng_quote_cue_kind(w.ptr, w.len) != NG_CUE_SAYING) continue;
        size_t c1 = cue_end(doc, c, end), k0 = content_start(doc, c, c1, end);
        if (k0 >= end || inverted_name(doc, k0, end)) continue;
        f.at = (attrib){m0, m1, c, c1, 1};
        if (!subject_ok(doc, &f.at)) return f;
        return found_frame(f.at, k0, end);
    }
    return f;
}

/* "X declined to comment", "X wants to build a wall", "X is expected to
 * win": a verb of wanting, planning or seeming before "to"; the content
 * is the infinitive on. */
static frame infinitive_frame(const ng_doc *doc, size_t first, size_t end)
{
    static const char *const inf_verbs[] = {
        "want", "wants", "wanted", "plans", "planned", "seem", "seems", "seemed", "appears", "appeared",
        "declined", "declines", "refused", "refuses", "sought", "hopes", "hoped", "expected", "vowed",
        "vows", "promised", "promises", "intends", "intended", "agreed", NULL};
    static const char *const aux[] = {"is", "are", "was", "were", "be", "been", "has", "have", "had",
                                      "also", "not", "still", "now", "widely", NULL};
    frame f = {{0, 0, 0, 0, 0}, 0, 0, 0};
    for (size_t c = first + 1; c + 2 < end; c++) {
        if (!tis(doc, c + 1, "to") || !in_list(tword(doc, c), inf_verbs)) continue;
        size_t e = c;
        while (e > first && c - e < 3 && (is_adverb(doc, e - 1) || in_list(tword(doc, e - 1), aux))) e--;
        size_t s0 = e;
        while (s0 > first && e - s0 < 8 && !is_boundary(doc, s0 - 1)) s0--;
        if (s0 == e) continue;
        attrib at = {s0, e, c, c + 1, 1};
        if (!subject_ok(doc, &at)) continue;
        return found_frame(at, c + 1, end);
    }
    return f;
}

/* "..., which officials said will take effect in May": a relative
 * pronoun, a subject of up to four words and a verb of saying; the content
 * runs from the pronoun to the next comma or the end. */
static frame relative_frame(const ng_doc *doc, size_t first, size_t end)
{
    frame f = {{0, 0, 0, 0, 0}, 0, 0, 0};
    for (size_t r = first; r + 4 < end; r++) {
        if (!tis(doc, r, "which") && !tis(doc, r, "that")) continue;
        size_t c = r + 1;
        while (c < end && c - r <= 4 && is_word(doc, c) && !is_cue(doc, c)) c++;
        if (c >= end || c == r + 1 || !is_cue(doc, c) || !in_list(tword(doc, c), say_verbs)) continue;
        attrib at = {r + 1, c, c, c + 1, 1};
        if (!subject_ok(doc, &at) || c + 1 >= end || !is_word(doc, c + 1) || tis(doc, c + 1, "that") ||
            in_list(tword(doc, c + 1), clause_openers) || has_class(doc, c + 1, C_PREP))
            continue;
        size_t k1 = c + 1;
        while (k1 < end && !is_comma(doc, k1)) k1++;
        return found_frame(at, r, k1);
    }
    return f;
}

/* The reported-speech frame of sentence s, if any: content of at least
 * three words that does not open with a quotation mark. */
static frame find_frame(const ng_doc *doc, const ng_sentence *s)
{
    size_t first = s->first_token, end = content_end(doc, first, first + s->token_count);
    frame f = according_frame(doc, first, end);
    if (!f.found) f = trailing_frame(doc, first, end);
    if (!f.found) f = leading_frame(doc, first, end);
    if (!f.found) f = middle_frame(doc, first, end);
    if (!f.found) f = participle_frame(doc, first, end);
    if (!f.found) f = relative_frame(doc, first, end);
    size_t min_words = 3;
    if (!f.found) f = infinitive_frame(doc, first, end), min_words = 2;
    if (f.found && (words_in(doc, f.k0, f.k1) < min_words || is_mark(doc, f.k0))) f.found = 0;
    return f;
}

/* Whether body offset off lies in the content of sentence s's reported
 * frame with a verb of saying (a partial quote: 'Cooper said her party
 * backed it "for months"'; not 'Burton thinks cats are "cuties"'). */
static int in_reported_frame(const ng_doc *doc, const ng_sentence *s, size_t off)
{
    frame f = find_frame(doc, s);
    if (!f.found) return 0;
    ng_str cue = tword(doc, f.at.c0);
    if (ng_quote_cue_kind(cue.ptr, cue.len) != NG_CUE_SAYING) return 0;
    return doc->tokens.items[f.k0].start <= off && off < doc->tokens.items[f.k1 - 1].start;
}

/* Whether the direct quotes (the first ndirect of doc->quotes; reported
 * ones among them are skipped) allow content [a, b) as reported speech:
 * none crosses its edges, and those inside it (partial quotes: "mixed"
 * speech) hold at most half of it. */
static int direct_allows(const ng_doc *doc, size_t ndirect, size_t a, size_t b)
{
    size_t inside = 0;
    for (size_t i = 0; i < ndirect; i++) {
        const ng_quote *d = &doc->quotes.items[i];
        if (d->reported || d->end <= a || d->start >= b) continue;
        if (d->start < a || d->end > b) return 0;
        inside += d->end - d->start;
    }
    return 2 * inside <= b - a;
}

/* A second verb of saying inside the content [k0, k1) of a frame that
 * starts another reported clause: "..., adding that B", "... and he added
 * B", "..., but said B".  Returns the frame of the rest (its attribution's
 * subject the first frame's when it has none of its own) with *cut where
 * the first content ends, or a frame not found. */
static frame second_frame(const ng_doc *doc, const frame *first, size_t *cut)
{
    frame f = {{0, 0, 0, 0, 0}, 0, 0, 0};
    for (size_t j = first->k0 + 3; j + 2 < first->k1; j++) {
        if (!is_cue(doc, j) || tis(doc, j - 1, "to")) continue;
        ng_str w = tword(doc, j);
        if (ng_quote_cue_kind(w.ptr, w.len) != NG_CUE_SAYING) continue;
        size_t m0 = j, c = j;
        while (m0 > first->k0 && c - m0 < 3 && is_adverb(doc, m0 - 1)) m0--;
        size_t s0 = m0;
        if (s0 > first->k0 && has_class(doc, s0 - 1, C_PRONOUN)) s0--;
        else
            while (s0 > first->k0 && m0 - s0 < 3 && is_cap(doc, s0 - 1)) s0--;
        size_t b = s0; /* the joint before the second attribution */
        if (b <= first->k0 + 2) continue;
        int joint = is_comma(doc, b - 1) || tis(doc, b - 1, "and") || tis(doc, b - 1, "but") ||
                    doc->body[doc->tokens.items[b - 1].start] == ';';
        if (!joint || (s0 == m0 && !is_comma(doc, b - 1) && !ends_ing(w) && !tis(doc, b - 1, "and") &&
                       !tis(doc, b - 1, "but")))
            continue;
        if (s0 == m0 && !ends_ing(w) && is_comma(doc, b - 1)) continue; /* "A, said B" is trailing */
        size_t c1 = cue_end(doc, j, first->k1), k0 = content_start(doc, j, c1, first->k1);
        if (k0 >= first->k1 || is_mark(doc, k0) || words_in(doc, k0, first->k1) < 3) continue;
        size_t e = b - 1;
        while (e > first->k0 && (is_comma(doc, e - 1) || tis(doc, e - 1, "and") || tis(doc, e - 1, "but"))) e--;
        if (e < b - 1 && !is_word(doc, b - 1)) e = b - 1;
        if (words_in(doc, first->k0, e) < 2) continue;
        f.at = s0 < m0 ? (attrib){s0, m0, j, c1, 1} : (attrib){first->at.m0, first->at.m1, j, c1, 1};
        f.k0 = k0;
        f.k1 = first->k1;
        f.found = 1;
        *cut = e;
        return f;
    }
    return f;
}

/* ------------------------------------------ reported-speech candidates */

/* What proposed a candidate: the rule frames above, the two parts of a
 * frame that second_frame() splits, and each verb of saying with the rest
 * of the sentence, its clause up to a comma, or its object. */
enum {
    RULE_ACCORDING = 1, RULE_TRAILING, RULE_LEADING, RULE_MIDDLE, RULE_PARTICIPLE, RULE_RELATIVE,
    RULE_INFINITIVE, RULE_SPLIT_FIRST, RULE_SPLIT_SECOND, RULE_CUE_REST, RULE_CUE_CLAUSE, RULE_CUE_OBJECT,
    RULE_CUE_JOINT, RULE_CUE_PHRASE, RULE_LAST = RULE_CUE_PHRASE
};

/* Words that end a reported clause or object early ("criticized the plan
 * and left", "said so when asked"). */
static const char *const joints[] = {"and", "but", "as", "when", "after", "while", "because", "before", "which",
                                     "who", "where", "since", "until", "though", "although", "--", NULL};


/* Feature templates (see rep_features). */
enum {
    F_BIAS = 1, F_RULE, F_CUE, F_CUE_RULE, F_CUE_KIND, F_CUE_FORM, F_BEFORE_CUE, F_BEFORE_CUE2,
    F_FIRST, F_FIRST_RULE, F_BEFORE_CONTENT, F_LEN_RULE, F_LEN, F_TO_END, F_MENTION, F_MENTION_WORD,
    F_MENTION_LEN, F_CUE_POS, F_NEGATED, F_OPENER, F_MIXED, F_AFTER, F_CUES, F_INNER_CUES, F_FIRST_SHAPE,
    F_CUE_FIRST, F_MENTION_SIDE, F_CUE_MENTION, F_STARTS_SENTENCE, F_MARKS, F_SUBJECT, F_BEFORE_MENTION,
    F_LAST, F_LEN_CUE, F_SENT_LEN, F_COMMAS, F_FIRST_COMMAS
};

/* The candidates of one sentence [first, end) being collected. */
typedef struct rep_ctx {
    const ng_doc *doc;
    size_t first, end;
    ng_rep_cand *out;
    size_t n;
    int subject; /* how add_cue found the subject of the candidates it adds (cue_subject) */
    const ng_rep_model *model; /* its learned cue words, or NULL */
} rep_ctx;

/* One of the model's learned cue words (not a function word). */
static int learned_cue(const rep_ctx *x, size_t i)
{
    if (!x->model || !x->model->ncues || (tflags(x->doc, i) & (NG_TOKEN_WORD | NG_TOKEN_STOP)) != NG_TOKEN_WORD) return 0;
    ng_str w = tword(x->doc, i);
    return ng_rep_model_has_cue(x->model, w.ptr, w.len);
}

/* A hashed feature index of template t with value v. */
static uint32_t fmix(uint32_t t, uint32_t v)
{
    uint32_t h = (v ^ (t * 0x9E3779B1u)) * 0x85EBCA6Bu;
    h ^= h >> 13;
    h *= 0xC2B2AE35u;
    h ^= h >> 16;
    return h & (NG_REP_SIZE - 1);
}

static void feat(ng_rep_cand *c, uint32_t t, uint32_t v)
{
    if (c->nfeat < NG_REP_MAX_FEATS) c->feat[c->nfeat++] = fmix(t, v);
}

static uint32_t whash(const ng_doc *doc, size_t i)
{
    ng_str w = tword(doc, i);
    return ng_hash_bytes(w.ptr, w.len);
}

/* 0, 1, 2, 3, 4-5, 6-9, 10-15, 16-25, 26 and more. */
static uint32_t bucket(size_t n)
{
    static const size_t tops[] = {0, 1, 2, 3, 5, 9, 15, 25};
    uint32_t b = 0;
    while (b < 8 && n > tops[b]) b++;
    return b;
}

static uint32_t cue_form(ng_str w)
{
    if (ends_ing(w)) return 1;
    if (w.len > 2 && !memcmp(w.ptr + w.len - 2, "ed", 2)) return 2;
    if (w.len > 1 && w.ptr[w.len - 1] == 's') return 3;
    return 4;
}

/* 0 none, 1 pronoun, 2 capitalised, 3 relative pronoun, 4 other word. */
static uint32_t mention_type(const ng_doc *doc, const ng_rep_cand *c)
{
    if (c->m1 <= c->m0) return 0;
    size_t last = c->m1 - 1;
    if (has_class(doc, last, C_PRONOUN)) return 1;
    if (is_cap(doc, last)) return 2;
    if (tis(doc, last, "who") || tis(doc, last, "which") || tis(doc, last, "that")) return 3;
    return 4;
}

/* The features of candidate c in sentence [first, end): the cue, its
 * neighbours and form, the content's edges and length, the subject's kind
 * and the rules that proposed it.  Words enter as hashes of their folded
 * form, so no string is built. */
static void rep_features(const rep_ctx *x, ng_rep_cand *c)
{
    const ng_doc *doc = x->doc;
    size_t first = x->first, end = x->end;
    uint32_t rule = 0, cue = whash(doc, c->c0), mt = mention_type(doc, c);
    for (uint32_t r = 1; r <= RULE_LAST; r++)
        if (c->rules & (1u << (r - 1))) {
            if (!rule) rule = r;
            feat(c, F_RULE, r);
        }
    ng_str cw = tword(doc, c->c0);
    size_t words = words_in(doc, c->k0, c->k1), cues = 0, inner = 0, marks = 0;
    for (size_t i = first; i < end; i++) {
        int k = is_cue(doc, i);
        cues += (size_t)k;
        inner += (size_t)(k && i >= c->k0 && i < c->k1);
        marks += is_mark(doc, i);
    }
    int negated = 0;
    for (size_t i = c->c0; i > first && c->c0 - i < 3; i--)
        negated |= tis(doc, i - 1, "not") || tis(doc, i - 1, "n't") || tis(doc, i - 1, "never") ||
                   tis(doc, i - 1, "no");
    size_t inside = 0;
    size_t a = doc->tokens.items[c->k0].start, b = doc->tokens.items[c->k1 - 1].start;
    for (size_t i = 0; i < doc->quotes.count; i++) {
        const ng_quote *d = &doc->quotes.items[i];
        inside += !d->reported && d->start >= a && d->end <= b + 1;
    }
    uint32_t shape = is_cap(doc, c->k0) ? 1 : (tflags(doc, c->k0) & NG_TOKEN_NUMBER) ? 2 : is_word(doc, c->k0) ? 3 : 4;
    feat(c, F_BIAS, 0);
    feat(c, F_CUE, cue);
    feat(c, F_CUE_RULE, cue * 31u + rule);
    feat(c, F_CUE_KIND, (classes(doc, c->c0) & C_KIND) * 2u + (uint32_t)learned_cue(x, c->c0));
    feat(c, F_CUE_FORM, cue_form(cw) * 16u + rule);
    feat(c, F_BEFORE_CUE, c->c0 > first ? whash(doc, c->c0 - 1) : 0);
    feat(c, F_BEFORE_CUE2, c->c0 > first + 1 ? whash(doc, c->c0 - 2) : 0);
    feat(c, F_FIRST, whash(doc, c->k0));
    feat(c, F_FIRST_RULE, whash(doc, c->k0) * 31u + rule);
    feat(c, F_BEFORE_CONTENT, c->k0 > first ? whash(doc, c->k0 - 1) : 0);
    feat(c, F_LEN_RULE, bucket(words) * 16u + rule);
    feat(c, F_LEN, bucket(words));
    feat(c, F_TO_END, (c->k1 == end) * 16u + rule);
    feat(c, F_MENTION, mt * 16u + rule);
    feat(c, F_MENTION_WORD, mt == 2 ? 1 : mt ? whash(doc, c->m1 - 1) : 0);
    feat(c, F_MENTION_LEN, bucket(c->m1 - c->m0));
    feat(c, F_CUE_POS, bucket(c->c0 - first));
    feat(c, F_NEGATED, (uint32_t)negated);
    feat(c, F_OPENER, whash(doc, first));
    feat(c, F_MIXED, inside > 0);
    feat(c, F_AFTER, c->k1 < end ? whash(doc, c->k1) : 0);
    feat(c, F_CUES, bucket(cues));
    feat(c, F_INNER_CUES, bucket(inner));
    feat(c, F_FIRST_SHAPE, shape * 16u + rule);
    feat(c, F_CUE_FIRST, cue * 131u + whash(doc, c->k0));
    feat(c, F_MENTION_SIDE, (c->m1 <= c->m0 ? 0u : c->m0 < c->c0 ? 1u : 2u) * 4u + (c->c0 < c->k0));
    feat(c, F_CUE_MENTION, cue * 7u + mt);
    feat(c, F_STARTS_SENTENCE, (c->k0 == first) * 16u + rule);
    feat(c, F_MARKS, bucket(marks));
    feat(c, F_SUBJECT, (uint32_t)c->subject * 8u + mt);
    feat(c, F_BEFORE_MENTION, c->m1 > c->m0 && c->m0 > first ? whash(doc, c->m0 - 1) : 0);
    feat(c, F_LAST, whash(doc, c->k1 - 1));
    feat(c, F_LEN_CUE, cue * 17u + bucket(words));
    feat(c, F_SENT_LEN, bucket(end - first));
    size_t commas = 0;
    for (size_t i = c->k0; i < c->k1; i++) commas += is_comma(doc, i);
    feat(c, F_COMMAS, (commas > 2 ? 2u : (uint32_t)commas) * 16u + rule);
    feat(c, F_FIRST_COMMAS, whash(doc, c->k0) * 3u + (commas > 2 ? 2u : (uint32_t)commas));
}

/* Adds a candidate of rule `rule` (or marks an equal one as also proposed
 * by it): attribution at (no mention unless at.found), content [k0, k1). */
static void add_cand(rep_ctx *x, int rule, attrib at, size_t k0, size_t k1)
{
    const ng_doc *doc = x->doc;
    if (k0 >= k1 || k1 > x->end || !words_in(doc, k0, k1) || is_mark(doc, k0)) return;
    const ng_token *a = &doc->tokens.items[k0], *b = &doc->tokens.items[k1 - 1];
    if (!direct_allows(doc, doc->quotes.count, a->start, b->start + b->len)) return;
    if (!at.found) at.m0 = at.m1 = at.c0;
    for (size_t i = 0; i < x->n; i++) {
        ng_rep_cand *o = &x->out[i];
        if (o->k0 == k0 && o->k1 == k1 && o->c0 == at.c0 && o->m0 == at.m0 && o->m1 == at.m1) {
            o->rules |= 1u << (rule - 1);
            return;
        }
    }
    if (x->n >= NG_REP_MAX_CANDS) return;
    ng_rep_cand *c = &x->out[x->n++];
    memset(c, 0, sizeof *c);
    *c = (ng_rep_cand){at.m0, at.m1, at.c0, at.c1, k0, k1, 1u << (rule - 1), rule >= RULE_CUE_REST ? x->subject : 0,
                       0, {0}};
}

/* A rule frame as a candidate, and its two parts when a second verb of
 * saying splits it. */
static void add_frame(rep_ctx *x, int rule, frame f)
{
    if (!f.found) return;
    add_cand(x, rule, f.at, f.k0, f.k1);
    size_t cut = f.k1;
    frame next = second_frame(x->doc, &f, &cut);
    if (!next.found) return;
    add_cand(x, RULE_SPLIT_FIRST, f.at, f.k0, cut);
    add_cand(x, RULE_SPLIT_SECOND, next.at, next.k0, next.k1);
}

/* Auxiliaries and adverbs between a subject and its verb ("Clinton has
 * long opposed", "he would not support"). */
static const char *const auxiliaries[] = {"has", "have", "had", "would", "will", "could", "should", "can", "may",
                                          "might", "must", "did", "does", "do", "is", "are", "was", "were", "be",
                                          "been", "not", "n't", "also", "never", "still", "just", "now", NULL};

/* The subject of cue c in [first, end) and how it was found (*how): 1 the
 * rules' (before_quote, implied_subject), 2 the phrase before the cue's
 * auxiliaries, 3 the agent of a passive ("was criticized by X"), 4 the
 * last pronoun or name before the cue, 0 none. */
static attrib cue_subject(const ng_doc *doc, size_t first, size_t c, size_t end, int *how)
{
    attrib at = before_quote(doc, first, c + 1);
    if (at.c0 == c && !subject_ok(doc, &at)) at.found = 0;
    if (at.c0 != c || !at.found) at = implied_subject(doc, first, c);
    *how = 1;
    if (at.found) return at;
    at = (attrib){c, c, c, c + 1, 0};
    size_t e = c;
    while (e > first && c - e < 4 && (is_adverb(doc, e - 1) || has_class(doc, e - 1, C_AUX))) e--;
    size_t s0 = e;
    while (s0 > first && e - s0 < 8 && !is_boundary(doc, s0 - 1)) s0--;
    *how = 2;
    if (s0 < e) {
        at.m0 = s0, at.m1 = e, at.found = 1;
        if (subject_ok(doc, &at)) return at;
    }
    *how = 3;
    if (c + 2 < end && tis(doc, c + 1, "by")) {
        at.m0 = c + 2, at.m1 = phrase_end(doc, c + 2, end), at.found = 1;
        if (at.m1 > at.m0 && subject_ok(doc, &at)) return at;
    }
    *how = 4;
    for (size_t i = c; i > first; i--) {
        if (has_class(doc, i - 1, C_PRONOUN)) {
            at.m0 = i - 1, at.m1 = i, at.found = 1;
            return at;
        }
        if (is_cap(doc, i - 1) && !(tflags(doc, i - 1) & NG_TOKEN_STOP)) {
            at.m1 = i, at.m0 = i - 1, at.found = 1;
            while (at.m0 > first && at.m1 - at.m0 < 5 && is_cap(doc, at.m0 - 1)) at.m0--;
            return at;
        }
    }
    *how = 0;
    at.m0 = at.m1 = c, at.found = 0;
    return at;
}

/* Verb of saying c with its subject (before it, or implied) and what
 * follows it: the rest of the sentence, up to the next comma, or its
 * object when no clause follows. */
static void add_ends(rep_ctx *x, attrib at, size_t k0);

static void add_cue(rep_ctx *x, size_t c)
{
    const ng_doc *doc = x->doc;
    size_t first = x->first, end = x->end;
    int how = 0;
    for (size_t i = 0; i < x->n; i++) /* a rule frame's cue: its subject and start, other ends */
        if (x->out[i].c0 == c && (x->out[i].rules & ((1u << (RULE_SPLIT_FIRST - 1)) - 1))) {
            const ng_rep_cand *r = &x->out[i];
            attrib at = {r->m0, r->m1, r->c0, r->c1, r->m1 > r->m0};
            x->subject = 0;
            add_ends(x, at, r->k0);
            return;
        }
    attrib at = cue_subject(doc, first, c, end, &how);
    x->subject = how;
    at.c0 = c;
    at.c1 = cue_end(doc, c, end);
    size_t k0 = content_start(doc, c, at.c1, end);
    if (k0 >= end) {
        add_cand(x, RULE_CUE_OBJECT, at, at.c1, end);
        k0 = at.c1;
    }
    add_ends(x, at, k0);
}

/* The content from k0 to the sentence's end, to the next comma, to the
 * next joint and to the next preposition, with attribution at. */
static void add_ends(rep_ctx *x, attrib at, size_t k0)
{
    const ng_doc *doc = x->doc;
    size_t end = x->end;
    int rule = RULE_CUE_REST;
    add_cand(x, rule, at, k0, end);
    size_t k1 = k0 + 1;
    while (k1 < end && !is_comma(doc, k1)) k1++;
    if (k1 < end) add_cand(x, RULE_CUE_CLAUSE, at, k0, k1);
    size_t j = k0 + 1; /* up to a joint: "and", "as", "when", a dash, a semicolon */
    while (j < end && !is_comma(doc, j) && !has_class(doc, j, C_JOINT) &&
           !(!is_word(doc, j) && strchr(";:-(", doc->body[doc->tokens.items[j].start])))
        j++;
    if (j < k1) add_cand(x, RULE_CUE_JOINT, at, k0, j);
    size_t np = k0 + 1; /* a noun phrase: up to a preposition too ("criticized Clinton for ...") */
    while (np < j && !has_class(doc, np, C_PREP) && !is_cue(doc, np)) np++;
    if (np < j) add_cand(x, RULE_CUE_PHRASE, at, k0, np);
}

/* The words of the class lists in one open-addressing table, built once
 * (pthread_once, then only read): a word's classes in one probe instead of
 * a scan of every list. */
enum { CLASS_SLOTS = 512 };
static struct {
    const char *w;
    size_t len;
    unsigned char bits;
} class_table[CLASS_SLOTS];
static pthread_once_t class_once = PTHREAD_ONCE_INIT;

static void build_class_table(void)
{
    const char *const *const lists[] = {joints, preps, auxiliaries, pronouns};
    static const unsigned char bits[] = {C_JOINT, C_PREP, C_AUX, C_PRONOUN};
    for (size_t l = 0; l < sizeof bits; l++)
        for (const char *const *w = lists[l]; *w; w++) {
            size_t len = strlen(*w), i = ng_hash_bytes(*w, len) & (CLASS_SLOTS - 1);
            while (class_table[i].w && (class_table[i].len != len || memcmp(class_table[i].w, *w, len)))
                i = (i + 1) & (CLASS_SLOTS - 1);
            class_table[i].w = *w;
            class_table[i].len = len;
            class_table[i].bits |= bits[l];
        }
}

/* The classes of a folded word (see classes()); its kind of cue only when
 * it may be one (cue: a word, not a function word). */
static unsigned word_classes(ng_str w, int cue)
{
    unsigned c = C_KNOWN | (cue ? (unsigned)ng_quote_cue_kind(w.ptr, w.len) : 0u);
    pthread_once(&class_once, build_class_table);
    for (size_t i = ng_hash_bytes(w.ptr, w.len) & (CLASS_SLOTS - 1); class_table[i].w; i = (i + 1) & (CLASS_SLOTS - 1))
        if (class_table[i].len == w.len && !memcmp(class_table[i].w, w.ptr, w.len)) return c | class_table[i].bits;
    return c;
}

size_t ng_rep_candidates(const ng_doc *doc, size_t si, const ng_rep_model *m, ng_rep_cand *out)
{
    if (!doc || si >= doc->sentences.count) return 0;
    const ng_sentence *s = &doc->sentences.items[si];
    if (s->token_count < 5) return 0;
    size_t first = s->first_token, end = content_end(doc, first, first + s->token_count);
    rep_ctx x = {doc, first, end, out, 0, 0, m};
    add_frame(&x, RULE_ACCORDING, according_frame(doc, first, end));
    add_frame(&x, RULE_TRAILING, trailing_frame(doc, first, end));
    add_frame(&x, RULE_LEADING, leading_frame(doc, first, end));
    add_frame(&x, RULE_MIDDLE, middle_frame(doc, first, end));
    add_frame(&x, RULE_PARTICIPLE, participle_frame(doc, first, end));
    add_frame(&x, RULE_RELATIVE, relative_frame(doc, first, end));
    add_frame(&x, RULE_INFINITIVE, infinitive_frame(doc, first, end));
    for (size_t c = first; c < end; c++)
        if ((is_cue(doc, c) && !tis(doc, c, "according")) || learned_cue(&x, c)) add_cue(&x, c);
    for (size_t i = 0; i < x.n; i++) rep_features(&x, &out[i]);
    return x.n;
}

/* The reported quote of content tokens [k0, k1) with attribution at. */
static ng_quote reported_quote(qstate *q, const attrib *at, size_t k0, size_t k1, size_t sent_first)
{
    const ng_doc *doc = q->doc;
    const ng_token *a = &doc->tokens.items[k0], *b = &doc->tokens.items[k1 - 1];
    ng_quote x = {a->start, b->start + b->len, tok_span(doc, at->m0, at->m1), tok_span(doc, at->c0, at->c1),
                  {NULL, 0}, 0, 1};
    if (at->found) x.speaker = canonical(q, at, sent_first);
    return x;
}

/* The reported quotes of the document, in body order, into out (at most
 * NG_REP_MAX_CHOSEN a sentence): the candidates the built-in classifier
 * keeps; none when no model is built in.  The count. */
static size_t find_reported(qstate *q, ng_quote *out)
{
    ng_doc *doc = q->doc;
    const ng_rep_model *m = ng_rep_model_default();
    if (!m) return 0;
    ng_rep_cand cands[NG_REP_MAX_CANDS];
    double score[NG_REP_MAX_CANDS];
    size_t chosen[NG_REP_MAX_CHOSEN], n = 0;
    for (size_t i = 0; i < doc->sentences.count; i++) {
        size_t nc = ng_rep_candidates(doc, i, m, cands);
        for (size_t k = 0; k < nc; k++) score[k] = ng_rep_score(m, &cands[k]);
        size_t nch = ng_rep_choose(cands, nc, score, m->threshold, chosen);
        for (size_t k = 0; k < nch; k++) {
            const ng_rep_cand *c = &cands[chosen[k]];
            frame f = {{c->m0, c->m1, c->c0, c->c1, c->m1 > c->m0}, c->k0, c->k1, 1};
            /* "A, adding that B": a second verb of saying inside splits it, as the rules did */
            for (int part = 0; f.found && part < 3 && n < NG_REP_MAX_CHOSEN * (i + 1); part++) {
                size_t cut = f.k1;
                frame next = {{0, 0, 0, 0, 0}, 0, 0, 0};
                if (part < 2) next = second_frame(doc, &f, &cut);
                out[n++] = reported_quote(q, &f.at, f.k0, cut, doc->sentences.items[i].first_token);
                f = next;
            }
        }
    }
    return n;
}

static void inherit(ng_quote *x, const ng_quote *from);

/* A partial quote inside reported speech ('Cooper said her party backed
 * it "for months"') is the reported speaker's words: it takes that
 * attribution.  Both lists are in body order. */
static void attribute_partials(ng_quote *direct, size_t nd, const ng_quote *rep, size_t nr)
{
    for (size_t i = 0, j = 0; i < nd; i++) {
        while (j < nr && rep[j].end < direct[i].end) j++;
        if (j < nr && direct[i].partial && rep[j].start <= direct[i].start && direct[i].end <= rep[j].end)
            inherit(&direct[i], &rep[j]);
    }
}

/* Adds the reported quotes, keeping the list in body order. */
static ng_status add_reported(qstate *q)
{
    ng_doc *doc = q->doc;
    size_t nd = doc->quotes.count;
    ng_quote *rep = malloc((NG_REP_MAX_CHOSEN * doc->sentences.count + nd + 1) * sizeof *rep);
    if (!rep) return NG_E_NOMEM;
    size_t nr = find_reported(q, rep);
    attribute_partials(doc->quotes.items, nd, rep, nr);
    if (nr) {
        if (nd) memcpy(rep + nr, doc->quotes.items, nd * sizeof *rep); /* the direct ones, after */
        doc->quotes.count = 0;
        size_t i = 0, j = 0;
        while (i < nr || j < nd) {
            const ng_quote *d = j < nd ? &rep[nr + j] : NULL, *r = i < nr ? &rep[i] : NULL;
            ng_quote x = d && (!r || d->start <= r->start) ? rep[nr + j++] : rep[i++];
            if (ng_vec_push(&doc->arena, &doc->quotes, x)) {
                free(rep);
                return NG_E_NOMEM;
            }
        }
    }
    free(rep);
    return NG_OK;
}

/* ------------------------------------------------------------------ pass */

static int starts_lower(const ng_doc *doc, const qspan *sp)
{
    unsigned char c = (unsigned char)doc->body[sp->start];
    return c >= 'a' && c <= 'z';
}

static int ends_comma(const ng_doc *doc, const ng_quote *x)
{
    return x->end > x->start && doc->body[x->end - 1] == ',';
}

static void inherit(ng_quote *x, const ng_quote *from)
{
    x->speaker_mention = from->speaker_mention;
    x->cue = from->cue;
    x->speaker = from->speaker;
}

/* Where the attribution after a quote may end: the quote's sentence, or
 * the next one of the same paragraph when the splitter ended the sentence
 * at the quote's own "?" or "!" and the next opens lowercase or is short
 * ('"Who will pay?" he asked.', '"We will win!" Trump said.'). */
static size_t attribution_end(const ng_doc *doc, const qspan *sp, size_t s1, size_t hi)
{
    if (s1 + 1 >= doc->sentences.count || hi > sp->close || sp->end == 0 || !strchr("?!", doc->body[sp->end - 1]))
        return hi;
    const ng_sentence *next = &doc->sentences.items[s1 + 1];
    if (next->paragraph != doc->sentences.items[s1].paragraph || next->start > sp->close + 1) return hi;
    /* "he asked." / "Trump said." - not a sentence of its own */
    if (is_cap(doc, next->first_token) && next->token_count > 8) return hi;
    return next->end;
}

static ng_quote make_quote(qstate *q, size_t k, const qspan *prev, const ng_quote *prevq)
{
    ng_doc *doc = q->doc;
    const qspan *sp = &q->spans[k];
    ng_quote x = {sp->start, sp->end, {NULL, 0}, {NULL, 0}, {NULL, 0}, starts_lower(doc, sp), 0};
    size_t s0 = sent_of(doc, sp->open), s1 = sent_of(doc, sp->end ? sp->end - 1 : 0);
    size_t lo = doc->sentences.items[s0].start, hi = doc->sentences.items[s1].end;
    hi = attribution_end(doc, sp, s1, hi);
    if (prev && prev->close > lo && prev->close <= sp->open) lo = prev->close;
    if (k + 1 < q->nspans && q->spans[k + 1].open < hi) hi = q->spans[k + 1].open;
    int same_para = prev && prevq && prev->para == sp->para;
    if (x.partial && same_para && !prevq->partial && ends_comma(doc, prevq) &&
        sent_of(doc, prev->open) == s0)
        x.partial = 0; /* "I think," he said, "that ..." */
    attrib at = attribute(doc, sp, lo, hi);
    if (at.found) {
        x.speaker_mention = tok_span(doc, at.m0, at.m1);
        x.cue = tok_span(doc, at.c0, at.c1);
        x.speaker = canonical(q, &at, doc->sentences.items[s0].first_token);
        if (has_space(x.speaker) && is_cap(doc, at.m1 - 1)) q->last_person = x.speaker;
        else if (has_space(x.speaker) && at.m1 - at.m0 == 1) q->last_person = x.speaker;
    } else if ((same_para || sp->cont_prev) && prevq) {
        inherit(&x, prevq);
    }
    return x;
}

/* A quote continued from the previous paragraph without its own speaker
 * gets the later part's, and the other way round. */
static void link_continued(ng_doc *doc)
{
    for (size_t i = doc->quotes.count; i-- > 1;) {
        ng_quote *a = &doc->quotes.items[i - 1], *b = &doc->quotes.items[i];
        if (!a->speaker_mention.len && b->speaker_mention.len && b->start - a->end <= 6 &&
            memchr(doc->body + a->end, '\n', b->start - a->end))
            inherit(a, b);
    }
}

static ng_status run_pass(qstate *q)
{
    ng_doc *doc = q->doc;
    const qspan *prev = NULL;
    for (size_t k = 0; k < q->nspans; k++) {
        const qspan *sp = &q->spans[k];
        if (!sp->cont_prev && !sp->cont_next && !is_quotation(doc, sp)) continue;
        const ng_quote *pq = doc->quotes.count ? &doc->quotes.items[doc->quotes.count - 1] : NULL;
        ng_quote x = make_quote(q, k, prev, pq);
        if (ng_vec_push(&doc->arena, &doc->quotes, x)) return NG_E_NOMEM;
        prev = sp;
    }
    link_continued(doc);
    return NG_OK;
}

ng_status ng_analyze_quotes(ng_doc *doc, ng_error *err)
{
    if (!doc) return ng_fail(err, NG_E_ARG, 0, "no document");
    doc->quotes.count = 0;
    doc->quotes_analyzed = 1;
    if (!doc->sentences.count || !doc->tokens.count) return NG_OK;
    qstate q = {.doc = doc};
    doc->cue_kinds = calloc(doc->words.words.count + 1, 1);
    if (!doc->cue_kinds || find_spans(&q)) {
        free(doc->cue_kinds);
        doc->cue_kinds = NULL;
        return ng_fail(err, NG_E_NOMEM, 0, "out of memory finding quotes");
    }
    ng_status st = run_pass(&q);
    if (st == NG_OK) st = add_reported(&q);
    free(q.spans);
    free(doc->cue_kinds);
    doc->cue_kinds = NULL;
    free(q.names);
    if (st != NG_OK) return ng_fail(err, st, 0, "out of memory storing quotes");
    return NG_OK;
}

size_t ng_doc_quote_count(const ng_doc *doc)
{
    return doc ? doc->quotes.count : 0;
}

ng_quote ng_doc_quote(const ng_doc *doc, size_t i)
{
    ng_quote none;
    memset(&none, 0, sizeof none);
    if (!doc || i >= doc->quotes.count) return none;
    return doc->quotes.items[i];
}
