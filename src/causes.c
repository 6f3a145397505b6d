/*
 * causes.c - consequences, verdict and root cause (causes.h).
 *
 * The links are data: each rule row names the rules it follows from
 * (dsreg_rule.follows_from, most direct first).  A finding follows from the
 * first of them that fired in the same capture; since the links form no
 * cycle, neither do the findings, and every chain ends at a root.
 */
#include "causes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dsreg/rules.h"
#include "rules/rule_ctx.h" /* dsreg_rule_index */

const char *dsreg_verdict_id(dsreg_verdict v) {
  switch (v) {
  case DSREG_VERDICT_ATTENTION:
    return "attention";
  case DSREG_VERDICT_BROKEN:
    return "broken";
  case DSREG_VERDICT_OK:
    break;
  }
  return "ok";
}

const char *dsreg_verdict_title(dsreg_verdict v) {
  switch (v) {
  case DSREG_VERDICT_ATTENTION:
    return "ATTENTION";
  case DSREG_VERDICT_BROKEN:
    return "BROKEN";
  case DSREG_VERDICT_OK:
    break;
  }
  return "OK";
}

static const dsreg_finding *first_of(const dsreg_analysis *an,
                                     const char *rule) {
  /* Findings and links carry the table's own id pointers: the text is
   * compared only for an id from elsewhere (a caller's edit). */
  for (size_t i = 0; rule && i < an->finding_count; i++)
    if (an->findings[i].rule == rule)
      return &an->findings[i];
  for (size_t i = 0; rule && i < an->finding_count; i++)
    if (strcmp(an->findings[i].rule, rule) == 0)
      return &an->findings[i];
  return NULL;
}

const dsreg_finding *dsreg_cause_of(const dsreg_analysis *an,
                                    const dsreg_finding *f) {
  const dsreg_finding *c = first_of(an, f->caused_by);
  return c == f ? NULL : c;
}

const dsreg_finding *dsreg_root_of(const dsreg_analysis *an,
                                   const dsreg_finding *f) {
  /* The table has no cycle, but a caller may have edited caused_by: a
   * chain longer than the findings is cut rather than followed forever. */
  for (size_t hops = 0; hops <= an->finding_count; hops++) {
    const dsreg_finding *c = dsreg_cause_of(an, f);
    if (!c)
      return f;
    f = c;
  }
  return f;
}

bool dsreg_is_not_judged(const dsreg_finding *f) {
  return strcmp(f->rule, "checks-not-run") == 0;
}

/* Catalogue position of a finding's rule, for a stable order. */
static size_t rule_index(const dsreg_finding *f) {
  return dsreg_rule_index(f->rule);
}

static int before(const dsreg_root *a, const dsreg_root *b) {
  if (a->reach != b->reach)
    return a->reach > b->reach;
  if (a->f->severity != b->f->severity)
    return a->f->severity > b->f->severity;
  if (a->followers != b->followers)
    return a->followers > b->followers;
  size_t ia = rule_index(a->f), ib = rule_index(b->f);
  if (ia != ib)
    return ia < ib;
  return a->f < b->f; /* two findings of one rule: in the order found */
}

size_t dsreg_roots(const dsreg_analysis *an, dsreg_root *out, size_t max) {
  size_t n = 0;
  for (size_t i = 0; i < an->finding_count; i++) {
    const dsreg_finding *f = &an->findings[i];
    if (dsreg_cause_of(an, f) || dsreg_is_not_judged(f))
      continue;
    dsreg_root r = {f, f->severity, 0};
    for (size_t j = 0; j < an->finding_count; j++) {
      const dsreg_finding *g = &an->findings[j];
      if (g == f || dsreg_root_of(an, g) != f)
        continue;
      r.followers++;
      if (g->severity > r.reach)
        r.reach = g->severity;
    }
    /* Insertion into the order: a capture has a few dozen findings. */
    size_t k = n < max ? n : max;
    while (k > 0 && before(&r, &out[k - 1])) {
      if (k < max)
        out[k] = out[k - 1];
      k--;
    }
    if (k < max)
      out[k] = r;
    n++;
  }
  return n;
}

