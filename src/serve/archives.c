/* archives.c - the archive handles of `nutgraf serve --db PATH`.  A handle
 * serves one thread at a time, and requests come on many threads, so the
 * service keeps a small stack of open handles: a request takes one (opening
 * a new one when all are busy), uses it, and gives it back.  Opening costs
 * a file open or a PostgreSQL connection; the stack keeps them for the next
 * request. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "core/doc.h"
#include "serve/serve.h"

#define KEEP 64 /* idle handles kept; more are closed when given back */

struct ng_serve_archives {
    char *path;
    pthread_mutex_t lock;
    ng_archive *idle[KEEP];
    size_t nidle;
};

ng_status ng_serve_archives_new(const char *path, ng_serve_archives **out, ng_error *err)
{
    *out = NULL;
    ng_serve_archives *s = calloc(1, sizeof *s);
    if (s) s->path = strdup(path);
    if (!s || !s->path) {
        free(s);
        return ng_fail(err, NG_E_NOMEM, 0, "out of memory");
    }
    pthread_mutex_init(&s->lock, NULL);
    ng_archive *a = NULL; /* open one now: a bad --db fails at start, not per request */
    ng_status st = ng_archive_open(path, &a, err);
    if (st != NG_OK) {
        ng_serve_archives_free(s);
        return st;
    }
    s->idle[s->nidle++] = a;
    *out = s;
    return NG_OK;
}

ng_status ng_serve_archive_take(ng_serve_archives *s, ng_archive **out, ng_error *err)
{
    *out = NULL;
    pthread_mutex_lock(&s->lock);
    if (s->nidle) *out = s->idle[--s->nidle];
    pthread_mutex_unlock(&s->lock);
    return *out ? NG_OK : ng_archive_open(s->path, out, err);
}

void ng_serve_archive_give(ng_serve_archives *s, ng_archive *a, int broken)
{
    if (!a) return;
    if (broken) {
        ng_archive_close(a);
        return;
    }
    pthread_mutex_lock(&s->lock);
    int kept = s->nidle < KEEP;
    if (kept) s->idle[s->nidle++] = a;
    pthread_mutex_unlock(&s->lock);
    if (!kept) ng_archive_close(a);
}

void ng_serve_archives_free(ng_serve_archives *s)
{
    if (!s) return;
    for (size_t i = 0; i < s->nidle; i++) ng_archive_close(s->idle[i]);
    pthread_mutex_destroy(&s->lock);
    free(s->path);
    free(s);
}
