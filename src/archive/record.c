/* record.c - the stored record: a story's JSON (id, headline, byline, date,
 * body, highlights, entities, tags, quotes) deflated behind an 8-byte
 * header ("NGA1" and the JSON's length, little-endian), and its decoder,
 * which trusts nothing it reads back from the database. */
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "archive/archive_int.h"

static const unsigned char magic[4] = {'N', 'G', 'A', '1'};

ng_status ng_arch_fail(ng_error *err, ng_status st, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
        err->status = st;
        err->line = 0;
    }
    return st;
}

ng_status ng_arch_record_encode(const char *json, size_t len, unsigned char **out,
                                size_t *out_len, ng_error *err)
{
    if (len > NG_RECORD_MAX) return ng_arch_fail(err, NG_E_TOO_BIG, "story record over 64 MiB");
    uLongf cap = compressBound((uLong)len);
    unsigned char *buf = malloc(8 + cap);
    if (!buf) return ng_arch_fail(err, NG_E_NOMEM, "out of memory encoding a story");
    memcpy(buf, magic, 4);
    for (int i = 0; i < 4; i++) buf[4 + i] = (unsigned char)(len >> (8 * i));
    if (compress2(buf + 8, &cap, (const Bytef *)json, (uLong)len, 1) != Z_OK) {
        free(buf);
        return ng_arch_fail(err, NG_E_NOMEM, "cannot deflate a story record");
    }
    *out = buf;
    *out_len = 8 + cap;
    return NG_OK;
}

ng_status ng_arch_record_decode(const unsigned char *rec, size_t len, char **json,
                                size_t *json_len, ng_error *err)
{
    *json = NULL;
    if (len < 8 || memcmp(rec, magic, 4))
        return ng_arch_fail(err, NG_E_FORMAT, "stored record is damaged (bad header)");
    size_t n = 0;
    for (int i = 0; i < 4; i++) n |= (size_t)rec[4 + i] << (8 * i);
    if (n > NG_RECORD_MAX) return ng_arch_fail(err, NG_E_FORMAT, "stored record is damaged (size)");
    char *buf = malloc(n + 1);
    if (!buf) return ng_arch_fail(err, NG_E_NOMEM, "out of memory decoding a story");
    uLongf got = (uLongf)n;
    if (uncompress((Bytef *)buf, &got, rec + 8, (uLong)(len - 8)) != Z_OK || got != n) {
        free(buf);
        return ng_arch_fail(err, NG_E_FORMAT, "stored record is damaged (deflate)");
    }
    buf[n] = '\0';
    json_error_t je;
    json_t *root = json_loadb(buf, n, JSON_REJECT_DUPLICATES, &je);
    int ok = root && json_is_object(root) && json_is_string(json_object_get(root, "id"));
    json_decref(root);
    if (!ok) {
        free(buf);
        return ng_arch_fail(err, NG_E_FORMAT, "stored record is damaged (JSON)");
    }
    *json = buf;
    *json_len = n;
    return NG_OK;
}

/* A string member as a malloc'd copy ("" when absent or not a string). */
static char *member_string(const json_t *o, const char *key)
{
    const json_t *v = json_object_get(o, key);
    const char *s = json_is_string(v) ? json_string_value(v) : "";
    size_t n = json_is_string(v) ? json_string_length(v) : 0;
    char *c = malloc(n + 1);
    if (c) {
        memcpy(c, s, n);
        c[n] = '\0';
    }
    return c;
}

/* The strings of an array member (or each item's "name"), '\n'-joined. */
static char *member_joined(const json_t *o, const char *key, const char *sub)
{
    const json_t *arr = json_object_get(o, key);
    size_t total = 1, i;
    const json_t *item;
    json_array_foreach(arr, i, item) {
        const json_t *s = sub ? json_object_get(item, sub) : item;
        if (json_is_string(s)) total += json_string_length(s) + 1;
    }
    char *c = malloc(total), *p = c;
    if (!c) return NULL;
    json_array_foreach(arr, i, item) {
        const json_t *s = sub ? json_object_get(item, sub) : item;
        if (!json_is_string(s)) continue;
        size_t n = json_string_length(s);
        if (p != c) *p++ = '\n';
        memcpy(p, json_string_value(s), n);
        p += n;
    }
    *p = '\0';
    return c;
}

ng_status ng_arch_record_fields(const char *json, size_t len, ng_arch_fields *out, ng_error *err)
{
    memset(out, 0, sizeof *out);
    json_error_t je;
    json_t *root = json_loadb(json, len, 0, &je);
    if (!root || !json_is_object(root)) {
        json_decref(root);
        return ng_arch_fail(err, NG_E_FORMAT, "stored record is damaged (JSON)");
    }
    out->id = member_string(root, "id");
    out->headline = member_string(root, "headline");
    out->body = member_string(root, "body");
    out->date = member_string(root, "date");
    out->entities = member_joined(root, "entities", "name");
    out->tags = member_joined(root, "tags", NULL);
    json_decref(root);
    if (!out->id || !out->headline || !out->body || !out->date || !out->entities || !out->tags) {
        ng_arch_fields_free(out);
        return ng_arch_fail(err, NG_E_NOMEM, "out of memory decoding a story");
    }
    return NG_OK;
}

void ng_arch_fields_free(ng_arch_fields *f)
{
    free(f->id);
    free(f->headline);
    free(f->body);
    free(f->date);
    free(f->entities);
    free(f->tags);
    memset(f, 0, sizeof *f);
}
