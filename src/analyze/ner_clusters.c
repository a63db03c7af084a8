/* ner_clusters.c - the named-entity tagger's word-cluster table: word keys
 * (lower-cased, digits as 0), lookup, the cluster section shared by NER
 * model files and cluster files, and standalone cluster files ("NGNERCL1",
 * CRC-32 checked).  Learning the clusters is ner_cluster_learn.c's job. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "analyze/ner.h"
#include "core/doc.h"
#include "summarize/model.h"

static const char file_magic[8] = {'N', 'G', 'N', 'E', 'R', 'C', 'L', '1'};

#define CL_FILE_MAX_BYTES ((size_t)64 * 1024 * 1024)

uint64_t ng_ner_cluster_key(const char *word, size_t n)
{
    uint64_t h = 14695981039346656037ull ^ 0x5c;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)word[i];
        if (ch >= 'A' && ch <= 'Z') ch = (unsigned char)(ch + 32);
        else if (ch >= '0' && ch <= '9') ch = '0';
        h ^= ch;
        h *= 1099511628211ull;
    }
    h ^= h >> 31;
    h *= 0x9E3779B97F4A7C15ull;
    h ^= h >> 29;
    return h ? h : 1;
}

static size_t slot_of(uint64_t key, size_t cap)
{
    return (size_t)(key * 0xD6E8FEB86659FD93ull >> 20) & (cap - 1);
}

/* Moves c's table into one of ncap slots (a power of two above twice the
 * count).  Returns NG_OK, or NG_E_NOMEM leaving c as it was. */
static ng_status grow_to(ng_ner_clusters *c, size_t ncap)
{
    uint64_t *nk = calloc(ncap, sizeof *nk);
    uint16_t *ni = malloc(ncap * NG_NER_CLUSTER_LEVELS * sizeof *ni);
    if (!nk || !ni) {
        free(nk);
        free(ni);
        return NG_E_NOMEM;
    }
    for (size_t i = 0; i < c->cap; i++) {
        if (!c->key[i]) continue;
        size_t j = slot_of(c->key[i], ncap);
        while (nk[j]) j = (j + 1) & (ncap - 1);
        nk[j] = c->key[i];
        memcpy(ni + j * NG_NER_CLUSTER_LEVELS, c->id + i * NG_NER_CLUSTER_LEVELS,
               NG_NER_CLUSTER_LEVELS * sizeof *ni);
    }
    free(c->key);
    free(c->id);
    c->key = nk;
    c->id = ni;
    c->cap = ncap;
    return NG_OK;
}

ng_status ng_ner_clusters_put(ng_ner_clusters *c, uint64_t key, const uint16_t *ids)
{
    if (!key) key = 1;
    if ((c->count + 1) * 2 > c->cap && grow_to(c, c->cap ? c->cap * 2 : 1024)) return NG_E_NOMEM;
    size_t j = slot_of(key, c->cap);
    while (c->key[j] && c->key[j] != key) j = (j + 1) & (c->cap - 1);
    if (!c->key[j]) {
        c->key[j] = key;
        c->count++;
    }
    for (uint32_t l = 0; l < NG_NER_CLUSTER_LEVELS; l++)
        c->id[j * NG_NER_CLUSTER_LEVELS + l] = l < c->levels ? ids[l] : (uint16_t)NG_NER_CLUSTER_NONE;
    return NG_OK;
}

const uint16_t *ng_ner_clusters_get(const ng_ner_clusters *c, uint64_t key)
{
    if (!c || !c->cap) return NULL;
    size_t j = slot_of(key, c->cap);
    while (c->key[j]) {
        if (c->key[j] == key) return c->id + j * NG_NER_CLUSTER_LEVELS;
        j = (j + 1) & (c->cap - 1);
    }
    return NULL;
}

void ng_ner_clusters_free(ng_ner_clusters *c)
{
    if (!c) return;
    free(c->key);
    free(c->id);
    memset(c, 0, sizeof *c);
}

/* ------------------------------------------------------------- section */

