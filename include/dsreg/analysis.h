/*
 * dsreg/analysis.h - what a capture means: its join type, the findings of
 * the rules, the verdict and the root cause, and dsreg_analyze(), which
 * makes them.
 *
 *   dsreg_rule_options opt;
 *   dsreg_rule_options_init(&opt);
 *   if (dsreg_rule_set_add(&opt.disabled, "wam-default-missing") != DSREG_OK)
 *     ...;                              // not a rule id
 *   dsreg_analysis an;
 *   dsreg_status st = dsreg_analyze(cap, &opt, &an);  // in the callback
 *   ... write or copy what is needed ...
 *   dsreg_analysis_free(&an);           // whatever st was
 *
 * Threads: an analysis is a value of the thread that made it; several
 * threads may analyse different captures at once (dsreg_analyze keeps no
 * state between calls), and may read one finished analysis together as long
 * as none frees it.  The catalogue behind it (dsreg/rules.h) is immutable.
 */
#ifndef DSREG_ANALYSIS_H
#define DSREG_ANALYSIS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dsreg/capture.h"
#include "dsreg/export.h"
#include "dsreg/status.h"

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

/** "entra-joined", "hybrid-joined", ...: stable ids.  Static string, never
 * NULL ("unknown" for a value out of range); thread safe. */
DSREG_EXPORT const char *dsreg_join_type_id(dsreg_join_type t);

/** "Microsoft Entra hybrid joined", ...: for people.  Static string, never
 * NULL; thread safe. */
DSREG_EXPORT const char *dsreg_join_type_title(dsreg_join_type t);

/** The join type from the Device State flags (and WorkplaceJoined or a
 * Work Account section for registered devices).  `cap` is only read and not
 * kept; UNKNOWN for NULL.  Thread safe on a capture no one changes. */
DSREG_EXPORT dsreg_join_type dsreg_join_type_of(const dsreg_capture *cap);

/** How bad a finding is. */
typedef enum dsreg_severity {
  DSREG_SEVERITY_INFO = 1,
  DSREG_SEVERITY_WARNING,
  DSREG_SEVERITY_ERROR
} dsreg_severity;

/** "info", "warning", "error".  Static string, never NULL; thread safe. */
DSREG_EXPORT const char *dsreg_severity_name(dsreg_severity s);

/** One field a finding read. */
typedef struct dsreg_evidence {
  const char *key;   /**< borrowed from the capture */
  const char *value; /**< borrowed from the capture */
  unsigned long line;
} dsreg_evidence;

#define DSREG_MAX_EVIDENCE 6

/** One problem found in a capture.  The strings marked "owned" belong to
 * the dsreg_analysis that holds the finding: valid until
 * dsreg_analysis_free(), never NULL, never cut (they are as long as the
 * capture values they quote make them). */
