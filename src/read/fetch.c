/* fetch.c - ng_fetch: gets a page from an http:// or https:// URL with
 * libcurl for the readers: connect and total timeouts, a byte limit that
 * stops the transfer, at most NG_FETCH_MAX_REDIRECTS redirects, gzip and
 * deflate, a nutgraf User-Agent; refuses HTTP statuses >= 400 and content
 * types that are not HTML or text, and converts a declared charset to UTF-8
 * (charset.c).  libcurl is set up once under pthread_once.  Never prints. */
#include <curl/curl.h>
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/doc.h"
#include "read/charset.h"

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static CURLcode curl_init_rc = CURLE_FAILED_INIT;

static void init_curl(void) { curl_init_rc = curl_global_init(CURL_GLOBAL_DEFAULT); }

int ng_is_url(const char *s)
{
    return s && (!strncasecmp(s, "http://", 7) || !strncasecmp(s, "https://", 8));
}

void ng_fetch_options_init(ng_fetch_options *opts)
{
    if (!opts) return;
    opts->max_bytes = NG_DEFAULT_MAX_BYTES;
    opts->connect_timeout_ms = NG_DEFAULT_CONNECT_TIMEOUT_MS;
    opts->timeout_ms = NG_DEFAULT_FETCH_TIMEOUT_MS;
}

void ng_fetched_free(ng_fetched *f)
{
    if (!f) return;
    free(f->bytes);
    free(f->url);
    free(f->content_type);
    free(f->charset);
    memset(f, 0, sizeof *f);
}

/* Why the body callback stopped the transfer. */
typedef enum stop_why { STOP_NONE, STOP_TOO_BIG, STOP_STATUS, STOP_TYPE, STOP_NOMEM } stop_why;

typedef struct sink {
    CURL *h;
    char *p;
    size_t len, cap, max;
    int checked;
    stop_why stop;
} sink;

/* HTML or text, or no type at all (the readers sniff the bytes). */
static int acceptable_type(const char *ctype)
{
    if (!ctype) return 1;
    while (*ctype == ' ') ctype++;
    if (!*ctype) return 1;
    return !strncasecmp(ctype, "text/", 5) || !strncasecmp(ctype, "application/xhtml+xml", 21);
}

/* The checks once the final response's headers are in. */
static stop_why check_response(CURL *h)
{
    long code = 0;
    char *ctype = NULL;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
    if (code >= 400) return STOP_STATUS;
    curl_easy_getinfo(h, CURLINFO_CONTENT_TYPE, &ctype);
    return acceptable_type(ctype) ? STOP_NONE : STOP_TYPE;
}

static size_t on_body(char *data, size_t size, size_t n, void *ctx)
{
    sink *s = ctx;
    size_t add = size * n;
    if (!s->checked) {
        s->checked = 1;
        s->stop = check_response(s->h);
        if (s->stop != STOP_NONE) return 0;
    }
    if (add > s->max - s->len) {
        s->stop = STOP_TOO_BIG;
        return 0;
    }
    if (add + 1 > s->cap - s->len) {
        size_t cap = s->cap ? s->cap : 65536;
        while (add + 1 > cap - s->len) cap *= 2;
        char *p = realloc(s->p, cap);
        if (!p) {
            s->stop = STOP_NOMEM;
            return 0;
        }
        s->p = p;
        s->cap = cap;
    }
    memcpy(s->p + s->len, data, add);
    s->len += add;
    return add;
}

/* The host of url (after "://", without user, port or path) into out. */
static void host_of(const char *url, char *out, size_t outsz)
{
    const char *p = url ? strstr(url, "://") : NULL;
    p = p ? p + 3 : url ? url : "";
    size_t n = strcspn(p, "/?#");
    const char *at = memchr(p, '@', n);
    if (at) {
        n -= (size_t)(at + 1 - p);
        p = at + 1;
    }
    if (n && p[0] == '[') { /* [::1]:8080 */
        const char *close = memchr(p, ']', n);
        if (close) n = (size_t)(close + 1 - p);
    } else {
        const char *colon = memchr(p, ':', n);
        if (colon) n = (size_t)(colon - p);
    }
    snprintf(out, outsz, "%.*s", (int)n, p);
}

static double seconds(long ms) { return (double)ms / 1000.0; }

