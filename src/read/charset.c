/* charset.c - finds the charset a page declares (Content-Type parameter,
 * byte-order mark, <meta charset> or http-equiv) and converts the page to
 * UTF-8 with iconv (glibc), invalid bytes becoming U+FFFD.  ng_doc_read
 * applies it to HTML pages, ng_fetch to pages from a URL. */
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/doc.h"
#include "read/charset.h"
#include "text/utf8.h"

static char lower(char c) { return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c; }

static int is_name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.' || c == ':';
}

/* Reads "charset = name" at s[0..n) (s at the 'c'): the name, lowercased,
 * into out.  Returns 1 when a non-empty name fits. */
static int read_charset_value(const char *s, size_t n, char *out, size_t outsz)
{
    size_t i = 7; /* strlen("charset") */
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) i++;
    if (i >= n || s[i] != '=') return 0;
    i++;
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' || s[i] == '"' ||
                     s[i] == '\'' || s[i] == '&'))
        if (s[i++] == '&') { /* content="text/html; charset=&quot;x&quot;" */
            while (i < n && s[i] != ';') i++;
            if (i < n) i++;
        }
    size_t k = 0;
    while (i < n && is_name_char(s[i]) && k + 1 < outsz) out[k++] = lower(s[i++]);
    if (k == 0 || (i < n && is_name_char(s[i]))) { /* empty, or too long to keep */
        out[0] = '\0';
        return 0;
    }
    out[k] = '\0';
    return 1;
}

static int match_ci(const char *s, size_t n, const char *word)
{
    size_t w = strlen(word);
    if (n < w) return 0;
    for (size_t i = 0; i < w; i++)
        if (lower(s[i]) != word[i]) return 0;
    return 1;
}

/* Finds "charset" in s[0..n) followed by '=' and a name. */
static int find_charset(const char *s, size_t n, char *out, size_t outsz)
{
    for (size_t i = 0; i + 7 <= n; i++)
        if (lower(s[i]) == 'c' && match_ci(s + i, n - i, "charset") &&
            read_charset_value(s + i, n - i, out, outsz))
            return 1;
    return 0;
}

int ng_charset_from_content_type(const char *ctype, char *out, size_t outsz)
{
    if (!out || outsz < 2) return 0;
    out[0] = '\0';
    if (!ctype) return 0;
    const char *semi = strchr(ctype, ';');
    return semi ? find_charset(semi, strlen(semi), out, outsz) : 0;
}

int ng_charset_sniff_html(const char *bytes, size_t len, char *out, size_t outsz)
{
    if (!out || outsz < 2) return 0;
    out[0] = '\0';
    if (!bytes) return 0;
    size_t n = len < NG_CHARSET_SNIFF_BYTES ? len : NG_CHARSET_SNIFF_BYTES;
    for (size_t i = 0; i + 5 < n; i++) {
        if (bytes[i] != '<') continue;
        if (i + 4 <= n && !memcmp(bytes + i, "<!--", 4)) { /* skip comments */
            const char *end = NULL;
            for (size_t j = i + 4; j + 3 <= n; j++)
                if (!memcmp(bytes + j, "-->", 3)) { end = bytes + j; break; }
            if (!end) return 0;
            i = (size_t)(end - bytes) + 2;
            continue;
        }
        if (!match_ci(bytes + i + 1, n - i - 1, "meta") || is_name_char(bytes[i + 5])) continue;
        const char *gt = memchr(bytes + i, '>', n - i);
        size_t tag = gt ? (size_t)(gt - (bytes + i)) : n - i;
        if (find_charset(bytes + i + 5, tag - 5, out, outsz)) return 1;
        i += tag;
    }
    return 0;
}

