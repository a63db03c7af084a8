/* server.c - the HTTP server behind `nutgraf serve`, on libmicrohttpd: a
 * pool of polling threads that parse requests and send responses, and a
 * separate bounded worker pool (pool.c) that summarizes and analyzes, so
 * that /healthz and small requests are answered at once while heavy work
 * runs.  Against hostile or careless clients it limits connections in all
 * and per address (libmicrohttpd's options), the time a request's headers
 * and its body may take (a watchdog thread shuts the sockets of requests
 * past their deadline: libmicrohttpd's own timeout only covers idleness),
 * the bytes of request bodies held at once (503 beyond the budget), the
 * queue of waiting work (503 when full) and the time a request's work may
 * take (503 past --max-seconds).  One access line per request (method,
 * path, status, bytes, milliseconds), written whole; batch responses
 * streamed with chunked encoding; a graceful stop.
 *
 * Ownership: each request's state (req_state) is made by the URI callback
 * and freed by the completion callback; each connection's record
 * (conn_rec) by the connection notifications.  A heavy request's job
 * (work_job) is shared by the request and the pool (a reference count):
 * it owns the body and the response.  Exactly one of the worker and the
 * watchdog resumes the suspended connection (job->answered).  A streamed
 * response owns its batch stream and MHD frees it through stream_free. */
#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "core/doc.h"
#include "serve/serve.h"

enum phase { PH_HEADERS, PH_BODY, PH_BUSY };

/* Request targets and headers over these get a JSON 414 or 431 from the
 * service; libmicrohttpd's per-connection memory (MHD_POOL_BYTES) holds
 * somewhat more, and past that it answers 414 or 431 itself in HTML. */
#define MAX_URI_BYTES 8192
#define MAX_HEADER_BYTES 16384
#define MHD_POOL_BYTES (64 * 1024)

typedef struct work_job work_job;

/* One open connection, for the watchdog. */
typedef struct conn_rec {
    struct conn_rec *prev, *next;
    MHD_socket fd;
    enum phase phase;
    double since_ms; /* when the phase began (monotonic ms) */
    int shut;        /* its socket was shut down */
    work_job *job;   /* the heavy request's job while one is out */
} conn_rec;

struct ng_server {
    struct MHD_Daemon *daemon;
    ng_serve_config cfg;
    FILE *log;
    unsigned port;
    double header_ms, body_ms, work_ms;
    size_t max_inflight;
    atomic_size_t inflight; /* bytes of request bodies held */
    atomic_long active;     /* requests begun and not yet completed */
    atomic_int stopping;
    pthread_mutex_t lock; /* conns, nconns, watch_stop */
    pthread_cond_t tick;
    conn_rec *conns;
    long nconns;
    int watch_stop;
    pthread_t watchdog;
    int watchdog_on;
    ng_pool *pool;
};

typedef struct req_state {
    ng_server *server;
    conn_rec *conn; /* NULL when MHD gave none */
    struct timespec start;
    char *uri; /* as sent: path and query */
    char method[16];
    char *body;
    size_t len, cap;
    size_t reserved; /* bytes counted in server->inflight for this body */
    size_t seen;     /* body bytes received, kept or not */
    int started, too_big, over_budget;
    int status;
    uint64_t bytes; /* response body bytes sent */
    work_job *job;
} req_state;

struct work_job {
    ng_pool_job base;
    ng_server *server;
    struct MHD_Connection *conn;
    char *method, *uri, *content_type;
    char *body;
    size_t len, reserved;
    ng_serve_response res;
    double deadline_ms;
    atomic_int answered; /* set by whichever of worker and watchdog resumes */
    int expired;         /* answered by the watchdog: 503 */
    atomic_int refs;
};

/* A batch response: its lines are made on the worker pool one at a time
 * while the connection waits suspended, so a long batch never holds a
 * server thread; when the queue is full (or the server stops) the line is
 * made right there. */
typedef struct stream_ctx {
    ng_pool_job base;
    ng_server *server;
    struct MHD_Connection *conn;
    ng_serve_batch *batch;
    const char *line;
    size_t len, off;
    int ready, more; /* a worker made the next line (more: 0 at the end) */
    uint64_t *bytes; /* the request's counter; written only while sending */
} stream_ctx;

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static double ms_since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) * 1e3 + (double)(t.tv_nsec - t0->tv_nsec) / 1e6;
}

/* Writes one whole line with a single write(), so that lines from
 * different threads never interleave. */
