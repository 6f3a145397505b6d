/*
 * test_rules_join.c - issue 11 for the join, capture-context, tenant/MDM,
 * device-health and pre-join rules: each correction with the documented
 * reason it follows, and each new rule firing and staying silent on the
 * nearest healthy capture.
 *
 * Sources quoted: D1 https://learn.microsoft.com/en-us/entra/identity/devices/
 * troubleshoot-device-dsregcmd, D2
 * .../troubleshoot-hybrid-join-windows-current, D4 .../faq, the planning page
 * .../hybrid-join-plan (see src/references.h).
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
#define NOT_JOINED "fixtures/synthetic/not_joined.txt"
#define DISC_FAILED "fixtures/synthetic/domain_joined_drs_discovery_failed.txt"
#define E_NOW "2025-03-02T08:00:01Z"
#define H_NOW "2025-03-05T09:30:00Z"
#define NJ_NOW "2025-03-03T08:00:01Z"
#define D_NOW "2025-03-07T13:48:09Z"
#define TENANT "086be9eb-117d-4dc3-a573-ac674ccabb08"
#define OTHER "5f1c6e0a-2b4d-4c1e-9a7b-0d3e8f2a6c11"

static char *base(const char *rel) { return cu_read_fixture(rel); }

/* Analyzes `text` (freed) with --now `now`, checks the exact rule ids and
 * returns the finding of `rule`. */
static cu_finding check(char *text, const char *now, const char *ids,
                        const char *rule) {
  return cu_check(text, now, ids, rule);
}

static dsreg_join_type join_of(char *text) {
  cu_result r;
  cu_analyze_text(text, NULL, &r);
  free(text);
  assert_int_equal(r.capture_count, 1);
  dsreg_join_type j = r.captures[0].join_type;
  cu_result_free(&r);
  return j;
}

/* Pre-join diagnostics that pass, as SYSTEM, with no attempt yet. */
static char *domain_ok(void) {
  char *t = base(DISC_FAILED);
  t = cu_set(t, "User Context", "SYSTEM");
  t = cu_set(t, "DRS Discovery Test", "PASS");
  t = cu_set(t, "DRS Connectivity Test", "PASS");
  t = cu_set(t, "Token acquisition Test", "PASS");
  t = cu_set(t, "Fallback to Sync-Join", "ENABLED");
  t = cu_del(t, "Previous Registration");
  t = cu_del(t, "Error Phase");
  t = cu_del(t, "Client ErrorCode");
  return t;
}

/* domain_ok() whose last join attempt stopped in `phase` with `code`,
 * `server` and `message`. */
static char *attempt(const char *phase, const char *code, const char *server,
                     const char *message) {
  const char *const kv[] = {"Previous Registration",
                            "2025-03-07 13:21:40.000 UTC",
                            "Error Phase",
                            phase,
                            "Client ErrorCode",
                            code,
                            "Server ErrorCode",
                            server,
                            "Server Message",
                            message,
                            NULL};
  return cu_insert_lines(domain_ok(), "Fallback to Sync-Join", kv);
}

/* A Work Account section of tenant `tid`, inserted before Diagnostic Data. */
static char *with_work_account(char *t, const char *tid) {
  char sect[1024];
  snprintf(sect, sizeof sect,
           "+----------------------------------------------------------------"
           "------+\n| Work Account 1                                        "
           "               |\n+------------------------------------------------"
           "----------------------+\n\n"
           "         WorkplaceDeviceId : daa7a9ba-3e59-4630-8072-f7865563f6bf\n"
           "         WorkplaceTenantId : %s\n"
           "       WorkplaceTenantName : Fabrikam\n\n",
           tid);
  return cu_insert_section_before(t, "Diagnostic Data", sect);
}

/* ---- 1. join type ------------------------------------------------------ */

/* D1's truth table needs all three flags; the review: "1803-era captures
 * print DomainJoined last, so truncated ones hit this". */
