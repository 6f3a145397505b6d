/*
 * rules.c - the catalogue of findings.
 *
 * Every rule is a row of RULES below and a small check function reading one
 * capture.  Sources are tagged as in the format reference (§12): D1 is
 * "Troubleshoot devices by using the dsregcmd command", D2 "Troubleshoot
 * Microsoft Entra hybrid joined devices", D3 the PRT troubleshooting page,
 * D4 the device FAQ, D5b the VDI page, D6 hybrid join through Entra
 * Kerberos, DT Microsoft's DSRegTool, CMO the CMTrace Open analyzer.
 *
 * The rules must never cry wolf: a missing section is not a NO, a capture
 * taken as SYSTEM or a local account says nothing about a user's PRT, and a
 * healthy capture gets no warning.
 */
#include "dsreg/rules.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "dsreg/codes.h"
#include "internal.h"

#define D1                                                                     \
  "https://learn.microsoft.com/en-us/entra/identity/devices/"                  \
  "troubleshoot-device-dsregcmd"
#define D2                                                                     \
  "https://learn.microsoft.com/en-us/entra/identity/devices/"                  \
  "troubleshoot-hybrid-join-windows-current"
#define D3                                                                     \
  "https://learn.microsoft.com/en-us/entra/identity/devices/"                  \
  "troubleshoot-primary-refresh-token"
#define D4 "https://learn.microsoft.com/en-us/entra/identity/devices/faq"
#define D5                                                                     \
  "https://learn.microsoft.com/en-us/entra/identity/devices/"                  \
  "concept-primary-refresh-token"
#define D5B                                                                    \
  "https://learn.microsoft.com/en-us/entra/identity/devices/"                  \
  "howto-device-identity-virtual-desktop-infrastructure"
#define D6                                                                     \
  "https://learn.microsoft.com/en-us/entra/identity/devices/"                  \
  "how-to-hybrid-join-using-microsoft-entra-kerberos"
#define DWHFB                                                                  \
  "https://learn.microsoft.com/en-us/windows/security/identity-protection/"    \
  "hello-for-business/"

#define DAY_MS 86400000LL
#define HOUR_MS 3600000LL

/* Who ran dsregcmd, from Executing Account Name (format reference §5.7). */
typedef enum account_kind {
  ACCOUNT_ABSENT = 0, /* not printed: older builds; assume a user */
  ACCOUNT_UNKNOWN,    /* printed but redacted or unrecognised */
  ACCOUNT_ENTRA,      /* AzureAD\user */
  ACCOUNT_DOMAIN,     /* DOMAIN\user */
  ACCOUNT_LOCAL,      /* HOST\user: cannot hold an Entra PRT */
  ACCOUNT_SYSTEM      /* DOMAIN\HOST$ or NT AUTHORITY\SYSTEM */
} account_kind;

typedef struct ctx {
  const dsreg_capture *cap;
  const dsreg_typed *t;
  const dsreg_rule_options *opt;
  dsreg_analysis *an;
  const dsreg_rule *rule;
  dsreg_status status;
  dsreg_join_type jt;
  account_kind account;
  bool have_ref;  /* a reference time exists */
  bool prt_clock; /* the reference time may judge PRT age */
  int64_t ref;
} ctx;

typedef void (*check_fn)(ctx *c);

/* ---- helpers ------------------------------------------------------------ */