/* The error of a failed transfer, in one line. */
static ng_status transfer_error(CURL *h, CURLcode rc, const sink *s, const char *url,
                                const ng_fetch_options *o, const char *errbuf, ng_error *err)
{
    char *eff = NULL;
    curl_easy_getinfo(h, CURLINFO_EFFECTIVE_URL, &eff);
    char host[256];
    host_of(eff ? eff : url, host, sizeof host);
    const char *detail = errbuf[0] ? errbuf : curl_easy_strerror(rc);
    long os_errno = 0;
    curl_off_t size = -1;
    long code = 0;
    char *ctype = NULL;
    switch (s->stop) {
    case STOP_TOO_BIG:
        return ng_fail(err, NG_E_TOO_BIG, 0, "the page is more than %zu bytes, over the limit of %zu",
                       s->max, s->max);
    case STOP_STATUS:
        curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
        return ng_fail(err, NG_E_NETWORK, 0, "HTTP status %ld from %s", code, host);
    case STOP_TYPE:
        curl_easy_getinfo(h, CURLINFO_CONTENT_TYPE, &ctype);
        return ng_fail(err, NG_E_FORMAT, 0, "content type '%.100s' is not HTML or text", ctype ? ctype : "");
    case STOP_NOMEM: return ng_fail(err, NG_E_NOMEM, 0, "out of memory fetching the page");
    case STOP_NONE: break;
    }
    switch (rc) {
    case CURLE_COULDNT_RESOLVE_HOST:
        return ng_fail(err, NG_E_NETWORK, 0, "could not resolve host '%s' (DNS lookup failed)", host);
    case CURLE_COULDNT_RESOLVE_PROXY: return ng_fail(err, NG_E_NETWORK, 0, "could not resolve the proxy: %s", detail);
    case CURLE_COULDNT_CONNECT:
        curl_easy_getinfo(h, CURLINFO_OS_ERRNO, &os_errno);
        if (os_errno == ECONNREFUSED) return ng_fail(err, NG_E_NETWORK, 0, "connection refused by %s", host);
        return ng_fail(err, NG_E_NETWORK, 0, "could not connect to %s: %s", host, detail);
    case CURLE_OPERATION_TIMEDOUT: {
        curl_off_t connected = 0;
        curl_easy_getinfo(h, CURLINFO_CONNECT_TIME_T, &connected);
        if (connected == 0)
            return ng_fail(err, NG_E_NETWORK, 0, "timed out connecting to %s (connect timeout %g s)", host,
                           seconds(o->connect_timeout_ms));
        return ng_fail(err, NG_E_NETWORK, 0, "timed out: no complete answer from %s within %g s", host,
                       seconds(o->timeout_ms));
    }
    case CURLE_TOO_MANY_REDIRECTS:
        return ng_fail(err, NG_E_NETWORK, 0, "more than %d redirects", NG_FETCH_MAX_REDIRECTS);
    case CURLE_FILESIZE_EXCEEDED:
        curl_easy_getinfo(h, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &size);
        if (size > 0)
            return ng_fail(err, NG_E_TOO_BIG, 0, "the page is %lld bytes, over the limit of %zu",
                           (long long)size, s->max);
        return ng_fail(err, NG_E_TOO_BIG, 0, "the page is over the limit of %zu bytes", s->max);
    case CURLE_UNSUPPORTED_PROTOCOL:
        return ng_fail(err, NG_E_NETWORK, 0, "redirected to a URL that is not http or https: %s", detail);
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
        return ng_fail(err, NG_E_NETWORK, 0, "TLS failure with %s: %s", host, detail);
    case CURLE_OUT_OF_MEMORY: return ng_fail(err, NG_E_NOMEM, 0, "out of memory fetching the page");
    default: return ng_fail(err, NG_E_NETWORK, 0, "fetching failed: %s", detail);
    }
}

static char *dup_or_null(const char *s) { return s ? strdup(s) : NULL; }

/* The body as UTF-8: converted from the charset the header or the page
 * declares (charset.c). */
