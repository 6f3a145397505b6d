/*
 * rules/device_health.c - device health: DeviceAuthStatus, the device
 * certificates, the device keys (KeySignTest, recovery, TPM, key provider).
 */
#include <stdlib.h>
#include <string.h>

#include "rules/rule_ctx.h"

/* "FAILED. ERROR" is D1's value for a test that could not run: the health
 * is unknown, which device-auth-not-tested reports. */
static bool auth_not_tested(const char *s) {
  return dsreg_starts_nocase(s, "FAILED. ERROR") ||
         dsreg_streq_nocase(s, "ERROR");
}

void dsreg_check_device_auth(dsreg_rule_ctx *c) {
  const dsreg_value *v = &c->t->device_details.device_auth_status;
  const char *s = txt(v);
  if (!dsreg_value_present(v) || dsreg_streq_nocase(s, "SUCCESS") ||
      auth_not_tested(s))
    return;
  dsreg_finding *f;
  if (strstr(s, "disabled") || strstr(s, "deleted")) {
    f = dsreg_rule_emit(
        c,
        "DeviceAuthStatus is \"%s\": Microsoft Entra ID does not "
        "accept this device, which is disabled or deleted there, so "
        "no PRT, SSO or device-based Conditional Access works",
        s);
    if (dsreg_rule_join_type(c) == DSREG_JOIN_HYBRID)
      dsreg_rule_remedy(
          c, f,
          "Find the device by its DeviceId in the Microsoft Entra admin "
          "center. Disabled: do not unjoin; enable the computer in Active "
          "Directory (or the device in Entra) and wait for the next Entra "
          "Connect sync. Deleted or Pending: check that the computer's OU is "
          "in sync scope and keep its BitLocker recovery key (keys stored on "
          "a deleted device object are gone), then run 'dsregcmd /debug "
          "/leave' elevated and sign out and in; on a managed domain the "
          "device joins again only after the next sync, and users set up "
          "Windows Hello again. Check DeviceAuthStatus SUCCESS and AzureAdPrt "
          "YES afterwards.");
    else if (dsreg_rule_join_type(c) == DSREG_JOIN_ENTRA)
      dsreg_rule_remedy(
          c, f,
          "Find the device by its DeviceId in the Microsoft Entra admin "
          "center. Disabled: an administrator enables it there. Deleted: "
          "keep its BitLocker recovery key if it is still known, run "
          "'dsregcmd /forcerecovery' elevated, sign in when asked, then "
          "sign out and in. Only if that fails, unjoin and join again, "
          "which needs an offline local administrator account.");
  } else {
    f = dsreg_rule_emit(c, "DeviceAuthStatus is \"%s\" instead of SUCCESS", s);
  }
  dsreg_rule_ev(f, v);
  dsreg_rule_ev(f, &c->t->device_details.device_id);
}

void dsreg_check_device_auth_not_tested(dsreg_rule_ctx *c) {
  const dsreg_value *v = &c->t->device_details.device_auth_status;
  if (!dsreg_value_present(v) || !auth_not_tested(txt(v)))
    return;
  dsreg_finding *f = dsreg_rule_emit(
      c,
      "DeviceAuthStatus is \"%s\": the device health test could not run, "
      "so whether Microsoft Entra ID accepts this device is unknown",
      txt(v));
  dsreg_rule_ev(f, v);
  dsreg_rule_ev(f, &c->t->device_details.device_id);
}

/* DeviceAuthStatus is the device health check of D1; a joined capture that
 * shows Device Details without it leaves the health unjudged. */
void dsreg_check_device_auth_missing(dsreg_rule_ctx *c) {
  if (!joined(c) || c->t->device_details.device_auth_status.field ||
      (!dsreg_capture_section(c->cap, DSREG_SECTION_DEVICE_DETAILS) &&
       !c->t->device_details.device_id.field))
    return;
  dsreg_rule_ev(
      dsreg_rule_emit(c,
                      "the device is %s but the capture has no "
                      "DeviceAuthStatus line: whether Microsoft Entra ID "
                      "still accepts the device was not judged",
                      dsreg_join_type_title(c->jt)),
      &c->t->device_details.device_id);
}

/* Certificate i of the capture: 0 the device's, then one per work account;
 * cert_whose names it in messages. */
static const dsreg_value *cert_at(const dsreg_rule_ctx *c, size_t i) {
  return i == 0 ? &c->t->device_details.device_certificate_validity
                : &c->t->work_accounts[i - 1].device_certificate_validity;
}