static void test_join_unknown_without_flags(void **state) {
  (void)state;
  assert_int_equal(join_of(cu_del(base(ENTRA), "DomainJoined")),
                   DSREG_JOIN_UNKNOWN);
  assert_int_equal(join_of(cu_del(base(ENTRA), "EnterpriseJoined")),
                   DSREG_JOIN_UNKNOWN);
  assert_int_equal(join_of(cu_del(base(HYBRID), "EnterpriseJoined")),
                   DSREG_JOIN_UNKNOWN);
  assert_int_equal(join_of(base(ENTRA)), DSREG_JOIN_ENTRA);
  assert_int_equal(join_of(base(HYBRID)), DSREG_JOIN_HYBRID);
  /* rules that need the join type stay silent: no /forcerecovery advice */
  char *t = cu_del(base(ENTRA), "DomainJoined");
  t = cu_set(t, "KeySignTest", "FAILED. 0x80090016");
  cu_finding f = check(t, E_NOW, "key-sign-failed", "key-sign-failed");
  assert_null(strstr(f.remedy, "/forcerecovery"));
  /* ... and CONTOSO\adele with a UPN is not called a local account */
  t = cu_del(base(HYBRID), "DomainJoined");
  t = cu_del(t, "DomainName");
  check(
      cu_set(t, "Executing Account Name", "CONTOSO\\adele, adele@contoso.com"),
      H_NOW, "", NULL);
}

/* ---- 2. user context --------------------------------------------------- */

/* D1: WorkplaceJoined is "in the current NTUSER context"; as SYSTEM the
 * user's registration is unknown. */
static void test_not_joined_as_system(void **state) {
  (void)state;
  char *t =
      cu_insert_after(base(NOT_JOINED), "Device Name", "Executing Account Name",
                      "WORKGROUP\\PC01$, PC01$@contoso.com");
  cu_finding f = check(t, NJ_NOW, "not-joined capture-as-system", "not-joined");
  assert_string_equal(f.message,
                      "the device is not joined to Microsoft Entra ID, to an "
                      "on-premises DRS or to a domain (AzureAdJoined NO, "
                      "DomainJoined NO); the capture was taken as "
                      "WORKGROUP\\PC01$, PC01$@contoso.com, so whether the "
                      "user registered a work account is unknown");
  f = check(base(NOT_JOINED), NJ_NOW, "not-joined", "not-joined");
  assert_non_null(strstr(f.message, "no work account is registered"));
}

/* D1: empty MDM URLs mean "the MDM wasn't configured or that the current
 * user isn't in scope of MDM enrollment": no user, no judgement. */
static void test_mdm_urls_missing_needs_user(void **state) {
  (void)state;
  char *t = cu_set(base(ENTRA), "MdmUrl", "");
  t = cu_set(t, "MdmTouUrl", "");
  t = cu_set(t, "MdmComplianceUrl", "");
  check(t, E_NOW, "mdm-urls-missing", "mdm-urls-missing");
  t = cu_set(base(ENTRA), "MdmUrl", "");
  t = cu_set(t, "MdmTouUrl", "");
  t = cu_set(t, "MdmComplianceUrl", "");
  t = cu_set(t, "Device Name", "PC01");
  t = cu_set(t, "Executing Account Name", "PC01\\localuser");
  check(t, E_NOW, "capture-as-local-account", NULL);
  /* compliance URL missing is info (third-party MDMs leave it empty) */
  t = cu_set(base(ENTRA), "MdmComplianceUrl", "");
  check(t, E_NOW, "mdm-compliance-url-missing", "mdm-compliance-url-missing");
}

/* A local account is HOST\user without a UPN; DOMAIN\user, user@tenant with
 * a PRT is not. */
static void test_account_classification(void **state) {
  (void)state;
  char *t = cu_set(base(HYBRID), "Device Name", "CONTOSO");
  check(
      cu_set(t, "Executing Account Name", "CONTOSO\\adele, adele@contoso.com"),
      H_NOW, "", NULL);
  t = cu_set(base(HYBRID), "Device Name", "PC01");
  t = cu_set(t, "AzureAdPrt", "NO");
  t = cu_del(t, "AzureAdPrtUpdateTime");
  t = cu_del(t, "AzureAdPrtExpiryTime");
  t = cu_set(t, "AzureAdPrtAuthority", "");
  check(cu_set(t, "Executing Account Name", "PC01\\localuser"), H_NOW,
        "capture-as-local-account", NULL);
}

/* ---- 3. dual state ----------------------------------------------------- */

/* DSRegTool: dual state when WPJ YES and the hybrid tenant equals the
 * registration's; D2: the account "is ignored when you're using Windows 10
 * version 1607 or later", so the message claims no SSO use. */
