/*
 * test_rules_links.c - which finding follows from which (issue 13): every
 * link the rule table declares, on a capture where both rules fire; the
 * link graph (existing rules only, no cycle); the confirm texts; the
 * verdict and the root cause.
 *
 * Captures are the synthetic fixtures changed a line at a time
 * (capture_util.h).  A finding follows from the FIRST rule of its list that
 * fired, so each capture leaves out the causes listed before the one under
 * test, and the test checks that the link it names is the one chosen.
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
#define DISC_FAILED "fixtures/synthetic/domain_joined_drs_discovery_failed.txt"
#define KEYSIGN "fixtures/synthetic/entra_joined_recovery_keysign_failed.txt"
#define CERT_EXPIRED "fixtures/synthetic/hybrid_cert_expired.txt"
#define REMOTE                                                                 \
  "fixtures/corpus/01_entra_joined_healthy_prt_win10_19041_newdiagfields.txt"
#define E_NOW "2025-03-02T08:00:01Z"
#define E_NOW_DAY_LATER "2025-03-03T08:00:01Z"
#define E_NOW_AFTER_EXPIRY "2025-03-20T08:00:01Z"
#define H_NOW "2025-03-05T09:30:00Z"
#define D_NOW "2025-03-07T13:48:09Z"
#define K_NOW "2025-03-06T10:30:00Z"
#define CE_NOW "2025-01-15T09:00:00Z"
#define R_NOW "2025-03-09T11:05:00Z"
#define TENANT "086be9eb-117d-4dc3-a573-ac674ccabb08"
#define ADELE "adele.vance@contoso.com"
#define BAD_PW                                                                 \
  "AADSTS50126: Error validating credentials due to invalid username or "      \
  "password."
#define DISABLED "FAILED. Device is either disabled or deleted"
#define EXPIRED_VALIDITY                                                       \
  "[ 2014-02-12 09:14:33.000 UTC -- 2024-02-12 09:44:33.000 UTC ]"
#define WPAD_FAILED                                                            \
  "Failed to auto detect the Proxy Auto-Configuration (PAC) script using "     \
  "WPAD. code: 0x80072f94"

static char *base(const char *rel) { return cu_read_fixture(rel); }

/* ---- captures ------------------------------------------------------------ */

static char *entra_no_prt(void) {
  char *t = base(ENTRA);
  t = cu_set(t, "AzureAdPrt", "NO");
  t = cu_del(t, "AzureAdPrtUpdateTime");
  t = cu_del(t, "AzureAdPrtExpiryTime");
  return cu_set(t, "AzureAdPrtAuthority", "");
}

/* PRT diagnostics of the user who ran dsregcmd, after AzureAdPrtAuthority
 * (or, when the PRT is there, after AzureAdPrtExpiryTime). */
static char *with_diag(char *t, const char *status, const char *cred,
                       const char *http_error, const char *http,
                       const char *description) {
  const char *const kv[] = {"AcquirePrtDiagnostics",
                            "PRESENT",
                            "Previous Prt Attempt",
                            "2025-03-02 07:58:02.123 UTC",
                            "Attempt Status",
                            status,
                            "User Identity",
                            ADELE,
                            "Credential Type",
                            cred,
                            "Endpoint URI",
                            "https://login.microsoftonline.com/" TENANT
                            "/oauth2/token/",
                            "HTTP Method",
                            "POST",
                            "HTTP Error",
                            http_error,
                            "HTTP status",
                            http,
                            "Server Error Code",
                            "invalid_grant",
                            "Server Error Description",
                            description,
                            NULL};
  return cu_insert_lines(t, "AzureAdPrtAuthority", kv);
}

static char *plain_diag(char *t) {
  return with_diag(t, "0xc000006d", "Password", "0x0", "400", BAD_PW);
}
static char *network_diag(char *t) {
  return with_diag(t, "0xc000006d", "Password", "0x80072ee2", "0", BAD_PW);
}
static char *account_diag(char *t) {
  return with_diag(t, "0xc0000234", "Password", "0x0", "400",
                   "AADSTS50053: The account is locked.");
}
static char *proxy_diag(char *t) {
  return with_diag(t, "0xc000006d", "Password", "0x0", "407",
                   "Proxy Authentication Required");
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
  return cu_del(t, "Client ErrorCode");
}

/* The user has a proxy, SYSTEM has none: the proxy gap once a request
 * failed on the network. */
