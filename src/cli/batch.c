/* batch.c - a JSON Lines batch on N threads with output in input order
 * (see batch.h): a ring of slots filled by the calling thread, emptied by
 * workers, and written back in order by the calling thread. */
#include "cli/batch.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"

#define SLOTS_PER_WORKER 64
#define MAX_THREADS 256
#define KEEP_LINE_BYTES (64u << 10) /* a slot's line buffer over this is freed after use */
/* Lines held in the ring at once, bytes: past this the reader waits for the
 * writer (a ring of huge records would otherwise hold slots x --max-bytes) */
#define RING_LINE_BUDGET ((size_t)64 << 20)

enum { SLOT_FILLED, SLOT_DONE };

typedef struct slot {
    ng_batch_record rec;
    char *buf; /* owned copy of the line */
    size_t cap;
    int too_long;
    int state;
    ng_status st;
} slot;

typedef struct ring {
    const ng_batch_ops *ops;
    slot *slots;
    size_t nslots;
    size_t head, take, tail; /* next to emit, next to process, next to fill */
    size_t held;             /* bytes of the lines between head and tail (writer's) */
    int quit;
    pthread_mutex_t mu;
    pthread_cond_t work, done;
} ring;

typedef struct progress {
    const char *cmd;
    int on;
    size_t limit, total, seen;
} progress;

int ng_batch_cores(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > MAX_THREADS ? MAX_THREADS : (int)n;
}

ng_status ng_batch_write_json(const ng_doc *doc, ng_jbuf *b, ng_error *err)
{
    char *out;
    size_t len;
    ng_status st = ng_doc_to_json(doc, &out, &len, err);
    if (st != NG_OK) return st;
    ng_jbuf_put(b, out, len);
    ng_jbuf_puts(b, "\n");
    free(out);
    return NG_OK;
}

int ng_batch_parse_threads(const char *s, int *out)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (!*s || *end || v < 1 || v > MAX_THREADS) return -1;
    *out = (int)v;
    return 0;
}

static void draw(const progress *p, size_t records, int final)
{
    if (!p->on || (!final && records % 50)) return;
    int pct = -1;
    if (p->limit) pct = (int)(records * 100 / p->limit);
    else if (p->total) pct = (int)(p->seen >= p->total ? 100 : p->seen * 100 / p->total);
    if (final && pct >= 0) pct = 100;
    if (pct >= 0) {
        char bar[31];
        for (int i = 0; i < 30; i++) bar[i] = i < pct * 30 / 100 ? '#' : '.';
        bar[30] = 0;
        fprintf(stderr, "\rnutgraf %s: [%s] %3d%% %zu records", p->cmd, bar, pct, records);
    } else {
        fprintf(stderr, "\rnutgraf %s: %zu records", p->cmd, records);
    }
    if (final) fputc('\n', stderr);
}

/* Where records come from: the lines of a reader, or a list of names (one
 * record each: an input file or URL the command opens itself). */
typedef struct source {
    ng_line_reader *r; /* NULL: names */
    char *const *names;
    size_t count, next;
    size_t max; /* the line limit, for messages */
} source;

/* Copies rec (len bytes) into s's own buffer and starts its record.
 * Returns 1, or -1 when out of memory. */
static int start_record(slot *s, const char *text, size_t len, size_t line_no, int too_long)
{
    if (len + 1 > s->cap) {
        char *b = realloc(s->buf, len + 1);
        if (!b) return -1;
        s->buf = b;
        s->cap = len + 1;
    }
    memcpy(s->buf, text, len);
    s->buf[len] = '\0';
    memset(&s->rec, 0, sizeof s->rec);
    s->rec.line = s->buf;
    s->rec.len = len;
    s->rec.line_no = line_no;
    s->rec.err.status = NG_OK;
    ng_jbuf_init(&s->rec.out);
    s->too_long = too_long;
    return 1;
}

/* Reads the next record into s: the next non-blank line, or the next
 * name.  Returns 1 with a record, 0 at the end, -1 on a read error or when
 * out of memory. */
static int fill(source *src, slot *s, progress *p)
{
    if (!src->r) {
        if (src->next >= src->count) return 0;
        const char *name = src->names[src->next++];
        return start_record(s, name, strlen(name), src->next, 0);
    }
    ng_line_reader *r = src->r;
    int rc;
    while ((rc = ng_line_reader_next(r)) == 1) {
        p->seen += r->len + 1;
        size_t len = r->len;
        while (len && (r->buf[len - 1] == ' ' || r->buf[len - 1] == '\t' || r->buf[len - 1] == '\r')) len--;
        if (!r->too_long && len == 0) continue; /* blank lines are not records */
        return start_record(s, r->buf, len, r->line_no, r->too_long);
    }
    return rc;
}

