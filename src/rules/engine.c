/*
 * rules/engine.c - running the table on one capture: dsreg_analyze().
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "causes.h"
#include "rules/rule_ctx.h"

void dsreg_rule_options_init(dsreg_rule_options *opt) {
  if (!opt)
    return;
  memset(opt, 0, sizeof *opt);
  opt->size = sizeof *opt;
  opt->now_source = DSREG_TIME_NONE;
  opt->warn_days = DSREG_DEFAULT_WARN_DAYS;
  opt->prt_stale_hours = DSREG_DEFAULT_PRT_STALE_HOURS;
}

dsreg_status dsreg_analyze(const dsreg_capture *cap,
                           const dsreg_rule_options *opt, dsreg_analysis *out) {
  dsreg_rule_options defaults;
  dsreg_rule_ctx c;
  /* Zeroed first, so that dsreg_analysis_free() is safe after any return,
   * even when the caller's struct was never initialised. */
  if (out)
    memset(out, 0, sizeof *out);
  if (!cap || !out)
    return DSREG_EINVAL;
  if (!opt) {
    dsreg_rule_options_init(&defaults);
    opt = &defaults;
  } else if (opt->size < DSREG_RULE_OPTIONS_SIZE_1_0) {
    /* Not made by dsreg_rule_options_init(): its fields cannot be trusted.
     * Once fields are added after 1.0's, a size between the two gets their
     * defaults here instead. */
    return DSREG_EINVAL;
  }
  memset(&c, 0, sizeof c);
  c.cap = cap;
  c.t = &cap->typed;
  c.opt = opt;
  c.an = out;
  c.status = DSREG_OK;
  /* Read only when the caller's struct has the field (docs/api.md). */
  c.no_texts = opt->size >= offsetof(dsreg_rule_options, no_texts) +
                                sizeof opt->no_texts &&
               opt->no_texts;
  c.jt = out->join_type = dsreg_join_type_of(cap);
  c.account = dsreg_rule_account_of(c.t);

  const dsreg_value *ct = &c.t->diagnostic_data.client_time;
  if (ct->state == DSREG_VALUE_OK) {
    out->reference_ms = ct->time_ms;
    out->reference_source = DSREG_TIME_CLIENT_TIME;
    c.prt_clock = true;
  } else if (opt->now_source != DSREG_TIME_NONE &&
             dsreg_time_in_range(opt->now_ms)) {
    out->reference_ms = opt->now_ms;
    out->reference_source = opt->now_source;
    c.prt_clock =
        opt->now_source == DSREG_TIME_OPTION || opt->clock_is_capture_time;
  }
  c.have_ref = out->reference_source != DSREG_TIME_NONE;
  c.ref = out->reference_ms;

  /* The set is indexed by catalogue position (dsreg_rule_set_add): its
   * bit is tested here rather than through a call per row. */
  size_t rows = dsreg_rule_count();
  for (size_t i = 0; i < rows && c.status == DSREG_OK; i++) {
    dsreg_check_fn check;
    if (opt->disabled.bits[i / 32] >> (i % 32) & 1u)
      continue;
    c.rule = dsreg_rule_row(i, &check);
    check(&c);
  }
  /* Also after running out of memory: what was found is still linked. */
  size_t known = sizeof c.rule_of / sizeof c.rule_of[0];
  dsreg_causes_link(out, c.rule_of,
                    out->finding_count < known ? out->finding_count : known);
  return c.status;
}

static void free_strings(dsreg_finding *f) {
  if (f->message != dsreg_rule_no_text)
    free((char *)f->message);
  if (f->remedy != dsreg_rule_no_text)
    free((char *)f->remedy);
}

void dsreg_analysis_filter(dsreg_analysis *an, dsreg_severity min) {
  size_t kept = 0;
  for (size_t i = 0; an && an->findings && i < an->finding_count; i++) {
    if (an->findings[i].severity >= min)
      an->findings[kept++] = an->findings[i];
    else
      free_strings(&an->findings[i]);
  }
  if (an)
    an->finding_count = kept;
}

void dsreg_analysis_free(dsreg_analysis *an) {
  if (!an)
    return;
  for (size_t i = 0; an->findings && i < an->finding_count; i++)
    free_strings(&an->findings[i]);
  free(an->findings);
  memset(an, 0, sizeof *an);
}