static void log_line(FILE *log, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    size_t len = (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1;
    if (len && buf[len - 1] != '\n') {
        if (len == sizeof buf - 1) len--;
        buf[len++] = '\n';
    }
    fflush(log);
    ssize_t w = write(fileno(log), buf, len);
    (void)w;
}

static void mhd_log(void *cls, const char *fmt, va_list ap)
{
    ng_server *s = cls;
    if (!s->log) return;
    char msg[900];
    vsnprintf(msg, sizeof msg, fmt, ap);
    log_line(s->log, "nutgraf serve: %s", msg);
}

/* ------------------------------------------------------- memory budget */

/* Counts n more body bytes as held; 0 when that would pass the budget. */
static int budget_take(ng_server *s, size_t n)
{
    size_t cur = atomic_load(&s->inflight);
    do {
        if (n > s->max_inflight || cur > s->max_inflight - n) return 0;
    } while (!atomic_compare_exchange_weak(&s->inflight, &cur, cur + n));
    return 1;
}

static void budget_give(ng_server *s, size_t n)
{
    if (n) atomic_fetch_sub(&s->inflight, n);
}

/* ------------------------------------------------------ connections */

static void set_phase(ng_server *s, conn_rec *c, enum phase ph)
{
    if (!c) return;
    pthread_mutex_lock(&s->lock);
    c->phase = ph;
    c->since_ms = now_ms();
    pthread_mutex_unlock(&s->lock);
}

static void on_connection(void *cls, struct MHD_Connection *c, void **socket_context,
                          enum MHD_ConnectionNotificationCode code)
{
    ng_server *s = cls;
    if (code == MHD_CONNECTION_NOTIFY_STARTED) {
        conn_rec *r = calloc(1, sizeof *r);
        *socket_context = r;
        if (!r) return;
        const union MHD_ConnectionInfo *fd = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
        r->fd = fd ? fd->connect_fd : MHD_INVALID_SOCKET;
        r->phase = PH_HEADERS;
        r->since_ms = now_ms();
        pthread_mutex_lock(&s->lock);
        r->next = s->conns;
        if (s->conns) s->conns->prev = r;
        s->conns = r;
        s->nconns++;
        pthread_mutex_unlock(&s->lock);
        /* stopping: no new request on it (accepted just before the stop) */
        if (atomic_load(&s->stopping) && r->fd != MHD_INVALID_SOCKET) shutdown(r->fd, SHUT_RDWR);
        return;
    }
    conn_rec *r = *socket_context;
    if (!r) return;
    pthread_mutex_lock(&s->lock);
    if (r->prev) r->prev->next = r->next;
    else s->conns = r->next;
    if (r->next) r->next->prev = r->prev;
    s->nconns--;
    pthread_mutex_unlock(&s->lock);
    free(r);
    *socket_context = NULL;
}

static conn_rec *conn_of(struct MHD_Connection *c)
{
    const union MHD_ConnectionInfo *i = MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    return i ? i->socket_context : NULL;
}

/* ---------------------------------------------------------------- jobs */

static void job_release(work_job *j)
{
    if (!j || atomic_fetch_sub(&j->refs, 1) != 1) return;
    budget_give(j->server, j->reserved);
    ng_serve_response_free(&j->res);
    free(j->body);
    free(j->method);
    free(j->uri);
    free(j->content_type);
    free(j);
}

/* Resumes the job's connection unless the other side already did; the
 * winner alone touches the connection.  expired: 0 answered by the work,
 * 1 past the deadline, 2 stopping. */
static int job_answer(work_job *j, int expired)
{
    int zero = 0;
    if (!atomic_compare_exchange_strong(&j->answered, &zero, 1)) return 0;
    j->expired = expired;
    MHD_resume_connection(j->conn);
    return 1;
}

static void job_run(ng_pool_job *base)
{
    work_job *j = (work_job *)base;
    if (!atomic_load(&j->answered) && now_ms() < j->deadline_ms) {
        ng_serve_request req = {j->method, j->uri, j->content_type, j->body ? j->body : "", j->len};
        ng_serve_route(&j->server->cfg, &req, &j->res);
        job_answer(j, 0);
    } else {
        job_answer(j, atomic_load(&j->server->stopping) ? 2 : 1);
    }
    job_release(j);
}

/* Answers every job past its deadline (all of them when stopping) with 503. */
static void expire_jobs(ng_server *s, int all)
{
    work_job *due[64];
    size_t n = 0;
    double t = now_ms();
    pthread_mutex_lock(&s->lock);
    for (conn_rec *c = s->conns; c && n < 64; c = c->next) {
        work_job *j = c->job;
        if (j && !atomic_load(&j->answered) && (all || t >= j->deadline_ms)) {
            atomic_fetch_add(&j->refs, 1);
            due[n++] = j;
        }
    }
    pthread_mutex_unlock(&s->lock);
    for (size_t i = 0; i < n; i++) {
        job_answer(due[i], all ? 2 : 1);
        job_release(due[i]);
    }
}

/* ------------------------------------------------------------ watchdog */

/* Shuts the sockets of requests past their header or body deadline (and,
 * when stopping, of connections between requests); MHD then sees the end
 * of the stream and closes them itself. */
static void shut_late(ng_server *s)
{
    double t = now_ms();
    int stopping = atomic_load(&s->stopping);
    for (conn_rec *c = s->conns; c; c = c->next) {
        if (c->shut || c->fd == MHD_INVALID_SOCKET) continue;
        int late = (c->phase == PH_HEADERS && (stopping || t - c->since_ms > s->header_ms)) ||
                   (c->phase == PH_BODY && t - c->since_ms > s->body_ms);
        if (late) {
            shutdown(c->fd, SHUT_RDWR);
            c->shut = 1;
        }
    }
}

static void *watchdog(void *arg)
{
    ng_server *s = arg;
    pthread_mutex_lock(&s->lock);
    while (!s->watch_stop) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += 100 * 1000 * 1000;
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&s->tick, &s->lock, &until);
        if (s->watch_stop) break;
        shut_late(s);
        pthread_mutex_unlock(&s->lock);
        expire_jobs(s, 0);
        pthread_mutex_lock(&s->lock);
    }
    pthread_mutex_unlock(&s->lock);
    return NULL;
}