void ng_ner_clusters_write(const ng_ner_clusters *c, ng_wbuf *w)
{
    uint32_t levels = c->count ? c->levels : 0;
    ng_wbuf_u32(w, levels);
    for (uint32_t l = 0; l < levels; l++) ng_wbuf_u32(w, c->k[l]);
    ng_wbuf_u32(w, levels ? (uint32_t)c->count : 0);
    if (!levels) {
        ng_wbuf_u32(w, 0);
        return;
    }
    size_t rec = 8 + 2 * (size_t)levels, rawlen = c->count * rec;
    unsigned char *raw = malloc(rawlen);
    uLongf zlen = compressBound((uLong)rawlen);
    unsigned char *z = malloc(zlen);
    if (!raw || !z) {
        free(raw);
        free(z);
        w->bad = 1;
        return;
    }
    /* in slot order: the same table gives the same bytes */
    size_t n = 0;
    for (size_t i = 0; i < c->cap; i++) {
        if (!c->key[i]) continue;
        unsigned char *p = raw + n++ * rec;
        for (int b = 0; b < 8; b++) p[b] = (unsigned char)(c->key[i] >> (8 * b));
        for (uint32_t l = 0; l < levels; l++) {
            uint16_t v = c->id[i * NG_NER_CLUSTER_LEVELS + l];
            p[8 + 2 * l] = (unsigned char)v;
            p[9 + 2 * l] = (unsigned char)(v >> 8);
        }
    }
    if (compress2(z, &zlen, raw, (uLong)rawlen, 9) != Z_OK) w->bad = 1;
    else {
        ng_wbuf_u32(w, (uint32_t)zlen);
        ng_wbuf_put(w, z, zlen);
    }
    free(raw);
    free(z);
}

static ng_status bad(ng_ner_clusters *c, ng_error *err, const char *what)
{
    ng_ner_clusters_free(c);
    return ng_fail(err, NG_E_MODEL, 0, "ner clusters: %s", what);
}

ng_status ng_ner_clusters_read(ng_rbuf *r, ng_ner_clusters *c, ng_error *err)
{
    memset(c, 0, sizeof *c);
    uint32_t levels = ng_rbuf_u32(r);
    if (r->bad || levels > NG_NER_CLUSTER_LEVELS) return bad(c, err, "bad number of levels");
    for (uint32_t l = 0; l < levels; l++) {
        c->k[l] = ng_rbuf_u32(r);
        if (r->bad || c->k[l] < 2 || c->k[l] >= NG_NER_CLUSTER_NONE) return bad(c, err, "bad cluster count");
    }
    uint32_t count = ng_rbuf_u32(r), zlen = ng_rbuf_u32(r);
    if (r->bad) return bad(c, err, "truncated");
    if (!levels) {
        if (count || zlen) return bad(c, err, "words without levels");
        return NG_OK;
    }
    if (!count || count > NG_NER_CLUSTER_MAX_WORDS) return bad(c, err, "bad number of words");
    if (zlen > r->len - r->pos) return bad(c, err, "table does not fit the file");
    size_t rec = 8 + 2 * (size_t)levels, rawlen = (size_t)count * rec;
    unsigned char *raw = malloc(rawlen);
    if (!raw) {
        ng_ner_clusters_free(c);
        return ng_fail(err, NG_E_NOMEM, 0, "ner clusters: out of memory");
    }
    uLongf got = (uLongf)rawlen;
    int zr = uncompress(raw, &got, r->p + r->pos, zlen);
    r->pos += zlen;
    if (zr != Z_OK || got != rawlen) {
        free(raw);
        return bad(c, err, "table is corrupt");
    }
    c->levels = levels;
    /* sized once for every word, not doubled ~8 times while loading */
    size_t cap = 1024;
    while (cap < ((size_t)count + 1) * 2) cap *= 2;
    if (cap > c->cap && grow_to(c, cap)) {
        free(raw);
        ng_ner_clusters_free(c);
        return ng_fail(err, NG_E_NOMEM, 0, "ner clusters: out of memory");
    }
    for (uint32_t i = 0; i < count; i++) {
        const unsigned char *p = raw + (size_t)i * rec;
        uint64_t key = 0;
        for (int b = 0; b < 8; b++) key |= (uint64_t)p[b] << (8 * b);
        uint16_t ids[NG_NER_CLUSTER_LEVELS];
        int ok = key != 0 && ng_ner_clusters_get(c, key) == NULL;
        for (uint32_t l = 0; l < levels; l++) {
            ids[l] = (uint16_t)(p[8 + 2 * l] | p[9 + 2 * l] << 8);
            if (ids[l] >= c->k[l]) ok = 0;
        }
        if (!ok) {
            free(raw);
            return bad(c, err, "bad key or cluster id");
        }
        if (ng_ner_clusters_put(c, key, ids)) {
            free(raw);
            ng_ner_clusters_free(c);
            return ng_fail(err, NG_E_NOMEM, 0, "ner clusters: out of memory");
        }
    }
    free(raw);
    return NG_OK;
}

