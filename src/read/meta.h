/* meta.h - article metadata from markup and text: JSON-LD, site suffixes
 * on titles, author names from bylines, dates to ISO 8601. */
#ifndef NG_READ_META_H
#define NG_READ_META_H

#include "core/doc.h"

/* Reads one JSON-LD block (the text of a <script type=application/ld+json>):
 * from the first Article-like object (NewsArticle, BlogPosting, Report ...,
 * also inside @graph or an array) sets the headline, date, site name and
 * language fields that are still empty, and adds authors and keywords (as
 * tags) when those lists are empty.  Broken JSON is ignored.  Returns
 * NG_OK or NG_E_NOMEM. */
ng_status ng_meta_jsonld(ng_doc *doc, const char *json, size_t len);

/* The title without a site name before or after a separator ("Story |
 * Site", "Site - Story", "Story – Site"): sets *start and returns the
 * length kept.  A part is a site name when it equals site (when given) or
 * has at most 4 words and the other part has more. */
size_t ng_meta_cut_site(const char *title, size_t len, const char *site, size_t site_len, size_t *start);

/* Splits a byline ("By Jane Doe and John Roe, Staff Writers | Updated
 * 5:00 PM") into names and adds each new one to NG_LIST_AUTHORS.  Returns
 * NG_OK or NG_E_NOMEM. */
ng_status ng_meta_add_authors(ng_doc *doc, const char *byline, size_t len);

/* Writes the first date in s as YYYY-MM-DD into out (at least 11 bytes)
 * and returns its length, or 0: "14 September 2012", "Sept. 14, 2012",
 * "2012-09-14T10:15:00Z" (kept whole when it starts the text). */
size_t ng_meta_iso_date(const char *s, size_t len, char *out, size_t out_size);

#endif
