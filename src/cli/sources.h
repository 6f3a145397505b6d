/*
 * sources.h - turning FILE arguments into the sources to read, one at a
 * time.
 *
 * Folders are walked recursively, entries sorted by name (byte order), so
 * the order is the same on every run and every platform.  The walk is a
 * stream: memory depends on the depth of the tree (and a bounded batch of
 * names per folder), not on the number of files, so a share of a million
 * captures costs no more than one of a thousand.  A folder bigger than one
 * batch is listed again for each further batch, still in name order.
 *
 * On Windows, files that are both hidden and system (Thumbs.db,
 * desktop.ini) are left out.  Regular files are read whatever their name;
 * sockets, FIFOs and devices met inside a folder, folders reached again
 * through another link (each folder is read once per argument), links that
 * loop, and dsregdiag's own temporary files are skipped with a note.  Named
 * on the command line, anything is read as given (a FIFO or /dev/stdin is a
 * fine source).
 */
#ifndef DSREG_CLI_SOURCES_H
#define DSREG_CLI_SOURCES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef struct cli_source {
  char *path;  /* "-" for standard input, "" for live mode */
  char *error; /* the source failed before reading (a folder that cannot
                  be listed, an empty folder); NULL otherwise */
  char *note;  /* an entry skipped: only this note is printed; NULL
                  otherwise */
  bool walked; /* met in a folder: only a regular file may be read */
  bool temp;   /* named like a temporary file of -o: skipped, with a note
                  unless it is this run's own */
} cli_source;

typedef struct cli_sources cli_sources;

/* Walks `args` (n of them; none means stdin, or live mode when `live`); the
 * strings must outlive the walk.  NULL when out of memory. */
cli_sources *cli_sources_open(const char *const *args, size_t n, bool live);

/* The next source, in order, into `out` (the caller frees it with
 * cli_source_free).  Returns 1, 0 at the end, or -1 when out of memory. */
int cli_sources_next(cli_sources *s, cli_source *out);

/* True when the arguments can give more than one source (a folder, or
 * several names): a progress line is then worth showing. */
bool cli_sources_many(const cli_sources *s);

void cli_source_free(cli_source *src);
void cli_sources_close(cli_sources *s);

#endif