/* Built only for a message: most certificates make no finding. */
static const char *cert_whose(const dsreg_rule_ctx *c, size_t i, char *label,
                              size_t size) {
  if (i == 0)
    return "device certificate";
  label[0] = '\0';
  if (!c->no_texts)
    dsreg_fit(label, size, "certificate of %s",
              c->cap->sections[c->t->work_accounts[i - 1].section].title);
  return label;
}

/* Registering again, for the join type at hand only (D4: /debug /leave for
 * hybrid joined, /forcerecovery for Entra joined, disconnect and connect for
 * a registered work account), after the checks that make it safe.  `i` is
 * the certificate: 0 the device's, then the work accounts'. */
static void reregister_remedy(dsreg_rule_ctx *c, dsreg_finding *f, size_t i) {
  /* Each step stays one readable paragraph. */
  static const char clock[] =
      "Check the device clock first (w32tm /query /status): these "
      "certificates last 10 years.";
  static const char object[] =
      "Find the device by its DeviceId in the Entra admin center;";
  if (i > 0)
    dsreg_rule_remedy(c, f,
                      "%s Then remove the work account (Settings > Accounts > "
                      "Access work or school > Disconnect) and connect it "
                      "again, signing in when asked.",
                      clock);
  else if (dsreg_rule_join_type(c) == DSREG_JOIN_HYBRID)
    dsreg_rule_remedy(
        c, f,
        "%s %s if disabled, enable the computer in AD and wait for the next "
        "sync instead. Else keep its BitLocker recovery key, run 'dsregcmd "
        "/debug /leave' elevated, sign out and in; on a managed domain it "
        "joins again only after the next Entra Connect sync, no SSO until "
        "then. Check DeviceAuthStatus SUCCESS afterwards.",
        clock, object);
  else if (dsreg_rule_join_type(c) == DSREG_JOIN_ENTRA)
    dsreg_rule_remedy(
        c, f,
        "%s %s if disabled, an administrator enables it there. Else keep its "
        "BitLocker recovery key, run 'dsregcmd /forcerecovery' elevated, "
        "sign in when asked, then sign out and in. Unjoining instead needs "
        "an offline local administrator account.",
        clock, object);
  else
    dsreg_rule_remedy(c, f,
                      "%s Then capture 'dsregcmd /status' again elevated with "
                      "the whole Device State: how to register the device "
                      "again depends on its join type.",
                      clock);
}

