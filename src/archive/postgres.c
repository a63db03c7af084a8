/* postgres.c - the archive's shared back end: the same data as sqlite.c in
 * a PostgreSQL database that many `nutgraf index` workers write and many
 * readers search at once.  One table holds each story (id, date, the
 * deflated record, the MinHash signature, its text, and a weighted tsvector
 * with a GIN index); another the LSH band keys.  Writers upsert by id, one
 * story per transaction, so concurrent workers never lose, double or wait
 * long on a story; a lock held by someone else is waited for five seconds
 * (as SQLite's busy timeout) and then gives a clear error.  Every statement
 * is parameterized: no text from a story or a query is ever pasted into SQL
 * (pgquery.c renders match expressions over parameters).  Every failure
 * becomes NG_E_IO with PostgreSQL's own words, and never shows the URI's
 * password. */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "archive/archive_int.h"
#include "output/jbuf.h"

#define SCHEMA_VERSION "1"
#define SCHEMA_LOCK "7231964"   /* advisory lock key serializing schema creation */
#define MAX_PARAMS 4200         /* strings of the longest query plus the fixed ones */

typedef struct pg {
    PGconn *db;
    Oid types[MAX_PARAMS]; /* parameter types: text, or bytea when sent binary */
    char name[200]; /* the URI without its password, for messages */
    char secret[2][128]; /* the URI's passwords: a message holding one is withheld */
} pg;

int ng_arch_is_postgres(const char *path)
{
    return !strncmp(path, "postgresql://", 13) || !strncmp(path, "postgres://", 11);
}

/* name: the URI without its query string (which may hold a password=)
 * and with a password in its user part replaced by "***". */
static void safe_name(pg *p, const char *uri, char *out, size_t size)
{
    const char *qs = strstr(uri, "password=");
    if (qs) snprintf(p->secret[1], sizeof p->secret[1], "%.*s", (int)strcspn(qs + 9, "&#"), qs + 9);
    const char *auth = strstr(uri, "://") + 3;
    size_t alen = strcspn(auth, "/?#"), len = strcspn(uri, "?#");
    const char *at = NULL;
    for (size_t i = 0; i < alen; i++)
        if (auth[i] == '@') at = auth + i;
    const char *colon = at ? memchr(auth, ':', (size_t)(at - auth)) : NULL;
    if (colon) snprintf(p->secret[0], sizeof p->secret[0], "%.*s", (int)(at - colon - 1), colon + 1);
    if (colon)
        snprintf(out, size, "%.*s:***%.*s", (int)(colon - uri), uri, (int)(len - (size_t)(at - uri)), at);
    else
        snprintf(out, size, "%.*s", (int)len, uri);
}

/* The library never prints: PostgreSQL's notices are dropped. */
static void no_notice(void *arg, const char *message)
{
    (void)arg;
    (void)message;
}

/* Fails with the result's (or the connection's) message, one line. */
static ng_status db_fail(pg *p, const PGresult *r, ng_error *err, const char *doing)
{
    const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
    if (state && (!strcmp(state, "55P03") || !strcmp(state, "40P01") || !strcmp(state, "40001")))
        return ng_arch_fail(err, NG_E_IO, "%s: %s: %s", p->name, doing,
                            "the database is locked by another process (try again later)");
    const char *why = r ? PQresultErrorMessage(r) : "";
    if (!*why) why = PQerrorMessage(p->db);
    size_t n = strcspn(why, "\n");
    if (!strncmp(why, "ERROR:  ", 8)) why += 8, n -= 8;
    for (int i = 0; i < 2; i++)
        if (p->secret[i][0] && strstr(why, p->secret[i])) { /* libpq may quote the URI */
            why = "the connection URI is not valid (libpq's message is withheld: it holds the password)";
            n = strlen(why);
        }
    return ng_arch_fail(err, NG_E_IO, "%s: %s: %.*s", p->name, doing, (int)n, why);
}

/* Sets the parameter types: text (SQL casts where it needs another type,
 * and an unused parameter still has a type), bytea for binary ones. */
static const Oid *param_types(pg *p, int n, const int *fmts)
{
    for (int i = 0; i < n && i < MAX_PARAMS; i++) p->types[i] = fmts && fmts[i] ? 17 : 25;
    return p->types;
}

/* Runs sql with text parameters (lens/formats NULL) or as given; *res is
 * the result on success (caller PQclears), NULL on failure.  With no
 * parameters sql may hold several statements. */
