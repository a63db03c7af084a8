/* story.c - the reader for CNN/DailyMail .story files: article paragraphs
 * separated by blank lines, then "@highlight" markers each followed by one
 * reference highlight. */
#include <string.h>

#include "read/readers.h"

static int is_highlight_marker(const char *s, size_t len)
{
    return len == 10 && !memcmp(s, "@highlight", 10);
}

ng_status ng_read_story(ng_doc *doc, ng_error *err)
{
    const char *p = doc->input, *end = doc->input + doc->input_len;
    int in_highlight = 0;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *eol = nl ? nl : end;
        const char *s = p;
        size_t len = (size_t)(eol - p);
        p = nl ? nl + 1 : end;
        ng_trim(&s, &len);
        if (len == 0) continue;
        ng_status st;
        if (is_highlight_marker(s, len)) {
            in_highlight = 1;
            continue;
        }
        if (in_highlight) {
            st = ng_doc_add_item(doc, NG_LIST_REFERENCES, s, len);
            in_highlight = 0;
        } else {
            st = ng_doc_add_paragraph(doc, s, len);
        }
        if (st != NG_OK) return ng_fail(err, st, 0, "out of memory reading story");
    }
    return NG_OK;
}