/* which: 0 expired, 1 expiring, 2 not yet valid, 3 a reversed range. */
static void cert_rules(dsreg_rule_ctx *c, int which) {
  char a[16], b[16];
  const int64_t warn = (int64_t)c->opt->warn_days * DSREG_DAY_MS;
  for (size_t i = 0; i <= c->t->work_account_count; i++) {
    char label[96];
    const dsreg_value *v = cert_at(c, i);
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
            cert_whose(c, i, label, sizeof label), dsreg_format_day(start, a),
            dsreg_format_day(end, b));
    } else if (which == 0 && end < c->ref)
      f = dsreg_rule_emit(
          c, "%s expired on %s, %s before %s (%s)",
          cert_whose(c, i, label, sizeof label), dsreg_format_day(end, a),
          dsreg_rule_days(dsreg_time_sub(c->ref, end), span, sizeof span),
          dsreg_rule_reference_words(c), dsreg_format_day(c->ref, b));
    else if (which == 1 && end >= c->ref && dsreg_time_sub(end, c->ref) <= warn)
      f = dsreg_rule_emit(
          c, "%s expires on %s, in %s (%s is %s)",
          cert_whose(c, i, label, sizeof label), dsreg_format_day(end, a),
          dsreg_rule_days(dsreg_time_sub(end, c->ref), span, sizeof span),
          dsreg_rule_reference_words(c), dsreg_format_day(c->ref, b));
    else if (which == 2 && start > c->ref)
      f = dsreg_rule_emit(
          c,
          "%s is valid only from %s, after %s (%s): the device clock "
          "or the capture time is wrong",
          cert_whose(c, i, label, sizeof label), dsreg_format_day(start, a),
          dsreg_rule_reference_words(c), dsreg_format_day(c->ref, b));
    if (f && which == 0)
      reregister_remedy(c, f, i);
    else if (f && which == 3)
      dsreg_rule_remedy(
          c, f,
          "Capture 'dsregcmd /status' again straight to a file. If the range "
          "is still reversed, do not act on the dates: look at the %s in the "
          "certificate store (%s, the MS-Organization-Access certificate) "
          "and judge its validity there.",
          i == 0 ? "device certificate" : "work account's certificate",
          i == 0 ? "certlm.msc, Personal > Certificates"
                 : "certmgr.msc as the user, Personal > Certificates");
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
  char code[320] = "", exp[300];
  if (strstr(s, "elevated"))
    dsreg_rule_not_judged(c, DSREG_UNJUDGED_NOT_ELEVATED, v);
  if (!dsreg_value_present(v) || dsreg_starts_nocase(s, "PASSED") ||
      strstr(s, "elevated"))
    return;
  /* "FAILED. 0x80090016": the code is a TPM or key storage error. */
  const char *hex = strstr(s, "0x");
  const dsreg_code_info *i = NULL;
  if (hex) {
    char *end;
    unsigned long n = strtoul(hex + 2, &end, 16);
    if (end > hex + 2 && n <= 0xffffffffUL) {
      dsreg_fit(
          code, sizeof code, ": %s",
          dsreg_rule_explain((uint32_t)n, DSREG_CODE_TPM, exp, sizeof exp));
      i = dsreg_code_lookup_value((uint32_t)n, DSREG_CODE_TPM);
    }
  }
  dsreg_finding *f = dsreg_rule_emit(
      c,
      "KeySignTest reports \"%s\"%s; the device keys cannot sign, so the "
      "device cannot prove its identity",
      s, code);
  dsreg_rule_ev(f, v);
  dsreg_rule_ev(f, &c->t->diagnostic_data.aad_recovery_enabled);
  /* D4 documents /forcerecovery for Entra joined devices only; a hybrid
   * device recovers silently (D1). */
  if (dsreg_rule_join_type(c) == DSREG_JOIN_ENTRA)
    dsreg_rule_remedy(c, f,
                      "%s%sSign out and in: the next sign-in asks the user to "
                      "recover the device. If it does not, run 'dsregcmd "
                      "/forcerecovery' elevated and sign in when asked.",
                      i && i->remedy[0] ? i->remedy : "",
                      i && i->remedy[0] ? " " : "");
  else if (dsreg_rule_join_type(c) == DSREG_JOIN_HYBRID)
    dsreg_rule_remedy(c, f,
                      "%s%sRestart and sign in: a hybrid joined device "
                      "recovers its keys silently at the next sign-in; "
                      "check KeySignTest again as an elevated user.",
                      i && i->remedy[0] ? i->remedy : "",
                      i && i->remedy[0] ? " " : "");
  else
    dsreg_rule_remedy(c, f,
                      "%s%sCapture 'dsregcmd /status' again elevated with the "
                      "whole Device State: the recovery steps depend on the "
                      "join type.",
                      i && i->remedy[0] ? i->remedy : "",
                      i && i->remedy[0] ? " " : "");
}

void dsreg_check_recovery(dsreg_rule_ctx *c) {
  const dsreg_value *v = &c->t->diagnostic_data.aad_recovery_enabled;
  if (!yes(c, v))
    return;
  dsreg_rule_ev(
      dsreg_rule_emit(
          c, "AadRecoveryEnabled is YES: the device keys are unusable and "
             "the device is marked for recovery"),
      v);
}

void dsreg_check_tpm(dsreg_rule_ctx *c) {
  const dsreg_value *v = &c->t->device_details.tpm_protected;
  if (!no(c, v))
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

/* The TPM provider with TpmProtected NO, or a software provider with YES:
 * the two lines cannot both be right. */
void dsreg_check_key_provider_tpm(dsreg_rule_ctx *c) {
  const dsreg_value *p = &c->t->device_details.key_provider;
  const dsreg_value *t = &c->t->device_details.tpm_protected;
  const char *s = txt(p);
  bool tpm = dsreg_streq_nocase(s, "Microsoft Platform Crypto Provider");
  bool soft = dsreg_streq_nocase(s, "Microsoft Software Key Storage Provider");
  if (!(tpm && no(c, t)) && !(soft && yes(c, t)))
    return;
  dsreg_finding *f = dsreg_rule_emit(
      c,
      "KeyProvider is \"%s\" but TpmProtected is %s: %s, so one of the two "
      "lines is wrong",
      s, txt(t),
      tpm ? "that provider keeps keys in the TPM"
          : "that provider keeps keys in software, outside the TPM");
  dsreg_rule_ev(f, p);
  dsreg_rule_ev(f, t);
}
