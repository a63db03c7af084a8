/* intern.c - the document's word table: each distinct folded word gets a
 * small integer id, so later stages compare integers, not strings. */
#include <stdint.h>
#include <string.h>

#include "core/hash.h"
#include "core/doc.h"
#include "text/abbrev.h"
#include "text/fold.h"
#include "text/scan.h"
#include "text/segment.h"


static int interner_grow(ng_arena *a, ng_interner *t)
{
    size_t nslots = t->nslots ? t->nslots * 2 : 1024;
    uint32_t *slots = ng_arena_calloc(a, nslots, sizeof *slots);
    if (!slots) return -1;
    for (size_t i = 0; i < t->nslots; i++) {
        uint32_t v = t->slots[i];
        if (!v) continue;
        size_t j = t->hashes[v - 1] & (nslots - 1);
        while (slots[j]) j = (j + 1) & (nslots - 1);
        slots[j] = v;
    }
    t->slots = slots;
    t->nslots = nslots;
    return 0;
}

static int hashes_reserve(ng_arena *a, ng_interner *t)
{
    /* The hash array tracks words.cap so that it always has room. */
    size_t count = t->words.count;
    size_t cap = t->words.cap;
    if (count < cap) return 0;
    if (ng_vec_reserve(a, &t->words, count + 1)) return -1;
    uint32_t *h = ng_arena_alloc(a, t->words.cap * sizeof *h);
    if (!h) return -1;
    if (count) memcpy(h, t->hashes, count * sizeof *h);
    t->hashes = h;
    return 0;
}

/* Folds an ASCII word (lowercase) and hashes it in the same pass, the
 * common case; 0 when a non-ASCII byte means ng_fold() must do it. */
/* The lower case of each ASCII byte; 0 for NUL and the non-ASCII bytes,
 * which ng_fold() handles. */
static const unsigned char ascii_lower[256] = {
      0,   1,   2,   3,   4,   5,   6,   7,   8,   9,  10,  11,  12,  13,  14,  15,
     16,  17,  18,  19,  20,  21,  22,  23,  24,  25,  26,  27,  28,  29,  30,  31,
     32,  33,  34,  35,  36,  37,  38,  39,  40,  41,  42,  43,  44,  45,  46,  47,
     48,  49,  50,  51,  52,  53,  54,  55,  56,  57,  58,  59,  60,  61,  62,  63,
     64,  97,  98,  99, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111,
    112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122,  91,  92,  93,  94,  95,
     96,  97,  98,  99, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111,
    112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 123, 124, 125, 126, 127,
      0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,
      0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,
      0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,
      0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,
      0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,
      0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,
      0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,
      0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,
};

static int fold_hash_ascii(const char *s, size_t len, char *out, uint32_t *hash)
{
    uint32_t h = 2166136261u; /* FNV-1a, as ng_hash_bytes() */
    if (len > NG_FOLD_MAX) return 0;
    for (size_t i = 0; i < len; i++) {
        unsigned c = ascii_lower[(unsigned char)s[i]];
        if (!c) return 0;
        out[i] = (char)c;
        h = (h ^ c) * 16777619u;
    }
    *hash = h;
    return 1;
}

/* memcmp() == 0 for the short words of news text, without the call. */
static int same_bytes(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (a[i] != b[i]) return 0;
    return 1;
}

/* The id of the folded word with hash h, added when new.  orig, when not
 * NULL, is flen bytes that live as long as the document (the token in the
 * body): a new word that equals them, one in lower case already, keeps
 * them instead of a copy. */
static uint32_t intern_folded(ng_doc *doc, const char *folded, size_t flen, uint32_t h,
                              const char *orig)
{
    ng_interner *t = &doc->words;
    if ((t->words.count + 1) * 2 > t->nslots && interner_grow(&doc->arena, t)) return UINT32_MAX;
    size_t j = h & (t->nslots - 1);
    while (t->slots[j]) {
        uint32_t id = t->slots[j] - 1;
        ng_str w = t->words.items[id];
        if (t->hashes[id] == h && w.len == flen && same_bytes(w.ptr, folded, flen)) return id;
        j = (j + 1) & (t->nslots - 1);
    }
    if (hashes_reserve(&doc->arena, t)) return UINT32_MAX;
    const char *copy = orig && same_bytes(orig, folded, flen)
                           ? orig : ng_arena_strndup(&doc->arena, folded, flen);
    if (!copy) return UINT32_MAX;
    uint32_t id = (uint32_t)t->words.count;
    t->words.items[t->words.count++] = (ng_str){copy, flen};
    t->hashes[id] = h;
    t->slots[j] = id + 1;
    return id;
}

uint32_t ng_doc_intern(ng_doc *doc, const char *text, size_t len)
{
    char folded[NG_FOLD_MAX];
    size_t flen = len;
    uint32_t h;
    if (!fold_hash_ascii(text, len, folded, &h)) {
        flen = ng_fold(text, len, folded);
        h = ng_hash_bytes(folded, flen);
    }
    return intern_folded(doc, folded, flen, h, NULL);
}

int ng_doc_intern_token(ng_doc *doc, ng_token *tok)
{
    const char *text = doc->body + tok->start;
    char folded[NG_FOLD_MAX];
    size_t flen = tok->len;
    uint32_t h, f = tok->flags;
    int ascii = fold_hash_ascii(text, tok->len, folded, &h);
    if (!ascii) {
        flen = ng_fold(text, tok->len, folded);
        h = ng_hash_bytes(folded, flen);
    }
    /* An ASCII word folds to its lower case with the hash the function-word
     * table uses, so the lookup needs no second pass over it. */
    if ((f & NG_SCAN_STOP_LAZY) &&
        (ascii ? flen && ng_is_stopword_lower(folded, flen, h) : ng_is_stopword(text, tok->len)))
        f |= NG_TOKEN_STOP;
    tok->flags = f & NG_SCAN_PUBLIC_MASK;
    tok->word = intern_folded(doc, folded, flen, h, ascii ? text : NULL);
    return tok->word == UINT32_MAX ? -1 : 0;
}
