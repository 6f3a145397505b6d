/*
 * test_rules.c - every rule of the catalogue (src/rules.c): it fires on a
 * minimal realistic capture, it stays silent on the nearest healthy one, its
 * severity is the one of the table, and the options (--disable,
 * --warn-days, --prt-stale-hours, the reference time) do what they say.
 *
 * Captures are built from the healthy synthetic fixtures by changing one or
 * a few lines (capture_util.h), and every check compares the exact set of
 * rules that fired, so a capture that trips an unrelated rule is noticed.
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
#include "dsreg/codes.h"
#include "dsreg/rules.h"

/* ---- bases and their capture times (fixtures/capture-times.tsv) ---------- */

#define ENTRA "fixtures/synthetic/entra_joined_healthy.txt"
#define HYBRID "fixtures/synthetic/hybrid_joined_healthy.txt"
#define REGISTERED "fixtures/synthetic/entra_registered_only.txt"
#define NOT_JOINED "fixtures/synthetic/not_joined.txt"
#define DRS "fixtures/synthetic/drs_joined.txt"
#define SYNC_PENDING "fixtures/synthetic/domain_joined_sync_pending.txt"
#define DISC_FAILED "fixtures/synthetic/domain_joined_drs_discovery_failed.txt"
#define AS_SYSTEM "fixtures/synthetic/entra_joined_as_system.txt"
#define CERT_EXPIRED "fixtures/synthetic/hybrid_cert_expired.txt"

#define E_NOW "2025-03-02T08:00:01Z"
#define H_NOW "2025-03-05T09:30:00Z"
#define REG_NOW "2025-03-04T08:00:01Z"
#define NJ_NOW "2025-03-03T08:00:01Z"
#define DRS_NOW "2025-03-07T08:30:00Z"
#define D_NOW "2025-03-07T13:48:09Z"  /* its Client Time */
#define SP_NOW "2025-03-06T10:17:32Z" /* its Client Time */
#define CE_NOW "2025-01-15T09:00:00Z"

#define TENANT "086be9eb-117d-4dc3-a573-ac674ccabb08"

static char *base(const char *rel) { return cu_read_fixture(rel); }

/* A domain-joined device whose pre-join diagnostics show nothing wrong: the
 * discovery-failed fixture with every test passing as SYSTEM, the fallback
 * enabled and no previous attempt (so hybrid-join-not-attempted, D2).
 * Judged at its Client Time. */
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

/* Entra joined, the user has no PRT: no update or expiry time, empty
 * authority (as dsregcmd prints it on a joined device). */
static char *entra_no_prt(void) {
  char *t = base(ENTRA);
  t = cu_set(t, "AzureAdPrt", "NO");
  t = cu_del(t, "AzureAdPrtUpdateTime");
  t = cu_del(t, "AzureAdPrtExpiryTime");
  t = cu_set(t, "AzureAdPrtAuthority", "");
  return t;
}

/* An AcquirePrtDiagnostics block (AADSTS50126) for `upn`. */
static char *with_acquire_block(char *t, const char *upn) {
  const char *const kv[] = {
      "AcquirePrtDiagnostics",
      "PRESENT",
      "Previous Prt Attempt",
      "2025-03-02 07:58:02.123 UTC",
      "Attempt Status",
      "0xc000006d",
      "User Identity",
      upn,
      "Credential Type",
      "Password",
      "Correlation ID",
      "5d1f3a52-0c0e-4f4e-9c53-2d1b2f0f6a11",
      "Endpoint URI",
      "https://login.microsoftonline.com/" TENANT "/oauth2/token/",
      "HTTP Method",
      "POST",
      "HTTP Error",
      "0x0",
      "HTTP status",
      "400",
      "Server Error Code",
      "invalid_grant",
      "Server Error Description",
      "AADSTS50126: Error validating credentials due to invalid username or "
      "password.",
      NULL};
  return cu_insert_lines(t, "AzureAdPrtAuthority", kv);
}

/* ---- checking ---------------------------------------------------------- */

/* Parses and analyzes `text`; one capture, no failure, and every finding
 * carries its rule's catalogue severity, title and reference. */
static void run(const char *text, const dsreg_rule_options *opt, cu_result *r) {
  cu_analyze_text(text, opt, r);
  assert_int_equal(r->status, DSREG_OK);
  assert_int_equal(r->capture_count, 1);
  assert_int_equal(r->captures[0].status, DSREG_OK);
  for (size_t i = 0; i < r->captures[0].finding_count; i++) {
    const cu_finding *f = &r->captures[0].findings[i];
    const dsreg_rule *rule = dsreg_rule_find(f->rule);
    assert_non_null(rule);
    assert_int_equal(f->severity, rule->severity);
    assert_string_equal(f->reference, rule->reference);
    assert_true(f->message[0] != '\0');
    assert_true(f->remedy[0] != '\0');
  }
}

/* run() on `text`, which it frees. */
static void run_free(char *text, const dsreg_rule_options *opt, cu_result *r) {
  run(text, opt, r);
  free(text);
}

static void expect_ids(const cu_result *r, const char *ids) {
  char with[4096];
  ids = cu_ids_not_judged(r, 0, ids, with, sizeof with);
  if (!cu_same_ids(r, 0, ids)) {
    char got[4096];
    fail_msg("expected rules [%s], got [%s]", ids,
             cu_ids(r, 0, got, sizeof got));
  }
}

/* Analyzes `text` (freed) with `opt`, checks the exact set of rule ids and
 * returns a copy of the finding of `rule` (which must be in `ids`). */
static cu_finding check_opt(char *text, const dsreg_rule_options *opt,
                            const char *ids, const char *rule) {
  cu_result r;
  cu_finding f;
  memset(&f, 0, sizeof f);
  run(text, opt, &r);
  free(text);
  expect_ids(&r, ids);
  if (rule) {
    const cu_finding *g = cu_find(&r, rule);
    assert_non_null(g);
    f = *g;
  }
  cu_result_free(&r);
  return f;
}

/* The same with --now `now` (NULL: no reference time). */
static cu_finding check(char *text, const char *now, const char *ids,
                        const char *rule) {
  dsreg_rule_options opt;
  cu_options_now(&opt, now);
  return check_opt(text, &opt, ids, rule);
}

/* "0x801c0021 (DSREG_AUTOJOIN_DISC_FAILED: meaning)" from the knowledge
 * base, for messages that quote a code. */
static const char *code_text(uint32_t code, dsreg_code_context pref, char *buf,
                             size_t size) {
  const dsreg_code_info *i = dsreg_code_lookup_value(code, pref);
  assert_non_null(i);
  assert_true(i->name[0] != '\0');
  snprintf(buf, size, "0x%08lx (%s: %s)", (unsigned long)code, i->name,
           i->meaning);
  return buf;
}

static bool evidence_has(const cu_finding *f, const char *key) {
  for (size_t i = 0; i < f->evidence_count; i++)
    if (strcmp(f->evidence_key[i], key) == 0)
      return true;
  return false;
}

/* ---- join state ------------------------------------------------------------
 */

static void test_not_joined(void **state) {
  (void)state;
  cu_finding f = check(base(NOT_JOINED), NJ_NOW, "not-joined", "not-joined");
  assert_string_equal(f.message,
                      "the device is not joined to Microsoft Entra ID, to an "
                      "on-premises DRS or to a domain, and no work account is "
                      "registered (AzureAdJoined NO, DomainJoined NO, "
                      "WorkplaceJoined NO)");
  assert_true(evidence_has(&f, "WorkplaceJoined"));
  /* registered: a work account is something */
  check(cu_set(base(NOT_JOINED), "WorkplaceJoined", "YES"), NJ_NOW, "", NULL);
  check(base(REGISTERED), REG_NOW, "", NULL);
  /* domain joined only */
  char *t = cu_set(base(NOT_JOINED), "DomainJoined", "YES");
  t = cu_insert_after(t, "DomainJoined", "DomainName", "CONTOSO");
  check(t, NJ_NOW, "", NULL);
}

/* Regression test (was a bug, fixed): a capture without its User State section
 * (a fragment, or a paste cut after Device State) does not say whether a work
 * account is registered, but dsreg_join_type_of() (src/join.c) treats the
 * missing WorkplaceJoined as NO, so not-joined fires and claims "no work
 * account is registered (..., WorkplaceJoined )", quoting an empty value.
 * join.c's own header says "a missing section is not a NO"; the expected join
 * type here is unknown, leaving only capture-incomplete. */
static void test_not_joined_needs_user_state(void **state) {
  (void)state;
  check(cu_del_section(base(NOT_JOINED), "User State"), NJ_NOW,
        "capture-incomplete", NULL);
}

static void test_join_state_contradictory(void **state) {
  (void)state;
  cu_finding f = check(cu_set(base(ENTRA), "EnterpriseJoined", "YES"), E_NOW,
                       "join-state-contradictory", "join-state-contradictory");
  assert_string_equal(f.message,
                      "AzureAdJoined and EnterpriseJoined are both YES, which "
                      "dsregcmd documents as impossible: the capture is "
                      "damaged or the registration state is corrupt");
  f = check(cu_set(base(DRS), "DomainJoined", "NO"), DRS_NOW,
            "join-state-contradictory", "join-state-contradictory");
  assert_string_equal(f.message, "EnterpriseJoined is YES but DomainJoined is "
                                 "NO: an on-premises DRS join needs a domain "
                                 "join");
  /* the four states of the truth table are fine */
  check(base(ENTRA), E_NOW, "", NULL);
  check(base(HYBRID), H_NOW, "", NULL);
  check(base(DRS), DRS_NOW, "", NULL);
  check(domain_ok(), D_NOW, "hybrid-join-not-attempted", NULL);
}

/* dual-state needs a hybrid device and a registration in its own tenant
 * (DSRegTool); test_rules_join.c covers the cases. */
static void test_dual_state(void **state) {
  (void)state;
  char *t = cu_set(base(HYBRID), "WorkplaceJoined", "YES");
  t = cu_insert_after(t, "WorkplaceJoined", "WorkplaceTenantId", "");
  check(t, H_NOW, "", NULL); /* no Work Account section: not judged */
  check(base(ENTRA), E_NOW, "", NULL);
  check(base(HYBRID), H_NOW, "", NULL);
  /* domain joined only: that is domain-joined-registered, not dual state */
  check(cu_set(domain_ok(), "WorkplaceJoined", "YES"), D_NOW,
        "domain-joined-registered hybrid-join-not-attempted", NULL);
}

static void test_domain_joined_registered(void **state) {
  (void)state;
  cu_finding f = check(cu_set(domain_ok(), "WorkplaceJoined", "YES"), D_NOW,
                       "domain-joined-registered hybrid-join-not-attempted",
                       "domain-joined-registered");
  /* hybrid join planning page: the registered state is removed after the
   * hybrid join when the same user signs in, not for local accounts */
  assert_string_equal(f.message,
                      "the device is domain joined and a work account is "
                      "registered on it (WorkplaceJoined YES): once the "
                      "device is hybrid joined, Windows 10 1803 and later "
                      "remove the registration when the same user signs in, "
                      "except for registrations made by local accounts");
  check(domain_ok(), D_NOW, "hybrid-join-not-attempted", NULL);
}

static void test_virtual_desktop_invalid(void **state) {
  (void)state;
  cu_finding f = check(cu_set(base(ENTRA), "Virtual Desktop", "INVALID"), E_NOW,
                       "virtual-desktop-invalid", "virtual-desktop-invalid");
  assert_string_equal(f.message,
                      "Virtual Desktop is INVALID: the VDI metadata on this "
                      "device is wrong, so Entra cannot tell how to treat it");
  assert_true(evidence_has(&f, "Virtual Desktop"));
  check(base(ENTRA), E_NOW, "", NULL); /* NOT SET */
  check(cu_set(base(ENTRA), "Virtual Desktop", "YES"), E_NOW, "", NULL);
}

/* ---- hybrid join ---------------------------------------------------------
 */

