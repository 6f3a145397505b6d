/*
 * rules/not_judged.c - checks-not-run: the checks the capture could not
 * decide, named with the reason, so that silence means "checked and fine".
 *
 * The checks record their skips with dsreg_rule_not_judged() while the table
 * runs; the checks-not-run row is the last of the table and turns the record
 * into one info finding: the rules grouped by reason, each group in the
 * order of its first rule, the rules in catalogue order.
 */
#include <string.h>

#include "rules/rule_ctx.h"

/* The key that, with the reason, makes a group: an unparsable value is
 * named, so two different fields make two groups. */
static const char *group_key(const dsreg_unjudged_entry *e) {
  if (e->why == DSREG_UNJUDGED_UNPARSED && e->v && e->v->field)
    return e->v->field->key;
  return "";
}

static bool same_group(const dsreg_unjudged_entry *a,
                       const dsreg_unjudged_entry *b) {
  return a->why == b->why && strcmp(group_key(a), group_key(b)) == 0;
}

void dsreg_rule_not_judged(dsreg_rule_ctx *c, dsreg_unjudged why,
                           const dsreg_value *v) {
  dsreg_unjudged_entry e = {c->rule, why, v};
  for (size_t i = 0; i < c->unjudged_count; i++)
    if (c->unjudged[i].rule == e.rule && same_group(&c->unjudged[i], &e))
      return; /* once per rule and reason, e.g. for several certificates */
  if (c->unjudged_count < DSREG_MAX_UNJUDGED)
    c->unjudged[c->unjudged_count++] = e;
}

bool dsreg_rule_parsed(dsreg_rule_ctx *c, const dsreg_value *v) {
  if (v->state != DSREG_VALUE_INVALID)
    return true;
  dsreg_rule_not_judged(c, DSREG_UNJUDGED_UNPARSED, v);
  return false;
}

dsreg_join_type dsreg_rule_join_type(dsreg_rule_ctx *c) {
  if (c->jt == DSREG_JOIN_UNKNOWN) {
    /* The flags dsreg_join_type_of() reads: the first that does not parse
     * is the reason (one is enough to name). */
    const dsreg_value *flags[] = {&c->t->device_state.azure_ad_joined,
                                  &c->t->device_state.enterprise_joined,
                                  &c->t->device_state.domain_joined,
                                  &c->t->user_state.workplace_joined};
    for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++)
      if (!dsreg_rule_parsed(c, flags[i]))
        break;
  }
  return c->jt;
}

void dsreg_rule_not_judged_date(dsreg_rule_ctx *c, const dsreg_value *v,
                                bool clock) {
  if (v->state == DSREG_VALUE_INVALID)
    dsreg_rule_not_judged(c, DSREG_UNJUDGED_UNPARSED, v);
  else if (v->state == DSREG_VALUE_OK && !clock)
    dsreg_rule_not_judged(c, DSREG_UNJUDGED_NO_TIME, v);
}

/* The computer account (HOST$) or SYSTEM itself, for the reason's words. */
static bool computer_account(const dsreg_rule_ctx *c) {
  const char *s = txt(&c->t->diagnostic_data.executing_account_name);
  size_t n = strcspn(s, ",");
  return n && s[n - 1] == '$';
}

/* The reason of a group, as the message puts it in parentheses. */
static void reason_words(const dsreg_rule_ctx *c, const dsreg_unjudged_entry *e,
                         char *buf, size_t size) {
  switch (e->why) {
  case DSREG_UNJUDGED_NO_TIME:
    if (c->t->diagnostic_data.client_time.state == DSREG_VALUE_INVALID)
      dsreg_fit(buf, size, "Client Time does not parse and no --now");
    else
      dsreg_fit(buf, size, "no Client Time and no --now");
    break;
  case DSREG_UNJUDGED_NOT_USER:
    if (c->account == DSREG_ACCOUNT_LOCAL)
      dsreg_fit(buf, size,
                "taken by a local account: the Entra user's state "
                "is unknown");
    else
      dsreg_fit(buf, size, "taken as %s: the user's state is unknown",
                computer_account(c) ? "the computer account" : "SYSTEM");
    break;
  case DSREG_UNJUDGED_NOT_ELEVATED:
    dsreg_fit(buf, size, "not run elevated: KeySignTest did not run");
    break;
  case DSREG_UNJUDGED_ELEVATED:
    dsreg_fit(buf, size, "run elevated, where WamDefaultSet can read ERROR");
    break;
  case DSREG_UNJUDGED_UNPARSED:
    dsreg_fit(buf, size, "%s does not parse", group_key(e));
    break;
  }
}

