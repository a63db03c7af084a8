/* sqlite.c - the archive's embedded back end: one SQLite file holding the
 * stories (id, date, the deflated record, the MinHash signature), an FTS5
 * index of their text (porter stemming, BM25), a view of its vocabulary
 * (document frequencies for related()), and the LSH band keys.  Writers
 * wait up to five seconds for a lock; every SQLite failure becomes NG_E_IO
 * with SQLite's own words. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "archive/archive_int.h"
#include "output/jbuf.h"

#define SCHEMA_VERSION "1"

enum {
    S_FIND, S_INS, S_UPD, S_FTS_DEL, S_FTS_INS, S_BAND_DEL, S_BAND_INS, S_GET, S_COUNT,
    S_DF, S_BAND_ROWS, S_PAIRS, S_ROW, S_BODY, S_COUNT_
};

static const char *const stmt_sql[S_COUNT_] = {
    "SELECT rowid, minhash FROM story WHERE id = ?1",
    "INSERT INTO story(id, date, day, record, minhash) VALUES (?1, ?2, ?3, ?4, ?5)",
    "UPDATE story SET date = ?2, day = ?3, record = ?4, minhash = ?5 WHERE rowid = ?1",
    "DELETE FROM story_fts WHERE rowid = ?1",
    "INSERT INTO story_fts(rowid, headline, body, highlights, entities, tags, byline) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    "DELETE FROM band WHERE key = ?1 AND story = ?2",
    "INSERT OR IGNORE INTO band(key, story) VALUES (?1, ?2)",
    "SELECT record FROM story WHERE id = ?1",
    "SELECT count(*) FROM story",
    "SELECT doc FROM story_vocab WHERE term = ?1",
    "SELECT story FROM band WHERE key = ?1",
    "SELECT a.story, b.story FROM band a JOIN band b ON b.key = a.key AND b.story > a.story",
    "SELECT id, minhash FROM story WHERE rowid = ?1",
    "SELECT body FROM story_fts WHERE rowid = ?1",
};

static const char schema_sql[] =
    "CREATE TABLE IF NOT EXISTS nutgraf_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "INSERT OR IGNORE INTO nutgraf_meta VALUES ('schema', '" SCHEMA_VERSION "');"
    "CREATE TABLE IF NOT EXISTS story(rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,"
    " date TEXT, day INTEGER, record BLOB NOT NULL, minhash BLOB NOT NULL);"
    "CREATE INDEX IF NOT EXISTS story_day ON story(day) WHERE day IS NOT NULL;"
    "CREATE VIRTUAL TABLE IF NOT EXISTS story_fts USING fts5(headline, body, highlights,"
    " entities, tags, byline, tokenize = 'porter unicode61 remove_diacritics 2');"
    "CREATE VIRTUAL TABLE IF NOT EXISTS story_vocab USING fts5vocab(story_fts, 'row');"
    "CREATE TABLE IF NOT EXISTS band(key INTEGER NOT NULL, story INTEGER NOT NULL,"
    " PRIMARY KEY (key, story)) WITHOUT ROWID;";

typedef struct sq {
    sqlite3 *db;
    sqlite3_stmt *st[S_COUNT_];
    char path[200];
} sq;

static ng_status db_fail(sq *s, ng_error *err, const char *doing)
{
    int code = sqlite3_errcode(s->db);
    const char *why = code == SQLITE_BUSY || code == SQLITE_LOCKED
                          ? "the database is locked by another process (try again later)"
                          : sqlite3_errmsg(s->db);
    return ng_arch_fail(err, NG_E_IO, "%s: %s: %s", s->path, doing, why);
}

static sqlite3_stmt *stmt(sq *s, int which)
{
    sqlite3_stmt *t = s->st[which];
    sqlite3_reset(t);
    sqlite3_clear_bindings(t);
    return t;
}

/* Ends every statement, so that none keeps a read snapshot open (a stale
 * snapshot would make the next write fail at once instead of waiting). */
