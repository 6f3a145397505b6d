/*
 * dsreg/html.h - the fleet dashboard: one self-contained HTML page for any
 * number of captures (dsregdiag --format html).
 *
 * The page is written as a stream, in three parts:
 *
 *   dsreg_html_render_begin()    the head (style, Content-Security-Policy)
 *                                and the start of the device table;
 *   dsreg_html_render_device()   one table entry per capture, with its
 *                                detail (facts, findings with next steps),
 *   dsreg_html_render_error()    or per source that failed;
 *   dsreg_html_render_end()      the end of the table, the fleet summary and
 *                                its charts, and the script.
 *
 * A dsreg_html_fleet is fed every capture (dsreg_html_fleet_add()) and keeps
 * only counters plus two hash sets (sources and devices seen, at most 32
 * bytes each), so memory does not depend on the findings or on the size of
 * what is written: the entries go out as they are rendered.  The summary
 * is known only at the end, so it is written last and the style shows it
 * first.
 *
 * The page loads nothing: no network, no external script, style, font or
 * image.  Its Content-Security-Policy allows only the page's own inline
 * script and style, by their SHA-256.  Every string from a capture is
 * escaped for where it lands (HTML text, attribute, or JSON inside the
 * script data block); the script only adds sorting and filtering, and the
 * page shows everything with scripting off.  docs/html.md describes it.
 *
 * Thread safety: dsreg_html_render_device() and dsreg_html_render_error()
 * touch no shared state and may run on several threads at once; calls on
 * one dsreg_html_fleet must not overlap.
 */
#ifndef DSREG_HTML_H
#define DSREG_HTML_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dsreg/capture.h"
#include "dsreg/export.h"
#include "dsreg/report.h"

#ifdef __cplusplus
extern "C" {
#endif

/** What the page says about the run as a whole.  Fill it with
 * dsreg_html_options_init() first, so that fields added later get their
 * defaults. */
typedef struct dsreg_html_options {
  size_t size; /**< sizeof(dsreg_html_options) as the caller knew it */
  /** When the page is written, ms since 1970 UTC (shown in the header). */
  int64_t generated_ms;
  /** The fleet's "now": the certificate expiry chart counts months from it.
   * Captures are still judged against their own reference time. */
  int64_t reference_ms;
  dsreg_time_source reference_source; /**< OPTION, CLOCK or NONE */
  /** As dsreg_rule_options.clock_is_capture_time: when false, a PRT age
   * measured against the clock is not counted (a saved file read today
   * would make every PRT look old). */
  bool clock_is_capture_time;
} dsreg_html_options;

/** The smallest dsreg_html_options.size the functions accept (the 1.0
 * struct): dsreg_html_fleet_new() returns NULL and dsreg_html_render_device()
 * DSREG_EINVAL for a smaller one. */
#define DSREG_HTML_OPTIONS_SIZE_1_0 sizeof(dsreg_html_options)

/** Fills `opt` with the defaults: `size` set, no times (NONE), PRT ages not
 * judged against the clock.  NULL is a no-op.  Thread safe. */
DSREG_EXPORT void dsreg_html_options_init(dsreg_html_options *opt);

/** The fleet summary of one page: opaque. */
typedef struct dsreg_html_fleet dsreg_html_fleet;

/** A new, empty summary.  `opt` is copied.  Caller frees with
 * dsreg_html_fleet_free().  NULL when out of memory. */
DSREG_EXPORT dsreg_html_fleet *
dsreg_html_fleet_new(const dsreg_html_options *opt);

/** Frees `f`; NULL is a no-op. */
DSREG_EXPORT void dsreg_html_fleet_free(dsreg_html_fleet *f);

/** Counts one capture: its source, device, join type, findings, certificate
 * end and PRT age.  Nothing of `cap` or `an` is kept.  Returns DSREG_OK,
 * DSREG_EINVAL for a NULL `f`, `source` or `cap`, or DSREG_ENOMEM (the
 * counts then stay as they were).  One fleet is not to be fed from two
 * threads at once: the caller locks (the CLI does). */
DSREG_EXPORT DSREG_NODISCARD dsreg_status
dsreg_html_fleet_add(dsreg_html_fleet *f, const char *source,
                     const dsreg_capture *cap, const dsreg_analysis *an);

/** Counts a source that could not be read or held no capture.  Returns
 * DSREG_OK, DSREG_EINVAL for a NULL argument, or DSREG_ENOMEM (nothing
 * counted). */
DSREG_EXPORT DSREG_NODISCARD dsreg_status
dsreg_html_fleet_add_error(dsreg_html_fleet *f, const char *source);

/** Appends the start of the page to `b` (the caller's buffer, as for every
 * render function here).  It reads dsreg_html_csp(), so its first call
 * computes that static string: make the first call (or one to
 * dsreg_html_csp()) before several threads render pages.  Returns
 * DSREG_OK, DSREG_EINVAL for a NULL `b`, or DSREG_ENOMEM (the buffer's oom
 * flag is then set too).  Past that first call the render functions keep
 * no state: any thread may call them, each with its own buffer. */
DSREG_EXPORT DSREG_NODISCARD dsreg_status
dsreg_html_render_begin(dsreg_outbuf *b);

/** Appends the table entry and detail of one capture.  `opt` is the
 * fleet's (NULL: no reference time of its own); `source` is any bytes; `an`
 * may be NULL (join type from dsreg_join_type_of(), no findings).  Nothing
 * is kept.  Returns DSREG_OK, DSREG_EINVAL for a NULL `b`, `source` or
 * `cap`, or DSREG_ENOMEM. */
DSREG_EXPORT DSREG_NODISCARD dsreg_status dsreg_html_render_device(
    dsreg_outbuf *b, const dsreg_html_options *opt, const char *source,
    const dsreg_capture *cap, const dsreg_analysis *an);

/** Appends the table entry of a source that failed, with its message.
 * Returns DSREG_OK, DSREG_EINVAL for a NULL argument, or DSREG_ENOMEM. */
DSREG_EXPORT DSREG_NODISCARD dsreg_status dsreg_html_render_error(
    dsreg_outbuf *b, const char *source, const char *message);

/** Appends the end of the page: the summary and charts of `f`, the data
 * block and the script.  Returns DSREG_OK, DSREG_EINVAL for a NULL `b`
 * or `f`, or DSREG_ENOMEM. */
DSREG_EXPORT DSREG_NODISCARD dsreg_status
dsreg_html_render_end(dsreg_outbuf *b, const dsreg_html_fleet *f);

/** Appends s[0..n) as HTML text that is also safe inside a quoted
 * attribute: & < > " ' as character references, control characters and
 * the bidi controls as dsreg_render_terminal_text() shows them, bad UTF-8
 * as U+FFFD. */
DSREG_EXPORT void dsreg_render_html_text(dsreg_outbuf *b, const char *s,
                                         size_t n);

/** Appends s[0..n) as a JSON string literal that may stand inside an HTML
 * <script> element: as dsreg_render_json_string(), and < > & U+2028
 * U+2029 as \u003c \u003e \u0026 \u2028 \u2029. */
DSREG_EXPORT void dsreg_render_script_json_string(dsreg_outbuf *b,
                                                  const char *s, size_t n);

/** The Content-Security-Policy the page carries, with the SHA-256 of its
 * script and style ("default-src 'none'; style-src 'sha256-...'; ...").
 * Static string, computed on the first call; call it once before using it
 * from several threads. */
DSREG_EXPORT const char *dsreg_html_csp(void);

#ifdef __cplusplus
}
#endif

#endif