DSREG_PRINTF(2, 3)
static dsreg_finding *emit(ctx *c, const char *fmt, ...) {
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
static void set_remedy(dsreg_finding *f, const char *fmt, ...) {
  va_list ap;
  if (!f)
    return;
  va_start(ap, fmt);
  dsreg_vfit(f->remedy, sizeof f->remedy, fmt, ap);
  va_end(ap);
}

static void ev(dsreg_finding *f, const dsreg_value *v) {
  if (!f || !v || !v->field || f->evidence_count >= DSREG_MAX_EVIDENCE)
    return;
  dsreg_evidence *e = &f->evidence[f->evidence_count++];
  e->key = v->field->key;
  e->value = v->field->value;
  e->line = v->field->line;
}

static const char *txt(const dsreg_value *v) { return dsreg_value_text(v); }

static bool yes(const dsreg_value *v) { return dsreg_value_yes(v); }
static bool no(const dsreg_value *v) { return dsreg_value_no(v); }

static bool starts_nocase(const char *s, const char *prefix) {
  for (; *prefix; s++, prefix++) {
    int a = (unsigned char)*s, b = (unsigned char)*prefix;
    if (a >= 'A' && a <= 'Z')
      a += 32;
    if (b >= 'A' && b <= 'Z')
      b += 32;
    if (a != b)
      return false;
  }
  return true;
}

static bool eq_nocase(const char *a, const char *b) {
  return dsreg_eq_nocase(a, strlen(a), b);
}

static bool joined(const ctx *c) {
  return c->jt == DSREG_JOIN_ENTRA || c->jt == DSREG_JOIN_HYBRID;
}

/* True when user-context fields describe a user who can hold an Entra PRT. */
static bool user_context(const ctx *c) {
  return c->account != ACCOUNT_SYSTEM && c->account != ACCOUNT_LOCAL;
}

/* "2023-05-01" */
static const char *day(int64_t ms, char *buf) {
  char iso[40];
  dsreg_format_time(ms, iso, sizeof iso);
  memcpy(buf, iso, 10);
  buf[10] = '\0';
  return buf;
}

/* "2025-03-09 11:00 UTC" */
static const char *minute(int64_t ms, char *buf) {
  char iso[40];
  dsreg_format_time(ms, iso, sizeof iso);
  dsreg_fit(buf, 24, "%.10s %.5s UTC", iso, iso + 11);
  return buf;
}

/* a - b, saturated at the ends of int64_t.  Parsed times and the reference
 * lie within the years 0001-9999, so this never saturates on what the
 * parser gives; it keeps a capture built by hand from being undefined. */
static int64_t sub_ms(int64_t a, int64_t b) {
  if (b < 0 && a > INT64_MAX + b)
    return INT64_MAX;
  if (b > 0 && a < INT64_MIN + b)
    return INT64_MIN;
  return a - b;
}

/* "1 day", "12 days", "less than a day" */
static const char *days(int64_t ms, char *buf, size_t size) {
  long long d = (long long)(ms / DAY_MS);
  if (d == 0)
    dsreg_fit(buf, size, "less than a day");
  else
    dsreg_fit(buf, size, "%lld day%s", d, d == 1 ? "" : "s");
  return buf;
}

/* "0x801c001d (DSREG_AUTOJOIN_ADCONFIG_READ_FAILED: cannot read ...)" */
static const char *explain(uint32_t code, dsreg_code_context pref, char *buf,
                           size_t size) {
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

static const char *reference_words(const ctx *c) {
  switch (c->an->reference_source) {
  case DSREG_TIME_CLIENT_TIME:
    return "the capture's Client Time";
  case DSREG_TIME_OPTION:
    return "--now";
  default:
    return "today";
  }
}

/* ---- join state ------------------------------------------------------------
 */

static void check_not_joined(ctx *c) {
  if (c->jt != DSREG_JOIN_NOT_JOINED)
    return;
  const dsreg_device_state *d = &c->t->device_state;
  dsreg_finding *f = emit(c,
                          "the device is not joined to Microsoft Entra ID, to "
                          "an on-premises DRS or to a domain, and no work "
                          "account is registered (AzureAdJoined %s, "
                          "DomainJoined %s, WorkplaceJoined %s)",
                          txt(&d->azure_ad_joined), txt(&d->domain_joined),
                          txt(&c->t->user_state.workplace_joined));
  ev(f, &d->azure_ad_joined);
  ev(f, &d->enterprise_joined);
  ev(f, &d->domain_joined);
  ev(f, &c->t->user_state.workplace_joined);
}

static void check_contradictory(ctx *c) {
  const dsreg_device_state *d = &c->t->device_state;
  dsreg_finding *f = NULL;
  if (yes(&d->azure_ad_joined) && yes(&d->enterprise_joined))
    f = emit(c, "AzureAdJoined and EnterpriseJoined are both YES, which "
                "dsregcmd documents as impossible: the capture is damaged or "
                "the registration state is corrupt");
  else if (yes(&d->enterprise_joined) && no(&d->domain_joined))
    f = emit(c, "EnterpriseJoined is YES but DomainJoined is NO: an "
                "on-premises DRS join needs a domain join");
  ev(f, &d->azure_ad_joined);
  ev(f, &d->enterprise_joined);
  ev(f, &d->domain_joined);
}

static void check_dual_state(ctx *c) {
  const dsreg_value *wpj = &c->t->user_state.workplace_joined;
  if (!joined(c) || !yes(wpj))
    return;
  dsreg_finding *f = emit(c,
                          "the device is %s and the user also registered a "
                          "work account on it (WorkplaceJoined YES): the "
                          "registered account can be picked for SSO and "
                          "Conditional Access instead of the device identity",
                          dsreg_join_type_title(c->jt));
  ev(f, &c->t->device_state.azure_ad_joined);
  ev(f, wpj);
  for (size_t i = 0; i < c->t->work_account_count; i++)
    ev(f, &c->t->work_accounts[i].workplace_tenant_id);
}

static void check_domain_registered(ctx *c) {
  const dsreg_value *wpj = &c->t->user_state.workplace_joined;
  if (c->jt != DSREG_JOIN_DOMAIN || !yes(wpj))
    return;
  dsreg_finding *f =
      emit(c, "the device is domain joined and a work account is "
              "registered on it (WorkplaceJoined YES): once the "
              "device completes a hybrid join it will be in dual "
              "state");
  ev(f, &c->t->device_state.domain_joined);
  ev(f, wpj);
}

static void check_virtual_desktop(ctx *c) {
  const dsreg_value *v = &c->t->device_state.virtual_desktop;
  if (v->state != DSREG_VALUE_OK || v->flag != DSREG_FLAG_INVALID)
    return;
  ev(emit(c, "Virtual Desktop is INVALID: the VDI metadata on this device "
             "is wrong, so Entra cannot tell how to treat it"),
     v);
}

/* ---- pre-join diagnostics (hybrid join) ---------------------------------- */

/* 0x801c03f2 DirectoryError means "wait for sync" only when the message is
 * about the device object; the same code also carries "AADSTS90002: Tenant
 * ... not found" (a wrong tenant in the SCP), which is a real failure. */
static bool sync_pending(const ctx *c) {
  const dsreg_diagnostic_data *d = &c->t->diagnostic_data;
  const char *msg = txt(&d->server_message);
  return d->client_error_code.state == DSREG_VALUE_OK &&
         d->client_error_code.code == 0x801c03f2u &&
         eq_nocase(txt(&d->server_error_code), "DirectoryError") &&
         strstr(msg, "device object") &&
         (strstr(msg, "not found") || strstr(msg, "isn't found"));
}

static bool any_test_failed(const dsreg_diagnostic_data *d) {
  const dsreg_value *tests[] = {
      &d->ad_connectivity_test, &d->ad_configuration_test,
      &d->drs_discovery_test,   &d->drs_connectivity_test,
      &d->kerberos_ticket_test, &d->token_acquisition_test};
  for (size_t i = 0; i < sizeof tests / sizeof tests[0]; i++)
    if (tests[i]->state == DSREG_VALUE_OK && tests[i]->test == DSREG_TEST_FAIL)
      return true;
  return false;
}

/* The pre-join block is printed only on domain-joined devices that are not
 * hybrid joined (D1, R20): a fragment holding just that block says as much
 * about the join state as its Device State would. */
static bool prejoin(const ctx *c) {
  const dsreg_diagnostic_data *d = &c->t->diagnostic_data;
  if (c->jt == DSREG_JOIN_DOMAIN)
    return true;
  return c->jt == DSREG_JOIN_UNKNOWN &&
         !dsreg_capture_section(c->cap, DSREG_SECTION_DEVICE_STATE) &&
         (d->error_phase.field || d->ad_connectivity_test.field ||
          d->client_error_code.field);
}

static void check_hybrid_join_failed(ctx *c) {
  const dsreg_diagnostic_data *d = &c->t->diagnostic_data;
  char code[300], when[40] = "";
  if (!prejoin(c) || sync_pending(c))
    return;
  bool phase = dsreg_value_present(&d->error_phase);
  bool err = d->client_error_code.state == DSREG_VALUE_OK &&
             d->client_error_code.code != 0;
  if (!phase && !err && !any_test_failed(d))
    return;
  dsreg_code_context pref = DSREG_CODE_ANY;
  if (eq_nocase(txt(&d->error_phase), "discover"))
    pref = DSREG_CODE_DISCOVER;
  else if (eq_nocase(txt(&d->error_phase), "auth"))
    pref = DSREG_CODE_AUTH;
  else if (eq_nocase(txt(&d->error_phase), "join"))
    pref = DSREG_CODE_JOIN;
  if (err)
    explain(d->client_error_code.code, pref, code, sizeof code);
  if (d->previous_registration.state == DSREG_VALUE_OK) {
    char m[24];
    dsreg_fit(when, sizeof when, " (%s)",
              minute(d->previous_registration.time_ms, m));
  }
  dsreg_finding *f;
  if (phase || err)
    f = emit(c,
             "the device is domain joined but not Microsoft Entra hybrid "
             "joined: the last attempt%s stopped in the %s phase with %s",
             when, phase ? txt(&d->error_phase) : "unknown",
             err ? code : "no client error code");
  else
    f = emit(c, "the device is domain joined but not Microsoft Entra hybrid "
                "joined, and a pre-join test failed (see the test findings)");
  ev(f, &d->error_phase);
  ev(f, &d->client_error_code);
  ev(f, &d->server_error_code);
  ev(f, &d->server_message);
  ev(f, &d->registration_type);
  const dsreg_code_info *i =
      err ? dsreg_code_lookup_value(d->client_error_code.code, pref) : NULL;
  if (i && i->remedy[0])
    set_remedy(f,
               "%s Then run 'dsregcmd /join' elevated (or restart) and "
               "check again.",
               i->remedy);
}

static void check_sync_pending(ctx *c) {
  if (!prejoin(c) || !sync_pending(c))
    return;
  const dsreg_diagnostic_data *d = &c->t->diagnostic_data;
  dsreg_finding *f = emit(c,
                          "the hybrid join is waiting for Microsoft Entra "
                          "Connect: the DRS does not know this computer yet "
                          "(0x801c03f2 DirectoryError: \"%s\")",
                          txt(&d->server_message));
  ev(f, &d->registration_type);
  ev(f, &d->error_phase);
  ev(f, &d->client_error_code);
  ev(f, &d->server_error_code);
  ev(f, &d->server_message);
}

static void test_failed(ctx *c, const dsreg_value *v, const char *what) {
  char a[400], b[400];
  if (v->state != DSREG_VALUE_OK || v->test != DSREG_TEST_FAIL)
    return;
  dsreg_finding *f;
  if (v->has_code && v->has_sub_code)
    f = emit(c, "%s failed with %s, sub-error %s", what,
             explain(v->code, DSREG_CODE_DISCOVER, a, sizeof a),
             explain(v->sub_code, DSREG_CODE_DISCOVERY_SUB, b, sizeof b));
  else if (v->has_code)
    f = emit(c, "%s failed with %s", what,
             explain(v->code, DSREG_CODE_ANY, a, sizeof a));
  else
    f = emit(c, "%s failed", what);
  ev(f, v);
  ev(f, &c->t->diagnostic_data.user_context);
}

static void check_ad_connectivity(ctx *c) {
  test_failed(c, &c->t->diagnostic_data.ad_connectivity_test,
              "AD Connectivity Test (line of sight to a domain controller)");
}
static void check_ad_configuration(ctx *c) {
  test_failed(c, &c->t->diagnostic_data.ad_configuration_test,
              "AD Configuration Test (reading the SCP object)");
}
static void check_drs_discovery(ctx *c) {
  test_failed(c, &c->t->diagnostic_data.drs_discovery_test,
              "DRS Discovery Test");
}
static void check_drs_connectivity(ctx *c) {
  test_failed(c, &c->t->diagnostic_data.drs_connectivity_test,
              "DRS Connectivity Test");
}
static void check_token_acquisition(ctx *c) {
  test_failed(c, &c->t->diagnostic_data.token_acquisition_test,
              "Token acquisition Test (federated token for the DRS)");
}
static void check_kerberos_ticket(ctx *c) {
  test_failed(c, &c->t->diagnostic_data.kerberos_ticket_test,
              "Kerberos Ticket Test (hybrid join through Entra Kerberos)");
}

static void check_kerberos_join_code(ctx *c) {
  const dsreg_value *v = &c->t->diagnostic_data.client_error_code;
  char a[400];
  if (v->state != DSREG_VALUE_OK)
    return;
  const dsreg_code_info *i =
      dsreg_code_lookup_value(v->code, DSREG_CODE_KERBEROS_JOIN);
  if (!i || i->context != DSREG_CODE_KERBEROS_JOIN)
    return;
  dsreg_finding *f =
      emit(c, "the hybrid join through Microsoft Entra Kerberos failed with %s",
           explain(v->code, DSREG_CODE_KERBEROS_JOIN, a, sizeof a));
  ev(f, v);
  if (i->remedy[0])
    set_remedy(f, "%s", i->remedy);
}

static void check_fallback_disabled(ctx *c) {
  const dsreg_value *v = &c->t->diagnostic_data.fallback_to_sync_join;
  if (!eq_nocase(txt(v), "DISABLED"))
    return;
  ev(emit(c, "Fallback to Sync-Join is DISABLED: when the federated join "
             "fails, the device will not fall back to a join through Entra "
             "Connect sync"),
     v);
}

/* ---- device health --------------------------------------------------------
 */

static void check_device_auth(ctx *c) {
  const dsreg_value *v = &c->t->device_details.device_auth_status;
  const char *s = txt(v);
  if (!dsreg_value_present(v) || eq_nocase(s, "SUCCESS"))
    return;
  dsreg_finding *f;
  if (strstr(s, "disabled") || strstr(s, "deleted")) {
    f = emit(c,
             "DeviceAuthStatus is \"%s\": Microsoft Entra ID does not "
             "accept this device, which is disabled or deleted there, so "
             "no PRT, SSO or device-based Conditional Access works",
             s);
    if (c->jt == DSREG_JOIN_HYBRID)
      set_remedy(f, "If the device was disabled, enable it in Active "
                    "Directory (the next Entra Connect sync re-enables it). "
                    "If it was deleted, run 'dsregcmd /leave' elevated and "
                    "restart: the Automatic-Device-Join task registers it "
                    "again once it is synced. If the portal shows it Pending, "
                    "do the same.");
    else if (c->jt == DSREG_JOIN_ENTRA)
      set_remedy(f, "If the device was disabled, an administrator enables it "
                    "in the Microsoft Entra admin center. If it was deleted, "
                    "run 'dsregcmd /forcerecovery' elevated, sign in when "
                    "asked, then sign out and in again.");
  } else if (strstr(s, "ERROR") || strstr(s, "Error")) {
    f = emit(c,
             "DeviceAuthStatus is \"%s\": the device health check could "
             "not reach Microsoft Entra ID, so the device state is "
             "unverified",
             s);
    set_remedy(f, "Check that the device reaches "
                  "https://enterpriseregistration.windows.net and "
                  "https://login.microsoftonline.com in the SYSTEM context "
                  "(proxy, firewall), then run 'dsregcmd /status' again.");
  } else {
    f = emit(c, "DeviceAuthStatus is \"%s\" instead of SUCCESS", s);
  }
  ev(f, v);
  ev(f, &c->t->device_details.device_id);
}

/* which: 0 expired, 1 expiring, 2 not yet valid, 3 a reversed range. */
static void cert_rules(ctx *c, int which) {
  char a[16], b[16];
  const int64_t warn = (int64_t)c->opt->warn_days * DAY_MS;
  if (!c->have_ref && which != 3)
    return;
  for (size_t i = 0; i <= c->t->work_account_count; i++) {
    const dsreg_value *v;
    const char *whose;
    char label[96];
    if (i == 0) {
      v = &c->t->device_details.device_certificate_validity;
      whose = "device certificate";
    } else {
      const dsreg_work_account *w = &c->t->work_accounts[i - 1];
      v = &w->device_certificate_validity;
      dsreg_fit(label, sizeof label, "certificate of %s",
                c->cap->sections[w->section].title);
      whose = label;
    }
    if (v->state != DSREG_VALUE_OK)
      continue;
    int64_t end = v->end_ms, start = v->time_ms;
    dsreg_finding *f = NULL;
    char span[32];
    /* A range that ends before it starts says nothing about the dates: it
     * would be both expired and not yet valid. */
    if (start > end) {
      if (which == 3)
        f = emit(c,
                 "the validity of the %s is reversed: it starts on %s, "
                 "after it ends on %s, so neither date can be trusted",
                 whose, day(start, a), day(end, b));
    } else if (which == 0 && end < c->ref)
      f = emit(c, "%s expired on %s, %s before %s (%s)", whose, day(end, a),
               days(sub_ms(c->ref, end), span, sizeof span), reference_words(c),
               day(c->ref, b));
    else if (which == 1 && end >= c->ref && sub_ms(end, c->ref) <= warn)
      f = emit(c, "%s expires on %s, in %s (%s is %s)", whose, day(end, a),
               days(sub_ms(end, c->ref), span, sizeof span), reference_words(c),
               day(c->ref, b));
    else if (which == 2 && start > c->ref)
      f = emit(c,
               "%s is valid only from %s, after %s (%s): the device clock "
               "or the capture time is wrong",
               whose, day(start, a), reference_words(c), day(c->ref, b));
    ev(f, v);
  }
}

static void check_cert_expired(ctx *c) { cert_rules(c, 0); }
static void check_cert_expiring(ctx *c) { cert_rules(c, 1); }
static void check_cert_not_yet_valid(ctx *c) { cert_rules(c, 2); }
static void check_cert_validity_invalid(ctx *c) { cert_rules(c, 3); }

static void check_key_sign(ctx *c) {
  const dsreg_value *v = &c->t->diagnostic_data.key_sign_test;
  const char *s = txt(v);
  if (!dsreg_value_present(v) || starts_nocase(s, "PASSED") ||
      strstr(s, "elevated"))
    return;
  ev(emit(c,
          "KeySignTest reports \"%s\": the device keys cannot sign, so "
          "the device cannot prove its identity",
          s),
     v);
}

static void check_recovery(ctx *c) {
  const dsreg_value *v = &c->t->diagnostic_data.aad_recovery_enabled;
  if (!yes(v))
    return;
  ev(emit(c, "AadRecoveryEnabled is YES: the device keys are unusable and "
             "the device is marked for recovery"),
     v);
}

static void check_tpm(ctx *c) {
  const dsreg_value *v = &c->t->device_details.tpm_protected;
  if (!no(v))
    return;
  dsreg_finding *f = emit(c,
                          "the device key is not protected by a TPM "
                          "(TpmProtected NO, provider \"%s\"): it can be "
                          "copied off the device",
                          txt(&c->t->device_details.key_provider));
  ev(f, v);
  ev(f, &c->t->device_details.key_provider);
}

static void check_key_provider(ctx *c) {
  const dsreg_value *v = &c->t->device_details.key_provider;
  const char *s = txt(v);
  if (!dsreg_value_present(v) ||
      eq_nocase(s, "Microsoft Platform Crypto Provider") ||
      eq_nocase(s, "Microsoft Software Key Storage Provider"))
    return;
  ev(emit(c,
          "KeyProvider is \"%s\", neither the TPM (Microsoft Platform "
          "Crypto Provider) nor the software provider",
          s),
     v);
}

/* ---- tenant and MDM ---------------------------------------------------- */

static void check_mdm_missing(ctx *c) {
  const dsreg_tenant_details *t = &c->t->tenant_details;
  if (!joined(c) || t->mdm_url.state != DSREG_VALUE_EMPTY)
    return;
  dsreg_finding *f = emit(c,
                          "the device is %s but MdmUrl is empty: MDM "
                          "auto-enrollment (Intune) is not configured for "
                          "this tenant or the user is not in its scope",
                          dsreg_join_type_title(c->jt));
  ev(f, &t->mdm_url);
  ev(f, &t->mdm_tou_url);
  ev(f, &t->mdm_compliance_url);
}

static void check_compliance_missing(ctx *c) {
  const dsreg_tenant_details *t = &c->t->tenant_details;
  if (!joined(c) || !dsreg_value_present(&t->mdm_url) ||
      t->mdm_compliance_url.state != DSREG_VALUE_EMPTY)
    return;
  dsreg_finding *f = emit(c,
                          "MdmUrl is set (%s) but MdmComplianceUrl is "
                          "empty",
                          txt(&t->mdm_url));
  ev(f, &t->mdm_url);
  ev(f, &t->mdm_compliance_url);
}

/* ---- PRT and SSO -------------------------------------------------------- */

static void check_prt_missing(ctx *c) {
  const dsreg_value *v = &c->t->sso_state.azure_ad_prt;
  if (!joined(c) || !user_context(c) || !no(v))
    return;
  dsreg_finding *f = emit(c,
                          "the device is %s but the signed-in user has no "
                          "Microsoft Entra PRT (AzureAdPrt NO): single "
                          "sign-on and device-based Conditional Access fail",
                          dsreg_join_type_title(c->jt));
  ev(f, v);
  ev(f, &c->t->diagnostic_data.executing_account_name);
}

static void check_prt_stale(ctx *c) {
  const dsreg_value *v = &c->t->sso_state.azure_ad_prt_update_time;
  char a[24];
  if (!c->prt_clock || v->state != DSREG_VALUE_OK ||
      !yes(&c->t->sso_state.azure_ad_prt))
    return;
  int64_t age = sub_ms(c->ref, v->time_ms);
  if (age <= (int64_t)c->opt->prt_stale_hours * HOUR_MS)
    return;
  const dsreg_value *exp = &c->t->sso_state.azure_ad_prt_expiry_time;
  if (exp->state == DSREG_VALUE_OK && exp->time_ms < c->ref)
    return; /* prt-expired says it louder */
  ev(emit(c,
          "the PRT was last updated %s, %lld hours before %s: it should "
          "renew every %d hours",
          minute(v->time_ms, a), (long long)(age / HOUR_MS), reference_words(c),
          c->opt->prt_stale_hours),
     v);
}

static void check_prt_expired(ctx *c) {
  const dsreg_value *v = &c->t->sso_state.azure_ad_prt_expiry_time;
  char a[24];
  if (!c->prt_clock || v->state != DSREG_VALUE_OK ||
      !yes(&c->t->sso_state.azure_ad_prt) || v->time_ms >= c->ref)
    return;
  dsreg_finding *f = emit(
      c, "the PRT expired %s, %lld days before %s", minute(v->time_ms, a),
      (long long)(sub_ms(c->ref, v->time_ms) / DAY_MS), reference_words(c));
  ev(f, v);
  ev(f, &c->t->sso_state.azure_ad_prt_update_time);
}

static void prt_diag(ctx *c, const dsreg_prt_diag *d, const char *which) {
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
              minute(d->previous_attempt.time_ms, m));
  }
  dsreg_finding *f =
      emit(c, "the last attempt to %s the %s PRT%s%s%s failed with %s%s%s", op,
           which, dsreg_value_present(&d->user_identity) ? " for " : "",
           txt(&d->user_identity), when,
           d->attempt_status.state == DSREG_VALUE_OK
               ? explain(d->attempt_status.code, DSREG_CODE_PRT, a, sizeof a)
               : "an unknown status",
           http, server);
  ev(f, &d->previous_attempt);
  ev(f, &d->attempt_status);
  ev(f, &d->user_identity);
  ev(f, &d->http_status);
  ev(f, &d->server_error_code);
  ev(f, &d->server_error_description);
  /* The most specific remedy: the server message, then the status code. */
  const dsreg_code_info *i =
      dsreg_code_lookup(desc, strlen(desc), DSREG_CODE_SERVER);
  if (!i || !i->remedy[0])
    i = d->attempt_status.state == DSREG_VALUE_OK
            ? dsreg_code_lookup_value(d->attempt_status.code, DSREG_CODE_PRT)
            : NULL;
  if (i && i->remedy[0])
    set_remedy(f,
               "%s Then lock and unlock the session (or sign out and in) "
               "and run 'dsregcmd /status' again.",
               i->remedy);
}

