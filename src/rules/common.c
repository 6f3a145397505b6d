/*
 * rules/common.c - the helpers every check uses to emit findings.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/rule_ctx.h"

DSREG_PRINTF(2, 3)
dsreg_finding *dsreg_rule_emit(dsreg_rule_ctx *c, const char *fmt, ...) {
  dsreg_analysis *an = c->an;
  if (c->status != DSREG_OK)
    return NULL;
  dsreg_finding *grown =
      realloc(an->findings, (an->finding_count + 1) * sizeof *grown);
  if (!grown) {
    c->status = DSREG_ENOMEM;
    return NULL;
  }
  an->findings = grown;
  dsreg_finding *f = &an->findings[an->finding_count++];
  memset(f, 0, sizeof *f);
  f->rule = c->rule->id;
  f->severity = c->rule->severity;
  f->title = c->rule->title;
  f->reference = c->rule->reference;
  va_list ap;
  va_start(ap, fmt);
  dsreg_vfit(f->message, sizeof f->message, fmt, ap);
  va_end(ap);
  dsreg_fit(f->remedy, sizeof f->remedy, "%s", c->rule->remedy);
  return f;
}

DSREG_PRINTF(2, 3)
void dsreg_rule_remedy(dsreg_finding *f, const char *fmt, ...) {
  va_list ap;
  if (!f)
    return;
  va_start(ap, fmt);
  dsreg_vfit(f->remedy, sizeof f->remedy, fmt, ap);
  va_end(ap);
}

void dsreg_rule_ev(dsreg_finding *f, const dsreg_value *v) {
  if (!f || !v || !v->field || f->evidence_count >= DSREG_MAX_EVIDENCE)
    return;
  dsreg_evidence *e = &f->evidence[f->evidence_count++];
  e->key = v->field->key;
  e->value = v->field->value;
  e->line = v->field->line;
}

/* "1 day", "12 days", "less than a day" */
const char *dsreg_rule_days(int64_t ms, char *buf, size_t size) {
  long long d = (long long)(ms / DSREG_DAY_MS);
  if (d == 0)
    dsreg_fit(buf, size, "less than a day");
  else
    dsreg_fit(buf, size, "%lld day%s", d, d == 1 ? "" : "s");
  return buf;
}

/* "0x801c001d (DSREG_AUTOJOIN_ADCONFIG_READ_FAILED: cannot read ...)" */
const char *dsreg_rule_explain(uint32_t code, dsreg_code_context pref,
                               char *buf, size_t size) {
  const dsreg_code_info *i = dsreg_code_lookup_value(code, pref);
  if (i && i->name[0])
    dsreg_fit(buf, size, "0x%08lx (%s: %s)", (unsigned long)code, i->name,
              i->meaning);
  else if (i)
    dsreg_fit(buf, size, "0x%08lx (%s)", (unsigned long)code, i->meaning);
  else
    dsreg_fit(buf, size, "0x%08lx (not in the knowledge base)",
              (unsigned long)code);
  return buf;
}

const char *dsreg_rule_reference_words(const dsreg_rule_ctx *c) {
  switch (c->an->reference_source) {
  case DSREG_TIME_CLIENT_TIME:
    return "the capture's Client Time";
  case DSREG_TIME_OPTION:
    return "--now";
  default:
    return "today";
  }
}
