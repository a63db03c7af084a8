/* pgquery.c - the archive's match expressions rendered for PostgreSQL.
 * query.c and related.c write one small back-end-neutral grammar (which
 * FTS5 reads as it is):
 *     expr := and (" OR " and)*      and := not (" AND " not)*
 *     not  := prim (" NOT " prim)*   prim := "(" expr ")" | [column " : "] string
 * where a string is "..." with '"' doubled.  This file parses that grammar
 * into two SQL texts over parameters (never pasting a string into SQL):
 * tsq, a tsquery built with &&, || and !! from phraseto_tsquery() of each
 * string (the GIN index answers it; columns are ignored there, and a NOT
 * whose operand names a column is left out, so tsq matches a superset), and
 * exact, a boolean condition that also checks the named columns (used only
 * when a column is named).  The text-search configuration is 'nutgraf', made
 * by postgres.c: Snowball English stemming with no stop words, as close as
 * PostgreSQL comes to FTS5's porter tokenizer (which keeps every word). */
#include <stdlib.h>
#include <string.h>

#include "archive/archive_int.h"
#include "output/jbuf.h"

#define MAX_DEPTH 32 /* the grammar's writers nest two levels */

typedef struct pnode {
    int op;          /* 'A', 'O', 'N', or 0 for a string */
    int column;      /* index into columns[] + 1; 0: any */
    size_t param;    /* the string's parameter number */
    struct pnode *l, *r;
    int has_column;  /* this node or one below names a column */
} pnode;

static const char *const columns[] = {"headline", "body", "highlights", "entities", "tags", "byline"};

typedef struct pparse {
    const char *s;
    size_t at, len;
    ng_arch_pgq *out;
    size_t first;
    int failed, nomem;
} pparse;

static pnode *node_new(pparse *p)
{
    pnode *n = calloc(1, sizeof *n);
    if (!n) p->nomem = p->failed = 1;
    return n;
}

static void node_free(pnode *n)
{
    if (!n) return;
    node_free(n->l);
    node_free(n->r);
    free(n);
}

static int eat(pparse *p, const char *word)
{
    size_t n = strlen(word);
    if (p->at + n > p->len || memcmp(p->s + p->at, word, n)) return 0;
    p->at += n;
    return 1;
}

/* A quoted string: its unescaped copy becomes the next parameter. */
static pnode *string(pparse *p, int column)
{
    if (!eat(p, "\"")) return p->failed = 1, NULL;
    ng_jbuf b;
    ng_jbuf_init(&b);
    for (;;) {
        if (p->at >= p->len) { ng_jbuf_free(&b); return p->failed = 1, NULL; }
        char c = p->s[p->at++];
        if (c == '"') {
            if (p->at < p->len && p->s[p->at] == '"') p->at++;
            else break;
        }
        ng_jbuf_put(&b, &c, 1);
    }
    ng_jbuf_put(&b, "", 1);
    ng_arch_pgq *q = p->out;
    char **v = b.failed ? NULL : realloc(q->strings, (q->n + 1) * sizeof *v);
    pnode *n = v ? node_new(p) : NULL;
    if (v) q->strings = v;
    if (!n) {
        ng_jbuf_free(&b);
        p->nomem = p->failed = 1;
        return NULL;
    }
    q->strings[q->n] = b.data;
    n->param = p->first + q->n++;
    n->column = column;
    n->has_column = column != 0;
    return n;
}

static pnode *expr(pparse *p, int depth);

static pnode *prim(pparse *p, int depth)
{
    if (eat(p, "(")) {
        pnode *n = expr(p, depth + 1);
        if (n && !eat(p, ")")) {
            node_free(n);
            return p->failed = 1, NULL;
        }
        return n;
    }
    int column = 0;
    for (size_t i = 0; i < sizeof columns / sizeof columns[0] && !column; i++) {
        size_t at = p->at;
        if (eat(p, columns[i]) && eat(p, " : ")) column = (int)i + 1;
        else p->at = at;
    }
    return string(p, column);
}

/* True when the OR chain holds a string equal to leaf (same column). */
static int in_or_chain(const pparse *p, const pnode *chain, const pnode *leaf)
{
    if (chain->op == 'O') return in_or_chain(p, chain->l, leaf) || in_or_chain(p, chain->r, leaf);
    return !chain->op && chain->column == leaf->column &&
           !strcmp(p->out->strings[chain->param - p->first], p->out->strings[leaf->param - p->first]);
}

