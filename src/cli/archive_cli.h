/* archive_cli.h - what the archive subcommands (index, search, related,
 * dups) share: opening the archive with one clear error line, and printing
 * ranked results as text or JSON. */
#ifndef NG_CLI_ARCHIVE_H
#define NG_CLI_ARCHIVE_H

#include "nutgraf.h"

/* Opens the archive at db for subcommand cmd; on failure prints one line
 * and returns NULL with *exit_status set. */
ng_archive *ng_cli_archive_open(const char *cmd, const char *db, int *exit_status);

/* Prints results: JSON writes one line {"id": id, "results": [...]} (or
 * {"query": query, ...} when id is NULL and query is not); text writes one
 * numbered line per result with its snippet under it. */
int ng_cli_print_results(const ng_archive_results *r, const char *id, const char *query, int json);

/* Parses a result count for -n (1..1000); 0 when bad. */
size_t ng_cli_result_count(const char *s);

#endif
