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
 * Inside a folder, Explorer's and Finder's own files (Thumbs.db,
 * desktop.ini, .DS_Store, in any case) and every name that starts with a
 * dot (.git, ._capture.txt from a Mac) are left out on every platform and
 * counted (cli_sources_skipped); on Windows so are files that are both
 * hidden and system.  --include and --exclude patterns (glob.h) pick among
 * the other files met in folders, by name.  Regular files are read;
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

/* Why a name met in a folder is left out on every platform: a short
 * reason ("system file", "dot file"), or NULL when it is read.  One
 * portable test, so that a share gives the same sources on Linux, macOS
 * and Windows. */
const char *cli_sources_skip_reason(const char *name);

/* Picks files met in folders by name (glob.h): with includes, a file must
 * match one of them; it must match none of the excludes.  Folders are
 * always entered, and files named as arguments are always read.  The
 * arrays must outlive the walk.  `fold_case`: match ASCII letters in
 * either case (Windows). */
void cli_sources_pick(cli_sources *s, const char *const *include,
                      size_t include_count, const char *const *exclude,
                      size_t exclude_count, bool fold_case);

/* Names left out so far: system and dot files, and files that --include
 * or --exclude did not pick. */
unsigned long cli_sources_skipped(const cli_sources *s);
unsigned long cli_sources_unpicked(const cli_sources *s);

void cli_source_free(cli_source *src);
void cli_sources_close(cli_sources *s);

#endif
