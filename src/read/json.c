/* json.c - the reader for one JSON Lines record (jansson):
 * {"id": ..., "article"|"text": ..., "title": ..., "highlights": [...]|"...",
 *  "format": "raw"|"ptb_lower"}.  The article's lines become paragraphs. */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "read/readers.h"

static ng_status add_paragraphs(ng_doc *doc, const char *s, size_t len)
{
    const char *p = s, *end = s + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *eol = nl ? nl : end;
        ng_status st = ng_doc_add_paragraph(doc, p, (size_t)(eol - p));
        if (st != NG_OK) return st;
        p = nl ? nl + 1 : end;
    }
    return NG_OK;
}

static ng_status add_highlights(ng_doc *doc, json_t *h, ng_error *err)
{
    if (json_is_string(h)) {
        const char *s = json_string_value(h);
        size_t len = json_string_length(h);
        const char *p = s, *end = s + len;
        while (p < end) {
            const char *nl = memchr(p, '\n', (size_t)(end - p));
            const char *eol = nl ? nl : end;
            if (ng_doc_add_item(doc, NG_LIST_REFERENCES, p, (size_t)(eol - p)) != NG_OK)
                return ng_fail(err, NG_E_NOMEM, 0, "out of memory");
            p = nl ? nl + 1 : end;
        }
        return NG_OK;
    }
    if (!json_is_array(h))
        return ng_fail(err, NG_E_JSON, 0, "\"highlights\" must be a list of strings or a string");
    size_t i;
    json_t *v;
    json_array_foreach(h, i, v) {
        if (!json_is_string(v))
            return ng_fail(err, NG_E_JSON, 0, "\"highlights\"[%zu] is not a string", i);
        if (ng_doc_add_item(doc, NG_LIST_REFERENCES, json_string_value(v), json_string_length(v)) != NG_OK)
            return ng_fail(err, NG_E_NOMEM, 0, "out of memory");
    }
    return NG_OK;
}

static ng_status set_string_field(ng_doc *doc, json_t *obj, const char *key, ng_field field,
                                  ng_error *err)
{
    json_t *v = json_object_get(obj, key);
    if (!v || json_is_null(v)) return NG_OK;
    if (json_is_integer(v)) {
        char buf[32];
        int n = snprintf(buf, sizeof buf, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        return ng_doc_set_field(doc, field, buf, (size_t)n);
    }
    if (!json_is_string(v)) return ng_fail(err, NG_E_JSON, 0, "\"%s\" must be a string", key);
    if (ng_doc_set_field(doc, field, json_string_value(v), json_string_length(v)) != NG_OK)
        return ng_fail(err, NG_E_NOMEM, 0, "out of memory");
    return NG_OK;
}

static ng_status read_object(ng_doc *doc, json_t *root, ng_error *err)
{
    if (!json_is_object(root)) return ng_fail(err, NG_E_JSON, 0, "a record must be a JSON object");
    ng_status st = set_string_field(doc, root, "id", NG_FIELD_ID, err);
    if (st == NG_OK) st = set_string_field(doc, root, "title", NG_FIELD_HEADLINE, err);
    if (st != NG_OK) return st;
    json_t *art = json_object_get(root, "article");
    if (!art) art = json_object_get(root, "text");
    if (!art) return ng_fail(err, NG_E_JSON, 0, "the record has no \"article\" or \"text\" field");
    if (!json_is_string(art))
        return ng_fail(err, NG_E_JSON, 0, "\"article\" must be a string");
    json_t *fmt = json_object_get(root, "format");
    if (json_is_string(fmt) && !strcmp(json_string_value(fmt), "ptb_lower"))
        ng_doc_warn(doc, "ptb_lower text: tokenized and lower-cased by the dataset");
    if (add_paragraphs(doc, json_string_value(art), json_string_length(art)) != NG_OK)
        return ng_fail(err, NG_E_NOMEM, 0, "out of memory");
    json_t *h = json_object_get(root, "highlights");
    if (h && !json_is_null(h)) return add_highlights(doc, h, err);
    return NG_OK;
}

ng_status ng_read_json(ng_doc *doc, ng_error *err)
{
    json_error_t jerr;
    /* JSON_ALLOW_NUL is off: the input was repaired, NULs already dropped. */
    json_t *root = json_loadb(doc->input, doc->input_len, JSON_REJECT_DUPLICATES, &jerr);
    if (!root)
        return ng_fail(err, NG_E_JSON, 0, "broken JSON at column %d: %s", jerr.column, jerr.text);
    ng_status st = read_object(doc, root, err);
    json_decref(root);
    return st;
}