static void run_one(const ng_batch_ops *ops, void *scratch, slot *s, size_t max_bytes)
{
    if (s->too_long) {
        s->rec.err.status = s->st = NG_E_TOO_BIG;
        snprintf(s->rec.err.message, sizeof s->rec.err.message, "line is over the limit of %zu bytes",
                 max_bytes);
        return;
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    s->st = ops->process(ops->ctx, scratch, &s->rec);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    s->rec.seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) * 1e-9;
    if (s->st == NG_OK && s->rec.out.failed) {
        s->st = s->rec.err.status = NG_E_NOMEM;
        snprintf(s->rec.err.message, sizeof s->rec.err.message, "out of memory writing the record");
    }
    if (s->st != NG_OK && s->rec.err.status == NG_OK) s->rec.err.status = s->st;
}

/* The in-order step: emit, report a failure, count; frees the record.
 * input is NULL for a batch of names: the name is then the input. */
static void finish(const ng_batch_ops *ops, const char *input, const ng_batch_options *o, slot *s,
                   ng_batch_stats *stats)
{
    ng_status st = s->st;
    if (ops->emit) st = ops->emit(ops->ctx, &s->rec, st);
    else if (st == NG_OK) fwrite(s->rec.out.data, 1, s->rec.out.len, stdout);
    if (st != NG_OK) {
        if (s->rec.err.status == NG_OK) s->rec.err.status = st;
        s->rec.err.line = input ? s->rec.line_no : 0;
        ng_report(ops->cmd, input ? input : s->rec.line, &s->rec.err);
        if (o->error_records) ng_write_error_record(s->too_long ? NULL : s->rec.line, s->rec.len, &s->rec.err);
        stats->errors++;
        if (st == NG_E_NOMEM) stats->nomem = 1;
    }
    ng_jbuf_free(&s->rec.out);
    if (s->cap > KEEP_LINE_BYTES) {
        free(s->buf);
        s->buf = NULL;
        s->cap = 0;
    }
}

typedef struct worker {
    ring *rg;
    void *scratch;
    size_t max_bytes;
    pthread_t tid;
} worker;

static void *worker_main(void *arg)
{
    worker *w = arg;
    ring *rg = w->rg;
    pthread_mutex_lock(&rg->mu);
    for (;;) {
        while (rg->take == rg->tail && !rg->quit) pthread_cond_wait(&rg->work, &rg->mu);
        if (rg->take == rg->tail) break;
        slot *s = &rg->slots[rg->take++ % rg->nslots];
        pthread_mutex_unlock(&rg->mu);
        run_one(rg->ops, w->scratch, s, w->max_bytes);
        pthread_mutex_lock(&rg->mu);
        s->state = SLOT_DONE;
        /* only the writer waits, and only for the oldest slot: waking it
         * for any other would be a context switch for nothing */
        if (s == &rg->slots[rg->head % rg->nslots]) pthread_cond_signal(&rg->done);
    }
    pthread_mutex_unlock(&rg->mu);
    return NULL;
}

static int result(const ng_batch_stats *stats)
{
    if (stats->read_failed) return NG_EXIT_INPUT;
    if (stats->nomem) return NG_EXIT_INTERNAL;
    return stats->errors ? NG_EXIT_PARTIAL : NG_EXIT_OK;
}

static int read_failed(const char *cmd, const char *input, ng_batch_stats *stats)
{
    ng_error e = {NG_E_IO, 0, "read error or out of memory"};
    ng_report(cmd, input, &e);
    stats->read_failed = 1;
    return NG_EXIT_INPUT;
}

/* One thread: read, process, emit, one record at a time. */
static int run_inline(source *src, const char *input, const ng_batch_options *o,
                      const ng_batch_ops *ops, progress *p, ng_batch_stats *stats)
{
    void *scratch = NULL;
    if (ops->worker_new && ops->worker_new(ops->ctx, &scratch)) {
        fprintf(stderr, "nutgraf %s: out of memory\n", ops->cmd);
        stats->nomem = 1;
        return NG_EXIT_INTERNAL;
    }
    slot s;
    memset(&s, 0, sizeof s);
    int rc = 0;
    while ((!o->limit || stats->records < o->limit) && (rc = fill(src, &s, p)) == 1) {
        run_one(ops, scratch, &s, src->max);
        finish(ops, input, o, &s, stats);
        draw(p, ++stats->records, 0);
    }
    free(s.buf);
    if (ops->worker_free) ops->worker_free(ops->ctx, scratch);
    if (rc < 0) read_failed(ops->cmd, input, stats);
    return result(stats);
}

static int start_workers(ring *rg, worker *ws, int n, size_t max_bytes)
{
    const ng_batch_ops *ops = rg->ops;
    for (int i = 0; i < n; i++) {
        ws[i].rg = rg;
        ws[i].max_bytes = max_bytes;
        if (ops->worker_new && ops->worker_new(ops->ctx, &ws[i].scratch)) return i;
        if (pthread_create(&ws[i].tid, NULL, worker_main, &ws[i])) {
            if (ops->worker_free) ops->worker_free(ops->ctx, ws[i].scratch);
            return i;
        }
    }
    return n;
}

