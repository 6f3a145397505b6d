/*
 * reporters.c - the text, Markdown, JSON Lines, CSV, capture, line and HTML
 * reporters (see reporters.h).
 */
#include "reporters.h"

#include <stdlib.h>
#include <time.h>

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

static const cli_reporter TEXT = {no_begin,     text_capture, text_source_error,
                                  text_summary, NULL,         false};

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
static const cli_reporter MD = {no_begin,   md_capture, text_source_error,
                                md_summary, NULL,       false};

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

static const cli_reporter JSON = {no_begin,     json_capture, json_source_error,
                                  json_summary, NULL,         false};

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

/* The columns hold rule ids and counts, never a message (docs/csv.md). */
static const cli_reporter CSV = {csv_begin,   csv_capture, csv_source_error,
                                 csv_summary, NULL,        true};

/* --- HTML ---------------------------------------------------------------- */

/* The entries are rendered in parallel like any record; only the counting
 * for the summary at the end is shared, under its own lock. */
static void html_begin(const cli_report_style *st, dsreg_outbuf *report) {
  (void)st;
  mark(report, dsreg_html_render_begin(report));
}

/* Counts a capture, or a failed source when `cap` is NULL. */
static void html_count(const cli_report_style *st, dsreg_outbuf *report,
                       const char *source, const dsreg_capture *cap,
                       const dsreg_analysis *an) {
  if (st->html_lock)
    dsreg_cli_lock(st->html_lock);
  dsreg_status rc = cap ? dsreg_html_fleet_add(st->html, source, cap, an)
                        : dsreg_html_fleet_add_error(st->html, source);
  if (st->html_lock)
    dsreg_cli_unlock(st->html_lock);
  if (rc != DSREG_OK)
    report->oom = 1; /* a summary that misses captures would be wrong */
}

static void html_capture(const cli_report_style *st, dsreg_outbuf *report,
                         const char *source, const dsreg_capture *cap,
                         const dsreg_analysis *an) {
  mark(report,
       dsreg_html_render_device(report, &st->html_opt, source, cap, an));
  html_count(st, report, source, cap, an);
}

static void html_source_error(const cli_report_style *st, dsreg_outbuf *report,
                              const char *source, const char *message) {
  mark(report, dsreg_html_render_error(report, source, message));
  html_count(st, report, source, NULL, NULL);
}

static void html_end(const cli_report_style *st, dsreg_outbuf *report) {
  mark(report, dsreg_html_render_end(report, st->html));
}

/* The page has its own summary: --summary's text goes to stderr. */
static const cli_reporter HTML = {html_begin,  html_capture, html_source_error,
                                  csv_summary, html_end,     false};

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
static const cli_reporter CAPTURE = {
    no_begin, capture_capture, text_source_error, csv_summary, NULL, false};

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
/* The line names rule ids, never a message. */
static const cli_reporter LINE = {no_begin,    line_capture, line_source_error,
                                  csv_summary, NULL,         true};

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
static const cli_reporter JSON_FLAT = {
    no_begin, flat_capture, flat_source_error, csv_summary, NULL, false};

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
  case FORMAT_HTML:
    return &HTML;
  case FORMAT_TEXT:
    break;
  }
  return &TEXT;
}

/* SOURCE_DATE_EPOCH (reproducible-builds.org): seconds since 1970. */
static int64_t generated_ms(void) {
  const char *e = getenv("SOURCE_DATE_EPOCH");
  if (e && *e) {
    char *end;
    long long s = strtoll(e, &end, 10);
    if (*end == '\0' && s >= 0 && s < DSREG_TIME_MAX_MS / 1000)
      return (int64_t)s * 1000;
  }
  return (int64_t)time(NULL) * 1000;
}

int cli_html_open(cli_report_style *st, const dsreg_rule_options *rules,
                  int jobs) {
  dsreg_html_options *o = &st->html_opt;
  dsreg_html_options_init(o);
  o->generated_ms = generated_ms();
  o->reference_ms = rules->now_ms;
  o->reference_source = rules->now_source;
  o->clock_is_capture_time = rules->clock_is_capture_time;
  st->html = dsreg_html_fleet_new(o);
  if (st->html && jobs > 1)
    st->html_lock = dsreg_cli_lock_new();
  return st->html && (jobs <= 1 || st->html_lock) ? 0 : -1;
}

void cli_html_close(cli_report_style *st) {
  dsreg_html_fleet_free(st->html);
  dsreg_cli_lock_free(st->html_lock);
  st->html = NULL;
  st->html_lock = NULL;
}
