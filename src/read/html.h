/* html.h - the HTML page reader.  It parses doc->input with libxml2's HTML
 * parser, fills the headline, byline and date fields from the markup and
 * emits the page's visible text as hinted page lines for the structure
 * stage (the headline first, then every block in document order). */
#ifndef NG_READ_HTML_H
#define NG_READ_HTML_H

#include "core/doc.h"

/* Reads doc->input (doc->input_len bytes of valid UTF-8) as an HTML page.
 * Never prints.  Returns NG_OK, NG_E_EMPTY when the page has no visible
 * text, NG_E_TOO_BIG when the input is too large for libxml2, NG_E_FORMAT
 * when libxml2 cannot build a tree, or NG_E_NOMEM; err says why. */
ng_status ng_read_html(ng_doc *doc, ng_error *err);

#endif