static void check_prt_acquire_failed(ctx *c) {
  prt_diag(c, &c->t->sso_state.azure_prt_diag, "Microsoft Entra");
}

static void check_enterprise_prt_failed(ctx *c) {
  prt_diag(c, &c->t->sso_state.enterprise_prt_diag, "enterprise (AD FS)");
}

/* AD FS is in use when the capture names an AD FS authority, or Windows
 * Hello certificate trust enrolls through AD FS. */
static bool adfs_in_use(const ctx *c) {
  const char *auth = txt(&c->t->sso_state.enterprise_prt_authority);
  return (auth[0] && !eq_nocase(auth, "NO")) ||
         eq_nocase(txt(&c->t->ngc.cert_enrollment), "enrollment authority") ||
         c->t->sso_state.enterprise_prt_diag.attempt_status.state !=
             DSREG_VALUE_ABSENT;
}

static void check_enterprise_prt_missing(ctx *c) {
  const dsreg_value *v = &c->t->sso_state.enterprise_prt;
  if ((c->jt != DSREG_JOIN_HYBRID && c->jt != DSREG_JOIN_DRS) ||
      !user_context(c) || !no(v) || !adfs_in_use(c))
    return;
  dsreg_finding *f =
      emit(c,
           "the user has no enterprise PRT from AD FS "
           "(EnterprisePrt NO) although AD FS is in use%s%s",
           dsreg_value_present(&c->t->sso_state.enterprise_prt_authority) ? ": "
                                                                          : "",
           txt(&c->t->sso_state.enterprise_prt_authority));
  ev(f, v);
  ev(f, &c->t->sso_state.enterprise_prt_authority);
  ev(f, &c->t->ngc.adfs_refresh_token);
}