typedef struct dsreg_finding {
  const char *rule; /**< stable kebab-case id; static */
  dsreg_severity severity;
  const char *title;     /**< static one-line title of the rule */
  const char *message;   /**< what is wrong, with the capture's own values;
                              owned */
  const char *remedy;    /**< what to do next; owned */
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

/** "ok", "attention", "broken": stable ids.  Static string; thread safe. */
DSREG_EXPORT const char *dsreg_verdict_id(dsreg_verdict v);

/** "OK", "ATTENTION", "BROKEN": for people.  Static string; thread safe. */
DSREG_EXPORT const char *dsreg_verdict_title(dsreg_verdict v);

/** Where the reference time ("now" for dates) came from. */
typedef enum dsreg_time_source {
  DSREG_TIME_NONE = 0,
  DSREG_TIME_CLIENT_TIME, /**< the capture's own Client Time */
  DSREG_TIME_OPTION,      /**< given by the caller (--now) */
  DSREG_TIME_CLOCK        /**< the machine's clock */
} dsreg_time_source;

/** "client-time", "option", "clock", "none".  Static string; thread safe. */
DSREG_EXPORT const char *dsreg_time_source_name(dsreg_time_source s);

/** The meaning of one capture.  Filled by dsreg_analyze(); freed with
 * dsreg_analysis_free(), which is also safe on a zeroed struct. */
typedef struct dsreg_analysis {
  dsreg_join_type join_type;
  int64_t reference_ms; /**< ms since 1970 UTC; valid unless NONE */
  dsreg_time_source reference_source;
  bool live; /**< set by the caller: the capture came from running dsregcmd
                  just now; writers mark it */
  /** Owned by the analysis, with the strings of each finding: read them,
   * do not free or drop them yourself (dsreg_analysis_filter() drops). */
  dsreg_finding *findings;
  size_t finding_count;
  /** From every finding dsreg_analyze() made (after disabled rules), so
   * hiding some later (--min-severity) changes neither. */
  dsreg_verdict verdict;
  /** Rule id of the root cause: of the findings with no cause present,
   * the one whose consequences reach the highest severity (then its own
   * severity, then the most consequences, then catalogue order); NULL when
   * the verdict is OK.  Static. */
  const char *root_cause;
} dsreg_analysis;

/** Room in a dsreg_rule_set: comfortably more rules than the catalogue
 * has (a test checks dsreg_rule_count() stays below it).  Raising it
 * changes the ABI (docs/api.md, Versioning). */
#define DSREG_RULE_SET_CAPACITY 256

/** A set of rules by catalogue position, sized by the library.  Start it
 * with dsreg_rule_set_clear() (or zeroed: empty); fill it by id. */
typedef struct dsreg_rule_set {
  uint32_t bits[DSREG_RULE_SET_CAPACITY / 32];
} dsreg_rule_set;

/** Empties `set`; NULL is a no-op. */
DSREG_EXPORT void dsreg_rule_set_clear(dsreg_rule_set *set);

/** Adds the rule `id` ("cert-expired") to `set`.  Returns DSREG_OK, or
 * DSREG_EINVAL (set unchanged) for NULL or an id the catalogue does not
 * have.  `id` is not kept. */
DSREG_EXPORT DSREG_NODISCARD dsreg_status
dsreg_rule_set_add(dsreg_rule_set *set, const char *id);

/** True when the rule `id` is in `set`; false for NULL or an unknown id. */
DSREG_EXPORT bool dsreg_rule_set_has(const dsreg_rule_set *set, const char *id);

/** Number of rules in `set` (0 for NULL). */
DSREG_EXPORT size_t dsreg_rule_set_count(const dsreg_rule_set *set);

/** Default of dsreg_rule_options.warn_days (dsregdiag --warn-days). */
#define DSREG_DEFAULT_WARN_DAYS 30
/** Default of dsreg_rule_options.prt_stale_hours (--prt-stale-hours): a PRT
 * renews every 4 hours while it is in use (Understanding Primary Refresh
 * Token, D5 in docs/format.md). */
#define DSREG_DEFAULT_PRT_STALE_HOURS 4

/** What the rules are judged with.  Fill it with dsreg_rule_options_init()
 * first: it sets `size`, by which a library tells which fields a caller
 * compiled against an older header has (docs/api.md, Option structs). */
typedef struct dsreg_rule_options {
  size_t size; /**< sizeof(dsreg_rule_options) as the caller knew it */
  /** "Now" when the capture has no Client Time: --now, or the clock.  A
   * value outside DSREG_TIME_MIN_MS..DSREG_TIME_MAX_MS is no time at all:
   * the analysis then has no reference time (NONE). */
  int64_t now_ms;
  dsreg_time_source now_source; /**< OPTION, CLOCK or NONE */
  /** True when the clock is the capture's own time: the capture was piped in
   * live.  A saved file judged against today's clock would make every PRT
   * look stale, so PRT age rules stay silent unless this is set, --now is
   * given or the capture has a Client Time. */
  bool clock_is_capture_time;
  int warn_days;       /**< cert-expiring window (DSREG_DEFAULT_WARN_DAYS) */
  int prt_stale_hours; /**< prt-stale threshold (..._PRT_STALE_HOURS) */
  dsreg_rule_set disabled; /**< rules not to run; empty by default */
  /** Added after 1.0.  True for a caller that prints no message and no
   * remedy (a CSV table, one line per capture): every finding then carries
   * "" for both, one static text that dsreg_analysis_free() does not free,
   * and the analysis does not build them.  Everything else (rule ids,
   * severities, evidence, causes, verdict, root cause) is what it is
   * without it; a writer that shows texts (text, Markdown, JSON, HTML)
   * shows them empty, and the text report's plan has no steps.  Default
   * false. */
  bool no_texts;
} dsreg_rule_options;

/** The smallest `size` dsreg_analyze() accepts: the fields of the 1.0 API,
 * up to `disabled`.  Fields added later sit after it; a caller whose `size`
 * stops before them gets their defaults. */
#define DSREG_RULE_OPTIONS_SIZE_1_0                                            \
  (offsetof(dsreg_rule_options, disabled) + sizeof(dsreg_rule_set))

/** Fills `opt` with the defaults: `size` set, no reference time,
 * DSREG_DEFAULT_WARN_DAYS, DSREG_DEFAULT_PRT_STALE_HOURS and no rule
 * disabled.  NULL is a no-op.  Thread safe. */
DSREG_EXPORT void dsreg_rule_options_init(dsreg_rule_options *opt);

/**
 * Runs every enabled rule on `cap` and fills `out`: join type, reference
 * time, findings (in catalogue order) with their causes, the verdict and
 * the root cause.  `opt` may be NULL (the defaults); it is read during the
 * call only.  Messages quote the capture's own values; evidence points into
 * `cap`, so `out` is valid only while `cap` is (for a parser's capture,
 * until the callback returns: copy what you keep, or dsreg_snapshot_new()).
 *
 * `out` is overwritten (zeroed first) whenever it is not NULL, so the
 * caller frees it with dsreg_analysis_free() after every return.  Returns
 * DSREG_OK; DSREG_EINVAL for a NULL `cap` or `out`, or an `opt` whose
 * `size` is below DSREG_RULE_OPTIONS_SIZE_1_0 (then `out` is empty); or
 * DSREG_ENOMEM (then `out` holds the findings made so far, each complete).
 * Reentrant: keeps no state between calls; several threads may analyse at
 * once, each with its own `out`.
 */
DSREG_EXPORT DSREG_NODISCARD dsreg_status
dsreg_analyze(const dsreg_capture *cap, const dsreg_rule_options *opt,
              dsreg_analysis *out);

/** Drops (and frees) the findings below `min`, keeping the order of the
 * rest; the verdict and root cause stay those of every finding, so hiding
 * (--min-severity) changes neither.  NULL is a no-op.  Same thread rule as
 * dsreg_analysis_free(). */
DSREG_EXPORT void dsreg_analysis_filter(dsreg_analysis *an, dsreg_severity min);

/** Frees the findings and their strings and zeroes `an`.  Safe on a
 * zeroed struct, twice in a row, after any return of dsreg_analyze(); NULL
 * is a no-op.  Not while another thread reads `an`. */
DSREG_EXPORT void dsreg_analysis_free(dsreg_analysis *an);

/** The times the library parses and prints, in ms since 1970 UTC:
 * 0001-01-01T00:00:00.000Z to 9999-12-31T23:59:59.999Z, the years a
 * four-digit ISO 8601 year can carry.  A printed time outside them makes
 * the field DSREG_VALUE_INVALID, with a note. */
#define DSREG_TIME_MIN_MS (-62135596800000LL)
#define DSREG_TIME_MAX_MS 253402300799999LL

/**
 * Parses an ISO 8601 / RFC 3339 time into ms since 1970 UTC.  Accepted,
 * exactly (no spaces around, digits exactly where shown):
 *
 *   YYYY-MM-DD                      midnight UTC
 *   YYYY-MM-DDThh:mm[ZONE]
 *   YYYY-MM-DDThh:mm:ss[ZONE]
 *   YYYY-MM-DDThh:mm:ss.f...[ZONE]  one or more fraction digits, cut to ms
 *
 * where T may also be a lower-case t or a space, and ZONE is Z (or z),
 * +hh:mm or -hh:mm (the offset is subtracted to give UTC), or nothing
 * (UTC).  Lower-case t and z and the space are the RFC 3339 §5.6
 * allowances.  Ranges: month 01-12, a day that exists in that month (leap
 * years included), hour 00-23, minute and second 00-59 (no leap second),
 * offset hours 00-23 and minutes 00-59 (RFC 3339's time-numoffset; real
 * zones stay within -12:00..+14:00, but nothing is gained by refusing the
 * rest).  The result, after the offset, must lie in DSREG_TIME_MIN_MS..
 * DSREG_TIME_MAX_MS.  Returns DSREG_OK, or DSREG_EINVAL for anything else
 * (also for NULL); *ms is written only on success.  Thread safe.
 */
DSREG_EXPORT DSREG_NODISCARD dsreg_status dsreg_parse_iso8601(const char *s,
                                                              int64_t *ms);

/** Formats ms since 1970 as "2025-03-09T11:00:27.000Z" (24 characters)
 * into buf (>= 25 bytes; a smaller one gets a NUL-terminated prefix, a
 * size of 0 nothing).  A time outside DSREG_TIME_MIN_MS..DSREG_TIME_MAX_MS
 * is printed as the nearest end of that range, so the result is always
 * that shape.  Returns buf (borrowed: the caller's).  Thread safe. */
DSREG_EXPORT char *dsreg_format_time(int64_t ms, char *buf, size_t size);

#ifdef __cplusplus
}
#endif

#endif
