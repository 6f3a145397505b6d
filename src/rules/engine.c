/*
 * rules/engine.c - running the table on one capture: dsreg_analyze().
 */
#include <stdlib.h>
#include <string.h>

#include "causes.h"
#include "rules/rule_ctx.h"

void dsreg_rule_options_init(dsreg_rule_options *opt) {
  memset(opt, 0, sizeof *opt);
  opt->now_source = DSREG_TIME_NONE;
  opt->warn_days = DSREG_DEFAULT_WARN_DAYS;
  opt->prt_stale_hours = DSREG_DEFAULT_PRT_STALE_HOURS;
}

dsreg_status dsreg_analyze(const dsreg_capture *cap,
                           const dsreg_rule_options *opt, dsreg_analysis *out) {
  dsreg_rule_options defaults;
  dsreg_rule_ctx c;
  if (!cap || !out)
    return DSREG_EINVAL;
  if (!opt) {
    dsreg_rule_options_init(&defaults);
    opt = &defaults;
  }
  memset(out, 0, sizeof *out);
  memset(&c, 0, sizeof c);
  c.cap = cap;
  c.t = &cap->typed;
  c.opt = opt;
  c.an = out;
  c.status = DSREG_OK;
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

  for (size_t i = 0; i < dsreg_rule_count() && c.status == DSREG_OK; i++) {
    if (opt->disabled && opt->disabled[i])
      continue;
    c.rule = dsreg_rule_at(i);
    dsreg_rule_check_at(i)(&c);
  }
  /* Also after running out of memory: what was found is still linked. */
  dsreg_causes_link(out);
  return c.status;
}

void dsreg_analysis_free(dsreg_analysis *an) {
  if (!an)
    return;
  free(an->findings);
  an->findings = NULL;
  an->finding_count = 0;
}