/* domain_ok() with a join-phase DirectoryError and `message`. */
static char *directory_error(const char *message) {
  const char *const kv[] = {"Previous Registration",
                            "2025-03-07 13:21:40.000 UTC",
                            "Registration Type",
                            "sync",
                            "Error Phase",
                            "join",
                            "Client ErrorCode",
                            "0x801c03f2",
                            "Server ErrorCode",
                            "DirectoryError",
                            "Server Message",
                            message,
                            "Https Status",
                            "400",
                            NULL};
  return cu_insert_lines(domain_ok(), "Fallback to Sync-Join", kv);
}

static void test_hybrid_join_failed(void **state) {
  (void)state;
  char want[1024], code[600];
  cu_finding f = check(
      base(DISC_FAILED), D_NOW,
      "hybrid-join-failed drs-discovery-failed prejoin-not-system-context",
      "hybrid-join-failed");
  snprintf(want, sizeof want,
           "the device is domain joined but not Microsoft Entra hybrid "
           "joined: the last attempt (2025-03-07 13:21 UTC) stopped in the "
           "discover phase with %s",
           code_text(0x801c0021u, DSREG_CODE_DISCOVER, code, sizeof code));
  assert_string_equal(f.message, want);
  assert_true(evidence_has(&f, "Error Phase"));
  assert_true(evidence_has(&f, "Client ErrorCode"));

  /* only an error code, no phase */
  f = check(cu_insert_after(domain_ok(), "Fallback to Sync-Join",
                            "Client ErrorCode", "0x801c0021"),
            D_NOW, "hybrid-join-failed", "hybrid-join-failed");
  assert_non_null(strstr(f.message, "stopped in the unknown phase with "
                                    "0x801c0021"));
  /* only a failed test */
  f = check(cu_set(domain_ok(), "AD Connectivity Test", "FAIL [0x80072ee2]"),
            D_NOW, "hybrid-join-failed ad-connectivity-failed",
            "hybrid-join-failed");
  assert_string_equal(f.message,
                      "the device is domain joined but not Microsoft Entra "
                      "hybrid joined, and a pre-join test failed (see the "
                      "test findings)");
  /* a DirectoryError that is not the sync wait */
  check(directory_error("The device object by the given id "
                        "(b8f92979-a200-4341-8cd8-3219a41ae7c3) is disabled."),
        D_NOW, "hybrid-join-failed", NULL);

  /* silent: nothing wrong, and the sync-pending case */
  check(domain_ok(), D_NOW, "hybrid-join-not-attempted", NULL);
  check(directory_error("The device object by the given id "
                        "(b8f92979-a200-4341-8cd8-3219a41ae7c3) isn't found."),
        D_NOW, "hybrid-join-pending-sync", NULL);
  check(base(SYNC_PENDING), SP_NOW,
        "hybrid-join-pending-sync capture-as-system", NULL);
  /* a hybrid-joined device is past all this */
  check(base(HYBRID), H_NOW, "", NULL);
}

static void test_hybrid_join_pending_sync(void **state) {
  (void)state;
  cu_finding f = check(base(SYNC_PENDING), SP_NOW,
                       "hybrid-join-pending-sync capture-as-system",
                       "hybrid-join-pending-sync");
  assert_string_equal(f.message,
                      "the hybrid join is waiting for Microsoft Entra "
                      "Connect: the DRS does not know this computer yet "
                      "(0x801c03f2 DirectoryError: \"The device object by the "
                      "given id (b8f92979-a200-4341-8cd8-3219a41ae7c3) isn't "
                      "found.\")");
  assert_true(evidence_has(&f, "Server Message"));
  check(directory_error("The device object by the given id "
                        "(b8f92979-a200-4341-8cd8-3219a41ae7c3) is not found."),
        D_NOW, "hybrid-join-pending-sync", NULL);
  /* silent: another DirectoryError, another code, nothing wrong */
  check(directory_error("The device object by the given id "
                        "(b8f92979-a200-4341-8cd8-3219a41ae7c3) is disabled."),
        D_NOW, "hybrid-join-failed", NULL);
  check(cu_set(base(SYNC_PENDING), "Client ErrorCode", "0x801c0002"), SP_NOW,
        "hybrid-join-failed capture-as-system", NULL);
  check(domain_ok(), D_NOW, "hybrid-join-not-attempted", NULL);
}

/* Regression test (was a bug, fixed): 0x801c03f2 DirectoryError is also
 * returned for "AADSTS90002: Tenant
 * ... not found" (a wrong tenant in the SCP, or no
 * active subscription).  sync_pending() in src/rules/prejoin.c accepts any
 * Server Message containing "not found", so this real join failure is reported
 * as hybrid-join-pending-sync (a warning: "wait for the next sync") and
 * hybrid-join-failed is suppressed.  The rule's `when` is "the device object
 * is not found". */
static void test_pending_sync_not_for_tenant_not_found(void **state) {
  (void)state;
  check(directory_error("AADSTS90002: Tenant "
                        "'" TENANT "' not found. This may happen if there are "
                        "no active subscriptions for the tenant."),
        D_NOW, "hybrid-join-scp-wrong-tenant", NULL);
}

/* One pre-join test: FAIL fires `rule`, PASS and SKIPPED are silent. */
static cu_finding prejoin_test(const char *key, const char *fail,
                               const char *rule) {
  char ids[128];
  snprintf(ids, sizeof ids, "hybrid-join-failed %s", rule);
  cu_finding f = check(cu_set(domain_ok(), key, fail), D_NOW, ids, rule);
  assert_true(evidence_has(&f, key));
  check(cu_set(domain_ok(), key, "PASS"), D_NOW, "hybrid-join-not-attempted",
        NULL);
  /* a skipped connectivity test is not "every test passed"; the token and
   * Kerberos tests are skipped on ordinary sync joins */
  bool optional = strcmp(key, "Token acquisition Test") == 0 ||
                  strcmp(key, "Kerberos Ticket Test") == 0;
  check(cu_set(domain_ok(), key, "SKIPPED"), D_NOW,
        optional ? "hybrid-join-not-attempted" : "", NULL);
  return f;
}

static void test_ad_connectivity_failed(void **state) {
  (void)state;
  char want[1024], code[600];
  cu_finding f = prejoin_test("AD Connectivity Test", "FAIL [0x80072ee2]",
                              "ad-connectivity-failed");
  snprintf(want, sizeof want,
           "AD Connectivity Test (line of sight to a domain controller) "
           "failed with %s",
           code_text(0x80072ee2u, DSREG_CODE_ANY, code, sizeof code));
  assert_string_equal(f.message, want);
  /* a FAIL without a code */
  f = check(cu_set(domain_ok(), "AD Connectivity Test", "FAIL"), D_NOW,
            "hybrid-join-failed ad-connectivity-failed",
            "ad-connectivity-failed");
  assert_string_equal(f.message, "AD Connectivity Test (line of sight to a "
                                 "domain controller) failed");
}

static void test_ad_configuration_failed(void **state) {
  (void)state;
  char want[1024], code[600];
  cu_finding f = prejoin_test("AD Configuration Test", "FAIL [0x80070002]",
                              "ad-configuration-failed");
  snprintf(want, sizeof want,
           "AD Configuration Test (reading the SCP object) failed with %s",
           code_text(0x80070002u, DSREG_CODE_ANY, code, sizeof code));
  assert_string_equal(f.message, want);
}

static void test_drs_discovery_failed(void **state) {
  (void)state;
  char want[1400], a[600], b[600];
  cu_finding f =
      prejoin_test("DRS Discovery Test", "FAIL [0x801c0021/0x80072ee2]",
                   "drs-discovery-failed");
  snprintf(want, sizeof want, "DRS Discovery Test failed with %s, sub-error %s",
           code_text(0x801c0021u, DSREG_CODE_DISCOVER, a, sizeof a),
           code_text(0x80072ee2u, DSREG_CODE_DISCOVERY_SUB, b, sizeof b));
  assert_string_equal(f.message, want);
}

static void test_drs_connectivity_failed(void **state) {
  (void)state;
  cu_finding f = prejoin_test("DRS Connectivity Test", "FAIL [0x80072efd]",
                              "drs-connectivity-failed");
  assert_non_null(
      strstr(f.message, "DRS Connectivity Test failed with 0x80072efd ("));
}

static void test_token_acquisition_failed(void **state) {
  (void)state;
  cu_finding f = prejoin_test("Token acquisition Test", "FAIL [0xcaa90017]",
                              "token-acquisition-failed");
  assert_non_null(strstr(f.message, "Token acquisition Test (federated token "
                                    "for the DRS) failed with 0xcaa90017 ("));
}

static void test_kerberos_ticket_test_failed(void **state) {
  (void)state;
  /* printed after DRS Connectivity Test on 2026 builds (corpus 06) */
  char *t = cu_insert_after(domain_ok(), "DRS Connectivity Test",
                            "Kerberos Ticket Test", "FAIL [0x80090311]");
  cu_finding f =
      check(t, D_NOW, "hybrid-join-failed kerberos-ticket-test-failed",
            "kerberos-ticket-test-failed");
  assert_non_null(strstr(f.message, "Kerberos Ticket Test (hybrid join "
                                    "through Entra Kerberos) failed with "
                                    "0x80090311 ("));
  t = cu_insert_after(domain_ok(), "DRS Connectivity Test",
                      "Kerberos Ticket Test", "SKIPPED");
  check(t, D_NOW, "hybrid-join-not-attempted", NULL);
  t = cu_insert_after(domain_ok(), "DRS Connectivity Test",
                      "Kerberos Ticket Test", "PASS");
  check(t, D_NOW, "hybrid-join-not-attempted", NULL);
}

static void test_entra_kerberos_join_failed(void **state) {
  (void)state;
  char want[1024], code[600];
  const char *const kv[] = {"Error Phase", "join", "Client ErrorCode",
                            "0x80090311", NULL};
  cu_finding f =
      check(cu_insert_lines(domain_ok(), "Fallback to Sync-Join", kv), D_NOW,
            "hybrid-join-failed entra-kerberos-join-failed",
            "entra-kerberos-join-failed");
  snprintf(want, sizeof want,
           "the hybrid join through Microsoft Entra Kerberos failed with %s",
           code_text(0x80090311u, DSREG_CODE_KERBEROS_JOIN, code, sizeof code));
  assert_string_equal(f.message, want);
  const dsreg_code_info *i =
      dsreg_code_lookup_value(0x80090311u, DSREG_CODE_KERBEROS_JOIN);
  assert_string_equal(f.remedy, i->remedy);
  /* a join-phase code of the classic path */
  const char *const kv2[] = {"Error Phase", "join", "Client ErrorCode",
                             "0x801c0006", NULL};
  check(cu_insert_lines(domain_ok(), "Fallback to Sync-Join", kv2), D_NOW,
        "hybrid-join-failed", NULL);
  check(base(SYNC_PENDING), SP_NOW,
        "hybrid-join-pending-sync capture-as-system", NULL);
}

static void test_sync_join_fallback_disabled(void **state) {
  (void)state;
  /* D1: sync join is the fallback when the federated authentication fails */
  char *t = cu_set(domain_ok(), "Fallback to Sync-Join", "DISABLED");
  t = cu_set(t, "Token acquisition Test", "FAIL");
  cu_finding f = check(t, D_NOW,
                       "hybrid-join-failed token-acquisition-failed "
                       "sync-join-fallback-disabled",
                       "sync-join-fallback-disabled");
  assert_string_equal(f.message,
                      "Fallback to Sync-Join is DISABLED: when the federated "
                      "join fails, the device will not fall back to a join "
                      "through Entra Connect sync");
  check(domain_ok(), D_NOW, "hybrid-join-not-attempted", NULL); /* ENABLED */
}

/* ---- device health ---------------------------------------------------- */

