/*
 * causes.h - which finding follows from which, the verdict and the root
 * cause: computed once (dsreg_analyze) and read by every writer, so the
 * text report, Markdown, JSON and CSV cannot tell different stories.
 *
 * Private to the library.
 */
#ifndef DSREG_CAUSES_H
#define DSREG_CAUSES_H

#include <stdbool.h>
#include <stddef.h>

#include "dsreg/report.h"
#include "dsreg/rules.h"

/* Fills caused_by of every finding of `an` from the rule table's
 * follows_from, then the verdict and the root cause (report.h).  The rows
 * of the first `known` findings are rule_of[0..known) (the engine knows
 * them); the rest are found by id. */
void dsreg_causes_link(dsreg_analysis *an, const dsreg_rule *const *rule_of,
                       size_t known);

/* The finding shown as the cause of `f`: the first finding of `an` of rule
 * f->caused_by, or NULL when there is none among the findings `an` holds
 * (a root cause, or its cause was hidden by --min-severity). */
const dsreg_finding *dsreg_cause_of(const dsreg_analysis *an,
                                    const dsreg_finding *f);

/* The root a finding's chain of causes ends at (itself for a root). */
const dsreg_finding *dsreg_root_of(const dsreg_analysis *an,
                                   const dsreg_finding *f);

/* One root cause among the findings `an` holds, with what follows from it. */
typedef struct dsreg_root {
  const dsreg_finding *f;
  dsreg_severity reach; /* the highest severity of it and its consequences */
  size_t followers;     /* findings whose chain of causes ends at it */
} dsreg_root;

/* The roots of `an` in the order of the report and the plan: by reach,
 * then own severity, then followers, then catalogue order; the first is
 * the root cause when `an` holds it.  Returns the count, filling at most
 * `max` entries of `out`. */
size_t dsreg_roots(const dsreg_analysis *an, dsreg_root *out, size_t max);

/* True when `f` is checks-not-run: reported as the closing line, not as a
 * finding. */
bool dsreg_is_not_judged(const dsreg_finding *f);

/* The checks-not-run finding of `an`, or NULL. */
const dsreg_finding *dsreg_not_judged(const dsreg_analysis *an);

/* checks-not-run's message without its own leading "not judged: ", for a
 * line that names the label once. */
const char *dsreg_not_judged_list(const char *message);

/* Roots a report shows; a capture has far fewer. */
#define DSREG_PLAN_MAX 64

/* The plan: the remedy of each root cause that leads to a warning or an
 * error, each text once, in the order of the roots.  Borrows from the
 * analysis it was made from. */
typedef struct dsreg_plan {
  dsreg_root roots[DSREG_PLAN_MAX];
  size_t root_count;
  const char *step[DSREG_PLAN_MAX]; /* the remedies, each once */
  size_t step_count;
  size_t step_of[DSREG_PLAN_MAX]; /* 1-based step of roots[i]; 0: none */
  /* The rules whose confirm texts follow the steps, each once. */
  const dsreg_rule *confirm[DSREG_PLAN_MAX];
  size_t confirm_count;
} dsreg_plan;

void dsreg_plan_make(dsreg_plan *p, const dsreg_analysis *an);

/* The verdict in words, after "OK: " / "BROKEN: ": "Device authentication
 * failed; 2 findings follow from it; 1 other problem", or "nothing to fix
 * (3 notes below)".  Returns buf. */
const char *dsreg_verdict_summary(const dsreg_analysis *an, const dsreg_plan *p,
                                  char *buf, size_t size);

#endif
