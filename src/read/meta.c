/* meta.c - article metadata from markup and text: the Article object of
 * JSON-LD blocks (cJSON), site names cut from titles, bylines split into
 * clean author names, and dates written as ISO 8601.  Nothing here keeps
 * state between calls; strings go into the document's arena. */
#include "read/meta.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <string.h>

#define JSONLD_DEPTH 4   /* how deep to look for the Article object */
#define NAME_MAX_WORDS 5 /* a longer "name" is a sentence, not a person */

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
}

static int eq_ci_n(const char *a, size_t alen, const char *b, size_t blen)
{
    if (alen != blen) return 0;
    for (size_t i = 0; i < alen; i++)
        if (lower(a[i]) != lower(b[i])) return 0;
    return 1;
}

/* Offset of needle (lower case) in s[0..len), ignoring case, or len. */
static size_t find_ci(const char *s, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= len; i++) {
        size_t k = 0;
        while (k < n && lower(s[i + k]) == needle[k]) k++;
        if (k == n) return i;
    }
    return len;
}

static size_t count_words(const char *s, size_t len)
{
    size_t w = 0;
    for (size_t i = 0; i < len; i++)
        if (s[i] != ' ' && (i == 0 || s[i - 1] == ' ')) w++;
    return w;
}

static void trim(const char **s, size_t *len)
{
    while (*len && ((*s)[0] == ' ' || (*s)[0] == ',' || (*s)[0] == ':' || (*s)[0] == '\n' || (*s)[0] == '\t')) {
        (*s)++;
        (*len)--;
    }
    while (*len && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == ',' || (*s)[*len - 1] == '\n' ||
                    (*s)[*len - 1] == '\t' || (*s)[*len - 1] == '.'))
        (*len)--;
}

/* ------------------------------------------------------------ JSON-LD */

static int is_article_type(const char *t)
{
    size_t n = strlen(t);
    return (n >= 7 && !strcmp(t + n - 7, "Article")) || !strcmp(t, "BlogPosting") ||
           !strcmp(t, "LiveBlogPosting") || !strcmp(t, "Report");
}

static int is_webpage_type(const char *t)
{
    return !strcmp(t, "WebPage");
}

static int has_type(const cJSON *o, int (*is_type)(const char *t))
{
    const cJSON *t = cJSON_GetObjectItemCaseSensitive(o, "@type");
    if (cJSON_IsString(t)) return is_type(t->valuestring);
    const cJSON *e;
    cJSON_ArrayForEach(e, t) if (cJSON_IsString(e) && is_type(e->valuestring)) return 1;
    return 0;
}

/* The first Article-like object in v, looking into arrays and @graph. */
static const cJSON *find_typed(const cJSON *v, int depth, int (*is_type)(const char *t))
{
    if (!v || depth > JSONLD_DEPTH) return NULL;
    if (cJSON_IsObject(v)) {
        if (has_type(v, is_type)) return v;
        return find_typed(cJSON_GetObjectItemCaseSensitive(v, "@graph"), depth + 1, is_type);
    }
    const cJSON *e;
    if (cJSON_IsArray(v)) cJSON_ArrayForEach(e, v) {
            const cJSON *a = find_typed(e, depth + 1, is_type);
            if (a) return a;
        }
    return NULL;
}

static const cJSON *find_article(const cJSON *v, int depth)
{
    return find_typed(v, depth, is_article_type);
}

static const char *string_of(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (cJSON_IsString(v) && v->valuestring[0]) return v->valuestring;
    if (cJSON_IsObject(v)) return string_of(v, "name");
    return NULL;
}

#define VALUE_MAX 1024 /* bytes kept of one JSON-LD value */

