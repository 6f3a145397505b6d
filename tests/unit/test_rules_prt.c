/*
 * test_rules_prt.c - the PRT, SSO, WAM, Windows Hello and Kerberos rules of
 * issue 11: each new rule fires on a minimal capture and stays silent on the
 * nearest healthy one, and each correction quotes the page it follows.
 *
 * Captures are the healthy synthetic fixtures changed a line at a time
 * (capture_util.h); every check compares the exact set of rule ids.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capture_util.h"
#include "dsreg/rules.h"

#define ENTRA "fixtures/synthetic/entra_joined_healthy.txt"
#define HYBRID "fixtures/synthetic/hybrid_joined_healthy.txt"
#define E_NOW "2025-03-02T08:00:01Z"
#define H_NOW "2025-03-05T09:30:00Z"
#define TENANT "086be9eb-117d-4dc3-a573-ac674ccabb08"

static char *base(const char *rel) { return cu_read_fixture(rel); }

static char *entra_no_prt(void) {
  char *t = base(ENTRA);
  t = cu_set(t, "AzureAdPrt", "NO");
  t = cu_del(t, "AzureAdPrtUpdateTime");
  t = cu_del(t, "AzureAdPrtExpiryTime");
  return cu_set(t, "AzureAdPrtAuthority", "");
}

/* An AcquirePrtDiagnostics block after AzureAdPrtAuthority, for the user who
 * ran the Entra fixture (adele.vance@contoso.com) unless `upn` says else. */
static char *with_diag(char *t, const char *upn, const char *status,
                       const char *cred, const char *http,
                       const char *description) {
  const char *const kv[] = {"AcquirePrtDiagnostics",
                            "PRESENT",
                            "Previous Prt Attempt",
                            "2025-03-02 07:58:02.123 UTC",
                            "Attempt Status",
                            status,
                            "User Identity",
                            upn,
                            "Credential Type",
                            cred,
                            "Endpoint URI",
                            "https://login.microsoftonline.com/" TENANT
                            "/oauth2/token/",
                            "HTTP Method",
                            "POST",
                            "HTTP Error",
                            "0x0",
                            "HTTP status",
                            http,
                            "Server Error Code",
                            "invalid_grant",
                            "Server Error Description",
                            description,
                            NULL};
  return cu_insert_lines(t, "AzureAdPrtAuthority", kv);
}

#define ADELE "adele.vance@contoso.com"
#define BAD_PW                                                                 \
  "AADSTS50126: Error validating credentials due to invalid username or "      \
  "password."

static cu_finding check(char *text, const char *now, const char *ids,
                        const char *rule) {
  return cu_check(text, now, ids, rule);
}

static bool has(const char *s, const char *part) {
  if (strstr(s, part))
    return true;
  print_error("'%s' not in '%s'\n", part, s);
  return false;
}

/* ---- 1. another user's diagnostics --------------------------------------- */

/* D1 (troubleshoot-device-dsregcmd), PRT diagnostics: "On a shared device,
 * this diagnostics information could be from a different user's login
 * attempt."  So the current user is not blamed. */
static void test_prt_diag_other_user(void **state) {
  (void)state;
  cu_finding f =
      check(with_diag(entra_no_prt(), "megan@contoso.com", "0xc000006d",
                      "Password", "400", BAD_PW),
            E_NOW, "prt-missing prt-diag-other-user", "prt-diag-other-user");
  assert_string_equal(f.message,
                      "the failed Microsoft Entra PRT attempt in this capture "
                      "was made for megan@contoso.com, not for "
                      "adele.vance@contoso.com who ran dsregcmd: on a shared "
                      "device the diagnostics can be another user's sign-in, "
                      "so they say nothing about this user's PRT");
  /* the same user, in another case: their own failure */
  check(with_diag(entra_no_prt(), "Adele.Vance@Contoso.com", "0xc000006d",
                  "Password", "400", BAD_PW),
        E_NOW, "prt-missing prt-acquire-failed", NULL);
  /* no UPN after the account name: undecided, so not another user */
  char *t =
      cu_set(entra_no_prt(), "Executing Account Name", "AzureAD\\AdeleVance");
  check(with_diag(t, "megan@contoso.com", "0xc000006d", "Password", "400",
                  BAD_PW),
        E_NOW, "prt-missing prt-acquire-failed", NULL);
  /* silent: no diagnostics */
  check(base(ENTRA), E_NOW, "", NULL);
}

