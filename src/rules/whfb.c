/*
 * rules/whfb.c - Windows Hello for Business: the Ngc prerequisite check, the
 * user's Hello key (CanReset) and a capture taken in a remote session.
 */
#include <string.h>

#include "rules/rule_ctx.h"

/* NgcPreReq ERROR (0x...): the check did not run and every other value reads
 * UNKNOWN (corpus 06). */
static bool ngc_check_failed(const dsreg_rule_ctx *c) {
  const dsreg_value *v = &c->t->ngc.ngc_pre_req;
  return v->state == DSREG_VALUE_OK && v->flag == DSREG_FLAG_ERROR;
}

void dsreg_check_whfb(dsreg_rule_ctx *c) {
  const dsreg_ngc *n = &c->t->ngc;
  char list[300] = "";
  /* Without the policy, not provisioning is what the admin asked for; when
   * the check itself failed its result says nothing (ngc-prereq-check-error
   * tells). */
  if (!dsreg_streq_nocase(txt(&n->pre_req_result), "WillNotProvision") ||
      no(c, &n->policy_enabled) || ngc_check_failed(c))
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
    if (!no(c, pre[i].v))
      continue;
    size_t len = strlen(list);
    dsreg_fit(list + len, sizeof list - len, "%s%s", len ? ", " : "",
              pre[i].why);
    dsreg_rule_ev(f, pre[i].v);
  }
  dsreg_rule_message(
      c, f, "Windows Hello for Business will not provision for this user%s%s",
      list[0] ? "; prerequisites that read NO: " : "", list);
  dsreg_rule_ev(f, &n->pre_req_result);
  if (!list[0])
    dsreg_rule_remedy(
        c, f,
        "No prerequisite reads NO: look for the reason in Event Viewer > "
        "Applications and Services Logs > Microsoft > Windows > User "
        "Device Registration > Admin, then sign out and in: provisioning "
        "is checked again at the next sign-in.");
}

/* D1: PreReqResult "Will Provision" means enrollment runs as a post-login
 * task at the user's next sign-in; with NgcSet NO the user has no Hello key
 * yet, which is the normal state before that sign-in.  NgcSet is the
 * current user's, so a SYSTEM or local-account run says nothing. */
void dsreg_check_whfb_will_provision(dsreg_rule_ctx *c) {
  const dsreg_ngc *n = &c->t->ngc;
  const dsreg_value *set = &c->t->user_state.ngc_set;
  if (!dsreg_streq_nocase(txt(&n->pre_req_result), "WillProvision") ||
      !no(c, set) || ngc_check_failed(c) || !user_context(c))
    return;
  dsreg_finding *f = dsreg_rule_emit(
      c, "Windows Hello for Business is not set up for this user yet "
         "(NgcSet NO) and its prerequisites pass (PreReqResult "
         "WillProvision): Windows offers the setup at the next sign-in");
  dsreg_rule_ev(f, &n->pre_req_result);
  dsreg_rule_ev(f, set);
}

void dsreg_check_whfb_cert_trust(dsreg_rule_ctx *c) {
  const dsreg_ngc *n = &c->t->ngc;
  if (!dsreg_streq_nocase(txt(&n->cert_enrollment), "enrollment authority") ||
      !yes(c, &n->policy_enabled))
    return;
  const char *tmpl = txt(&n->logon_cert_template_ready);
  bool tmpl_bad = dsreg_value_present(&n->logon_cert_template_ready) &&
                  !dsreg_starts_nocase(tmpl, "YES");
  if (!no(c, &n->adfs_refresh_token) && !no(c, &n->adfs_ra_is_ready) &&
      !tmpl_bad)
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
  if (!ngc_check_failed(c))
    return;
  dsreg_finding *f = dsreg_rule_emit(
      c,
      "the Windows Hello prerequisite check itself failed (NgcPreReq "
      "%s), so its other values read UNKNOWN",
      txt(v));
  dsreg_rule_ev(f, v);
  /* Already the user's own un-elevated run: running it so again is no
   * step forward. */
  const dsreg_value *uc = &c->t->diagnostic_data.user_context;
  const dsreg_value *ks = &c->t->diagnostic_data.key_sign_test;
  if (dsreg_streq_nocase(txt(uc), "UN-ELEVATED User") ||
      (dsreg_value_present(ks) && strstr(txt(ks), "elevated"))) {
    dsreg_rule_ev(f, dsreg_value_present(uc) ? uc : ks);
    dsreg_rule_remedy(
        c, f,
        "The capture already ran un-elevated as the user, so the check "
        "failed for another reason: look the code up (certutil -error "
        "<code>) and read Event Viewer > Applications and Services Logs > "
        "Microsoft > Windows > User Device Registration > Admin; the check "
        "also needs the device to be Microsoft Entra joined or hybrid "
        "joined.");
  }
}

/* D1: PostLogonEnabled NO means enrollment is left to a custom trigger. */
void dsreg_check_whfb_postlogon(dsreg_rule_ctx *c) {
  const dsreg_ngc *n = &c->t->ngc;
  if (ngc_check_failed(c) || !yes(c, &n->policy_enabled) ||
      !no(c, &n->post_logon_enabled))
    return;
  dsreg_finding *f = dsreg_rule_emit(
      c, "the Windows Hello for Business policy is on but provisioning is not "
         "started by Windows after sign-in (PostLogonEnabled NO): it waits "
         "for a custom trigger");
  dsreg_rule_ev(f, &n->post_logon_enabled);
  dsreg_rule_ev(f, &n->policy_enabled);
}

void dsreg_check_whfb_pin_reset(dsreg_rule_ctx *c) {
  const dsreg_value *v = &c->t->user_state.can_reset;
  if (!joined(c) || !user_context(c) ||
      !dsreg_streq_nocase(txt(v), "DestructiveOnly"))
    return;
  dsreg_finding *f = dsreg_rule_emit(
      c, "the user's Windows Hello PIN can only be reset destructively "
         "(CanReset DestructiveOnly): a forgotten PIN deletes the Hello key "
         "and the user provisions Windows Hello again");
  dsreg_rule_ev(f, v);
  dsreg_rule_ev(f, &c->t->user_state.ngc_set);
}

/* The capture was taken over Remote Desktop (SessionIsNotRemote NO): Hello
 * does not provision in a remote session (D1), and the user checks describe
 * that session.  A SYSTEM run has no session of a user to judge. */
void dsreg_check_remote_session(dsreg_rule_ctx *c) {
  const dsreg_value *v = &c->t->ngc.session_is_not_remote;
  if (ngc_check_failed(c) || !no(c, v) || c->account == DSREG_ACCOUNT_SYSTEM)
    return;
  dsreg_rule_ev(
      dsreg_rule_emit(c, "the capture was taken in a remote desktop session "
                         "(SessionIsNotRemote NO): Windows Hello for Business "
                         "does not provision in it, and what the user state "
                         "shows is that session's"),
      v);
}
