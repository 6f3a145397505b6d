/*
 * rules/prt.c - the Primary Refresh Tokens: missing, stale, expired, failed to
 * acquire or refresh (and why, where the diagnostics say), another user's
 * diagnostics, and the enterprise (AD FS) PRT.
 */
#include <stdlib.h>
#include <string.h>

#include "rules/rule_ctx.h"

/* D5: a PRT is valid for 14 days; the expiry printed is the update time plus
 * that lifetime.  A day of slack covers clocks and rounding. */
#define PRT_LIFETIME_MS (14 * DSREG_DAY_MS)
#define PRT_LIFETIME_SLACK_MS DSREG_DAY_MS

/* The update and expiry times contradict each other (D5), so neither the
 * age nor the expiry of the PRT can be judged from them. */
static bool prt_times_inconsistent(const dsreg_rule_ctx *c) {
  const dsreg_value *u = &c->t->sso_state.azure_ad_prt_update_time;
  const dsreg_value *e = &c->t->sso_state.azure_ad_prt_expiry_time;
  if (u->state != DSREG_VALUE_OK || e->state != DSREG_VALUE_OK)
    return false;
  int64_t span = dsreg_time_sub(e->time_ms, u->time_ms);
  return span < 0 || llabs(span - PRT_LIFETIME_MS) > PRT_LIFETIME_SLACK_MS;
}

/* The UPN that ran dsregcmd: "DOMAIN\user, user@upn" (D1); "" if none. */
static const char *executing_upn(const dsreg_rule_ctx *c) {
  const char *s = txt(&c->t->diagnostic_data.executing_account_name);
  const char *comma = strchr(s, ',');
  if (!comma)
    return "";
  comma++;
  while (*comma == ' ')
    comma++;
  return strchr(comma, '@') ? comma : "";
}

static bool diag_present(const dsreg_prt_diag *d) {
  return dsreg_value_present(&d->acquire) || dsreg_value_present(&d->refresh) ||
         d->attempt_status.state != DSREG_VALUE_ABSENT;
}

/* D1: "On a shared device, this diagnostics information could be from a
 * different user's login attempt."  Decided only when both sides name a
 * UPN; a redacted or missing one says nothing. */
bool dsreg_rule_diag_of_other_user(const dsreg_rule_ctx *c,
                                   const dsreg_prt_diag *d) {
  const char *who = txt(&d->user_identity);
  const char *upn = executing_upn(c);
  return strchr(who, '@') && upn[0] && !dsreg_streq_nocase(who, upn);
}

/* ---- what the diagnostics name as the cause ------------------------------ */

typedef enum prt_cause {
  CAUSE_NONE = 0,
  CAUSE_PROXY,   /* HTTP 407 */
  CAUSE_ACCOUNT, /* locked, disabled, expired, revoked */
  CAUSE_NGC_KEY, /* the Windows Hello key or its device is invalid */
  CAUSE_PTA      /* a pass-through authentication agent */
} prt_cause;

/* Every AADSTS number in `s`, until `want` says yes. */
static bool aadsts_any(const char *s, bool (*want)(unsigned long)) {
  for (const char *p = strstr(s, "AADSTS"); p; p = strstr(p + 6, "AADSTS")) {
    const char *q = p + 6;
    unsigned long n = 0;
    size_t digits = 0;
    while (dsreg_ascii_is_digit((unsigned char)*q) && digits < 9) {
      n = n * 10 + (unsigned long)(*q++ - '0');
      digits++;
    }
    if (digits && !dsreg_ascii_is_digit((unsigned char)*q) && want(n))
      return true;
  }
  return false;
}

/* AADSTS reference: 50053 locked, 50055 password expired, 50057 disabled,
 * 50144 AD password expired, 50173 grant revoked, 50132 session revoked. */
static bool account_code(unsigned long n) {
  return n == 50053 || n == 50055 || n == 50057 || n == 50144 || n == 50173 ||
         n == 50132;
}

/* 130004-130008 NGC key not found / invalid, 135010-135011 key or device. */
static bool ngc_code(unsigned long n) {
  return (n >= 130004 && n <= 130008) || n == 135010 || n == 135011;
}

/* AADSTS800xx: the pass-through authentication agent could not validate. */
static bool pta_code(unsigned long n) { return n >= 80001 && n <= 80099; }