/* Writes code point c as UTF-8 into out; returns the bytes written. */
static size_t put_utf8(unsigned long c, char *out)
{
    if (c < 0x80) return out[0] = (char)c, 1;
    if (c < 0x800) return out[0] = (char)(0xC0 | (c >> 6)), out[1] = (char)(0x80 | (c & 0x3F)), 2;
    if (c < 0x10000) {
        out[0] = (char)(0xE0 | (c >> 12));
        out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        out[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (c >> 18));
    out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
    out[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

/* The code point of the HTML character reference at s[0..len) ("&#8211;",
 * "&#x27;", "&amp;"), 0 when there is none; *used gets its length.
 * Sites escape their JSON-LD strings as HTML ("How &#8211; Why"). */
static unsigned long char_ref(const char *s, size_t len, size_t *used)
{
    static const struct { const char *name; unsigned long c; } named[] = {
        {"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''}, {"nbsp", 0xA0},
        {"ndash", 0x2013}, {"mdash", 0x2014}, {"lsquo", 0x2018}, {"rsquo", 0x2019},
        {"ldquo", 0x201C}, {"rdquo", 0x201D}, {"hellip", 0x2026}, {"bull", 0x2022}};
    size_t semi = 1;
    while (semi < len && semi < 10 && s[semi] != ';') semi++;
    if (semi >= len || s[semi] != ';' || semi < 2) return 0;
    *used = semi + 1;
    if (s[1] == '#') {
        int hex = s[2] == 'x' || s[2] == 'X';
        unsigned long c = 0;
        size_t i = hex ? 3 : 2;
        if (i >= semi) return 0;
        for (; i < semi; i++) {
            char d = lower(s[i]);
            int v = d >= '0' && d <= '9' ? d - '0' : hex && d >= 'a' && d <= 'f' ? d - 'a' + 10 : -1;
            if (v < 0) return 0;
            c = c * (hex ? 16 : 10) + (unsigned long)v;
        }
        return c >= 0x20 && c <= 0x10FFFF && !(c >= 0xD800 && c <= 0xDFFF) ? c : 0;
    }
    for (size_t k = 0; k < sizeof named / sizeof named[0]; k++)
        if (strlen(named[k].name) == semi - 1 && !memcmp(s + 1, named[k].name, semi - 1)) return named[k].c;
    return 0;
}

/* Copies s into out (VALUE_MAX bytes) with HTML character references
 * decoded, whitespace runs and control characters folded into one space,
 * cut at a character boundary; returns the length.  JSON strings may hold
 * "\n" and other controls.  A reference never decodes longer than itself. */
static size_t clean_value_f(const char *s, size_t len, char *out, int fold)
{
    size_t n = 0;
    for (size_t i = 0; i < len && n + 1 < VALUE_MAX; i++) {
        unsigned char c = (unsigned char)s[i];
        size_t used = 0;
        unsigned long ref = c == '&' ? char_ref(s + i, len - i, &used) : 0;
        if (ref == '&') { /* escaped twice: "&amp;#8230;" */
            char again[12] = "&";
            size_t more = len - i - used < 10 ? len - i - used : 10, used2 = 0;
            memcpy(again + 1, s + i + used, more);
            unsigned long r2 = char_ref(again, more + 1, &used2);
            if (r2) ref = r2, used += used2 - 1;
        }
        if (ref && n + 5 < VALUE_MAX) {
            if (ref == 0xA0) ref = ' ';
            if (fold && ref == ' ' && (n == 0 || out[n - 1] == ' ')) {
                i += used - 1;
                continue;
            }
            n += put_utf8(ref, out + n);
            i += used - 1;
            continue;
        }
        if (fold && (c < 0x20 || c == 0x7F)) c = ' ';
        if (fold && c == ' ' && (n == 0 || out[n - 1] == ' ')) continue;
        out[n++] = (char)c;
    }
    if (n + 1 >= VALUE_MAX)
        while (n && ((unsigned char)out[n - 1] & 0xC0) == 0x80) n--; /* continuation bytes */
    if (n && (unsigned char)out[n - 1] >= 0xC0) n--;                /* a cut lead byte */
    return n;
}

static size_t clean_value(const char *s, size_t len, char *out)
{
    return clean_value_f(s, len, out, 1);
}

static ng_status set_empty_field(ng_doc *doc, ng_field f, const char *s)
{
    if (!s || doc->fields[f].len) return NG_OK;
    char v[VALUE_MAX];
    size_t n = clean_value(s, strlen(s), v);
    return n ? ng_doc_set_field(doc, f, v, n) : NG_OK;
}

static ng_status add_tag(ng_doc *doc, const char *s, size_t len)
{
    char v[VALUE_MAX];
    size_t n = clean_value(s, len, v);
    return ng_doc_add_item(doc, NG_LIST_TAGS, v, n);
}

static ng_status add_json_authors(ng_doc *doc, const cJSON *a)
{
    if (cJSON_IsString(a)) return ng_meta_add_authors(doc, a->valuestring, strlen(a->valuestring));
    if (cJSON_IsObject(a)) {
        const char *name = string_of(a, "name");
        return name ? ng_meta_add_authors(doc, name, strlen(name)) : NG_OK;
    }
    const cJSON *e;
    ng_status st = NG_OK;
    cJSON_ArrayForEach(e, a) if (st == NG_OK && !cJSON_IsArray(e)) st = add_json_authors(doc, e);
    return st;
}

static ng_status add_keywords(ng_doc *doc, const cJSON *k)
{
    ng_status st = NG_OK;
    if (cJSON_IsString(k)) {
        const char *s = k->valuestring;
        while (st == NG_OK && *s) {
            const char *comma = strchr(s, ',');
            size_t n = comma ? (size_t)(comma - s) : strlen(s);
            st = add_tag(doc, s, n);
            s += comma ? n + 1 : n;
        }
        return st;
    }
    const cJSON *e;
    cJSON_ArrayForEach(e, k) if (st == NG_OK && cJSON_IsString(e))
        st = add_tag(doc, e->valuestring, strlen(e->valuestring));
    return st;
}

ng_status ng_meta_jsonld(ng_doc *doc, const char *json, size_t len)
{
    cJSON *root = cJSON_ParseWithLength(json, len);
    if (!root) return NG_OK; /* broken JSON-LD is common: ignore it */
    const cJSON *art = find_article(root, 0);
    ng_status st = NG_OK;
    if (art) {
        st = set_empty_field(doc, NG_FIELD_HEADLINE, string_of(art, "headline"));
        if (st == NG_OK) st = set_empty_field(doc, NG_FIELD_DATE, string_of(art, "datePublished"));
        if (st == NG_OK) st = set_empty_field(doc, NG_FIELD_SITE_NAME, string_of(art, "publisher"));
        if (st == NG_OK) st = set_empty_field(doc, NG_FIELD_LANGUAGE, string_of(art, "inLanguage"));
        if (st == NG_OK && !doc->lists[NG_LIST_AUTHORS].count)
            st = add_json_authors(doc, cJSON_GetObjectItemCaseSensitive(art, "author"));
        if (st == NG_OK && !doc->lists[NG_LIST_TAGS].count)
            st = add_keywords(doc, cJSON_GetObjectItemCaseSensitive(art, "keywords"));
    } else {
        /* no Article: a WebPage's datePublished (Yoast's graph) is the
         * page's date; its name is the title with the site, so not used */
        const cJSON *page = find_typed(root, 0, is_webpage_type);
        if (page) st = set_empty_field(doc, NG_FIELD_DATE, string_of(page, "datePublished"));
    }
    cJSON_Delete(root);
    return st;
}

/* ------------------------------------------------------------ titles */

static const char *const separators[] = {" | ", " :: ", " \xC2\xB7 ", " \xC2\xBB ", " \xE2\x80\xA2 ",
                                         " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", NULL};
#define FIRST_DASH 5 /* separators from here are dashes: stricter rules */

static int looks_like_site(const char *s, size_t len)
{
    if (memchr(s, '.', len)) return 1;
    for (size_t i = 0; i < len; i++)
        if ((i == 0 || s[i - 1] == ' ') && s[i] >= 'a' && s[i] <= 'z') return 0;
    return 1;
}

size_t ng_meta_cut_site(const char *title, size_t len, const char *site, size_t site_len, size_t *start)
{
    *start = 0;
    for (size_t k = 0; separators[k]; k++) {
        size_t slen = strlen(separators[k]), at = len;
        for (size_t i = 0; i + slen <= len; i++)
            if (!memcmp(title + i, separators[k], slen)) at = i; /* the last one */
        if (at == len) continue;
        const char *tail = title + at + slen;
        size_t tail_len = len - at - slen;
        size_t head_words = count_words(title, at), tail_words = count_words(tail, tail_len);
        if (site_len && eq_ci_n(tail, tail_len, site, site_len)) return at;
        /* "Site | Story": the first separator */
        size_t first = 0;
        while (first + slen <= len && memcmp(title + first, separators[k], slen)) first++;
        if (site_len && eq_ci_n(title, first, site, site_len)) {
            *start = first + slen;
            return len - *start;
        }
        int dash = k >= FIRST_DASH;
        if (!dash && tail_words <= 4 && head_words >= 3) return at;
        if (dash && tail_words <= 3 && head_words >= 5 && looks_like_site(tail, tail_len)) return at;
    }
    return len;
}

/* ------------------------------------------------------------ authors */

static const char *const stop_words[] = {"|", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", "\xE2\x80\xA2",
                                         "updated", "published", "posted", "last modified", "\n",
                                         " on ", " for ", " in ", NULL};
static const char *const role_words[] = {"staff", "writer", "reporter", "correspondent", "editor",
                                         "contributor", "columnist", "associated press", "news",
                                         "http", "@", "team", "desk", "agency", NULL};

/* Whether s[0..n) is a month or weekday as bylines write them before a
 * date ("Dec", "December", "Sat."): "May" is left out, it is a name too. */
static int is_date_word(const char *s, size_t n)
{
    static const char *const words[] = {
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "january", "february", "march", "april", "june", "july", "august", "september", "october",
        "november", "december", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", NULL};
    if (n && s[n - 1] == '.') n--;
    if (n && s[n - 1] == ',') n--;
    for (size_t k = 0; words[k]; k++)
        if (eq_ci_n(s, n, words[k], strlen(words[k]))) return 1;
    return 0;
}

/* Where a date starts in a byline: at a month or weekday word, also one
 * glued to the name ("Luke KimDecember 3"); len when none. */
static size_t date_word_at(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        int word_start = i == 0 || s[i - 1] == ' ';
        int glued = i > 0 && s[i - 1] >= 'a' && s[i - 1] <= 'z' && s[i] >= 'A' && s[i] <= 'Z';
        if (!word_start && !glued) continue;
        size_t e = i;
        while (e < len && s[e] != ' ' && !(s[e] >= '0' && s[e] <= '9')) e++;
        if (!is_date_word(s + i, e - i)) continue;
        /* a date word before a number, another date word or nothing: not
         * the names "April Fulton", "Jan Holm" */
        size_t next = e;
        while (next < len && s[next] == ' ') next++;
        size_t ne = next;
        while (ne < len && s[ne] != ' ' && !(s[ne] >= '0' && s[ne] <= '9')) ne++;
        if (next >= len || (s[next] >= '0' && s[next] <= '9') || is_date_word(s + next, ne - next)) return i;
    }
    return len;
}

/* How much of s is the names part: up to a stop word, a date or a digit. */
static size_t names_len(const char *s, size_t len)
{
    size_t end = date_word_at(s, len);
    for (size_t k = 0; stop_words[k]; k++) {
        size_t at = find_ci(s, len, stop_words[k]);
        /* at the start ("Updated 3 hours ago") it leaves no name */
        if (at < end) end = at;
    }
    for (size_t i = 0; i < end; i++)
        if (s[i] >= '0' && s[i] <= '9') return i;
    return end;
}

static int is_name(const char *s, size_t len)
{
    if (!len || len > 80) return 0;
    size_t words = count_words(s, len);
    if (words == 0 || words > NAME_MAX_WORDS) return 0;
    for (size_t k = 0; role_words[k]; k++)
        if (find_ci(s, len, role_words[k]) < len) return 0;
    unsigned char c = (unsigned char)s[0];
    if (c >= 'a' && c <= 'z') return 0;
    /* "CNN", "AP": an all-capital single word is an agency */
    if (words == 1 && len <= 5) {
        size_t caps = 0;
        for (size_t i = 0; i < len; i++) caps += s[i] >= 'A' && s[i] <= 'Z';
        if (caps == len) return 0;
    }
    return 1;
}

static int known_author(const ng_doc *doc, const char *s, size_t len)
{
    const ng_str_vec *v = &doc->lists[NG_LIST_AUTHORS];
    for (size_t i = 0; i < v->count; i++)
        if (eq_ci_n(v->items[i].ptr, v->items[i].len, s, len)) return 1;
    return 0;
}

ng_status ng_meta_add_authors(ng_doc *doc, const char *byline, size_t len)
{
    char decoded[VALUE_MAX]; /* "Maria &amp; Katerina": references first */
    const char *s = decoded;
    len = clean_value_f(byline, len, decoded, 0);
    trim(&s, &len);
    static const char *const by[] = {"written by:", "written by ", "posted by:", "posted by ", "authors:",
                                     "author:", "by ", "by:", "von ", "par ", "por ", "door ", "di ", NULL};
    for (size_t k = 0; by[k]; k++)
        if (len > strlen(by[k]) && eq_ci_n(s, strlen(by[k]), by[k], strlen(by[k]))) {
            s += strlen(by[k]);
            len -= strlen(by[k]);
            trim(&s, &len);
            break;
        }
    len = names_len(s, len);
    int several = 0; /* "Jane Doe, Reuters": a one-word part after a name is an outlet */
    static const char *const joins[] = {",", " and ", " & ", ";", " und ", " y ", " et ", " e ", NULL};
    while (len) {
        size_t cut = len, skip = 0;
        for (size_t k = 0; joins[k]; k++) {
            size_t at = find_ci(s, len, joins[k]);
            if (at < cut) cut = at, skip = strlen(joins[k]);
        }
        const char *name = s;
        size_t nlen = cut;
        trim(&name, &nlen);
        if (nlen >= 2 && name[0] == '"' && name[nlen - 1] == '"') name++, nlen -= 2; /* "David Kim" */
        int outlet = several && count_words(name, nlen) == 1;
        several = 1;
        if (!outlet && is_name(name, nlen) && !known_author(doc, name, nlen)) {
            char v[VALUE_MAX];
            ng_status st = ng_doc_add_item(doc, NG_LIST_AUTHORS, v, clean_value(name, nlen, v));
            if (st != NG_OK) return st;
        }
        if (cut == len) break;
        s += cut + skip;
        len -= cut + skip;
    }
    return NG_OK;
}

/* ------------------------------------------------------------ dates */

static int month_of(const char *w, size_t n)
{
    static const char *const months[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                         "jul", "aug", "sep", "oct", "nov", "dec"};
    if (n < 3) return 0;
    for (int m = 0; m < 12; m++)
        if (lower(w[0]) == months[m][0] && lower(w[1]) == months[m][1] && lower(w[2]) == months[m][2])
            return m + 1;
    return 0;
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* The number of 1 to 4 digits at s[i] (its length in *n), or -1. */
static int number_at(const char *s, size_t len, size_t i, size_t *n)
{
    int v = 0;
    *n = 0;
    while (i + *n < len && *n < 5 && is_digit(s[i + *n])) v = v * 10 + (s[i + *n] - '0'), (*n)++;
    return *n && *n <= 4 ? v : -1;
}

static size_t write_date(char *out, size_t size, int y, int m, int d)
{
    if (y < 1900 || y > 2100 || d < 1 || d > 31 || size < 11) return 0;
    snprintf(out, size, "%04d-%02d-%02d", y, m, d);
    return 10;
}

size_t ng_meta_iso_date(const char *s, size_t len, char *out, size_t out_size)
{
    if (len >= 10 && is_digit(s[0]) && is_digit(s[3]) && s[4] == '-' && s[7] == '-') {
        size_t n = 0;
        while (n < len && n + 1 < out_size && s[n] != ' ') n++;
        memcpy(out, s, n);
        out[n] = '\0';
        return n;
    }
    for (size_t i = 0; i < len; i++) {
        if (i && ((s[i - 1] >= 'a' && s[i - 1] <= 'z') || (s[i - 1] >= 'A' && s[i - 1] <= 'Z'))) continue;
        size_t w = 0;
        while (i + w < len && ((s[i + w] >= 'a' && s[i + w] <= 'z') || (s[i + w] >= 'A' && s[i + w] <= 'Z'))) w++;
        int m = w >= 3 ? month_of(s + i, w) : 0;
        if (!m) continue;
        size_t n, j = i + w;
        while (j < len && (s[j] == '.' || s[j] == ' ')) j++;
        int d = number_at(s, len, j, &n);
        if (d >= 1 && d <= 31 && n <= 2) { /* "September 14, 2012" */
            size_t k = j + n;
            while (k < len && (s[k] == ',' || s[k] == ' ' || s[k] == 't' || s[k] == 'h' || s[k] == 's' ||
                               s[k] == 'n' || s[k] == 'd' || s[k] == 'r')) k++;
            int y = number_at(s, len, k, &n);
            if (n == 4 && write_date(out, out_size, y, m, d)) return 10;
        }
        /* "14 September 2012" */
        size_t b = i;
        while (b > 0 && (s[b - 1] == ' ' || s[b - 1] == '.')) b--;
        size_t ds = b;
        while (ds > 0 && is_digit(s[ds - 1]) && b - ds < 2) ds--;
        int y = number_at(s, len, j, &n);
        if (ds < b && n == 4) {
            size_t dn;
            d = number_at(s, len, ds, &dn);
            if (write_date(out, out_size, y, m, d)) return 10;
        }
    }
    return 0;
}
