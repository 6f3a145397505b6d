/*
 * dsreg/report.h - what a capture means (join type, findings, verdict and
 * root cause) and the writers that print it: a readable text report,
 * Markdown and JSON Lines.
 */
#ifndef DSREG_REPORT_H
#define DSREG_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "dsreg/capture.h"
#include "dsreg/export.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The kind of join a capture shows (docs/format.md §5, D1). */
typedef enum dsreg_join_type {
  DSREG_JOIN_UNKNOWN = 0, /**< Device State missing or contradictory */
  DSREG_JOIN_ENTRA,       /**< Microsoft Entra joined */
  DSREG_JOIN_HYBRID,      /**< Microsoft Entra hybrid joined */
  DSREG_JOIN_DRS,         /**< joined to an on-premises DRS (AD FS) */
  DSREG_JOIN_DOMAIN,      /**< Active Directory only */
  DSREG_JOIN_REGISTERED,  /**< Microsoft Entra registered only */
  DSREG_JOIN_NOT_JOINED   /**< nothing */
} dsreg_join_type;

/** "entra-joined", "hybrid-joined", ...: stable ids. Static string. */
DSREG_EXPORT const char *dsreg_join_type_id(dsreg_join_type t);

/** "Microsoft Entra hybrid joined", ...: for people. Static string. */
DSREG_EXPORT const char *dsreg_join_type_title(dsreg_join_type t);

/** The join type from the Device State flags (and WorkplaceJoined or a
 * Work Account section for registered devices). */
DSREG_EXPORT dsreg_join_type dsreg_join_type_of(const dsreg_capture *cap);

typedef enum dsreg_severity {
  DSREG_SEVERITY_INFO = 1,
  DSREG_SEVERITY_WARNING,
  DSREG_SEVERITY_ERROR
} dsreg_severity;

/** "info", "warning", "error". Static string. */
DSREG_EXPORT const char *dsreg_severity_name(dsreg_severity s);

/** One field a finding read. */
typedef struct dsreg_evidence {
  const char *key;   /**< borrowed from the capture */
  const char *value; /**< borrowed from the capture */
  unsigned long line;
} dsreg_evidence;

#define DSREG_MAX_EVIDENCE 6

/** One problem found in a capture. */
typedef struct dsreg_finding {
  const char *rule; /**< stable kebab-case id; static */
  dsreg_severity severity;
  const char *title;     /**< static one-line title of the rule */
  char message[512];     /**< what is wrong, with the capture's own values */
  char remedy[1024];     /**< what to do next */
  const char *reference; /**< static URL */
  dsreg_evidence evidence[DSREG_MAX_EVIDENCE];
  size_t evidence_count;
  /** The rule id of the finding this one follows from (its cause is in the
   * same analysis, dsreg_rule.follows_from), or NULL: a root cause.
   * Static. */
  const char *caused_by;
} dsreg_finding;

/** What a capture comes to, in one word (docs/json.md, "verdict"). */
typedef enum dsreg_verdict {
  DSREG_VERDICT_OK = 0,    /**< no warning or error (info notes allowed) */
  DSREG_VERDICT_ATTENTION, /**< warnings, no error */
  DSREG_VERDICT_BROKEN     /**< at least one error */
} dsreg_verdict;

/** "ok", "attention", "broken": stable ids.  Static string. */
DSREG_EXPORT const char *dsreg_verdict_id(dsreg_verdict v);

/** "OK", "ATTENTION", "BROKEN": for people.  Static string. */
DSREG_EXPORT const char *dsreg_verdict_title(dsreg_verdict v);

/** Where the reference time ("now" for dates) came from. */
typedef enum dsreg_time_source {
  DSREG_TIME_NONE = 0,
  DSREG_TIME_CLIENT_TIME, /**< the capture's own Client Time */
  DSREG_TIME_OPTION,      /**< given by the caller (--now) */
  DSREG_TIME_CLOCK        /**< the machine's clock */
} dsreg_time_source;

/** "client-time", "option", "clock", "none". Static string. */
DSREG_EXPORT const char *dsreg_time_source_name(dsreg_time_source s);

/** The meaning of one capture.  Filled by dsreg_analyze() (rules.h). */
typedef struct dsreg_analysis {
  dsreg_join_type join_type;
  int64_t reference_ms; /**< ms since 1970 UTC; valid unless NONE */
  dsreg_time_source reference_source;
  bool live; /**< set by the caller: the capture came from running dsregcmd
                  just now; writers mark it */
  dsreg_finding *findings; /**< owned by whoever filled it */
  size_t finding_count;
  /** From every finding dsreg_analyze() made (after --disable), so hiding
   * some later (--min-severity) changes neither. */
  dsreg_verdict verdict;
  /** Rule id of the root cause: of the findings with no cause present,
   * the one whose consequences reach the highest severity (then its own
   * severity, then the most consequences, then catalogue order); NULL when
   * the verdict is OK.  Static. */
  const char *root_cause;
} dsreg_analysis;

/** A growable buffer the renderers append to, for callers that order or
 * batch output themselves (the CLI's parallel mode).  Start it zeroed;
 * `data` is not NUL-terminated; free with dsreg_outbuf_free(). */
typedef struct dsreg_outbuf {
  char *data;
  size_t len, cap;
  int oom; /**< an allocation failed: the content is incomplete */
} dsreg_outbuf;

