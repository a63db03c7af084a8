/* trim.c - the trimming rules (see nutgraf.h NG_TRIM_*).  Each rule marks
 * tokens of the sentence to drop; the bullet is rebuilt from the kept
 * tokens.  Rules are conservative: when the shape is not clear they leave
 * the sentence alone, since a wrong cut makes a bullet ungrammatical. */
#include "summarize/trim.h"

#include <string.h>

#include "structure/structure.h"

#define TRIM_MAX_TOKENS 512 /* longer sentences are left whole */

typedef struct trim_ctx {
    const ng_doc *doc;
    const ng_token *tok; /* the sentence's tokens */
    size_t n;
    const char *text; /* the sentence */
    size_t len;
    unsigned char keep[TRIM_MAX_TOKENS];
} trim_ctx;

const char *ng_trim_rule_name(unsigned rule)
{
    switch (rule) {
    case NG_TRIM_DATELINE: return "dateline";
    case NG_TRIM_CONJUNCTION: return "conjunction";
    case NG_TRIM_ATTRIBUTION: return "attribution";
    case NG_TRIM_PARENTHESES: return "parentheses";
    case NG_TRIM_RELATIVE: return "relative";
    case NG_TRIM_APPOSITIVE: return "appositive";
    default: return NULL;
    }
}

ng_status ng_trim_rules_parse(const char *list, unsigned *out)
{
    if (!list || !out) return NG_E_ARG;
    if (!strcmp(list, "all")) { *out = NG_TRIM_ALL; return NG_OK; }
    if (!strcmp(list, "none")) { *out = 0; return NG_OK; }
    if (!strcmp(list, "default")) { *out = NG_TRIM_DEFAULT; return NG_OK; }
    unsigned bits = 0;
    const char *p = list;
    while (*p) {
        size_t n = strcspn(p, ",");
        unsigned found = 0;
        for (unsigned r = 1; r <= NG_TRIM_ALL && !found; r <<= 1) {
            const char *name = ng_trim_rule_name(r);
            if (name && strlen(name) == n && !strncmp(name, p, n)) found = r;
        }
        if (!found) return NG_E_ARG;
        bits |= found;
        p += n;
        if (*p == ',') p++;
    }
    *out = bits;
    return NG_OK;
}

static int tok_is(const trim_ctx *c, size_t i, const char *w)
{
    ng_str s = c->doc->words.words.items[c->tok[i].word];
    return s.len == strlen(w) && !memcmp(s.ptr, w, s.len);
}

static int tok_in(const trim_ctx *c, size_t i, const char *const *list)
{
    for (; *list; list++)
        if (tok_is(c, i, *list)) return 1;
    return 0;
}

static int is_punct(const trim_ctx *c, size_t i) { return (c->tok[i].flags & NG_TOKEN_PUNCT) != 0; }
static int is_quote(const trim_ctx *c, size_t i) { return (c->tok[i].flags & NG_TOKEN_QUOTE) != 0; }
static int is_capital(const trim_ctx *c, size_t i) { return (c->tok[i].flags & NG_TOKEN_CAPITAL) != 0; }

static void drop(trim_ctx *c, size_t from, size_t to)
{
    for (size_t i = from; i < to && i < c->n; i++) c->keep[i] = 0;
}

/* The last token that is not closing punctuation (the final stop). */
static size_t body_end(const trim_ctx *c)
{
    size_t e = c->n;
    while (e > 0 && is_punct(c, e - 1) && !is_quote(c, e - 1)) e--;
    return e;
}

static int has_quote(const trim_ctx *c, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        if (is_quote(c, i)) return 1;
    return 0;
}

static void rule_conjunction(trim_ctx *c)
{
    static const char *const lead[] = {"but", "and", "so", "yet", "however", "meanwhile", "still",
                                       "also", "instead", "now", NULL};
    if (c->n < 6 || !tok_in(c, 0, lead)) return;
    drop(c, 0, 1);
    if (tok_is(c, 1, ",")) drop(c, 1, 2);
}

