/*
 * reporters.h - one reporter per output format (text, JSON Lines, CSV,
 * HTML).
 *
 * Everything that differs between the formats is here, chosen once from
 * --format; main.c and the runner call the reporter without asking which
 * format it is.  A reporter only renders into buffers: the runner keeps the
 * records in source order and the caller writes them, so that ordering,
 * buffering and write failures stay in one place (runner.c, output.c).
 */
#ifndef DSREG_CLI_REPORTERS_H
#define DSREG_CLI_REPORTERS_H

#include "dsreg/csv.h"
#include "dsreg/dsreg.h"
#include "dsreg/html.h"
#include "dsreg/report.h"
#include "options.h"
#include "platform.h"
#include "summary.h"

/* What the reporters read besides the records: each uses its own part. */
typedef struct cli_report_style {
  dsreg_text_options text;   /* text: colour */
  dsreg_csv_columns columns; /* csv: the columns and their order */
  /* html: the fleet counters, fed from every worker under html_lock (NULL
   * with one job), and what the page says about the run. */
  dsreg_html_fleet *html;
  cli_lock *html_lock;
  dsreg_html_options html_opt;
} cli_report_style;

/* Every entry appends to its buffers (out of memory shows as their oom
 * flag) and never writes anywhere itself. */
typedef struct cli_reporter {
  /* Before the first record: CSV's header row; nothing for the others. */
  void (*begin)(const cli_report_style *st, dsreg_outbuf *report);
  /* The record of one capture. */
  void (*capture)(const cli_report_style *st, dsreg_outbuf *report,
                  const char *source, const dsreg_capture *cap,
                  const dsreg_analysis *an);
  /* The record of a source that failed, where the format has one (JSON
   * and CSV; text has only the stderr message every format gets). */
  void (*source_error)(const cli_report_style *st, dsreg_outbuf *report,
                       const char *source, const char *message);
  /* The --summary at the end: into the report (text; JSON's last line),
   * or into `diag` for stderr (CSV, so the file stays one table). */
  void (*summary)(const cli_summary *s, dsreg_outbuf *report,
                  dsreg_outbuf *diag);
  /* After the last record: the end of the HTML page; NULL for the others.
   */
  void (*end)(const cli_report_style *st, dsreg_outbuf *report);
  /* The records show no finding's message or remedy, so the analysis need
   * not build them (dsreg_rule_options.no_texts). */
  bool no_texts;
} cli_reporter;

/* The reporter of `format`. */
const cli_reporter *cli_reporter_for(cli_format format);

/* The reporter of --format json --flat. */
const cli_reporter *cli_reporter_json_flat(void);

/* Sets up st->html for --format html: the page's times from `rules` (its
 * generated-at time is SOURCE_DATE_EPOCH when set, for reproducible
 * pages, else the clock), and a lock when more than one job feeds it.
 * 0, or -1 when out of memory. */
int cli_html_open(cli_report_style *st, const dsreg_rule_options *rules,
                  int jobs);

/* Frees what cli_html_open() made; harmless when it made nothing. */
void cli_html_close(cli_report_style *st);

#endif