/* NTSTATUS of the attempt: disabled, locked out, password expired, must
 * change, account expired. */
static bool account_status(uint32_t s) {
  return s == 0xc0000072u || s == 0xc0000234u || s == 0xc0000071u ||
         s == 0xc0000224u || s == 0xc0000193u;
}

static prt_cause cause_of(const dsreg_prt_diag *d) {
  const char *desc = txt(&d->server_error_description);
  if (d->http_status.state == DSREG_VALUE_OK && d->http_status.number == 407)
    return CAUSE_PROXY;
  if (aadsts_any(desc, account_code) ||
      (d->attempt_status.state == DSREG_VALUE_OK &&
       account_status(d->attempt_status.code)))
    return CAUSE_ACCOUNT;
  if (dsreg_streq_nocase(txt(&d->credential_type), "NGC") &&
      aadsts_any(desc, ngc_code))
    return CAUSE_NGC_KEY;
  if (aadsts_any(desc, pta_code))
    return CAUSE_PTA;
  return CAUSE_NONE;
}

/* "the last attempt to acquire the Microsoft Entra PRT for u (t) failed
 * with 0x... (...), HTTP status 400, server error ...". */
static const char *describe_attempt(const dsreg_rule_ctx *c,
                                    const dsreg_prt_diag *d, const char *which,
                                    char *buf, size_t size) {
  char a[400], http[64] = "", server[300] = "", when[40] = "";
  buf[0] = '\0';
  if (c->no_texts) /* the finding shows no message */
    return buf;
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
  if (d->previous_attempt.state == DSREG_VALUE_OK) {
    char m[24];
    dsreg_fit(when, sizeof when, " (%s)",
              dsreg_format_minute(d->previous_attempt.time_ms, m));
  }
  dsreg_fit(buf, size,
            "the last attempt to %s the %s PRT%s%s%s failed with %s%s%s", op,
            which, dsreg_value_present(&d->user_identity) ? " for " : "",
            txt(&d->user_identity), when,
            d->attempt_status.state == DSREG_VALUE_OK
                ? dsreg_rule_explain(d->attempt_status.code, DSREG_CODE_PRT, a,
                                     sizeof a)
                : "an unknown status",
            http, server);
  return buf;
}

static void attempt_evidence(dsreg_finding *f, const dsreg_prt_diag *d) {
  dsreg_rule_ev(f, &d->attempt_status);
  dsreg_rule_ev(f, &d->user_identity);
  dsreg_rule_ev(f, &d->credential_type);
  dsreg_rule_ev(f, &d->http_status);
  dsreg_rule_ev(f, &d->server_error_description);
  dsreg_rule_ev(f, &d->previous_attempt);
}

/* The remedy of the server message, else of the status code, with the step
 * that makes Windows try again unless the code's remedy already has it. */
static void code_remedy(dsreg_rule_ctx *c, dsreg_finding *f,
                        const dsreg_prt_diag *d) {
  const char *desc = txt(&d->server_error_description);
  const dsreg_code_info *i =
      dsreg_code_lookup(desc, strlen(desc), DSREG_CODE_SERVER);
  if (!i || !i->remedy[0])
    i = d->attempt_status.state == DSREG_VALUE_OK
            ? dsreg_code_lookup_value(d->attempt_status.code, DSREG_CODE_PRT)
            : NULL;
  if (!i || !i->remedy[0])
    return;
  if (strstr(i->remedy, "lock and unlock") || strstr(i->remedy, "sign out"))
    dsreg_rule_remedy(c, f, "%s Then run 'dsregcmd /status' again.", i->remedy);
  else
    dsreg_rule_remedy(c, f,
                      "%s Then lock and unlock the session (or sign out and "
                      "in) and run 'dsregcmd /status' again.",
                      i->remedy);
}

/* ---- the checks ---------------------------------------------------------- */