static ng_status to_utf8(sink *s, ng_fetched *out, ng_error *err)
{
    char declared[NG_CHARSET_NAME_MAX], used[NG_CHARSET_NAME_MAX];
    ng_charset_from_content_type(out->content_type, declared, sizeof declared);
    int html = !out->content_type || !strncasecmp(out->content_type, "text/html", 9) ||
               !strncasecmp(out->content_type, "application/xhtml+xml", 21);
    char *conv = NULL;
    size_t conv_len = 0;
    ng_status st = ng_charset_decode(s->p ? s->p : "", s->len, declared, html, &conv, &conv_len, used, err);
    if (st != NG_OK) return st;
    if (conv) {
        free(s->p);
        s->p = conv;
        s->len = conv_len;
        s->cap = conv_len + 1;
        out->charset = strdup(used);
        if (!out->charset) return ng_fail(err, NG_E_NOMEM, 0, "out of memory");
    }
    if (!s->p) { /* an empty body */
        s->p = malloc(1);
        if (!s->p) return ng_fail(err, NG_E_NOMEM, 0, "out of memory");
    }
    s->p[s->len] = '\0';
    out->bytes = s->p;
    out->len = s->len;
    s->p = NULL;
    return NG_OK;
}

static void set_options(CURL *h, const char *url, const ng_fetch_options *o, sink *s, char *errbuf,
                        struct curl_slist *headers)
{
    curl_easy_setopt(h, CURLOPT_URL, url);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
#if LIBCURL_VERSION_NUM >= 0x075500
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
#else
    curl_easy_setopt(h, CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
    curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(h, CURLOPT_MAXREDIRS, (long)NG_FETCH_MAX_REDIRECTS);
    curl_easy_setopt(h, CURLOPT_AUTOREFERER, 1L);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, o->connect_timeout_ms);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, o->timeout_ms);
    curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "gzip, deflate");
    curl_easy_setopt(h, CURLOPT_USERAGENT, "nutgraf/" NG_VERSION);
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)o->max_bytes);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, s);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
}

ng_status ng_fetch(const char *url, const ng_fetch_options *opts, ng_fetched *out, ng_error *err)
{
    if (!out) return ng_fail(err, NG_E_ARG, 0, "no place for the page");
    memset(out, 0, sizeof *out);
    if (!ng_is_url(url)) return ng_fail(err, NG_E_ARG, 0, "not an http:// or https:// URL");
    ng_fetch_options o;
    ng_fetch_options_init(&o);
    if (opts && opts->max_bytes) o.max_bytes = opts->max_bytes;
    if (opts && opts->connect_timeout_ms > 0) o.connect_timeout_ms = opts->connect_timeout_ms;
    if (opts && opts->timeout_ms > 0) o.timeout_ms = opts->timeout_ms;
    pthread_once(&curl_once, init_curl);
    if (curl_init_rc != CURLE_OK) return ng_fail(err, NG_E_NETWORK, 0, "libcurl could not be set up");
    CURL *h = curl_easy_init();
    if (!h) return ng_fail(err, NG_E_NOMEM, 0, "out of memory setting up the transfer");
    struct curl_slist *headers =
        curl_slist_append(NULL, "Accept: text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1");
    sink s = {h, NULL, 0, 0, o.max_bytes, 0, STOP_NONE};
    char errbuf[CURL_ERROR_SIZE];
    errbuf[0] = '\0';
    set_options(h, url, &o, &s, errbuf, headers);
    CURLcode rc = curl_easy_perform(h);
    ng_status st = NG_OK;
    if (rc != CURLE_OK) {
        st = transfer_error(h, rc, &s, url, &o, errbuf, err);
    } else {
        /* an empty body never reaches on_body: check the response here too */
        if (!s.checked) s.stop = check_response(h);
        if (s.stop != STOP_NONE) st = transfer_error(h, rc, &s, url, &o, errbuf, err);
    }
    if (st == NG_OK) {
        char *eff = NULL, *ctype = NULL;
        curl_easy_getinfo(h, CURLINFO_EFFECTIVE_URL, &eff);
        curl_easy_getinfo(h, CURLINFO_CONTENT_TYPE, &ctype);
        curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &out->http_status);
        out->url = dup_or_null(eff ? eff : url);
        out->content_type = dup_or_null(ctype);
        if (!out->url || (ctype && !out->content_type)) st = ng_fail(err, NG_E_NOMEM, 0, "out of memory");
    }
    if (st == NG_OK) st = to_utf8(&s, out, err);
    free(s.p);
    curl_slist_free_all(headers);
    curl_easy_cleanup(h);
    if (st != NG_OK) ng_fetched_free(out);
    return st;
}