static void test_dual_state_same_tenant(void **state) {
  (void)state;
  char *t =
      with_work_account(cu_set(base(HYBRID), "WorkplaceJoined", "YES"), TENANT);
  cu_finding f = check(t, H_NOW, "dual-state", "dual-state");
  assert_non_null(strstr(f.message, "WorkplaceTenantId " TENANT));
  assert_non_null(strstr(f.message, "ignore the registered account"));
  assert_null(strstr(f.message, "picked for SSO"));
  check(base(HYBRID), H_NOW, "", NULL);
}

static void test_second_tenant_account(void **state) {
  (void)state;
  char *t =
      with_work_account(cu_set(base(HYBRID), "WorkplaceJoined", "YES"), OTHER);
  cu_finding f =
      check(t, H_NOW, "second-tenant-account", "second-tenant-account");
  assert_string_equal(
      f.message, "the device is Microsoft Entra hybrid joined to tenant " TENANT
                 " and a work account of another tenant (" OTHER
                 ", Fabrikam) is registered on it: a supported setup for "
                 "users who work with a second organization");
  /* Entra joined: a registration is always another tenant's */
  f = check(cu_set(base(ENTRA), "WorkplaceJoined", "YES"), E_NOW,
            "second-tenant-account", "second-tenant-account");
  assert_null(strstr(f.remedy, "BlockAADWorkplaceJoin"));
  check(base(ENTRA), E_NOW, "", NULL);
}

/* ---- 4. built-in Administrator ---------------------------------------- */

static void test_builtin_admin_not_by_name(void **state) {
  (void)state;
  check(cu_set(base(HYBRID), "Executing Account Name",
               "CONTOSO\\Administrator, Administrator@contoso.com"),
        H_NOW, "", NULL);
  char *t = cu_set(base(NOT_JOINED), "Device Name", "PC01");
  cu_finding f = check(
      cu_insert_after(t, "Device Name", "Executing Account Name",
                      "PC01\\Administrator"),
      NJ_NOW, "not-joined builtin-administrator", "builtin-administrator");
  /* D4: "Create a different local account" */
  assert_non_null(strstr(f.remedy, "Create another local account"));
}

/* ---- 5. severities and routing ------------------------------------------ */

/* D1: "FAILED. ERROR if the test was unable to run". */
static void test_device_auth_not_tested(void **state) {
  (void)state;
  cu_finding f =
      check(cu_set(base(ENTRA), "DeviceAuthStatus", "FAILED. ERROR"), E_NOW,
            "device-auth-not-tested", "device-auth-not-tested");
  assert_string_equal(
      f.message, "DeviceAuthStatus is \"FAILED. ERROR\": the device health "
                 "test could not run, so whether Microsoft Entra ID "
                 "accepts this device is unknown");
  check(base(ENTRA), E_NOW, "", NULL);
}

static void test_device_auth_status_missing(void **state) {
  (void)state;
  cu_finding f =
      check(cu_del(base(HYBRID), "DeviceAuthStatus"), H_NOW,
            "device-auth-status-missing", "device-auth-status-missing");
  assert_non_null(strstr(f.message, "was not judged"));
  check(base(HYBRID), H_NOW, "", NULL);
  /* not joined: nothing to judge */
  check(base(NOT_JOINED), NJ_NOW, "not-joined", NULL);
}

/* D2, federated join server errors: "Your request is throttled temporarily.
 * Please try after 300 seconds." is "expected"; "Retry the join after the
 * cool-down period". */
static void test_hybrid_join_throttled(void **state) {
  (void)state;
  cu_finding f =
      check(attempt("join", "0x801c03f2", "DirectoryError",
                    "Your request is throttled temporarily. Please try "
                    "after 300 seconds."),
            D_NOW, "hybrid-join-throttled", "hybrid-join-throttled");
  assert_non_null(strstr(f.message, "try after 300 seconds"));
  check(domain_ok(), D_NOW, "hybrid-join-not-attempted", NULL);
}

/* D2: the SID verification failure "ordinarily means that sync hasn't
 * finished yet". */
static void test_sid_verification_is_pending_sync(void **state) {
  (void)state;
  cu_finding f =
      check(attempt("join", "0x801c0002", "AuthenticationError",
                    "Failed during verification of the target computer's SID."),
            D_NOW, "hybrid-join-pending-sync", "hybrid-join-pending-sync");
  assert_non_null(strstr(f.message, "SID"));
}

