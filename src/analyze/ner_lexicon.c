/* ner_lexicon.c - building the named-entity tagger's lexicon: names of
 * people, organizations, places and other things (MISC) from word lists
 * outside the training data, read from the files Debian installs
 * (WordNet's proper nouns and capitalised adjectives, time-zone cities,
 * a list of first names; `nutgraf ner-lexicon` adds ISO country, region
 * and language names from iso-codes' JSON), written as the sorted
 * "TYPE<TAB>phrase" lines that ng_ner_lex_parse() reads.  Names are split
 * into words the way news text is tokenized (runs of letters, digits and
 * . ' & -; any other character alone). */
#include <stdlib.h>
#include <string.h>

#include "analyze/ner.h"
#include "core/doc.h"

#define NAME_MAX_BYTES 256

void ng_ner_names_free(ng_ner_names *b)
{
    free(b->text);
    free(b->off);
    memset(b, 0, sizeof *b);
}

static int word_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '\'' ||
           c == '&' || c == '-' || c >= 0x80;
}

static int space_byte(unsigned char c)
{
    return c == ' ' || c == '_' || c == '\t' || c == '\r' || c == '\n';
}

static ng_status reserve(ng_ner_names *b, size_t more)
{
    if (b->len + more > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->len + more) cap *= 2;
        char *t = realloc(b->text, cap);
        if (!t) return NG_E_NOMEM;
        b->text = t;
        b->cap = cap;
    }
    if (b->n == b->ocap) {
        size_t cap = b->ocap ? b->ocap * 2 : 1024;
        size_t *o = realloc(b->off, cap * sizeof *o);
        if (!o) return NG_E_NOMEM;
        b->off = o;
        b->ocap = cap;
    }
    return NG_OK;
}

ng_status ng_ner_names_add(ng_ner_names *b, int type, const char *name, size_t n)
{
    if (type < 0 || type >= NG_NER_TYPES) return NG_E_ARG;
    while (n && space_byte((unsigned char)*name)) name++, n--;
    while (n && space_byte((unsigned char)name[n - 1])) n--;
    if (!n || n > NAME_MAX_BYTES) return NG_OK;
    unsigned char first = (unsigned char)name[0];
    if (!((first >= 'A' && first <= 'Z') || first >= 0x80)) return NG_OK;
    if (memchr(name, ',', n) || memchr(name, '(', n) || memchr(name, '[', n))
        return NG_OK; /* "Korea, Republic of", "A Coruña [La Coruña]" */
    /* the line: TYPE, tab, the words joined by single spaces, NUL */
    const char *tn = ng_ner_type_name(type);
    size_t tl = strlen(tn);
    if (reserve(b, tl + 1 + 2 * n + 1)) return NG_E_NOMEM;
    char *o = b->text + b->len;
    memcpy(o, tn, tl);
    size_t k = tl;
    o[k++] = '\t';
    size_t words = 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)name[i];
        if (space_byte(c)) {
            i++;
            continue;
        }
        size_t j = i + 1;
        if (word_byte(c))
            while (j < n && word_byte((unsigned char)name[j])) j++;
        if (words++) o[k++] = ' ';
        memcpy(o + k, name + i, j - i);
        k += j - i;
        i = j;
    }
    if (words > NG_NER_GAZ_MAXLEN) return NG_OK;
    o[k++] = '\0';
    b->off[b->n++] = b->len;
    b->len += k;
    return NG_OK;
}

/* The next line of bytes[*pos..len) into *line, *n (without '\n'); 0 at
 * the end. */
static int next_line(const char *bytes, size_t len, size_t *pos, const char **line, size_t *n)
{
    if (*pos >= len) return 0;
    const char *s = bytes + *pos;
    const char *e = memchr(s, '\n', len - *pos);
    size_t l = e ? (size_t)(e - s) : len - *pos;
    *pos += l + 1;
    *line = s;
    *n = l;
    return 1;
}

/* The next field of line[*pos..n) separated by sep; 0 when none is left. */
static int next_field(const char *line, size_t n, size_t *pos, char sep, const char **f, size_t *fl)
{
    if (*pos > n) return 0;
    const char *s = line + *pos;
    const char *e = memchr(s, sep, n - *pos);
    size_t l = e ? (size_t)(e - s) : n - *pos;
    *pos += l + 1;
    *f = s;
    *fl = l;
    return 1;
}

static int starts_capital(const char *w, size_t n)
{
    return n && w[0] >= 'A' && w[0] <= 'Z';
}

/* WordNet's lexicographer files: the type of an instance of each. */
static int instance_type(long lexfile)
{
    switch (lexfile) {
    case 18: return NG_NER_PER;  /* noun.person */
    case 14: return NG_NER_ORG;  /* noun.group */
    case 15:                     /* noun.location */
    case 17: return NG_NER_LOC;  /* noun.object: rivers, mountains */
    case 4:                      /* noun.act: wars, crusades */
    case 10:                     /* noun.communication: scriptures */
    case 11: return NG_NER_MISC; /* noun.event */
    default: return -1;
    }
}

