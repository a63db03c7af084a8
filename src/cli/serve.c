/* serve.c - `nutgraf serve`: runs the HTTP service (src/serve) until
 * SIGTERM or SIGINT, then stops taking connections, lets the requests in
 * flight finish and exits 0.  The access log goes to stderr. */
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "cli/cli.h"
#include "serve/serve.h"

static void usage(FILE *out)
{
    fprintf(out,
"Usage: nutgraf serve [OPTIONS]\n"
"\n"
"Serves the summarizer over HTTP: POST /v1/summarize, /v1/analyze (JSON,\n"
"text/plain or text/html in, the document JSON of `summarize --json` out;\n"
"/v1/analyze takes ner_passes and max_tags as `nutgraf analyze` does),\n"
"POST /v1/batch (JSON Lines in and out, streamed), GET /healthz, /v1/version,\n"
"/v1/openapi.json, and a web page at /.  One access line per request goes\n"
"to stderr.  Summarizing and analysis run on a pool of worker threads with a\n"
"bounded queue, so /healthz (which reports the queue and the body bytes held)\n"
"answers at once while heavy work runs.  SIGTERM or SIGINT stops taking\n"
"connections, closes idle ones, answers the rest with Connection: close and\n"
"exits 0 once the requests in flight finish (at most --drain seconds).\n"
"With --db, the archive of `nutgraf index` is served too: GET /v1/search?q=\n"
"(the query language of `nutgraf search`), GET /v1/related?id= and POST\n"
"/v1/related (an article, as /v1/analyze takes it), GET /v1/stories/ID (the\n"
"stored story); the page gets a search box and lists an analysed story's\n"
"related stories.\n"
"\n"
"Options:\n"
"  -p, --port N        TCP port (default 8080; 0 picks a free one, printed on\n"
"                      stderr)\n"
"  -b, --bind ADDR     IPv4 or IPv6 address to listen on (default 127.0.0.1)\n"
"  -t, --threads N     worker threads (default: the number of cores)\n"
"      --max-body N    refuse request bodies over N bytes with 413\n"
"                      (default 10485760)\n"
"      --timeout S     close connections idle for S seconds (default 30)\n"
"      --header-timeout S  close a connection whose request headers are not\n"
"                      whole S seconds after it opened or after its previous\n"
"                      response (default 10; slow-header clients)\n"
"      --body-timeout S    drop a request whose body takes longer than S\n"
"                      seconds to arrive (default: --timeout)\n"
"      --max-connections N  open connections in all (default 10000, lowered\n"
"                      to fit the open-file limit, which serve raises to its\n"
"                      hard limit); more are closed at once\n"
"      --max-per-ip N  open connections from one client address (default 2048)\n"
"      --max-inflight-bytes N  bytes of request bodies held at once, over all\n"
"                      connections (default 268435456); a body that does not\n"
"                      fit gets 503 with Retry-After\n"
"      --workers N     threads that summarize and analyze (default: the cores)\n"
"      --queue N       requests that may wait for a worker (default 64); more\n"
"                      get 503 with Retry-After\n"
"      --max-seconds S answer 503 when a request's work (queue wait included)\n"
"                      is not done in S seconds (default 60); work not begun\n"
"                      is dropped, work begun runs to its end unanswered\n"
"      --drain S       on SIGTERM, how long to wait for requests in flight\n"
"                      (default 30)\n"
"  -k, --sentences N   default number of highlights (default: the model's\n"
"                      choice for learned, 3 otherwise)\n"
"  -m, --method NAME   default method: learned (the default when a model is\n"
"                      built in), lead or textrank\n"
"      --model FILE    load this model (from `nutgraf train`) once at start and\n"
"                      use it for the learned method in every request\n"
"      --db PATH       serve this archive (an SQLite file or a postgresql://\n"
"                      URI, as `nutgraf index` made it)\n"
"  -q, --quiet         no access log\n"
"  -h, --help          show this help\n"
"\n"
"Exit status: 0 stopped by a signal; 1 cannot listen or open --db; 2 bad\n"
"command line; 4 internal error; 5 the model file is missing, corrupt or\n"
"mismatched.\n");
}

static int parse_num(const char *s, unsigned long max, unsigned long *out)
{
    char *end;
    if (!*s || *s == '-') return -1;
    unsigned long v = strtoul(s, &end, 10);
    if (*end || v > max) return -1;
    *out = v;
    return 0;
}

static unsigned drain_s = 30;
static const char *db_path; /* --db: the archive to serve, or NULL */

static int parse_limit(int c, ng_server_options *o)
{
    unsigned long v;
    int bytes = c == 'I';
    if (parse_num(optarg, bytes ? (unsigned long)1 << 40 : 1000000, &v) || !v) return -1;
    switch (c) {
    case 'H': o->header_timeout_s = (unsigned)v; return 0;
    case 'Y': o->body_timeout_s = (unsigned)v; return 0;
    case 'C': o->max_connections = (unsigned)v; return 0;
    case 'P': o->max_per_ip = (unsigned)v; return 0;
    case 'I': o->max_inflight = (size_t)v; return 0;
    case 'W': o->workers = v > 1024 ? 1024u : (unsigned)v; return 0;
    case 'Q': o->queue = (unsigned)v; return 0;
    case 'S': o->max_seconds = (unsigned)v; return 0;
    case 'D': drain_s = (unsigned)v; return 0;
    }
    return -2;
}