static ng_status run(pg *p, const char *sql, int n, const char *const *v, const int *lens,
                     const int *fmts, int binary, PGresult **res, ng_error *err,
                     const char *doing)
{
    PGresult *r = n || binary || res ? PQexecParams(p->db, sql, n, param_types(p, n, fmts), v, lens, fmts, binary)
                                     : PQexec(p->db, sql);
    ExecStatusType s = PQresultStatus(r);
    if (s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK) {
        if (res) *res = r;
        else PQclear(r);
        return NG_OK;
    }
    ng_status st = db_fail(p, r, err, doing);
    PQclear(r);
    if (res) *res = NULL;
    return st;
}

static ng_status exec0(pg *p, const char *sql, ng_error *err, const char *doing)
{
    return run(p, sql, 0, NULL, NULL, NULL, 0, NULL, err, doing);
}

static void pg_close(void *be)
{
    pg *p = be;
    if (!p) return;
    if (p->db) PQfinish(p->db);
    free(p);
}

/* --------------------------------------------------------------- schema */

/* The text-search configuration 'nutgraf': English Snowball stems of every
 * word, stop words kept (as FTS5's porter tokenizer does, so that "to be"
 * or a phrase with "the" in it can be searched).  Named explicitly in every
 * call, so the server's default_text_search_config never matters. */
static const char schema_sql[] =
    "CREATE TABLE IF NOT EXISTS nutgraf_meta(key text PRIMARY KEY, value text NOT NULL);"
    "INSERT INTO nutgraf_meta VALUES ('schema', '" SCHEMA_VERSION "') ON CONFLICT DO NOTHING;"
    "DO $$BEGIN IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'nutgraf'"
    " AND cfgnamespace = current_schema()::regnamespace) THEN"
    " CREATE TEXT SEARCH DICTIONARY nutgraf_stem (TEMPLATE = snowball, Language = english);"
    " CREATE TEXT SEARCH CONFIGURATION nutgraf (COPY = english);"
    " ALTER TEXT SEARCH CONFIGURATION nutgraf ALTER MAPPING FOR asciiword, asciihword,"
    " hword_asciipart, word, hword, hword_part WITH nutgraf_stem; END IF; END$$;"
    "CREATE TABLE IF NOT EXISTS story(rowid bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
    " id text NOT NULL UNIQUE, date text, day bigint, record bytea NOT NULL, minhash bytea NOT NULL,"
    " headline text NOT NULL, byline text NOT NULL, body text NOT NULL, highlights text NOT NULL,"
    " entities text NOT NULL, tags text NOT NULL, tsv tsvector NOT NULL);"
    "CREATE INDEX IF NOT EXISTS story_tsv ON story USING gin(tsv);"
    "CREATE INDEX IF NOT EXISTS story_day ON story(day) WHERE day IS NOT NULL;"
    "CREATE TABLE IF NOT EXISTS band(key bigint NOT NULL,"
    " story bigint NOT NULL REFERENCES story(rowid) ON DELETE CASCADE, PRIMARY KEY (key, story));"
    "CREATE INDEX IF NOT EXISTS band_story ON band(story);"
    /* document frequencies for related(): counting a common word's stories
     * in the GIN index reads most of the table (170 ms for "said" in 2,000
     * stories), so a trigger keeps the counts.  One statement per story,
     * its lexemes in order, so that two writers take the rows' locks in
     * the same order and never deadlock. */
    "CREATE TABLE IF NOT EXISTS vocab(lexeme text PRIMARY KEY, docs bigint NOT NULL);"
    "CREATE OR REPLACE FUNCTION nutgraf_vocab() RETURNS trigger LANGUAGE plpgsql AS $f$ BEGIN"
    " INSERT INTO vocab AS v(lexeme, docs) SELECT lexeme, sum(d) FROM ("
    "  SELECT unnest(tsvector_to_array(NEW.tsv)) AS lexeme, 1 AS d"
    "  UNION ALL SELECT unnest(tsvector_to_array(OLD.tsv)), -1) x"
    " GROUP BY lexeme HAVING sum(d) <> 0 ORDER BY lexeme"
    " ON CONFLICT (lexeme) DO UPDATE SET docs = v.docs + EXCLUDED.docs;"
    " RETURN NULL; END $f$;"
    "CREATE TRIGGER story_vocab AFTER INSERT OR UPDATE OF tsv OR DELETE ON story"
    " FOR EACH ROW EXECUTE FUNCTION nutgraf_vocab();";