/* Adds a WordNet word (underscores between its words, maybe a "(p)"
 * marker after it) as type; a person's last word too. */
static ng_status add_wordnet_word(ng_ner_names *b, int type, const char *w, size_t n, int person)
{
    const char *paren = memchr(w, '(', n);
    if (paren) n = (size_t)(paren - w);
    if (ng_ner_names_add(b, type, w, n)) return NG_E_NOMEM;
    if (!person) return NG_OK;
    const char *last = w + n;
    while (last > w && last[-1] != '_') last--;
    if (last > w && starts_capital(last, (size_t)(w + n - last)))
        return ng_ner_names_add(b, NG_NER_PER, last, (size_t)(w + n - last));
    return NG_OK;
}

ng_status ng_ner_names_add_wordnet(ng_ner_names *b, const char *bytes, size_t len, int adjectives)
{
    size_t pos = 0, n;
    const char *line;
    while (next_line(bytes, len, &pos, &line, &n)) {
        if (n < 2 || line[0] == ' ') continue; /* the licence at the top */
        /* offset lex_filenum ss_type w_cnt word lex_id [word lex_id...] */
        size_t p = 0;
        const char *f[4];
        size_t fn[4];
        int ok = 1;
        for (int k = 0; k < 4 && ok; k++) ok = next_field(line, n, &p, ' ', &f[k], &fn[k]);
        if (!ok || !fn[1] || fn[1] > 2 || !fn[3] || fn[3] > 2) continue;
        char num[3] = {0};
        memcpy(num, f[1], fn[1]);
        long lexfile = strtol(num, NULL, 10);
        memset(num, 0, sizeof num);
        memcpy(num, f[3], fn[3]);
        long words = strtol(num, NULL, 16);
        int instance = 0;
        for (size_t i = 0; i + 4 <= n; i++)
            if (!memcmp(line + i, " @i ", 4)) {
                instance = 1;
                break;
            }
        int type = -1, person = 0;
        if (adjectives) type = NG_NER_MISC; /* "French", "Elizabethan" */
        else if (instance) {
            type = instance_type(lexfile);
            person = type == NG_NER_PER;
        } else if (lexfile == 18) type = NG_NER_MISC; /* "American", "Muslim" */
        else if (lexfile == 14) type = NG_NER_ORG;    /* "Democratic Party" */
        if (type < 0) continue;
        for (long k = 0; k < words; k++) {
            const char *w, *id;
            size_t wl, il;
            if (!next_field(line, n, &p, ' ', &w, &wl) || !next_field(line, n, &p, ' ', &id, &il)) break;
            if (!instance && !starts_capital(w, wl)) continue;
            if (add_wordnet_word(b, type, w, wl, person)) return NG_E_NOMEM;
        }
    }
    return NG_OK;
}

ng_status ng_ner_names_add_zones(ng_ner_names *b, const char *bytes, size_t len)
{
    size_t pos = 0, n;
    const char *line;
    while (next_line(bytes, len, &pos, &line, &n)) {
        if (!n || line[0] == '#') continue;
        /* codes, coordinates, TZ ("Europe/Isle_of_Man"), comments */
        size_t p = 0, fl = 0;
        const char *f = NULL;
        int k = 0;
        while (k < 3 && next_field(line, n, &p, '\t', &f, &fl)) k++;
        if (k < 3) continue;
        const char *city = f + fl;
        while (city > f && city[-1] != '/') city--;
        if (ng_ner_names_add(b, NG_NER_LOC, city, (size_t)(f + fl - city))) return NG_E_NOMEM;
    }
    return NG_OK;
}

ng_status ng_ner_names_add_list(ng_ner_names *b, const char *bytes, size_t len, int type)
{
    size_t pos = 0, n;
    const char *line;
    while (next_line(bytes, len, &pos, &line, &n)) {
        ng_status st = ng_ner_names_add(b, type, line, n);
        if (st) return st;
    }
    return NG_OK;
}

static int cmp_lines(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

ng_status ng_ner_names_tsv(const ng_ner_names *b, char **out, size_t *len)
{
    *out = NULL;
    *len = 0;
    const char **line = malloc((b->n + 1) * sizeof *line);
    char *t = malloc(b->len + 1);
    if (!line || !t) {
        free(line);
        free(t);
        return NG_E_NOMEM;
    }
    for (size_t i = 0; i < b->n; i++) line[i] = b->text + b->off[i];
    if (b->n) qsort(line, b->n, sizeof *line, cmp_lines);
    size_t k = 0;
    for (size_t i = 0; i < b->n; i++) {
        const char *s = line[i];
        if (i && !strcmp(s, line[i - 1])) continue;
        size_t l = strlen(s);
        memcpy(t + k, s, l);
        k += l;
        t[k++] = '\n';
    }
    t[k] = '\0';
    free(line);
    *out = t;
    *len = k;
    return NG_OK;
}
