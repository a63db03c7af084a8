/* pool.c - the bounded worker pool of `nutgraf serve`: a fixed number of
 * threads take jobs from a queue of fixed capacity, so that heavy work
 * (summarizing, analysis) never runs on the server's own threads and never
 * piles up without bound.  A caller first reserves a queue slot
 * (ng_pool_reserve, which fails when the queue is full: the server answers
 * 503) and then pushes its job, which cannot fail.
 *
 * Ownership: the pool never frees a job; a job's run function does what
 * its owner wants (see server.c).  ng_pool_free runs the jobs still queued,
 * so each run function is called exactly once. */
#include <pthread.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "serve/serve.h"

struct ng_pool {
    pthread_mutex_t lock;
    pthread_cond_t more;
    ng_pool_job *head, *tail;
    unsigned capacity;
    unsigned reserved; /* slots taken: queued jobs plus reservations not yet pushed */
    unsigned running;
    int stopping;
    unsigned nthreads;
    pthread_t *threads;
};

static void *worker(void *arg)
{
    ng_pool *p = arg;
#ifdef SYS_gettid
    /* Heavy work yields the cores to the server's threads, so that light
     * requests are answered at once even when every worker is busy (Linux
     * gives each thread its own nice value). */
    if (setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), 10)) { /* not fatal: same priority */ }
#endif
    pthread_mutex_lock(&p->lock);
    for (;;) {
        while (!p->head && !p->stopping) pthread_cond_wait(&p->more, &p->lock);
        ng_pool_job *j = p->head;
        if (!j) break; /* stopping with nothing left */
        p->head = j->next;
        if (!p->head) p->tail = NULL;
        p->reserved--;
        p->running++;
        pthread_mutex_unlock(&p->lock);
        j->run(j);
        pthread_mutex_lock(&p->lock);
        p->running--;
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

ng_pool *ng_pool_new(unsigned threads, unsigned capacity)
{
    ng_pool *p = calloc(1, sizeof *p);
    if (!p) return NULL;
    p->threads = calloc(threads ? threads : 1, sizeof *p->threads);
    if (!p->threads || pthread_mutex_init(&p->lock, NULL)) {
        free(p->threads);
        free(p);
        return NULL;
    }
    pthread_cond_init(&p->more, NULL);
    p->capacity = capacity ? capacity : 1;
    for (unsigned i = 0; i < (threads ? threads : 1); i++) {
        if (pthread_create(&p->threads[i], NULL, worker, p)) break;
        p->nthreads++;
    }
    if (!p->nthreads) {
        ng_pool_free(p);
        return NULL;
    }
    return p;
}

int ng_pool_reserve(ng_pool *p)
{
    pthread_mutex_lock(&p->lock);
    int ok = !p->stopping && p->reserved < p->capacity;
    if (ok) p->reserved++;
    pthread_mutex_unlock(&p->lock);
    return ok;
}

void ng_pool_push(ng_pool *p, ng_pool_job *j)
{
    j->next = NULL;
    pthread_mutex_lock(&p->lock);
    if (p->tail) p->tail->next = j;
    else p->head = j;
    p->tail = j;
    pthread_cond_signal(&p->more);
    pthread_mutex_unlock(&p->lock);
}

void ng_pool_stats(ng_pool *p, unsigned *queued, unsigned *running)
{
    pthread_mutex_lock(&p->lock);
    *queued = p->reserved;
    *running = p->running;
    pthread_mutex_unlock(&p->lock);
}

void ng_pool_free(ng_pool *p)
{
    if (!p) return;
    pthread_mutex_lock(&p->lock);
    p->stopping = 1;
    pthread_cond_broadcast(&p->more);
    pthread_mutex_unlock(&p->lock);
    for (unsigned i = 0; i < p->nthreads; i++) pthread_join(p->threads[i], NULL);
    pthread_cond_destroy(&p->more);
    pthread_mutex_destroy(&p->lock);
    free(p->threads);
    free(p);
}
