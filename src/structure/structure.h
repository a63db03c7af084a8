/* structure.h - the structure stage: from page lines to the story's parts
 * (headline, byline, dateline, page highlights, related links, tags,
 * dropped lines, credits) and its body paragraphs. */
#ifndef NG_STRUCTURE_H
#define NG_STRUCTURE_H

#include "core/doc.h"

/* Classifies doc->lines into fields, lists and body paragraphs.
 * Returns NG_OK or NG_E_NOMEM. */
ng_status ng_structure_page(ng_doc *doc, ng_error *err);

/* Cleans the body paragraphs of any format: takes the dateline off the
 * first paragraph, wire-service header junk ("By . AP . PUBLISHED: ...")
 * and trailing credits ("CNN's Jane Doe contributed to this report.").
 * Returns NG_OK or NG_E_NOMEM. */
ng_status ng_structure_body(ng_doc *doc, ng_error *err);

/* If s starts with a dateline ("Beijing (CNN) --", "LONDON, England
 * (Reuters) --", "WASHINGTON (AP) —", "(CNN)"), returns how many bytes to
 * strip (the dateline, its dash and the spaces after it) and sets
 * *value_len to the length of the dateline itself ("Beijing (CNN)").
 * Returns 0 when there is none. */
size_t ng_dateline_len(const char *s, size_t len, size_t *value_len);

#endif
