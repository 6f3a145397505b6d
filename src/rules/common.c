/*
 * rules/common.c - the helpers every check uses to emit findings.
 *
 * A finding's message and remedy are heap strings the analysis owns
 * (dsreg_analysis_free), formatted to their full length: nothing is cut,
 * so no UTF-8 character of a capture value can be split.  Under no_texts
 * both are dsreg_rule_no_text instead, and nothing is formatted.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "rules/rule_ctx.h"

const char dsreg_rule_no_text[] = "";

char *dsreg_rule_vformat(const char *fmt, va_list ap) {
  /* Formatted once into the stack, which nearly every message fits: a
   * vsnprintf(NULL, 0) to measure first costs as much as the formatting. */
  char local[1024];
  va_list again;
  va_copy(again, ap);
  int n = dsreg_vsnprintf(local, sizeof local, fmt, ap);
  if (n < 0) {
    n = 0; /* an encoding error: an empty text rather than a failure */
    local[0] = '\0';
  }
  char *s = malloc((size_t)n + 1);
  if (s && (size_t)n < sizeof local)
    memcpy(s, local, (size_t)n + 1);
  else if (s && dsreg_vsnprintf(s, (size_t)n + 1, fmt, again) < 0)
    s[0] = '\0';
  va_end(again);
  return s;
}

char *dsreg_rule_strdup(const char *s) {
  size_t n = strlen(s) + 1;
  char *d = malloc(n);
  if (d)
    memcpy(d, s, n);
  return d;
}

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
  const char *message = dsreg_rule_no_text, *remedy = dsreg_rule_no_text;
  if (!c->no_texts) {
    va_list ap;
    va_start(ap, fmt);
    message = dsreg_rule_vformat(fmt, ap);
    va_end(ap);
    remedy = dsreg_rule_strdup(c->rule->remedy);
  }
  if (!message || !remedy) {
    /* Not counted: every finding the analysis holds has both strings. */
    free((char *)message);
    free((char *)remedy);
    c->status = DSREG_ENOMEM;
    return NULL;
  }
  if (an->finding_count < sizeof c->rule_of / sizeof c->rule_of[0])
    c->rule_of[an->finding_count] = c->rule;
  dsreg_finding *f = &an->findings[an->finding_count++];
  memset(f, 0, sizeof *f);
  f->rule = c->rule->id;
  f->severity = c->rule->severity;
  f->title = c->rule->title;
  f->reference = c->rule->reference;
  f->message = message;
  f->remedy = remedy;
  return f;
}

/* Replaces *slot with the formatted text; on ENOMEM the old text stays (a
 * valid, less specific one) and the analysis reports the failure. */
DSREG_PRINTF(3, 0)
static void replace(dsreg_rule_ctx *c, const char **slot, const char *fmt,
                    va_list ap) {
  if (c->no_texts)
    return;
  char *s = dsreg_rule_vformat(fmt, ap);
  if (!s) {
    c->status = DSREG_ENOMEM;
    return;
  }
  free((char *)*slot);
  *slot = s;
}

DSREG_PRINTF(3, 4)
void dsreg_rule_remedy(dsreg_rule_ctx *c, dsreg_finding *f, const char *fmt,
                       ...) {
  va_list ap;
  if (!f)
    return;
  va_start(ap, fmt);
  replace(c, &f->remedy, fmt, ap);
  va_end(ap);
}

DSREG_PRINTF(3, 4)
void dsreg_rule_message(dsreg_rule_ctx *c, dsreg_finding *f, const char *fmt,
                        ...) {
  va_list ap;
  if (!f)
    return;
  va_start(ap, fmt);
  replace(c, &f->message, fmt, ap);
  va_end(ap);
}

void dsreg_rule_take(dsreg_rule_ctx *c, const char **slot, dsreg_buf *b) {
  dsreg_buf_putc(b, '\0');
  if (b->oom) {
    dsreg_buf_free(b);
    c->status = DSREG_ENOMEM;
    return;
  }
  free((char *)*slot);
  *slot = b->data;
  memset(b, 0, sizeof *b);
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
