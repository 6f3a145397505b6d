/*
 * rules/sso.c - single sign-on around the PRT: WAM, network errors of the PRT
 * requests, the user's UPN and account, the Cloud Kerberos TGT.
 */
#include <string.h>

#include "rules/rule_ctx.h"

void dsreg_check_wam(dsreg_rule_ctx *c) {
  const dsreg_value *v = &c->t->user_state.wam_default_set;
  if (joined(c) && !user_context(c) && v->state == DSREG_VALUE_OK &&
      (v->flag == DSREG_FLAG_NO || v->flag == DSREG_FLAG_ERROR))
    dsreg_rule_not_judged(c, DSREG_UNJUDGED_NOT_USER, v);
  if (!joined(c) || !user_context(c) || v->state != DSREG_VALUE_OK ||
      (v->flag != DSREG_FLAG_NO && v->flag != DSREG_FLAG_ERROR))
    return;
  /* An elevated run can show ERROR by itself (D1, I2): not evidence. */
  if (v->flag == DSREG_FLAG_ERROR && dsreg_rule_elevated(c)) {
    dsreg_rule_not_judged(c, DSREG_UNJUDGED_ELEVATED, v);
    return;
  }
  dsreg_rule_ev(
      dsreg_rule_emit(
          c,
          "WamDefaultSet is %s: the user has no default WAM account, so "
          "apps that sign in through WAM prompt or fail",
          txt(v)),
      v);
}

void dsreg_check_network_error(dsreg_rule_ctx *c) {
  const dsreg_prt_diag *diags[] = {&c->t->sso_state.azure_prt_diag,
                                   &c->t->sso_state.enterprise_prt_diag};
  char a[400];
  for (size_t i = 0; i < 2; i++) {
    const dsreg_value *v = &diags[i]->http_error;
    if (v->state != DSREG_VALUE_OK || v->code == 0)
      continue;
    dsreg_rule_ev(
        dsreg_rule_emit(
            c,
            "the last PRT request to %s failed on the network: HTTP "
            "Error %s",
            txt(&diags[i]->endpoint_uri),
            dsreg_rule_explain(v->code, DSREG_CODE_NETWORK, a, sizeof a)),
        v);
  }
}

/* The UPN suffixes that cannot be verified in Entra ID (D3, 0xc000005f). */
static bool upn_not_routable(const char *upn) {
  const char *at = strrchr(upn, '@');
  static const char *const bad[] = {".local", ".lan",         ".internal",
                                    ".corp",  ".localdomain", ".intra"};
  if (!at)
    return false;
  size_t n = strlen(at);
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    size_t m = strlen(bad[i]);
    if (n >= m && dsreg_streq_nocase(at + n - m, bad[i]))
      return true;
  }
  return false;
}

void dsreg_check_upn(dsreg_rule_ctx *c) {
  const dsreg_value *v = &c->t->sso_state.azure_prt_diag.user_identity;
  /* Another user's attempt says nothing about this user (prt-diag-other-
   * user says so), as for the other diagnostics rules. */
  if (!upn_not_routable(txt(v)) ||
      dsreg_rule_diag_of_other_user(c, &c->t->sso_state.azure_prt_diag))
    return;
  dsreg_finding *f = dsreg_rule_emit(
      c,
      "the PRT was requested for %s, whose UPN suffix cannot be a "
      "verified domain in Microsoft Entra ID",
      txt(v));
  dsreg_rule_ev(f, v);
  /* The hybrid join planning page: a non-routable on-premises UPN is not
   * supported on a managed domain; federated through AD FS it is (Windows
   * 10 1803 and later), which is where Alternate Login ID belongs. */
  const char *auth = txt(&c->t->sso_state.enterprise_prt_authority);
  if (auth[0] && !dsreg_streq_nocase(auth, "NO")) {
    dsreg_rule_ev(f, &c->t->sso_state.enterprise_prt_authority);
    dsreg_rule_remedy(
        c, f,
        "The domain is federated through AD FS (EnterprisePrtAuthority): "
        "give the user a UPN in a verified domain (add the UPN suffix in "
        "AD and change the user's UPN), or have AD FS issue the routable "
        "UPN with Alternate Login ID. Then sign out and in.");
  }
}