/* Looks at the database: *ours = 1 when it holds this archive schema, 0
 * when it holds no tables; NG_E_IO for someone else's tables or another
 * schema version. */
static ng_status inspect(pg *p, int *ours, ng_error *err)
{
    PGresult *r = NULL;
    ng_status st = run(p, "SELECT count(*), count(*) FILTER (WHERE c.relname = 'nutgraf_meta') FROM pg_class c"
                          " WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p', 'v')",
                       0, NULL, NULL, NULL, 0, &r, err, "cannot read the database");
    if (st != NG_OK) return st;
    long tables = atol(PQgetvalue(r, 0, 0));
    *ours = atol(PQgetvalue(r, 0, 1)) > 0;
    PQclear(r);
    if (tables && !*ours) return ng_arch_fail(err, NG_E_IO, "%s: not a nutgraf archive", p->name);
    if (!*ours) return NG_OK;
    st = run(p, "SELECT value FROM nutgraf_meta WHERE key = 'schema'", 0, NULL, NULL, NULL, 0, &r, err,
             "cannot read the database");
    if (st == NG_OK && (PQntuples(r) != 1 || strcmp(PQgetvalue(r, 0, 0), SCHEMA_VERSION)))
        st = ng_arch_fail(err, NG_E_IO, "%s: archive schema is not version %s", p->name, SCHEMA_VERSION);
    PQclear(r);
    return st;
}

/* Checks the archive's schema, or makes it in a database without tables.
 * An archive already made is only read (so a read-only replica opens);
 * making one takes an advisory lock, so that workers starting together do
 * not race, and one transaction, so that no one sees half a schema. */
static ng_status check_schema(pg *p, ng_error *err)
{
    int ours = 0;
    ng_status st = inspect(p, &ours, err);
    if (st != NG_OK || ours) return st;
    st = exec0(p, "BEGIN; SELECT pg_advisory_xact_lock(" SCHEMA_LOCK ")", err, "cannot create the archive");
    if (st == NG_OK) st = inspect(p, &ours, err); /* another worker may have made it meanwhile */
    if (st == NG_OK && !ours) st = exec0(p, schema_sql, err, "cannot create the archive");
    if (st == NG_OK) return exec0(p, "COMMIT", err, "cannot create the archive");
    PQclear(PQexec(p->db, "ROLLBACK"));
    return st;
}

/* -------------------------------------------------------- transactions */

/* Each story commits on its own (see pg_put), so begin and commit have
 * nothing to do: a batch transaction would hold the row lock of every story
 * it wrote until its end, and another worker storing one of those ids would
 * wait for the whole batch (or deadlock with it when two batches share ids
 * in different orders).  One commit per story costs a WAL flush each. */
static ng_status pg_begin(void *be, ng_error *err)
{
    (void)be;
    (void)err;
    return NG_OK;
}

static ng_status pg_commit(void *be, ng_error *err)
{
    (void)be;
    (void)err;
    return NG_OK;
}

/* ------------------------------------------------------------- storing */

/* Weights: headline A; highlights, entities and tags B; body C; byline D
 * (ts_rank takes four labels, FTS5 six columns: see weights()). */
static const char upsert_sql[] =
    "INSERT INTO story AS s(id, date, day, record, minhash, headline, byline, body, highlights,"
    " entities, tags, tsv) VALUES ($1, $2, $3::bigint, $4, $5, $6, $7, $8, $9, $10, $11,"
    " setweight(to_tsvector('nutgraf', $6), 'A') ||"
    " setweight(to_tsvector('nutgraf', $9 || E'\\n' || $10 || E'\\n' || $11), 'B') ||"
    " setweight(to_tsvector('nutgraf', $8), 'C') || setweight(to_tsvector('nutgraf', $7), 'D'))"
    " ON CONFLICT (id) DO UPDATE SET date = EXCLUDED.date, day = EXCLUDED.day,"
    " record = EXCLUDED.record, minhash = EXCLUDED.minhash, headline = EXCLUDED.headline,"
    " byline = EXCLUDED.byline, body = EXCLUDED.body, highlights = EXCLUDED.highlights,"
    " entities = EXCLUDED.entities, tags = EXCLUDED.tags, tsv = EXCLUDED.tsv"
    " RETURNING rowid, xmax::text <> '0'"; /* xmax is set on a row the upsert updated */