const char *ng_charset_iconv_name(const char *declared)
{
    static const char *const utf8[] = {"utf-8", "utf8", "unicode-1-1-utf-8", "x-unicode20utf8",
                                       "unicode20utf8"};
    static const char *const latin1[] = {"iso-8859-1", "iso8859-1", "iso_8859-1", "latin1",
                                         "l1", "cp819", "ibm819", "iso-ir-100", "us-ascii",
                                         "ascii", "ansi_x3.4-1968", "windows-1252", "cp1252",
                                         "x-cp1252", "iso_8859-1:1987", "csisolatin1"};
    if (!declared || !*declared) return NULL;
    char low[NG_CHARSET_NAME_MAX];
    size_t k = 0;
    for (; declared[k] && k + 1 < sizeof low; k++) low[k] = lower(declared[k]);
    low[k] = '\0';
    for (size_t i = 0; i < sizeof utf8 / sizeof utf8[0]; i++)
        if (!strcmp(low, utf8[i])) return NULL;
    for (size_t i = 0; i < sizeof latin1 / sizeof latin1[0]; i++)
        if (!strcmp(low, latin1[i])) return "WINDOWS-1252";
    if (!strcmp(low, "gb2312") || !strcmp(low, "x-gbk") || !strcmp(low, "gb_2312-80")) return "GBK";
    if (!strcmp(low, "x-sjis") || !strcmp(low, "ms_kanji") || !strcmp(low, "shift-jis")) return "SHIFT_JIS";
    return declared;
}

typedef struct obuf {
    char *p;
    size_t len, cap;
} obuf;

static int obuf_reserve(obuf *b, size_t more)
{
    if (more <= b->cap - b->len) return 0;
    size_t cap = b->cap ? b->cap : 64;
    while (cap - b->len < more) {
        if (cap > ((size_t)-1) / 2) return -1;
        cap *= 2;
    }
    char *p = realloc(b->p, cap);
    if (!p) return -1;
    b->p = p;
    b->cap = cap;
    return 0;
}

static int valid_utf8(const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        size_t n = ng_utf8_seq_len((const unsigned char *)s + i, len - i);
        if (n == 0) return 0;
        i += n;
    }
    return 1;
}

/* What iconv wrote that is not valid UTF-8 (glibc writes code points past
 * U+10FFFF from UCS-4, surrogates from UCS-2) becomes U+FFFD, a byte at a
 * time.  Returns -1 when out of memory. */
static int repair(obuf *b)
{
    obuf r = {NULL, 0, 0};
    if (obuf_reserve(&r, b->len * 3 + 1)) return -1;
    for (size_t i = 0; i < b->len;) {
        size_t n = ng_utf8_seq_len((const unsigned char *)b->p + i, b->len - i);
        if (n) {
            memcpy(r.p + r.len, b->p + i, n);
            r.len += n;
            i += n;
        } else {
            memcpy(r.p + r.len, "\xEF\xBF\xBD", 3);
            r.len += 3;
            i++;
        }
    }
    r.p[r.len] = '\0';
    free(b->p);
    *b = r;
    return 0;
}

