/* request.c - what a request asks for: its media type, the query string's
 * k / words / method / trim (and for the analysis ner_passes / max_tags),
 * and the fields of a JSON body (cJSON, parsed with an
 * explicit length and end pointer; no global error state is read). */
#include <cJSON.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/doc.h"
#include "read/readers.h"
#include "serve/serve.h"

void ng_serve_media_type(const char *ct, char *out, size_t outsize)
{
    size_t n = 0;
    if (outsize == 0) return;
    out[0] = '\0';
    if (!ct) return;
    while (*ct == ' ' || *ct == '\t') ct++;
    for (; *ct && *ct != ';' && *ct != ' ' && *ct != '\t'; ct++) {
        if (n + 1 >= outsize) { out[0] = '\0'; return; }
        out[n++] = (char)tolower((unsigned char)*ct);
    }
    out[n] = '\0';
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Percent-decodes s[0..len) into out (NUL-terminated).  Returns -1 when it
 * does not fit. */
static int url_decode(const char *s, size_t len, char *out, size_t outsize)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c == '+') c = ' ';
        else if (c == '%' && i + 2 < len && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
            c = (char)(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
            i += 2;
        }
        if (n + 1 >= outsize) return -1;
        out[n++] = c;
    }
    out[n] = '\0';
    return 0;
}

/* Parses a whole decimal number in [1, max]. */
static int parse_count(const char *s, long max, int *out)
{
    char *end;
    if (!*s || !isdigit((unsigned char)*s)) return -1;
    long v = strtol(s, &end, 10);
    if (*end || v < 1 || v > max) return -1;
    *out = (int)v;
    return 0;
}

static ng_status apply_param(const char *key, const char *value, ng_summary_options *sum,
                             ng_serve_analysis *an, ng_error *err)
{
    if (an && !strcmp(key, "ner_passes")) {
        if (parse_count(value, 2, &an->ner_passes))
            return ng_fail(err, NG_E_ARG, 0, "ner_passes must be 1 or 2");
    } else if (an && !strcmp(key, "max_tags")) {
        if (parse_count(value, NG_SERVE_MAX_TAGS, &an->max_tags))
            return ng_fail(err, NG_E_ARG, 0, "max_tags must be a whole number from 1 to %d", NG_SERVE_MAX_TAGS);
    } else if (!strcmp(key, "k")) {
        if (parse_count(value, NG_SERVE_MAX_K, &sum->k))
            return ng_fail(err, NG_E_ARG, 0, "k must be a whole number from 1 to %d", NG_SERVE_MAX_K);
    } else if (!strcmp(key, "words")) {
        if (parse_count(value, NG_SERVE_MAX_WORDS, &sum->max_words))
            return ng_fail(err, NG_E_ARG, 0, "words must be a whole number from 1 to %d",
                           NG_SERVE_MAX_WORDS);
    } else if (!strcmp(key, "method")) {
        if (ng_method_from_name(value, &sum->method))
            return ng_fail(err, NG_E_ARG, 0, "method must be learned, lead or textrank");
    } else if (!strcmp(key, "trim")) {
        if (ng_trim_rules_parse(value, &sum->trim))
            return ng_fail(err, NG_E_ARG, 0, "trim must be all, none, default or a comma list of rules");
    }
    return NG_OK; /* other parameters are ignored */
}

void ng_serve_resolve(ng_summary_options *sum)
{
    if (sum->trim == NG_SERVE_TRIM_DEFAULT) sum->trim = sum->method == NG_METHOD_LEARNED ? NG_TRIM_DEFAULT : 0;
}

ng_status ng_serve_apply_query(const char *query, ng_summary_options *sum, ng_serve_analysis *an, ng_error *err)
{
    if (!query) return NG_OK;
    const char *p = query;
    while (*p) {
        const char *amp = strchr(p, '&');
        size_t len = amp ? (size_t)(amp - p) : strlen(p);
        const char *eq = memchr(p, '=', len);
        char key[32], value[64];
        size_t klen = eq ? (size_t)(eq - p) : len;
        if (url_decode(p, klen, key, sizeof key) == 0) {
            const char *v = eq ? eq + 1 : p + len;
            if (url_decode(v, (size_t)(p + len - v), value, sizeof value))
                return ng_fail(err, NG_E_ARG, 0, "query parameter %s is too long", key);
            ng_status st = apply_param(key, value, sum, an, err);
            if (st != NG_OK) return st;
        }
        p += len;
        if (*p == '&') p++;
    }
    return NG_OK;
}

char *ng_serve_query_param(const char *query, const char *key)
{
    size_t klen = strlen(key);
    for (const char *p = query; p && *p;) {
        size_t len = strcspn(p, "&");
        if (len > klen && !strncmp(p, key, klen) && p[klen] == '=') {
            char *v = malloc(len - klen);
            if (v && url_decode(p + klen + 1, len - klen - 1, v, len - klen)) v[0] = '\0';
            return v;
        }
        p += len;
        if (*p == '&') p++;
    }
    return NULL;
}

char *ng_serve_path_decode(const char *s, size_t len)
{
    char *v = malloc(len + 1);
    if (v && url_decode(s, len, v, len + 1)) v[0] = '\0';
    return v;
}

