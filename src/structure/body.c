/* body.c - cleaning body paragraphs of every format: the opening dateline,
 * wire-service header junk, closing credits and promo lines. */
#include <stdio.h>
#include <string.h>

#include "structure/lines.h"
#include "structure/structure.h"

/* Offset just past the next " . " at or after i in s, or 0. */
static size_t past_dot_separator(const char *s, size_t len, size_t i)
{
    for (; i + 3 <= len; i++)
        if (s[i] == ' ' && s[i + 1] == '.' && (s[i + 2] == ' ')) return i + 3;
    return 0;
}

/* "PUBLISHED:", "published :", "UPDATED:", "Last updated at" ... */
static size_t timestamp_label_len(const char *s, size_t len)
{
    static const char *const labels[] = {"published", "updated", "last updated", "| . updated", "|"};
    for (size_t k = 0; k < sizeof labels / sizeof labels[0]; k++) {
        size_t n = strlen(labels[k]);
        if (!ng_has_prefix_ci(s, len, labels[k])) continue;
        size_t i = n;
        while (i < len && s[i] == ' ') i++;
        if (i < len && s[i] == ':') return i + 1;
        if (k == 4 && i < len && s[i] == '.') return i + 1; /* "| ." */
        if (k == 2 && ng_has_prefix_ci(s + i, len - i, "at ")) return i;
    }
    return 0;
}

/* Strips "By . NAME . PUBLISHED: . DATE . | . UPDATED: . DATE . " from the
 * start of a Daily Mail paragraph, keeping the byline. */
static ng_status strip_wire_header(ng_doc *doc, ng_str *p)
{
    for (int guard = 0; guard < 8 && p->len; guard++) {
        size_t cut = 0;
        if (ng_has_prefix_ci(p->ptr, p->len, "by . ")) {
            cut = past_dot_separator(p->ptr, p->len, 4);
            if (!cut || cut > 120) return NG_OK;
            if (!doc->fields[NG_FIELD_BYLINE].len) {
                char buf[128];
                size_t name = cut - 3 - 5;
                int n = snprintf(buf, sizeof buf, "By %.*s", (int)name, p->ptr + 5);
                if (n > 0) {
                    ng_status st = ng_doc_set_field(doc, NG_FIELD_BYLINE, buf, strlen(buf));
                    if (st != NG_OK) return st;
                }
            }
        } else {
            size_t lab = timestamp_label_len(p->ptr, p->len);
            if (!lab) return NG_OK;
            size_t i = lab;
            while (i < p->len && p->ptr[i] == ' ') i++;
            if (i < p->len && p->ptr[i] == '.') i++; /* the " . " right after the label */
            cut = past_dot_separator(p->ptr, p->len, i);
            if (!cut || cut > 120) return NG_OK;
        }
        p->ptr += cut;
        p->len -= cut;
        while (p->len && p->ptr[0] == ' ') { p->ptr++; p->len--; }
    }
    return NG_OK;
}

static ng_status strip_dateline(ng_doc *doc, ng_str *p)
{
    size_t vlen = 0;
    size_t cut = ng_dateline_len(p->ptr, p->len, &vlen);
    if (!cut) return NG_OK;
    if (!doc->fields[NG_FIELD_DATELINE].len) {
        ng_status st = ng_doc_set_field(doc, NG_FIELD_DATELINE, p->ptr, vlen);
        if (st != NG_OK) return st;
    }
    p->ptr += cut;
    p->len -= cut;
    return NG_OK;
}

/* Start of a closing credit sentence within the last paragraph
 * ("... in June. CNN's Jane Doe contributed to this report."), or len. */
static size_t trailing_credit_start(const char *s, size_t len)
{
    size_t from = len > 400 ? len - 400 : 0;
    for (size_t i = len - 1; i > from; i--) {
        if (s[i] != ' ') continue;
        char prev = s[i - 1];
        if (!(prev == '.' || prev == '"' || prev == '!' || prev == '?')) continue;
        if (ng_is_credit(s + i + 1, len - i - 1)) return i;
        return len; /* only the last sentence can be a credit */
    }
    return len;
}