/* ------------------------------------------------------ request lifetime */

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *c)
{
    ng_server *s = cls;
    req_state *r = calloc(1, sizeof *r);
    if (!r) return NULL;
    r->server = s;
    r->conn = conn_of(c);
    clock_gettime(CLOCK_MONOTONIC, &r->start);
    r->uri = strdup(uri ? uri : "");
    atomic_fetch_add(&s->active, 1);
    return r;
}

static void log_request(const req_state *r)
{
    FILE *log = r->server->log;
    if (!log) return;
    const char *uri = r->uri ? r->uri : "?";
    uint64_t bytes = strcmp(r->method, "HEAD") ? r->bytes : 0; /* no body goes out */
    size_t plen = strcspn(uri, "?");
    /* a long path is cut, so that the line stays whole with its status */
    log_line(log, "access: %s %.*s%s status=%d bytes=%llu ms=%.3f\n", r->method[0] ? r->method : "-",
             (int)(plen > 200 ? 200 : plen), uri, plen > 200 ? "..." : "", r->status, (unsigned long long)bytes,
             ms_since(&r->start));
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    ng_server *s = cls;
    req_state *r = *con_cls;
    (void)toe;
    if (!r) return;
    if (!r->status) { /* answered by libmicrohttpd itself (400, 413, 414, 431, 505) */
        const union MHD_ConnectionInfo *i = MHD_get_connection_info(c, MHD_CONNECTION_INFO_HTTP_STATUS);
        if (i) r->status = (int)i->http_status;
    }
    log_request(r);
    if (r->job) {
        pthread_mutex_lock(&s->lock);
        if (r->conn) r->conn->job = NULL;
        pthread_mutex_unlock(&s->lock);
        job_release(r->job);
    }
    set_phase(s, r->conn, PH_HEADERS); /* the next request's headers are due */
    budget_give(s, r->reserved);
    free(r->body);
    free(r->uri);
    free(r);
    *con_cls = NULL;
    atomic_fetch_sub(&s->active, 1);
}

/* ------------------------------------------------------------ responses */

/* On a worker: the next line, then the connection goes on. */
static void stream_next(ng_pool_job *base)
{
    stream_ctx *sc = (stream_ctx *)base;
    sc->more = ng_serve_batch_next(sc->batch, &sc->line, &sc->len);
    if (!sc->more) sc->len = 0;
    sc->off = 0;
    sc->ready = 1;
    MHD_resume_connection(sc->conn);
}

