/* charset.h - pages in other character sets than UTF-8: finding the
 * charset a page declares (an HTTP Content-Type, a byte-order mark, an HTML
 * <meta charset> or http-equiv) and converting the bytes to UTF-8 with
 * iconv before any reader sees them.  Used by ng_doc_read for HTML pages
 * and by ng_fetch for pages from a URL.  Never prints. */
#ifndef NG_READ_CHARSET_H
#define NG_READ_CHARSET_H

#include <stddef.h>

#include "nutgraf.h"

/* How far into an HTML page a <meta> declaration is looked for. */
#define NG_CHARSET_SNIFF_BYTES 8192
/* The longest charset name kept, NUL included. */
#define NG_CHARSET_NAME_MAX 48

/* The charset parameter of a Content-Type value ("text/html;
 * charset=ISO-8859-1"), lowercased, into out (outsz bytes, at least 2).
 * Returns 1 when there is one, 0 otherwise (out is then ""). */
int ng_charset_from_content_type(const char *ctype, char *out, size_t outsz);

/* The charset an HTML page declares in <meta charset="..."> or <meta
 * http-equiv="Content-Type" content="...; charset=..."> within its first
 * NG_CHARSET_SNIFF_BYTES bytes, lowercased, into out.  Returns 1 when
 * found, 0 otherwise (out is then ""). */
int ng_charset_sniff_html(const char *bytes, size_t len, char *out, size_t outsz);

/* The iconv name to decode a declared charset with: NULL for UTF-8 and its
 * aliases (nothing to convert); "WINDOWS-1252" for iso-8859-1, latin1 and
 * us-ascii (as browsers do); the name itself otherwise. */
const char *ng_charset_iconv_name(const char *declared);

/* Converts len bytes in charset (an iconv name) to UTF-8: *out is a new
 * malloc'd, NUL-terminated buffer the caller frees, *out_len its length.
 * Bytes that are invalid in the charset become U+FFFD (one a code unit:
 * a byte, two for UTF-16, four for UTF-32).  Returns NG_OK,
 * NG_E_FORMAT when iconv does not know the charset (err says which), or
 * NG_E_NOMEM. */
ng_status ng_charset_convert(const char *bytes, size_t len, const char *charset, char **out,
                             size_t *out_len, ng_error *err);

/* Decides whether bytes need converting and does it.  In order: a UTF-16
 * byte-order mark wins; bytes that are already valid UTF-8 are kept (a
 * page mislabelled as Latin-1 is more often UTF-8 than not, and bytes
 * converted once stay put); else the declared charset (an HTTP header's;
 * NULL for none), else, when html is set, the page's <meta> declaration.
 * On NG_OK *out is NULL when the bytes are kept as they are, or a new
 * malloc'd UTF-8 buffer (*out_len bytes) the caller frees; used (when not
 * NULL, NG_CHARSET_NAME_MAX bytes) gets the charset converted from, or "".
 * A charset iconv does not know keeps the bytes too (NG_OK, *out NULL,
 * used names it).  NG_E_NOMEM when out of memory. */
ng_status ng_charset_decode(const char *bytes, size_t len, const char *declared, int html,
                            char **out, size_t *out_len, char *used, ng_error *err);

#endif
