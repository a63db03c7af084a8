/* cli.h - what the nutgraf subcommands share: exit statuses, the command
 * table and small helpers for reading files and reporting errors. */
#ifndef NG_CLI_H
#define NG_CLI_H

#include <stdio.h>

#include "nutgraf.h"

/* Exit statuses of the nutgraf command (documented in nutgraf(1)). */
enum {
    NG_EXIT_OK = 0,       /* success */
    NG_EXIT_INPUT = 1,    /* an input could not be used: missing, unreadable,
                             empty, binary, too big, broken JSON; a URL's
                             page over the limit or neither HTML nor text */
    NG_EXIT_USAGE = 2,    /* bad command line */
    NG_EXIT_PARTIAL = 3,  /* batch: done, but some records were errors */
    NG_EXIT_INTERNAL = 4, /* out of memory or another internal failure */
    NG_EXIT_MODEL = 5,    /* a model file is missing, corrupt or mismatched */
    NG_EXIT_NETWORK = 6   /* a URL could not be fetched: DNS, connection,
                             timeout, TLS, redirects, HTTP status >= 400 */
};

/* One subcommand: its name, a one-line summary and its entry point, which
 * gets argv with argv[0] being the subcommand name. */
typedef struct ng_command {
    const char *name;
    const char *summary;
    int (*run)(int argc, char **argv);
} ng_command;

int ng_cmd_summarize(int argc, char **argv);
int ng_cmd_rouge(int argc, char **argv);
int ng_cmd_train(int argc, char **argv);
int ng_cmd_serve(int argc, char **argv);
int ng_cmd_eval(int argc, char **argv);
int ng_cmd_train_ner(int argc, char **argv);
int ng_cmd_eval_ner(int argc, char **argv);
int ng_cmd_ner_clusters(int argc, char **argv);
int ng_cmd_ner_lexicon(int argc, char **argv);
int ng_cmd_quote_cues(int argc, char **argv);
int ng_cmd_analyze(int argc, char **argv);
int ng_cmd_index(int argc, char **argv);
int ng_cmd_search(int argc, char **argv);
int ng_cmd_related(int argc, char **argv);
int ng_cmd_dups(int argc, char **argv);
int ng_cmd_extract(int argc, char **argv);

/* Maps a library status to the exit status above. */
int ng_exit_for(ng_status status);

/* Reads a whole file ("-" is standard input) into a malloc'd buffer that the
 * caller frees.  Reads at most limit bytes plus one, so that the caller can
 * tell a file over the limit.  On error returns NULL, fills err. */
char *ng_read_file(const char *path, size_t limit, size_t *len, ng_error *err);

/* Reads one input: a URL (ng_is_url) is fetched with fetch (its max_bytes
 * set to limit), anything else read by ng_read_file.  *format (when not
 * NULL) gets NG_FORMAT_HTML for a page the server calls HTML (text/html,
 * application/xhtml+xml), NG_FORMAT_AUTO otherwise.  On error returns NULL,
 * fills err. */
char *ng_read_input(const char *name, size_t limit, const ng_fetch_options *fetch, size_t *len,
                    ng_format *format, ng_error *err);

/* The read options for bytes ng_read_input returned: for a URL the byte
 * limit is the page's as sent, so a page that grew in the conversion to
 * UTF-8 is not refused for it, and an auto-detected format becomes the
 * server's (format) when it named one. */
ng_read_options ng_read_options_for(const char *name, ng_read_options ro, size_t len, ng_format format);

/* The options of URL inputs, for getopt_long: --connect-timeout SECONDS
 * and --timeout SECONDS (see ng_fetch_option). */
#define NG_OPT_CONNECT_TIMEOUT 0x1001
#define NG_OPT_TIMEOUT 0x1002
#define NG_FETCH_LONG_OPTIONS                                                                   \
    {"connect-timeout", required_argument, 0, NG_OPT_CONNECT_TIMEOUT},                         \
    {"timeout", required_argument, 0, NG_OPT_TIMEOUT}

/* Handles option c of NG_FETCH_LONG_OPTIONS with its argument: seconds, a
 * positive number (decimals allowed, at most a day).  Returns 1 when c is
 * one of them and the value is good, -1 for a bad value, 0 when c is none
 * of them. */
int ng_fetch_option(int c, const char *arg, ng_fetch_options *fo);

/* The help lines of those options. */
#define NG_FETCH_HELP                                                                          \
"      --connect-timeout S  a URL: give up connecting after S seconds (default 10)\n"       \
"      --timeout S     a URL: give up on the whole transfer after S seconds\n"              \
"                      (default 30)\n"

/* Prints "nutgraf CMD: INPUT[:LINE]: message" on stderr. */
void ng_report(const char *cmd, const char *input, const ng_error *err);

/* Writes {"id":...,"error":{...}} and a newline on stdout: the record that
 * stands for a bad JSON Lines input line.  The id is the line's own "id"
 * where it can be read (ng_json_record_id), else null; line may be NULL (a
 * line too long to keep). */
void ng_write_error_record(const char *line, size_t len, const ng_error *e);

/* Writes the whole document as one JSON line on stdout. */
ng_status ng_print_doc_json(const ng_doc *doc, ng_error *err);

/* Skips leading whitespace of f and tells whether the input is JSON Lines
 * (its first other byte is '{'); the byte is pushed back. */
int ng_peek_is_json(FILE *f);

/* True when stderr is a terminal (for progress bars). */
int ng_stderr_is_tty(void);

/* The size of f when it is a regular file, else 0 (for progress bars). */
size_t ng_input_size(FILE *f);

#endif
