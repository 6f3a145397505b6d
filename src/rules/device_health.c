/*
 * rules/device_health.c - device health: DeviceAuthStatus, the device
 * certificates, the device keys (KeySignTest, recovery, TPM, key provider).
 */
#include <string.h>

#include "rules/rule_ctx.h"

void dsreg_check_device_auth(dsreg_rule_ctx *c) {
  const dsreg_value *v = &c->t->device_details.device_auth_status;
  const char *s = txt(v);
  if (!dsreg_value_present(v) || dsreg_streq_nocase(s, "SUCCESS"))
    return;
  dsreg_finding *f;
  if (strstr(s, "disabled") || strstr(s, "deleted")) {
    f = dsreg_rule_emit(
        c,
        "DeviceAuthStatus is \"%s\": Microsoft Entra ID does not "
        "accept this device, which is disabled or deleted there, so "
        "no PRT, SSO or device-based Conditional Access works",
        s);
    if (c->jt == DSREG_JOIN_HYBRID)
      dsreg_rule_remedy(
          f, "If the device was disabled, enable it in Active "
             "Directory (the next Entra Connect sync re-enables it). "
             "If it was deleted, run 'dsregcmd /leave' elevated and "
             "restart: the Automatic-Device-Join task registers it "
             "again once it is synced. If the portal shows it Pending, "
             "do the same.");
    else if (c->jt == DSREG_JOIN_ENTRA)
      dsreg_rule_remedy(
          f, "If the device was disabled, an administrator enables it "
             "in the Microsoft Entra admin center. If it was deleted, "
             "run 'dsregcmd /forcerecovery' elevated, sign in when "
             "asked, then sign out and in again.");
  } else if (strstr(s, "ERROR") || strstr(s, "Error")) {
    f = dsreg_rule_emit(
        c,
        "DeviceAuthStatus is \"%s\": the device health check could "
        "not reach Microsoft Entra ID, so the device state is "
        "unverified",
        s);
    dsreg_rule_remedy(f,
                      "Check that the device reaches "
                      "https://enterpriseregistration.windows.net and "
                      "https://login.microsoftonline.com in the SYSTEM context "
                      "(proxy, firewall), then run 'dsregcmd /status' again.");
  } else {
    f = dsreg_rule_emit(c, "DeviceAuthStatus is \"%s\" instead of SUCCESS", s);
  }
  dsreg_rule_ev(f, v);
  dsreg_rule_ev(f, &c->t->device_details.device_id);
}

/* Certificate i of the capture: 0 the device's, then one per work account;
 * `whose` names it in messages. */
static const dsreg_value *cert_at(const dsreg_rule_ctx *c, size_t i,
                                  char *label, size_t size,
                                  const char **whose) {
  if (i == 0) {
    *whose = "device certificate";
    return &c->t->device_details.device_certificate_validity;
  }
  const dsreg_work_account *w = &c->t->work_accounts[i - 1];
  dsreg_fit(label, size, "certificate of %s",
            c->cap->sections[w->section].title);
  *whose = label;
  return &w->device_certificate_validity;
}