/* dsregcmd was run elevated: KeySignTest ran (it needs elevation, D1), or
 * the pre-join diagnostics say so. */
static bool elevated(const ctx *c) {
  const dsreg_value *k = &c->t->diagnostic_data.key_sign_test;
  const char *uc = txt(&c->t->diagnostic_data.user_context);
  return (dsreg_value_present(k) && !strstr(txt(k), "elevated")) ||
         eq_nocase(uc, "ELEVATED User");
}

static void check_wam(ctx *c) {
  const dsreg_value *v = &c->t->user_state.wam_default_set;
  if (!joined(c) || !user_context(c) || v->state != DSREG_VALUE_OK ||
      (v->flag != DSREG_FLAG_NO && v->flag != DSREG_FLAG_ERROR))
    return;
  /* An elevated run can show ERROR by itself (D1, I2): not evidence. */
  if (v->flag == DSREG_FLAG_ERROR && elevated(c))
    return;
  ev(emit(c,
          "WamDefaultSet is %s: the user has no default WAM account, so "
          "apps that sign in through WAM prompt or fail",
          txt(v)),
     v);
}

static void check_network_error(ctx *c) {
  const dsreg_prt_diag *diags[] = {&c->t->sso_state.azure_prt_diag,
                                   &c->t->sso_state.enterprise_prt_diag};
  char a[400];
  for (size_t i = 0; i < 2; i++) {
    const dsreg_value *v = &diags[i]->http_error;
    if (v->state != DSREG_VALUE_OK || v->code == 0)
      continue;
    ev(emit(c,
            "the last PRT request to %s failed on the network: HTTP "
            "Error %s",
            txt(&diags[i]->endpoint_uri),
            explain(v->code, DSREG_CODE_NETWORK, a, sizeof a)),
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
    if (n >= m && eq_nocase(at + n - m, bad[i]))
      return true;
  }
  return false;
}

static void check_upn(ctx *c) {
  const dsreg_value *v = &c->t->sso_state.azure_prt_diag.user_identity;
  if (!upn_not_routable(txt(v)))
    return;
  ev(emit(c,
          "the PRT was requested for %s, whose UPN suffix cannot be a "
          "verified domain in Microsoft Entra ID",
          txt(v)),
     v);
}

static void check_builtin_admin(ctx *c) {
  const dsreg_value *cands[] = {&c->t->sso_state.azure_prt_diag.user_identity,
                                &c->t->diagnostic_data.executing_account_name};
  for (size_t i = 0; i < 2; i++) {
    const char *s = txt(cands[i]);
    const char *bs = strchr(s, '\\');
    const char *name = bs ? bs + 1 : s;
    if (starts_nocase(s, "AzureAD\\"))
      continue; /* an Entra account, whatever its name */
    if (starts_nocase(name, "Administrator@") ||
        starts_nocase(name, "Administrator,") ||
        eq_nocase(name, "Administrator")) {
      ev(emit(c,
              "%s is the built-in Administrator account, which cannot "
              "get a Microsoft Entra PRT",
              txt(cands[i])),
         cands[i]);
      return;
    }
  }
}

static void check_cloud_tgt(ctx *c) {
  const dsreg_value *v = &c->t->sso_state.cloud_tgt;
  if (!joined(c) || !user_context(c) || !no(v) ||
      !yes(&c->t->sso_state.azure_ad_prt))
    return;
  ev(emit(c, "the user has a PRT but no Cloud Kerberos TGT (CloudTgt NO): "
             "Kerberos to Microsoft Entra Kerberos resources (Azure Files, "
             "Windows Hello cloud Kerberos trust) will not work"),
     v);
}

/* ---- Windows Hello for Business ------------------------------------------ */

static void check_whfb(ctx *c) {
  const dsreg_ngc *n = &c->t->ngc;
  char list[300] = "";
  /* Without the policy, not provisioning is what the admin asked for. */
  if (!eq_nocase(txt(&n->pre_req_result), "WillNotProvision") ||
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
  dsreg_finding *f = emit(c, "%s", "");
  if (!f)
    return;
  for (size_t i = 0; i < sizeof pre / sizeof pre[0]; i++) {
    if (!no(pre[i].v))
      continue;
    size_t len = strlen(list);
    dsreg_fit(list + len, sizeof list - len, "%s%s", len ? ", " : "",
              pre[i].why);
    ev(f, pre[i].v);
  }
  dsreg_fit(f->message, sizeof f->message,
            "Windows Hello for Business will not provision for this user%s%s",
            list[0] ? "; prerequisites that read NO: " : "", list);
  ev(f, &n->pre_req_result);
}

static void check_whfb_cert_trust(ctx *c) {
  const dsreg_ngc *n = &c->t->ngc;
  if (!eq_nocase(txt(&n->cert_enrollment), "enrollment authority") ||
      !yes(&n->policy_enabled))
    return;
  const char *tmpl = txt(&n->logon_cert_template_ready);
  bool tmpl_bad = dsreg_value_present(&n->logon_cert_template_ready) &&
                  !starts_nocase(tmpl, "YES");
  if (!no(&n->adfs_refresh_token) && !no(&n->adfs_ra_is_ready) && !tmpl_bad)
    return;
  dsreg_finding *f =
      emit(c,
           "Windows Hello for Business certificate trust is "
           "not ready: AdfsRefreshToken %s, AdfsRaIsReady %s, "
           "LogonCertTemplateReady %s",
           txt(&n->adfs_refresh_token), txt(&n->adfs_ra_is_ready),
           tmpl[0] ? tmpl : "(not printed)");
  ev(f, &n->adfs_refresh_token);
  ev(f, &n->adfs_ra_is_ready);
  ev(f, &n->logon_cert_template_ready);
}

static void check_ngc_prereq_error(ctx *c) {
  const dsreg_value *v = &c->t->ngc.ngc_pre_req;
  if (v->state != DSREG_VALUE_OK || v->flag != DSREG_FLAG_ERROR)
    return;
  ev(emit(c,
          "the Windows Hello prerequisite check itself failed (NgcPreReq "
          "%s), so its other values read UNKNOWN",
          txt(v)),
     v);
}

/* ---- the capture itself -------------------------------------------------- */

static void check_as_system(ctx *c) {
  const dsreg_value *v = &c->t->diagnostic_data.executing_account_name;
  if (c->account == ACCOUNT_SYSTEM)
    ev(emit(c,
            "the capture was taken as SYSTEM or the computer account "
            "(%s): User State and SSO State do not describe a user, so "
            "user checks (PRT, WAM) were skipped",
            txt(v)),
       v);
}

static void check_as_local(ctx *c) {
  const dsreg_value *v = &c->t->diagnostic_data.executing_account_name;
  if (c->account == ACCOUNT_LOCAL && joined(c))
    ev(emit(c,
            "the capture was taken by the local account %s, which cannot "
            "hold a Microsoft Entra PRT: user checks (PRT, WAM) were "
            "skipped",
            txt(v)),
       v);
}

static void check_incomplete(ctx *c) {
  const dsreg_capture *cap = c->cap;
  char missing[200] = "";
  bool old_layout = false;
  /* Before 1809 the PRT fields lived in User State and there was no SSO
   * State; so did the tenant fields in Device State. */
  if (c->t->tenant_details.tenant_id.field &&
      cap->sections[c->t->tenant_details.tenant_id.field->section].kind ==
          DSREG_SECTION_DEVICE_STATE)
    old_layout = true;
  if (c->t->sso_state.azure_ad_prt.field &&
      cap->sections[c->t->sso_state.azure_ad_prt.field->section].kind ==
          DSREG_SECTION_USER_STATE)
    old_layout = true;
  const struct {
    dsreg_section_kind kind;
    bool needed;
  } need[] = {{DSREG_SECTION_DEVICE_STATE, true},
              {DSREG_SECTION_USER_STATE, true},
              {DSREG_SECTION_SSO_STATE, !old_layout}};
  for (size_t i = 0; i < sizeof need / sizeof need[0]; i++) {
    if (!need[i].needed || dsreg_capture_section(cap, need[i].kind))
      continue;
    size_t len = strlen(missing);
    dsreg_fit(missing + len, sizeof missing - len, "%s%s", len ? ", " : "",
              dsreg_section_kind_title(need[i].kind));
  }
  const dsreg_section *last =
      cap->section_count ? &cap->sections[cap->section_count - 1] : NULL;
  bool cut = !cap->has_footer && last && last->field_count == 0;
  if (!missing[0] && !cut && !cap->dropped_lines)
    return;
  char extra[200] = "";
  if (cut)
    dsreg_fit(extra, sizeof extra, "%sit ends in an empty %s section",
              missing[0] ? "; " : "", last->title);
  if (cap->dropped_lines)
    dsreg_fit(extra + strlen(extra), sizeof extra - strlen(extra),
              "%s%lu lines past the parser's limits were dropped",
              missing[0] || cut ? "; " : "", cap->dropped_lines);
  emit(c, "the capture is incomplete: %s%s%s", missing[0] ? "it lacks " : "",
       missing, extra);
}

/* ---- the table ----------------------------------------------------------- */

typedef struct rule_row {
  dsreg_rule rule;
  check_fn check;
} rule_row;

#define ERR DSREG_SEVERITY_ERROR
#define WARN DSREG_SEVERITY_WARNING
#define INFO DSREG_SEVERITY_INFO

static const rule_row RULES[] = {
    /* join state */
    {{"not-joined", WARN, "Device is not joined or registered",
      "no device join of any kind and no registered work account",
      "If this device should be managed, join it: Settings > Accounts > "
      "Access work or school > Connect (Join this device to Microsoft Entra "
      "ID), Windows Autopilot, or a domain join followed by hybrid join.",
      D1, "D1 (device state truth table), R1"},
     check_not_joined},
    {{"join-state-contradictory", ERR, "Join flags contradict each other",
      "AzureAdJoined and EnterpriseJoined both YES, or EnterpriseJoined YES "
      "without DomainJoined",
      "Capture 'dsregcmd /status' again straight to a file. If the flags "
      "persist, leave and re-join: 'dsregcmd /leave' elevated, restart, and "
      "join again.",
      D1, "D1, R5"},
     check_contradictory},
    {{"dual-state", WARN, "Joined device also has a registered work account",
      "Entra or hybrid joined and WorkplaceJoined YES",
      "Remove the registered account (Settings > Accounts > Access work or "
      "school > Disconnect) and block new ones with the policy "
      "BlockAADWorkplaceJoin=1 (HKLM\\SOFTWARE\\Policies\\Microsoft\\"
      "Windows\\WorkplaceJoin). Windows 10 1803 and later clean this up "
      "themselves after the hybrid join (KB4489894).",
      D2, "D2 (WorkplaceJoined on hybrid devices), D5b, DT, R4"},
     check_dual_state},
    {{"domain-joined-registered", INFO,
      "Domain-joined device has a registered work account",
      "domain joined only and WorkplaceJoined YES",
      "If the device is meant to become hybrid joined, remove the registered "
      "account and set BlockAADWorkplaceJoin=1 to avoid dual state.",
      D2, "D2, DT, R4"},
     check_domain_registered},
    {{"virtual-desktop-invalid", WARN, "VDI metadata is invalid",
      "Virtual Desktop INVALID",
      "Correct the VDI metadata the provider writes (provider, persistent "
      "or non-persistent, user mode), then run 'dsregcmd /status' again.",
      D1, "D1 (Virtual Desktop)"},
     check_virtual_desktop},
    /* hybrid join */
    {{"hybrid-join-failed", ERR, "Hybrid join failed",
      "domain joined, not Entra joined, and the pre-join diagnostics show an "
      "error phase, a client error code or a failed test (not sync pending)",
      "Look up the error phase and code in the troubleshooting guide, fix "
      "the cause, then run 'dsregcmd /join' elevated or restart.",
      D2, "D2 (error phase and client error code), D1, R20-R27"},
     check_hybrid_join_failed},
    {{"hybrid-join-pending-sync", WARN, "Hybrid join waits for Entra Connect",
      "0x801c03f2 DirectoryError: the device object is not found",
      "Wait for the next Microsoft Entra Connect sync (up to 30 minutes), or "
      "check that the computer's OU is in sync scope and that its "
      "userCertificate attribute is populated; then restart or run "
      "'dsregcmd /join' elevated.",
      D2, "D1, D2, R28"},
     check_sync_pending},
    {{"ad-connectivity-failed", ERR, "No line of sight to a domain controller",
      "AD Connectivity Test FAIL",
      "Connect the device to the corporate network (or VPN) so it reaches a "
      "domain controller, then run 'dsregcmd /status' again.",
      D1, "D1, D2, R21"},
     check_ad_connectivity},
    {{"ad-configuration-failed", ERR, "Service connection point missing",
      "AD Configuration Test FAIL",
      "Configure the service connection point (SCP) in the forest with "
      "Microsoft Entra Connect, or the client-side SCP registry keys for a "
      "targeted rollout.",
      D2, "D1, D2, R22"},
     check_ad_configuration},
    {{"drs-discovery-failed", ERR, "Device registration discovery failed",
      "DRS Discovery Test FAIL",
      "Make sure https://enterpriseregistration.windows.net is reachable in "
      "the SYSTEM context (proxy, firewall, TLS inspection) and that the SCP "
      "names the right tenant.",
      D2, "D1, D2, R23"},
     check_drs_discovery},
    {{"drs-connectivity-failed", ERR, "Device registration service unreachable",
      "DRS Connectivity Test FAIL",
      "Allow the device (as SYSTEM, through the proxy) to reach "
      "https://enterpriseregistration.windows.net.",
      D1, "D1, R24"},
     check_drs_connectivity},
    {{"token-acquisition-failed", ERR, "Federated token for the join failed",
      "Token acquisition Test FAIL",
      "Check that the federation server answers WS-Trust "
      "(windowstransport, mex) for the computer account, or let the device "
      "fall back to a sync join.",
      D1, "D1, D2, R25"},
     check_token_acquisition},
    {{"kerberos-ticket-test-failed", WARN, "Entra Kerberos ticket test failed",
      "Kerberos Ticket Test FAIL (undocumented test of the Entra Kerberos "
      "join path)",
      "Check the Microsoft Entra Kerberos hybrid join prerequisites: Windows "
      "Server 2025 domain controllers reachable, EnableKerbHaadj run.",
      D6, "D6 [inferred: the test is not documented]"},
     check_kerberos_ticket},
    {{"entra-kerberos-join-failed", ERR,
      "Hybrid join through Entra Kerberos failed",
      "Client ErrorCode is one of the Entra Kerberos join codes",
      "Follow the remedy for the code in the Entra Kerberos hybrid join "
      "guide.",
      D6, "D6 (troubleshooting table)"},
     check_kerberos_join_code},
    {{"sync-join-fallback-disabled", WARN, "Fallback to sync join disabled",
      "Fallback to Sync-Join DISABLED",
      "Unless this is intended, remove the FallbackToSyncJoin=0 value under "
      "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\CDJ so the "
      "device can join through Entra Connect sync.",
      D1, "D1 (Fallback to Sync-Join), DT, R26"},
     check_fallback_disabled},
    /* device health */
    {{"device-auth-failed", ERR, "Device authentication failed",
      "DeviceAuthStatus is not SUCCESS",
      "Check the device object in the Microsoft Entra admin center: enable "
      "it if disabled, re-register it if deleted.",
      D1, "D1 (DeviceAuthStatus), D4, D7, R7-R9"},
     check_device_auth},
    {{"cert-expired", ERR, "Device certificate expired",
      "the end of DeviceCertificateValidity (device or work account) is "
      "before the reference time",
      "Re-register the device: hybrid joined, 'dsregcmd /leave' elevated "
      "and restart; Entra joined, 'dsregcmd /forcerecovery'; registered, "
      "disconnect and reconnect the work account.",
      D4, "D4 (certificate lifetime), DT [inferred from the validity range]"},
     check_cert_expired},
    {{"cert-expiring", WARN, "Device certificate expires soon",
      "DeviceCertificateValidity ends within --warn-days (30) of the "
      "reference time",
      "Plan to re-register the device before the certificate expires.", D4,
      "D4, DT [inferred]"},
     check_cert_expiring},
    {{"cert-not-yet-valid", WARN, "Device certificate not yet valid",
      "DeviceCertificateValidity starts after the reference time",
      "Check the device clock (w32tm /query /status) and the capture time; a "
      "wrong clock breaks TLS and token requests too.",
      D4, "D4 [inferred: clock skew]"},
     check_cert_not_yet_valid},
    {{"cert-validity-invalid", WARN, "Device certificate validity reversed",
      "DeviceCertificateValidity (device or work account) starts after it "
      "ends",
      "Capture 'dsregcmd /status' again straight to a file; if the range is "
      "still reversed, the certificate is corrupt: re-register the device as "
      "for an expired certificate.",
      D4, "D4 (certificate lifetime) [inferred: a damaged range]"},
     check_cert_validity_invalid},
    {{"key-sign-failed", ERR, "Device keys unhealthy",
      "KeySignTest failed (not the 'MUST Run elevated' text)",
      "Hybrid joined devices recover at the next sign-in; on Entra joined "
      "and registered devices the user is asked to recover. Run 'dsregcmd "
      "/forcerecovery' elevated if it does not happen.",
      D1, "D1 (KeySignTest), R11"},
     check_key_sign},
    {{"recovery-pending", ERR, "Device marked for recovery",
      "AadRecoveryEnabled YES",
      "Sign in to the device: recovery runs at the next sign-in and "
      "registers the device again.",
      D1, "D1 (AadRecoveryEnabled), R10"},
     check_recovery},
    {{"key-not-tpm-protected", INFO, "Device key not protected by a TPM",
      "TpmProtected NO",
      "Nothing to do unless your policy requires TPM-backed keys: check that "
      "the TPM is enabled and ready (tpm.msc) and re-register to move the "
      "key into it.",
      D2, "D2 (TPM fallback since 1809), CMO, R12"},
     check_tpm},
    {{"key-provider-unexpected", WARN, "Unexpected key storage provider",
      "KeyProvider neither Microsoft Platform Crypto Provider nor Microsoft "
      "Software Key Storage Provider",
      "Find what installed the key provider; re-register the device so its "
      "key is created by a Microsoft provider.",
      D1, "DT (key provider check), R12"},
     check_key_provider},
    /* tenant and MDM */
    {{"mdm-urls-missing", WARN, "MDM enrollment URLs missing",
      "Entra or hybrid joined with an empty MdmUrl",
      "If the device should be managed by Intune, configure MDM user scope "
      "(Microsoft Entra admin center > Mobility (MDM and WIP) > Microsoft "
      "Intune) and make sure the user is in scope.",
      D1, "D1 (Tenant Details), R32"},
     check_mdm_missing},
    {{"mdm-compliance-url-missing", WARN, "MDM compliance URL missing",
      "Entra or hybrid joined, MdmUrl set but MdmComplianceUrl empty",
      "Check the MDM application's compliance URL in Mobility (MDM and WIP).",
      D1, "D1 (Tenant Details), CMO"},
     check_compliance_missing},
    /* PRT and SSO */
    {{"prt-missing", ERR, "No Primary Refresh Token",
      "Entra or hybrid joined, captured in a user's context, AzureAdPrt NO",
      "Lock and unlock the session (or sign out and in) and check again; if "
      "it stays NO, read Attempt Status in SSO State or the AAD Operational "
      "event log (events 1006/1007) for the reason.",
      D3, "D2, D3, R15"},
     check_prt_missing},
    {{"prt-stale", WARN, "PRT not refreshed",
      "AzureAdPrtUpdateTime more than --prt-stale-hours (4) before the "
      "reference time",
      "Lock and unlock the session to force a refresh, then check "
      "AzureAdPrtUpdateTime again; if it does not move, look for network or "
      "proxy errors in the AAD Operational log.",
      D3, "D2, D3, D5 (4-hour renewal), R16"},
     check_prt_stale},
    {{"prt-expired", ERR, "PRT expired",
      "AzureAdPrtExpiryTime before the reference time",
      "Sign out and in again with the user's Entra credentials, then check "
      "AzureAdPrt and its update time.",
      D5, "D5 (PRT lifetime) [inferred], R16"},
     check_prt_expired},
    {{"prt-acquire-failed", ERR, "Getting the PRT failed",
      "acquire or refresh PRT diagnostics for the Entra PRT are present",
      "Fix the cause the server error names, then lock and unlock the "
      "session and check again.",
      D3, "D1 (PRT diagnostics), D2, D3"},
     check_prt_acquire_failed},
    {{"enterprise-prt-acquire-failed", WARN, "Getting the AD FS PRT failed",
      "acquire or refresh diagnostics follow EnterprisePrt",
      "Check the AD FS server's event log for the error and that the device "
      "is registered with a transport key; then sign out and in.",
      D1, "D1 (PRT diagnostics)"},
     check_enterprise_prt_failed},
    {{"enterprise-prt-missing", WARN, "No enterprise PRT from AD FS",
      "hybrid or DRS joined, AD FS in use (authority or certificate trust "
      "evidence), EnterprisePrt NO",
      "Check that AD FS is reachable from the device and that device "
      "authentication is enabled on AD FS; Windows Hello certificate trust "
      "needs this token (AdfsRefreshToken).",
      D1, "D1 (EnterprisePrt, AdfsRefreshToken), DT, R17"},
     check_enterprise_prt_missing},
    {{"wam-default-missing", WARN, "No default WAM account",
      "Entra or hybrid joined, user context, WamDefaultSet NO, or ERROR in a "
      "capture that was not run elevated",
      "Sign out and in with the Entra account; make sure the user signs in "
      "with the work account, not a local or Microsoft account.",
      D1, "D1 (WamDefaultSet), MWC, CMO"},
     check_wam},
    {{"network-error", WARN, "Network error on a PRT request",
      "HTTP Error of the PRT diagnostics is not 0x0",
      "Check the proxy and firewall for the endpoint named, in the user's "
      "and SYSTEM contexts.",
      D3, "D3 (HTTP Error), format reference §8.5"},
     check_network_error},
    {{"upn-not-routable", WARN, "UPN suffix cannot be verified",
      "the PRT User Identity has a non-routable suffix (.local, .lan...)",
      "Give the user a UPN in a verified domain (add a UPN suffix in AD and "
      "change the user's UPN), or use Alternate Login ID.",
      D3, "D3 (0xc000005f, realm discovery)"},
     check_upn},
    {{"builtin-administrator", WARN, "Built-in Administrator in use",
      "User Identity or Executing Account Name is the built-in Administrator",
      "Sign in with a normal synced user account: the built-in "
      "Administrator cannot get a PRT.",
      D3, "DT (built-in admin check), CMO"},
     check_builtin_admin},
    {{"cloud-tgt-missing", INFO, "No Cloud Kerberos TGT",
      "Entra or hybrid joined, PRT present, CloudTgt NO",
      "Only matters if you use Microsoft Entra Kerberos (Azure Files, cloud "
      "Kerberos trust); then check that it is enabled for the tenant.",
      D1, "D1 (CloudTgt), I1"},
     check_cloud_tgt},
    /* Windows Hello */
    {{"whfb-will-not-provision", INFO, "Windows Hello will not provision",
      "PreReqResult WillNotProvision while PolicyEnabled is not NO",
      "Fix the prerequisites listed, then sign out and in: provisioning "
      "starts at the next sign-in.",
      D1, "D1 (Ngc Prerequisite Check), R31"},
     check_whfb},
    {{"whfb-cert-trust-not-ready", WARN,
      "Windows Hello certificate trust not ready",
      "PolicyEnabled YES, CertEnrollment enrollment authority, and "
      "AdfsRefreshToken, AdfsRaIsReady or LogonCertTemplateReady not ready",
      "Check the enterprise PRT (AdfsRefreshToken), the AD FS registration "
      "authority and the Windows Hello logon certificate template.",
      D1, "D1 (Ngc Prerequisite Check), CMO"},
     check_whfb_cert_trust},
    {{"ngc-prereq-check-error", INFO, "Windows Hello check could not run",
      "NgcPreReq ERROR (0x...)",
      "Run 'dsregcmd /status' again as the signed-in user (not elevated).", D1,
      "corpus capture 06 [undocumented]"},
     check_ngc_prereq_error},
    /* the capture */
    {{"capture-as-system", INFO, "Captured as SYSTEM",
      "Executing Account Name is a computer account or SYSTEM",
      "To judge the user's PRT and WAM state, run 'dsregcmd /status' as the "
      "signed-in user.",
      D1, "D1 (run context), CMO"},
     check_as_system},
    {{"capture-as-local-account", INFO, "Captured as a local account",
      "joined device, Executing Account Name is a local account",
      "To judge PRT and SSO, run 'dsregcmd /status' as an Entra (or synced "
      "domain) user.",
      D1, "D1 (Executing Account Name) [inferred]"},
     check_as_local},
    {{"capture-incomplete", WARN, "Capture incomplete",
      "Device State, User State or SSO State missing, or the capture ends "
      "in an empty section",
      "Save the whole output again: dsregcmd /status > status.txt (cmd) or "
      "dsregcmd /status | Out-File status.txt (PowerShell).",
      D1, "format reference §4"},
     check_incomplete},
};

#define RULE_COUNT (sizeof RULES / sizeof RULES[0])

size_t dsreg_rule_count(void) { return RULE_COUNT; }

const dsreg_rule *dsreg_rule_at(size_t i) {
  return i < RULE_COUNT ? &RULES[i].rule : NULL;
}

const dsreg_rule *dsreg_rule_find(const char *id) {
  for (size_t i = 0; id && i < RULE_COUNT; i++)
    if (strcmp(RULES[i].rule.id, id) == 0)
      return &RULES[i].rule;
  return NULL;
}

void dsreg_rule_options_init(dsreg_rule_options *opt) {
  memset(opt, 0, sizeof *opt);
  opt->now_source = DSREG_TIME_NONE;
  opt->warn_days = 30;
  opt->prt_stale_hours = 4;
}

static account_kind account_of(const dsreg_typed *t) {
  const dsreg_value *v = &t->diagnostic_data.executing_account_name;
  if (!dsreg_value_present(v))
    return ACCOUNT_ABSENT;
  const char *s = txt(v);
  const char *bs = strchr(s, '\\');
  if (!bs)
    return ACCOUNT_UNKNOWN;
  size_t dlen = (size_t)(bs - s);
  const char *name = bs + 1;
  size_t nlen = strcspn(name, ",");
  if (nlen && name[nlen - 1] == '$')
    return ACCOUNT_SYSTEM;
  if (starts_nocase(s, "NT AUTHORITY\\"))
    return ACCOUNT_SYSTEM;
  if (dlen == 7 && starts_nocase(s, "AzureAD\\"))
    return ACCOUNT_ENTRA;
  const char *dom = txt(&t->device_state.domain_name);
  if (dom[0] && strlen(dom) == dlen && starts_nocase(s, dom))
    return ACCOUNT_DOMAIN;
  /* HOST\user: the part before the backslash is the computer name, as
   * NetBIOS has it: cut to 15 characters. */
  const char *host = txt(&t->device_state.device_name);
  size_t hlen = strcspn(host, ".");
  if (hlen > 15)
    hlen = 15;
  if (hlen == dlen && hlen) {
    bool same = true;
    for (size_t i = 0; i < dlen && same; i++) {
      int a = (unsigned char)s[i], b = (unsigned char)host[i];
      same = (a | 32) == (b | 32);
    }
    if (same)
      return ACCOUNT_LOCAL;
  }
  if (!dom[0] && !t->device_state.domain_name.field &&
      !yes(&t->device_state.domain_joined) && dlen && s[0] != '*')
    return ACCOUNT_LOCAL; /* not domain joined, not AzureAD\: local */
  return ACCOUNT_UNKNOWN;
}

dsreg_status dsreg_analyze(const dsreg_capture *cap,
                           const dsreg_rule_options *opt, dsreg_analysis *out) {
  dsreg_rule_options defaults;
  ctx c;
  if (!cap || !out)
    return DSREG_EINVAL;
  if (!opt) {
    dsreg_rule_options_init(&defaults);
    opt = &defaults;
  }
  memset(out, 0, sizeof *out);
  memset(&c, 0, sizeof c);
  c.cap = cap;
  c.t = &cap->typed;
  c.opt = opt;
  c.an = out;
  c.status = DSREG_OK;
  c.jt = out->join_type = dsreg_join_type_of(cap);
  c.account = account_of(c.t);

  const dsreg_value *ct = &c.t->diagnostic_data.client_time;
  if (ct->state == DSREG_VALUE_OK) {
    out->reference_ms = ct->time_ms;
    out->reference_source = DSREG_TIME_CLIENT_TIME;
    c.prt_clock = true;
  } else if (opt->now_source != DSREG_TIME_NONE &&
             dsreg_time_in_range(opt->now_ms)) {
    out->reference_ms = opt->now_ms;
    out->reference_source = opt->now_source;
    c.prt_clock =
        opt->now_source == DSREG_TIME_OPTION || opt->clock_is_capture_time;
  }
  c.have_ref = out->reference_source != DSREG_TIME_NONE;
  c.ref = out->reference_ms;

  for (size_t i = 0; i < RULE_COUNT && c.status == DSREG_OK; i++) {
    if (opt->disabled && opt->disabled[i])
      continue;
    c.rule = &RULES[i].rule;
    RULES[i].check(&c);
  }
  return c.status;
}

void dsreg_analysis_free(dsreg_analysis *an) {
  if (!an)
    return;
  free(an->findings);
  an->findings = NULL;
  an->finding_count = 0;
}