static void test_device_auth_failed(void **state) {
  (void)state;
  const char *del = "FAILED. Device is either disabled or deleted";
  cu_finding f = check(cu_set(base(ENTRA), "DeviceAuthStatus", del), E_NOW,
                       "device-auth-failed", "device-auth-failed");
  assert_string_equal(f.message,
                      "DeviceAuthStatus is \"FAILED. Device is either "
                      "disabled or deleted\": Microsoft Entra ID does not "
                      "accept this device, which is disabled or deleted "
                      "there, so no PRT, SSO or device-based Conditional "
                      "Access works");
  /* D4 (faq), a deleted device: "For Microsoft Entra joined devices ...
   * Enter dsregcmd /forcerecovery"; an unjoin instead needs "an offline
   * local administrator account". */
  assert_non_null(strstr(f.remedy, "'dsregcmd /forcerecovery' elevated"));
  assert_non_null(strstr(f.remedy, "offline local administrator"));
  assert_null(strstr(f.remedy, "/leave"));
  f = check(cu_set(base(HYBRID), "DeviceAuthStatus", del), H_NOW,
            "device-auth-failed", "device-auth-failed");
  assert_non_null(strstr(f.remedy, "Disabled: do not unjoin"));
  assert_non_null(strstr(f.remedy, "BitLocker recovery key"));
  assert_non_null(strstr(f.remedy, "'dsregcmd /debug /leave'"));
  assert_null(strstr(f.remedy, "/forcerecovery"));
  /* D1: FAILED. ERROR is a test that could not run (device-auth-not-tested) */
  check(cu_set(base(ENTRA), "DeviceAuthStatus", "FAILED. ERROR"), E_NOW,
        "device-auth-not-tested", NULL);
  check(base(ENTRA), E_NOW, "", NULL);
  check(base(HYBRID), H_NOW, "", NULL);
}

#define VALIDITY(from, to) "[ " from " UTC -- " to " UTC ]"

static char *entra_validity(const char *v) {
  return cu_set(base(ENTRA), "DeviceCertificateValidity", v);
}

static void test_cert_expired(void **state) {
  (void)state;
  /* one day after the end of validity */
  cu_finding f = check(entra_validity(VALIDITY("2015-03-01 07:30:01.000",
                                               "2025-03-01 08:00:01.000")),
                       E_NOW, "cert-expired", "cert-expired");
  assert_string_equal(f.message, "device certificate expired on 2025-03-01, "
                                 "1 day before --now (2025-03-02)");
  assert_true(evidence_has(&f, "DeviceCertificateValidity"));
  /* one day before it: not expired (but expiring) */
  check(entra_validity(
            VALIDITY("2015-03-03 07:30:01.000", "2025-03-03 08:00:01.000")),
        E_NOW, "cert-expiring", NULL);
  /* the healthy device certificate, the same at the end of validity +- 1 d */
  check(base(ENTRA), E_NOW, "", NULL);
  check(base(ENTRA), "2034-02-13T09:44:34Z", "cert-expired prt-expired", NULL);
  f = check(base(ENTRA), "2034-02-13T09:44:33Z", "cert-expired prt-expired",
            "cert-expired");
  assert_string_equal(f.message, "device certificate expired on 2034-02-12, "
                                 "1 day before --now (2034-02-13)");
  check(base(ENTRA), "2034-02-11T09:44:33Z", "cert-expiring prt-expired", NULL);

  /* the fixture of the issue */
  f = check(base(CERT_EXPIRED), CE_NOW,
            "device-auth-failed cert-expired prt-missing prt-acquire-failed "
            "wam-default-missing",
            "cert-expired");
  assert_string_equal(f.message, "device certificate expired on 2024-06-01, "
                                 "227 days before --now (2025-01-15)");

  /* a work account's certificate */
  char *t = cu_set_nth(
      base(REGISTERED), "DeviceCertificateValidity", 2,
      VALIDITY("2015-03-03 06:40:19.000", "2025-03-03 07:10:19.000"));
  f = check(t, REG_NOW, "cert-expired", "cert-expired");
  assert_string_equal(f.message,
                      "certificate of Work Account 2 expired on 2025-03-03, "
                      "1 day before --now (2025-03-04)");
  check(base(REGISTERED), REG_NOW, "", NULL);

  /* no reference time: no date rule */
  check(entra_validity(
            VALIDITY("2015-03-01 07:30:01.000", "2025-03-01 08:00:01.000")),
        NULL, "", NULL);
}

static void test_cert_expiring(void **state) {
  (void)state;
  cu_finding f = check(entra_validity(VALIDITY("2015-03-03 07:30:01.000",
                                               "2025-03-03 08:00:01.000")),
                       E_NOW, "cert-expiring", "cert-expiring");
  assert_string_equal(f.message, "device certificate expires on 2025-03-03, "
                                 "in 1 day (--now is 2025-03-02)");
  /* exactly 30 days is within the window, 31 days is not */
  f = check(entra_validity(
                VALIDITY("2015-04-01 07:30:01.000", "2025-04-01 08:00:01.000")),
            E_NOW, "cert-expiring", "cert-expiring");
  assert_string_equal(f.message, "device certificate expires on 2025-04-01, "
                                 "in 30 days (--now is 2025-03-02)");
  check(entra_validity(
            VALIDITY("2015-04-02 07:30:01.000", "2025-04-02 08:00:01.000")),
        E_NOW, "", NULL);
  check(base(ENTRA), E_NOW, "", NULL);
  /* a work account's certificate */
  char *t =
      cu_set(base(REGISTERED), "DeviceCertificateValidity",
             VALIDITY("2015-03-20 13:05:47.000", "2025-03-20 13:35:47.000"));
  f = check(t, REG_NOW, "cert-expiring", "cert-expiring");
  assert_string_equal(f.message,
                      "certificate of Work Account 1 expires on 2025-03-20, "
                      "in 16 days (--now is 2025-03-04)");
}

static void test_cert_not_yet_valid(void **state) {
  (void)state;
  cu_finding f = check(entra_validity(VALIDITY("2025-03-03 08:00:01.000",
                                               "2035-03-03 08:30:01.000")),
                       E_NOW, "cert-not-yet-valid", "cert-not-yet-valid");
  assert_string_equal(f.message, "device certificate is valid only from "
                                 "2025-03-03, after --now (2025-03-02): the "
                                 "device clock or the capture time is wrong");
  check(entra_validity(
            VALIDITY("2025-03-01 08:00:01.000", "2035-03-01 08:30:01.000")),
        E_NOW, "", NULL);
  check(base(ENTRA), E_NOW, "", NULL);
  /* the registered fixture's certificates were issued the day before */
  check(base(REGISTERED), REG_NOW, "", NULL);
  check(base(REGISTERED), "2025-03-03T12:00:00Z",
        "cert-not-yet-valid cert-not-yet-valid", NULL);
}

static void test_cert_validity_invalid(void **state) {
  (void)state;
  /* Reversed: it used to be both cert-expired and cert-not-yet-valid. */
  const char *reversed =
      VALIDITY("2035-03-03 08:30:01.000", "2025-03-01 08:00:01.000");
  cu_finding f = check(entra_validity(reversed), E_NOW, "cert-validity-invalid",
                       "cert-validity-invalid");
  assert_string_equal(f.message,
                      "the validity of the device certificate is reversed: it "
                      "starts on 2035-03-03, after it ends on 2025-03-01, so "
                      "neither date can be trusted");
  assert_int_equal(f.evidence_count, 1);
  assert_string_equal(f.evidence_key[0], "DeviceCertificateValidity");
  /* The dates need no reference time to be wrong. */
  check(entra_validity(reversed), NULL, "cert-validity-invalid", NULL);
  /* nor does the expiry window see it */
  check(entra_validity(
            VALIDITY("2025-03-10 08:00:01.000", "2025-03-05 08:00:01.000")),
        E_NOW, "cert-validity-invalid", NULL);
  /* a work account's certificate, the other one left alone */
  f = check(cu_set_nth(
                base(REGISTERED), "DeviceCertificateValidity", 2,
                VALIDITY("2035-03-03 16:40:19.000", "2025-03-03 17:10:19.000")),
            REG_NOW, "cert-validity-invalid", "cert-validity-invalid");
  assert_string_equal(f.message,
                      "the validity of the certificate of Work Account 2 is "
                      "reversed: it starts on 2035-03-03, after it ends on "
                      "2025-03-03, so neither date can be trusted");
  /* One instant is a range, if a short one. */
  check(entra_validity(
            VALIDITY("2025-03-01 08:00:01.000", "2025-03-01 08:00:01.000")),
        E_NOW, "cert-expired", NULL);
  check(base(ENTRA), NULL, "", NULL);
}

static void test_key_sign_failed(void **state) {
  (void)state;
  cu_finding f = check(cu_set(base(ENTRA), "KeySignTest", "FAILED. 0x80090016"),
                       E_NOW, "key-sign-failed", "key-sign-failed");
  assert_non_null(strstr(f.message,
                         "KeySignTest reports \"FAILED. "
                         "0x80090016\": 0x80090016 (NTE_BAD_KEYSET"));
  check(base(ENTRA), E_NOW, "", NULL); /* PASSED */
  check(cu_set(base(ENTRA), "KeySignTest", "MUST Run elevated to test."), E_NOW,
        "", NULL);
}

static void test_recovery_pending(void **state) {
  (void)state;
  cu_finding f = check(cu_set(base(ENTRA), "AadRecoveryEnabled", "YES"), E_NOW,
                       "recovery-pending", "recovery-pending");
  assert_string_equal(f.message,
                      "AadRecoveryEnabled is YES: the device keys are "
                      "unusable and the device is marked for recovery");
  check(base(ENTRA), E_NOW, "", NULL);
}

static void test_key_not_tpm_protected(void **state) {
  (void)state;
  char *t = cu_set(base(ENTRA), "TpmProtected", "NO");
  t = cu_set(t, "KeyProvider", "Microsoft Software Key Storage Provider");
  cu_finding f =
      check(t, E_NOW, "key-not-tpm-protected", "key-not-tpm-protected");
  assert_string_equal(f.message,
                      "the device key is not protected by a TPM "
                      "(TpmProtected NO, provider \"Microsoft Software Key "
                      "Storage Provider\"): it can be copied off the device");
  check(base(ENTRA), E_NOW, "", NULL);
}

static void test_key_provider_unexpected(void **state) {
  (void)state;
  cu_finding f =
      check(cu_set(base(ENTRA), "KeyProvider", "Contoso Virtual HSM KSP"),
            E_NOW, "key-provider-unexpected", "key-provider-unexpected");
  assert_string_equal(f.message, "KeyProvider is \"Contoso Virtual HSM KSP\", "
                                 "neither the TPM (Microsoft Platform Crypto "
                                 "Provider) nor the software provider");
  check(base(ENTRA), E_NOW, "", NULL);
  char *t = cu_set(base(ENTRA), "TpmProtected", "NO");
  t = cu_set(t, "KeyProvider", "Microsoft Software Key Storage Provider");
  check(t, E_NOW, "key-not-tpm-protected", NULL);
}

/* ---- tenant and MDM ------------------------------------------------------
 */

static char *no_mdm(char *t) {
  t = cu_set(t, "MdmUrl", "");
  t = cu_set(t, "MdmTouUrl", "");
  return cu_set(t, "MdmComplianceUrl", "");
}

static void test_mdm_urls_missing(void **state) {
  (void)state;
  cu_finding f =
      check(no_mdm(base(ENTRA)), E_NOW, "mdm-urls-missing", "mdm-urls-missing");
  assert_string_equal(f.message,
                      "the device is Microsoft Entra joined but MdmUrl is "
                      "empty: MDM auto-enrollment (Intune) is not configured "
                      "for this tenant or the user is not in its scope");
  f = check(no_mdm(base(HYBRID)), H_NOW, "mdm-urls-missing",
            "mdm-urls-missing");
  assert_non_null(strstr(f.message, "Microsoft Entra hybrid joined but"));
  /* registered only: its Work Account 2 has an empty WorkplaceMdmUrl */
  check(base(REGISTERED), REG_NOW, "", NULL);
  check(cu_set(base(REGISTERED), "WorkplaceMdmUrl", ""), REG_NOW, "", NULL);
  check(base(ENTRA), E_NOW, "", NULL);
  /* DRS joined devices print no Tenant Details */
  check(base(DRS), DRS_NOW, "", NULL);
}

static void test_mdm_compliance_url_missing(void **state) {
  (void)state;
  cu_finding f =
      check(cu_set(base(ENTRA), "MdmComplianceUrl", ""), E_NOW,
            "mdm-compliance-url-missing", "mdm-compliance-url-missing");
  assert_string_equal(f.message, "MdmUrl is set (https://enrollment.manage."
                                 "microsoft.com/enrollmentserver/"
                                 "discovery.svc) but MdmComplianceUrl is "
                                 "empty");
  check(base(ENTRA), E_NOW, "", NULL);
  /* all empty: that is mdm-urls-missing alone */
  check(no_mdm(base(ENTRA)), E_NOW, "mdm-urls-missing", NULL);
}

