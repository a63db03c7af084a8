/* quotes.h - the quotation stage inside the library: ng_analyze_quotes()
 * (public in nutgraf.h) fills ng_doc.quotes; nothing else is shared yet. */
#ifndef NG_QUOTES_H
#define NG_QUOTES_H

#include "nutgraf.h"

/* Verbs of saying the rules know ("said", "told", "according"): the forms
 * of models/cues.txt, embedded at build time (cues.c); for other stages
 * that look for attributions too. */
int ng_quote_is_cue_word(const char *folded, size_t len);
/* What kind of cue a folded word is: 0 none, NG_CUE_SAYING ("said"),
 * NG_CUE_COGNITION (a verb of thinking only: "believes"). */
enum { NG_CUE_SAYING = 1, NG_CUE_COGNITION = 2 };
int ng_quote_cue_kind(const char *folded, size_t len);
/* The kind of w[0, len) in list[0, n): sorted lines "form" or
 * "form<TAB>cognition" after '#' header lines (the format of
 * models/cues.txt); 0 when it is not there.  For tests. */
int ng_quote_cue_lookup(const char *list, size_t n, const char *w, size_t len);

#endif