static char *proxy_gap(char *t) {
  t = cu_set(t, "Proxy Server List", "proxy.contoso.com:8080");
  return cu_with_system_proxy(t, "Succeeded");
}

/* A join attempt that failed in `phase` with `code`, tests passing. */
static char *attempt(const char *phase, const char *code) {
  const char *const kv[] = {"Previous Registration",
                            "2025-03-07 13:21:40.000 UTC",
                            "Error Phase",
                            phase,
                            "Client ErrorCode",
                            code,
                            NULL};
  return cu_insert_lines(domain_ok(), "Fallback to Sync-Join", kv);
}

/* Hybrid joined through AD FS with Windows Hello certificate trust. */
static char *cert_trust_no_enterprise_prt(void) {
  char *t = cu_set(base(HYBRID), "EnterprisePrtAuthority",
                   "https://adfs.contoso.com:443/adfs");
  t = cu_set(t, "CertEnrollment", "enrollment authority");
  const char *const kv[] = {"AdfsRefreshToken",
                            "NO",
                            "AdfsRaIsReady",
                            "YES",
                            "LogonCertTemplateReady",
                            "YES ( StateReady )",
                            NULL};
  return cu_insert_lines(t, "CertEnrollment", kv);
}

static char *c_key_sign(void) { return base(KEYSIGN); }
static char *c_ad_connectivity(void) {
  return cu_set(domain_ok(), "AD Connectivity Test", "FAIL");
}
static char *c_ad_configuration(void) {
  return cu_set(domain_ok(), "AD Configuration Test", "FAIL");
}
static char *c_drs_discovery(void) { return base(DISC_FAILED); }
static char *c_drs_connectivity(void) {
  return cu_set(domain_ok(), "DRS Connectivity Test", "FAIL");
}
static char *c_token(void) {
  return cu_set(domain_ok(), "Token acquisition Test", "FAIL [0xcaa90017]");
}
static char *c_kerberos_ticket(void) {
  return cu_insert_after(domain_ok(), "DRS Connectivity Test",
                         "Kerberos Ticket Test", "FAIL [0x80090311]");
}
static char *c_kerberos_join(void) { return attempt("join", "0x80090311"); }
/* A discover attempt that failed with a WinHTTP code, every test passing:
 * the network failure is the join's own. */