ng_status ng_charset_convert(const char *bytes, size_t len, const char *charset, char **out,
                             size_t *out_len, ng_error *err)
{
    if (!out || !out_len || !charset) return ng_fail(err, NG_E_ARG, 0, "no charset or no output");
    *out = NULL;
    *out_len = 0;
    iconv_t cd = iconv_open("UTF-8", charset);
    if (cd == (iconv_t)-1)
        return ng_fail(err, NG_E_FORMAT, 0, "unknown charset '%.*s'", NG_CHARSET_NAME_MAX, charset);
    obuf b = {NULL, 0, 0};
    ng_status st = NG_OK;
    /* the width of a code unit: a bad one is skipped whole, so that UTF-16
     * and UTF-32 stay aligned after it */
    size_t unit = !strncasecmp(charset, "UTF-16", 6) || !strncasecmp(charset, "UCS-2", 5)   ? 2
                  : !strncasecmp(charset, "UTF-32", 6) || !strncasecmp(charset, "UCS-4", 5) ? 4
                                                                                            : 1;
    char *in = (char *)(bytes ? bytes : "");
    size_t left = bytes ? len : 0;
    if (obuf_reserve(&b, left + left / 2 + 16)) st = NG_E_NOMEM;
    while (st == NG_OK && left) {
        char *o = b.p + b.len;
        size_t room = b.cap - b.len - 1; /* one byte for the NUL */
        size_t before = room;
        size_t r = iconv(cd, &in, &left, &o, &room);
        b.len += before - room;
        if (r != (size_t)-1) continue;
        if (errno == E2BIG) {
            if (obuf_reserve(&b, b.cap - b.len + 64 + left)) st = NG_E_NOMEM;
        } else if (errno == EILSEQ || errno == EINVAL) {
            /* an invalid byte, or a sequence cut off at the end: U+FFFD */
            if (obuf_reserve(&b, 4)) st = NG_E_NOMEM;
            else {
                memcpy(b.p + b.len, "\xEF\xBF\xBD", 3);
                b.len += 3;
                size_t step = unit < left ? unit : left;
                in += step;
                left -= step;
            }
        } else {
            st = NG_E_FORMAT;
        }
    }
    while (st == NG_OK) { /* the shift state of stateful charsets */
        char *o = b.p + b.len;
        size_t room = b.cap - b.len - 1, before = room;
        size_t r = iconv(cd, NULL, NULL, &o, &room);
        b.len += before - room;
        if (r != (size_t)-1 || errno != E2BIG) break;
        if (obuf_reserve(&b, b.cap - b.len + 64)) st = NG_E_NOMEM;
    }
    iconv_close(cd);
    if (st != NG_OK) {
        free(b.p);
        return ng_fail(err, st, 0, st == NG_E_NOMEM ? "out of memory converting from %s"
                                                    : "could not convert from %s", charset);
    }
    b.p[b.len] = '\0';
    if (!valid_utf8(b.p, b.len) && repair(&b)) {
        free(b.p);
        return ng_fail(err, NG_E_NOMEM, 0, "out of memory converting from %s", charset);
    }
    *out = b.p;
    *out_len = b.len;
    return NG_OK;
}


static void set_used(char *used, const char *name)
{
    if (!used) return;
    size_t k = 0;
    for (; name[k] && k + 1 < NG_CHARSET_NAME_MAX; k++) used[k] = lower(name[k]);
    used[k] = '\0';
}

ng_status ng_charset_decode(const char *bytes, size_t len, const char *declared, int html,
                            char **out, size_t *out_len, char *used, ng_error *err)
{
    if (!out || !out_len) return ng_fail(err, NG_E_ARG, 0, "no output");
    *out = NULL;
    *out_len = 0;
    if (used) used[0] = '\0';
    if (!bytes || !len) return NG_OK;
    const char *cs = NULL;
    char found[NG_CHARSET_NAME_MAX];
    size_t skip = 0;
    if (len >= 2 && (unsigned char)bytes[0] == 0xFF && (unsigned char)bytes[1] == 0xFE) {
        cs = "UTF-16LE";
        skip = 2;
    } else if (len >= 2 && (unsigned char)bytes[0] == 0xFE && (unsigned char)bytes[1] == 0xFF) {
        cs = "UTF-16BE";
        skip = 2;
    } else if (valid_utf8(bytes, len)) {
        return NG_OK;
    } else if (declared && *declared) {
        cs = ng_charset_iconv_name(declared);
    } else if (html && ng_charset_sniff_html(bytes, len, found, sizeof found)) {
        /* a <meta> cannot declare UTF-16: the bytes it was read from are ASCII */
        cs = strncmp(found, "utf-16", 6) ? ng_charset_iconv_name(found) : NULL;
    }
    if (!cs) return NG_OK;
    set_used(used, cs);
    ng_error e;
    ng_status st = ng_charset_convert(bytes + skip, len - skip, cs, out, out_len, &e);
    if (st == NG_E_FORMAT) return NG_OK; /* a charset iconv does not know: kept as it is */
    if (st != NG_OK) return ng_fail(err, st, 0, "%s", e.message);
    return NG_OK;
}