/* The attribution shapes after the last comma, up to the final stop:
 *   ", a U.S. diplomat said."  - the verb ends the sentence;
 *   ", said Michael Posner."   - the verb opens it, a name or noun follows;
 *   ", according to police."
 * Anything else after the comma ("..., said he was grateful") is a clause
 * the sentence needs, so it stays. */
static int is_attribution(const trim_ctx *c, size_t comma, size_t end)
{
    static const char *const verbs[] = {"said", "says", "told", "added", "reported", "explained", "noted", NULL};
    static const char *const det[] = {"the", "a", "an", NULL};
    if (end - comma > 12 || end - comma < 2 || has_quote(c, comma, end)) return 0;
    if (tok_in(c, end - 1, verbs)) return 1;
    if (tok_in(c, comma + 1, verbs) && comma + 2 < end) return is_capital(c, comma + 2) || tok_in(c, comma + 2, det);
    return tok_is(c, comma + 1, "according") && comma + 2 < end && tok_is(c, comma + 2, "to");
}

static void rule_attribution(trim_ctx *c)
{
    if (c->n < 8 || is_quote(c, 0)) return;
    size_t end = body_end(c);
    for (size_t i = end; i-- > 3;) {
        if (!tok_is(c, i, ",")) continue;
        if (is_attribution(c, i, end)) drop(c, i, end);
        return;
    }
}

/* "(pictured)", "(CNN)" inside a sentence; never the opening token. */
static void rule_parentheses(trim_ctx *c)
{
    for (size_t i = 1; i < c->n; i++) {
        if (!tok_is(c, i, "(")) continue;
        size_t j = i + 1;
        while (j < c->n && j < i + 20 && !tok_is(c, j, ")") && !tok_is(c, j, "(")) j++;
        if (j < c->n && tok_is(c, j, ")")) {
            drop(c, i, j + 1);
            i = j;
        }
    }
}

/* Finite verbs a clause shows without a tagger: auxiliaries, reporting
 * verbs and common irregular past forms. */
static int is_listed_verb(const trim_ctx *c, size_t i)
{
    static const char *const verbs[] = {
        "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would", "can", "could",
        "may", "might", "must", "should", "shall", "do", "does", "did", "said", "says", "told", "tells",
        "found", "made", "took", "went", "came", "got", "gave", "saw", "knew", "thought", "left", "became",
        "began", "held", "kept", "met", "paid", "ran", "sent", "stood", "won", "wrote", "lost", "led",
        "brought", "built", "bought", "caught", "fought", "felt", "heard", "hit", "let", "put", "set", "shot",
        "sold", "spent", "taught", "fell", "rose", "grew", "drew", "flew", "threw", "wore", "broke", "spoke",
        "chose", "drove", "ate", "sat", "lay", "rang", "sang", "hid", "shook", "woke", "struck", "swore",
        "tore", "sought", "fled", "hung", "sank", "swung", "dug", "forgot", "froze", "rode", "withdrew",
        "understood", "meant", "read", "cut", "quit", "'s", "'re", "'ve", "'ll", "'d", "'m", "n't", NULL};
    return tok_in(c, i, verbs);
}

/* A lower-case word ending in "ed" (past tense or participle). */
static int ends_ed(const trim_ctx *c, size_t i)
{
    ng_str w = c->doc->words.words.items[c->tok[i].word];
    return !is_capital(c, i) && w.len >= 4 && w.ptr[w.len - 2] == 'e' && w.ptr[w.len - 1] == 'd';
}

/* Could be a finite verb: listed, -ed, or a lower-case -s word ("remains"). */
static int verb_like(const trim_ctx *c, size_t i)
{
    if (is_listed_verb(c, i) || ends_ed(c, i)) return 1;
    ng_str w = c->doc->words.words.items[c->tok[i].word];
    return !is_capital(c, i) && !is_punct(c, i) && w.len >= 3 && w.ptr[w.len - 1] == 's' && w.ptr[w.len - 2] != 's';
}