static void reset_all(sq *s)
{
    for (int i = 0; i < S_COUNT_; i++) sqlite3_reset(s->st[i]);
}

static void sq_close(void *be)
{
    sq *s = be;
    if (!s) return;
    for (int i = 0; i < S_COUNT_; i++) sqlite3_finalize(s->st[i]);
    sqlite3_close(s->db);
    free(s);
}

/* Creates the schema in an empty file, or checks an existing one. */
static ng_status check_schema(sq *s, ng_error *err)
{
    sqlite3_stmt *t = NULL;
    int rc = sqlite3_prepare_v2(s->db, "SELECT count(*), sum(name = 'nutgraf_meta') FROM sqlite_master",
                                -1, &t, NULL);
    if (rc != SQLITE_OK || sqlite3_step(t) != SQLITE_ROW) {
        sqlite3_finalize(t);
        return db_fail(s, err, "cannot read the database");
    }
    int tables = sqlite3_column_int(t, 0), ours = sqlite3_column_int(t, 1);
    sqlite3_finalize(t);
    if (tables && !ours) return ng_arch_fail(err, NG_E_IO, "%s: not a nutgraf archive", s->path);
    if (ours) {
        rc = sqlite3_prepare_v2(s->db, "SELECT value FROM nutgraf_meta WHERE key = 'schema'", -1, &t, NULL);
        int ok = rc == SQLITE_OK && sqlite3_step(t) == SQLITE_ROW &&
                 !strcmp((const char *)sqlite3_column_text(t, 0), SCHEMA_VERSION);
        sqlite3_finalize(t);
        if (!ok)
            return ng_arch_fail(err, NG_E_IO, "%s: archive schema is not version %s", s->path,
                                SCHEMA_VERSION);
    }
    if (sqlite3_exec(s->db, schema_sql, NULL, NULL, NULL) != SQLITE_OK)
        return db_fail(s, err, "cannot create the archive");
    return NG_OK;
}

static ng_status sq_begin(void *be, ng_error *err)
{
    sq *s = be;
    if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        return db_fail(s, err, "cannot start a transaction");
    return NG_OK;
}

static ng_status sq_commit(void *be, ng_error *err)
{
    sq *s = be;
    if (sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        ng_status st = db_fail(s, err, "cannot commit");
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        return st;
    }
    return NG_OK;
}

static int bind_text(sqlite3_stmt *t, int i, const char *v)
{
    return v && *v ? sqlite3_bind_text(t, i, v, -1, SQLITE_STATIC) : sqlite3_bind_null(t, i);
}

/* Drops the old row's index entries; keeps the row itself for UPDATE. */
static int unindex_old(sq *s, int64_t row, const void *mh, int mh_len)
{
    sqlite3_stmt *t = stmt(s, S_FTS_DEL);
    sqlite3_bind_int64(t, 1, row);
    if (sqlite3_step(t) != SQLITE_DONE) return -1;
    if (mh_len != (int)(NG_MH_HASHES * sizeof(uint32_t))) return 0;
    uint32_t sig[NG_MH_HASHES];
    int64_t keys[NG_MH_BANDS];
    memcpy(sig, mh, sizeof sig);
    ng_minhash_bands(sig, keys);
    for (size_t b = 0; b < NG_MH_BANDS; b++) {
        t = stmt(s, S_BAND_DEL);
        sqlite3_bind_int64(t, 1, keys[b]);
        sqlite3_bind_int64(t, 2, row);
        if (sqlite3_step(t) != SQLITE_DONE) return -1;
    }
    return 0;
}