static ssize_t stream_read(void *cls, uint64_t pos, char *buf, size_t max)
{
    stream_ctx *sc = cls;
    (void)pos;
    while (sc->off >= sc->len) {
        if (sc->ready) {
            sc->ready = 0;
            if (!sc->more) return MHD_CONTENT_READER_END_OF_STREAM;
            continue;
        }
        if (!atomic_load(&sc->server->stopping) && ng_pool_reserve(sc->server->pool)) {
            MHD_suspend_connection(sc->conn);
            ng_pool_push(sc->server->pool, &sc->base);
            return 0; /* called again once resumed */
        }
        if (!ng_serve_batch_next(sc->batch, &sc->line, &sc->len)) return MHD_CONTENT_READER_END_OF_STREAM;
        sc->off = 0;
    }
    size_t n = sc->len - sc->off < max ? sc->len - sc->off : max;
    memcpy(buf, sc->line + sc->off, n);
    sc->off += n;
    *sc->bytes += n;
    return (ssize_t)n;
}

static void stream_free(void *cls)
{
    stream_ctx *sc = cls;
    ng_serve_batch_free(sc->batch);
    free(sc);
}

/* Makes the MHD response, taking the body or stream from res. */
static struct MHD_Response *make_response(struct MHD_Connection *c, ng_serve_response *res, req_state *r)
{
    struct MHD_Response *m;
    if (res->stream) {
        stream_ctx *sc = calloc(1, sizeof *sc);
        if (!sc) return NULL;
        sc->base.run = stream_next;
        sc->server = r->server;
        sc->conn = c;
        sc->batch = res->stream;
        sc->bytes = &r->bytes;
        m = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 64 * 1024, stream_read, sc, stream_free);
        if (!m) free(sc);
        else res->stream = NULL;
        return m;
    }
    enum MHD_ResponseMemoryMode mode = res->body_static ? MHD_RESPMEM_PERSISTENT : MHD_RESPMEM_MUST_FREE;
    m = MHD_create_response_from_buffer(res->len, res->body, mode);
    if (m) {
        r->bytes = res->len;
        res->body = NULL;
    }
    return m;
}

static enum MHD_Result send_response_retry(struct MHD_Connection *c, req_state *r, ng_serve_response *res,
                                           const char *retry_after)
{
    struct MHD_Response *m = make_response(c, res, r);
    if (!m) return MHD_NO;
    MHD_add_response_header(m, MHD_HTTP_HEADER_CONTENT_TYPE, res->content_type);
    MHD_add_response_header(m, "X-Content-Type-Options", "nosniff");
    if (res->allow) MHD_add_response_header(m, MHD_HTTP_HEADER_ALLOW, res->allow);
    if (res->csp) MHD_add_response_header(m, "Content-Security-Policy", res->csp);
    if (retry_after) MHD_add_response_header(m, MHD_HTTP_HEADER_RETRY_AFTER, retry_after);
    /* a body we did not read whole, or a stop: the client must not send more here */
    if (atomic_load(&r->server->stopping) || r->too_big || r->over_budget)
        MHD_add_response_header(m, MHD_HTTP_HEADER_CONNECTION, "close");
    r->status = res->status;
    set_phase(r->server, r->conn, PH_BUSY);
    enum MHD_Result ok = MHD_queue_response(c, (unsigned)res->status, m);
    MHD_destroy_response(m);
    return ok;
}

static enum MHD_Result send_response(struct MHD_Connection *c, req_state *r, ng_serve_response *res)
{
    return send_response_retry(c, r, res, NULL);
}

/* A static JSON error. */
static enum MHD_Result send_static(struct MHD_Connection *c, req_state *r, int status, const char *body,
                                   size_t len, const char *retry_after)
{
    ng_serve_response res = {status, "application/json", NULL, NULL, (char *)body, len, 1, NULL};
    return send_response_retry(c, r, &res, retry_after);
}

#define STATIC_BODY(b) b, sizeof b - 1

static enum MHD_Result send_too_big(struct MHD_Connection *c, req_state *r)
{
    char body[256];
    int n = snprintf(body, sizeof body,
                     "{\"error\":{\"http\":413,\"status\":\"too_big\","
                     "\"message\":\"the body is over the size limit of %zu bytes\"}}",
                     r->server->cfg.max_body);
    ng_serve_response res = {413, "application/json", NULL, NULL, NULL, 0, 0, NULL};
    res.body = malloc((size_t)n + 1);
    if (!res.body) return MHD_NO;
    memcpy(res.body, body, (size_t)n + 1);
    res.len = (size_t)n;
    enum MHD_Result ok = send_response(c, r, &res);
    ng_serve_response_free(&res);
    return ok;
}

