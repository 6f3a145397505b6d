/*
 * rules/whfb.c - Windows Hello for Business: the Ngc prerequisite check.
 */
#include <string.h>

#include "rules/rule_ctx.h"

void dsreg_check_whfb(dsreg_rule_ctx *c) {
  const dsreg_ngc *n = &c->t->ngc;
  char list[300] = "";
  /* Without the policy, not provisioning is what the admin asked for. */
  if (!dsreg_streq_nocase(txt(&n->pre_req_result), "WillNotProvision") ||
      no(&n->policy_enabled))
    return;
  const struct {
    const dsreg_value *v;
    const char *why;
  } pre[] = {
      {&n->is_device_joined, "IsDeviceJoined (the device is not joined)"},
      {&n->is_user_azure_ad, "IsUserAzureAD (not an Entra user)"},
      {&n->policy_enabled, "PolicyEnabled (the policy is off)"},
      {&n->device_eligible, "DeviceEligible (hardware)"},
      {&n->session_is_not_remote, "SessionIsNotRemote (remote session)"},
      {&n->adfs_refresh_token, "AdfsRefreshToken (no enterprise PRT)"},
      {&n->adfs_ra_is_ready, "AdfsRaIsReady"},
      {&n->on_prem_tgt, "OnPremTGT"},
      {&n->cloud_tgt, "CloudTGT"},
  };
  dsreg_finding *f = dsreg_rule_emit(c, "%s", "");
  if (!f)
    return;
  for (size_t i = 0; i < sizeof pre / sizeof pre[0]; i++) {
    if (!no(pre[i].v))
      continue;
    size_t len = strlen(list);
    dsreg_fit(list + len, sizeof list - len, "%s%s", len ? ", " : "",
              pre[i].why);
    dsreg_rule_ev(f, pre[i].v);
  }
  dsreg_fit(f->message, sizeof f->message,
            "Windows Hello for Business will not provision for this user%s%s",
            list[0] ? "; prerequisites that read NO: " : "", list);
  dsreg_rule_ev(f, &n->pre_req_result);
}

void dsreg_check_whfb_cert_trust(dsreg_rule_ctx *c) {
  const dsreg_ngc *n = &c->t->ngc;
  if (!dsreg_streq_nocase(txt(&n->cert_enrollment), "enrollment authority") ||
      !yes(&n->policy_enabled))
    return;
  const char *tmpl = txt(&n->logon_cert_template_ready);
  bool tmpl_bad = dsreg_value_present(&n->logon_cert_template_ready) &&
                  !dsreg_starts_nocase(tmpl, "YES");
  if (!no(&n->adfs_refresh_token) && !no(&n->adfs_ra_is_ready) && !tmpl_bad)
    return;
  dsreg_finding *f =
      dsreg_rule_emit(c,
                      "Windows Hello for Business certificate trust is "
                      "not ready: AdfsRefreshToken %s, AdfsRaIsReady %s, "
                      "LogonCertTemplateReady %s",
                      txt(&n->adfs_refresh_token), txt(&n->adfs_ra_is_ready),
                      tmpl[0] ? tmpl : "(not printed)");
  dsreg_rule_ev(f, &n->adfs_refresh_token);
  dsreg_rule_ev(f, &n->adfs_ra_is_ready);
  dsreg_rule_ev(f, &n->logon_cert_template_ready);
}

void dsreg_check_ngc_prereq_error(dsreg_rule_ctx *c) {
  const dsreg_value *v = &c->t->ngc.ngc_pre_req;
  if (v->state != DSREG_VALUE_OK || v->flag != DSREG_FLAG_ERROR)
    return;
  dsreg_rule_ev(
      dsreg_rule_emit(
          c,
          "the Windows Hello prerequisite check itself failed (NgcPreReq "
          "%s), so its other values read UNKNOWN",
          txt(v)),
      v);
}