static int write_story(sq *s, const ng_arch_story *a, int *replaced)
{
    sqlite3_stmt *t = stmt(s, S_FIND);
    bind_text(t, 1, a->id);
    int rc = sqlite3_step(t);
    int64_t row = -1;
    if (rc == SQLITE_ROW) {
        row = sqlite3_column_int64(t, 0);
        if (unindex_old(s, row, sqlite3_column_blob(t, 1), sqlite3_column_bytes(t, 1))) return -1;
    } else if (rc != SQLITE_DONE) {
        return -1;
    }
    *replaced = row >= 0;
    t = stmt(s, row >= 0 ? S_UPD : S_INS);
    if (row >= 0) sqlite3_bind_int64(t, 1, row);
    else bind_text(t, 1, a->id);
    bind_text(t, 2, a->date);
    if (a->day != NG_DAY_NONE) sqlite3_bind_int64(t, 3, a->day);
    sqlite3_bind_blob(t, 4, a->record, (int)a->record_len, SQLITE_STATIC);
    sqlite3_bind_blob(t, 5, a->minhash, (int)sizeof a->minhash, SQLITE_STATIC);
    if (sqlite3_step(t) != SQLITE_DONE) return -1;
    if (row < 0) row = sqlite3_last_insert_rowid(s->db);
    t = stmt(s, S_FTS_INS);
    sqlite3_bind_int64(t, 1, row);
    const char *cols[6] = {a->headline, a->body, a->highlights, a->entities, a->tags, a->byline};
    for (int i = 0; i < 6; i++) sqlite3_bind_text(t, 2 + i, cols[i] ? cols[i] : "", -1, SQLITE_STATIC);
    if (sqlite3_step(t) != SQLITE_DONE) return -1;
    for (size_t b = 0; b < NG_MH_BANDS; b++) {
        t = stmt(s, S_BAND_INS);
        sqlite3_bind_int64(t, 1, a->bands[b]);
        sqlite3_bind_int64(t, 2, row);
        if (sqlite3_step(t) != SQLITE_DONE) return -1;
    }
    return 0;
}

static ng_status sq_put(void *be, const ng_arch_story *a, int *replaced, ng_error *err)
{
    sq *s = be;
    if (sqlite3_exec(s->db, "SAVEPOINT put", NULL, NULL, NULL) != SQLITE_OK)
        return db_fail(s, err, "cannot store a story");
    int failed = write_story(s, a, replaced);
    if (failed) {
        ng_status st = db_fail(s, err, "cannot store a story");
        reset_all(s);
        sqlite3_exec(s->db, "ROLLBACK TO put", NULL, NULL, NULL);
        sqlite3_exec(s->db, "RELEASE put", NULL, NULL, NULL);
        return st;
    }
    reset_all(s);
    if (sqlite3_exec(s->db, "RELEASE put", NULL, NULL, NULL) != SQLITE_OK)
        return db_fail(s, err, "cannot store a story");
    return NG_OK;
}

static ng_status sq_get(void *be, const char *id, unsigned char **rec, size_t *len, ng_error *err)
{
    sq *s = be;
    *rec = NULL;
    sqlite3_stmt *t = stmt(s, S_GET);
    sqlite3_bind_text(t, 1, id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(t);
    if (rc != SQLITE_ROW) {
        ng_status st = rc == SQLITE_DONE ? NG_OK : db_fail(s, err, "cannot read a story");
        sqlite3_reset(t);
        return st;
    }
    int n = sqlite3_column_bytes(t, 0);
    const void *b = sqlite3_column_blob(t, 0);
    *rec = malloc(n > 0 ? (size_t)n : 1);
    if (!*rec) {
        sqlite3_reset(t);
        return ng_arch_fail(err, NG_E_NOMEM, "out of memory reading a story");
    }
    if (n > 0) memcpy(*rec, b, (size_t)n);
    *len = (size_t)n;
    sqlite3_reset(t);
    return NG_OK;
}

static ng_status sq_count(void *be, int64_t *out, ng_error *err)
{
    sq *s = be;
    sqlite3_stmt *t = stmt(s, S_COUNT);
    if (sqlite3_step(t) != SQLITE_ROW) {
        ng_status st = db_fail(s, err, "cannot count stories");
        sqlite3_reset(t);
        return st;
    }
    *out = sqlite3_column_int64(t, 0);
    sqlite3_reset(t);
    return NG_OK;
}

static ng_status sq_doc_freq(void *be, const char *word, const char *term, int64_t *out,
                             ng_error *err)
{
    (void)word; /* FTS5's vocabulary holds porter stems */
    sq *s = be;
    sqlite3_stmt *t = stmt(s, S_DF);
    sqlite3_bind_text(t, 1, term, -1, SQLITE_STATIC);
    int rc = sqlite3_step(t);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        ng_status st = db_fail(s, err, "cannot read the vocabulary");
        sqlite3_reset(t);
        return st;
    }
    *out = rc == SQLITE_ROW ? sqlite3_column_int64(t, 0) : 0;
    sqlite3_reset(t);
    return NG_OK;
}

