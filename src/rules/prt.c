/*
 * rules/prt.c - the Primary Refresh Tokens: missing, stale, expired, failed to
 * acquire, and the enterprise (AD FS) PRT.
 */
#include <string.h>

#include "rules/rule_ctx.h"

void dsreg_check_prt_missing(dsreg_rule_ctx *c) {
  const dsreg_value *v = &c->t->sso_state.azure_ad_prt;
  if (joined(c) && no(v) && !user_context(c))
    dsreg_rule_not_judged(c, DSREG_UNJUDGED_NOT_USER, v);
  if (!joined(c) || !user_context(c) || !no(v))
    return;
  dsreg_finding *f =
      dsreg_rule_emit(c,
                      "the device is %s but the signed-in user has no "
                      "Microsoft Entra PRT (AzureAdPrt NO): single "
                      "sign-on and device-based Conditional Access fail",
                      dsreg_join_type_title(c->jt));
  dsreg_rule_ev(f, v);
  dsreg_rule_ev(f, &c->t->diagnostic_data.executing_account_name);
}

void dsreg_check_prt_stale(dsreg_rule_ctx *c) {
  const dsreg_value *v = &c->t->sso_state.azure_ad_prt_update_time;
  char a[24];
  if (yes(&c->t->sso_state.azure_ad_prt))
    dsreg_rule_not_judged_date(c, v, c->prt_clock);
  if (!c->prt_clock || v->state != DSREG_VALUE_OK ||
      !yes(&c->t->sso_state.azure_ad_prt))
    return;
  int64_t age = dsreg_time_sub(c->ref, v->time_ms);
  if (age <= (int64_t)c->opt->prt_stale_hours * DSREG_HOUR_MS)
    return;
  const dsreg_value *exp = &c->t->sso_state.azure_ad_prt_expiry_time;
  if (exp->state == DSREG_VALUE_OK && exp->time_ms < c->ref)
    return; /* prt-expired says it louder */
  dsreg_rule_ev(
      dsreg_rule_emit(
          c,
          "the PRT was last updated %s, %lld hours before %s: it should "
          "renew every %d hours",
          dsreg_format_minute(v->time_ms, a), (long long)(age / DSREG_HOUR_MS),
          dsreg_rule_reference_words(c), c->opt->prt_stale_hours),
      v);
}

void dsreg_check_prt_expired(dsreg_rule_ctx *c) {
  const dsreg_value *v = &c->t->sso_state.azure_ad_prt_expiry_time;
  char a[24];
  if (yes(&c->t->sso_state.azure_ad_prt))
    dsreg_rule_not_judged_date(c, v, c->prt_clock);
  if (!c->prt_clock || v->state != DSREG_VALUE_OK ||
      !yes(&c->t->sso_state.azure_ad_prt) || v->time_ms >= c->ref)
    return;
  dsreg_finding *f = dsreg_rule_emit(
      c, "the PRT expired %s, %lld days before %s",
      dsreg_format_minute(v->time_ms, a),
      (long long)(dsreg_time_sub(c->ref, v->time_ms) / DSREG_DAY_MS),
      dsreg_rule_reference_words(c));
  dsreg_rule_ev(f, v);
  dsreg_rule_ev(f, &c->t->sso_state.azure_ad_prt_update_time);
}

