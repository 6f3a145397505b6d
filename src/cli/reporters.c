/*
 * reporters.c - the text, Markdown, JSON Lines, CSV and capture reporters (see
 * reporters.h).
 */
#include "reporters.h"

/* A record that failed is marked like one that ran out of memory: the
 * runner then reports it and leaves it out (the only failure with the
 * arguments given here). */
static void mark(dsreg_outbuf *report, dsreg_status st) {
  if (st != DSREG_OK)
    report->oom = 1;
}

static void no_begin(const cli_report_style *st, dsreg_outbuf *report) {
  (void)st;
  (void)report;
}

/* --- text ---------------------------------------------------------------- */

static void text_capture(const cli_report_style *st, dsreg_outbuf *report,
                         const char *source, const dsreg_capture *cap,
                         const dsreg_analysis *an) {
  mark(report, dsreg_render_text(report, source, cap, an, &st->text));
}

/* The stderr message says it all: a text report has no error record. */
static void text_source_error(const cli_report_style *st, dsreg_outbuf *report,
                              const char *source, const char *message) {
  (void)st;
  (void)report;
  (void)source;
  (void)message;
}

static void text_summary(const cli_summary *s, dsreg_outbuf *report,
                         dsreg_outbuf *diag) {
  (void)diag;
  summary_render_text(s, report);
}

static const cli_reporter TEXT = {no_begin, text_capture, text_source_error,
                                  text_summary};

/* --- Markdown ------------------------------------------------------------ */

static void md_capture(const cli_report_style *st, dsreg_outbuf *report,
                       const char *source, const dsreg_capture *cap,
                       const dsreg_analysis *an) {
  (void)st;
  mark(report, dsreg_render_md(report, source, cap, an));
}

static void md_summary(const cli_summary *s, dsreg_outbuf *report,
                       dsreg_outbuf *diag) {
  (void)diag;
  summary_render_md(s, report);
}

/* Like text, a failed source is the stderr message only. */
static const cli_reporter MD = {no_begin, md_capture, text_source_error,
                                md_summary};

/* --- JSON Lines ---------------------------------------------------------- */

static void json_capture(const cli_report_style *st, dsreg_outbuf *report,
                         const char *source, const dsreg_capture *cap,
                         const dsreg_analysis *an) {
  (void)st;
  mark(report, dsreg_render_json(report, source, cap, an));
}

static void json_source_error(const cli_report_style *st, dsreg_outbuf *report,
                              const char *source, const char *message) {
  (void)st;
  mark(report, dsreg_render_json_error(report, source, message));
}

static void json_summary(const cli_summary *s, dsreg_outbuf *report,
                         dsreg_outbuf *diag) {
  (void)diag;
  summary_render_json(s, report);
}

static const cli_reporter JSON = {no_begin, json_capture, json_source_error,
                                  json_summary};

/* --- CSV ----------------------------------------------------------------- */

static void csv_begin(const cli_report_style *st, dsreg_outbuf *report) {
  mark(report, dsreg_render_csv_header(report, &st->columns));
}

static void csv_capture(const cli_report_style *st, dsreg_outbuf *report,
                        const char *source, const dsreg_capture *cap,
                        const dsreg_analysis *an) {
  mark(report, dsreg_render_csv_row(report, &st->columns, source, cap, an));
}

static void csv_source_error(const cli_report_style *st, dsreg_outbuf *report,
                             const char *source, const char *message) {
  mark(report, dsreg_render_csv_error(report, &st->columns, source, message));
}

/* A spreadsheet reads the report: the summary, for people, goes to stderr. */
static void csv_summary(const cli_summary *s, dsreg_outbuf *report,
                        dsreg_outbuf *diag) {
  (void)report;
  summary_render_text(s, diag);
}

static const cli_reporter CSV = {csv_begin, csv_capture, csv_source_error,
                                 csv_summary};

/* --- capture ------------------------------------------------------------ */

static void capture_capture(const cli_report_style *st, dsreg_outbuf *report,
                            const char *source, const dsreg_capture *cap,
                            const dsreg_analysis *an) {
  (void)st;
  (void)source;
  (void)an;
  mark(report, dsreg_render_capture(report, cap));
}

/* The output is a capture to parse again: the summary goes to stderr. */
static const cli_reporter CAPTURE = {no_begin, capture_capture,
                                     text_source_error, csv_summary};

/* --- one line (detection scripts) --------------------------------------- */

static void line_capture(const cli_report_style *st, dsreg_outbuf *report,
                         const char *source, const dsreg_capture *cap,
                         const dsreg_analysis *an) {
  (void)st;
  mark(report, dsreg_render_line(report, source, cap, an));
}

/* A detection script prints what it read: a failed source is a line too. */
static void line_source_error(const cli_report_style *st, dsreg_outbuf *report,
                              const char *source, const char *message) {
  (void)st;
  mark(report, dsreg_render_line_error(report, source, message));
}

/* One line per capture is the contract: the summary goes to stderr. */
static const cli_reporter LINE = {no_begin, line_capture, line_source_error,
                                  csv_summary};

/* --- flat JSON (Log Analytics) ------------------------------------------- */

static void flat_capture(const cli_report_style *st, dsreg_outbuf *report,
                         const char *source, const dsreg_capture *cap,
                         const dsreg_analysis *an) {
  (void)st;
  mark(report, dsreg_render_json_flat(report, source, cap, an));
}

static void flat_source_error(const cli_report_style *st, dsreg_outbuf *report,
                              const char *source, const char *message) {
  (void)st;
  mark(report, dsreg_render_json_flat_error(report, source, message));
}

/* The summary is no row of the table: it goes to stderr, as with CSV. */
static const cli_reporter JSON_FLAT = {no_begin, flat_capture,
                                       flat_source_error, csv_summary};

const cli_reporter *cli_reporter_json_flat(void) { return &JSON_FLAT; }

const cli_reporter *cli_reporter_for(cli_format format) {
  switch (format) {
  case FORMAT_CAPTURE:
    return &CAPTURE;
  case FORMAT_JSON:
    return &JSON;
  case FORMAT_CSV:
    return &CSV;
  case FORMAT_MD:
    return &MD;
  case FORMAT_LINE:
    return &LINE;
  case FORMAT_TEXT:
    break;
  }
  return &TEXT;
}