/* ---- 6. no SCP ------------------------------------------------------------
 */

static void test_hybrid_join_not_configured(void **state) {
  (void)state;
  char *t = cu_set(domain_ok(), "AD Configuration Test", "FAIL [0x80070002]");
  const char *const kv[] = {"Previous Registration",
                            "2025-03-07 13:21:40.000 UTC",
                            "Error Phase",
                            "discover",
                            "Client ErrorCode",
                            "0x801c001d",
                            NULL};
  t = cu_insert_lines(t, "Fallback to Sync-Join", kv);
  cu_finding f = check(t, D_NOW, "hybrid-join-not-configured",
                       "hybrid-join-not-configured");
  assert_non_null(strstr(f.message, "normal in a forest"));
  assert_non_null(strstr(f.remedy, "should be hybrid joined"));
  /* another discover failure stays an error */
  check(attempt("discover", "0x801c0021", "", ""), D_NOW, "hybrid-join-failed",
        NULL);
}

/* ---- 7. fallback -------------------------------------------------------- */

/* D1: "If authentication fails, sync-join is attempted as fallback, unless
 * fallback is explicitly disabled". */
static void test_fallback_only_after_auth_failure(void **state) {
  (void)state;
  check(cu_set(domain_ok(), "Fallback to Sync-Join", "DISABLED"), D_NOW,
        "hybrid-join-not-attempted", NULL);
  char *t = cu_set(attempt("auth", "0x801c0021", "", ""),
                   "Fallback to Sync-Join", "DISABLED");
  check(t, D_NOW, "hybrid-join-failed sync-join-fallback-disabled",
        "sync-join-fallback-disabled");
}

/* ---- 8. key-sign-failed ------------------------------------------------- */

/* D4 documents /forcerecovery "For Microsoft Entra joined devices"; D1:
 * hybrid recovery is silent. */
static void test_key_sign_remedy_by_join(void **state) {
  (void)state;
  cu_finding f = check(cu_set(base(ENTRA), "KeySignTest", "FAILED. 0x80090016"),
                       E_NOW, "key-sign-failed", "key-sign-failed");
  assert_non_null(strstr(f.message, "NTE_BAD_KEYSET"));
  assert_non_null(strstr(f.remedy, "/forcerecovery"));
  f = check(cu_set(base(HYBRID), "KeySignTest", "FAILED. 0x80090016"), H_NOW,
            "key-sign-failed", "key-sign-failed");
  assert_null(strstr(f.remedy, "/forcerecovery"));
  assert_non_null(strstr(f.remedy, "silently"));
}

/* ---- 9. new rules ------------------------------------------------------- */

/* D2 step 2: a domain joined device that has not attempted the join. */
static void test_hybrid_join_not_attempted(void **state) {
  (void)state;
  cu_finding f = check(domain_ok(), D_NOW, "hybrid-join-not-attempted",
                       "hybrid-join-not-attempted");
  assert_non_null(strstr(f.remedy, "Automatic-Device-Join"));
  check(attempt("join", "0x801c03f2", "DirectoryError", "x"), D_NOW,
        "hybrid-join-failed", NULL);
}

/* D1: "running the diagnostics in SYSTEM context is closest to the actual
 * join". */
static void test_prejoin_not_system_context(void **state) {
  (void)state;
  cu_finding f =
      check(cu_set(domain_ok(), "User Context", "UN-ELEVATED User"), D_NOW,
            "hybrid-join-not-attempted prejoin-not-system-context",
            "prejoin-not-system-context");
  assert_non_null(strstr(f.message, "ran as UN-ELEVATED User"));
  check(domain_ok(), D_NOW, "hybrid-join-not-attempted", NULL);
}

/* D2: AADSTS90002 in a sync-join server error, or 0x801c003a: the SCP
 * names a tenant that is not found.  One cause, one finding: the general
 * hybrid-join-failed stays silent. */