static char *c_join_proxy_gap(void) {
  return proxy_gap(attempt("discover", "0x80072ee2"));
}
static char *c_join_wpad(void) {
  return cu_with_system_proxy(attempt("discover", "0x80072ee2"), WPAD_FAILED);
}
static char *c_discovery_proxy_gap(void) {
  return proxy_gap(cu_set(base(DISC_FAILED), "User Context", "SYSTEM"));
}
static char *c_discovery_wpad(void) {
  return cu_with_system_proxy(
      cu_set(base(DISC_FAILED), "User Context", "SYSTEM"), WPAD_FAILED);
}
static char *c_connectivity_proxy_gap(void) {
  return proxy_gap(
      cu_set(domain_ok(), "DRS Connectivity Test", "FAIL [0x80072ee2]"));
}
static char *c_connectivity_wpad(void) {
  return cu_with_system_proxy(
      cu_set(domain_ok(), "DRS Connectivity Test", "FAIL [0x80072ee2]"),
      WPAD_FAILED);
}
static char *c_no_prt_account(void) { return account_diag(entra_no_prt()); }
static char *c_no_prt_proxy(void) { return proxy_diag(entra_no_prt()); }
static char *c_no_prt_ngc(void) {
  return with_diag(entra_no_prt(), "0xc000006d", "NGC", "0x0", "400",
                   "AADSTS130004: NGC key not found.");
}
static char *c_no_prt_pta(void) {
  return with_diag(entra_no_prt(), "0xc000006d", "Password", "0x0", "400",
                   "AADSTS80001: Unable to connect to Active Directory.");
}
static char *c_no_prt_acquire(void) { return plain_diag(entra_no_prt()); }
static char *c_no_prt_disabled(void) {
  return cu_set(entra_no_prt(), "DeviceAuthStatus", DISABLED);
}
static char *c_no_prt_key_sign(void) {
  return cu_set(entra_no_prt(), "KeySignTest", "FAILED. 0x80090016");
}
static char *c_no_prt_cert(void) {
  return cu_set(entra_no_prt(), "DeviceCertificateValidity", EXPIRED_VALIDITY);
}
static char *c_acquire_network(void) { return network_diag(entra_no_prt()); }
static char *c_acquire_disabled(void) {
  return cu_set(plain_diag(entra_no_prt()), "DeviceAuthStatus", DISABLED);
}
static char *c_acquire_key_sign(void) {
  return cu_set(plain_diag(entra_no_prt()), "KeySignTest",
                "FAILED. 0x80090016");
}
static char *c_acquire_cert(void) {
  return cu_set(plain_diag(entra_no_prt()), "DeviceCertificateValidity",
                EXPIRED_VALIDITY);
}
static char *c_refresh_network(void) { return network_diag(base(ENTRA)); }
static char *c_refresh_disabled(void) {
  return cu_set(plain_diag(base(ENTRA)), "DeviceAuthStatus", DISABLED);
}
static char *c_prt_refresh(void) { return plain_diag(base(ENTRA)); }
static char *c_prt_proxy(void) { return proxy_diag(base(ENTRA)); }
static char *c_prt_account(void) { return account_diag(base(ENTRA)); }
static char *c_network_proxy_gap(void) {
  return proxy_gap(network_diag(base(ENTRA)));
}
static char *c_network_wpad(void) {
  return cu_with_system_proxy(network_diag(base(ENTRA)), WPAD_FAILED);
}
static char *c_enterprise_acquire(void) {
  const char *const kv[] = {"AcquirePrtDiagnostics",
                            "PRESENT",
                            "Previous Prt Attempt",
                            "2025-03-05 09:10:01.417 UTC",
                            "Attempt Status",
                            "0xc000006d",
                            "User Identity",
                            "adele@contoso.com",
                            "Credential Type",
                            "Password",
                            "HTTP Error",
                            "0x0",
                            "HTTP status",
                            "400",
                            NULL};
  char *t = cu_set(base(HYBRID), "EnterprisePrtAuthority",
                   "https://adfs.contoso.com:443/adfs");
  return cu_insert_lines(t, "EnterprisePrtAuthority", kv);
}
static char *c_cert_trust(void) { return cert_trust_no_enterprise_prt(); }
static char *c_whfb_cert_trust(void) {
  return cu_set(cert_trust_no_enterprise_prt(), "PreReqResult",
                "WillNotProvision");
}
static char *c_whfb_remote(void) { return base(REMOTE); }
static char *c_whfb_no_prt(void) {
  char *t = cu_set(base(HYBRID), "AzureAdPrt", "NO");
  t = cu_del(t, "AzureAdPrtUpdateTime");
  t = cu_del(t, "AzureAdPrtExpiryTime");
  return cu_set(t, "PreReqResult", "WillNotProvision");
}

/* ---- every declared link, on a capture where both fire ------------------- */

typedef struct link_case {
  const char *consequence, *cause;
  char *(*capture)(void);
  const char *now;
} link_case;

