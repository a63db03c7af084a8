/* pipeline.c - ng_doc_read: checks the bytes, repairs them, runs the reader
 * for their format, then the structure and segmentation stages, so that the
 * caller gets a document ready to summarize.  It is the conductor of the
 * read stages and so sits above them (src/pipeline/, not src/core/): it
 * calls read/, structure/ and text/, and none of them calls it. */
#include <stdlib.h>
#include <string.h>

#include "core/doc.h"
#include "read/charset.h"
#include "read/html.h"
#include "read/readers.h"
#include "structure/structure.h"
#include "text/segment.h"
#include "text/utf8.h"

static int starts_with_ci(const char *s, size_t len, const char *prefix)
{
    size_t n = strlen(prefix);
    if (len < n) return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z') c = (char)(c + 32);
        if (c != prefix[i]) return 0;
    }
    return 1;
}

#define HTML_SNIFF_BYTES 65536 /* how far to look for <html or <body */

static int looks_like_html(const char *s, size_t len)
{
    static const char *const tags[] = {"<!doctype html", "<html", "<head", "<body", "<!--",
                                       "<meta", "<article", "<div", "<p>", "<p ", "<title",
                                       "<h1", "<section", "<main", "<?xml"};
    for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++)
        if (starts_with_ci(s, len, tags[i])) return 1;
    /* Some pages open with a <script>, <style> or <link> before their
     * doctype (a tag manager pasted above it): markup that opens with a
     * tag and shows <html or <body in its first bytes is a page too. */
    static const char *const heads[] = {"<script", "<style", "<link", "<!doctype"};
    int tag = 0;
    for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++) tag |= starts_with_ci(s, len, heads[i]);
    if (!tag) return 0;
    size_t scan = len < HTML_SNIFF_BYTES ? len : HTML_SNIFF_BYTES;
    for (size_t i = 0; i + 5 <= scan; i++)
        if (s[i] == '<' && (starts_with_ci(s + i, scan - i, "<html") || starts_with_ci(s + i, scan - i, "<body")))
            return 1;
    return 0;
}

static int has_highlight_line(const char *s, size_t len)
{
    const char *p = s, *end = s + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *eol = nl ? nl : end;
        if (eol - p >= 10 && !memcmp(p, "@highlight", 10)) return 1;
        p = nl ? nl + 1 : end;
    }
    return 0;
}

ng_format ng_detect_format(const char *bytes, size_t len)
{
    if (!bytes) return NG_FORMAT_TEXT;
    const char *s = bytes;
    size_t n = len;
    if (n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)) { s += 3; n -= 3; }
    ng_trim(&s, &n);
    if (n && s[0] == '{') return NG_FORMAT_JSON;
    if (n && s[0] == '<' && looks_like_html(s, n)) return NG_FORMAT_HTML;
    if (has_highlight_line(s, n)) return NG_FORMAT_STORY;
    return NG_FORMAT_TEXT;
}

/* The checks on the raw bytes, after the copy (which tells whether they
 * look binary, so that they are read once) and before any reader runs. */
static ng_status check_bytes(const char *bytes, size_t len, int binary, ng_error *err)
{
    if (binary) return ng_fail(err, NG_E_BINARY, 0, "input looks like binary data, not text");
    const char *s = bytes;
    size_t n = len;
    ng_trim(&s, &n);
    if (n == 0) return ng_fail(err, NG_E_EMPTY, 0, "input is empty");
    return NG_OK;
}

static ng_status copy_input(ng_doc *doc, const char *bytes, size_t len, ng_error *err)
{
    ng_utf8_report rep;
    size_t olen = 0;
    size_t skip = len >= 3 && !memcmp(bytes, "\xEF\xBB\xBF", 3) ? 3 : 0;
    int binary = 0;
    char *copy = ng_utf8_repair_checked(&doc->arena, bytes, len, skip, &olen, &rep, &binary);
    if (!copy) return ng_fail(err, NG_E_NOMEM, 0, "out of memory copying the input");
    ng_status st = check_bytes(bytes, len, binary, err);
    if (st != NG_OK) return st;
    doc->input = copy;
    doc->input_len = olen;
    if (rep.invalid)
        ng_doc_warn(doc, "invalid UTF-8: %zu byte(s) replaced by U+FFFD, the first at byte %zu",
                    rep.invalid, rep.first_bad);
    return NG_OK;
}

static ng_status run_reader(ng_doc *doc, ng_error *err)
{
    switch (doc->format) {
    case NG_FORMAT_TEXT: return ng_read_text(doc, err);
    case NG_FORMAT_STORY: return ng_read_story(doc, err);
    case NG_FORMAT_JSON: return ng_read_json(doc, err);
    case NG_FORMAT_HTML: return ng_read_html(doc, err);
    case NG_FORMAT_AUTO: break;
    }
    return ng_fail(err, NG_E_ARG, 0, "no reader for this format");
}

static ng_status run_stages(ng_doc *doc, ng_error *err)
{
    ng_status st = run_reader(doc, err);
    if (st != NG_OK) return st;
    if (doc->lines.count) {
        st = ng_structure_page(doc, err);
        if (st != NG_OK) return st;
    }
    st = ng_structure_body(doc, err);
    if (st != NG_OK) return st;
    if (doc->paragraphs.count == 0) return ng_fail(err, NG_E_EMPTY, 0, "no article text found");
    return ng_segment(doc, err);
}

ng_status ng_doc_read(const char *bytes, size_t len, const ng_read_options *opts,
                      ng_doc **out, ng_error *err)
{
    if (!out) return ng_fail(err, NG_E_ARG, 0, "no place for the document");
    *out = NULL;
    if (!bytes && len) return ng_fail(err, NG_E_ARG, 0, "no input bytes");
    if (!bytes) bytes = "";
    size_t max = opts && opts->max_bytes ? opts->max_bytes : NG_DEFAULT_MAX_BYTES;
    if (len > max)
        return ng_fail(err, NG_E_TOO_BIG, 0, "input is %zu bytes, over the limit of %zu", len, max);

    /* The arena is bounded relative to the input: tokens and sentences take
     * a few dozen bytes for each input byte at worst. */
    ng_doc *doc = ng_doc_new((size_t)16 * 1024 * 1024 + len * 64);
    if (!doc) return ng_fail(err, NG_E_NOMEM, 0, "out of memory");
    doc->max_bytes = max;
    doc->format = opts && opts->format != NG_FORMAT_AUTO ? opts->format : ng_detect_format(bytes, len);
    /* An HTML page in another charset (a byte-order mark, or <meta> when
     * the bytes are not UTF-8) is converted to UTF-8 first. */
    char *converted = NULL;
    size_t converted_len = 0;
    ng_status st = doc->format == NG_FORMAT_HTML
                       ? ng_charset_decode(bytes, len, NULL, 1, &converted, &converted_len, NULL, err)
                       : NG_OK;
    if (st == NG_OK)
        st = converted ? copy_input(doc, converted, converted_len, err) : copy_input(doc, bytes, len, err);
    free(converted);
    if (st == NG_OK) {
        const char *name = ng_format_name(doc->format);
        st = ng_doc_set_field(doc, NG_FIELD_FORMAT, name, strlen(name));
        if (st != NG_OK) ng_fail(err, st, 0, "out of memory");
    }
    if (st == NG_OK) st = run_stages(doc, err);
    if (st != NG_OK) {
        ng_doc_free(doc);
        return st;
    }
    *out = doc;
    return NG_OK;
}
