/* scan.h - the token scanner shared by the tokenizer and the sentence
 * splitter (private to src/text).
 *
 * ng_scan_next() finds one token at a time, without allocating, and tells
 * the splitter more than the public flags do: whether a period belongs to an
 * abbreviation, whether a quotation mark opens or closes, and so on.
 */
#ifndef NG_SCAN_H
#define NG_SCAN_H

#include <stddef.h>
#include <stdint.h>

#include "text/tokenize.h"

typedef enum ng_tok_kind {
    NG_TK_WORD = 0,  /* letters, digits, inner ' and -, contraction pieces */
    NG_TK_NUMBER,    /* 3.5 1,200 $5.1 10% 5th */
    NG_TK_URL,       /* http://..., www...., name@host, cnn.com */
    NG_TK_ABBREV,    /* a word that kept its period: U.S. Mr. W. */
    NG_TK_PERIOD,    /* . and the full-width stops */
    NG_TK_TERM,      /* a run of ! and ? */
    NG_TK_ELLIPSIS,  /* ... or . . . or the single character */
    NG_TK_ELLIPSIS4, /* four dots or more: a period plus an ellipsis */
    NG_TK_QOPEN,     /* an opening quotation mark */
    NG_TK_QCLOSE,    /* a closing quotation mark */
    NG_TK_QAMBIG,    /* a straight " glued to text on both sides */
    NG_TK_OPEN,      /* ( [ { */
    NG_TK_CLOSE,     /* ) ] } */
    NG_TK_DASH,      /* - -- --- and the Unicode dashes standing alone */
    NG_TK_PUNCT,     /* any other punctuation or symbol */
    NG_TK_KIND_COUNT_
} ng_tok_kind;

/* Flags beyond the public NG_TOKEN_* bits; ng_tokenize() masks them off. */
enum {
    NG_SCAN_LOWER = 1u << 16, /* starts with a lower-case letter */
    NG_SCAN_DQUOTE = 1u << 17, /* a straight double quotation mark */
    NG_SCAN_STOP_LAZY = 1u << 18 /* a word whose STOP bit is not looked up yet */
};
#define NG_SCAN_PUBLIC_MASK 0xffffu

typedef struct ng_scan_tok {
    size_t start, end; /* byte offsets [start, end) in the scanned text */
    uint32_t flags;    /* NG_TOKEN_* | NG_SCAN_* */
    ng_tok_kind kind;
} ng_scan_tok;

/* Finds the first token at or after pos in text[0..len).  Returns 1 and
 * fills *t, or 0 when only whitespace is left. */
int ng_scan_next(const char *text, size_t len, size_t pos, ng_scan_tok *t);

/* As ng_scan_next(), but leaves the function-word lookup to later: a word
 * that may be one has NG_SCAN_STOP_LAZY instead of NG_TOKEN_STOP, and
 * ng_scan_is_stop() answers.  The splitter looks at few of its tokens' STOP
 * bits, so this saves it a lookup per token. */
int ng_scan_next_lazy(const char *text, size_t len, size_t pos, ng_scan_tok *t);

/* Whether the token t of text is a function word (either scan). */
int ng_scan_is_stop(const char *text, const ng_scan_tok *t);

/* Appends the lazily scanned tokens of text[0..len) to out, offsets base +
 * the offset in text, so that a paragraph is scanned once for both the
 * splitter and the token vector: flags keep the NG_SCAN_* bits and word
 * holds the ng_tok_kind until ng_doc_intern_token() (segment.h) settles
 * it.  Returns NG_OK or NG_E_NOMEM. */
ng_status ng_scan_tokens(ng_arena *a, const char *text, size_t len, size_t base,
                         ng_token_vec *out);

/* The scanner's view of a token of ng_scan_tokens() whose offsets count
 * from base. */
static inline void ng_scan_view(const ng_token *tok, size_t base, ng_scan_tok *t)
{
    t->start = tok->start - base;
    t->end = t->start + tok->len;
    t->flags = tok->flags;
    t->kind = (ng_tok_kind)tok->word;
}

#endif
