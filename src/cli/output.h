/*
 * output.h - where the report goes: standard output, or -o FILE.
 *
 * A report file is never written where it stands: it is written to a new
 * temporary file beside it, created exclusively, and only a run that wrote
 * every byte, synced it and closed it renames it over FILE.  Any failure
 * (a write, the final flush, the sync, the close, memory, a signal) leaves
 * FILE as it was and removes the temporary file.  A device, FIFO or link
 * named with -o (/dev/null, /dev/stdout, NUL) is written in place, since
 * renaming over it would replace it.
 *
 * Writes are buffered here, not by stdio, so that each failure keeps its
 * own errno; on a pipe or terminal each record is flushed as it is done, so
 * that `tail -f log | dsregdiag -f json` shows captures as they come.
 */
#ifndef DSREG_CLI_OUTPUT_H
#define DSREG_CLI_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "platform.h"

typedef struct cli_output {
  const char *name; /* FILE as given; NULL for standard output */
  int fd;
  char *tmp;       /* the temporary file while writing FILE, else NULL */
  bool flush_each; /* a pipe or terminal: records go out as they are done */
  bool failed;     /* a write failed: nothing more is written */
  int err;         /* errno of that failure */
  char *buf;
  size_t len;
  /* The report and its temporary file, which a folder walk must not read
   * (-o share/fleet.csv share). */
  cli_path_info self[2];
  size_t self_count;
} cli_output;

/* True when `name` (no folder) has the form of the temporary files that
 * -o writes (.dsregdiag-XXXXXXXX.tmp). */
bool cli_output_is_temp_name(const char *name);

/* Opens the output: standard output when `name` is NULL.  On failure prints
 * a message naming FILE to `msgs` and returns -1. */
int cli_output_open(cli_output *o, const char *name, FILE *msgs);

/* Appends n bytes; after a failure does nothing (see o->failed). */
void cli_output_write(cli_output *o, const void *data, size_t n);

/* A record is complete: on a pipe or terminal it is written out now. */
void cli_output_record_done(cli_output *o);

/* True when `info` is the report or its temporary file. */
bool cli_output_is_self(const cli_output *o, const cli_path_info *info);

/* Ends the output.  With `keep` the report is flushed, synced and, for
 * FILE, put in place; without it (the run failed) the temporary file is
 * removed and FILE stays as it was.  Returns 0, or -1 after printing why
 * to `msgs` when a write failed at any time (nothing is printed when the
 * reader of a pipe went away). */
int cli_output_close(cli_output *o, bool keep, FILE *msgs);

#endif