/* which: 0 expired, 1 expiring, 2 not yet valid, 3 a reversed range. */
static void cert_rules(dsreg_rule_ctx *c, int which) {
  char a[16], b[16];
  const int64_t warn = (int64_t)c->opt->warn_days * DSREG_DAY_MS;
  for (size_t i = 0; i <= c->t->work_account_count; i++) {
    const char *whose;
    char label[96];
    const dsreg_value *v = cert_at(c, i, label, sizeof label, &whose);
    dsreg_rule_not_judged_date(c, v, c->have_ref || which == 3);
    if (v->state != DSREG_VALUE_OK || (!c->have_ref && which != 3))
      continue;
    int64_t end = v->end_ms, start = v->time_ms;
    dsreg_finding *f = NULL;
    char span[32];
    /* A range that ends before it starts says nothing about the dates: it
     * would be both expired and not yet valid. */
    if (start > end) {
      if (which == 3)
        f = dsreg_rule_emit(
            c,
            "the validity of the %s is reversed: it starts on %s, "
            "after it ends on %s, so neither date can be trusted",
            whose, dsreg_format_day(start, a), dsreg_format_day(end, b));
    } else if (which == 0 && end < c->ref)
      f = dsreg_rule_emit(
          c, "%s expired on %s, %s before %s (%s)", whose,
          dsreg_format_day(end, a),
          dsreg_rule_days(dsreg_time_sub(c->ref, end), span, sizeof span),
          dsreg_rule_reference_words(c), dsreg_format_day(c->ref, b));
    else if (which == 1 && end >= c->ref && dsreg_time_sub(end, c->ref) <= warn)
      f = dsreg_rule_emit(
          c, "%s expires on %s, in %s (%s is %s)", whose,
          dsreg_format_day(end, a),
          dsreg_rule_days(dsreg_time_sub(end, c->ref), span, sizeof span),
          dsreg_rule_reference_words(c), dsreg_format_day(c->ref, b));
    else if (which == 2 && start > c->ref)
      f = dsreg_rule_emit(
          c,
          "%s is valid only from %s, after %s (%s): the device clock "
          "or the capture time is wrong",
          whose, dsreg_format_day(start, a), dsreg_rule_reference_words(c),
          dsreg_format_day(c->ref, b));
    dsreg_rule_ev(f, v);
  }
}

void dsreg_check_cert_expired(dsreg_rule_ctx *c) { cert_rules(c, 0); }
void dsreg_check_cert_expiring(dsreg_rule_ctx *c) { cert_rules(c, 1); }
void dsreg_check_cert_not_yet_valid(dsreg_rule_ctx *c) { cert_rules(c, 2); }
void dsreg_check_cert_validity_invalid(dsreg_rule_ctx *c) { cert_rules(c, 3); }

void dsreg_check_key_sign(dsreg_rule_ctx *c) {
  const dsreg_value *v = &c->t->diagnostic_data.key_sign_test;
  const char *s = txt(v);
  if (strstr(s, "elevated"))
    dsreg_rule_not_judged(c, DSREG_UNJUDGED_NOT_ELEVATED, v);
  if (!dsreg_value_present(v) || dsreg_starts_nocase(s, "PASSED") ||
      strstr(s, "elevated"))
    return;
  dsreg_rule_ev(
      dsreg_rule_emit(
          c,
          "KeySignTest reports \"%s\": the device keys cannot sign, so "
          "the device cannot prove its identity",
          s),
      v);
}

void dsreg_check_recovery(dsreg_rule_ctx *c) {
  const dsreg_value *v = &c->t->diagnostic_data.aad_recovery_enabled;
  if (!yes(v))
    return;
  dsreg_rule_ev(
      dsreg_rule_emit(
          c, "AadRecoveryEnabled is YES: the device keys are unusable and "
             "the device is marked for recovery"),
      v);
}

void dsreg_check_tpm(dsreg_rule_ctx *c) {
  const dsreg_value *v = &c->t->device_details.tpm_protected;
  if (!no(v))
    return;
  dsreg_finding *f =
      dsreg_rule_emit(c,
                      "the device key is not protected by a TPM "
                      "(TpmProtected NO, provider \"%s\"): it can be "
                      "copied off the device",
                      txt(&c->t->device_details.key_provider));
  dsreg_rule_ev(f, v);
  dsreg_rule_ev(f, &c->t->device_details.key_provider);
}

void dsreg_check_key_provider(dsreg_rule_ctx *c) {
  const dsreg_value *v = &c->t->device_details.key_provider;
  const char *s = txt(v);
  if (!dsreg_value_present(v) ||
      dsreg_streq_nocase(s, "Microsoft Platform Crypto Provider") ||
      dsreg_streq_nocase(s, "Microsoft Software Key Storage Provider"))
    return;
  dsreg_rule_ev(
      dsreg_rule_emit(
          c,
          "KeyProvider is \"%s\", neither the TPM (Microsoft Platform "
          "Crypto Provider) nor the software provider",
          s),
      v);
}