static enum MHD_Result send_busy(struct MHD_Connection *c, req_state *r, const char *why)
{
    static const char memory[] =
        "{\"error\":{\"http\":503,\"status\":\"busy\",\"message\":\"the server holds as many "
        "request bodies as its memory budget allows; retry later\",\"retry_after\":2}}";
    static const char queue[] =
        "{\"error\":{\"http\":503,\"status\":\"busy\",\"message\":\"the work queue is full; "
        "retry later\",\"retry_after\":2}}";
    static const char deadline[] =
        "{\"error\":{\"http\":503,\"status\":\"timeout\",\"message\":\"the work took longer "
        "than the server's --max-seconds\",\"retry_after\":2}}";
    static const char stopping[] =
        "{\"error\":{\"http\":503,\"status\":\"stopping\",\"message\":\"the server is "
        "stopping\",\"retry_after\":2}}";
    if (!strcmp(why, "memory")) return send_static(c, r, 503, STATIC_BODY(memory), "2");
    if (!strcmp(why, "queue")) return send_static(c, r, 503, STATIC_BODY(queue), "2");
    if (!strcmp(why, "stopping")) return send_static(c, r, 503, STATIC_BODY(stopping), "2");
    return send_static(c, r, 503, STATIC_BODY(deadline), "2");
}

/* /healthz with the server's load: queue depth, work running, body bytes
 * held, open connections. */
static enum MHD_Result send_health(struct MHD_Connection *c, req_state *r)
{
    unsigned queued = 0, running = 0;
    ng_pool_stats(r->server->pool, &queued, &running);
    pthread_mutex_lock(&r->server->lock);
    long conns = r->server->nconns;
    pthread_mutex_unlock(&r->server->lock);
    ng_serve_response res = {200, "application/json", NULL, NULL, NULL, 0, 0, NULL};
    res.body = malloc(256);
    if (!res.body) return MHD_NO;
    int n = snprintf(res.body, 256,
                     "{\"status\":\"%s\",\"queue\":%u,\"running\":%u,\"inflight_bytes\":%zu,"
                     "\"connections\":%ld}",
                     atomic_load(&r->server->stopping) ? "stopping" : "ok", queued, running,
                     atomic_load(&r->server->inflight), conns);
    res.len = n > 0 && n < 256 ? (size_t)n : 0;
    enum MHD_Result ok = send_response(c, r, &res);
    ng_serve_response_free(&res);
    return ok;
}

/* ----------------------------------------------------------- the handler */

static void drop_body(req_state *r)
{
    free(r->body);
    r->body = NULL;
    r->len = r->cap = 0;
    budget_give(r->server, r->reserved);
    r->reserved = 0;
}

/* Keeps upload bytes up to the size limit, the buffer counted against the
 * memory budget; past either it drops the body and only counts what comes
 * (too_big or over_budget says which; the answer goes out at the end). */
static void take_upload(req_state *r, const char *data, size_t n)
{
    size_t limit = r->server->cfg.max_body;
    r->seen += n;
    if (r->too_big || r->over_budget) return;
    if (r->len + n > limit) {
        r->too_big = 1;
        drop_body(r);
        return;
    }
    if (r->len + n > r->cap) {
        size_t cap = r->cap ? r->cap : r->reserved ? r->reserved : 16384;
        while (cap < r->len + n) cap *= 2;
        if (cap > limit) cap = limit;
        if (cap > r->reserved && !budget_take(r->server, cap - r->reserved)) {
            r->over_budget = 1;
            drop_body(r);
            return;
        }
        if (cap > r->reserved) r->reserved = cap;
        char *p = realloc(r->body, cap);
        if (!p) {
            r->over_budget = 1;
            drop_body(r);
            return;
        }
        r->body = p;
        r->cap = cap;
    }
    memcpy(r->body + r->len, data, n);
    r->len += n;
}

/* The declared Content-Length: 0 when none, SIZE_MAX when unreadable or huge. */
static size_t declared_length(struct MHD_Connection *c)
{
    const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
    if (!cl) return 0;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(cl, &end, 10);
    if (errno == ERANGE || end == cl || v > SIZE_MAX) return SIZE_MAX;
    return (size_t)v;
}