/* The story row and its band keys (the old keys of a replaced row go). */
static ng_status write_story(pg *p, const ng_arch_story *a, int *replaced, ng_error *err)
{
    char day[24];
    snprintf(day, sizeof day, "%lld", (long long)a->day);
    const char *v[11] = {a->id, a->date && *a->date ? a->date : NULL,
                         a->day == NG_DAY_NONE ? NULL : day, (const char *)a->record,
                         (const char *)a->minhash, a->headline ? a->headline : "",
                         a->byline ? a->byline : "", a->body ? a->body : "",
                         a->highlights ? a->highlights : "", a->entities ? a->entities : "",
                         a->tags ? a->tags : ""};
    int lens[11] = {0, 0, 0, (int)a->record_len, (int)sizeof a->minhash};
    int fmts[11] = {0, 0, 0, 1, 1};
    PGresult *r = NULL;
    ng_status st = run(p, upsert_sql, 11, v, lens, fmts, 0, &r, err, "cannot store a story");
    if (st != NG_OK) return st;
    char row[24];
    snprintf(row, sizeof row, "%s", PQgetvalue(r, 0, 0));
    *replaced = PQgetvalue(r, 0, 1)[0] == 't';
    PQclear(r);
    ng_jbuf keys;
    ng_jbuf_init(&keys);
    for (size_t b = 0; b < NG_MH_BANDS; b++)
        ng_jbuf_printf(&keys, "%s%lld", b ? "," : "{", (long long)a->bands[b]);
    ng_jbuf_puts(&keys, "}");
    if (keys.failed) return ng_arch_fail(err, NG_E_NOMEM, "out of memory storing a story");
    const char *bv[2] = {row, keys.data};
    if (*replaced)
        st = run(p, "DELETE FROM band WHERE story = $1::bigint", 1, bv, NULL, NULL, 0, NULL, err,
                 "cannot store a story");
    if (st == NG_OK)
        st = run(p, "INSERT INTO band(key, story) SELECT DISTINCT unnest($2::bigint[]), $1::bigint"
                    " ON CONFLICT DO NOTHING", 2, bv, NULL, NULL, 0, NULL, err, "cannot store a story");
    ng_jbuf_free(&keys);
    return st;
}

/* One story is all or nothing: the row and its band keys in one
 * transaction, so that a reader never sees half a story. */
static ng_status pg_put(void *be, const ng_arch_story *a, int *replaced, ng_error *err)
{
    pg *p = be;
    *replaced = 0;
    ng_status st = exec0(p, "BEGIN", err, "cannot store a story");
    if (st != NG_OK) return st;
    st = write_story(p, a, replaced, err);
    if (st == NG_OK) {
        st = exec0(p, "COMMIT", err, "cannot store a story");
        if (st == NG_OK) return NG_OK;
    }
    PQclear(PQexec(p->db, "ROLLBACK"));
    return st;
}

/* ------------------------------------------------------------- reading */

static char *dup_value(const PGresult *r, int row, int col)
{
    int n = PQgetlength(r, row, col);
    char *c = malloc((size_t)n + 1);
    if (!c) return NULL;
    if (n) memcpy(c, PQgetvalue(r, row, col), (size_t)n);
    c[n] = '\0';
    return c;
}

static ng_status pg_get(void *be, const char *id, unsigned char **rec, size_t *len, ng_error *err)
{
    pg *p = be;
    *rec = NULL;
    PGresult *r = NULL;
    const char *v[1] = {id};
    ng_status st = run(p, "SELECT record FROM story WHERE id = $1", 1, v, NULL, NULL, 1, &r, err,
                       "cannot read a story");
    if (st != NG_OK || PQntuples(r) == 0) {
        PQclear(r);
        return st;
    }
    *len = (size_t)PQgetlength(r, 0, 0);
    *rec = (unsigned char *)dup_value(r, 0, 0);
    PQclear(r);
    return *rec ? NG_OK : ng_arch_fail(err, NG_E_NOMEM, "out of memory reading a story");
}

static ng_status pg_count(void *be, int64_t *out, ng_error *err)
{
    pg *p = be;
    PGresult *r = NULL;
    ng_status st = run(p, "SELECT count(*) FROM story", 0, NULL, NULL, NULL, 0, &r, err,
                       "cannot count stories");
    if (st == NG_OK) *out = atoll(PQgetvalue(r, 0, 0));
    PQclear(r);
    return st;
}