/* Reads an optional whole-number field in [1, max]. */
static ng_status json_count(const cJSON *root, const char *key, int max, int *out, ng_error *err)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(root, key);
    if (!v || cJSON_IsNull(v)) return NG_OK;
    if (!cJSON_IsNumber(v) || !(v->valuedouble >= 1 && v->valuedouble <= max) ||
        v->valuedouble != (double)(int)v->valuedouble)
        return ng_fail(err, NG_E_ARG, 0, "\"%s\" must be a whole number from 1 to %d", key, max);
    *out = (int)v->valuedouble;
    return NG_OK;
}

/* Reads an optional string field; NULL when absent or null. */
static ng_status json_string(const cJSON *root, const char *key, const char **out, ng_error *err)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(root, key);
    *out = NULL;
    if (!v || cJSON_IsNull(v)) return NG_OK;
    if (!cJSON_IsString(v)) return ng_fail(err, NG_E_JSON, 0, "\"%s\" must be a string", key);
    *out = v->valuestring;
    return NG_OK;
}

/* The options of a JSON body; with analysis, ner_passes and max_tags too. */
static ng_status json_options(const cJSON *root, ng_serve_json_request *r, int analysis, ng_error *err)
{
    const char *method, *format, *trim;
    ng_status st = json_count(root, "k", NG_SERVE_MAX_K, &r->sum.k, err);
    if (st == NG_OK) st = json_count(root, "words", NG_SERVE_MAX_WORDS, &r->sum.max_words, err);
    if (st == NG_OK) st = json_string(root, "method", &method, err);
    if (st == NG_OK) st = json_string(root, "format", &format, err);
    if (st == NG_OK) st = json_string(root, "trim", &trim, err);
    if (st == NG_OK && analysis) st = json_count(root, "ner_passes", 2, &r->an.ner_passes, err);
    if (st == NG_OK && analysis) st = json_count(root, "max_tags", NG_SERVE_MAX_TAGS, &r->an.max_tags, err);
    if (st != NG_OK) return st;
    if (method && ng_method_from_name(method, &r->sum.method))
        return ng_fail(err, NG_E_ARG, 0, "\"method\" must be learned, lead or textrank");
    if (trim && ng_trim_rules_parse(trim, &r->sum.trim))
        return ng_fail(err, NG_E_ARG, 0, "\"trim\" must be all, none or a comma list of rules");
    if (format && (ng_format_from_name(format, &r->format) || r->format == NG_FORMAT_JSON))
        return ng_fail(err, NG_E_ARG, 0, "\"format\" must be auto, text, html or story");
    return NG_OK;
}

static ng_status json_fields(const cJSON *root, ng_serve_json_request *r, int analysis, ng_error *err)
{
    if (!cJSON_IsObject(root)) return ng_fail(err, NG_E_JSON, 0, "the body must be a JSON object");
    const char *key = cJSON_GetObjectItemCaseSensitive(root, "article") ? "article" : "text";
    ng_status st = json_string(root, key, &r->article, err);
    if (st == NG_OK && !r->article)
        return ng_fail(err, NG_E_JSON, 0, "missing field \"article\" (a string)");
    if (st == NG_OK) st = json_string(root, "title", &r->title, err);
    if (st != NG_OK) return st;
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(root, "id");
    if (id && !cJSON_IsNull(id) && !cJSON_IsString(id))
        return ng_fail(err, NG_E_JSON, 0, "\"id\" must be a string");
    r->id = cJSON_IsString(id) ? id->valuestring : NULL;
    r->article_len = strlen(r->article);
    return json_options(root, r, analysis, err);
}

static int only_space(const char *s, const char *end)
{
    for (; s < end; s++)
        if (!(*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')) return 0;
    return 1;
}

ng_status ng_serve_parse_json(const char *body, size_t len, const ng_summary_options *sum,
                              const ng_serve_analysis *an, ng_serve_json_request *out, ng_error *err)
{
    memset(out, 0, sizeof *out);
    out->sum = *sum;
    if (an) out->an = *an;
    const char *end = NULL;
    size_t nul = len ? ng_json_nul_escape(body, len) : 0;
    if (nul < len) /* cJSON would cut the string there: refused, never truncated */
        return ng_fail(err, NG_E_JSON, 0, "the JSON holds a NUL character (\\u0000) at byte %zu", nul + 1);
    if (len && memchr(body, '\0', len))
        return ng_fail(err, NG_E_JSON, 0, "the JSON holds a NUL byte at byte %zu",
                       (size_t)((const char *)memchr(body, '\0', len) - body) + 1);
    cJSON *root = len ? cJSON_ParseWithLengthOpts(body, len, &end, 0) : NULL;
    if (!root) {
        size_t col = end && end >= body && end <= body + len ? (size_t)(end - body) + 1 : 1;
        return ng_fail(err, NG_E_JSON, 0, "broken JSON near byte %zu", col);
    }
    out->tree = root;
    if (end && end >= body && !only_space(end, body + len)) {
        ng_serve_json_request_free(out);
        return ng_fail(err, NG_E_JSON, 0, "broken JSON: text after the object at byte %zu",
                       (size_t)(end - body) + 1);
    }
    ng_status st = json_fields(root, out, an != NULL, err);
    if (st != NG_OK) ng_serve_json_request_free(out);
    return st;
}

void ng_serve_json_request_free(ng_serve_json_request *r)
{
    cJSON_Delete(r->tree);
    r->tree = NULL;
}