static char *col_dup(sqlite3_stmt *t, int i)
{
    const unsigned char *v = sqlite3_column_text(t, i);
    int n = sqlite3_column_bytes(t, i);
    char *c = malloc((size_t)n + 1);
    if (!c) return NULL;
    if (v && n) memcpy(c, v, (size_t)n);
    c[n] = '\0';
    return c;
}

/* Phase one: the best rows and their scores, computing nothing else (the
 * columns and snippets of every matching row would cost far more). */
static void rank_sql(const ng_arch_fts *q, ng_jbuf *b)
{
    int join = q->day_from != NG_DAY_NONE || q->day_to != NG_DAY_NONE || !q->match;
    if (q->match)
        ng_jbuf_printf(b, "SELECT story_fts.rowid, bm25(story_fts, %g, %g, %g, %g, %g, %g) AS r FROM story_fts%s"
                          " WHERE story_fts MATCH ?1",
                       q->weights[0], q->weights[1], q->weights[2], q->weights[3], q->weights[4],
                       q->weights[5], join ? " JOIN story s ON s.rowid = story_fts.rowid" : "");
    else
        ng_jbuf_puts(b, "SELECT s.rowid, 0.0 AS r FROM story s WHERE ?1 IS NULL");
    if (q->day_from != NG_DAY_NONE) ng_jbuf_puts(b, " AND s.day >= ?2");
    if (q->day_to != NG_DAY_NONE) ng_jbuf_puts(b, " AND s.day <= ?3");
    if (q->exclude_id)
        ng_jbuf_printf(b, " AND %s.rowid IS NOT (SELECT rowid FROM story WHERE id = ?4)",
                       q->match ? "story_fts" : "s");
    ng_jbuf_puts(b, q->match ? " ORDER BY r LIMIT ?5" : " ORDER BY s.day DESC LIMIT ?5");
}

/* Phase two, for one kept row: what a result shows. */
static const char fetch_snippet_sql[] =
    "SELECT s.id, story_fts.headline, s.date, s.day, snippet(story_fts, -1, '[', ']', '...', 24),"
    " story_fts.entities, story_fts.tags FROM story_fts JOIN story s ON s.rowid = story_fts.rowid"
    " WHERE story_fts MATCH ?1 AND story_fts.rowid = ?2";
static const char fetch_plain_sql[] =
    "SELECT s.id, story_fts.headline, s.date, s.day, substr(story_fts.body, 1, 160),"
    " story_fts.entities, story_fts.tags FROM story s JOIN story_fts ON story_fts.rowid = s.rowid"
    " WHERE ?1 IS NOT NULL AND s.rowid = ?2";