/* ---- PRT and SSO -------------------------------------------------------- */

static void test_prt_missing(void **state) {
  (void)state;
  cu_finding f = check(entra_no_prt(), E_NOW, "prt-missing", "prt-missing");
  assert_string_equal(f.message,
                      "the device is Microsoft Entra joined but the signed-in "
                      "user has no Microsoft Entra PRT (AzureAdPrt NO): "
                      "single sign-on and device-based Conditional Access "
                      "fail");
  assert_true(evidence_has(&f, "AzureAdPrt"));
  assert_true(evidence_has(&f, "Executing Account Name"));

  /* a computer account: the capture was taken as SYSTEM */
  char *t = cu_set(entra_no_prt(), "Device Name", "PC01");
  t = cu_set(t, "Executing Account Name", "CONTOSO\\PC01$, PC01$@contoso.com");
  check(t, E_NOW, "capture-as-system", NULL);
  t = cu_set(base(HYBRID), "AzureAdPrt", "NO");
  t = cu_del(t, "AzureAdPrtUpdateTime");
  t = cu_del(t, "AzureAdPrtExpiryTime");
  t = cu_set(t, "AzureAdPrtAuthority", "");
  t = cu_set(t, "Device Name", "PC01.corp.contoso.com");
  t = cu_set(t, "Executing Account Name", "CONTOSO\\PC01$, PC01$@contoso.com");
  check(t, H_NOW, "capture-as-system", NULL);
  check(base(AS_SYSTEM), "2025-03-02T08:05:00Z", "capture-as-system", NULL);

  /* a local account on an Entra joined device named PC01 */
  t = cu_set(entra_no_prt(), "Device Name", "PC01");
  t = cu_set(t, "Executing Account Name", "PC01\\localuser");
  check(t, E_NOW, "capture-as-local-account", NULL);

  /* the same capture as a hybrid user still fires */
  t = cu_set(base(HYBRID), "AzureAdPrt", "NO");
  t = cu_del(t, "AzureAdPrtUpdateTime");
  t = cu_del(t, "AzureAdPrtExpiryTime");
  t = cu_set(t, "AzureAdPrtAuthority", "");
  f = check(t, H_NOW, "prt-missing", "prt-missing");
  assert_non_null(strstr(f.message, "Microsoft Entra hybrid joined but"));

  /* silent: a PRT; registered and DRS devices (their PRT is not shown) */
  check(base(ENTRA), E_NOW, "", NULL);
  check(base(REGISTERED), REG_NOW, "", NULL);
  check(base(DRS), DRS_NOW, "", NULL);
}

static void test_prt_stale(void **state) {
  (void)state;
  dsreg_rule_options opt;
  /* updated 07:41:12: 5 hours and a second later */
  cu_finding f =
      check(base(ENTRA), "2025-03-02T12:41:13Z", "prt-stale", "prt-stale");
  assert_string_equal(f.message, "the PRT was last updated 2025-03-02 07:41 "
                                 "UTC, 5 hours before --now: it should renew "
                                 "every 4 hours");
  assert_true(evidence_has(&f, "AzureAdPrtUpdateTime"));
  /* exactly 4 hours is not stale */
  check(base(ENTRA), "2025-03-02T11:41:12Z", "", NULL);
  check(base(ENTRA), E_NOW, "", NULL);

  /* the clock of a saved file says nothing about the PRT's age ... */
  dsreg_rule_options_init(&opt);
  opt.now_ms = cu_ms("2025-03-02T12:41:13Z");
  opt.now_source = DSREG_TIME_CLOCK;
  opt.clock_is_capture_time = false;
  check_opt(base(ENTRA), &opt, "", NULL);
  /* ... unless the capture was piped in live */
  opt.clock_is_capture_time = true;
  f = check_opt(base(ENTRA), &opt, "prt-stale", "prt-stale");
  assert_string_equal(f.message, "the PRT was last updated 2025-03-02 07:41 "
                                 "UTC, 5 hours before today: it should renew "
                                 "every 4 hours");
  /* no reference time at all */
  check(base(ENTRA), NULL, "", NULL);
  /* no PRT, nothing to be stale */
  check(entra_no_prt(), "2025-03-02T12:41:13Z", "prt-missing", NULL);
  /* the fixture of the issue: 48 hours */
  f = check(base("fixtures/synthetic/entra_joined_prt_stale_mdm_missing.txt"),
            "2025-03-03T08:00:00Z",
            "key-not-tpm-protected mdm-urls-missing prt-stale", "prt-stale");
  assert_string_equal(f.message, "the PRT was last updated 2025-03-01 08:00 "
                                 "UTC, 48 hours before --now: it should renew "
                                 "every 4 hours");
}

static void test_prt_expired(void **state) {
  (void)state;
  dsreg_rule_options opt;
  /* expires 2025-03-16 07:41:12 */
  cu_finding f =
      check(base(ENTRA), "2025-03-18T07:41:12Z", "prt-expired", "prt-expired");
  assert_string_equal(f.message, "the PRT expired 2025-03-16 07:41 UTC, 2 days "
                                 "before --now");
  assert_true(evidence_has(&f, "AzureAdPrtExpiryTime"));
  /* one day before: stale, not expired */
  check(base(ENTRA), "2025-03-15T07:41:12Z", "prt-stale", NULL);
  check(base(ENTRA), E_NOW, "", NULL);
  dsreg_rule_options_init(&opt);
  opt.now_ms = cu_ms("2025-03-18T07:41:12Z");
  opt.now_source = DSREG_TIME_CLOCK;
  check_opt(base(ENTRA), &opt, "", NULL);
  opt.clock_is_capture_time = true;
  check_opt(base(ENTRA), &opt, "prt-expired", NULL);
}

static void test_prt_acquire_failed(void **state) {
  (void)state;
  char want[1400], code[600];
  cu_finding f =
      check(with_acquire_block(entra_no_prt(), "adele.vance@contoso.com"),
            E_NOW, "prt-missing prt-acquire-failed", "prt-acquire-failed");
  snprintf(want, sizeof want,
           "the last attempt to acquire the Microsoft Entra PRT for "
           "adele.vance@contoso.com (2025-03-02 07:58 UTC) failed with %s, "
           "HTTP status 400, server error invalid_grant: \"AADSTS50126: Error "
           "validating credentials due to invalid username or password.\"",
           code_text(0xc000006du, DSREG_CODE_PRT, code, sizeof code));
  assert_string_equal(f.message, want);
  /* the remedy of the server error wins over the status code's */
  const char *desc = "AADSTS50126";
  const dsreg_code_info *i =
      dsreg_code_lookup(desc, strlen(desc), DSREG_CODE_SERVER);
  assert_non_null(i);
  assert_true(i->remedy[0] != '\0');
  assert_memory_equal(f.remedy, i->remedy, strlen(i->remedy));
  assert_true(evidence_has(&f, "Attempt Status"));

  /* a refresh failure while the old PRT is still there */
  const char *const kv[] = {"RefreshPrtDiagnostics",
                            "PRESENT",
                            "Previous Prt Attempt",
                            "2025-03-02 07:58:02.123 UTC",
                            "Attempt Status",
                            "0xc000006d",
                            "User Identity",
                            "adele.vance@contoso.com",
                            "HTTP Error",
                            "0x0",
                            "HTTP status",
                            "400",
                            NULL};
  /* with the PRT present this is prt-refresh-failed (test_rules_prt.c) */
  f = check(cu_insert_lines(base(ENTRA), "AzureAdPrtAuthority", kv), E_NOW,
            "prt-refresh-failed", "prt-refresh-failed");
  assert_non_null(strstr(f.message, "the last attempt to refresh the "
                                    "Microsoft Entra PRT for "
                                    "adele.vance@contoso.com (2025-03-02 "
                                    "07:58 UTC) failed with 0xc000006d"));
  check(base(ENTRA), E_NOW, "", NULL);
}

/* Hybrid joined through AD FS: the enterprise PRT authority is set. */
static char *hybrid_adfs(void) {
  return cu_set(base(HYBRID), "EnterprisePrtAuthority",
                "https://adfs.contoso.com:443/adfs");
}

static void test_enterprise_prt_acquire_failed(void **state) {
  (void)state;
  const char *const kv[] = {
      "AcquirePrtDiagnostics",
      "PRESENT",
      "Previous Prt Attempt",
      "2025-03-05 09:10:01.417 UTC",
      "Attempt Status",
      "0xc000006d",
      "User Identity",
      "adele@contoso.com",
      "Credential Type",
      "Password",
      "Endpoint URI",
      "https://adfs.contoso.com/adfs/oauth2/token/",
      "HTTP Method",
      "POST",
      "HTTP Error",
      "0x0",
      "HTTP status",
      "400",
      "Server Error Code",
      "invalid_grant",
      "Server Error Description",
      "MSIS9682: Received invalid OAuth JWT Bearer request. The certificate "
      "used to sign JWT Bearer request is not from a registered device with "
      "a Transport key.",
      NULL};
  char *t = cu_insert_lines(hybrid_adfs(), "EnterprisePrtAuthority", kv);
  cu_finding f =
      check(t, H_NOW, "enterprise-prt-missing enterprise-prt-acquire-failed",
            "enterprise-prt-acquire-failed");
  assert_non_null(strstr(f.message, "the last attempt to acquire the "
                                    "enterprise (AD FS) PRT for "
                                    "adele@contoso.com (2025-03-05 09:10 UTC) "
                                    "failed with 0xc000006d ("));
  assert_non_null(strstr(f.message, "HTTP status 400, server error "
                                    "invalid_grant: \"MSIS9682: Received"));
  /* silent: the enterprise PRT is there */
  t = cu_set(hybrid_adfs(), "EnterprisePrt", "YES");
  t = cu_insert_after(t, "EnterprisePrt", "EnterprisePrtUpdateTime",
                      "2025-03-05 09:12:50.000 UTC");
  t = cu_insert_after(t, "EnterprisePrtUpdateTime", "EnterprisePrtExpiryTime",
                      "2025-03-19 09:12:50.000 UTC");
  check(t, H_NOW, "", NULL);
  /* the Entra PRT's block is not the enterprise one */
  check(base(CERT_EXPIRED), CE_NOW,
        "device-auth-failed cert-expired prt-missing prt-acquire-failed "
        "wam-default-missing",
        NULL);
}

static void test_enterprise_prt_missing(void **state) {
  (void)state;
  cu_finding f = check(hybrid_adfs(), H_NOW, "enterprise-prt-missing",
                       "enterprise-prt-missing");
  assert_string_equal(f.message, "the user has no enterprise PRT from AD FS "
                                 "(EnterprisePrt NO) although AD FS is in use: "
                                 "https://adfs.contoso.com:443/adfs");
  /* certificate trust through AD FS is evidence too */
  f = check(cu_set(base(HYBRID), "CertEnrollment", "enrollment authority"),
            H_NOW, "enterprise-prt-missing", "enterprise-prt-missing");
  assert_string_equal(f.message, "the user has no enterprise PRT from AD FS "
                                 "(EnterprisePrt NO) although AD FS is in "
                                 "use");
  /* DRS joined */
  char *t = cu_set(base(DRS), "EnterprisePrt", "NO");
  t = cu_del(t, "EnterprisePrtUpdateTime");
  t = cu_del(t, "EnterprisePrtExpiryTime");
  check(t, DRS_NOW, "enterprise-prt-missing", NULL);
  /* silent: a managed domain (empty authority), an enterprise PRT, an Entra
   * joined device, a SYSTEM capture */
  check(base(HYBRID), H_NOW, "", NULL);
  check(base(DRS), DRS_NOW, "", NULL);
  check(cu_set(base(ENTRA), "EnterprisePrtAuthority",
               "https://adfs.contoso.com:443/adfs"),
        E_NOW, "", NULL);
  t = cu_set(hybrid_adfs(), "Executing Account Name",
             "CONTOSO\\CONTOSO-DT117$, CONTOSO-DT117$@contoso.com");
  check(t, H_NOW, "capture-as-system", NULL);
}