/* ---- 2. a failed refresh while the PRT is there ---------------------------
 */

/* D5 (concept-primary-refresh-token): a PRT is valid for 14 days and renewed
 * every 4 hours, so a failed refresh leaves a working PRT: a warning with the
 * time left, not an error. */
static void test_prt_refresh_failed(void **state) {
  (void)state;
  cu_finding f = check(
      with_diag(base(ENTRA), ADELE, "0xc000006d", "Password", "400", BAD_PW),
      E_NOW, "prt-refresh-failed", "prt-refresh-failed");
  assert_true(has(f.message, "the last attempt to acquire the Microsoft "
                             "Entra PRT for adele.vance@contoso.com "
                             "(2025-03-02 07:58 UTC) failed with 0xc000006d"));
  assert_true(has(f.message, "; the current PRT stays valid until 2025-03-16 "
                             "07:41 UTC (13 days left at --now)"));
  /* AADSTS50126's own remedy already says "lock and unlock": once only */
  const char *first = strstr(f.remedy, "lock and unlock");
  assert_non_null(first);
  assert_null(strstr(first + 1, "lock and unlock"));
  /* without a reference time, the expiry alone */
  f = check(
      with_diag(base(ENTRA), ADELE, "0xc000006d", "Password", "400", BAD_PW),
      NULL, "prt-refresh-failed", "prt-refresh-failed");
  assert_true(has(f.message, "; the current PRT stays valid until 2025-03-16 "
                             "07:41 UTC"));
  assert_null(strstr(f.message, "left at"));
  /* silent: no PRT is prt-acquire-failed's; no diagnostics at all */
  check(
      with_diag(entra_no_prt(), ADELE, "0xc000006d", "Password", "400", BAD_PW),
      E_NOW, "prt-missing prt-acquire-failed", NULL);
  check(base(ENTRA), E_NOW, "", NULL);
}

/* ---- 3. inconsistent PRT times --------------------------------------------
 */

/* D5: "Once issued, a PRT is valid for 14 days"; an expiry before the
 * update, or far from 14 days after it, makes both times untrustworthy.  The
 * page gives no tolerance; its dsregcmd samples (D1, D3) show 14 days and a
 * few seconds, so +-1 day only absorbs rounding and never hides a 3-day
 * expiry. */
static void test_prt_times_inconsistent(void **state) {
  (void)state;
  char *t = cu_set(base(ENTRA), "AzureAdPrtExpiryTime",
                   "2025-03-01 07:41:12.000 UTC");
  cu_finding f = check(t, "2025-03-18T07:41:12Z", "prt-times-inconsistent",
                       "prt-times-inconsistent");
  assert_string_equal(f.message,
                      "the PRT times contradict each other: updated "
                      "2025-03-02 07:41 UTC, expiring 2025-03-01 07:41 UTC "
                      "(-24 hours later), while a PRT is valid for 14 days "
                      "from its update; its age and expiry were not judged");
  /* 3 days instead of 14: not prt-expired at a time after it */
  t = cu_set(base(ENTRA), "AzureAdPrtExpiryTime",
             "2025-03-05 07:41:12.000 UTC");
  check(t, "2025-03-06T07:41:12Z", "prt-times-inconsistent", NULL);
  /* silent: exactly 14 days, and 14 days and a minute (corpus 01) */
  check(base(ENTRA), E_NOW, "", NULL);
  t = cu_set(base(ENTRA), "AzureAdPrtExpiryTime",
             "2025-03-16 07:42:26.000 UTC");
  check(t, E_NOW, "", NULL);
  /* without a PRT the times are not judged */
  t = cu_set(base(ENTRA), "AzureAdPrt", "NO");
  t = cu_set(t, "AzureAdPrtExpiryTime", "2025-03-01 07:41:12.000 UTC");
  check(t, E_NOW, "prt-missing", NULL);
}

