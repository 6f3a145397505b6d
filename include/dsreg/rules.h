/*
 * dsreg/rules.h - the rules engine: join type and findings of a capture.
 *
 * Rules are one table (src/rules.c): a stable kebab-case id, a severity, a
 * title, a default remedy, a Microsoft Learn reference, the source it comes
 * from, and a small pure check function of one capture plus the options
 * (src/rules/, one file per topic).
 * docs/rules.md is generated from the table (`dsregdiag --list-rules=md`).
 */
#ifndef DSREG_RULES_H
#define DSREG_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dsreg/capture.h"
#include "dsreg/export.h"
#include "dsreg/report.h"
#include "dsreg/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/** One rule of the catalogue.  Static data. */
typedef struct dsreg_rule {
  const char *id; /**< "cert-expired" */
  dsreg_severity severity;
  const char *title;     /**< one line */
  const char *when;      /**< the condition, for the documentation */
  const char *remedy;    /**< the default next step */
  const char *reference; /**< Microsoft Learn (or other public) URL */
  const char *source; /**< where the rule comes from ("D1 (KeySignTest), DT") */
  /** What shows that the remedy worked ("dsregcmd /status shows AzureAdPrt :
   * YES"), for the plan's "Then check"; NULL for rules that are never a
   * step (info notes). */
  const char *confirm;
  /** The rules this one can follow from, most direct first, ending in
   * NULL; NULL when none.  A finding whose cause is in the same analysis is
   * that cause's consequence (dsreg_finding.caused_by).  The links form no
   * cycle (a test walks them). */
  const char *const *follows_from;
  /** Why those links hold, with their sources; NULL when none. */
  const char *follows_why;
} dsreg_rule;

/** Number of rules. */
DSREG_EXPORT size_t dsreg_rule_count(void);

/** Rule `i` in catalogue order, NULL past the end. */
DSREG_EXPORT const dsreg_rule *dsreg_rule_at(size_t i);

/** The rule with this id, or NULL. */
DSREG_EXPORT const dsreg_rule *dsreg_rule_find(const char *id);

/** Default of dsreg_rule_options.warn_days (dsregdiag --warn-days). */
#define DSREG_DEFAULT_WARN_DAYS 30
/** Default of dsreg_rule_options.prt_stale_hours (--prt-stale-hours): a PRT
 * renews every 4 hours while it is in use (Understanding Primary Refresh
 * Token, D5 in docs/format.md). */
#define DSREG_DEFAULT_PRT_STALE_HOURS 4

/** A macro's value as a string literal ("30"), for help and rule texts. */
#define DSREG_STRINGIFY(x) DSREG_STRINGIFY_(x)
#define DSREG_STRINGIFY_(x) #x

/** What the rules are judged with. */
typedef struct dsreg_rule_options {
  /** "Now" when the capture has no Client Time: --now, or the clock.  A
   * value outside DSREG_TIME_MIN_MS..DSREG_TIME_MAX_MS (report.h) is no
   * time at all: the analysis then has no reference time (NONE). */
  int64_t now_ms;
  dsreg_time_source now_source; /**< OPTION, CLOCK or NONE */
  /** True when the clock is the capture's own time: the capture was piped in
   * live.  A saved file judged against today's clock would make every PRT
   * look stale, so PRT age rules stay silent unless this is set, --now is
   * given or the capture has a Client Time. */
  bool clock_is_capture_time;
  int warn_days;       /**< cert-expiring window (DSREG_DEFAULT_WARN_DAYS) */
  int prt_stale_hours; /**< prt-stale threshold (..._PRT_STALE_HOURS) */
  /** Rules not to run, by index (dsreg_rule_at); NULL = none. */
  const bool *disabled;
} dsreg_rule_options;

/** Fills `opt` with the defaults: no reference time,
 * DSREG_DEFAULT_WARN_DAYS and DSREG_DEFAULT_PRT_STALE_HOURS. */
DSREG_EXPORT void dsreg_rule_options_init(dsreg_rule_options *opt);

/**
 * Runs every enabled rule on `cap` and fills `out`: join type, reference
 * time, findings (in catalogue order) with their causes, the verdict and
 * the root cause.  Messages quote the capture's own
 * values; evidence points into `cap`, so `out` is valid only while `cap` is.
 * The caller frees with dsreg_analysis_free().  Returns DSREG_OK or
 * DSREG_ENOMEM (then `out` holds what was found so far).
 */
DSREG_EXPORT DSREG_NODISCARD dsreg_status
dsreg_analyze(const dsreg_capture *cap, const dsreg_rule_options *opt,
              dsreg_analysis *out);

/** Frees what dsreg_analyze() allocated and empties `an`. */
DSREG_EXPORT void dsreg_analysis_free(dsreg_analysis *an);

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
 * DSREG_TIME_MAX_MS (report.h).  Returns 0 on success, -1 otherwise (also
 * for NULL); *ms is written only on success.
 */
DSREG_EXPORT int dsreg_parse_iso8601(const char *s, int64_t *ms);

#ifdef __cplusplus
}
#endif

#endif