static void test_wam_default_missing(void **state) {
  (void)state;
  char *t = cu_set(base(ENTRA), "WamDefaultSet", "NO");
  t = cu_del(t, "WamDefaultAuthority");
  t = cu_del(t, "WamDefaultId");
  t = cu_del(t, "WamDefaultGUID");
  cu_finding f = check(t, E_NOW, "wam-default-missing", "wam-default-missing");
  assert_string_equal(f.message, "WamDefaultSet is NO: the user has no default "
                                 "WAM account, so apps that sign in through "
                                 "WAM prompt or fail");
  /* ERROR counts only when the capture was not run elevated (KeySignTest
   * needs elevation, so the fixtures, where it ran, were elevated). */
  check(cu_set(base(HYBRID), "WamDefaultSet", "ERROR (0x80070490)"), H_NOW, "",
        NULL);
  char *u = cu_set(base(HYBRID), "WamDefaultSet", "ERROR (0x80070490)");
  u = cu_set(u, "KeySignTest", "MUST Run elevated to test.");
  f = check(u, H_NOW, "wam-default-missing", "wam-default-missing");
  assert_non_null(strstr(f.message, "WamDefaultSet is ERROR (0x80070490): "));
  /* silent: YES, SYSTEM (WamDefaultSet ERROR), not joined (NO) */
  check(base(ENTRA), E_NOW, "", NULL);
  check(base(AS_SYSTEM), "2025-03-02T08:05:00Z", "capture-as-system", NULL);
  check(base(NOT_JOINED), NJ_NOW, "not-joined", NULL);
}

static void test_network_error(void **state) {
  (void)state;
  char want[1024], code[600];
  const char *const kv[] = {"RefreshPrtDiagnostics",
                            "PRESENT",
                            "Previous Prt Attempt",
                            "2025-03-02 07:58:02.123 UTC",
                            "Attempt Status",
                            "0xc000023c",
                            "User Identity",
                            "adele.vance@contoso.com",
                            "Endpoint URI",
                            "https://login.microsoftonline.com/" TENANT
                            "/oauth2/token/",
                            "HTTP Method",
                            "POST",
                            "HTTP Error",
                            "0x80072ee2",
                            NULL};
  cu_finding f =
      check(cu_insert_lines(base(ENTRA), "AzureAdPrtAuthority", kv), E_NOW,
            "prt-refresh-failed network-error", "network-error");
  snprintf(want, sizeof want,
           "the last PRT request to https://login.microsoftonline.com/" TENANT
           "/oauth2/token/ failed on the network: HTTP Error %s",
           code_text(0x80072ee2u, DSREG_CODE_NETWORK, code, sizeof code));
  assert_string_equal(f.message, want);
  /* HTTP Error 0x0: the server answered */
  check(with_acquire_block(entra_no_prt(), "adele.vance@contoso.com"), E_NOW,
        "prt-missing prt-acquire-failed", NULL);
  check(base(ENTRA), E_NOW, "", NULL);
}

/* The user who ran dsregcmd as adele@<suffix>, with the PRT attempt of that
 * same user in the diagnostics. */
static char *own_attempt(const char *upn) {
  char account[96];
  snprintf(account, sizeof account, "AzureAD\\adele, %s", upn);
  return cu_set(with_acquire_block(entra_no_prt(), upn),
                "Executing Account Name", account);
}

static void test_upn_not_routable(void **state) {
  (void)state;
  cu_finding f = check(own_attempt("adele@contoso.local"), E_NOW,
                       "prt-missing prt-acquire-failed upn-not-routable",
                       "upn-not-routable");
  assert_string_equal(f.message,
                      "the PRT was requested for adele@contoso.local, whose "
                      "UPN suffix cannot be a verified domain in Microsoft "
                      "Entra ID");
  check(own_attempt("adele@CONTOSO.LAN"), E_NOW,
        "prt-missing prt-acquire-failed upn-not-routable", NULL);
  /* routable suffixes */
  check(with_acquire_block(entra_no_prt(), "adele.vance@contoso.com"), E_NOW,
        "prt-missing prt-acquire-failed", NULL);
  check(own_attempt("adele@local.contoso.com"), E_NOW,
        "prt-missing prt-acquire-failed", NULL);
  /* D1: on a shared device the diagnostics can be another user's attempt;
   * they say nothing about this user, so neither does the suffix */
  check(with_acquire_block(entra_no_prt(), "adele@contoso.local"), E_NOW,
        "prt-missing prt-diag-other-user", NULL);
}

/* A hybrid capture run by `account`, who has no PRT. */
static char *hybrid_account_no_prt(const char *account) {
  char *t = cu_set(base(HYBRID), "AzureAdPrt", "NO");
  t = cu_del(t, "AzureAdPrtUpdateTime");
  t = cu_del(t, "AzureAdPrtExpiryTime");
  t = cu_set(t, "AzureAdPrtAuthority", "");
  return cu_set(t, "Executing Account Name", account);
}

/* D4: a join fails when "signed in ... by using the local built-in
 * administrator account"; a domain or cloud account named Administrator is
 * not that account (issue 11). */
static void test_builtin_administrator(void **state) {
  (void)state;
  check(hybrid_account_no_prt(
            "CONTOSO\\Administrator, Administrator@contoso.com"),
        H_NOW, "prt-missing", NULL);
  /* in the PRT diagnostics (corpus 17): another user's attempt (D1) */
  check(with_acquire_block(entra_no_prt(), "Administrator@contoso.com"), E_NOW,
        "prt-missing prt-diag-other-user", NULL);
  /* the local built-in Administrator of an Entra joined device */
  char *t = cu_set(entra_no_prt(), "Device Name", "PC01");
  t = cu_set(t, "Executing Account Name", "PC01\\Administrator");
  cu_finding f =
      check(t, E_NOW, "builtin-administrator capture-as-local-account",
            "builtin-administrator");
  assert_string_equal(f.message,
                      "the capture was taken by PC01\\Administrator, the "
                      "device's built-in Administrator account: Windows does "
                      "not join a device to Microsoft Entra ID from that "
                      "account");
  /* silent: other names, even alike */
  check(base(HYBRID), H_NOW, "", NULL);
  t = cu_set(base(HYBRID), "Executing Account Name",
             "CONTOSO\\AdministratorJane, administratorjane@contoso.com");
  check(t, H_NOW, "", NULL);
  t = cu_set(base(HYBRID), "Executing Account Name",
             "CONTOSO\\adm-adele, adm-adele@contoso.com");
  check(t, H_NOW, "", NULL);
}

/* Regression test (was a bug, fixed): `AzureAD\X` is by construction a
 * Microsoft Entra account, never the built-in Administrator (a local
 * `HOST\Administrator` or the domain's RID 500 account).  check_builtin_admin()
 * in src/rules/sso.c strips the domain part and matches the bare name, so an
 * Entra user whose name is Administrator, signed in with a working PRT
 * (AzureAdPrt YES), is told it "cannot get a Microsoft Entra PRT": a false
 * alarm that the capture itself contradicts. */
static void test_builtin_administrator_not_entra_account(void **state) {
  (void)state;
  check(cu_set(base(ENTRA), "Executing Account Name",
               "AzureAD\\Administrator, administrator@contoso.com"),
        E_NOW, "", NULL);
}

/* Regression test (was a bug, fixed): a local account of a computer whose name
 * is longer than 15 characters is printed with the NetBIOS name, which Windows
 * cuts to 15 characters (`CONTOSO-WORKSTA\localuser` on
 * CONTOSO-WORKSTATION-117.corp.contoso.com).  dsreg_rule_account_of() in
 * src/rules/capture_context.c compares the whole host label of Device Name with
 * the part before the backslash, finds no match, and on a domain member
 * (DomainName printed) falls back to "unknown", which counts as a user:
 * prt-missing fires for an account that cannot hold a PRT, and
 * capture-as-local-account does not. */
static void test_prt_missing_not_for_netbios_local_account(void **state) {
  (void)state;
  char *t = hybrid_account_no_prt("CONTOSO-WORKSTA\\localuser");
  t = cu_set(t, "Device Name", "CONTOSO-WORKSTATION-117.corp.contoso.com");
  check(t, H_NOW, "capture-as-local-account", NULL);
}

static void test_cloud_tgt_missing(void **state) {
  (void)state;
  cu_finding f = check(cu_set(base(ENTRA), "CloudTgt", "NO"), E_NOW,
                       "cloud-tgt-missing", "cloud-tgt-missing");
  assert_string_equal(f.message,
                      "the user has a PRT but no Cloud Kerberos TGT for cloud "
                      "resources (CloudTgt NO): Kerberos to Microsoft Entra "
                      "Kerberos resources such as Azure Files will not work");
  check(base(ENTRA), E_NOW, "", NULL);
  /* without a PRT there is no TGT to expect */
  check(cu_set(entra_no_prt(), "CloudTgt", "NO"), E_NOW, "prt-missing", NULL);
  check(base(AS_SYSTEM), "2025-03-02T08:05:00Z", "capture-as-system", NULL);
}

/* ---- Windows Hello ------------------------------------------------------ */

static void test_whfb_will_not_provision(void **state) {
  (void)state;
  char *t = cu_set(base(HYBRID), "PreReqResult", "WillNotProvision");
  t = cu_set(t, "DeviceEligible", "NO");
  cu_finding f =
      check(t, H_NOW, "whfb-will-not-provision", "whfb-will-not-provision");
  assert_string_equal(f.message,
                      "Windows Hello for Business will not provision for this "
                      "user; prerequisites that read NO: DeviceEligible "
                      "(hardware)");
  t = cu_set(base(HYBRID), "PreReqResult", "WillNotProvision");
  t = cu_set(t, "SessionIsNotRemote", "NO");
  t = cu_set(t, "IsUserAzureAD", "NO");
  f = check(t, H_NOW, "whfb-will-not-provision capture-remote-session",
            "whfb-will-not-provision");
  assert_string_equal(f.message,
                      "Windows Hello for Business will not provision for this "
                      "user; prerequisites that read NO: IsUserAzureAD (not "
                      "an Entra user), SessionIsNotRemote (remote session)");
  /* silent: WillProvision; the policy is off (the admin's choice) */
  check(base(HYBRID), H_NOW, "", NULL);
  t = cu_set(base(HYBRID), "PreReqResult", "WillNotProvision");
  t = cu_set(t, "PolicyEnabled", "NO");
  check(t, H_NOW, "", NULL);
  check(base(NOT_JOINED), NJ_NOW, "not-joined", NULL);
}

/* Hybrid joined with Windows Hello certificate trust through AD FS. */
static char *cert_trust(const char *adfs_refresh_token) {
  char *t = hybrid_adfs();
  t = cu_set(t, "CertEnrollment", "enrollment authority");
  const char *const kv[] = {"AdfsRefreshToken",
                            adfs_refresh_token,
                            "AdfsRaIsReady",
                            "YES",
                            "LogonCertTemplateReady",
                            "YES ( StateReady )",
                            NULL};
  return cu_insert_lines(t, "CertEnrollment", kv);
}

static void test_whfb_cert_trust_not_ready(void **state) {
  (void)state;
  char *t = cu_set(cert_trust("NO"), "PreReqResult", "WillNotProvision");
  cu_finding f = check(t, H_NOW,
                       "enterprise-prt-missing whfb-will-not-provision "
                       "whfb-cert-trust-not-ready",
                       "whfb-cert-trust-not-ready");
  assert_string_equal(f.message,
                      "Windows Hello for Business certificate trust is not "
                      "ready: AdfsRefreshToken NO, AdfsRaIsReady YES, "
                      "LogonCertTemplateReady YES ( StateReady )");
  /* the template is not ready */
  t = cu_set(cert_trust("YES"), "LogonCertTemplateReady",
             "NO ( StateNotReady )");
  t = cu_set(t, "EnterprisePrt", "YES");
  f = check(t, H_NOW, "whfb-cert-trust-not-ready", "whfb-cert-trust-not-ready");
  assert_non_null(strstr(f.message, "LogonCertTemplateReady NO ( "
                                    "StateNotReady )"));
  /* silent: everything ready, with the enterprise PRT */
  t = cu_set(cert_trust("YES"), "EnterprisePrt", "YES");
  t = cu_insert_after(t, "EnterprisePrt", "EnterprisePrtUpdateTime",
                      "2025-03-05 09:12:50.000 UTC");
  check(t, H_NOW, "", NULL);
  check(base(HYBRID), H_NOW, "", NULL); /* CertEnrollment none */
}

