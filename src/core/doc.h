/* doc.h - the inside of ng_doc: one story in one arena, shared by the stages.
 *
 * The stages fill a document in one direction:
 *   read      -> input copy, fields, lists, and either page lines (for the
 *                structure stage) or body paragraphs directly;
 *   structure -> fields, lists and body paragraphs from the page lines;
 *   segment   -> body text, sentences, tokens, interned words;
 *   summarize -> highlights;
 *   analyze   -> quotes, entities with their mentions, tags.
 */
#ifndef NG_DOC_H
#define NG_DOC_H

#include <stdint.h>

#include "core/arena.h"
#include "core/vec.h"
#include "nutgraf.h"

/* The tokens of a document; the tokenizer (text/tokenize.h) fills it.  The
 * type is here, not there, because core/ sits below every stage. */
typedef NG_VEC(ng_token) ng_token_vec;

/* What a reader knows about a line of a page before the structure stage
 * looks at it. */
typedef enum ng_line_hint {
    NG_HINT_NONE = 0,  /* plain text line */
    NG_HINT_TITLE,     /* the document's title (HTML <title>, og:title) */
    NG_HINT_HEADING,   /* a heading in the page (h1..h6) */
    NG_HINT_LIST_ITEM, /* an item of a bulleted list */
    NG_HINT_LINK,      /* a line that is entirely one link */
    NG_HINT_BYLINE,    /* marked up as the author */
    NG_HINT_CAPTION,   /* figure caption */
    NG_HINT_PARAGRAPH  /* a paragraph of the article body per the markup */
} ng_line_hint;

typedef struct ng_line {
    const char *text; /* arena-owned, valid UTF-8, no newline */
    size_t len;
    ng_line_hint hint;
    int blank_before; /* a blank line (or block break) precedes it */
} ng_line;

typedef NG_VEC(ng_line) ng_line_vec;
typedef NG_VEC(ng_str) ng_str_vec;
typedef NG_VEC(ng_sentence) ng_sentence_vec;

typedef NG_VEC(ng_highlight) ng_highlight_vec;
typedef NG_VEC(size_t) ng_offset_vec;

#define NG_FIELD_COUNT_ (NG_FIELD_LANGUAGE + 1)

/* Word interning: open addressing over (hash, id) pairs. */
typedef struct ng_interner {
    uint32_t *slots;  /* 0 = empty, else id + 1 */
    uint32_t *hashes; /* hash of each id's word */
    size_t nslots;    /* power of two */
    ng_str_vec words; /* id -> folded form */
} ng_interner;

struct ng_doc {
    ng_arena arena;
    ng_format format;
    size_t max_bytes;

    const char *input; /* the repaired (valid UTF-8) input copy */
    size_t input_len;

    ng_str fields[NG_FIELD_COUNT_];
    ng_str_vec lists[NG_LIST_COUNT_];

    ng_line_vec lines;     /* page lines, for the structure stage */
    ng_str_vec paragraphs; /* body paragraphs before segmentation */
    int presplit;          /* each paragraph is one sentence (ptb_lower) */
    int article_lines;     /* lines are the chosen article of an HTML page */

    char *body; /* paragraphs joined by '\n' */
    size_t body_len;
    ng_offset_vec para_starts; /* body offset of each paragraph */
    ng_sentence_vec sentences;
    ng_token_vec tokens;
    ng_interner words;

    ng_highlight_vec highlights;

    NG_VEC(ng_quote) quotes; /* filled by ng_analyze_quotes() */
    int quotes_analyzed;     /* quotes were looked for (JSON lists them) */
    unsigned char *cue_kinds; /* ng_analyze_quotes()'s scratch: per word id, 0 not
                               * looked up, else 1 + its ng_quote_cue_kind(); NULL
                               * outside that call */

    NG_VEC(ng_entity) entities; /* filled by ng_analyze(), most salient first */
    NG_VEC(ng_mention) mentions;
    NG_VEC(ng_tag) tags;
    int entities_analyzed; /* entities and tags were looked for */
};

/* Allocates an empty document with its arena bounded by arena_limit.
 * Returns NULL when out of memory. */
ng_doc *ng_doc_new(size_t arena_limit);

/* Sets a field to a copy of s (trimmed of surrounding whitespace).
 * Returns NG_OK or NG_E_NOMEM. */
ng_status ng_doc_set_field(ng_doc *doc, ng_field field, const char *s, size_t len);

/* Appends a trimmed copy of s to a list; empty strings are skipped. */
ng_status ng_doc_add_item(ng_doc *doc, ng_list list, const char *s, size_t len);
/* Adds an image: src to NG_LIST_IMAGES and its caption (possibly empty)
 * to NG_LIST_IMAGE_CAPTIONS, so that both lists stay aligned. */
ng_status ng_doc_add_image(ng_doc *doc, const char *src, size_t src_len, const char *caption,
                           size_t caption_len);

/* Appends a body paragraph (trimmed copy; empty ones are skipped). */
ng_status ng_doc_add_paragraph(ng_doc *doc, const char *s, size_t len);

/* Appends a page line (trimmed copy). */
ng_status ng_doc_add_line(ng_doc *doc, const char *s, size_t len, ng_line_hint hint,
                          int blank_before);

/* Records a warning built like printf. */
ng_status ng_doc_warn(ng_doc *doc, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Interns the folded form of text[0..len) and returns its id, or
 * UINT32_MAX when out of memory. */
uint32_t ng_doc_intern(ng_doc *doc, const char *text, size_t len);

/* The first token that starts at or after body offset off (the token
 * count when none does); a binary search, O(log tokens). */
size_t ng_doc_token_at(const ng_doc *doc, size_t off);

/* Fills err (if not NULL) and returns status. */
ng_status ng_fail(ng_error *err, ng_status status, size_t line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* True for the bytes of ASCII whitespace. */
static inline int ng_is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Shrinks [*s, *s + *len) past leading and trailing whitespace, including
 * U+00A0 no-break spaces. */
void ng_trim(const char **s, size_t *len);

#endif