void dsreg_check_prt_missing(dsreg_rule_ctx *c) {
  const dsreg_value *v = &c->t->sso_state.azure_ad_prt;
  if (joined(c) && no(c, v) && !user_context(c))
    dsreg_rule_not_judged(c, DSREG_UNJUDGED_NOT_USER, v);
  if (!joined(c) || !user_context(c) || !no(c, v))
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

void dsreg_check_prt_times(dsreg_rule_ctx *c) {
  const dsreg_value *u = &c->t->sso_state.azure_ad_prt_update_time;
  const dsreg_value *e = &c->t->sso_state.azure_ad_prt_expiry_time;
  char a[24], b[24];
  if (!yes(c, &c->t->sso_state.azure_ad_prt) || !prt_times_inconsistent(c))
    return;
  int64_t span = dsreg_time_sub(e->time_ms, u->time_ms);
  dsreg_finding *f = dsreg_rule_emit(
      c,
      "the PRT times contradict each other: updated %s, expiring %s (%s%lld "
      "hours later), while a PRT is valid for 14 days from its update; its "
      "age and expiry were not judged",
      dsreg_format_minute(u->time_ms, a), dsreg_format_minute(e->time_ms, b),
      span < 0 ? "-" : "", (long long)(llabs(span) / DSREG_HOUR_MS));
  dsreg_rule_ev(f, u);
  dsreg_rule_ev(f, e);
}

void dsreg_check_prt_stale(dsreg_rule_ctx *c) {
  const dsreg_value *v = &c->t->sso_state.azure_ad_prt_update_time;
  char a[24];
  if (yes(c, &c->t->sso_state.azure_ad_prt))
    dsreg_rule_not_judged_date(c, v, c->prt_clock);
  if (!c->prt_clock || v->state != DSREG_VALUE_OK ||
      !yes(c, &c->t->sso_state.azure_ad_prt) || prt_times_inconsistent(c))
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
  if (yes(c, &c->t->sso_state.azure_ad_prt))
    dsreg_rule_not_judged_date(c, v, c->prt_clock);
  if (!c->prt_clock || v->state != DSREG_VALUE_OK ||
      !yes(c, &c->t->sso_state.azure_ad_prt) || v->time_ms >= c->ref ||
      prt_times_inconsistent(c))
    return;
  dsreg_finding *f = dsreg_rule_emit(
      c, "the PRT expired %s, %lld days before %s",
      dsreg_format_minute(v->time_ms, a),
      (long long)(dsreg_time_sub(c->ref, v->time_ms) / DSREG_DAY_MS),
      dsreg_rule_reference_words(c));
  dsreg_rule_ev(f, v);
  dsreg_rule_ev(f, &c->t->sso_state.azure_ad_prt_update_time);
}

void dsreg_check_prt_other_user(dsreg_rule_ctx *c) {
  const struct {
    const dsreg_prt_diag *d;
    const char *which;
  } blocks[] = {{&c->t->sso_state.azure_prt_diag, "Microsoft Entra"},
                {&c->t->sso_state.enterprise_prt_diag, "enterprise (AD FS)"}};
  for (size_t i = 0; i < sizeof blocks / sizeof blocks[0]; i++) {
    const dsreg_prt_diag *d = blocks[i].d;
    if (!diag_present(d) || !dsreg_rule_diag_of_other_user(c, d))
      continue;
    dsreg_finding *f = dsreg_rule_emit(
        c,
        "the failed %s PRT attempt in this capture was made for %s, not for "
        "%s who ran dsregcmd: on a shared device the diagnostics can be "
        "another user's sign-in, so they say nothing about this user's PRT",
        blocks[i].which, txt(&d->user_identity), executing_upn(c));
    dsreg_rule_ev(f, &d->user_identity);
    dsreg_rule_ev(f, &c->t->diagnostic_data.executing_account_name);
    dsreg_rule_ev(f, &d->attempt_status);
  }
}

/* The diagnostics this rule should speak about: present, of the user who
 * ran dsregcmd (or undecided), and with no more specific cause. */
static bool plain_failure(const dsreg_rule_ctx *c, const dsreg_prt_diag *d) {
  return diag_present(d) && !dsreg_rule_diag_of_other_user(c, d) &&
         cause_of(d) == CAUSE_NONE;
}

static void prt_diag(dsreg_rule_ctx *c, const dsreg_prt_diag *d,
                     const char *which) {
  char msg[512];
  if (!plain_failure(c, d))
    return;
  dsreg_finding *f =
      dsreg_rule_emit(c, "%s", describe_attempt(c, d, which, msg, sizeof msg));
  attempt_evidence(f, d);
  code_remedy(c, f, d);
}

void dsreg_check_prt_acquire_failed(dsreg_rule_ctx *c) {
  /* With a PRT in hand a failed refresh is prt-refresh-failed's. */
  if (yes(c, &c->t->sso_state.azure_ad_prt))
    return;
  prt_diag(c, &c->t->sso_state.azure_prt_diag, "Microsoft Entra");
}

/* ", and the current PRT stays valid until t (n days left at ref)" */
static const char *time_left(const dsreg_rule_ctx *c, char *buf, size_t size) {
  const dsreg_value *e = &c->t->sso_state.azure_ad_prt_expiry_time;
  char m[24], d[32];
  buf[0] = '\0';
  if (c->no_texts || e->state != DSREG_VALUE_OK || prt_times_inconsistent(c))
    return buf;
  if (c->prt_clock && e->time_ms >= c->ref)
    dsreg_fit(buf, size,
              "; the current PRT stays valid until %s (%s left at %s)",
              dsreg_format_minute(e->time_ms, m),
              dsreg_rule_days(dsreg_time_sub(e->time_ms, c->ref), d, sizeof d),
              dsreg_rule_reference_words(c));
  else if (!c->prt_clock)
    dsreg_fit(buf, size, "; the current PRT stays valid until %s",
              dsreg_format_minute(e->time_ms, m));
  return buf;
}

void dsreg_check_prt_refresh_failed(dsreg_rule_ctx *c) {
  const dsreg_prt_diag *d = &c->t->sso_state.azure_prt_diag;
  char msg[400], left[120];
  if (!yes(c, &c->t->sso_state.azure_ad_prt) || !plain_failure(c, d))
    return;
  dsreg_finding *f = dsreg_rule_emit(
      c, "%s%s", describe_attempt(c, d, "Microsoft Entra", msg, sizeof msg),
      time_left(c, left, sizeof left));
  attempt_evidence(f, d);
  dsreg_rule_ev(f, &c->t->sso_state.azure_ad_prt_expiry_time);
  code_remedy(c, f, d);
}

/* One finding per diagnostics block whose cause is `want`. */
static void prt_cause_check(dsreg_rule_ctx *c, prt_cause want) {
  const struct {
    const dsreg_prt_diag *d;
    const char *which;
  } blocks[] = {{&c->t->sso_state.azure_prt_diag, "Microsoft Entra"},
                {&c->t->sso_state.enterprise_prt_diag, "enterprise (AD FS)"}};
  char msg[400], left[120] = "";
  for (size_t i = 0; i < sizeof blocks / sizeof blocks[0]; i++) {
    const dsreg_prt_diag *d = blocks[i].d;
    if (!diag_present(d) || dsreg_rule_diag_of_other_user(c, d) ||
        cause_of(d) != want)
      continue;
    if (i == 0 && yes(c, &c->t->sso_state.azure_ad_prt))
      time_left(c, left, sizeof left);
    dsreg_finding *f = dsreg_rule_emit(
        c, "%s%s", describe_attempt(c, d, blocks[i].which, msg, sizeof msg),
        i == 0 ? left : "");
    attempt_evidence(f, d);
  }
}

void dsreg_check_prt_proxy_auth(dsreg_rule_ctx *c) {
  prt_cause_check(c, CAUSE_PROXY);
}

void dsreg_check_prt_account_state(dsreg_rule_ctx *c) {
  prt_cause_check(c, CAUSE_ACCOUNT);
}

void dsreg_check_prt_ngc_key(dsreg_rule_ctx *c) {
  prt_cause_check(c, CAUSE_NGC_KEY);
}

void dsreg_check_prt_pta_agent(dsreg_rule_ctx *c) {
  prt_cause_check(c, CAUSE_PTA);
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
  if ((dsreg_rule_join_type(c) == DSREG_JOIN_HYBRID ||
       dsreg_rule_join_type(c) == DSREG_JOIN_DRS) &&
      no(c, v) && adfs_in_use(c) && !user_context(c))
    dsreg_rule_not_judged(c, DSREG_UNJUDGED_NOT_USER, v);
  if ((dsreg_rule_join_type(c) != DSREG_JOIN_HYBRID &&
       dsreg_rule_join_type(c) != DSREG_JOIN_DRS) ||
      !user_context(c) || !no(c, v) || !adfs_in_use(c))
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
