/*
 * sources.h - turning FILE arguments into the list of sources to read.
 *
 * Folders are walked recursively, entries sorted by name (byte order), so
 * the order is the same on every run and every platform.  On Windows, files
 * that are both hidden and system (Thumbs.db, desktop.ini) are left out.
 * Regular files are read whatever their name; sockets, FIFOs and devices met
 * inside a folder, and links that loop, are skipped with a note on stderr.
 * Named on the command line, anything is read as given (a FIFO or /dev/stdin is
 * a fine source).
 */
#ifndef DSREG_CLI_SOURCES_H
#define DSREG_CLI_SOURCES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef struct cli_source {
  char *path;  /* "-" for standard input, "" for live mode */
  char *error; /* set when the source failed before reading (a folder
                  that cannot be listed); NULL otherwise */
} cli_source;

typedef struct cli_sources {
  cli_source *items;
  size_t count, cap;
  size_t skipped; /* entries skipped with a note */
} cli_sources;

/* Expands `args` (n of them; none means stdin, or live mode when `live`).
 * Notes go to `notes`.  Returns 0, or -1 when out of memory. */
int cli_sources_collect(cli_sources *s, const char *const *args, size_t n,
                        bool live, FILE *notes);

void cli_sources_free(cli_sources *s);

#endif