/* Before the body: answers 404, 405, 415, a declared 413 and a body the
 * memory budget cannot hold (503) at once, so that no body is read for
 * them.  A declared body's bytes are counted against the budget here. */
static enum MHD_Result send_header_too_big(struct MHD_Connection *c, req_state *r, int uri)
{
    static const char long_uri[] =
        "{\"error\":{\"http\":414,\"status\":\"too_big\",\"message\":\"the request target is over 8192 bytes\"}}";
    static const char long_headers[] =
        "{\"error\":{\"http\":431,\"status\":\"too_big\",\"message\":\"the request headers are over 16384 bytes\"}}";
    r->too_big = 1; /* and the connection closes */
    if (uri) return send_static(c, r, 414, STATIC_BODY(long_uri), NULL);
    return send_static(c, r, 431, STATIC_BODY(long_headers), NULL);
}

static enum MHD_Result first_call(struct MHD_Connection *c, req_state *r, const char *method)
{
    /* answered here in JSON; past MHD_POOL_BYTES libmicrohttpd answers
     * itself (HTML), before the service sees the request */
    if (strlen(r->uri) > MAX_URI_BYTES) return send_header_too_big(c, r, 1);
    const union MHD_ConnectionInfo *hs = MHD_get_connection_info(c, MHD_CONNECTION_INFO_REQUEST_HEADER_SIZE);
    if (hs && hs->header_size > MAX_HEADER_BYTES) return send_header_too_big(c, r, 0);
    const char *ct = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
    ng_serve_request req = {method, r->uri, ct, NULL, 0};
    ng_serve_response res;
    if (ng_serve_early(&req, &res)) {
        enum MHD_Result ok = send_response(c, r, &res);
        ng_serve_response_free(&res);
        return ok;
    }
    size_t declared = declared_length(c);
    if (declared > r->server->cfg.max_body) {
        r->too_big = 1;
        return send_too_big(c, r);
    }
    if (declared) {
        if (!budget_take(r->server, declared)) {
            r->over_budget = 1;
            return send_busy(c, r, "memory");
        }
        r->reserved = declared;
    }
    return MHD_YES;
}

/* Hands a heavy request to the worker pool and suspends its connection
 * until the worker (or the watchdog, past the deadline) resumes it. */
static enum MHD_Result submit_job(struct MHD_Connection *c, req_state *r, const char *method)
{
    ng_server *s = r->server;
    const char *ct = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
    work_job *j = calloc(1, sizeof *j);
    if (j) {
        j->method = strdup(method);
        j->uri = strdup(r->uri);
        j->content_type = ct ? strdup(ct) : NULL;
    }
    if (!j || !j->method || !j->uri || (ct && !j->content_type)) {
        if (j) {
            free(j->method);
            free(j->uri);
            free(j->content_type);
            free(j);
        }
        return MHD_NO;
    }
    if (!ng_pool_reserve(s->pool)) {
        free(j->method);
        free(j->uri);
        free(j->content_type);
        free(j);
        return send_busy(c, r, "queue");
    }
    j->base.run = job_run;
    j->server = s;
    j->conn = c;
    j->body = r->body; /* the job owns the body and its share of the budget now */
    j->len = r->len;
    j->reserved = r->reserved;
    r->body = NULL;
    r->len = r->cap = r->reserved = 0;
    j->deadline_ms = now_ms() + s->work_ms;
    atomic_init(&j->answered, 0);
    atomic_init(&j->refs, 2); /* the request's and the pool's */
    r->job = j;
    pthread_mutex_lock(&s->lock);
    if (r->conn) r->conn->job = j;
    pthread_mutex_unlock(&s->lock);
    set_phase(s, r->conn, PH_BUSY);
    MHD_suspend_connection(c);
    ng_pool_push(s->pool, &j->base);
    return MHD_YES;
}

/* The connection was resumed: the job's answer, or 503. */
static enum MHD_Result answer_job(struct MHD_Connection *c, req_state *r)
{
    work_job *j = r->job;
    if (j->expired) return send_busy(c, r, j->expired == 2 ? "stopping" : "deadline");
    return send_response(c, r, &j->res);
}