static const link_case LINKS[] = {
    {"recovery-pending", "key-sign-failed", c_key_sign, K_NOW},
    {"hybrid-join-failed", "ad-connectivity-failed", c_ad_connectivity, D_NOW},
    {"hybrid-join-failed", "ad-configuration-failed", c_ad_configuration,
     D_NOW},
    {"hybrid-join-failed", "drs-discovery-failed", c_drs_discovery, D_NOW},
    {"hybrid-join-failed", "drs-connectivity-failed", c_drs_connectivity,
     D_NOW},
    {"hybrid-join-failed", "token-acquisition-failed", c_token, D_NOW},
    {"hybrid-join-failed", "kerberos-ticket-test-failed", c_kerberos_ticket,
     D_NOW},
    {"hybrid-join-failed", "entra-kerberos-join-failed", c_kerberos_join,
     D_NOW},
    {"hybrid-join-failed", "system-context-proxy-gap", c_join_proxy_gap, D_NOW},
    {"hybrid-join-failed", "system-wpad-failed", c_join_wpad, D_NOW},
    {"drs-discovery-failed", "system-context-proxy-gap", c_discovery_proxy_gap,
     D_NOW},
    {"drs-discovery-failed", "system-wpad-failed", c_discovery_wpad, D_NOW},
    {"drs-connectivity-failed", "system-context-proxy-gap",
     c_connectivity_proxy_gap, D_NOW},
    {"drs-connectivity-failed", "system-wpad-failed", c_connectivity_wpad,
     D_NOW},
    {"prt-missing", "prt-account-state", c_no_prt_account, E_NOW},
    {"prt-missing", "prt-proxy-auth-required", c_no_prt_proxy, E_NOW},
    {"prt-missing", "prt-ngc-key-invalid", c_no_prt_ngc, E_NOW},
    {"prt-missing", "prt-pta-agent", c_no_prt_pta, E_NOW},
    {"prt-missing", "prt-acquire-failed", c_no_prt_acquire, E_NOW},
    {"prt-missing", "device-auth-failed", c_no_prt_disabled, E_NOW},
    {"prt-missing", "key-sign-failed", c_no_prt_key_sign, E_NOW},
    {"prt-missing", "cert-expired", c_no_prt_cert, E_NOW},
    {"prt-acquire-failed", "network-error", c_acquire_network, E_NOW},
    {"prt-acquire-failed", "device-auth-failed", c_acquire_disabled, E_NOW},
    {"prt-acquire-failed", "key-sign-failed", c_acquire_key_sign, E_NOW},
    {"prt-acquire-failed", "cert-expired", c_acquire_cert, E_NOW},
    {"prt-refresh-failed", "network-error", c_refresh_network, E_NOW},
    {"prt-refresh-failed", "device-auth-failed", c_refresh_disabled, E_NOW},
    {"prt-stale", "prt-refresh-failed", c_prt_refresh, E_NOW_DAY_LATER},
    {"prt-stale", "prt-proxy-auth-required", c_prt_proxy, E_NOW_DAY_LATER},
    {"prt-stale", "prt-account-state", c_prt_account, E_NOW_DAY_LATER},
    {"prt-expired", "prt-refresh-failed", c_prt_refresh, E_NOW_AFTER_EXPIRY},
    {"prt-expired", "prt-proxy-auth-required", c_prt_proxy, E_NOW_AFTER_EXPIRY},
    {"prt-expired", "prt-account-state", c_prt_account, E_NOW_AFTER_EXPIRY},
    {"network-error", "system-context-proxy-gap", c_network_proxy_gap, E_NOW},
    {"network-error", "system-wpad-failed", c_network_wpad, E_NOW},
    {"enterprise-prt-missing", "enterprise-prt-acquire-failed",
     c_enterprise_acquire, H_NOW},
    {"whfb-cert-trust-not-ready", "enterprise-prt-missing", c_cert_trust,
     H_NOW},
    {"whfb-will-not-provision", "whfb-cert-trust-not-ready", c_whfb_cert_trust,
     H_NOW},
    {"whfb-will-not-provision", "capture-remote-session", c_whfb_remote, R_NOW},
    {"whfb-will-not-provision", "prt-missing", c_whfb_no_prt, H_NOW},
};
#define LINK_COUNT (sizeof LINKS / sizeof LINKS[0])

static const cu_finding *find_in(const cu_capture *c, const char *rule) {
  for (size_t i = 0; i < c->finding_count; i++)
    if (strcmp(c->findings[i].rule, rule) == 0)
      return &c->findings[i];
  return NULL;
}

static void test_each_link_on_a_capture(void **state) {
  (void)state;
  for (size_t i = 0; i < LINK_COUNT; i++) {
    const link_case *l = &LINKS[i];
    dsreg_rule_options opt;
    cu_result r;
    char ids[1024];
    char *text = l->capture();
    cu_options_now(&opt, l->now);
    cu_analyze_text(text, &opt, &r);
    free(text);
    assert_int_equal(r.capture_count, 1);
    const cu_capture *c = &r.captures[0];
    const cu_finding *f = find_in(c, l->consequence);
    if (!f || !find_in(c, l->cause))
      fail_msg("%s <- %s: both must fire, the capture gave: %s", l->consequence,
               l->cause, cu_ids(&r, 0, ids, sizeof ids));
    if (!f->caused_by || strcmp(f->caused_by, l->cause) != 0)
      fail_msg("%s <- %s: caused_by is %s (findings: %s)", l->consequence,
               l->cause, f->caused_by ? f->caused_by : "NULL",
               cu_ids(&r, 0, ids, sizeof ids));
    /* A cause is not its own consequence's consequence. */
    const cu_finding *cause = find_in(c, l->cause);
    assert_true(!cause->caused_by ||
                strcmp(cause->caused_by, l->consequence) != 0);
    cu_result_free(&r);
  }
}

