/* serve.c - `nutgraf serve`: runs the HTTP service (src/serve) until
 * SIGTERM or SIGINT, then stops taking connections, lets the requests in
 * flight finish and exits 0.  The access log goes to stderr. */
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

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
"to stderr.  SIGTERM or SIGINT stops it after the requests in flight.\n"
"\n"
"Options:\n"
"  -p, --port N        TCP port (default 8080; 0 picks a free one, printed on\n"
"                      stderr)\n"
"  -b, --bind ADDR     IPv4 or IPv6 address to listen on (default 127.0.0.1)\n"
"  -t, --threads N     worker threads (default: the number of cores)\n"
"      --max-body N    refuse request bodies over N bytes with 413\n"
"                      (default 10485760)\n"
"      --timeout S     close connections idle for S seconds, and drop requests\n"
"                      whose body takes longer than S seconds to arrive\n"
"                      (default 30); also how long a stop waits for requests\n"
"                      in flight\n"
"  -k, --sentences N   default number of highlights (default: the model's\n"
"                      choice for learned, 3 otherwise)\n"
"  -m, --method NAME   default method: learned (the default when a model is\n"
"                      built in), lead or textrank\n"
"      --model FILE    load this model (from `nutgraf train`) once at start and\n"
"                      use it for the learned method in every request\n"
"  -q, --quiet         no access log\n"
"  -h, --help          show this help\n"
"\n"
"Exit status: 0 stopped by a signal; 1 cannot listen; 2 bad command line;\n"
"4 internal error; 5 the model file is missing, corrupt or mismatched.\n");
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

static int parse_option(int c, ng_server_options *o)
{
    unsigned long v;
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
        {0, 0, 0, 0}};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "p:b:t:k:m:qh", opts, NULL)) != -1) {
        if (c == 'h') { usage(stdout); return 1; }
        int rc = parse_option(c, o);
        if (rc == -1) {
            fprintf(stderr, "nutgraf serve: invalid value '%s' for -%c (see --help)\n", optarg, c);
            return -1;
        }
        if (rc == -2) { fprintf(stderr, "nutgraf serve: see 'nutgraf serve --help'\n"); return -1; }
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

    ng_error err = {NG_OK, 0, ""};
    ng_model *model = NULL; /* loaded once; every request reads it */
    if (o.handler.model_source) {
        if (ng_model_load(o.handler.model_source, &model, &err) != NG_OK) {
            fprintf(stderr, "nutgraf serve: %s: %s\n", o.handler.model_source, err.message);
            return ng_exit_for(err.status);
        }
        o.handler.sum.model = model;
    }
    ng_server *s = NULL;
    if (ng_server_start(&o, &s, &err) != NG_OK) {
        fprintf(stderr, "nutgraf serve: %s\n", err.message);
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
    ng_server_stop(s, (o.timeout_s ? o.timeout_s : 30) * 1000u);
    ng_model_free(model);
    fprintf(stderr, "nutgraf serve: stopped\n");
    return NG_EXIT_OK;
}
