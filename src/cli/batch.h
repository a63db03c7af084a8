/* batch.h - runs a JSON Lines batch on N threads, for every subcommand that
 * takes JSON Lines (summarize, analyze, eval, index), and a batch of named
 * inputs (the files and URLs of extract) the same way.
 *
 * The calling thread reads one bounded line at a time into a ring of slots
 * (a bounded queue: at most 4 slots a worker, so memory stays flat however
 * long the input); worker threads take the slots in turn, each with its
 * own scratch space, and run the command's process() on them; the calling
 * thread then hands the slots, in input order, to the command's emit()
 * (which by default writes what process() wrote) and reports failed records
 * (one line on stderr, and an error record on stdout if asked).  The output
 * therefore does not depend on the number of threads.  With one thread
 * everything runs on the calling thread, without a ring. */
#ifndef NG_CLI_BATCH_H
#define NG_CLI_BATCH_H

#include <stddef.h>

#include "cli/lines.h"
#include "nutgraf.h"
#include "output/jbuf.h"

/* One record on its way through the batch. */
typedef struct ng_batch_record {
    const char *line; /* the input line, trailing blanks stripped; NUL-terminated */
    size_t len;
    size_t line_no;   /* 1-based */
    ng_jbuf out;      /* what process() writes for stdout (emitted in order) */
    void *result;     /* anything else process() hands to emit() */
    ng_error err;     /* why the record failed */
    double seconds;   /* how long process() took (wall clock, on its thread) */
} ng_batch_record;

typedef struct ng_batch_ops {
    const char *cmd; /* the subcommand's name, for messages and the bar */
    void *ctx;       /* the command's settings, read-only while workers run */
    /* Makes one worker's scratch space in *scratch (may stay NULL).
     * Returns 0, or -1 when out of memory.  NULL: no scratch space. */
    int (*worker_new)(void *ctx, void **scratch);
    void (*worker_free)(void *ctx, void *scratch);
    /* Processes one record on a worker thread: writes rec->out and/or sets
     * rec->result; on failure fills rec->err and returns its status. */
    ng_status (*process)(void *ctx, void *scratch, ng_batch_record *rec);
    /* Runs on the calling thread in input order after process() (also for
     * records that failed, with their status); frees rec->result and
     * returns the record's final status.  NULL: write rec->out on stdout. */
    ng_status (*emit)(void *ctx, ng_batch_record *rec, ng_status st);
} ng_batch_ops;

typedef struct ng_batch_options {
    int threads;          /* workers; 0 or less: the number of cores */
    size_t limit;         /* stop after this many records; 0: no limit */
    size_t total_bytes;   /* the input's size, for the bar's percentage; 0: unknown */
    int progress;         /* draw a progress bar on stderr */
    int error_records;    /* write {"id":null,"error":...} for a failed record */
} ng_batch_options;

typedef struct ng_batch_stats {
    size_t records;  /* non-blank lines handled */
    size_t errors;   /* of them, failed */
    int nomem;       /* a record failed for lack of memory */
    int read_failed; /* the input could not be read to its end */
} ng_batch_stats;

/* Appends the whole document as one JSON line (ng_doc_to_json and a
 * newline) to b. */
ng_status ng_batch_write_json(const ng_doc *doc, ng_jbuf *b, ng_error *err);

/* Parses a --threads value: a number from 1 to 256.  Returns 0 or -1. */
int ng_batch_parse_threads(const char *s, int *out);

/* The number of cores online (at least 1). */
int ng_batch_cores(void);

/* Runs the batch over what r reads.  input names it in messages.  Returns
 * the exit status the records call for: NG_EXIT_OK, NG_EXIT_PARTIAL when
 * some failed, NG_EXIT_INTERNAL when out of memory (also for a worker that
 * could not start), NG_EXIT_INPUT when the input could not be read. */
int ng_batch_run(ng_line_reader *r, const char *input, const ng_batch_options *o,
                 const ng_batch_ops *ops, ng_batch_stats *stats);

/* The same over a list of names (files, URLs) instead of lines: record i
 * has line = names[i] and line_no = i + 1, and the command opens the input
 * itself in process().  A failed record is reported with the name as the
 * input (the emit() of a command that reports inputs itself returns NG_OK
 * after doing so).  The bar counts names. */
int ng_batch_run_names(char *const *names, size_t count, const ng_batch_options *o, const ng_batch_ops *ops,
                       ng_batch_stats *stats);

#endif