void dsreg_causes_link(dsreg_analysis *an, const dsreg_rule *const *rule_of,
                       size_t known) {
  dsreg_severity worst = 0;
  for (size_t i = 0; i < an->finding_count; i++) {
    dsreg_finding *f = &an->findings[i];
    const dsreg_rule *r = i < known ? rule_of[i] : dsreg_rule_find(f->rule);
    f->caused_by = NULL;
    for (size_t k = 0; r && r->follows_from && r->follows_from[k]; k++) {
      const dsreg_finding *c = first_of(an, r->follows_from[k]);
      if (c && c != f) {
        f->caused_by = c->rule;
        break;
      }
    }
    if (f->severity > worst)
      worst = f->severity;
  }
  an->verdict = worst == DSREG_SEVERITY_ERROR     ? DSREG_VERDICT_BROKEN
                : worst == DSREG_SEVERITY_WARNING ? DSREG_VERDICT_ATTENTION
                                                  : DSREG_VERDICT_OK;
  an->root_cause = NULL;
  dsreg_root top;
  if (an->verdict != DSREG_VERDICT_OK && dsreg_roots(an, &top, 1) > 0)
    an->root_cause = top.f->rule;
}

const dsreg_finding *dsreg_not_judged(const dsreg_analysis *an) {
  for (size_t i = 0; an && i < an->finding_count; i++)
    if (dsreg_is_not_judged(&an->findings[i]))
      return &an->findings[i];
  return NULL;
}

const char *dsreg_not_judged_list(const char *message) {
  static const char lead[] = "not judged: ";
  return strncmp(message, lead, sizeof lead - 1) == 0
             ? message + sizeof lead - 1
             : message;
}

void dsreg_plan_make(dsreg_plan *p, const dsreg_analysis *an) {
  memset(p, 0, sizeof *p);
  p->root_count = dsreg_roots(an, p->roots, DSREG_PLAN_MAX);
  if (p->root_count > DSREG_PLAN_MAX)
    p->root_count = DSREG_PLAN_MAX;
  for (size_t i = 0; i < p->root_count; i++) {
    const dsreg_root *r = &p->roots[i];
    /* Info notes that lead to nothing worse are not work to do. */
    if (r->reach < DSREG_SEVERITY_WARNING || !r->f->remedy[0])
      continue;
    size_t k = 0;
    while (k < p->step_count && strcmp(p->step[k], r->f->remedy) != 0)
      k++;
    if (k == p->step_count)
      p->step[p->step_count++] = r->f->remedy;
    p->step_of[i] = k + 1;
    const dsreg_rule *rule = dsreg_rule_find(r->f->rule);
    size_t c = 0;
    while (c < p->confirm_count && p->confirm[c] != rule)
      c++;
    if (rule && rule->confirm && c == p->confirm_count)
      p->confirm[p->confirm_count++] = rule;
  }
}

const char *dsreg_verdict_summary(const dsreg_analysis *an, const dsreg_plan *p,
                                  char *buf, size_t size) {
  size_t notes = 0, problems = 0, followers = 0;
  for (size_t i = 0; i < an->finding_count; i++)
    notes += !dsreg_is_not_judged(&an->findings[i]);
  for (size_t i = 0; i < p->root_count; i++)
    problems += p->roots[i].reach >= DSREG_SEVERITY_WARNING;
  if (an->verdict == DSREG_VERDICT_OK || !an->root_cause) {
    int n = snprintf(buf, size, "%s",
                     dsreg_not_judged(an) ? "nothing to fix in what was judged"
                                          : "nothing to fix");
    if (notes && n >= 0 && (size_t)n < size)
      snprintf(buf + n, size - (size_t)n, " (%zu note%s below)", notes,
               notes == 1 ? "" : "s");
    return buf;
  }
  /* The root cause may be hidden (--min-severity): its title still names
   * it, and the other problems are those the report shows. */
  if (p->root_count && strcmp(p->roots[0].f->rule, an->root_cause) == 0) {
    followers = p->roots[0].followers;
    problems--;
  }
  const dsreg_rule *r = dsreg_rule_find(an->root_cause);
  size_t n = (size_t)snprintf(buf, size, "%s", r ? r->title : an->root_cause);
  if (followers && n < size)
    n += (size_t)snprintf(buf + n, size - n, "; %zu finding%s follow%s from it",
                          followers, followers == 1 ? "" : "s",
                          followers == 1 ? "s" : "");
  if (problems && n < size)
    snprintf(buf + n, size - n, "; %zu other problem%s", problems,
             problems == 1 ? "" : "s");
  return buf;
}