static ng_status strip_credits(ng_doc *doc)
{
    while (doc->paragraphs.count) {
        ng_str *last = &doc->paragraphs.items[doc->paragraphs.count - 1];
        if (ng_is_credit(last->ptr, last->len)) {
            ng_status st = ng_doc_add_item(doc, NG_LIST_CREDITS, last->ptr, last->len);
            if (st != NG_OK) return st;
            doc->paragraphs.count--;
            continue;
        }
        size_t c = trailing_credit_start(last->ptr, last->len);
        if (c < last->len) {
            ng_status st = ng_doc_add_item(doc, NG_LIST_CREDITS, last->ptr + c, last->len - c);
            if (st != NG_OK) return st;
            last->len = c;
        }
        break;
    }
    return NG_OK;
}

/* Finds where sentences may start in a paragraph: after . ! ? or a closing
 * '"' and one space.  It keeps the next place of each of the four marks
 * (memchr), so a paragraph is scanned once per mark, not byte by byte. */
typedef struct stop_scan {
    const char *s;
    size_t len;
    size_t next[4]; /* next offset of each mark at or after the last look, or len */
} stop_scan;

static const char stop_marks[4] = {'.', '!', '?', '"'};

static size_t find_mark(const stop_scan *sc, int k, size_t from)
{
    if (from >= sc->len) return sc->len;
    const char *hit = memchr(sc->s + from, stop_marks[k], sc->len - from);
    return hit ? (size_t)(hit - sc->s) : sc->len;
}

static void stop_scan_init(stop_scan *sc, const ng_str *p)
{
    sc->s = p->ptr;
    sc->len = p->len;
    for (int k = 0; k < 4; k++) sc->next[k] = find_mark(sc, k, 0);
}

/* The first sentence start at or after i (a mark at i - 2 or later, then a
 * space, then no space), or len. */
static size_t next_sentence_start(stop_scan *sc, size_t i)
{
    size_t from = i >= 2 ? i - 2 : 0;
    for (;;) {
        int best = 0;
        for (int k = 0; k < 4; k++) {
            if (sc->next[k] < from) sc->next[k] = find_mark(sc, k, from);
            if (sc->next[k] < sc->next[best]) best = k;
        }
        size_t j = sc->next[best];
        if (j + 2 >= sc->len) return sc->len;
        sc->next[best] = find_mark(sc, best, j + 1);
        if (sc->s[j + 1] == ' ' && sc->s[j + 2] != ' ') return j + 2;
    }
}

/* Cuts promo, navigation and transcript lines out of the paragraphs
 * (ng_promo_len) wherever a sentence may start, keeping each in the
 * dropped list; a paragraph with one inside becomes the parts around it. */
static ng_status strip_promos(ng_doc *doc)
{
    ng_str_vec out = {0};
    for (size_t k = 0; k < doc->paragraphs.count; k++) {
        ng_str p = doc->paragraphs.items[k];
        size_t from = 0, i = 0;
        stop_scan sc;
        stop_scan_init(&sc, &p);
        while (i < p.len) {
            size_t n = ng_promo_len(p.ptr + i, p.len - i);
            if (!n) {
                i = next_sentence_start(&sc, i + 1);
                continue;
            }
            ng_status st = ng_doc_add_item(doc, NG_LIST_DROPPED, p.ptr + i, n);
            if (st == NG_OK && i > from) st = ng_vec_push(&doc->arena, &out, ((ng_str){p.ptr + from, i - from}));
            if (st != NG_OK) return st;
            from = i = i + n;
        }
        if (from == 0) {
            if (ng_vec_push(&doc->arena, &out, p)) return NG_E_NOMEM;
        } else if (from < p.len && ng_vec_push(&doc->arena, &out, ((ng_str){p.ptr + from, p.len - from}))) {
            return NG_E_NOMEM;
        }
    }
    doc->paragraphs = out;
    return NG_OK;
}

ng_status ng_structure_body(ng_doc *doc, ng_error *err)
{
    ng_status st = NG_OK;
    if (doc->paragraphs.count) {
        ng_str *first = &doc->paragraphs.items[0];
        st = strip_wire_header(doc, first);
        if (st == NG_OK) st = strip_dateline(doc, first);
    }
    if (st == NG_OK) st = strip_credits(doc);
    if (st == NG_OK) st = strip_promos(doc);
    /* Drop paragraphs the stripping emptied. */
    size_t o = 0;
    for (size_t i = 0; i < doc->paragraphs.count; i++)
        if (doc->paragraphs.items[i].len) doc->paragraphs.items[o++] = doc->paragraphs.items[i];
    doc->paragraphs.count = o;
    if (st != NG_OK) return ng_fail(err, st, 0, "out of memory");
    return NG_OK;
}
