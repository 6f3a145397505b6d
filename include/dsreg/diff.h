/*
 * dsreg/diff.h - what changed between two captures of a device.
 *
 * "I ran dsregcmd /join, the user signed in again, we fixed the SCP: what
 * changed?"  A comparison needs both captures at once, but a capture is
 * borrowed only while the parser's callback runs; so each is first copied
 * into a snapshot (the fields as printed and the findings of its analysis),
 * and two snapshots are compared.
 *
 *   callback:  snap[i] = dsreg_snapshot_new(cap, &analysis);
 *   then:      dsreg_diff_compute(snap[0], snap[1], &d);
 *              dsreg_diff_render_text(&d, &buf);   // or _json
 *              dsreg_diff_free(&d); dsreg_snapshot_free(snap[0]); ...
 *
 * Fields are matched by section (title and its occurrence: the second
 * "Work Account 1" box is not the first) and key (and the key's occurrence
 * in its section).  A changed value is described by its type in the field
 * table: a time "moved 3 h 12 min forward", a certificate validity
 * "renewed, now valid to 2035-05-24", anything else "before -> after".
 * Findings are matched by rule id: "resolved" ones were in BEFORE only,
 * "new" ones are in AFTER only.
 *
 * Nothing here keeps a pointer into a capture, exits or aborts; every
 * allocation failure is reported as DSREG_ENOMEM (or NULL).
 *
 * Threads: a snapshot and a diff are plain values of their owner; once
 * made they are only read, so several threads may read (compare, render)
 * the same ones at once, but not while one frees them.
 */
#ifndef DSREG_DIFF_H
#define DSREG_DIFF_H

#include <stdbool.h>
#include <stddef.h>

#include "dsreg/capture.h"
#include "dsreg/export.h"
#include "dsreg/report.h"
#include "dsreg/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A copy of what a comparison needs from one capture (opaque). */
typedef struct dsreg_snapshot dsreg_snapshot;

/**
 * Copies the fields of `cap` and the join type and findings of `an` (its
 * dsreg_analyze() result, after any filtering the caller wants).  Neither
 * is kept: both may go away once this returns.  Returns a snapshot the
 * caller frees with dsreg_snapshot_free(), or NULL when out of memory.
 */
DSREG_EXPORT dsreg_snapshot *dsreg_snapshot_new(const dsreg_capture *cap,
                                                const dsreg_analysis *an);

/** Frees a snapshot; NULL is a no-op.  Not while another thread reads it. */
DSREG_EXPORT void dsreg_snapshot_free(dsreg_snapshot *s);

/** How a field differs. */
typedef enum dsreg_diff_kind {
  DSREG_DIFF_CHANGED = 0, /**< in both, with another value */
  DSREG_DIFF_ADDED,       /**< in AFTER only */
  DSREG_DIFF_REMOVED      /**< in BEFORE only */
} dsreg_diff_kind;

/** "changed", "added", "removed".  Static string; thread safe. */
DSREG_EXPORT const char *dsreg_diff_kind_name(dsreg_diff_kind kind);

/** One field that differs.  Strings are owned by the dsreg_diff. */
typedef struct dsreg_diff_field {
  dsreg_diff_kind kind;
  const char *section; /**< the section's title as printed ("SSO State") */
  const char *key;     /**< as printed ("AzureAdPrtUpdateTime") */
  const char *before;  /**< the value in BEFORE; NULL when added */
  const char *after;   /**< the value in AFTER; NULL when removed */
  const char *change;  /**< for CHANGED: "moved 3 h 12 min forward",
                            "renewed, now valid to 2035-05-24", "YES -> NO";
                            NULL otherwise */
  bool typed; /**< `change` speaks of the values by their type (a time, a
                   validity) rather than quoting them */
} dsreg_diff_field;

/** A finding that appeared or went away.  Strings owned by the diff. */
typedef struct dsreg_diff_finding {
  const char *rule; /**< rule id; static */
  dsreg_severity severity;
  const char *message; /**< as the capture it comes from gave it */
} dsreg_diff_finding;

/** The result of dsreg_diff_compute(); free with dsreg_diff_free(). */
typedef struct dsreg_diff {
  dsreg_join_type join_before, join_after;
  dsreg_diff_field *fields; /**< BEFORE's order (changed, removed), then
                                 AFTER's new fields in AFTER's order */
  size_t field_count;
  dsreg_diff_finding *resolved; /**< in BEFORE only, in its order */
  size_t resolved_count;
  dsreg_diff_finding *added; /**< in AFTER only, in its order */
  size_t added_count;
  size_t kept_count;    /**< findings (by rule) in both */
  bool after_has_error; /**< AFTER has an error-severity finding */
} dsreg_diff;

/**
 * Compares two snapshots into `out` (which it overwrites; free it with
 * dsreg_diff_free() whatever this returns).  The snapshots are only read
 * and may be freed afterwards.  Returns DSREG_OK or DSREG_ENOMEM.
 */
DSREG_EXPORT DSREG_NODISCARD dsreg_status dsreg_diff_compute(
    const dsreg_snapshot *before, const dsreg_snapshot *after, dsreg_diff *out);

/** Frees what dsreg_diff_compute() filled, and zeroes it; safe on a
 * zeroed struct and twice; NULL is a no-op. */
DSREG_EXPORT void dsreg_diff_free(dsreg_diff *d);

/**
 * Appends the comparison for people: join type, changed, added and
 * removed fields, resolved and new findings.  `before_name` and
 * `after_name` name the two captures in the heading.  Every string from a
 * capture is escaped for a terminal.  Returns DSREG_OK, DSREG_EINVAL (a
 * NULL argument) or DSREG_ENOMEM (b->oom is set too).  Nothing is kept.
 */
DSREG_EXPORT DSREG_NODISCARD dsreg_status
dsreg_diff_render_text(const dsreg_diff *d, const char *before_name,
                       const char *after_name, dsreg_outbuf *b);

/**
 * Appends the comparison as one JSON object and a newline:
 * {"diff":{"before":..,"after":..,"join_type":{"before":..,"after":..},
 * "fields":[{"change":"changed","section":..,"key":..,"before":..,
 * "after":..,"description":..}],"findings":{"resolved":[..],"new":[..],
 * "kept":N},"after_has_error":bool}}.  Returns as
 * dsreg_diff_render_text().
 */
DSREG_EXPORT DSREG_NODISCARD dsreg_status
dsreg_diff_render_json(const dsreg_diff *d, const char *before_name,
                       const char *after_name, dsreg_outbuf *b);

#ifdef __cplusplus
}
#endif

#endif
