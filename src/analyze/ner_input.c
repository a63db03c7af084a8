/* ner_input.c - turns a segmented document into the tagger's input (the
 * words of each sentence as NUL-terminated strings, written the way the
 * CoNLL training text writes them) and tags it.  One arena block holds all
 * the words; nothing is allocated per token. */
#include <string.h>

#include "analyze/analyze.h"

/* Copies one token into dst, straightening curly quotes and apostrophes
 * (U+2018, U+2019, U+201C, U+201D) and turning dashes (U+2013, U+2014) into
 * "-" / "--".  Returns the bytes written, never more than len. */
static size_t copy_word(const char *src, size_t len, char *dst)
{
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        const unsigned char *u = (const unsigned char *)src + i;
        if (i + 3 <= len && u[0] == 0xE2 && u[1] == 0x80) {
            switch (u[2]) {
            case 0x98: case 0x99: dst[o++] = '\''; i += 3; continue;
            case 0x9C: case 0x9D: dst[o++] = '"'; i += 3; continue;
            case 0x93: dst[o++] = '-'; i += 3; continue;
            case 0x94: dst[o++] = '-'; dst[o++] = '-'; i += 3; continue;
            default: break;
            }
        }
        dst[o++] = src[i++];
    }
    return o;
}

ng_status ng_ner_tag_doc(ng_doc *doc, const ng_ner_model *m, ng_ner_work *wk, ng_ner_input *in,
                         ng_error *err)
{
    size_t ntok = doc->tokens.count, nsent = doc->sentences.count, bytes = 0;
    memset(in, 0, sizeof *in);
    for (size_t i = 0; i < ntok; i++) bytes += doc->tokens.items[i].len + 1;
    char *buf = ng_arena_alloc(&doc->arena, bytes ? bytes : 1);
    in->words = ng_arena_alloc(&doc->arena, (ntok ? ntok : 1) * sizeof *in->words);
    in->tags = ng_arena_calloc(&doc->arena, ntok ? ntok : 1, 1);
    in->sents = ng_arena_alloc(&doc->arena, (nsent ? nsent : 1) * sizeof *in->sents);
    if (!buf || !in->words || !in->tags || !in->sents)
        return ng_fail(err, NG_E_NOMEM, 0, "analyze: out of memory");
    size_t o = 0;
    for (size_t i = 0; i < ntok; i++) {
        const ng_token *t = &doc->tokens.items[i];
        in->words[i] = buf + o;
        o += copy_word(doc->body + t->start, t->len, buf + o);
        buf[o++] = '\0';
    }
    for (size_t s = 0; s < nsent; s++) {
        const ng_sentence *se = &doc->sentences.items[s];
        ng_ner_sentence ns = {se->first_token, se->token_count, 0};
        in->sents[in->nsent++] = ns;
    }
    if (!m || !ntok) return NG_OK;
    return ng_ner_tag_document(m, wk, in->words, in->sents, in->nsent, in->tags, err);
}