void dsreg_check_wam_default_msa(dsreg_rule_ctx *c) {
  const dsreg_value *v = &c->t->user_state.wam_default_authority;
  if (!joined(c) || !user_context(c) ||
      !yes(c, &c->t->user_state.wam_default_set) ||
      !dsreg_streq_nocase(txt(v), "consumers"))
    return;
  dsreg_finding *f = dsreg_rule_emit(
      c,
      "the default WAM account is a Microsoft account (WamDefaultAuthority "
      "consumers%s%s), not the work account of this %s device: apps that "
      "sign in through WAM offer the personal account first",
      dsreg_value_present(&c->t->user_state.wam_default_guid) ? ", " : "",
      txt(&c->t->user_state.wam_default_guid), dsreg_join_type_title(c->jt));
  dsreg_rule_ev(f, v);
  dsreg_rule_ev(f, &c->t->user_state.wam_default_guid);
}

void dsreg_check_cloud_tgt(dsreg_rule_ctx *c) {
  const dsreg_value *v = &c->t->sso_state.cloud_tgt;
  if (joined(c) && no(c, v) && yes(c, &c->t->sso_state.azure_ad_prt) &&
      !user_context(c))
    dsreg_rule_not_judged(c, DSREG_UNJUDGED_NOT_USER, v);
  if (!joined(c) || !user_context(c) || !no(c, v) ||
      !yes(c, &c->t->sso_state.azure_ad_prt))
    return;
  dsreg_rule_ev(
      dsreg_rule_emit(
          c, "the user has a PRT but no Cloud Kerberos TGT for cloud "
             "resources (CloudTgt NO): Kerberos to Microsoft Entra Kerberos "
             "resources such as Azure Files will not work"),
      v);
}

/* Cloud Kerberos trust is in use when the Windows Hello check prints its
 * prerequisite (OnPremTGT, CloudTGT before 23H2; D1: only when certificate
 * trust is not configured) with the policy on. */
static bool cloud_kerberos_trust(dsreg_rule_ctx *c) {
  const dsreg_ngc *n = &c->t->ngc;
  const char *enroll = txt(&n->cert_enrollment);
  return yes(c, &n->policy_enabled) &&
         (dsreg_value_present(&n->on_prem_tgt) ||
          dsreg_value_present(&n->cloud_tgt)) &&
         (!enroll[0] || dsreg_streq_nocase(enroll, "none"));
}

void dsreg_check_onprem_tgt(dsreg_rule_ctx *c) {
  const dsreg_value *v = &c->t->sso_state.on_prem_tgt;
  if (!joined(c) || !user_context(c) || !no(c, v) ||
      !yes(c, &c->t->sso_state.azure_ad_prt) || !cloud_kerberos_trust(c))
    return;
  dsreg_finding *f = dsreg_rule_emit(
      c,
      "the user has a PRT but no partial TGT from Microsoft Entra Kerberos "
      "(OnPremTgt NO) although Windows Hello for Business cloud Kerberos "
      "trust is configured: %s",
      dsreg_rule_join_type(c) == DSREG_JOIN_HYBRID
          ? "Windows Hello sign-in cannot get a Kerberos ticket from the "
            "domain controllers, and provisioning waits for it"
          : "Windows Hello users get no single sign-on to on-premises "
            "resources");
  dsreg_rule_ev(f, v);
  dsreg_rule_ev(f, &c->t->ngc.policy_enabled);
  dsreg_rule_ev(f, dsreg_value_present(&c->t->ngc.on_prem_tgt)
                       ? &c->t->ngc.on_prem_tgt
                       : &c->t->ngc.cloud_tgt);
}
