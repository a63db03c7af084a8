/* trim.h - trimming chosen sentences into highlight-style bullets. */
#ifndef NG_TRIM_H
#define NG_TRIM_H

#include "core/doc.h"

/* Sets h->text to sentence h->sentence with the rules' spans removed (kept
 * tokens in order, original spacing between neighbours), or to the whole
 * sentence when rules is 0 or nothing applies.  Returns NG_OK or
 * NG_E_NOMEM. */
ng_status ng_trim_highlight(ng_doc *doc, ng_highlight *h, unsigned rules);

#endif
