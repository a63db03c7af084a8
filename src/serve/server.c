/* server.c - the HTTP server behind `nutgraf serve`, on libmicrohttpd: a
 * pool of polling threads, request bodies collected up to a size limit
 * (413 beyond it), a timeout for idle connections and one for receiving a
 * whole request (slow senders are cut off), one access log line per request
 * (method, path, status, bytes, milliseconds), batch responses streamed with
 * chunked encoding, and a graceful stop that lets requests in flight finish.
 *
 * Ownership: each request's state (req_state) is made by the URI callback
 * and freed by the completion callback; a streamed response owns its batch
 * stream and MHD frees it through stream_free. */
#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/doc.h"
#include "serve/serve.h"

struct ng_server {
    struct MHD_Daemon *daemon;
    ng_serve_config cfg;
    FILE *log;
    unsigned port;
    double deadline_ms; /* the longest a request's headers and body may take */
    atomic_long active; /* requests begun and not yet completed */
};

typedef struct req_state {
    ng_server *server;
    struct timespec start;
    char *uri; /* as sent: path and query */
    char method[16];
    char *body;
    size_t len, cap;
    size_t seen; /* body bytes received, kept or not */
    int started, too_big;
    int status;
    uint64_t bytes; /* response body bytes sent */
} req_state;

typedef struct stream_ctx {
    ng_serve_batch *batch;
    const char *line;
    size_t len, off;
    uint64_t *bytes; /* the request's counter; written only while sending */
} stream_ctx;

static double ms_since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) * 1e3 + (double)(t.tv_nsec - t0->tv_nsec) / 1e6;
}

static void mhd_log(void *cls, const char *fmt, va_list ap)
{
    ng_server *s = cls;
    if (!s->log) return;
    fputs("nutgraf serve: ", s->log);
    vfprintf(s->log, fmt, ap);
}

/* ------------------------------------------------------ request lifetime */

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *c)
{
    ng_server *s = cls;
    (void)c;
    req_state *r = calloc(1, sizeof *r);
    if (!r) return NULL;
    r->server = s;
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
    fprintf(log, "access: %s %.*s status=%d bytes=%llu ms=%.3f\n", r->method[0] ? r->method : "-",
            (int)strcspn(uri, "?"), uri, r->status, (unsigned long long)bytes, ms_since(&r->start));
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    ng_server *s = cls;
    req_state *r = *con_cls;
    (void)c;
    (void)toe;
    if (!r) return;
    log_request(r);
    free(r->body);
    free(r->uri);
    free(r);
    *con_cls = NULL;
    atomic_fetch_sub(&s->active, 1);
}

/* ------------------------------------------------------------ responses */