static int parse_option(int c, ng_server_options *o)
{
    unsigned long v;
    if (strchr("HYCPIWQSD", c)) return parse_limit(c, o);
    switch (c) {
    case 'p': if (parse_num(optarg, 65535, &v)) return -1; o->port = (unsigned)v; return 0;
    case 'b': o->bind = optarg; return 0;
    case 't': if (parse_num(optarg, 1024, &v) || !v) return -1; o->threads = (unsigned)v; return 0;
    case 'B': if (parse_num(optarg, (unsigned long)1 << 30, &v) || !v) return -1;
              o->handler.max_body = v; return 0;
    case 'T': if (parse_num(optarg, 3600, &v) || !v) return -1; o->timeout_s = (unsigned)v; return 0;
    case 'k': if (parse_num(optarg, NG_SERVE_MAX_K, &v) || !v) return -1; o->handler.sum.k = (int)v; return 0;
    case 'm': return ng_method_from_name(optarg, &o->handler.sum.method) ? -1 : 0;
    case 'q': o->log = NULL; return 0;
    case 'M': o->handler.model_source = optarg; return 0;
    case 'A': db_path = optarg; return 0;
    }
    return -2;
}

static int parse_args(int argc, char **argv, ng_server_options *o)
{
    static const struct option opts[] = {
        {"port", required_argument, 0, 'p'},     {"bind", required_argument, 0, 'b'},
        {"threads", required_argument, 0, 't'},  {"max-body", required_argument, 0, 'B'},
        {"timeout", required_argument, 0, 'T'},  {"sentences", required_argument, 0, 'k'},
        {"method", required_argument, 0, 'm'},   {"quiet", no_argument, 0, 'q'},
        {"model", required_argument, 0, 'M'},    {"help", no_argument, 0, 'h'},
        {"header-timeout", required_argument, 0, 'H'}, {"body-timeout", required_argument, 0, 'Y'},
        {"max-connections", required_argument, 0, 'C'}, {"max-per-ip", required_argument, 0, 'P'},
        {"max-inflight-bytes", required_argument, 0, 'I'}, {"workers", required_argument, 0, 'W'},
        {"queue", required_argument, 0, 'Q'},    {"max-seconds", required_argument, 0, 'S'},
        {"drain", required_argument, 0, 'D'},    {"db", required_argument, 0, 'A'},
        {0, 0, 0, 0}};
    int c, li = -1;
    optind = 1;
    while ((c = getopt_long(argc, argv, "p:b:t:k:m:qh", opts, &li)) != -1) {
        if (c == 'h') { usage(stdout); return 1; }
        int rc = c == '?' ? -2 : parse_option(c, o);
        if (rc == -1) {
            if (li >= 0) fprintf(stderr, "nutgraf serve: invalid value '%s' for --%s (see --help)\n", optarg, opts[li].name);
            else fprintf(stderr, "nutgraf serve: invalid value '%s' for -%c (see --help)\n", optarg, c);
            return -1;
        }
        if (rc == -2) { fprintf(stderr, "nutgraf serve: see 'nutgraf serve --help'\n"); return -1; }
        li = -1;
    }
    if (optind < argc) {
        fprintf(stderr, "nutgraf serve: unexpected argument '%s'\n", argv[optind]);
        return -1;
    }
    return 0;
}

int ng_cmd_serve(int argc, char **argv)
{
    ng_server_options o;
    memset(&o, 0, sizeof o);
    o.port = 8080;
    o.log = stderr;
    ng_serve_config_init(&o.handler);
    int p = parse_args(argc, argv, &o);
    if (p) return p > 0 ? NG_EXIT_OK : NG_EXIT_USAGE;

    /* The signals are taken by sigwait below, never by a server thread. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);

    /* Room for many connections: the soft open-file limit up to the hard one. */
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
    }

    ng_error err = {NG_OK, 0, ""};
    ng_model *model = NULL; /* loaded once; every request reads it */
    if (o.handler.model_source) {
        if (ng_model_load(o.handler.model_source, &model, &err) != NG_OK) {
            fprintf(stderr, "nutgraf serve: %s: %s\n", o.handler.model_source, err.message);
            return ng_exit_for(err.status);
        }
        o.handler.sum.model = model;
    }
    if (db_path && ng_serve_archives_new(db_path, &o.handler.archive, &err) != NG_OK) {
        fprintf(stderr, "nutgraf serve: %s\n", err.message); /* the message names the database */
        ng_model_free(model);
        return ng_exit_for(err.status);
    }
    ng_server *s = NULL;
    if (ng_server_start(&o, &s, &err) != NG_OK) {
        fprintf(stderr, "nutgraf serve: %s\n", err.message);
        ng_serve_archives_free(o.handler.archive);
        ng_model_free(model);
        return ng_exit_for(err.status);
    }
    const char *host = o.bind ? o.bind : "127.0.0.1";
    int v6 = strchr(host, ':') != NULL;
    fprintf(stderr, "nutgraf serve: listening on http://%s%s%s:%u/\n", v6 ? "[" : "", host, v6 ? "]" : "",
            ng_server_port(s));
    fflush(stderr);
    int sig = 0;
    sigwait(&stop, &sig);
    fprintf(stderr, "nutgraf serve: %s, finishing requests in flight\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
    ng_server_stop(s, drain_s * 1000u);
    ng_serve_archives_free(o.handler.archive);
    ng_model_free(model);
    fprintf(stderr, "nutgraf serve: stopped\n");
    return NG_EXIT_OK;
}