static ng_status fetch_row(sq *s, sqlite3_stmt *t, int64_t row, double bm25, ng_arch_cands *out,
                           ng_error *err)
{
    sqlite3_reset(t);
    sqlite3_bind_int64(t, 2, row);
    int rc = sqlite3_step(t);
    if (rc == SQLITE_DONE) return NG_OK; /* gone since phase one */
    if (rc != SQLITE_ROW) return db_fail(s, err, "cannot read a result");
    ng_arch_cand *c = ng_arch_cands_push(out);
    if (!c) return ng_arch_fail(err, NG_E_NOMEM, "out of memory searching");
    c->id = col_dup(t, 0);
    c->headline = col_dup(t, 1);
    c->date = col_dup(t, 2);
    c->day = sqlite3_column_type(t, 3) == SQLITE_NULL ? NG_DAY_NONE : sqlite3_column_int64(t, 3);
    c->snippet = col_dup(t, 4);
    c->entities = col_dup(t, 5);
    c->tags = col_dup(t, 6);
    c->bm25 = bm25;
    if (!c->id || !c->headline || !c->date || !c->snippet || !c->entities || !c->tags)
        return ng_arch_fail(err, NG_E_NOMEM, "out of memory searching");
    return NG_OK;
}

static ng_status sq_search(void *be, const ng_arch_fts *q, ng_arch_cands *out, ng_error *err)
{
    sq *s = be;
    ng_jbuf b;
    ng_jbuf_init(&b);
    rank_sql(q, &b);
    if (b.failed) return ng_arch_fail(err, NG_E_NOMEM, "out of memory searching");
    sqlite3_stmt *t = NULL, *f = NULL;
    int rc = sqlite3_prepare_v2(s->db, b.data, -1, &t, NULL);
    ng_jbuf_free(&b);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(s->db, q->snippets && q->match ? fetch_snippet_sql : fetch_plain_sql, -1, &f, NULL);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(t);
        return db_fail(s, err, "cannot search");
    }
    if (q->match) sqlite3_bind_text(t, 1, q->match, -1, SQLITE_STATIC);
    if (q->day_from != NG_DAY_NONE) sqlite3_bind_int64(t, 2, q->day_from);
    if (q->day_to != NG_DAY_NONE) sqlite3_bind_int64(t, 3, q->day_to);
    if (q->exclude_id) sqlite3_bind_text(t, 4, q->exclude_id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(t, 5, (sqlite3_int64)q->limit);
    sqlite3_bind_text(f, 1, q->match ? q->match : "", -1, SQLITE_STATIC);
    ng_status st = NG_OK;
    size_t n = 0, cap = 0;
    int64_t *rows = NULL;
    double *scores = NULL;
    while (st == NG_OK && (rc = sqlite3_step(t)) == SQLITE_ROW) {
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            int64_t *r2 = realloc(rows, cap * sizeof *rows);
            double *s2 = r2 ? realloc(scores, cap * sizeof *scores) : NULL;
            if (r2) rows = r2;
            if (s2) scores = s2;
            if (!r2 || !s2) { st = ng_arch_fail(err, NG_E_NOMEM, "out of memory searching"); break; }
        }
        rows[n] = sqlite3_column_int64(t, 0);
        scores[n++] = sqlite3_column_double(t, 1);
    }
    if (st == NG_OK && rc != SQLITE_DONE) st = db_fail(s, err, "cannot search");
    sqlite3_finalize(t);
    for (size_t i = 0; st == NG_OK && i < n; i++) st = fetch_row(s, f, rows[i], scores[i], out, err);
    sqlite3_finalize(f);
    free(rows);
    free(scores);
    return st;
}

static ng_status sq_band_rows(void *be, const int64_t *keys, size_t n, ng_arch_row_fn fn, void *ctx,
                              ng_error *err)
{
    sq *s = be;
    for (size_t i = 0; i < n; i++) {
        sqlite3_stmt *t = stmt(s, S_BAND_ROWS);
        sqlite3_bind_int64(t, 1, keys[i]);
        int rc;
        while ((rc = sqlite3_step(t)) == SQLITE_ROW)
            if (fn(ctx, sqlite3_column_int64(t, 0))) break;
        if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
            ng_status st = db_fail(s, err, "cannot read band keys");
            sqlite3_reset(t);
            return st;
        }
        sqlite3_reset(t);
    }
    return NG_OK;
}