static void stop_workers(ring *rg, worker *ws, int n)
{
    pthread_mutex_lock(&rg->mu);
    rg->quit = 1;
    pthread_cond_broadcast(&rg->work);
    pthread_mutex_unlock(&rg->mu);
    for (int i = 0; i < n; i++) {
        pthread_join(ws[i].tid, NULL);
        if (rg->ops->worker_free) rg->ops->worker_free(rg->ops->ctx, ws[i].scratch);
    }
}

/* Emits the oldest slot once a worker is done with it. */
static void emit_head(ring *rg, const char *input, const ng_batch_options *o, progress *p,
                      ng_batch_stats *stats)
{
    slot *s = &rg->slots[rg->head % rg->nslots];
    pthread_mutex_lock(&rg->mu);
    while (s->state != SLOT_DONE) pthread_cond_wait(&rg->done, &rg->mu);
    pthread_mutex_unlock(&rg->mu);
    rg->held -= s->rec.len;
    finish(rg->ops, input, o, s, stats);
    pthread_mutex_lock(&rg->mu); /* workers read head to know whom to wake */
    rg->head++;
    pthread_mutex_unlock(&rg->mu);
    draw(p, ++stats->records, 0);
}

static int run_threads(source *src, const char *input, const ng_batch_options *o, int n,
                       const ng_batch_ops *ops, progress *p, ng_batch_stats *stats)
{
    ring rg;
    memset(&rg, 0, sizeof rg);
    rg.ops = ops;
    rg.nslots = (size_t)n * SLOTS_PER_WORKER;
    rg.slots = calloc(rg.nslots, sizeof *rg.slots);
    worker *ws = calloc((size_t)n, sizeof *ws);
    if (!rg.slots || !ws) {
        free(rg.slots);
        free(ws);
        fprintf(stderr, "nutgraf %s: out of memory\n", ops->cmd);
        stats->nomem = 1;
        return NG_EXIT_INTERNAL;
    }
    pthread_mutex_init(&rg.mu, NULL);
    pthread_cond_init(&rg.work, NULL);
    pthread_cond_init(&rg.done, NULL);
    int started = start_workers(&rg, ws, n, src->max);
    int rc = 0;
    if (started < n) {
        fprintf(stderr, "nutgraf %s: cannot start %d threads (out of memory)\n", ops->cmd, n);
        stats->nomem = 1;
    } else {
        size_t filled = 0;
        int more = 1;
        for (;;) {
            /* fill every free slot, then write the oldest when it is done */
            while (more && rg.tail - rg.head < rg.nslots && (rg.held < RING_LINE_BUDGET || rg.tail == rg.head) &&
                   (!o->limit || filled < o->limit)) {
                slot *s = &rg.slots[rg.tail % rg.nslots];
                rc = fill(src, s, p);
                if (rc != 1) {
                    more = 0;
                    break;
                }
                filled++;
                rg.held += s->rec.len;
                pthread_mutex_lock(&rg.mu);
                s->state = SLOT_FILLED;
                rg.tail++;
                pthread_cond_signal(&rg.work);
                pthread_mutex_unlock(&rg.mu);
            }
            if (rg.head == rg.tail) break;
            emit_head(&rg, input, o, p, stats);
        }
    }
    stop_workers(&rg, ws, started);
    for (size_t i = 0; i < rg.nslots; i++) free(rg.slots[i].buf);
    free(rg.slots);
    free(ws);
    pthread_mutex_destroy(&rg.mu);
    pthread_cond_destroy(&rg.work);
    pthread_cond_destroy(&rg.done);
    if (rc < 0) read_failed(ops->cmd, input, stats);
    return result(stats);
}

static int run_source(source *src, const char *input, const ng_batch_options *o, const ng_batch_ops *ops,
                      ng_batch_stats *stats)
{
    memset(stats, 0, sizeof *stats);
    size_t limit = o->limit;
    if (!src->r && (!limit || limit > src->count)) limit = src->count; /* the bar's 100% */
    progress p = {ops->cmd, o->progress, limit, o->total_bytes, 0};
    int n = o->threads > 0 ? o->threads : ng_batch_cores();
    int rc = n == 1 ? run_inline(src, input, o, ops, &p, stats) : run_threads(src, input, o, n, ops, &p, stats);
    draw(&p, stats->records, 1);
    return rc;
}

int ng_batch_run(ng_line_reader *r, const char *input, const ng_batch_options *o,
                 const ng_batch_ops *ops, ng_batch_stats *stats)
{
    source src = {r, NULL, 0, 0, r->max};
    return run_source(&src, input, o, ops, stats);
}

int ng_batch_run_names(char *const *names, size_t count, const ng_batch_options *o, const ng_batch_ops *ops,
                       ng_batch_stats *stats)
{
    source src = {NULL, names, count, 0, 0};
    return run_source(&src, NULL, o, ops, stats);
}
