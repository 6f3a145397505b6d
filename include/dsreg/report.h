/*
 * dsreg/report.h - the writers that print what a capture means
 * (dsreg/analysis.h): a readable text report, Markdown and JSON Lines, and
 * the output buffer their renderers append to.
 *
 * Every writer has two forms: dsreg_write_X(FILE *out, ...) writes one
 * whole record with one fwrite, and dsreg_render_X(dsreg_outbuf *b, ...)
 * appends it to a buffer.  Both return DSREG_OK, DSREG_EINVAL (a NULL
 * stream, buffer or `source`, or an option struct whose `size` is too
 * small), DSREG_ENOMEM, or, for the FILE forms, DSREG_EIO when the stream
 * reports an error (ferror) after the write: errno is then as the C
 * library left it.  Nothing is kept after a call.  The caller owns `out`,
 * `b`, `cap` and `an`, which are only read (`b` appended to).
 *
 * Threads: the writers keep no state, so several threads may write at once
 * as long as each has its own stream or buffer (a FILE shared between
 * threads interleaves whole records at best).
 */
#ifndef DSREG_REPORT_H
#define DSREG_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "dsreg/analysis.h"
#include "dsreg/capture.h"
#include "dsreg/export.h"
#include "dsreg/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A growable buffer the renderers append to, for callers that order or
 * batch output themselves (the CLI's parallel mode).  Start it zeroed;
 * `data` is not NUL-terminated; the caller owns it and frees it with
 * dsreg_outbuf_free().  One thread at a time. */
typedef struct dsreg_outbuf {
  char *data;
  size_t len, cap;
  int oom; /**< an allocation failed: the content is incomplete */
} dsreg_outbuf;

/** Frees the buffer's memory and zeroes it; NULL is a no-op. */
DSREG_EXPORT void dsreg_outbuf_free(dsreg_outbuf *b);

/** Appends s[0..n) as it is.  Returns DSREG_OK, DSREG_EINVAL (NULL `b`, or
 * NULL `s` with n > 0) or DSREG_ENOMEM (b->oom is set too, and stays).
 * The four appenders are the one place the status may be ignored (they
 * are not DSREG_NODISCARD): b->oom is sticky, like ferror(), so a caller
 * appending many pieces checks it once at the end. */
DSREG_EXPORT dsreg_status dsreg_outbuf_put(dsreg_outbuf *b, const char *s,
                                           size_t n);

/** Appends s[0..n) as a JSON string literal: valid UTF-8 (bad bytes become
 * U+FFFD), control characters escaped.  Returns as dsreg_outbuf_put(). */
DSREG_EXPORT dsreg_status dsreg_render_json_string(dsreg_outbuf *b,
                                                   const char *s, size_t n);

/** Appends s[0..n) safe for a terminal: control characters (C0, C1, DEL)
 * shown as \xNN (tab as \t), the bidi controls and separators that
 * reorder or break a line (U+061C, U+200E, U+200F, U+2028-U+202E,
 * U+2066-U+2069) as \uNNNN in lower-case hex, bad UTF-8 as U+FFFD.
 * Returns as dsreg_outbuf_put(). */
DSREG_EXPORT dsreg_status dsreg_render_terminal_text(dsreg_outbuf *b,
                                                     const char *s, size_t n);

/** Appends s[0..n) escaped for Markdown inline text and a table cell:
 * every ASCII punctuation character CommonMark gives a meaning to gets a
 * backslash (so `<script>` is text, not HTML, and `|` does not split a
 * cell), control characters and line ends become spaces, bad UTF-8 U+FFFD.
 * Returns as dsreg_outbuf_put(). */
DSREG_EXPORT dsreg_status dsreg_render_md_text(dsreg_outbuf *b, const char *s,
                                               size_t n);

/** Options of the text writer.  Fill with dsreg_text_options_init(). */
typedef struct dsreg_text_options {
  size_t size; /**< sizeof(dsreg_text_options) as the caller knew it */
  bool color;  /**< ANSI colours (only for a terminal) */
  /** Wrap prose at this many columns (counted in characters), never inside
   * a URL, a code, a path or a quoted command; a word longer than the line
   * stands alone on it.  0: do not wrap. */
  unsigned width;
} dsreg_text_options;

/** The smallest dsreg_text_options.size the writers accept (the 1.0
 * struct); fields added later get their defaults for a smaller one. */
#define DSREG_TEXT_OPTIONS_SIZE_1_0 sizeof(dsreg_text_options)

/** Fills `opt` with the defaults: `size` set, no colour, no wrapping.
 * NULL is a no-op.  Thread safe. */
DSREG_EXPORT void dsreg_text_options_init(dsreg_text_options *opt);

/**
 * Writes one capture as one line of JSON (JSON Lines), ending in "\n".
 * `source` is the file name or "<stdin>" (any bytes; invalid UTF-8 is
 * replaced).  `cap` must not be NULL; `an` may be NULL (then join_type comes
 * from dsreg_join_type_of() and findings are empty).  The output is valid UTF-8
 * JSON whatever the capture holds.  Returns as described at the top of this
 * header.
 */
DSREG_EXPORT DSREG_NODISCARD dsreg_status
dsreg_write_json(FILE *out, const char *source, const dsreg_capture *cap,
                 const dsreg_analysis *an);

/** The "schema" number every JSON record carries, with "version" (the
 * tool's version): raised only when a key is removed or renamed, or its
 * type or meaning changes; adding an optional key keeps it (docs/json.md,
 * "Schema"; docs/dsregdiag.schema.json). */
#define DSREG_JSON_SCHEMA 1

/** Appends `{"schema":N,"version":"X.Y.Z",`: how every JSON record opens,
 * for callers that write a record of their own (the summary, --diff).
 * Returns DSREG_OK, DSREG_EINVAL (NULL `b`) or DSREG_ENOMEM. */
DSREG_EXPORT DSREG_NODISCARD dsreg_status
dsreg_render_json_stamp(dsreg_outbuf *b);

/** Writes `{"source": ..., "error": ...}` and "\n" for a source that could
 * not be read or held no capture.  Returns as dsreg_write_json(). */
DSREG_EXPORT DSREG_NODISCARD dsreg_status
dsreg_write_json_error(FILE *out, const char *source, const char *message);

/** Writes the readable report of one capture.  Control characters in
 * values are shown escaped, never raw.  `opt` may be NULL (the defaults).
 * Returns as dsreg_write_json(). */
DSREG_EXPORT DSREG_NODISCARD dsreg_status
dsreg_write_text(FILE *out, const char *source, const dsreg_capture *cap,
                 const dsreg_analysis *an, const dsreg_text_options *opt);

/**
 * Writes the report of one capture as CommonMark that GitHub, Azure DevOps,
 * Teams and ServiceNow render alike: a heading, the verdict, a facts table,
 * the findings (root causes, their consequences under them), the plan as a
 * numbered list and what was not judged.  Every capture value is escaped
 * for Markdown and inline HTML, so it renders as the text it is.  Returns
 * as dsreg_write_json().
 */
DSREG_EXPORT DSREG_NODISCARD dsreg_status
dsreg_write_md(FILE *out, const char *source, const dsreg_capture *cap,
               const dsreg_analysis *an);

/** The renderers behind the writers above: they append to `b` instead of
 * writing a FILE.  Return DSREG_OK, DSREG_EINVAL or DSREG_ENOMEM (then `b`
 * holds part of the record: b->oom is set). */
DSREG_EXPORT DSREG_NODISCARD dsreg_status
dsreg_render_json(dsreg_outbuf *b, const char *source, const dsreg_capture *cap,
                  const dsreg_analysis *an);
/** The renderer of dsreg_write_json_error(); returns as dsreg_render_json(). */
DSREG_EXPORT DSREG_NODISCARD dsreg_status dsreg_render_json_error(
    dsreg_outbuf *b, const char *source, const char *message);
/** The renderer of dsreg_write_text(); returns as dsreg_render_json(). */
DSREG_EXPORT DSREG_NODISCARD dsreg_status
dsreg_render_text(dsreg_outbuf *b, const char *source, const dsreg_capture *cap,
                  const dsreg_analysis *an, const dsreg_text_options *opt);
/** The renderer of dsreg_write_md(); returns as dsreg_render_json(). */
DSREG_EXPORT DSREG_NODISCARD dsreg_status
dsreg_render_md(dsreg_outbuf *b, const char *source, const dsreg_capture *cap,
                const dsreg_analysis *an);

/** The most bytes dsreg_render_line() writes for one capture, its "\n"
 * included: what the Intune portal shows of a detection script's output. */
#define DSREG_LINE_MAX 2048

/**
 * Appends the one-line status of a capture, for detection scripts (Intune
 * Remediations, RMM tools): `VERDICT join-type root-cause,other-rules |
 * device`, e.g. `BROKEN hybrid-joined device-auth-failed,prt-missing |
 * DESKTOP-01`.  The root cause comes first (even when hidden from
 * an->findings), then the shown findings by severity; the device is the
 * capture's Device Name, else `source`.  No control character (they are
 * shown as \xNN), never more than DSREG_LINE_MAX bytes with the "\n": a
 * longer line is cut at a UTF-8 character boundary and ends in "...".
 * `an` may be NULL.  Returns as dsreg_render_json().  Nothing is kept
 * after the call.
 */
DSREG_EXPORT DSREG_NODISCARD dsreg_status
dsreg_render_line(dsreg_outbuf *b, const char *source, const dsreg_capture *cap,
                  const dsreg_analysis *an);

/** Appends `ERROR | source: message` and "\n", as safe and as short as
 * dsreg_render_line(), for a source that could not be read or held no
 * capture.  Returns as dsreg_render_json(). */
DSREG_EXPORT DSREG_NODISCARD dsreg_status dsreg_render_line_error(
    dsreg_outbuf *b, const char *source, const char *message);

/** dsreg_render_line() written to `out` with one fwrite.  Returns as
 * dsreg_write_json(). */
DSREG_EXPORT DSREG_NODISCARD dsreg_status
dsreg_write_line(FILE *out, const char *source, const dsreg_capture *cap,
                 const dsreg_analysis *an);

/**
 * Appends the flat JSON view of one capture and "\n" (docs/log-analytics.md):
 * one object of one level, for Log Analytics custom tables and PowerShell's
 * ConvertFrom-Json.  Keys are "schema", "version", "live" and every column
 * of the CSV column table (dsreg_csv_column_name(), all of them, in table
 * order), so they are snake_case; a column of type "int"
 * (dsreg_csv_column_type()) is a number, an empty cell null, any other
 * cell its CSV text (without the spreadsheet guard) as a string.  `an` may
 * be NULL.  Returns as dsreg_render_json().  Nothing is kept.
 */
DSREG_EXPORT DSREG_NODISCARD dsreg_status
dsreg_render_json_flat(dsreg_outbuf *b, const char *source,
                       const dsreg_capture *cap, const dsreg_analysis *an);

/** The flat record of a source that failed: the same keys, only "source"
 * and "error" set (the rest null).  Returns as dsreg_render_json(). */
DSREG_EXPORT DSREG_NODISCARD dsreg_status dsreg_render_json_flat_error(
    dsreg_outbuf *b, const char *source, const char *message);

#ifdef __cplusplus
}
#endif

#endif