static void test_ngc_prereq_check_error(void **state) {
  (void)state;
  /* as in corpus 06: the check failed and every value reads UNKNOWN */
  char *t = cu_insert_before(base(HYBRID), "IsDeviceJoined", "NgcPreReq",
                             "ERROR (0xd0020017)");
  const char *const keys[] = {"IsDeviceJoined", "IsUserAzureAD",
                              "PolicyEnabled",  "PostLogonEnabled",
                              "DeviceEligible", "SessionIsNotRemote"};
  for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
    t = cu_set(t, keys[i], "UNKNOWN");
  t = cu_set(t, "PreReqResult", "WillNotProvision");
  /* the prerequisites of a check that did not run say nothing: only
   * ngc-prereq-check-error (test_rules_prt.c has the remedy) */
  cu_finding f =
      check(t, H_NOW, "ngc-prereq-check-error", "ngc-prereq-check-error");
  assert_string_equal(f.message, "the Windows Hello prerequisite check itself "
                                 "failed (NgcPreReq ERROR (0xd0020017)), so "
                                 "its other values read UNKNOWN");
  check(base(HYBRID), H_NOW, "", NULL);
}

/* ---- the capture itself ------------------------------------------------ */

static void test_capture_as_system(void **state) {
  (void)state;
  cu_finding f = check(base(AS_SYSTEM), "2025-03-02T08:05:00Z",
                       "capture-as-system", "capture-as-system");
  assert_string_equal(f.message,
                      "the capture was taken as SYSTEM or the computer "
                      "account (WORKGROUP\\CONTOSO-LT042$, "
                      "CONTOSO-LT042$@contoso.com): User State and SSO State "
                      "do not describe a user, so user checks (PRT, WAM) were "
                      "skipped");
  check(
      cu_set(entra_no_prt(), "Executing Account Name", "NT AUTHORITY\\SYSTEM"),
      E_NOW, "capture-as-system", NULL);
  check(base(ENTRA), E_NOW, "", NULL);
  check(base(HYBRID), H_NOW, "", NULL);
}

static void test_capture_as_local_account(void **state) {
  (void)state;
  char *t = cu_set(entra_no_prt(), "Device Name", "PC01");
  t = cu_set(t, "Executing Account Name", "PC01\\localuser");
  cu_finding f =
      check(t, E_NOW, "capture-as-local-account", "capture-as-local-account");
  assert_string_equal(f.message,
                      "the capture was taken by the local account "
                      "PC01\\localuser, which cannot hold a Microsoft Entra "
                      "PRT: user checks (PRT, WAM) were skipped");
  /* the host part is compared without case and without the DNS suffix */
  t = cu_set(hybrid_account_no_prt("pc01\\localuser"), "Device Name",
             "PC01.corp.contoso.com");
  check(t, H_NOW, "capture-as-local-account", NULL);
  /* silent: an Entra user, a domain user */
  check(base(ENTRA), E_NOW, "", NULL);
  check(base(HYBRID), H_NOW, "", NULL);
}

static void test_capture_incomplete(void **state) {
  (void)state;
  cu_finding f = check(cu_del_section(base(ENTRA), "SSO State"), E_NOW,
                       "capture-incomplete", "capture-incomplete");
  assert_string_equal(f.message, "the capture is incomplete: it lacks SSO "
                                 "State");
  char *t = cu_del_section(base(ENTRA), "User State");
  t = cu_del_section(t, "Device State");
  f = check(t, E_NOW, "capture-incomplete", "capture-incomplete");
  assert_string_equal(f.message, "the capture is incomplete: it lacks Device "
                                 "State, User State");
  /* cut after a section's box: no footer, an empty last section */
  f = check(cu_cut_after_box(base(ENTRA), "Diagnostic Data"), E_NOW,
            "capture-incomplete", "capture-incomplete");
  assert_string_equal(f.message, "the capture is incomplete: it ends in an "
                                 "empty Diagnostic Data section");
  /* silent: complete captures, and the pre-1809 layout without SSO State */
  check(base(ENTRA), E_NOW, "", NULL);
  check(base(NOT_JOINED), NJ_NOW, "not-joined", NULL);
  check(base("fixtures/corpus/"
             "11_docs_oldformat_hybrid_joined_device_and_user_state_partial."
             "txt"),
        "2019-01-31T12:00:00Z", "device-auth-status-missing", NULL);
  /* a missing proxy or NGC section is not a gap */
  check(cu_del_section(base(HYBRID), "Ngc Prerequisite Check"), H_NOW, "",
        NULL);
}

/* ---- the catalogue ----------------------------------------------------- */

