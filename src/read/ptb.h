/* ptb.h - reading article text that a dataset tokenized the Penn Treebank
 * way and lower-cased ("ptb_lower" in CNN/DailyMail: "-lrb- cnn -rrb- --
 * the man said , `` we 'll go . ''").  Brackets and quotes are mapped back,
 * the dateline and the Daily Mail header are taken off, and sentences are
 * cut at the standalone full stops the tokenization left, since the case
 * cues a splitter needs are gone. */
#ifndef NG_PTB_H
#define NG_PTB_H

#include "core/doc.h"

/* Adds the sentences of ptb text s[0..len) as one-sentence paragraphs and
 * marks the document presplit.  Returns NG_OK or NG_E_NOMEM. */
ng_status ng_read_ptb_article(ng_doc *doc, const char *s, size_t len);

#endif
