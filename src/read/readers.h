/* readers.h - the plain-text readers.  Each takes doc->input (valid UTF-8)
 * and either fills page lines for the structure stage (text) or body
 * paragraphs, fields and lists directly (story, json).  All return NG_OK or
 * an error status with err filled. */
#ifndef NG_READERS_H
#define NG_READERS_H

#include "core/doc.h"

/* Text copied from a web page: one page line per input line. */
ng_status ng_read_text(ng_doc *doc, ng_error *err);

/* CNN/DailyMail .story: paragraphs, then "@highlight" blocks (references). */
ng_status ng_read_story(ng_doc *doc, ng_error *err);

/* One JSON object: id, article or text, optional title, optional highlights
 * (a list of strings or one string with newlines), optional format. */
ng_status ng_read_json(ng_doc *doc, ng_error *err);
/* Where s[0..len) holds a \u0000 escape (cJSON would cut the string there):
 * the byte offset of its backslash, or len when there is none. */
size_t ng_json_nul_escape(const char *s, size_t len);

#endif