/* ---- 4. Windows Hello -----------------------------------------------------
 */

static char *ngc_error(char *t) {
  t = cu_insert_before(t, "IsDeviceJoined", "NgcPreReq", "ERROR (0xd0020017)");
  const char *const keys[] = {"IsDeviceJoined", "IsUserAzureAD",
                              "PolicyEnabled",  "PostLogonEnabled",
                              "DeviceEligible", "SessionIsNotRemote"};
  for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
    t = cu_set(t, keys[i], "UNKNOWN");
  return cu_set(t, "PreReqResult", "WillNotProvision");
}

static void test_ngc_prereq_error_alone(void **state) {
  (void)state;
  /* elevated capture (KeySignTest ran): rerun as the user */
  cu_finding f = check(ngc_error(base(HYBRID)), H_NOW, "ngc-prereq-check-error",
                       "ngc-prereq-check-error");
  assert_true(has(f.remedy, "not elevated"));
  /* already un-elevated (KeySignTest says so): another step */
  char *t = cu_set(ngc_error(base(HYBRID)), "KeySignTest",
                   "MUST Run elevated to test.");
  f = check(t, H_NOW, "ngc-prereq-check-error", "ngc-prereq-check-error");
  assert_true(has(f.remedy, "already ran un-elevated"));
  assert_null(strstr(f.remedy, "(not elevated)"));
}

static void test_whfb_will_not_provision_no_list(void **state) {
  (void)state;
  /* nothing reads NO: the remedy does not point at a list */
  cu_finding f =
      check(cu_set(base(HYBRID), "PreReqResult", "WillNotProvision"), H_NOW,
            "whfb-will-not-provision", "whfb-will-not-provision");
  assert_string_equal(f.message, "Windows Hello for Business will not "
                                 "provision for this user");
  assert_null(strstr(f.remedy, "listed"));
  f = check(cu_set(cu_set(base(HYBRID), "PreReqResult", "WillNotProvision"),
                   "DeviceEligible", "NO"),
            H_NOW, "whfb-will-not-provision", "whfb-will-not-provision");
  assert_true(has(f.remedy, "Fix the prerequisites listed"));
}

/* D1: PostLogonEnabled NO "indicates that Windows Hello for Business
 * enrollment is triggered by a custom mechanism". */
static void test_whfb_postlogon_disabled(void **state) {
  (void)state;
  check(cu_set(base(HYBRID), "PostLogonEnabled", "NO"), H_NOW,
        "whfb-postlogon-disabled", "whfb-postlogon-disabled");
  /* silent: YES; the policy off */
  check(base(HYBRID), H_NOW, "", NULL);
  char *t = cu_set(base(HYBRID), "PostLogonEnabled", "NO");
  check(cu_set(t, "PolicyEnabled", "NO"), H_NOW, "", NULL);
}

/* D1 CanReset: DestructiveOnly means only a destructive reset is possible;
 * the PIN reset page: a destructive reset deletes the user's credential. */
static void test_whfb_pin_reset_destructive(void **state) {
  (void)state;
  cu_finding f =
      check(cu_set(base(ENTRA), "CanReset", "DestructiveOnly"), E_NOW,
            "whfb-pin-reset-destructive", "whfb-pin-reset-destructive");
  assert_true(has(f.message, "CanReset DestructiveOnly"));
  check(base(ENTRA), E_NOW, "", NULL); /* DestructiveAndNonDestructive */
  check(cu_set(base(ENTRA), "CanReset", "NonDestructiveOnly"), E_NOW, "", NULL);
}

/* D1 SessionIsNotRemote: NO when the session is a remote desktop one. */
static void test_capture_remote_session(void **state) {
  (void)state;
  check(cu_set(base(HYBRID), "SessionIsNotRemote", "NO"), H_NOW,
        "capture-remote-session", "capture-remote-session");
  check(base(HYBRID), H_NOW, "", NULL);
  /* a SYSTEM run has no user's session */
  char *t = cu_set(base(HYBRID), "SessionIsNotRemote", "NO");
  t = cu_set(t, "Executing Account Name",
             "CONTOSO\\CONTOSO-DT117$, CONTOSO-DT117$@contoso.com");
  check(t, H_NOW, "capture-as-system", NULL);
}