static ng_status sq_band_pairs(void *be, ng_arch_pair_fn fn, void *ctx, ng_error *err)
{
    sq *s = be;
    sqlite3_stmt *t = stmt(s, S_PAIRS);
    int rc;
    while ((rc = sqlite3_step(t)) == SQLITE_ROW)
        if (fn(ctx, sqlite3_column_int64(t, 0), sqlite3_column_int64(t, 1))) break;
    ng_status st = rc == SQLITE_ROW || rc == SQLITE_DONE ? NG_OK : db_fail(s, err, "cannot pair band keys");
    sqlite3_reset(t);
    return st;
}

static ng_status sq_row(void *be, int64_t row, char **id, char **body, uint32_t *minhash,
                        ng_error *err)
{
    sq *s = be;
    *id = NULL;
    if (body) *body = NULL;
    sqlite3_stmt *t = stmt(s, S_ROW);
    sqlite3_bind_int64(t, 1, row);
    int rc = sqlite3_step(t);
    if (rc != SQLITE_ROW) {
        ng_status st = rc == SQLITE_DONE ? NG_OK : db_fail(s, err, "cannot read a story");
        sqlite3_reset(t);
        return st;
    }
    if (minhash) {
        memset(minhash, 0, NG_MH_HASHES * sizeof *minhash);
        if (sqlite3_column_bytes(t, 1) == (int)(NG_MH_HASHES * sizeof *minhash))
            memcpy(minhash, sqlite3_column_blob(t, 1), NG_MH_HASHES * sizeof *minhash);
    }
    *id = col_dup(t, 0);
    sqlite3_reset(t);
    if (!*id) return ng_arch_fail(err, NG_E_NOMEM, "out of memory reading a story");
    if (!body) return NG_OK;
    t = stmt(s, S_BODY);
    sqlite3_bind_int64(t, 1, row);
    rc = sqlite3_step(t);
    *body = rc == SQLITE_ROW ? col_dup(t, 0) : NULL;
    sqlite3_reset(t);
    if (!*body) {
        free(*id);
        *id = NULL;
        return rc == SQLITE_ROW ? ng_arch_fail(err, NG_E_NOMEM, "out of memory reading a story")
                                : db_fail(s, err, "cannot read a story's text");
    }
    return NG_OK;
}

static const ng_arch_backend sqlite_backend = {
    .name = "sqlite", .close = sq_close, .begin = sq_begin, .commit = sq_commit, .put = sq_put,
    .get = sq_get, .count = sq_count, .search = sq_search, .doc_freq = sq_doc_freq,
    .band_rows = sq_band_rows, .band_pairs = sq_band_pairs, .row = sq_row,
};

ng_status ng_arch_sqlite_open(const char *path, const ng_arch_backend **vt, void **be,
                              ng_error *err)
{
    sq *s = calloc(1, sizeof *s);
    if (!s) return ng_arch_fail(err, NG_E_NOMEM, "out of memory opening the archive");
    snprintf(s->path, sizeof s->path, "%s", path);
    int rc = sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                             NULL);
    ng_status st = NG_OK;
    if (rc != SQLITE_OK) st = db_fail(s, err, "cannot open");
    if (st == NG_OK) sqlite3_busy_timeout(s->db, 5000);
    if (st == NG_OK) st = check_schema(s, err);
    if (st == NG_OK && sqlite3_exec(s->db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
                                    " PRAGMA cache_size = -65536; PRAGMA mmap_size = 268435456",
                                    NULL, NULL, NULL) != SQLITE_OK)
        st = db_fail(s, err, "cannot set up the journal");
    for (int i = 0; st == NG_OK && i < S_COUNT_; i++)
        if (sqlite3_prepare_v3(s->db, stmt_sql[i], -1, SQLITE_PREPARE_PERSISTENT, &s->st[i], NULL) != SQLITE_OK)
            st = db_fail(s, err, "cannot prepare a statement");
    if (st != NG_OK) {
        sq_close(s);
        return st;
    }
    *vt = &sqlite_backend;
    *be = s;
    return NG_OK;
}
