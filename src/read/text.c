/* text.c - the reader for text copied from a web page: every line becomes a
 * page line, remembering whether a blank line came before it. */
#include <string.h>

#include "read/readers.h"

ng_status ng_read_text(ng_doc *doc, ng_error *err)
{
    const char *p = doc->input, *end = doc->input + doc->input_len;
    int blank_before = 0;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *eol = nl ? nl : end;
        const char *s = p;
        size_t len = (size_t)(eol - p);
        ng_trim(&s, &len);
        if (len == 0) {
            blank_before = 1;
        } else {
            if (ng_doc_add_line(doc, s, len, NG_HINT_NONE, blank_before) != NG_OK)
                return ng_fail(err, NG_E_NOMEM, 0, "out of memory reading text");
            blank_before = 0;
        }
        p = nl ? nl + 1 : end;
    }
    return NG_OK;
}