static bool kebab(const char *s) {
  if (!s[0] || s[0] == '-' || s[strlen(s) - 1] == '-')
    return false;
  for (const char *p = s; *p; p++) {
    bool ok = (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
              (*p == '-' && p[1] != '-');
    if (!ok)
      return false;
  }
  return true;
}

static void test_catalogue_fields(void **state) {
  (void)state;
  size_t n = dsreg_rule_count();
  assert_int_equal(n, 68);
  assert_null(dsreg_rule_at(n));
  assert_null(dsreg_rule_find("no-such-rule"));
  assert_null(dsreg_rule_find(NULL));
  for (size_t i = 0; i < n; i++) {
    const dsreg_rule *r = dsreg_rule_at(i);
    assert_non_null(r);
    assert_non_null(r->id);
    if (!kebab(r->id))
      fail_msg("rule %zu id '%s' is not kebab-case", i, r->id);
    assert_true(r->title && r->title[0]);
    assert_true(r->when && r->when[0]);
    assert_true(r->remedy && r->remedy[0]);
    assert_true(r->source && r->source[0]);
    assert_non_null(r->reference);
    assert_int_equal(strncmp(r->reference, "https://", 8), 0);
    assert_true(strlen(r->reference) > 8);
    assert_true(r->severity >= DSREG_SEVERITY_INFO &&
                r->severity <= DSREG_SEVERITY_ERROR);
    assert_ptr_equal(dsreg_rule_find(r->id), r);
    for (size_t j = 0; j < i; j++)
      if (strcmp(dsreg_rule_at(j)->id, r->id) == 0)
        fail_msg("rule id '%s' appears twice", r->id);
  }
}

static const struct {
  const char *id;
  dsreg_severity severity;
} SEVERITIES[] = {
    /* the table */
    {"not-joined", DSREG_SEVERITY_WARNING},
    {"join-state-contradictory", DSREG_SEVERITY_ERROR},
    {"dual-state", DSREG_SEVERITY_WARNING},
    {"hybrid-join-failed", DSREG_SEVERITY_ERROR},
    {"hybrid-join-pending-sync", DSREG_SEVERITY_WARNING},
    {"ad-connectivity-failed", DSREG_SEVERITY_ERROR},
    {"ad-configuration-failed", DSREG_SEVERITY_ERROR},
    {"drs-discovery-failed", DSREG_SEVERITY_ERROR},
    {"drs-connectivity-failed", DSREG_SEVERITY_ERROR},
    {"token-acquisition-failed", DSREG_SEVERITY_ERROR},
    {"sync-join-fallback-disabled", DSREG_SEVERITY_WARNING},
    {"device-auth-failed", DSREG_SEVERITY_ERROR},
    {"cert-expired", DSREG_SEVERITY_ERROR},
    {"cert-expiring", DSREG_SEVERITY_WARNING},
    {"cert-not-yet-valid", DSREG_SEVERITY_WARNING},
    {"cert-validity-invalid", DSREG_SEVERITY_WARNING},
    {"key-sign-failed", DSREG_SEVERITY_ERROR},
    {"recovery-pending", DSREG_SEVERITY_WARNING}, /* D1: next sign-in */
    {"key-not-tpm-protected", DSREG_SEVERITY_INFO},
    {"key-provider-unexpected", DSREG_SEVERITY_WARNING},
    {"mdm-urls-missing", DSREG_SEVERITY_WARNING},
    {"mdm-compliance-url-missing", DSREG_SEVERITY_INFO},
    {"prt-missing", DSREG_SEVERITY_ERROR},
    {"prt-stale", DSREG_SEVERITY_WARNING},
    {"prt-expired", DSREG_SEVERITY_ERROR},
    {"prt-acquire-failed", DSREG_SEVERITY_ERROR},
    {"enterprise-prt-missing", DSREG_SEVERITY_WARNING},
    {"wam-default-missing", DSREG_SEVERITY_WARNING},
    {"whfb-will-not-provision", DSREG_SEVERITY_INFO},
    /* issue 11, PRT/SSO/WHfB rules (tested in test_rules_prt.c) */
    {"prt-times-inconsistent", DSREG_SEVERITY_WARNING},
    {"prt-diag-other-user", DSREG_SEVERITY_INFO},
    {"prt-refresh-failed", DSREG_SEVERITY_WARNING},
    {"prt-proxy-auth-required", DSREG_SEVERITY_ERROR},
    {"prt-account-state", DSREG_SEVERITY_ERROR},
    {"prt-ngc-key-invalid", DSREG_SEVERITY_ERROR},
    {"prt-pta-agent", DSREG_SEVERITY_ERROR},
    {"wam-default-msa", DSREG_SEVERITY_WARNING},
    {"onprem-tgt-missing", DSREG_SEVERITY_WARNING},
    {"whfb-postlogon-disabled", DSREG_SEVERITY_INFO},
    {"whfb-pin-reset-destructive", DSREG_SEVERITY_INFO},
    {"capture-remote-session", DSREG_SEVERITY_INFO},
    {"capture-as-system", DSREG_SEVERITY_INFO},
    {"capture-incomplete", DSREG_SEVERITY_WARNING},
    {"checks-not-run", DSREG_SEVERITY_INFO}, /* issue 11 §5 */
    /* not in the table: as the catalogue has them */
    {"domain-joined-registered", DSREG_SEVERITY_INFO},
    {"virtual-desktop-invalid", DSREG_SEVERITY_WARNING},
    {"kerberos-ticket-test-failed", DSREG_SEVERITY_WARNING},
    {"entra-kerberos-join-failed", DSREG_SEVERITY_ERROR},
    {"enterprise-prt-acquire-failed", DSREG_SEVERITY_WARNING},
    {"network-error", DSREG_SEVERITY_WARNING},
    {"upn-not-routable", DSREG_SEVERITY_WARNING},
    {"builtin-administrator", DSREG_SEVERITY_WARNING},
    {"cloud-tgt-missing", DSREG_SEVERITY_INFO},
    {"whfb-cert-trust-not-ready", DSREG_SEVERITY_WARNING},
    {"ngc-prereq-check-error", DSREG_SEVERITY_INFO},
    {"capture-as-local-account", DSREG_SEVERITY_INFO},
    /* issue 11 (tested in test_rules_join.c) */
    {"second-tenant-account", DSREG_SEVERITY_INFO},
    {"hybrid-join-throttled", DSREG_SEVERITY_INFO},
    {"hybrid-join-not-configured", DSREG_SEVERITY_WARNING},
    {"hybrid-join-scp-wrong-tenant", DSREG_SEVERITY_ERROR},
    {"hybrid-join-not-attempted", DSREG_SEVERITY_WARNING},
    {"prejoin-not-system-context", DSREG_SEVERITY_INFO},
    {"device-auth-not-tested", DSREG_SEVERITY_WARNING},
    {"device-auth-status-missing", DSREG_SEVERITY_INFO},
    {"key-provider-tpm-mismatch", DSREG_SEVERITY_WARNING},
    {"system-context-proxy-gap", DSREG_SEVERITY_WARNING},
    {"system-wpad-failed", DSREG_SEVERITY_WARNING},
    /* issue 11 (tested in test_rules_review.c) */
    {"whfb-will-provision", DSREG_SEVERITY_INFO},
};

static void test_catalogue_severities(void **state) {
  (void)state;
  size_t n = sizeof SEVERITIES / sizeof SEVERITIES[0];
  assert_int_equal(n, dsreg_rule_count());
  for (size_t i = 0; i < n; i++) {
    const dsreg_rule *r = dsreg_rule_find(SEVERITIES[i].id);
    if (!r)
      fail_msg("rule '%s' is not in the catalogue", SEVERITIES[i].id);
    if (r->severity != SEVERITIES[i].severity)
      fail_msg("rule '%s' is %s, expected %s", r->id,
               dsreg_severity_name(r->severity),
               dsreg_severity_name(SEVERITIES[i].severity));
  }
}

/* ---- options ----------------------------------------------------------- */

static void test_option_disable(void **state) {
  (void)state;
  dsreg_rule_options opt;
  cu_options_now(&opt, CE_NOW);
  assert_int_equal(dsreg_rule_set_add(&opt.disabled, "cert-expired"), DSREG_OK);
  assert_int_equal(dsreg_rule_set_add(&opt.disabled, "wam-default-missing"),
                   DSREG_OK);
  assert_true(dsreg_rule_set_has(&opt.disabled, "cert-expired"));
  assert_false(dsreg_rule_set_has(&opt.disabled, "prt-missing"));
  assert_int_equal(dsreg_rule_set_count(&opt.disabled), 2);
  /* an unknown id is refused and changes nothing */
  assert_int_equal(dsreg_rule_set_add(&opt.disabled, "no-such-rule"),
                   DSREG_EINVAL);
  assert_int_equal(dsreg_rule_set_add(&opt.disabled, "cert-expire"),
                   DSREG_EINVAL);
  assert_int_equal(dsreg_rule_set_add(&opt.disabled, NULL), DSREG_EINVAL);
  assert_int_equal(dsreg_rule_set_add(NULL, "cert-expired"), DSREG_EINVAL);
  assert_false(dsreg_rule_set_has(&opt.disabled, "no-such-rule"));
  assert_int_equal(dsreg_rule_set_count(&opt.disabled), 2);
  check_opt(base(CERT_EXPIRED), &opt,
            "device-auth-failed prt-missing prt-acquire-failed", NULL);
  /* all off */
  assert_true(dsreg_rule_count() < DSREG_RULE_SET_CAPACITY);
  for (size_t i = 0; i < dsreg_rule_count(); i++)
    assert_int_equal(dsreg_rule_set_add(&opt.disabled, dsreg_rule_at(i)->id),
                     DSREG_OK);
  assert_int_equal(dsreg_rule_set_count(&opt.disabled), dsreg_rule_count());
  check_opt(base(CERT_EXPIRED), &opt, "", NULL);
  /* the join type does not depend on the rules */
  cu_result r;
  run_free(base(NOT_JOINED), &opt, &r);
  assert_int_equal(r.captures[0].join_type, DSREG_JOIN_NOT_JOINED);
  assert_int_equal(r.captures[0].finding_count, 0);
  cu_result_free(&r);
  /* cleared: none disabled */
  dsreg_rule_set_clear(&opt.disabled);
  assert_int_equal(dsreg_rule_set_count(&opt.disabled), 0);
  check_opt(base(CERT_EXPIRED), &opt,
            "device-auth-failed cert-expired prt-missing prt-acquire-failed "
            "wam-default-missing",
            NULL);
}

static void test_option_warn_days(void **state) {
  (void)state;
  dsreg_rule_options opt;
  /* ends 45 days after the capture */
  const char *v =
      VALIDITY("2015-04-16 07:30:01.000", "2025-04-16 08:00:01.000");
  check(entra_validity(v), E_NOW, "", NULL); /* default 30 */
  cu_options_now(&opt, E_NOW);
  opt.warn_days = 60;
  cu_finding f =
      check_opt(entra_validity(v), &opt, "cert-expiring", "cert-expiring");
  assert_string_equal(f.message, "device certificate expires on 2025-04-16, "
                                 "in 45 days (--now is 2025-03-02)");
  opt.warn_days = 45;
  check_opt(entra_validity(v), &opt, "cert-expiring", NULL);
  opt.warn_days = 44;
  check_opt(entra_validity(v), &opt, "", NULL);
  opt.warn_days = 0;
  check_opt(entra_validity(v), &opt, "", NULL);
}

static void test_option_prt_stale_hours(void **state) {
  (void)state;
  dsreg_rule_options opt;
  /* updated 07:41:12; 5 h 1 s later */
  cu_options_now(&opt, "2025-03-02T12:41:13Z");
  opt.prt_stale_hours = 6;
  check_opt(base(ENTRA), &opt, "", NULL);
  opt.prt_stale_hours = 5;
  cu_finding f = check_opt(base(ENTRA), &opt, "prt-stale", "prt-stale");
  assert_string_equal(f.message, "the PRT was last updated 2025-03-02 07:41 "
                                 "UTC, 5 hours before --now: it should renew "
                                 "every 5 hours");
  opt.prt_stale_hours = 1;
  f = check_opt(base(ENTRA), &opt, "prt-stale", "prt-stale");
  assert_non_null(strstr(f.message, "it should renew every 1 hours"));
  /* 19 minutes after the update: never stale, whatever the threshold */
  cu_options_now(&opt, E_NOW);
  opt.prt_stale_hours = 1;
  check_opt(base(ENTRA), &opt, "", NULL);
}

static void test_reference_time(void **state) {
  (void)state;
  dsreg_rule_options opt;
  cu_result r;

  /* Client Time wins over --now */
  cu_options_now(&opt, "2030-01-01T00:00:00Z");
  run_free(base(SYNC_PENDING), &opt, &r);
  assert_int_equal(r.captures[0].reference_source, DSREG_TIME_CLIENT_TIME);
  assert_true(r.captures[0].reference_ms == cu_ms(SP_NOW));
  cu_result_free(&r);
  /* ... and over the clock */
  dsreg_rule_options_init(&opt);
  opt.now_ms = cu_ms("2030-01-01T00:00:00Z");
  opt.now_source = DSREG_TIME_CLOCK;
  run_free(base(SYNC_PENDING), &opt, &r);
  assert_int_equal(r.captures[0].reference_source, DSREG_TIME_CLIENT_TIME);
  assert_true(r.captures[0].reference_ms == cu_ms(SP_NOW));
  cu_result_free(&r);

  /* without a Client Time: --now, the clock, or nothing */
  cu_options_now(&opt, E_NOW);
  run_free(base(ENTRA), &opt, &r);
  assert_int_equal(r.captures[0].reference_source, DSREG_TIME_OPTION);
  assert_true(r.captures[0].reference_ms == cu_ms(E_NOW));
  cu_result_free(&r);
  opt.now_source = DSREG_TIME_CLOCK;
  run_free(base(ENTRA), &opt, &r);
  assert_int_equal(r.captures[0].reference_source, DSREG_TIME_CLOCK);
  assert_true(r.captures[0].reference_ms == cu_ms(E_NOW));
  cu_result_free(&r);
  dsreg_rule_options_init(&opt);
  run_free(base(ENTRA), &opt, &r);
  assert_int_equal(r.captures[0].reference_source, DSREG_TIME_NONE);
  cu_result_free(&r);

  /* the dates are judged against the Client Time, and say so */
  char *t = entra_validity(
      VALIDITY("2015-03-01 07:30:01.000", "2025-03-01 08:00:01.000"));
  t = cu_insert_before(t, "AadRecoveryEnabled", "Client Time",
                       "2025-03-02 08:00:01.000 UTC");
  cu_finding f =
      check(t, "2020-01-01T00:00:00Z", "cert-expired", "cert-expired");
  assert_string_equal(f.message, "device certificate expired on 2025-03-01, 1 "
                                 "day before the capture's Client Time "
                                 "(2025-03-02)");
  /* dsreg_parse_iso8601 forms and offsets */
  assert_true(cu_ms("2025-03-02") == cu_ms("2025-03-02T00:00:00Z"));
  assert_true(cu_ms("2025-03-02 08:00") == cu_ms("2025-03-02T08:00:00Z"));
  assert_true(cu_ms("2025-03-02T10:00:01+02:00") == cu_ms(E_NOW));
  assert_true(cu_ms("2025-03-02T08:00:01.000Z") == cu_ms(E_NOW));
  int64_t ms;
  assert_int_not_equal(dsreg_parse_iso8601("yesterday", &ms), 0);
  assert_int_not_equal(dsreg_parse_iso8601("2025-03-02T08:00:01Zjunk", &ms), 0);
}

static void test_healthy_fixtures(void **state) {
  (void)state;
  static const struct {
    const char *file;
    dsreg_join_type join;
  } healthy[] = {
      {ENTRA, DSREG_JOIN_ENTRA},
      {HYBRID, DSREG_JOIN_HYBRID},
      {REGISTERED, DSREG_JOIN_REGISTERED},
      {DRS, DSREG_JOIN_DRS},
  };
  for (size_t i = 0; i < sizeof healthy / sizeof healthy[0]; i++) {
    char when[64], ids[1024];
    dsreg_rule_options opt;
    cu_result r;
    cu_options_now(&opt, cu_capture_time(healthy[i].file, when, sizeof when));
    char *t = base(healthy[i].file);
    run(t, &opt, &r);
    free(t);
    assert_int_equal(r.captures[0].join_type, healthy[i].join);
    if (cu_has_problem(&r, 0))
      fail_msg("%s at %s: %s", healthy[i].file, when,
               cu_ids(&r, 0, ids, sizeof ids));
    assert_int_equal(r.captures[0].finding_count, 0);
    cu_result_free(&r);
  }
}

/* The ends of the time range: differences of 10,000 years are counted
 * exactly, and a "now" no capture time could be is no reference at all
 * (ref - end used to overflow: UBSan in the sanitizer build). */
static void test_reference_time_edges(void **state) {
  (void)state;
  char *t = entra_validity(
      VALIDITY("0001-01-01 00:00:00.000", "0001-01-02 00:00:00.000"));
  t = cu_insert_before(t, "AadRecoveryEnabled", "Client Time",
                       "9999-12-31 23:59:59.999 UTC");
  cu_finding f = check(t, NULL, "cert-expired prt-expired", "cert-expired");
  assert_string_equal(f.message,
                      "device certificate expired on 0001-01-02, 3652057 "
                      "days before the capture's Client Time (9999-12-31)");
  f = check(entra_validity(
                VALIDITY("9999-12-30 00:00:00.000", "9999-12-31 23:59:59.999")),
            "0001-01-01", "cert-not-yet-valid", "cert-not-yet-valid");
  assert_string_equal(f.message,
                      "device certificate is valid only from 9999-12-30, "
                      "after --now (0001-01-01): the device clock or the "
                      "capture time is wrong");
  static const int64_t nows[] = {INT64_MIN, DSREG_TIME_MIN_MS - 1,
                                 DSREG_TIME_MAX_MS + 1, INT64_MAX};
  for (size_t i = 0; i < sizeof nows / sizeof nows[0]; i++) {
    dsreg_rule_options opt;
    cu_result r;
    dsreg_rule_options_init(&opt);
    opt.now_ms = nows[i];
    opt.now_source = DSREG_TIME_OPTION;
    t = entra_validity(
        VALIDITY("0001-01-01 00:00:00.000", "9999-12-31 23:59:59.999"));
    t = cu_set(t, "AzureAdPrtUpdateTime", "0001-01-01 00:00:00.000 UTC");
    run_free(t, &opt, &r);
    assert_int_equal(r.captures[0].reference_source, DSREG_TIME_NONE);
    /* an update 2024 years before the expiry: no reference time needed to
     * see that the two contradict each other (D5: 14 days) */
    expect_ids(&r, "prt-times-inconsistent");
    cu_result_free(&r);
  }
}

/* A message longer than the old dsreg_finding.message[512] is kept whole:
 * it used to be cut, once in the middle of a "€" (invalid UTF-8 that the
 * writers then replaced).  Nothing is cut now, so no character is split. */
static void test_message_not_cut(void **state) {
  (void)state;
  char value[2 + 300 * 3 + 1] = "xy", want[1024];
  for (int i = 0; i < 300; i++)
    memcpy(value + 2 + 3 * i, "\xe2\x82\xac", 4);
  size_t n =
      (size_t)snprintf(want, sizeof want, "DeviceAuthStatus is \"%s\"", value);
  assert_true(n > 900 && n < sizeof want);
  cu_finding f = check(cu_set(base(ENTRA), "DeviceAuthStatus", value), E_NOW,
                       "device-auth-failed", "device-auth-failed");
  assert_true(strlen(f.message) > n); /* the value, quoted, and the rest */
  assert_memory_equal(f.message, want, n);
}

/* ---- dsreg_parse_iso8601 (--now) ----------------------------------------- */

static void test_parse_iso8601_accepted(void **state) {
  (void)state;
  static const struct {
    const char *in;
    int64_t ms;
  } ok[] = {
      {"2025-03-09", 1741478400000},
      {"2025-03-09T11:00", 1741518000000},
      {"2025-03-09T11:00Z", 1741518000000},
      {"2025-03-09 11:00", 1741518000000},
      {"2025-03-09t11:00z", 1741518000000},
      {"2025-03-09T11:00:27", 1741518027000},
      {"2025-03-09T11:00:27Z", 1741518027000},
      {"2025-03-09T11:00:27.5Z", 1741518027500},
      {"2025-03-09T11:00:27.123456789Z", 1741518027123},
      {"2025-03-09T11:00:27.999999Z", 1741518027999},
      {"2025-03-09T11:00:27+02:00", 1741510827000},
      {"2025-03-09T11:00:27-05:30", 1741537827000},
      {"2025-03-09T11:00:27.000-00:00", 1741518027000},
      {"2025-03-09T01:00+23:59", 1741395660000},
      {"2024-02-29T23:59:59.999", 1709251199999},
      {"2000-02-29", 951782400000},
      {"1969-12-31T23:59:59.999Z", -1},
      /* the ends of the range, also reached through an offset */
      {"0001-01-01T00:00Z", -62135596800000},
      {"0001-01-01T23:00+23:00", -62135596800000},
      {"9999-12-31T23:59:59.999Z", 253402300799999},
      {"9999-12-31T00:00-23:59", 253402300740000},
  };
  for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
    int64_t ms = 42;
    if (dsreg_parse_iso8601(ok[i].in, &ms) != 0)
      fail_msg("'%s' refused", ok[i].in);
    if (ms != ok[i].ms)
      fail_msg("'%s' gave %lld, expected %lld", ok[i].in, (long long)ms,
               (long long)ok[i].ms);
  }
  assert_int_equal(DSREG_TIME_MIN_MS, -62135596800000);
  assert_int_equal(DSREG_TIME_MAX_MS, 253402300799999);
}