/* ---- 5. Kerberos ----------------------------------------------------------
 */

/* Cloud Kerberos trust: the NGC check prints its OnPremTGT prerequisite. */
static char *cloud_kerberos_trust(char *t, const char *ngc_tgt) {
  return cu_insert_after(t, "CertEnrollment", "OnPremTGT", ngc_tgt);
}

/* WHfB cloud Kerberos trust page: the prerequisite check "detects whether
 * the user has a partial TGT", which is OnPremTgt (D1: the ticket for
 * on-premises resources), not CloudTgt. */
static void test_onprem_tgt_missing(void **state) {
  (void)state;
  char *t = cloud_kerberos_trust(cu_set(base(HYBRID), "OnPremTgt", "NO"), "NO");
  t = cu_set(t, "PreReqResult", "WillNotProvision");
  cu_finding f = check(t, H_NOW, "whfb-will-not-provision onprem-tgt-missing",
                       "onprem-tgt-missing");
  assert_true(has(f.message, "no partial TGT from Microsoft Entra Kerberos "
                             "(OnPremTgt NO)"));
  assert_true(has(f.message, "domain controllers"));
  /* Entra joined with cloud Kerberos trust: on-premises SSO */
  t = cu_set(base(HYBRID), "DomainJoined", "NO");
  t = cloud_kerberos_trust(cu_set(t, "OnPremTgt", "NO"), "NO");
  f = check(t, H_NOW, "onprem-tgt-missing", "onprem-tgt-missing");
  assert_true(has(f.message, "single sign-on to on-premises resources"));
  /* silent: OnPremTgt NO without cloud Kerberos trust (the Entra fixture,
   * corpus 01 and 17); OnPremTgt YES with it */
  check(cu_set(base(HYBRID), "OnPremTgt", "NO"), H_NOW, "", NULL);
  check(base(ENTRA), E_NOW, "", NULL);
  check(cloud_kerberos_trust(base(HYBRID), "YES"), H_NOW, "", NULL);
}

static void test_cloud_tgt_message(void **state) {
  (void)state;
  cu_finding f = check(cu_set(base(ENTRA), "CloudTgt", "NO"), E_NOW,
                       "cloud-tgt-missing", "cloud-tgt-missing");
  assert_null(strstr(f.message, "Windows Hello"));
  assert_null(strstr(f.remedy, "cloud Kerberos trust"));
}

static void test_kerberos_ticket_remedy(void **state) {
  (void)state;
  /* D6 prerequisites, not EnableKerbHaadj (the 0x801c0095 row's) */
  const dsreg_rule *r = dsreg_rule_find("kerberos-ticket-test-failed");
  assert_non_null(r);
  assert_true(has(r->remedy, "adrs/enterpriseregistration.windows.net"));
  assert_true(has(r->remedy, "KerberosPolicy:ExchangeForJwt"));
  assert_null(strstr(r->remedy, "EnableKerbHaadj"));
}

/* ---- 6. right log, right context ------------------------------------------
 */

/* D3: "In the list of analytic events, search for Event IDs 1006 and 1007";
 * D2: event 1006 "in the analytics logs". */
static void test_prt_missing_analytic_log(void **state) {
  (void)state;
  cu_finding f = check(entra_no_prt(), E_NOW, "prt-missing", "prt-missing");
  assert_true(has(f.remedy, "AAD Analytic log"));
  assert_true(has(f.remedy, "Show Analytic and Debug Logs"));
  assert_null(strstr(f.remedy, "Operational event log (events 1006"));
}

/* Hybrid join planning page, UPN table: a non-routable UPN on a managed
 * domain is not supported; Alternate Login ID is an AD FS feature. */