/* Every link of the table is tested above, and only those. */
static void test_every_declared_link_is_tested(void **state) {
  (void)state;
  size_t declared = 0;
  for (size_t i = 0; i < dsreg_rule_count(); i++) {
    const dsreg_rule *r = dsreg_rule_at(i);
    for (size_t k = 0; r->follows_from && r->follows_from[k]; k++) {
      bool tested = false;
      for (size_t j = 0; j < LINK_COUNT && !tested; j++)
        tested = strcmp(LINKS[j].consequence, r->id) == 0 &&
                 strcmp(LINKS[j].cause, r->follows_from[k]) == 0;
      if (!tested)
        fail_msg("%s <- %s has no capture in LINKS", r->id, r->follows_from[k]);
      declared++;
    }
  }
  assert_int_equal(declared, LINK_COUNT);
}

/* ---- the graph ----------------------------------------------------------- */

/* 0 unvisited, 1 on the path, 2 done: a path that comes back is a cycle. */
static void visit(size_t i, int *mark, char *path, size_t size) {
  const dsreg_rule *r = dsreg_rule_at(i);
  if (mark[i] == 1)
    fail_msg("the links form a cycle: %s -> %s", path, r->id);
  if (mark[i] == 2)
    return;
  mark[i] = 1;
  size_t len = strlen(path);
  snprintf(path + len, size - len, "%s%s", len ? " -> " : "", r->id);
  for (size_t k = 0; r->follows_from && r->follows_from[k]; k++) {
    const dsreg_rule *c = dsreg_rule_find(r->follows_from[k]);
    if (!c)
      fail_msg("%s follows from '%s', which is no rule", r->id,
               r->follows_from[k]);
    size_t ci = 0;
    while (dsreg_rule_at(ci) != c)
      ci++;
    visit(ci, mark, path, size);
  }
  path[len] = '\0';
  mark[i] = 2;
}

static void test_links_name_rules_and_form_no_cycle(void **state) {
  (void)state;
  size_t n = dsreg_rule_count();
  int *mark = calloc(n, sizeof *mark);
  char path[4096] = "";
  assert_non_null(mark);
  for (size_t i = 0; i < n; i++) {
    const dsreg_rule *r = dsreg_rule_at(i);
    /* A list without reasons, or reasons without a list, is an error of
     * the table. */
    assert_true((r->follows_from == NULL) == (r->follows_why == NULL));
    for (size_t k = 0; r->follows_from && r->follows_from[k]; k++) {
      assert_string_not_equal(r->follows_from[k], r->id);
      for (size_t j = 0; j < k; j++)
        assert_string_not_equal(r->follows_from[k], r->follows_from[j]);
    }
    visit(i, mark, path, sizeof path);
  }
  free(mark);
}

/* checks-not-run reports on the rest; nothing follows from it or it from
 * anything. */
static void test_not_judged_outside_the_graph(void **state) {
  (void)state;
  const dsreg_rule *nr = dsreg_rule_find("checks-not-run");
  assert_non_null(nr);
  assert_null(nr->follows_from);
  for (size_t i = 0; i < dsreg_rule_count(); i++) {
    const dsreg_rule *r = dsreg_rule_at(i);
    for (size_t k = 0; r->follows_from && r->follows_from[k]; k++)
      assert_string_not_equal(r->follows_from[k], "checks-not-run");
  }
}

/* Every warning and error can be a root cause, so a step of the plan: each
 * says what shows it fixed. */
static void test_confirm_texts(void **state) {
  (void)state;
  for (size_t i = 0; i < dsreg_rule_count(); i++) {
    const dsreg_rule *r = dsreg_rule_at(i);
    if (r->severity < DSREG_SEVERITY_WARNING)
      continue;
    if (!r->confirm || !r->confirm[0])
      fail_msg("%s (%s) has no confirm text", r->id,
               dsreg_severity_name(r->severity));
    assert_true(strlen(r->confirm) < 160); /* one line of the plan */
  }
}

/* ---- verdict and root cause ---------------------------------------------- */

static cu_result analyze(char *text, const char *now) {
  dsreg_rule_options opt;
  cu_result r;
  cu_options_now(&opt, now);
  cu_analyze_text(text, &opt, &r);
  free(text);
  assert_int_equal(r.capture_count, 1);
  return r;
}