/* ", which/who ... ," with a closing comma: both commas and the clause go,
 * but only between a subject and its verb ("Ai Weiwei, who ..., remains"):
 * when a verb came before the clause, what follows its closing comma may
 * belong to the clause ("says Ibsen, whose DNA ... King, found buried"). */
static void rule_relative(trim_ctx *c)
{
    static const char *const rel[] = {"which", "who", "whose", "whom", NULL};
    size_t end = body_end(c);
    for (size_t i = 1; i + 2 < end; i++) {
        if (!tok_is(c, i, ",") || !tok_in(c, i + 1, rel)) continue;
        size_t j = i + 2;
        while (j < end && !tok_is(c, j, ",") && !is_quote(c, j) && !tok_is(c, j, "(")) j++;
        if (j < end && tok_is(c, j, ",") && j - i <= 25 && j + 1 < end && verb_like(c, j + 1)) {
            int verb_before = 0;
            for (size_t k = 0; k < i; k++) verb_before |= is_listed_verb(c, k) || ends_ed(c, k) || is_quote(c, k);
            if (!verb_before) drop(c, i, j + 1);
            i = j;
        }
    }
}

/* "Smith, a lawyer, said" after a capitalised word: ", the|a|an ... ,"
 * of at most 8 tokens, closed by a comma that is not part of a list (no
 * "and"/"or" in the next three tokens). */
static void rule_appositive(trim_ctx *c)
{
    static const char *const det[] = {"the", "a", "an", NULL};
    size_t end = body_end(c);
    for (size_t i = 1; i + 2 < end; i++) {
        if (!tok_is(c, i, ",") || !is_capital(c, i - 1) || !tok_in(c, i + 1, det)) continue;
        size_t j = i + 2;
        while (j < end && !tok_is(c, j, ",") && !is_quote(c, j)) j++;
        if (j >= end || !tok_is(c, j, ",") || j - i > 8 || j + 1 >= end) continue;
        int list = 0;
        for (size_t k = j + 1; k < end && k <= j + 3; k++) list |= tok_is(c, k, "and") || tok_is(c, k, "or");
        if (list) continue;
        drop(c, i, j + 1);
        i = j;
    }
}

static void rule_dateline(trim_ctx *c)
{
    size_t vlen;
    size_t cut = ng_dateline_len(c->text, c->len, &vlen);
    if (!cut) return;
    for (size_t i = 0; i < c->n && c->tok[i].start - c->tok[0].start < cut; i++) c->keep[i] = 0;
}

/* Punctuation that attaches to the word before it. */
static int closes(const trim_ctx *c, size_t i)
{
    static const char *const marks[] = {",", ".", ";", ":", "!", "?", ")", "]", "'s", NULL};
    return tok_in(c, i, marks);
}

/* ------------------------------------------------------------ quotes */

/* A double quotation mark: 1 opening (“), 2 closing (”), 3 straight ("),
 * 0 none. */