static void test_upn_remedy_by_domain(void **state) {
  (void)state;
  char *t = cu_set(base(HYBRID), "Executing Account Name",
                   "CONTOSO\\adele, adele@contoso.local");
  t = cu_set(t, "AzureAdPrt", "NO");
  t = cu_del(t, "AzureAdPrtUpdateTime");
  t = cu_del(t, "AzureAdPrtExpiryTime");
  t = cu_set(t, "AzureAdPrtAuthority", "");
  cu_finding f =
      check(with_diag(t, "adele@contoso.local", "0xc00000d0", "Password", "400",
                      "AADSTS90002: Tenant 'contoso.local' not "
                      "found."),
            H_NOW, "prt-missing prt-acquire-failed upn-not-routable",
            "upn-not-routable");
  assert_true(has(f.remedy, "On a managed domain a non-routable on-premises "
                            "UPN is not supported"));
  t = cu_set(base(HYBRID), "Executing Account Name",
             "CONTOSO\\adele, adele@contoso.local");
  t = cu_set(t, "EnterprisePrtAuthority", "https://adfs.contoso.com:443/adfs");
  f = check(with_diag(t, "adele@contoso.local", "0xc00000d0", "Password", "400",
                      "AADSTS90002: Tenant 'contoso.local' not found."),
            H_NOW, "prt-refresh-failed upn-not-routable enterprise-prt-missing",
            "upn-not-routable");
  assert_true(has(f.remedy, "federated through AD FS"));
}

/* W17: MSIS9682's transport-key meaning is not the generic remedy. */
static void test_enterprise_prt_remedy_generic(void **state) {
  (void)state;
  const dsreg_rule *r = dsreg_rule_find("enterprise-prt-acquire-failed");
  assert_non_null(r);
  assert_null(strstr(r->remedy, "transport key"));
  assert_true(has(r->remedy, "AD FS Admin event log"));
}

/* ---- 7. the causes named by the diagnostics --------------------------------
 */

/* D2/D3: HTTP 407 means the proxy wants the computer (and user) to
 * authenticate. */
static void test_prt_proxy_auth_required(void **state) {
  (void)state;
  cu_finding f = check(
      with_diag(entra_no_prt(), ADELE, "0xc00000be", "Password", "407", ""),
      E_NOW, "prt-missing prt-proxy-auth-required", "prt-proxy-auth-required");
  assert_true(has(f.message, "HTTP status 407"));
  assert_true(has(f.remedy, "proxy"));
  /* silent: HTTP 400 is a server answer, not the proxy */
  check(
      with_diag(entra_no_prt(), ADELE, "0xc000006d", "Password", "400", BAD_PW),
      E_NOW, "prt-missing prt-acquire-failed", NULL);
}

/* AADSTS error codes reference: 50053 locked, 50057 disabled, 50055
 * password expired, ...; D3 Attempt Status NTSTATUS values. */
static void test_prt_account_state(void **state) {
  (void)state;
  static const char *const descs[] = {
      "AADSTS50053: The account is locked.",
      "AADSTS50055: The password is expired.",
      "AADSTS50057: The user account is disabled.",
      "AADSTS50144: Password expired (Active Directory).",
      "AADSTS50173: The provided grant has expired due to it being revoked.",
      "AADSTS50132: The session isn't valid due to password expiration or "
      "recent password change."};
  for (size_t i = 0; i < sizeof descs / sizeof descs[0]; i++)
    check(with_diag(entra_no_prt(), ADELE, "0xc000006d", "Password", "400",
                    descs[i]),
          E_NOW, "prt-missing prt-account-state", NULL);
  static const char *const statuses[] = {
      "0xc0000072", "0xc0000234", "0xc0000071", "0xc0000224", "0xc0000193"};
  for (size_t i = 0; i < sizeof statuses / sizeof statuses[0]; i++)
    check(with_diag(entra_no_prt(), ADELE, statuses[i], "Password", "400", ""),
          E_NOW, "prt-missing prt-account-state", NULL);
  /* with the PRT present: the time left is said */
  cu_finding f =
      check(with_diag(base(ENTRA), ADELE, "0xc0000234", "Password", "400", ""),
            E_NOW, "prt-account-state", "prt-account-state");
  assert_true(has(f.message, "stays valid until"));
  /* silent: a longer number is another code; another user's account */
  check(with_diag(entra_no_prt(), ADELE, "0xc000006d", "Password", "400",
                  "AADSTS500530: something else"),
        E_NOW, "prt-missing prt-acquire-failed", NULL);
  check(with_diag(entra_no_prt(), "megan@contoso.com", "0xc0000234", "Password",
                  "400", ""),
        E_NOW, "prt-missing prt-diag-other-user", NULL);
}