static void test_verdict_and_root_cause(void **state) {
  (void)state;
  /* Healthy: OK, no root cause. */
  cu_result r = analyze(base(ENTRA), E_NOW);
  assert_int_equal(r.captures[0].verdict, DSREG_VERDICT_OK);
  assert_null(r.captures[0].root_cause);
  assert_string_equal(dsreg_verdict_id(DSREG_VERDICT_OK), "ok");
  cu_result_free(&r);

  /* The certificate fixture: four errors, one warning.  The disabled
   * device is the root with the most that follows from it. */
  r = analyze(base(CERT_EXPIRED), CE_NOW);
  assert_int_equal(r.captures[0].verdict, DSREG_VERDICT_BROKEN);
  assert_string_equal(r.captures[0].root_cause, "device-auth-failed");
  assert_string_equal(find_in(&r.captures[0], "prt-acquire-failed")->caused_by,
                      "device-auth-failed");
  assert_string_equal(find_in(&r.captures[0], "prt-missing")->caused_by,
                      "prt-acquire-failed");
  assert_null(find_in(&r.captures[0], "cert-expired")->caused_by);
  assert_null(find_in(&r.captures[0], "wam-default-missing")->caused_by);
  assert_string_equal(dsreg_verdict_id(DSREG_VERDICT_BROKEN), "broken");
  cu_result_free(&r);

  /* Warnings only: ATTENTION; the root is the one others follow from. */
  r = analyze(c_cert_trust(), H_NOW);
  assert_int_equal(r.captures[0].verdict, DSREG_VERDICT_ATTENTION);
  assert_string_equal(r.captures[0].root_cause, "enterprise-prt-missing");
  assert_string_equal(dsreg_verdict_id(DSREG_VERDICT_ATTENTION), "attention");
  cu_result_free(&r);

  /* A warning whose consequence is an error outranks an error alone:
   * what it leads to counts, not only its own severity. */
  r = analyze(proxy_gap(cu_set(domain_ok(), "DRS Connectivity Test",
                               "FAIL [0x80072ee2]")),
              D_NOW);
  assert_int_equal(r.captures[0].verdict, DSREG_VERDICT_BROKEN);
  assert_string_equal(r.captures[0].root_cause, "system-context-proxy-gap");
  cu_result_free(&r);
}

/* Info findings only: OK.  checks-not-run is info and leaves OK as it is
 * (the report says in its last line what was not judged). */
static void test_info_only_is_ok(void **state) {
  (void)state;
  cu_result r = analyze(base(REMOTE), R_NOW);
  /* corpus 01 has a warning (mdm-urls-missing); without it, infos only */
  cu_result_free(&r);
  char *t = cu_set(base(REMOTE), "MdmUrl",
                   "https://enrollment.manage.microsoft.com/"
                   "enrollmentserver/discovery.svc");
  t = cu_set(t, "MdmComplianceUrl",
             "https://portal.manage.microsoft.com/?portalAction=Compliance");
  r = analyze(t, R_NOW);
  assert_true(r.captures[0].finding_count > 0);
  for (size_t i = 0; i < r.captures[0].finding_count; i++)
    assert_int_equal(r.captures[0].findings[i].severity, DSREG_SEVERITY_INFO);
  assert_int_equal(r.captures[0].verdict, DSREG_VERDICT_OK);
  assert_null(r.captures[0].root_cause);
  cu_result_free(&r);

  r = analyze(base("fixtures/synthetic/entra_joined_as_system.txt"),
              "2025-03-02T08:05:00Z");
  assert_non_null(find_in(&r.captures[0], "checks-not-run"));
  assert_int_equal(r.captures[0].verdict, DSREG_VERDICT_OK);
  cu_result_free(&r);
}

/* --disable takes a cause away: its consequence becomes a root. */
static void test_disabled_cause(void **state) {
  (void)state;
  dsreg_rule_options opt;
  cu_result r;
  cu_options_now(&opt, CE_NOW);
  assert_int_equal(dsreg_rule_set_add(&opt.disabled, "device-auth-failed"),
                   DSREG_OK);
  char *t = base(CERT_EXPIRED);
  cu_analyze_text(t, &opt, &r);
  free(t);
  /* prt-acquire-failed now follows from the certificate (its next cause) */
  assert_string_equal(find_in(&r.captures[0], "prt-acquire-failed")->caused_by,
                      "cert-expired");
  assert_string_equal(r.captures[0].root_cause, "cert-expired");
  cu_result_free(&r);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_each_link_on_a_capture),
      cmocka_unit_test(test_every_declared_link_is_tested),
      cmocka_unit_test(test_links_name_rules_and_form_no_cycle),
      cmocka_unit_test(test_not_judged_outside_the_graph),
      cmocka_unit_test(test_confirm_texts),
      cmocka_unit_test(test_verdict_and_root_cause),
      cmocka_unit_test(test_info_only_is_ok),
      cmocka_unit_test(test_disabled_cause),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
