/*
 * dsreg/rules.h - the rules engine: join type and findings of a capture.
 *
 * Rules are one table (src/rules.c): a stable kebab-case id, a severity, a
 * title, a default remedy, a Microsoft Learn reference, the source it comes
 * from, and a small pure check function of one capture plus the options
 * (src/rules/, one file per topic).
 * docs/rules.md is generated from the table (`dsregdiag --list-rules=md`).
 * The analysis itself (dsreg_analyze, its options and results) is in
 * dsreg/analysis.h, included here.
 *
 * The catalogue is static and immutable: every function here is thread
 * safe and every pointer it returns is valid for the life of the program.
 */
#ifndef DSREG_RULES_H
#define DSREG_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dsreg/analysis.h"
#include "dsreg/export.h"

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

/** Number of rules (below DSREG_RULE_SET_CAPACITY).  Thread safe. */
DSREG_EXPORT size_t dsreg_rule_count(void);

/** Rule `i` in catalogue order, NULL past the end.  Static; thread safe. */
DSREG_EXPORT const dsreg_rule *dsreg_rule_at(size_t i);

/** The rule with this id, or NULL (also for a NULL id).  Static; thread
 * safe. */
DSREG_EXPORT const dsreg_rule *dsreg_rule_find(const char *id);

/** A macro's value as a string literal ("30"), for help and rule texts. */
#define DSREG_STRINGIFY(x) DSREG_STRINGIFY_(x)
#define DSREG_STRINGIFY_(x) #x

#ifdef __cplusplus
}
#endif

#endif