static void test_scp_wrong_tenant(void **state) {
  (void)state;
  check(attempt("join", "0x801c03f2", "DirectoryError",
                "AADSTS90002: Tenant 'x' not found."),
        D_NOW, "hybrid-join-scp-wrong-tenant", "hybrid-join-scp-wrong-tenant");
  check(attempt("discover", "0x801c003a", "", ""), D_NOW,
        "hybrid-join-scp-wrong-tenant", "hybrid-join-scp-wrong-tenant");
  check(domain_ok(), D_NOW, "hybrid-join-not-attempted", NULL);
}

static void test_key_provider_tpm_mismatch(void **state) {
  (void)state;
  cu_finding f = check(cu_set(base(ENTRA), "TpmProtected", "NO"), E_NOW,
                       "key-not-tpm-protected key-provider-tpm-mismatch",
                       "key-provider-tpm-mismatch");
  assert_non_null(strstr(f.message, "\"Microsoft Platform Crypto Provider\" "
                                    "but TpmProtected is NO"));
  check(cu_set(base(ENTRA), "KeyProvider",
               "Microsoft Software Key Storage Provider"),
        E_NOW, "key-provider-tpm-mismatch", NULL);
  check(base(ENTRA), E_NOW, "", NULL);
}

#define WPAD_FAILED                                                            \
  "Failed to auto detect the Proxy Auto-Configuration (PAC) script using "     \
  "WPAD. code: 0x80072f94"

static void test_system_context_proxy_gap(void **state) {
  (void)state;
  /* the discovery failure of the fixture: 0x801c0021/0x80072ee2 */
  char *t = cu_set(base(DISC_FAILED), "User Context", "SYSTEM");
  t = cu_set(t, "Proxy Server List", "proxy.contoso.com:8080");
  t = cu_with_system_proxy(t, "Succeeded");
  cu_finding f = check(t, D_NOW,
                       "hybrid-join-failed drs-discovery-failed "
                       "system-context-proxy-gap",
                       "system-context-proxy-gap");
  assert_non_null(strstr(f.message, "proxy.contoso.com:8080"));
  /* silent: no network failure, or SYSTEM not printed */
  t = cu_set(domain_ok(), "Proxy Server List", "proxy.contoso.com:8080");
  check(cu_with_system_proxy(t, "Succeeded"), D_NOW,
        "hybrid-join-not-attempted", NULL);
  t = cu_set(base(DISC_FAILED), "User Context", "SYSTEM");
  check(cu_set(t, "Proxy Server List", "proxy.contoso.com:8080"), D_NOW,
        "hybrid-join-failed drs-discovery-failed", NULL);
}

static void test_system_wpad_failed(void **state) {
  (void)state;
  char *t = cu_set(base(DISC_FAILED), "User Context", "SYSTEM");
  t = cu_with_system_proxy(t, WPAD_FAILED);
  cu_finding f = check(
      t, D_NOW, "hybrid-join-failed drs-discovery-failed system-wpad-failed",
      "system-wpad-failed");
  assert_non_null(strstr(f.message, "code: 0x80072f94"));
  /* silent where WPAD failing does not matter: no network failure */
  check(cu_with_system_proxy(domain_ok(), WPAD_FAILED), D_NOW,
        "hybrid-join-not-attempted", NULL);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_join_unknown_without_flags),
      cmocka_unit_test(test_not_joined_as_system),
      cmocka_unit_test(test_mdm_urls_missing_needs_user),
      cmocka_unit_test(test_account_classification),
      cmocka_unit_test(test_dual_state_same_tenant),
      cmocka_unit_test(test_second_tenant_account),
      cmocka_unit_test(test_builtin_admin_not_by_name),
      cmocka_unit_test(test_device_auth_not_tested),
      cmocka_unit_test(test_device_auth_status_missing),
      cmocka_unit_test(test_hybrid_join_throttled),
      cmocka_unit_test(test_sid_verification_is_pending_sync),
      cmocka_unit_test(test_hybrid_join_not_configured),
      cmocka_unit_test(test_fallback_only_after_auth_failure),
      cmocka_unit_test(test_key_sign_remedy_by_join),
      cmocka_unit_test(test_hybrid_join_not_attempted),
      cmocka_unit_test(test_prejoin_not_system_context),
      cmocka_unit_test(test_scp_wrong_tenant),
      cmocka_unit_test(test_key_provider_tpm_mismatch),
      cmocka_unit_test(test_system_context_proxy_gap),
      cmocka_unit_test(test_system_wpad_failed),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
