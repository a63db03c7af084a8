/* quotes.h - the quotation stage inside the library: ng_analyze_quotes()
 * (public in nutgraf.h) fills ng_doc.quotes; nothing else is shared yet. */
#ifndef NG_QUOTES_H
#define NG_QUOTES_H

#include "nutgraf.h"

/* Verbs of saying the rules know ("said", "told", "according"), for other
 * stages that look for attributions. */
int ng_quote_is_cue_word(const char *folded, size_t len);

#endif