static int is_health(const req_state *r, const char *method)
{
    return (!strcmp(method, "GET") || !strcmp(method, "HEAD")) && strcspn(r->uri, "?") == 8 &&
           !strncmp(r->uri, "/healthz", 8);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version, const char *upload,
                                  size_t *upload_size, void **con_cls)
{
    ng_server *s = cls;
    req_state *r = *con_cls;
    (void)url;
    (void)version;
    if (!r || !r->uri) return MHD_NO;
    if (!r->started) {
        r->started = 1;
        snprintf(r->method, sizeof r->method, "%s", method);
        set_phase(s, r->conn, PH_BODY);
        return first_call(c, r, method);
    }
    if (*upload_size) {
        take_upload(r, upload, *upload_size);
        *upload_size = 0;
        return MHD_YES;
    }
    if (r->job) return answer_job(c, r);
    if (r->too_big) return send_too_big(c, r);
    if (r->over_budget) return send_busy(c, r, "memory");
    set_phase(s, r->conn, PH_BUSY);
    if (is_health(r, method)) return send_health(c, r);
    if (ng_serve_is_heavy(r->uri)) return submit_job(c, r, method);
    const char *ct = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
    ng_serve_request req = {method, r->uri, ct, r->body ? r->body : "", r->len};
    ng_serve_response res;
    ng_serve_route(&s->cfg, &req, &res);
    enum MHD_Result ok = send_response(c, r, &res);
    ng_serve_response_free(&res);
    return ok;
}

/* ------------------------------------------------------------ lifecycle */

typedef union any_addr {
    struct sockaddr sa;
    struct sockaddr_in in4;
    struct sockaddr_in6 in6;
} any_addr;

static ng_status parse_bind(const char *bind, unsigned port, any_addr *a, int *ipv6, ng_error *err)
{
    memset(a, 0, sizeof *a);
    *ipv6 = 0;
    if (!bind) bind = "127.0.0.1";
    if (inet_pton(AF_INET, bind, &a->in4.sin_addr) == 1) {
        a->in4.sin_family = AF_INET;
        a->in4.sin_port = htons((uint16_t)port);
        return NG_OK;
    }
    if (inet_pton(AF_INET6, bind, &a->in6.sin6_addr) == 1) {
        a->in6.sin6_family = AF_INET6;
        a->in6.sin6_port = htons((uint16_t)port);
        *ipv6 = 1;
        return NG_OK;
    }
    return ng_fail(err, NG_E_ARG, 0, "--bind wants an IPv4 or IPv6 address, not '%s'", bind);
}

static unsigned cores(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 && n < 1024 ? (unsigned)n : 1;
}

/* The connection limit asked for, within what the open-file limit allows
 * (room kept for the listening socket, logs and the model files). */
static unsigned connection_limit(unsigned want)
{
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur > 64 &&
        (rlim_t)want > rl.rlim_cur - 64)
        want = (unsigned)(rl.rlim_cur - 64);
    return want ? want : 1;
}

static struct MHD_Daemon *start_daemon(ng_server *s, const ng_server_options *o, const any_addr *a,
                                       int ipv6)
{
    unsigned threads = o->threads ? o->threads : cores();
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | MHD_USE_ITC | MHD_USE_ERROR_LOG |
                     MHD_ALLOW_SUSPEND_RESUME;
    if (ipv6) flags |= MHD_USE_IPv6;
    unsigned maxconn = connection_limit(o->max_connections ? o->max_connections : NG_SERVE_DEFAULT_MAX_CONNECTIONS);
    unsigned perip = o->max_per_ip ? o->max_per_ip : NG_SERVE_DEFAULT_MAX_PER_IP;
    return MHD_start_daemon(
        flags, (uint16_t)o->port, NULL, NULL, on_request, s,
        MHD_OPTION_EXTERNAL_LOGGER, mhd_log, s,
        MHD_OPTION_SOCK_ADDR, &a->sa,
        MHD_OPTION_THREAD_POOL_SIZE, threads > 1 ? threads : 0u,
        MHD_OPTION_CONNECTION_TIMEOUT, o->timeout_s ? o->timeout_s : 30u,
        MHD_OPTION_CONNECTION_LIMIT, maxconn,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, perip,
        MHD_OPTION_LISTEN_BACKLOG_SIZE, 1024u,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)MHD_POOL_BYTES,
        MHD_OPTION_URI_LOG_CALLBACK, on_uri, s,
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
        MHD_OPTION_NOTIFY_CONNECTION, on_connection, s,
        MHD_OPTION_END);
}

