/*
 * runner.h - reading every source and writing the records, in order.
 *
 * With --jobs N, N workers parse sources in parallel; records still come out
 * in source order, exactly as with --jobs 1.  The worker of the source that
 * is next in order writes straight to the output; the others keep their
 * records in a bounded buffer and wait when it is full, and no worker starts
 * a source too far ahead of the one being written.  Memory therefore stays
 * flat whatever the number and size of sources.
 */
#ifndef DSREG_CLI_RUNNER_H
#define DSREG_CLI_RUNNER_H

#include <stdbool.h>
#include <stdio.h>

#include "dsreg/dsreg.h"
#include "dsreg/rules.h"
#include "latest.h"
#include "output.h"
#include "reporters.h"
#include "sources.h"
#include "summary.h"

typedef struct cli_run_config {
  const cli_reporter *reporter; /* renders the records */
  cli_report_style style;       /* what the reporter needs to know */
  cli_output *out;
  int jobs;
  bool progress;    /* a progress line on stderr */
  bool records;     /* write per-capture records (not with text --summary) */
  int min_severity; /* findings below are not written */
  dsreg_rule_options rules;
  cli_summary *summary;    /* NULL unless --summary */
  dsreg_encoding encoding; /* --encoding; UNKNOWN = detect */
  bool redact; /* --redact: pseudonyms, numbered in source order (so one
                  source at a time) */
  /* --latest (latest.h): with latest_scan, the first pass, which only
   * parses and fills the table, writes nothing and reports no failure;
   * without, the second, which keeps only each device's newest capture. */
  cli_latest *latest;
  bool latest_scan;
  /* --live reads standard input (dsreg_cli_live_from_stdin) instead of
   * running dsregcmd; the capture is still marked live. */
  bool live_stdin;
} cli_run_config;

typedef struct cli_run_result {
  bool source_failed; /* a source could not be read or held no capture */
  bool error_finding; /* an error-severity finding (before --min-severity) */
  bool write_failed;  /* the output could not be written (out says why) */
  bool out_of_memory;
  unsigned long older_skipped; /* --latest: captures left out */
} cli_run_result;

/* Reads every source; returns 0, or -1 when the run had to stop (write
 * failure, out of memory).  `res` says what happened either way. */
int cli_run(const cli_run_config *cfg, cli_sources *src, cli_run_result *res);

#endif