/* The index stems with Snowball, not porter: the word is stemmed here by
 * the same configuration as the stories' text. */
static ng_status pg_doc_freq(void *be, const char *word, const char *stem, int64_t *out,
                             ng_error *err)
{
    (void)stem;
    pg *p = be;
    PGresult *r = NULL;
    const char *v[1] = {word};
    ng_status st = run(p, "SELECT coalesce(max(docs), 0) FROM vocab"
                                " WHERE lexeme = ANY(tsvector_to_array(to_tsvector('nutgraf', $1)))", 1,
                       v, NULL, NULL, 0, &r, err, "cannot read the vocabulary");
    *out = st == NG_OK ? atoll(PQgetvalue(r, 0, 0)) : 0;
    PQclear(r);
    return st;
}

/* ts_rank's weights {D, C, B, A} from the six column weights, scaled into
 * [0, 1] as ts_rank requires: B takes the largest of its three columns. */
static void weights(const double w[6], char *out, size_t size)
{
    double a = w[0], b = w[2], c = w[1], d = w[5];
    if (w[3] > b) b = w[3];
    if (w[4] > b) b = w[4];
    double top = a;
    if (b > top) top = b;
    if (c > top) top = c;
    if (d > top) top = d;
    if (top <= 0) top = 1;
#define CLAMP(x) ((x) < 0 ? 0 : (x) / top)
    snprintf(out, size, "{%.4f,%.4f,%.4f,%.4f}", CLAMP(d), CLAMP(c), CLAMP(b), CLAMP(a));
#undef CLAMP
}

/* The search SQL: the best rows by rank (phase one, a subquery that only
 * ranks), then what a result shows for just those rows (ts_headline is
 * dear, so it runs on the kept rows alone).  Parameters: strings from
 * $6 on; $1 weights, $2 day from, $3 day to, $4 id left out, $5 limit. */
static void search_sql(const ng_arch_fts *q, const ng_arch_pgq *m, ng_jbuf *b)
{
    /* (ng_jbuf_printf stops at 256 bytes: long parts go in with puts) */
    ng_jbuf_puts(b, "SELECT s.id, s.headline, s.date, s.day, ");
    if (m && q->snippets) {
        ng_jbuf_puts(b, "ts_headline('nutgraf', s.body, ");
        ng_jbuf_puts(b, m->tsq);
        ng_jbuf_puts(b, ", 'StartSel=[, StopSel=], MaxWords=24, MinWords=12, MaxFragments=1,"
                        " FragmentDelimiter=...')");
    } else {
        ng_jbuf_puts(b, "substr(s.body, 1, 160)");
    }
    ng_jbuf_puts(b, ", s.entities, s.tags, t.r FROM (SELECT s.rowid, ");
    if (m) {
        ng_jbuf_puts(b, "-ts_rank($1::float4[], s.tsv, ");
        ng_jbuf_puts(b, m->tsq);
        ng_jbuf_puts(b, ", 1) AS r");
    } else {
        ng_jbuf_puts(b, "0.0::float8 AS r");
    }
    ng_jbuf_puts(b, " FROM story s WHERE TRUE");
    if (m) {
        ng_jbuf_puts(b, " AND s.tsv @@ ");
        ng_jbuf_puts(b, m->tsq);
    }
    if (m && m->exact) {
        ng_jbuf_puts(b, " AND ");
        ng_jbuf_puts(b, m->exact);
    }
    if (q->day_from != NG_DAY_NONE) ng_jbuf_puts(b, " AND s.day >= $2::bigint");
    if (q->day_to != NG_DAY_NONE) ng_jbuf_puts(b, " AND s.day <= $3::bigint");
    if (q->exclude_id) ng_jbuf_puts(b, " AND s.id <> $4::text");
    ng_jbuf_puts(b, m ? " ORDER BY r, s.rowid" : " ORDER BY s.day DESC NULLS LAST, s.rowid");
    ng_jbuf_puts(b, " LIMIT $5::bigint) t JOIN story s ON s.rowid = t.rowid");
    ng_jbuf_puts(b, m ? " ORDER BY t.r, t.rowid" : " ORDER BY s.day DESC NULLS LAST, s.rowid");
}