static void test_parse_iso8601_refused(void **state) {
  (void)state;
  static const char *const bad[] = {
      "", "yesterday", "2025", "2025-03", "2025-03-0", "2025-3-09",
      "2025-03-09T", "2025-03-09T1", "2025-03-09T1:2", "2025-03-09T11",
      "2025-03-09T11:0", "2025-03-09T1:00Z",
      "2025-03-09T11:00:", "2025-03-09T11:00:2", "2025-03-09T11:00:27.",
      "2025-03-09T11:00:27.Z", "2025-03-09T11:00.5Z", "2025-03-09T+1:+2Z",
      "2025-03-09T 1:00Z", "2025-03-09T11: 0Z", "2025-03-09T-1:00Z",
      "+025-03-09", " 2025-03-09", "2025-03-09 ", "2025-03-09T11:00Z ",
      "2025-03-02T08:00:01Zjunk", "2025-03-09Z", "2025-03-09+01:00",
      "2025-03-09X11:00", "2025-03-09T11:00UTC", "2025-03-09T11:00+0100",
      "2025-03-09T11:00+01", "2025-03-09T11:00+01:0", "2025-03-09T11:00+01:000",
      "2025-03-09T11:00+1:00", "2025-03-09T11:00++1:00",
      /* ranges */
      "2025-00-09", "2025-13-09", "2025-03-00", "2025-03-32", "2025-04-31",
      "2023-02-29", "1900-02-29", "2025-03-09T24:00Z", "2025-03-09T11:60Z",
      "2025-03-09T11:00:60Z", "2025-03-09T23:59:60.000Z",
      "2025-03-09T11:00+24:00", "2025-03-09T11:00+99:99",
      "2025-03-09T11:00-00:60",
      /* outside the years 0001-9999, directly or through the offset */
      "0000-12-31", "0000-12-31T23:59:59.999Z", "0001-01-01T00:00+00:01",
      "9999-12-31T23:59-01:00", "9999-12-31T23:59:60Z"};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    int64_t ms = 42;
    if (dsreg_parse_iso8601(bad[i], &ms) == 0)
      fail_msg("'%s' accepted as %lld", bad[i], (long long)ms);
    if (ms != 42)
      fail_msg("'%s' refused but wrote %lld", bad[i], (long long)ms);
  }
  int64_t ms = 42;
  assert_int_equal(dsreg_parse_iso8601(NULL, &ms), DSREG_EINVAL);
  assert_int_equal(dsreg_parse_iso8601("2025-03-09", NULL), DSREG_EINVAL);
  /* A string cut after every character is never read past its end (under
   * ASan each prefix is its own exact-size allocation). */
  const char *full = "2025-03-09T11:00:27.123+02:00";
  for (size_t n = 0; n <= strlen(full); n++) {
    char *cut = malloc(n + 1);
    assert_non_null(cut);
    memcpy(cut, full, n);
    cut[n] = '\0';
    int rc = dsreg_parse_iso8601(cut, &ms);
    /* the date alone, to the minute, the second, a fraction, the whole */
    if (n == 10 || n == 16 || n == 19 || (n >= 21 && n <= 23) ||
        n == strlen(full))
      assert_int_equal(rc, 0);
    else
      assert_int_equal(rc, DSREG_EINVAL);
    free(cut);
  }
}

/* ---- every rule has its test ------------------------------------------- */

#define RULE_TESTS(X)                                                          \
  X("not-joined", test_not_joined)                                             \
  X("join-state-contradictory", test_join_state_contradictory)                 \
  X("dual-state", test_dual_state)                                             \
  X("domain-joined-registered", test_domain_joined_registered)                 \
  X("virtual-desktop-invalid", test_virtual_desktop_invalid)                   \
  X("hybrid-join-failed", test_hybrid_join_failed)                             \
  X("hybrid-join-pending-sync", test_hybrid_join_pending_sync)                 \
  X("ad-connectivity-failed", test_ad_connectivity_failed)                     \
  X("ad-configuration-failed", test_ad_configuration_failed)                   \
  X("drs-discovery-failed", test_drs_discovery_failed)                         \
  X("drs-connectivity-failed", test_drs_connectivity_failed)                   \
  X("token-acquisition-failed", test_token_acquisition_failed)                 \
  X("kerberos-ticket-test-failed", test_kerberos_ticket_test_failed)           \
  X("entra-kerberos-join-failed", test_entra_kerberos_join_failed)             \
  X("sync-join-fallback-disabled", test_sync_join_fallback_disabled)           \
  X("device-auth-failed", test_device_auth_failed)                             \
  X("cert-expired", test_cert_expired)                                         \
  X("cert-expiring", test_cert_expiring)                                       \
  X("cert-not-yet-valid", test_cert_not_yet_valid)                             \
  X("cert-validity-invalid", test_cert_validity_invalid)                       \
  X("key-sign-failed", test_key_sign_failed)                                   \
  X("recovery-pending", test_recovery_pending)                                 \
  X("key-not-tpm-protected", test_key_not_tpm_protected)                       \
  X("key-provider-unexpected", test_key_provider_unexpected)                   \
  X("mdm-urls-missing", test_mdm_urls_missing)                                 \
  X("mdm-compliance-url-missing", test_mdm_compliance_url_missing)             \
  X("prt-missing", test_prt_missing)                                           \
  X("prt-stale", test_prt_stale)                                               \
  X("prt-expired", test_prt_expired)                                           \
  X("prt-acquire-failed", test_prt_acquire_failed)                             \
  X("enterprise-prt-acquire-failed", test_enterprise_prt_acquire_failed)       \
  X("enterprise-prt-missing", test_enterprise_prt_missing)                     \
  X("wam-default-missing", test_wam_default_missing)                           \
  X("network-error", test_network_error)                                       \
  X("upn-not-routable", test_upn_not_routable)                                 \
  X("builtin-administrator", test_builtin_administrator)                       \
  X("cloud-tgt-missing", test_cloud_tgt_missing)                               \
  X("whfb-will-not-provision", test_whfb_will_not_provision)                   \
  X("whfb-cert-trust-not-ready", test_whfb_cert_trust_not_ready)               \
  X("ngc-prereq-check-error", test_ngc_prereq_check_error)                     \
  X("capture-as-system", test_capture_as_system)                               \
  X("capture-as-local-account", test_capture_as_local_account)                 \
  X("capture-incomplete", test_capture_incomplete)

#define ID_OF(id, fn) id,
static const char *const TESTED_HERE[] = {RULE_TESTS(ID_OF)};

/* Rules whose fire and silent tests live in a topic file. */
static const char *const TESTED_ELSEWHERE[] = {
    "checks-not-run", /* test_rules_skipped.c */
    /* test_rules_prt.c */
    "prt-times-inconsistent", "prt-diag-other-user", "prt-refresh-failed",
    "prt-proxy-auth-required", "prt-account-state", "prt-ngc-key-invalid",
    "prt-pta-agent", "wam-default-msa", "onprem-tgt-missing",
    "whfb-postlogon-disabled", "whfb-pin-reset-destructive",
    "capture-remote-session",
    /* test_rules_join.c */
    "second-tenant-account", "hybrid-join-throttled",
    "hybrid-join-not-configured", "hybrid-join-scp-wrong-tenant",
    "hybrid-join-not-attempted", "prejoin-not-system-context",
    "device-auth-not-tested", "device-auth-status-missing",
    "key-provider-tpm-mismatch", "system-context-proxy-gap",
    "system-wpad-failed",
    /* test_rules_review.c */
    "whfb-will-provision"};

static bool tested(const char *id) {
  for (size_t k = 0; k < sizeof TESTED_HERE / sizeof TESTED_HERE[0]; k++)
    if (strcmp(TESTED_HERE[k], id) == 0)
      return true;
  for (size_t k = 0; k < sizeof TESTED_ELSEWHERE / sizeof TESTED_ELSEWHERE[0];
       k++)
    if (strcmp(TESTED_ELSEWHERE[k], id) == 0)
      return true;
  return false;
}

static void test_every_rule_has_a_test(void **state) {
  (void)state;
  size_t n = sizeof TESTED_HERE / sizeof TESTED_HERE[0] +
             sizeof TESTED_ELSEWHERE / sizeof TESTED_ELSEWHERE[0];
  assert_int_equal(n, dsreg_rule_count());
  for (size_t i = 0; i < dsreg_rule_count(); i++) {
    const char *id = dsreg_rule_at(i)->id;
    if (!tested(id))
      fail_msg("rule '%s' has no test", id);
  }
}

#define UNIT(id, fn) cmocka_unit_test(fn),

int main(void) {
  const struct CMUnitTest tests[] = {
      RULE_TESTS(UNIT)
      /* regressions of bugs found and fixed */
      cmocka_unit_test(test_pending_sync_not_for_tenant_not_found),
      cmocka_unit_test(test_builtin_administrator_not_entra_account),
      cmocka_unit_test(test_prt_missing_not_for_netbios_local_account),
      cmocka_unit_test(test_not_joined_needs_user_state),
      /* the catalogue and the options */
      cmocka_unit_test(test_every_rule_has_a_test),
      cmocka_unit_test(test_catalogue_fields),
      cmocka_unit_test(test_catalogue_severities),
      cmocka_unit_test(test_option_disable),
      cmocka_unit_test(test_option_warn_days),
      cmocka_unit_test(test_option_prt_stale_hours),
      cmocka_unit_test(test_reference_time),
      cmocka_unit_test(test_reference_time_edges),
      cmocka_unit_test(test_message_not_cut),
      cmocka_unit_test(test_parse_iso8601_accepted),
      cmocka_unit_test(test_parse_iso8601_refused),
      cmocka_unit_test(test_healthy_fixtures),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