static void server_free(ng_server *s)
{
    if (s->watchdog_on) {
        pthread_mutex_lock(&s->lock);
        s->watch_stop = 1;
        pthread_cond_signal(&s->tick);
        pthread_mutex_unlock(&s->lock);
        pthread_join(s->watchdog, NULL);
    }
    ng_pool_free(s->pool);
    pthread_cond_destroy(&s->tick);
    pthread_mutex_destroy(&s->lock);
    free(s);
}

/* Copies the options and their defaults into a new server; NULL when out
 * of memory. */
static ng_server *server_new(const ng_server_options *o)
{
    ng_server *s = calloc(1, sizeof *s);
    if (!s) return NULL;
    s->cfg = o->handler;
    if (!s->cfg.max_body) s->cfg.max_body = NG_SERVE_DEFAULT_MAX_BODY;
    s->log = o->log;
    unsigned idle = o->timeout_s ? o->timeout_s : 30;
    s->header_ms = (o->header_timeout_s ? o->header_timeout_s : NG_SERVE_DEFAULT_HEADER_TIMEOUT) * 1000.0;
    s->body_ms = (o->body_timeout_s ? o->body_timeout_s : idle) * 1000.0;
    s->work_ms = (o->max_seconds ? o->max_seconds : NG_SERVE_DEFAULT_MAX_SECONDS) * 1000.0;
    s->max_inflight = o->max_inflight ? o->max_inflight : NG_SERVE_DEFAULT_MAX_INFLIGHT;
    atomic_init(&s->inflight, 0);
    atomic_init(&s->active, 0);
    atomic_init(&s->stopping, 0);
    pthread_mutex_init(&s->lock, NULL);
    pthread_cond_init(&s->tick, NULL);
    s->pool = ng_pool_new(o->workers ? o->workers : cores(), o->queue ? o->queue : NG_SERVE_DEFAULT_QUEUE);
    if (!s->pool || pthread_create(&s->watchdog, NULL, watchdog, s)) {
        server_free(s);
        return NULL;
    }
    s->watchdog_on = 1;
    return s;
}

ng_status ng_server_start(const ng_server_options *o, ng_server **out, ng_error *err)
{
    *out = NULL;
    if (o->port > 65535) return ng_fail(err, NG_E_ARG, 0, "--port must be from 0 to 65535");
    any_addr a;
    int ipv6;
    ng_status st = parse_bind(o->bind, o->port, &a, &ipv6, err);
    if (st != NG_OK) return st;
    ng_server *s = server_new(o);
    if (!s) return ng_fail(err, NG_E_NOMEM, 0, "out of memory");
    s->daemon = start_daemon(s, o, &a, ipv6);
    if (!s->daemon) {
        int e = errno;
        server_free(s);
        return ng_fail(err, NG_E_IO, 0, "cannot listen on %s port %u: %s", o->bind ? o->bind : "127.0.0.1",
                       o->port, e ? strerror(e) : "libmicrohttpd refused the options");
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
    s->port = info ? info->port : o->port;
    *out = s;
    return NG_OK;
}

unsigned ng_server_port(const ng_server *s) { return s->port; }

static long open_connections(ng_server *s)
{
    pthread_mutex_lock(&s->lock);
    long n = s->nconns;
    pthread_cond_signal(&s->tick); /* let the watchdog close idle ones now */
    pthread_mutex_unlock(&s->lock);
    return n;
}

void ng_server_stop(ng_server *s, unsigned grace_ms)
{
    if (!s) return;
    atomic_store(&s->stopping, 1);
    MHD_socket fd = MHD_quiesce_daemon(s->daemon);
    /* refuse new connections now rather than reset them at the end */
    if (fd != MHD_INVALID_SOCKET) shutdown(fd, SHUT_RDWR);
    struct timespec tick = {0, 10 * 1000 * 1000};
    for (unsigned waited = 0; open_connections(s) > 0 && waited < grace_ms; waited += 10)
        nanosleep(&tick, NULL);
    /* work still out: answered 503, and a moment for those answers to go */
    expire_jobs(s, 1);
    for (unsigned waited = 0; open_connections(s) > 0 && waited < 200; waited += 10) nanosleep(&tick, NULL);
    /* no worker may still resume a connection once MHD stops (a batch line
     * being made); heavy work past its answer no longer touches one */
    for (;;) {
        unsigned queued, running;
        ng_pool_stats(s->pool, &queued, &running);
        if (!queued && !running) break;
        nanosleep(&tick, NULL);
    }
    MHD_stop_daemon(s->daemon);
    if (fd != MHD_INVALID_SOCKET) close(fd);
    server_free(s);
}