static void prt_diag(dsreg_rule_ctx *c, const dsreg_prt_diag *d,
                     const char *which) {
  char a[400], http[64] = "", server[400] = "";
  if (!dsreg_value_present(&d->acquire) && !dsreg_value_present(&d->refresh) &&
      d->attempt_status.state == DSREG_VALUE_ABSENT)
    return;
  const char *op =
      dsreg_value_present(&d->refresh) && !dsreg_value_present(&d->acquire)
          ? "refresh"
          : "acquire";
  if (d->http_status.state == DSREG_VALUE_OK)
    dsreg_fit(http, sizeof http, ", HTTP status %lld",
              (long long)d->http_status.number);
  const char *desc = txt(&d->server_error_description);
  if (dsreg_value_present(&d->server_error_code) || desc[0])
    dsreg_fit(server, sizeof server, ", server error %s%s%s%s",
              txt(&d->server_error_code), desc[0] ? ": \"" : "", desc,
              desc[0] ? "\"" : "");
  char when[40] = "";
  if (d->previous_attempt.state == DSREG_VALUE_OK) {
    char m[24];
    dsreg_fit(when, sizeof when, " (%s)",
              dsreg_format_minute(d->previous_attempt.time_ms, m));
  }
  dsreg_finding *f = dsreg_rule_emit(
      c, "the last attempt to %s the %s PRT%s%s%s failed with %s%s%s", op,
      which, dsreg_value_present(&d->user_identity) ? " for " : "",
      txt(&d->user_identity), when,
      d->attempt_status.state == DSREG_VALUE_OK
          ? dsreg_rule_explain(d->attempt_status.code, DSREG_CODE_PRT, a,
                               sizeof a)
          : "an unknown status",
      http, server);
  dsreg_rule_ev(f, &d->previous_attempt);
  dsreg_rule_ev(f, &d->attempt_status);
  dsreg_rule_ev(f, &d->user_identity);
  dsreg_rule_ev(f, &d->http_status);
  dsreg_rule_ev(f, &d->server_error_code);
  dsreg_rule_ev(f, &d->server_error_description);
  /* The most specific remedy: the server message, then the status code. */
  const dsreg_code_info *i =
      dsreg_code_lookup(desc, strlen(desc), DSREG_CODE_SERVER);
  if (!i || !i->remedy[0])
    i = d->attempt_status.state == DSREG_VALUE_OK
            ? dsreg_code_lookup_value(d->attempt_status.code, DSREG_CODE_PRT)
            : NULL;
  if (i && i->remedy[0])
    dsreg_rule_remedy(
        f,
        "%s Then lock and unlock the session (or sign out and in) "
        "and run 'dsregcmd /status' again.",
        i->remedy);
}

void dsreg_check_prt_acquire_failed(dsreg_rule_ctx *c) {
  prt_diag(c, &c->t->sso_state.azure_prt_diag, "Microsoft Entra");
}

void dsreg_check_enterprise_prt_failed(dsreg_rule_ctx *c) {
  prt_diag(c, &c->t->sso_state.enterprise_prt_diag, "enterprise (AD FS)");
}

/* AD FS is in use when the capture names an AD FS authority, or Windows
 * Hello certificate trust enrolls through AD FS. */
static bool adfs_in_use(const dsreg_rule_ctx *c) {
  const char *auth = txt(&c->t->sso_state.enterprise_prt_authority);
  return (auth[0] && !dsreg_streq_nocase(auth, "NO")) ||
         dsreg_streq_nocase(txt(&c->t->ngc.cert_enrollment),
                            "enrollment authority") ||
         c->t->sso_state.enterprise_prt_diag.attempt_status.state !=
             DSREG_VALUE_ABSENT;
}

void dsreg_check_enterprise_prt_missing(dsreg_rule_ctx *c) {
  const dsreg_value *v = &c->t->sso_state.enterprise_prt;
  if ((c->jt == DSREG_JOIN_HYBRID || c->jt == DSREG_JOIN_DRS) && no(v) &&
      adfs_in_use(c) && !user_context(c))
    dsreg_rule_not_judged(c, DSREG_UNJUDGED_NOT_USER, v);
  if ((c->jt != DSREG_JOIN_HYBRID && c->jt != DSREG_JOIN_DRS) ||
      !user_context(c) || !no(v) || !adfs_in_use(c))
    return;
  dsreg_finding *f = dsreg_rule_emit(
      c,
      "the user has no enterprise PRT from AD FS "
      "(EnterprisePrt NO) although AD FS is in use%s%s",
      dsreg_value_present(&c->t->sso_state.enterprise_prt_authority) ? ": "
                                                                     : "",
      txt(&c->t->sso_state.enterprise_prt_authority));
  dsreg_rule_ev(f, v);
  dsreg_rule_ev(f, &c->t->sso_state.enterprise_prt_authority);
  dsreg_rule_ev(f, &c->t->ngc.adfs_refresh_token);
}