static ng_status take_rows(PGresult *r, ng_arch_cands *out, ng_error *err)
{
    for (int i = 0; i < PQntuples(r); i++) {
        ng_arch_cand *c = ng_arch_cands_push(out);
        if (!c) return ng_arch_fail(err, NG_E_NOMEM, "out of memory searching");
        c->id = dup_value(r, i, 0);
        c->headline = dup_value(r, i, 1);
        c->date = dup_value(r, i, 2);
        c->day = PQgetisnull(r, i, 3) ? NG_DAY_NONE : atoll(PQgetvalue(r, i, 3));
        c->snippet = dup_value(r, i, 4);
        c->entities = dup_value(r, i, 5);
        c->tags = dup_value(r, i, 6);
        c->bm25 = strtod(PQgetvalue(r, i, 7), NULL);
        if (!c->id || !c->headline || !c->date || !c->snippet || !c->entities || !c->tags)
            return ng_arch_fail(err, NG_E_NOMEM, "out of memory searching");
    }
    return NG_OK;
}

static ng_status pg_search(void *be, const ng_arch_fts *q, ng_arch_cands *out, ng_error *err)
{
    pg *p = be;
    ng_arch_pgq m;
    memset(&m, 0, sizeof m);
    ng_status st = q->match ? ng_arch_pg_match(q->match, 6, &m, err) : NG_OK;
    if (st != NG_OK) return st;
    if (m.n + 5 > MAX_PARAMS) {
        ng_arch_pgq_free(&m);
        return ng_arch_fail(err, NG_E_ARG, "query has over %d words", MAX_PARAMS - 5);
    }
    const char **v = calloc(m.n + 5, sizeof *v);
    ng_jbuf sql;
    ng_jbuf_init(&sql);
    search_sql(q, q->match ? &m : NULL, &sql);
    if (!v || sql.failed) st = ng_arch_fail(err, NG_E_NOMEM, "out of memory searching");
    char w[80], from[24], to[24], limit[24];
    weights(q->weights, w, sizeof w);
    snprintf(from, sizeof from, "%lld", (long long)q->day_from);
    snprintf(to, sizeof to, "%lld", (long long)q->day_to);
    snprintf(limit, sizeof limit, "%zu", q->limit);
    PGresult *r = NULL;
    if (st == NG_OK) {
        v[0] = w;
        v[1] = q->day_from != NG_DAY_NONE ? from : NULL;
        v[2] = q->day_to != NG_DAY_NONE ? to : NULL;
        v[3] = q->exclude_id;
        v[4] = limit;
        for (size_t i = 0; i < m.n; i++) v[5 + i] = m.strings[i];
        st = run(p, sql.data, (int)(m.n + 5), v, NULL, NULL, 0, &r, err, "cannot search");
    }
    if (st == NG_OK) st = take_rows(r, out, err);
    PQclear(r);
    free(v);
    ng_jbuf_free(&sql);
    ng_arch_pgq_free(&m);
    return st;
}

/* Runs sql row by row (single-row mode, so a big join is never held whole)
 * and calls fn(ctx, col 0, col 1) until it returns non-zero. */
static ng_status stream(pg *p, const char *sql, int n, const char *const *v,
                        int (*fn)(void *ctx, const PGresult *r), void *ctx, ng_error *err,
                        const char *doing)
{
    if (!PQsendQueryParams(p->db, sql, n, param_types(p, n, NULL), v, NULL, NULL, 0) || !PQsetSingleRowMode(p->db))
        return db_fail(p, NULL, err, doing);
    ng_status st = NG_OK;
    int stop = 0;
    PGresult *r;
    while ((r = PQgetResult(p->db))) {
        ExecStatusType s = PQresultStatus(r);
        if (s == PGRES_SINGLE_TUPLE && !stop && st == NG_OK) stop = fn(ctx, r);
        else if (s != PGRES_SINGLE_TUPLE && s != PGRES_TUPLES_OK && st == NG_OK) st = db_fail(p, r, err, doing);
        PQclear(r);
    }
    return st;
}

typedef struct row_ctx {
    ng_arch_row_fn row;
    ng_arch_pair_fn pair;
    void *ctx;
} row_ctx;

static int one_row(void *ctx, const PGresult *r)
{
    row_ctx *c = ctx;
    return c->row(c->ctx, atoll(PQgetvalue(r, 0, 0)));
}

static int one_pair(void *ctx, const PGresult *r)
{
    row_ctx *c = ctx;
    return c->pair(c->ctx, atoll(PQgetvalue(r, 0, 0)), atoll(PQgetvalue(r, 0, 1)));
}