static int dq_mark(const trim_ctx *c, size_t i)
{
    if (!is_quote(c, i)) return 0;
    const char *p = c->doc->body + c->tok[i].start;
    if (c->tok[i].len == 1 && p[0] == '"') return 3;
    if (c->tok[i].len == 3 && (unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x80) {
        if ((unsigned char)p[2] == 0x9C) return 1;
        if ((unsigned char)p[2] == 0x9D) return 2;
    }
    return 0;
}

static int space_or_none(char ch) { return ch == ' ' || ch == '\n' || ch == '\t' || ch == '\0'; }

/* Whether straight mark i opens a quotation: glued to the word after it
 * and not to the one before.  Spaced on both sides (ptb text, or a closer
 * the splitter left at the start of the next sentence) it alternates with
 * the open quotation, except that the sentence's first mark closes when
 * the sentence holds an odd number of them ('" Meng told ...'). */
static int straight_opens(const trim_ctx *c, size_t i, int depth, int first_closes)
{
    const ng_doc *d = c->doc;
    size_t at = c->tok[i].start;
    char before = at > 0 ? d->body[at - 1] : ' ', after = at + 1 < d->body_len ? d->body[at + 1] : ' ';
    int open_before = space_or_none(before) || strchr("([{", before);
    int ellipsis = after == '.' && at + 2 < d->body_len && d->body[at + 2] == '.'; /* '"...a National' */
    int close_after = space_or_none(after) || (strchr(".,;:!?)]", after) && !ellipsis);
    if (open_before && !close_after) return 1;
    if (!open_before && close_after) return 0;
    if (i == 0 && first_closes) return 0;
    return depth == 0;
}

typedef struct quote_fix {
    int drop_first; /* the first kept token is a stray closing mark */
    int open;       /* opening marks to put back in front */
    int close;      /* closing marks to add at the end */
    int curly;      /* the sentence writes curly marks */
} quote_fix;

/* What the kept tokens need to hold whole quotations: a sentence cut out
 * of a longer quote gets its marks back at either end. */
static quote_fix quote_repair(const trim_ctx *c)
{
    quote_fix f = {0, 0, 0, 0};
    size_t marks = 0, first = c->n;
    for (size_t i = 0; i < c->n; i++) {
        if (!c->keep[i]) continue;
        if (first == c->n) first = i;
        int m = dq_mark(c, i);
        marks += m != 0;
        f.curly |= m == 1 || m == 2;
    }
    int depth = 0;
    for (size_t i = 0; i < c->n; i++) {
        if (!c->keep[i]) continue;
        int m = dq_mark(c, i);
        if (!m) continue;
        int opens = m == 1 || (m == 3 && straight_opens(c, i, depth, i == first && marks % 2));
        if (opens) {
            depth++;
        } else if (depth > 0) {
            depth--;
        } else if (i == first) {
            f.drop_first = 1;
        } else {
            f.open++;
        }
    }
    f.open = f.open > 2 ? 2 : f.open;
    f.close = depth > 2 ? 2 : depth;
    return f;
}

/* ------------------------------------------------------------ rebuild */

/* Rebuilds the bullet from kept tokens, with the quotation marks the fix
 * puts back; capitalises its first letter when a rule removed the opening
 * words. */
static ng_status rebuild(ng_doc *doc, const trim_ctx *c, const quote_fix *f, ng_str *out)
{
    const char *om = f->curly ? "\xE2\x80\x9C" : "\"", *cm = f->curly ? "\xE2\x80\x9D" : "\"";
    size_t cap = 6 * 2 + 1;
    for (size_t i = 0; i < c->n; i++) cap += c->tok[i].len + 1;
    char *buf = ng_arena_alloc(&doc->arena, cap + 1);
    if (!buf) return NG_E_NOMEM;
    size_t o = 0;
    for (int k = 0; k < f->open; k++, o += strlen(om)) memcpy(buf + o, om, strlen(om));
    long prev = -1;
    int skip = f->drop_first;
    for (size_t i = 0; i < c->n; i++) {
        if (!c->keep[i]) continue;
        if (skip) { /* the stray closer goes, and counts as a cut */
            skip = 0;
            prev = -2;
            continue;
        }
        if (prev >= 0) {
            /* Next to a kept neighbour: the spacing that stood there.  After
             * a cut: a space, unless closing punctuation follows. */
            const ng_token *a = &c->tok[i - 1], *b = &c->tok[i];
            if ((size_t)prev + 1 == i ? b->start > a->start + a->len : !closes(c, i)) buf[o++] = ' ';
        }
        memcpy(buf + o, doc->body + c->tok[i].start, c->tok[i].len);
        if (prev < 0 && (i > 0 || prev == -2) && buf[o] >= 'a' && buf[o] <= 'z') buf[o] = (char)(buf[o] - 32);
        o += c->tok[i].len;
        prev = (long)i;
    }
    for (int k = 0; k < f->close; k++, o += strlen(cm)) memcpy(buf + o, cm, strlen(cm));
    buf[o] = '\0';
    *out = (ng_str){buf, o};
    return NG_OK;
}

/* ------------------------------------------------------- rule checks */

static size_t kept_words(const trim_ctx *c)
{
    size_t w = 0;
    for (size_t i = 0; i < c->n; i++)
        w += c->keep[i] && (c->tok[i].flags & (NG_TOKEN_WORD | NG_TOKEN_NUMBER));
    return w;
}

/* What a rule took out keeps quotes and brackets balanced: as many "("
 * as ")" and "[" as "]", and an even number of double quotation marks. */
static int cut_is_balanced(const trim_ctx *c, const unsigned char *before)
{
    long paren = 0, square = 0, dq = 0;
    for (size_t i = 0; i < c->n; i++) {
        if (!before[i] || c->keep[i]) continue;
        paren += tok_is(c, i, "(") - tok_is(c, i, ")");
        square += tok_is(c, i, "[") - tok_is(c, i, "]");
        dq += dq_mark(c, i) != 0;
    }
    return paren == 0 && square == 0 && dq % 2 == 0;
}

/* What remains is still a sentence: 4 words or more and not under a third
 * of the tokens, a subject (a word) before a finite verb, balanced marks. */
static int still_a_sentence(const trim_ctx *c, const unsigned char *before)
{
    size_t kept = 0, first = c->n;
    for (size_t i = 0; i < c->n; i++) {
        kept += c->keep[i];
        if (c->keep[i] && first == c->n && (c->tok[i].flags & NG_TOKEN_WORD)) first = i;
    }
    if (kept * 3 < c->n || kept_words(c) < 4 || !cut_is_balanced(c, before)) return 0;
    for (size_t i = 0; i < c->n; i++) { /* it opens on a word, a number or a mark that opens */
        if (!c->keep[i]) continue;
        if (!(c->tok[i].flags & (NG_TOKEN_WORD | NG_TOKEN_NUMBER)) && !is_quote(c, i) && !tok_is(c, i, "(")) return 0;
        break;
    }
    for (size_t i = first + 1; i < c->n; i++)
        if (c->keep[i] && verb_like(c, i)) return 1;
    return 0;
}

/* Applies one rule, and undoes it alone when what remains is no sentence. */
static void apply_rule(trim_ctx *c, void (*rule)(trim_ctx *))
{
    unsigned char before[TRIM_MAX_TOKENS];
    memcpy(before, c->keep, c->n);
    rule(c);
    if (memcmp(before, c->keep, c->n) && !still_a_sentence(c, before)) memcpy(c->keep, before, c->n);
}

ng_status ng_trim_highlight(ng_doc *doc, ng_highlight *h, unsigned rules)
{
    ng_sentence s = doc->sentences.items[h->sentence];
    h->text = (ng_str){doc->body + s.start, s.end - s.start};
    if (s.token_count == 0 || s.token_count > TRIM_MAX_TOKENS) return NG_OK;
    trim_ctx c;
    c.doc = doc;
    c.tok = doc->tokens.items + s.first_token;
    c.n = s.token_count;
    c.text = h->text.ptr;
    c.len = h->text.len;
    memset(c.keep, 1, c.n);
    if (rules & NG_TRIM_DATELINE) apply_rule(&c, rule_dateline);
    if (rules & NG_TRIM_CONJUNCTION) apply_rule(&c, rule_conjunction);
    if (rules & NG_TRIM_PARENTHESES) apply_rule(&c, rule_parentheses);
    if (rules & NG_TRIM_RELATIVE) apply_rule(&c, rule_relative);
    if (rules & NG_TRIM_APPOSITIVE) apply_rule(&c, rule_appositive);
    if (rules & NG_TRIM_ATTRIBUTION) apply_rule(&c, rule_attribution);
    size_t kept = 0;
    for (size_t i = 0; i < c.n; i++) kept += c.keep[i];
    quote_fix f = quote_repair(&c);
    if (kept == c.n && !f.drop_first && !f.open && !f.close) return NG_OK;
    return rebuild(doc, &c, &f, &h->text);
}
