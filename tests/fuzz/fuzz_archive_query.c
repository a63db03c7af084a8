/* fuzz_archive_query.c - libFuzzer target for the archive's search query
 * parser: ng_arch_query_parse on the input (a date range, words, phrases,
 * fields), and the FTS5 expression it makes is run against an in-memory
 * FTS5 table with the archive's columns, which must accept it (a syntax
 * error there would be a parser bug and aborts), and through the PostgreSQL
 * rendering (pgquery.c), which must read it and make one parameter per
 * quoted string, none of them pasted into the SQL. */
#include <sqlite3.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "archive/archive_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static sqlite3 *db;
static sqlite3_stmt *stmt;

static void setup(void)
{
    if (db) return;
    if (sqlite3_open(":memory:", &db) != SQLITE_OK ||
        sqlite3_exec(db, "CREATE VIRTUAL TABLE story_fts USING fts5(headline, body, highlights, entities,"
                         " tags, byline, tokenize = 'porter unicode61 remove_diacritics 2');"
                         "INSERT INTO story_fts VALUES ('A headline', 'Some body text about China.', '',"
                         " 'Hong Lei', 'human rights', 'By Jo');",
                     NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "SELECT count(*) FROM story_fts WHERE story_fts MATCH ?1", -1, &stmt, NULL) != SQLITE_OK)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    setup();
    char *q = malloc(size + 1);
    if (!q) return 0;
    memcpy(q, data, size);
    q[size] = '\0';
    char *match = NULL;
    int64_t from, to;
    ng_error err;
    ng_status st = ng_arch_query_parse(q, &match, &from, &to, &err);
    if (st == NG_OK && match) {
        sqlite3_reset(stmt);
        sqlite3_bind_text(stmt, 1, match, -1, SQLITE_STATIC);
        int rc = sqlite3_step(stmt);
        if (rc != SQLITE_ROW) abort(); /* the parser made an expression FTS5 refuses */
        ng_arch_pgq pq;
        if (ng_arch_pg_match(match, 1, &pq, &err) != NG_OK || !pq.n || !pq.tsq) abort();
        if (strchr(pq.tsq, '"') || (pq.exact && strchr(pq.exact, '"'))) abort(); /* text in SQL */
        ng_arch_pgq_free(&pq);
    } else if (st == NG_OK && from == NG_DAY_NONE && to == NG_DAY_NONE) {
        abort(); /* neither words nor dates, yet no error */
    }
    ng_arch_parse_day(q, size, (int)(size & 1));
    free(match);
    free(q);
    return 0;
}
