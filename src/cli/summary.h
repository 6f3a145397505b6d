/*
 * summary.h - the fleet summary (--summary): counts by join type, by
 * verdict and by rule across every capture read.
 *
 * Counts do not depend on the order captures are added in, and the example
 * device names are the alphabetically first ones, so the summary is the same
 * with --jobs 1 and --jobs 8.
 */
#ifndef DSREG_CLI_SUMMARY_H
#define DSREG_CLI_SUMMARY_H

#include <stdio.h>

#include "dsreg/dsreg.h"
#include "dsreg/rules.h"

#define SUMMARY_EXAMPLES 3

/* The counts of one rule. */
typedef struct summary_rule {
  unsigned long captures;
  unsigned long roots; /* captures whose root cause it is */
  char *examples[SUMMARY_EXAMPLES];
} summary_rule;

typedef struct cli_summary {
  unsigned long sources, failed_sources, captures;
  unsigned long by_join[DSREG_JOIN_NOT_JOINED + 1];
  unsigned long by_verdict[DSREG_VERDICT_BROKEN + 1];
  summary_rule *by_rule; /* one per rule of the table */
} cli_summary;

/* An empty summary; 0, or -1 when out of memory. */
int summary_init(cli_summary *s);

/* Counts one capture and the findings it got (before --min-severity). */
void summary_add(cli_summary *s, const char *source, const dsreg_capture *cap,
                 const dsreg_analysis *an);

/* Appends the summary for people. */
void summary_render_text(const cli_summary *s, dsreg_outbuf *b);

/* Appends the summary as Markdown: a sentence and a table of the rules. */
void summary_render_md(const cli_summary *s, dsreg_outbuf *b);

/* Appends the summary as one JSON line {"summary": {...}}. */
void summary_render_json(const cli_summary *s, dsreg_outbuf *b);

void summary_free(cli_summary *s);

#endif
