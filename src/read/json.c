/* json.c - the reader for one JSON Lines record (cJSON, chosen over jansson
 * for this hot path: it parses a CNN/DailyMail record several times faster):
 * {"id": ..., "article"|"text": ..., "title": ..., "highlights": [...]|"...",
 *  "format": "raw"|"ptb_lower"}.  The article's lines become paragraphs;
 * ptb_lower text goes through ptb.c. */
#include <cJSON.h>
#include <stdio.h>
#include <string.h>

#include "read/ptb.h"
#include "read/readers.h"

static ng_status add_lines(ng_doc *doc, const char *s, ng_list list, int paragraphs)
{
    const char *p = s;
    for (;;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        ng_status st = paragraphs ? ng_doc_add_paragraph(doc, p, len) : ng_doc_add_item(doc, list, p, len);
        if (st != NG_OK || !nl) return st;
        p = nl + 1;
    }
}

static ng_status add_highlights(ng_doc *doc, const cJSON *h, ng_error *err)
{
    if (cJSON_IsString(h)) {
        if (add_lines(doc, h->valuestring, NG_LIST_REFERENCES, 0) != NG_OK)
            return ng_fail(err, NG_E_NOMEM, 0, "out of memory");
        return NG_OK;
    }
    if (!cJSON_IsArray(h))
        return ng_fail(err, NG_E_JSON, 0, "\"highlights\" must be a list of strings or a string");
    size_t i = 0;
    const cJSON *v;
    cJSON_ArrayForEach(v, h) {
        if (!cJSON_IsString(v))
            return ng_fail(err, NG_E_JSON, 0, "\"highlights\"[%zu] is not a string", i);
        if (ng_doc_add_item(doc, NG_LIST_REFERENCES, v->valuestring, strlen(v->valuestring)) != NG_OK)
            return ng_fail(err, NG_E_NOMEM, 0, "out of memory");
        i++;
    }
    return NG_OK;
}

static ng_status set_string_field(ng_doc *doc, const cJSON *obj, const char *key, ng_field field,
                                  ng_error *err)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!v || cJSON_IsNull(v)) return NG_OK;
    if (cJSON_IsNumber(v)) {
        char buf[64];
        int n = snprintf(buf, sizeof buf, "%.17g", v->valuedouble);
        return ng_doc_set_field(doc, field, buf, (size_t)n);
    }
    if (!cJSON_IsString(v)) return ng_fail(err, NG_E_JSON, 0, "\"%s\" must be a string", key);
    if (ng_doc_set_field(doc, field, v->valuestring, strlen(v->valuestring)) != NG_OK)
        return ng_fail(err, NG_E_NOMEM, 0, "out of memory");
    return NG_OK;
}

static ng_status read_object(ng_doc *doc, const cJSON *root, ng_error *err)
{
    if (!cJSON_IsObject(root)) return ng_fail(err, NG_E_JSON, 0, "a record must be a JSON object");
    ng_status st = set_string_field(doc, root, "id", NG_FIELD_ID, err);
    if (st == NG_OK) st = set_string_field(doc, root, "title", NG_FIELD_HEADLINE, err);
    if (st != NG_OK) return st;
    const cJSON *art = cJSON_GetObjectItemCaseSensitive(root, "article");
    if (!art) art = cJSON_GetObjectItemCaseSensitive(root, "text");
    if (!art) return ng_fail(err, NG_E_JSON, 0, "the record has no \"article\" or \"text\" field");
    if (!cJSON_IsString(art)) return ng_fail(err, NG_E_JSON, 0, "\"article\" must be a string");
    const cJSON *fmt = cJSON_GetObjectItemCaseSensitive(root, "format");
    ng_status st2;
    if (cJSON_IsString(fmt) && !strcmp(fmt->valuestring, "ptb_lower"))
        st2 = ng_read_ptb_article(doc, art->valuestring, strlen(art->valuestring));
    else
        st2 = add_lines(doc, art->valuestring, NG_LIST_COUNT_, 1);
    if (st2 != NG_OK) return ng_fail(err, NG_E_NOMEM, 0, "out of memory");
    const cJSON *h = cJSON_GetObjectItemCaseSensitive(root, "highlights");
    if (h && !cJSON_IsNull(h)) return add_highlights(doc, h, err);
    return NG_OK;
}

static int only_space(const char *s, const char *end)
{
    for (; s < end; s++)
        if (!(*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')) return 0;
    return 1;
}

size_t ng_json_nul_escape(const char *s, size_t len)
{
    for (size_t i = 0; i + 1 < len; i++) {
        if (s[i] != '\\') continue;
        if (s[i + 1] == 'u' && i + 6 <= len && !memcmp(s + i + 2, "0000", 4)) return i;
        i++; /* the escaped character, so that \\u0000 is text */
    }
    return len;
}

ng_status ng_read_json(ng_doc *doc, ng_error *err)
{
    const char *end = NULL;
    size_t nul = ng_json_nul_escape(doc->input, doc->input_len);
    if (nul < doc->input_len) /* refused rather than silently cut short */
        return ng_fail(err, NG_E_JSON, 0, "the record holds a NUL character (\\u0000) at column %zu", nul + 1);
    /* The input copy is NUL-terminated and holds no NUL (the repair dropped
     * them), so the parse cannot run past it. */
    cJSON *root = cJSON_ParseWithLengthOpts(doc->input, doc->input_len, &end, 0);
    if (!root) {
        size_t col = end && end >= doc->input ? (size_t)(end - doc->input) + 1 : 0;
        return ng_fail(err, NG_E_JSON, 0, "broken JSON near column %zu", col);
    }
    if (end && !only_space(end, doc->input + doc->input_len)) {
        cJSON_Delete(root);
        return ng_fail(err, NG_E_JSON, 0, "broken JSON: text after the object at column %zu",
                       (size_t)(end - doc->input) + 1);
    }
    ng_status st = read_object(doc, root, err);
    cJSON_Delete(root);
    return st;
}

/* Copies s into out (cap > 0 bytes), cut before a UTF-8 continuation byte
 * so that a long id stays valid text. */
static void copy_id(char *out, size_t cap, const char *s)
{
    size_t n = strlen(s);
    if (n >= cap) {
        n = cap - 1;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80) n--;
    }
    memcpy(out, s, n);
    out[n] = '\0';
}

int ng_json_record_id(const char *line, size_t len, char *out, size_t cap)
{
    if (!out || cap == 0) return 0;
    out[0] = '\0';
    if (!line || len == 0 || cap < 2) return 0;
    cJSON *root = cJSON_ParseWithLength(line, len);
    const cJSON *id = cJSON_IsObject(root) ? cJSON_GetObjectItemCaseSensitive(root, "id") : NULL;
    int found = 0;
    if (cJSON_IsString(id) && id->valuestring) {
        copy_id(out, cap, id->valuestring);
        found = 1;
    } else if (cJSON_IsNumber(id)) {
        char num[64];
        snprintf(num, sizeof num, "%.17g", id->valuedouble);
        copy_id(out, cap, num);
        found = 1;
    }
    cJSON_Delete(root);
    return found;
}
