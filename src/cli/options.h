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
  FORMAT_CAPTURE,
  FORMAT_MD,
  FORMAT_LINE,
  FORMAT_HTML
} cli_format;
typedef enum cli_color { COLOR_AUTO = 0, COLOR_ALWAYS, COLOR_NEVER } cli_color;
/* A UTF-8 BOM before CSV: by default only in a file (Excel needs it), not
 * on a pipe or terminal. */
typedef enum cli_bom { BOM_AUTO = 0, BOM_ALWAYS, BOM_NEVER } cli_bom;

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
  bool flat;               /* --flat: the one-level JSON view */
  bool redact;             /* --redact: pseudonyms for identifiers */
  dsreg_encoding encoding; /* --encoding; UNKNOWN = detect */
  cli_bom bom;             /* --bom, --no-bom */
  const char *completion;  /* --completion SHELL */
  const char **include;    /* --include GLOB, may repeat */
  size_t include_count;
  const char **exclude; /* --exclude GLOB, may repeat */
  size_t exclude_count;
  bool latest;        /* --latest: the newest capture of each device */
  bool diff;          /* --diff BEFORE AFTER */
  const char **files; /* operands; none means stdin */
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

/* The option table as others read it: completion scripts (completion.c)
 * are generated from it, as --help and the manual page are. */
typedef struct cli_option_view {
  const char *name;  /* long name, without "--" */
  char short_name;   /* 0 when none */
  bool takes_arg;    /* an argument, as the next word or after "=" */
  bool arg_optional; /* only after "=" (--color=always) */
  bool file_arg;     /* the argument is a path */
  const char *metavar;
  const char *help;
} cli_option_view;

/* Number of rows of the option table. */
size_t cli_option_count(void);

/* Row i (sorted by long name) into *v. */
void cli_option_at(size_t i, cli_option_view *v);

/* The k-th value option row i accepts, or NULL past the last one (and for
 * free-form arguments such as numbers, times and globs).  Static strings
 * (rule ids and column names come from their tables). */
const char *cli_option_value(size_t i, size_t k);

/* Writes the help text. */
void cli_usage(FILE *out);

/* Writes the manual page (roff) from the same table and prose as the help,
 * so the two cannot drift (docs/dsregdiag.1, checked by a test). */
void cli_manpage(FILE *out);

#endif