/* One level of left-associative binary operators.  A string repeated in
 * an OR chain (related.c repeats a story's frequent words, for FTS5's BM25)
 * is dropped: ts_rank counts each distinct lexeme once anyway, and the
 * tsquery every row is matched against stays short. */
static pnode *binary(pparse *p, int depth, int op, const char *word)
{
    pnode *l = op == 'O' ? binary(p, depth, 'A', " AND ")
               : op == 'A' ? binary(p, depth, 'N', " NOT ") : prim(p, depth);
    while (l && eat(p, word)) {
        pnode *r = op == 'O' ? binary(p, depth, 'A', " AND ")
                   : op == 'A' ? binary(p, depth, 'N', " NOT ") : prim(p, depth);
        if (r && op == 'O' && !r->op && in_or_chain(p, l, r)) {
            node_free(r); /* its parameter stays, unused but typed */
            continue;
        }
        pnode *n = r ? node_new(p) : NULL;
        if (!n) {
            node_free(l);
            node_free(r);
            return NULL;
        }
        n->op = op;
        n->l = l;
        n->r = r;
        n->has_column = l->has_column || r->has_column;
        l = n;
    }
    return l;
}

static pnode *expr(pparse *p, int depth)
{
    if (depth > MAX_DEPTH) return p->failed = 1, NULL;
    return binary(p, depth, 'O', " OR ");
}

static void render_tsq(ng_jbuf *b, const pnode *n)
{
    if (!n->op) {
        ng_jbuf_printf(b, "phraseto_tsquery('nutgraf', $%zu)", n->param);
        return;
    }
    if (n->op == 'N' && n->r->has_column) { /* a superset: leave the column's NOT to exact */
        render_tsq(b, n->l);
        return;
    }
    ng_jbuf_puts(b, "(");
    render_tsq(b, n->l);
    ng_jbuf_puts(b, n->op == 'O' ? " || " : n->op == 'A' ? " && " : " && !!");
    render_tsq(b, n->r);
    ng_jbuf_puts(b, ")");
}

static void render_exact(ng_jbuf *b, const pnode *n)
{
    if (!n->op) {
        if (n->column)
            ng_jbuf_printf(b, "to_tsvector('nutgraf', s.%s) @@ phraseto_tsquery('nutgraf', $%zu)",
                           columns[n->column - 1], n->param);
        else
            ng_jbuf_printf(b, "s.tsv @@ phraseto_tsquery('nutgraf', $%zu)", n->param);
        return;
    }
    ng_jbuf_puts(b, "(");
    render_exact(b, n->l);
    ng_jbuf_puts(b, n->op == 'O' ? " OR " : n->op == 'A' ? " AND " : " AND NOT ");
    render_exact(b, n->r);
    ng_jbuf_puts(b, ")");
}

ng_status ng_arch_pg_match(const char *match, size_t first_param, ng_arch_pgq *out, ng_error *err)
{
    memset(out, 0, sizeof *out);
    ng_jbuf tsq, exact;
    ng_jbuf_init(&tsq);
    ng_jbuf_init(&exact);
    pparse p = {.s = match, .len = strlen(match), .out = out, .first = first_param};
    pnode *root = expr(&p, 0);
    if (root && p.at != p.len) p.failed = 1;
    if (!p.failed) {
        render_tsq(&tsq, root);
        if (root->has_column) render_exact(&exact, root);
    }
    node_free(root);
    ng_status st = NG_OK;
    if (p.nomem || tsq.failed || exact.failed)
        st = ng_arch_fail(err, NG_E_NOMEM, "out of memory making a query");
    else if (p.failed)
        st = ng_arch_fail(err, NG_E_FORMAT, "cannot read match expression at byte %zu", p.at);
    out->tsq = tsq.data;
    out->exact = exact.data; /* NULL when no column is named */
    if (st != NG_OK) {
        ng_jbuf_free(&tsq);
        ng_jbuf_free(&exact);
        out->tsq = out->exact = NULL;
        ng_arch_pgq_free(out);
    }
    return st;
}

void ng_arch_pgq_free(ng_arch_pgq *q)
{
    for (size_t i = 0; i < q->n; i++) free(q->strings[i]);
    free(q->strings);
    free(q->tsq);
    free(q->exact);
    memset(q, 0, sizeof *q);
}
