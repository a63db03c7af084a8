/* speaker.h - learned speaker attribution (speaker_rank.c): for each direct
 * quote the person and organization mentions and personal pronouns around
 * it (and the previous quote's speaker) become candidates described by a
 * few small-valued features; a linear ranker (an averaged perceptron,
 * trained by bench/train_speakers.c on PolNeAR's training split) picks
 * one, which the entity grouping resolves to a canonical name.  The model
 * is a short text file (models/speaker.txt, embedded at build time). */
#ifndef NG_SPEAKER_H
#define NG_SPEAKER_H

#include <stddef.h>
#include <stdint.h>

#include "core/doc.h"

#define NG_SPK_TEMPLATES 20 /* feature templates */
#define NG_SPK_VALUES 64    /* values each template may take */
#define NG_SPK_NONE 0xff    /* a template with no value for a candidate */
#define NG_SPK_MAX_CANDS 64 /* candidates kept per quote */

/* Feature groups (bits of ng_speaker_model.groups), for ablation. */
enum {
    NG_SPK_G_BASE = 1, /* distance, side, sentence, paragraph, type */
    NG_SPK_G_CUE = 2,  /* verb of saying next to the candidate, punctuation */
    NG_SPK_G_RULE = 4, /* the rules' own choice */
    NG_SPK_G_PRON = 8, /* pronoun agreement */
    NG_SPK_G_PREV = 16, /* the previous quote's speaker */
    NG_SPK_G_SAL = 32, /* salience */
    NG_SPK_G_ALL = 63
};

typedef struct ng_speaker_model {
    float w[NG_SPK_TEMPLATES][NG_SPK_VALUES];
    int window;      /* sentences before and after the quote, 1..5 */
    unsigned groups; /* NG_SPK_G_* used */
} ng_speaker_model;

typedef struct ng_spk_cand {
    size_t start, end; /* body offsets of the mention */
    size_t entity;     /* index into doc->entities, or SIZE_MAX */
    size_t t0, t1;     /* its tokens [t0, t1) */
    int pronoun;       /* 0, or the pronoun's class (he 1 ... it 6) */
    uint8_t f[NG_SPK_TEMPLATES];
} ng_spk_cand;

/* The previous quote's chosen speaker, for the "continues" features. */
typedef struct ng_spk_prev {
    size_t start, end; /* body offsets; end 0 when none */
    size_t entity;     /* SIZE_MAX when unknown */
    size_t paragraph;  /* of the previous quote */
} ng_spk_prev;

/* The template's name in model files ("dist"), or NULL past the end. */
const char *ng_speaker_template_name(int t);
/* The group a template belongs to. */
unsigned ng_speaker_template_group(int t);

/* Parses a model file (s, n bytes, outside input): "# nutgraf speaker
 * model 1" first, then "window N", "groups N" and "TEMPLATE VALUE WEIGHT"
 * lines.  Returns 0 and fills m, or -1 on any malformed line. */
int ng_speaker_model_parse(const char *s, size_t n, ng_speaker_model *m);
/* The built-in model (models/speaker.txt), parsed once; NULL when the
 * embedded file is missing or malformed. */
const ng_speaker_model *ng_speaker_model_default(void);

/* Fills out (at most NG_SPK_MAX_CANDS) with quote qi's candidates and
 * their features for a window of `window` sentences; returns how many.
 * The document must have its quotes, entities and mentions. */
size_t ng_speaker_candidates(const ng_doc *doc, size_t qi, int window, const ng_spk_prev *prev,
                             ng_spk_cand *out);
/* The model's score of a candidate. */
double ng_speaker_score(const ng_speaker_model *m, const ng_spk_cand *c);

/* Re-attributes every direct quote of an analyzed document with m: the
 * chosen mention becomes speaker_mention (unless the rules' mention holds
 * it) and its entity's name the speaker.  NG_E_NOMEM on failure. */
ng_status ng_rank_speakers(ng_doc *doc, const ng_speaker_model *m);

#endif
