/*
 * options.h - the command line of dsregdiag.
 *
 * One table (options.c) drives both the parsing and --help.
 */
#ifndef DSREG_CLI_OPTIONS_H
#define DSREG_CLI_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "dsreg/capture.h"

typedef enum cli_format {
  FORMAT_TEXT = 0,
  FORMAT_JSON,
  FORMAT_CSV,
  FORMAT_MD,
  FORMAT_HTML
} cli_format;
typedef enum cli_color { COLOR_AUTO = 0, COLOR_ALWAYS, COLOR_NEVER } cli_color;

typedef struct cli_options {
  cli_format format;
  cli_color color;
  const char *output; /* -o FILE, NULL for stdout */
  bool help, version;
  const char *now;      /* --now, NULL when not given */
  long warn_days;       /* --warn-days, default 30 */
  long prt_stale_hours; /* --prt-stale-hours, default 4 */
  long width;           /* --width N; -1: the terminal's, else 100 */
  const char **disable; /* --disable RULE[,RULE], may repeat */
  size_t disable_count;
  int min_severity;        /* dsreg_severity; --min-severity */
  const char *list_rules;  /* --list-rules[=FORMAT]: "text" or "md" */
  const char *explain;     /* --explain CODE|RULE */
  const char *columns;     /* --columns a,b,c (CSV) */
  long jobs;               /* --jobs N; 0 = number of processors */
  bool summary;            /* --summary */
  bool quiet;              /* --quiet: no progress line */
  bool live;               /* --live: run dsregcmd /status */
  dsreg_encoding encoding; /* --encoding; UNKNOWN = detect */
  const char **files;      /* operands; none means stdin */
  size_t file_count;
} cli_options;

/* Exit codes (documented in --help and README.md). */
enum {
  EXIT_CLEAN = 0,    /* every input parsed, no error finding */
  EXIT_FINDINGS = 1, /* an error-severity finding */
  EXIT_TROUBLE = 2   /* usage error, unreadable source, no capture, I/O */
};

/* Frees what cli_parse allocated. */
void cli_free(cli_options *o);

/* Parses argv into `o` (files point into argv).  On a usage error prints
 * the message and a hint to `err` and returns -1. */
int cli_parse(int argc, char **argv, cli_options *o, FILE *err);

/* Writes the help text. */
void cli_usage(FILE *out);

/* Writes the manual page (roff) from the same table and prose as the help,
 * so the two cannot drift (docs/dsregdiag.1, checked by a test). */
void cli_manpage(FILE *out);

#endif