static ng_status pg_band_rows(void *be, const int64_t *keys, size_t n, ng_arch_row_fn fn, void *ctx,
                              ng_error *err)
{
    pg *p = be;
    ng_jbuf k;
    ng_jbuf_init(&k);
    ng_jbuf_puts(&k, "{");
    for (size_t i = 0; i < n; i++) ng_jbuf_printf(&k, "%s%lld", i ? "," : "", (long long)keys[i]);
    ng_jbuf_puts(&k, "}");
    if (k.failed) return ng_arch_fail(err, NG_E_NOMEM, "out of memory reading band keys");
    const char *v[1] = {k.data};
    row_ctx c = {.row = fn, .ctx = ctx};
    ng_status st = stream(p, "SELECT story FROM band WHERE key = ANY($1::bigint[])", 1, v, one_row, &c,
                          err, "cannot read band keys");
    ng_jbuf_free(&k);
    return st;
}

static ng_status pg_band_pairs(void *be, ng_arch_pair_fn fn, void *ctx, ng_error *err)
{
    pg *p = be;
    row_ctx c = {.pair = fn, .ctx = ctx};
    return stream(p, "SELECT a.story, b.story FROM band a JOIN band b ON b.key = a.key AND b.story > a.story",
                  0, NULL, one_pair, &c, err, "cannot pair band keys");
}

static ng_status pg_row(void *be, int64_t row, char **id, char **body, uint32_t *minhash,
                        ng_error *err)
{
    pg *p = be;
    *id = NULL;
    if (body) *body = NULL;
    char rs[24];
    snprintf(rs, sizeof rs, "%lld", (long long)row);
    const char *v[1] = {rs};
    PGresult *r = NULL;
    ng_status st = run(p, body ? "SELECT id, minhash, body FROM story WHERE rowid = $1::bigint"
                               : "SELECT id, minhash FROM story WHERE rowid = $1::bigint",
                       1, v, NULL, NULL, 1, &r, err, "cannot read a story");
    if (st != NG_OK || PQntuples(r) == 0) {
        PQclear(r);
        return st;
    }
    if (minhash) {
        memset(minhash, 0, NG_MH_HASHES * sizeof *minhash);
        if (PQgetlength(r, 0, 1) == (int)(NG_MH_HASHES * sizeof *minhash))
            memcpy(minhash, PQgetvalue(r, 0, 1), NG_MH_HASHES * sizeof *minhash);
    }
    *id = dup_value(r, 0, 0);
    if (body) *body = dup_value(r, 0, 2);
    PQclear(r);
    if (!*id || (body && !*body)) {
        free(*id);
        *id = NULL;
        if (body) free(*body), *body = NULL;
        return ng_arch_fail(err, NG_E_NOMEM, "out of memory reading a story");
    }
    return NG_OK;
}

static const ng_arch_backend postgres_backend = {
    .name = "postgresql", .close = pg_close, .begin = pg_begin, .commit = pg_commit, .put = pg_put,
    .get = pg_get, .count = pg_count, .search = pg_search, .doc_freq = pg_doc_freq,
    .band_rows = pg_band_rows, .band_pairs = pg_band_pairs, .row = pg_row,
};

ng_status ng_arch_postgres_open(const char *path, const ng_arch_backend **vt, void **be,
                                ng_error *err)
{
    pg *p = calloc(1, sizeof *p);
    if (!p) return ng_arch_fail(err, NG_E_NOMEM, "out of memory opening the archive");
    safe_name(p, path, p->name, sizeof p->name);
    p->db = PQconnectdb(path);
    ng_status st = NG_OK;
    if (!p->db) st = ng_arch_fail(err, NG_E_NOMEM, "out of memory opening the archive");
    else if (PQstatus(p->db) != CONNECTION_OK) st = db_fail(p, NULL, err, "cannot connect");
    if (st == NG_OK) {
        PQsetNoticeProcessor(p->db, no_notice, NULL);
        /* wait for another writer's lock as SQLite's busy timeout does;
         * stories are UTF-8 whatever the database's own encoding */
        st = exec0(p, "SET lock_timeout = '5s'; SET client_min_messages = warning;"
                      " SET client_encoding = 'UTF8'", err, "cannot set up the session");
    }
    if (st == NG_OK) st = check_schema(p, err);
    if (st != NG_OK) {
        pg_close(p);
        return st;
    }
    *vt = &postgres_backend;
    *be = p;
    return NG_OK;
}