/* AADSTS reference: 130004-130008 and 135010/135011 concern the NGC key or
 * its device, meaningful when the credential was NGC. */
static void test_prt_ngc_key_invalid(void **state) {
  (void)state;
  check(with_diag(entra_no_prt(), ADELE, "0xc000006d", "NGC", "400",
                  "AADSTS130007: NgcKeyNotFound"),
        E_NOW, "prt-missing prt-ngc-key-invalid", "prt-ngc-key-invalid");
  check(with_diag(entra_no_prt(), ADELE, "0xc000006d", "NGC", "400",
                  "AADSTS135011: Device used during the authentication is "
                  "disabled."),
        E_NOW, "prt-missing prt-ngc-key-invalid", NULL);
  /* silent: a password sign-in with the same text */
  check(with_diag(entra_no_prt(), ADELE, "0xc000006d", "Password", "400",
                  "AADSTS130007: NgcKeyNotFound"),
        E_NOW, "prt-missing prt-acquire-failed", NULL);
}

/* AADSTS8000x: the pass-through authentication agent (PTA troubleshooting). */
static void test_prt_pta_agent(void **state) {
  (void)state;
  check(with_diag(entra_no_prt(), ADELE, "0xc000006d", "Password", "400",
                  "AADSTS80001: OnPremiseStoreIsNotAvailable"),
        E_NOW, "prt-missing prt-pta-agent", "prt-pta-agent");
  check(
      with_diag(entra_no_prt(), ADELE, "0xc000006d", "Password", "400", BAD_PW),
      E_NOW, "prt-missing prt-acquire-failed", NULL);
}

/* D1 / format reference: WamDefaultAuthority consumers is a Microsoft
 * account (corpus 08). */
static void test_wam_default_msa(void **state) {
  (void)state;
  char *t = cu_set(base(ENTRA), "WamDefaultAuthority", "consumers");
  t = cu_set(t, "WamDefaultGUID",
             "{D7F9888F-E3FC-49B0-9EA6-A85B5F392A4F} (MicrosoftAccount)");
  cu_finding f = check(t, E_NOW, "wam-default-msa", "wam-default-msa");
  assert_true(has(f.message, "WamDefaultAuthority consumers"));
  /* silent: organizations; a domain-joined only device (corpus 08) */
  check(base(ENTRA), E_NOW, "", NULL);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_prt_diag_other_user),
      cmocka_unit_test(test_prt_refresh_failed),
      cmocka_unit_test(test_prt_times_inconsistent),
      cmocka_unit_test(test_ngc_prereq_error_alone),
      cmocka_unit_test(test_whfb_will_not_provision_no_list),
      cmocka_unit_test(test_whfb_postlogon_disabled),
      cmocka_unit_test(test_whfb_pin_reset_destructive),
      cmocka_unit_test(test_capture_remote_session),
      cmocka_unit_test(test_onprem_tgt_missing),
      cmocka_unit_test(test_cloud_tgt_message),
      cmocka_unit_test(test_kerberos_ticket_remedy),
      cmocka_unit_test(test_prt_missing_analytic_log),
      cmocka_unit_test(test_upn_remedy_by_domain),
      cmocka_unit_test(test_enterprise_prt_remedy_generic),
      cmocka_unit_test(test_prt_proxy_auth_required),
      cmocka_unit_test(test_prt_account_state),
      cmocka_unit_test(test_prt_ngc_key_invalid),
      cmocka_unit_test(test_prt_pta_agent),
      cmocka_unit_test(test_wam_default_msa),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