/** Frees the buffer's memory and zeroes it. */
DSREG_EXPORT void dsreg_outbuf_free(dsreg_outbuf *b);

/** Appends s[0..n) as it is. */
DSREG_EXPORT void dsreg_outbuf_put(dsreg_outbuf *b, const char *s, size_t n);

/** Appends s[0..n) as a JSON string literal: valid UTF-8 (bad bytes become
 * U+FFFD), control characters escaped. */
DSREG_EXPORT void dsreg_render_json_string(dsreg_outbuf *b, const char *s,
                                           size_t n);

/** Appends s[0..n) safe for a terminal: control characters (C0, C1, DEL)
 * shown as \xNN (tab as \t), the bidi controls and separators that
 * reorder or break a line (U+061C, U+200E, U+200F, U+2028-U+202E,
 * U+2066-U+2069) as \uNNNN in lower-case hex, bad UTF-8 as U+FFFD. */
DSREG_EXPORT void dsreg_render_terminal_text(dsreg_outbuf *b, const char *s,
                                             size_t n);

/** Options of the text writer.  A zeroed struct is plain and unwrapped. */
typedef struct dsreg_text_options {
  bool color; /**< ANSI colours (only for a terminal) */
  /** Wrap prose at this many columns (counted in characters), never inside
   * a URL, a code, a path or a quoted command; a word longer than the line
   * stands alone on it.  0: do not wrap. */
  unsigned width;
} dsreg_text_options;

/**
 * Writes one capture as one line of JSON (JSON Lines), ending in "\n".
 * `source` is the file name or "<stdin>" (any bytes; invalid UTF-8 is
 * replaced).  `an` may be NULL (then join_type comes from
 * dsreg_join_type_of() and findings are empty).  The output is valid UTF-8
 * JSON whatever the capture holds.  Returns 0, or -1 when writing failed
 * (check ferror(out) and errno).
 */
DSREG_EXPORT int dsreg_write_json(FILE *out, const char *source,
                                  const dsreg_capture *cap,
                                  const dsreg_analysis *an);

/** Writes `{"source": ..., "error": ...}` and "\n" for a source that could
 * not be read or held no capture.  Returns 0 or -1 as above. */
DSREG_EXPORT int dsreg_write_json_error(FILE *out, const char *source,
                                        const char *message);

/** Writes the readable report of one capture.  Control characters in
 * values are shown escaped, never raw.  Returns 0 or -1 as above. */
DSREG_EXPORT int dsreg_write_text(FILE *out, const char *source,
                                  const dsreg_capture *cap,
                                  const dsreg_analysis *an,
                                  const dsreg_text_options *opt);

/**
 * Writes the report of one capture as CommonMark that GitHub, Azure DevOps,
 * Teams and ServiceNow render alike: a heading, the verdict, a facts table,
 * the findings (root causes, their consequences under them), the plan as a
 * numbered list and what was not judged.  Every capture value is escaped
 * for Markdown and inline HTML, so it renders as the text it is.  Returns
 * 0 or -1 as above.  Nothing is kept after the call.
 */
DSREG_EXPORT int dsreg_write_md(FILE *out, const char *source,
                                const dsreg_capture *cap,
                                const dsreg_analysis *an);

/** Appends s[0..n) escaped for Markdown inline text and a table cell:
 * every ASCII punctuation character CommonMark gives a meaning to gets a
 * backslash (so `<script>` is text, not HTML, and `|` does not split a
 * cell), control characters and line ends become spaces, bad UTF-8 U+FFFD. */
DSREG_EXPORT void dsreg_render_md_text(dsreg_outbuf *b, const char *s,
                                       size_t n);

/** The renderers behind the writers above: they append to `b` instead of
 * writing a FILE.  Return 0, or -1 when out of memory. */
DSREG_EXPORT int dsreg_render_json(dsreg_outbuf *b, const char *source,
                                   const dsreg_capture *cap,
                                   const dsreg_analysis *an);
DSREG_EXPORT int dsreg_render_json_error(dsreg_outbuf *b, const char *source,
                                         const char *message);
DSREG_EXPORT int dsreg_render_text(dsreg_outbuf *b, const char *source,
                                   const dsreg_capture *cap,
                                   const dsreg_analysis *an,
                                   const dsreg_text_options *opt);
DSREG_EXPORT int dsreg_render_md(dsreg_outbuf *b, const char *source,
                                 const dsreg_capture *cap,
                                 const dsreg_analysis *an);

/** The times the library parses and prints, in ms since 1970 UTC:
 * 0001-01-01T00:00:00.000Z to 9999-12-31T23:59:59.999Z, the years a
 * four-digit ISO 8601 year can carry.  A printed time outside them makes
 * the field DSREG_VALUE_INVALID, with a note. */
#define DSREG_TIME_MIN_MS (-62135596800000LL)
#define DSREG_TIME_MAX_MS 253402300799999LL

/** Formats ms since 1970 as "2025-03-09T11:00:27.000Z" (24 characters)
 * into buf (>= 25 bytes; a smaller one gets a NUL-terminated prefix).  A
 * time outside DSREG_TIME_MIN_MS..DSREG_TIME_MAX_MS is printed as the
 * nearest end of that range, so the result is always that shape.  Returns
 * buf. */
DSREG_EXPORT char *dsreg_format_time(int64_t ms, char *buf, size_t size);

#ifdef __cplusplus
}
#endif

#endif
