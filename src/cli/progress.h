/*
 * progress.h - the "dsregdiag: 64 sources, 64 captures" line on a terminal.
 *
 * The line is drawn with a carriage return and no line end, so whatever is
 * written next to the same terminal would run into it.  Whoever writes
 * there (a report record, a stderr message) hides the line first and lets
 * it come back after: the line never mixes with report text.
 */
#ifndef DSREG_CLI_PROGRESS_H
#define DSREG_CLI_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef struct cli_progress {
  FILE *tty;     /* where the line goes; NULL: no progress line */
  bool shown;    /* the line is on the terminal now */
  bool hidden;   /* it was taken away for output and is due back */
  char line[96]; /* the text last drawn */
} cli_progress;

/* No line until cli_progress_update; `tty` NULL turns it all off. */
void cli_progress_init(cli_progress *p, FILE *tty);

/* Draws the counts, replacing the line. */
void cli_progress_update(cli_progress *p, size_t sources,
                         unsigned long captures);

/* Takes the line away before other output goes to the terminal. */
void cli_progress_hide(cli_progress *p);

/* Draws the line again after that output, if it was hidden. */
void cli_progress_resume(cli_progress *p);

/* Takes the line away for good (the run is over). */
void cli_progress_end(cli_progress *p);

#endif