/* ---------------------------------------------------------------- file */

ng_status ng_ner_clusters_load(const unsigned char *p, size_t len, ng_ner_clusters *c, ng_error *err)
{
    memset(c, 0, sizeof *c);
    if (len < 12 || memcmp(p, file_magic, 8))
        return ng_fail(err, NG_E_MODEL, 0, "ner clusters: not a nutgraf cluster file (bad magic)");
    uint32_t stored = (uint32_t)p[len - 4] | (uint32_t)p[len - 3] << 8 | (uint32_t)p[len - 2] << 16 |
                      (uint32_t)p[len - 1] << 24;
    if (stored != ng_crc32(p, len - 4))
        return ng_fail(err, NG_E_MODEL, 0, "ner clusters: checksum mismatch: the file is corrupt");
    ng_rbuf r = {p, len - 4, 8, 0};
    ng_status st = ng_ner_clusters_read(&r, c, err);
    if (st) return st;
    if (r.pos != r.len) return bad(c, err, "trailing bytes");
    if (!c->levels) return bad(c, err, "no clusters");
    return NG_OK;
}

ng_status ng_ner_clusters_save_file(const ng_ner_clusters *c, const char *path, ng_error *err)
{
    ng_wbuf w = {0};
    ng_wbuf_put(&w, file_magic, 8);
    ng_ner_clusters_write(c, &w);
    if (!w.bad) ng_wbuf_u32(&w, ng_crc32(w.p, w.len));
    if (w.bad) {
        free(w.p);
        return ng_fail(err, NG_E_NOMEM, 0, "ner clusters: out of memory");
    }
    FILE *f = fopen(path, "wb");
    if (!f) {
        free(w.p);
        return ng_fail(err, NG_E_IO, 0, "ner clusters %s: cannot create", path);
    }
    size_t wr = fwrite(w.p, 1, w.len, f);
    int cl = fclose(f);
    free(w.p);
    if (wr != w.len || cl) return ng_fail(err, NG_E_IO, 0, "ner clusters %s: write failed", path);
    return NG_OK;
}

ng_status ng_ner_clusters_load_file(const char *path, ng_ner_clusters *c, ng_error *err)
{
    memset(c, 0, sizeof *c);
    FILE *f = fopen(path, "rb");
    if (!f) return ng_fail(err, NG_E_IO, 0, "ner clusters %s: cannot open", path);
    size_t cap = 1 << 20, len = 0;
    unsigned char *buf = malloc(cap);
    ng_status st = NG_OK;
    while (buf) {
        if (len == cap) {
            if (cap >= CL_FILE_MAX_BYTES) {
                st = ng_fail(err, NG_E_MODEL, 0, "ner clusters %s: over %zu bytes", path, CL_FILE_MAX_BYTES);
                break;
            }
            unsigned char *q = realloc(buf, cap * 2);
            if (!q) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = q;
            cap *= 2;
        }
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0) break;
    }
    int rerr = ferror(f);
    fclose(f);
    if (!buf) return ng_fail(err, NG_E_NOMEM, 0, "ner clusters: out of memory");
    if (!st && rerr) st = ng_fail(err, NG_E_IO, 0, "ner clusters %s: read error", path);
    if (!st) st = ng_ner_clusters_load(buf, len, c, err);
    free(buf);
    return st;
}
