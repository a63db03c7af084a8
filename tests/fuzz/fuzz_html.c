/* fuzz_html.c - libFuzzer target for the HTML reader alone: the bytes are
 * repaired to valid UTF-8 as ng_doc_read would, read by ng_read_html, and
 * every page line and field is checked to be non-empty where required,
 * newline-free and valid UTF-8. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/doc.h"
#include "read/html.h"
#include "text/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_text(const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        size_t n = ng_utf8_seq_len((const unsigned char *)s + i, len - i);
        if (n == 0 || s[i] == '\n' || s[i] == '\0') abort();
        i += n;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ng_doc *doc = ng_doc_new((size_t)64 << 20);
    if (!doc) return 0;
    size_t len = 0;
    char *copy = ng_utf8_repair(&doc->arena, (const char *)data, size, &len, NULL);
    if (copy) {
        doc->input = copy;
        doc->input_len = len;
        ng_error err;
        ng_status st = ng_read_html(doc, &err);
        if (st == NG_OK && doc->lines.count == 0) abort();
        for (size_t i = 0; i < doc->lines.count; i++) {
            const ng_line *l = &doc->lines.items[i];
            if (l->len == 0 || (unsigned)l->hint > NG_HINT_PARAGRAPH) abort();
            check_text(l->text, l->len);
        }
        for (int f = 0; f < NG_FIELD_COUNT_; f++) check_text(doc->fields[f].ptr, doc->fields[f].len);
    }
    ng_doc_free(doc);
    return 0;
}