/* The next step for one reason; NULL when an earlier group gave it. */
static const char *reason_remedy(const dsreg_rule_ctx *c, dsreg_unjudged why) {
  switch (why) {
  case DSREG_UNJUDGED_NO_TIME:
    return "To judge the dates, run again with --now set to the time the "
           "capture was taken.";
  case DSREG_UNJUDGED_NOT_USER:
    return c->account == DSREG_ACCOUNT_LOCAL
               ? "To judge the user checks, run 'dsregcmd /status' signed in "
                 "as the Entra (or synced domain) user."
               : "To judge the user checks, run 'dsregcmd /status' as the "
                 "signed-in user.";
  case DSREG_UNJUDGED_NOT_ELEVATED:
    return "To test the device keys, run 'dsregcmd /status' from an elevated "
           "prompt.";
  case DSREG_UNJUDGED_ELEVATED:
    return "To judge the default WAM account, run 'dsregcmd /status' "
           "un-elevated as the signed-in user.";
  case DSREG_UNJUDGED_UNPARSED:
    return "Get the output as dsregcmd printed it, not redacted or retyped: "
           "dsregcmd /status > status.txt.";
  }
  return NULL;
}

static void evidence(dsreg_finding *f, const dsreg_value *v) {
  for (size_t i = 0; f && v && v->field && i < f->evidence_count; i++)
    if (f->evidence[i].line == v->field->line &&
        f->evidence[i].key == v->field->key)
      return;
  dsreg_rule_ev(f, v);
}

/* Rules named per reason in the message. */
#define MAX_NAMED 8

/* checks-not-run's message (the rules per reason) and remedy (one step
 * per reason). */
static void describe(dsreg_rule_ctx *c, dsreg_finding *f) {
  bool done[DSREG_MAX_UNJUDGED] = {false};
  bool said[DSREG_UNJUDGED_UNPARSED + 1] = {false};
  /* Grown as needed: a capture can leave every rule unjudged. */
  dsreg_buf msg = {0}, remedy = {0};
  dsreg_buf_puts(&msg, "not judged: ");
  for (size_t g = 0; g < c->unjudged_count; g++) {
    if (done[g])
      continue;
    const dsreg_unjudged_entry *head = &c->unjudged[g];
    char why[160];
    if (g)
      dsreg_buf_puts(&msg, "; ");
    /* A join flag that does not parse leaves a score of rules unjudged:
     * the first few are named, so that the reason stays readable. */
    size_t named = 0, more = 0;
    for (size_t i = g; i < c->unjudged_count; i++) {
      const dsreg_unjudged_entry *e = &c->unjudged[i];
      if (done[i] || !same_group(head, e))
        continue;
      done[i] = true;
      if (named == MAX_NAMED) {
        more++;
        continue;
      }
      if (named++)
        dsreg_buf_puts(&msg, ", ");
      dsreg_buf_puts(&msg, e->rule->id);
    }
    if (more)
      dsreg_buf_printf(&msg, " and %zu more", more);
    reason_words(c, head, why, sizeof why);
    dsreg_buf_printf(&msg, " (%s)", why);
    if (!said[head->why]) {
      said[head->why] = true;
      const char *step = reason_remedy(c, head->why);
      if (step && remedy.len)
        dsreg_buf_putc(&remedy, ' ');
      if (step)
        dsreg_buf_puts(&remedy, step);
    }
  }
  dsreg_rule_take(c, &f->message, &msg);
  dsreg_rule_take(c, &f->remedy, &remedy);
}

void dsreg_check_not_run(dsreg_rule_ctx *c) {
  if (c->unjudged_count == 0)
    return;
  dsreg_finding *f = dsreg_rule_emit(c, "%s", "");
  if (!f)
    return;
  if (!c->no_texts) /* a CSV row or one line shows neither text */
    describe(c, f);
  /* The fields that made the reasons: who ran dsregcmd and how, the value
   * that did not parse, the date left unjudged. */
  for (size_t i = 0; i < c->unjudged_count; i++) {
    const dsreg_unjudged_entry *e = &c->unjudged[i];
    if (e->why == DSREG_UNJUDGED_NOT_USER) {
      evidence(f, &c->t->diagnostic_data.executing_account_name);
      evidence(f, &c->t->diagnostic_data.user_context);
    } else if (e->why == DSREG_UNJUDGED_NO_TIME) {
      evidence(f, &c->t->diagnostic_data.client_time);
    }
    evidence(f, e->v);
  }
}