static ssize_t stream_read(void *cls, uint64_t pos, char *buf, size_t max)
{
    stream_ctx *sc = cls;
    (void)pos;
    while (sc->off >= sc->len) {
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
static struct MHD_Response *make_response(ng_serve_response *res, req_state *r)
{
    struct MHD_Response *m;
    if (res->stream) {
        stream_ctx *sc = calloc(1, sizeof *sc);
        if (!sc) return NULL;
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

static enum MHD_Result send_response(struct MHD_Connection *c, req_state *r, ng_serve_response *res)
{
    struct MHD_Response *m = make_response(res, r);
    if (!m) return MHD_NO;
    MHD_add_response_header(m, MHD_HTTP_HEADER_CONTENT_TYPE, res->content_type);
    MHD_add_response_header(m, "X-Content-Type-Options", "nosniff");
    if (res->allow) MHD_add_response_header(m, MHD_HTTP_HEADER_ALLOW, res->allow);
    if (res->csp) MHD_add_response_header(m, "Content-Security-Policy", res->csp);
    r->status = res->status;
    enum MHD_Result ok = MHD_queue_response(c, (unsigned)res->status, m);
    MHD_destroy_response(m);
    return ok;
}

static enum MHD_Result send_too_big(struct MHD_Connection *c, req_state *r)
{
    static const char body[] = "{\"error\":{\"http\":413,\"status\":\"too_big\","
                               "\"message\":\"the body is over the size limit\"}}";
    ng_serve_response res = {413, "application/json", NULL, NULL, (char *)body, sizeof body - 1, 1, NULL};
    return send_response(c, r, &res);
}

/* ----------------------------------------------------------- the handler */

/* Keeps upload bytes up to the limit; past it only counts them. */
static int take_upload(req_state *r, const char *data, size_t n)
{
    size_t limit = r->server->cfg.max_body;
    r->seen += n;
    if (r->too_big || r->len + n > limit) {
        r->too_big = 1;
        free(r->body);
        r->body = NULL;
        r->len = r->cap = 0;
        return r->seen / 4 > limit ? -1 : 0; /* stop reading a flood */
    }
    if (r->len + n > r->cap) {
        size_t cap = r->cap ? r->cap : 16384;
        while (cap < r->len + n) cap *= 2;
        if (cap > limit) cap = limit;
        char *p = realloc(r->body, cap);
        if (!p) return -1;
        r->body = p;
        r->cap = cap;
    }
    memcpy(r->body + r->len, data, n);
    r->len += n;
    return 0;
}

static int declared_too_big(struct MHD_Connection *c, size_t limit)
{
    const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
    if (!cl) return 0;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(cl, &end, 10);
    return errno == ERANGE || (end != cl && v > limit);
}

/* Before the body: answers 404, 405, 415 and a declared 413 at once, so
 * that no body is read for them. */
static enum MHD_Result first_call(struct MHD_Connection *c, req_state *r, const char *method)
{
    const char *ct = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
    ng_serve_request req = {method, r->uri, ct, NULL, 0};
    ng_serve_response res;
    if (ng_serve_early(&req, &res)) {
        enum MHD_Result ok = send_response(c, r, &res);
        ng_serve_response_free(&res);
        return ok;
    }
    if (declared_too_big(c, r->server->cfg.max_body)) return send_too_big(c, r);
    return MHD_YES;
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
        return first_call(c, r, method);
    }
    if (*upload_size) {
        if (ms_since(&r->start) > s->deadline_ms) return MHD_NO; /* too slow: drop it */
        int rc = take_upload(r, upload, *upload_size);
        *upload_size = 0;
        return rc ? MHD_NO : MHD_YES;
    }
    if (r->too_big) return send_too_big(c, r);
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

static struct MHD_Daemon *start_daemon(ng_server *s, const ng_server_options *o, const any_addr *a,
                                       int ipv6)
{
    unsigned threads = o->threads ? o->threads : cores();
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | MHD_USE_ITC | MHD_USE_ERROR_LOG;
    if (ipv6) flags |= MHD_USE_IPv6;
    return MHD_start_daemon(
        flags, (uint16_t)o->port, NULL, NULL, on_request, s,
        MHD_OPTION_EXTERNAL_LOGGER, mhd_log, s,
        MHD_OPTION_SOCK_ADDR, &a->sa,
        MHD_OPTION_THREAD_POOL_SIZE, threads > 1 ? threads : 0u,
        MHD_OPTION_CONNECTION_TIMEOUT, o->timeout_s ? o->timeout_s : 30u,
        MHD_OPTION_URI_LOG_CALLBACK, on_uri, s,
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
        MHD_OPTION_END);
}

ng_status ng_server_start(const ng_server_options *o, ng_server **out, ng_error *err)
{
    *out = NULL;
    if (o->port > 65535) return ng_fail(err, NG_E_ARG, 0, "--port must be from 0 to 65535");
    any_addr a;
    int ipv6;
    ng_status st = parse_bind(o->bind, o->port, &a, &ipv6, err);
    if (st != NG_OK) return st;
    ng_server *s = calloc(1, sizeof *s);
    if (!s) return ng_fail(err, NG_E_NOMEM, 0, "out of memory");
    s->cfg = o->handler;
    if (!s->cfg.max_body) s->cfg.max_body = NG_SERVE_DEFAULT_MAX_BODY;
    s->log = o->log;
    s->deadline_ms = (o->timeout_s ? o->timeout_s : 30) * 1000.0;
    atomic_init(&s->active, 0);
    s->daemon = start_daemon(s, o, &a, ipv6);
    if (!s->daemon) {
        int e = errno;
        free(s);
        return ng_fail(err, NG_E_IO, 0, "cannot listen on %s port %u: %s", o->bind ? o->bind : "127.0.0.1",
                       o->port, e ? strerror(e) : "libmicrohttpd refused the options");
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
    s->port = info ? info->port : o->port;
    *out = s;
    return NG_OK;
}

unsigned ng_server_port(const ng_server *s) { return s->port; }

void ng_server_stop(ng_server *s, unsigned grace_ms)
{
    if (!s) return;
    MHD_socket fd = MHD_quiesce_daemon(s->daemon);
    struct timespec tick = {0, 10 * 1000 * 1000};
    for (unsigned waited = 0; atomic_load(&s->active) > 0 && waited < grace_ms; waited += 10)
        nanosleep(&tick, NULL);
    MHD_stop_daemon(s->daemon);
    if (fd != MHD_INVALID_SOCKET) close(fd);
    free(s);
}
