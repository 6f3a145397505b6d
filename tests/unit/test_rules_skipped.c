/*
 * test_rules_skipped.c - checks-not-run (issue 11 §5): a check that the
 * capture cannot decide is named, with the reason, in one info finding, so
 * that silence means "checked and fine".  Also the catalogue's citations:
 * every rule cites a public page.
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
#define AS_SYSTEM "fixtures/synthetic/entra_joined_as_system.txt"
#define E_NOW "2025-03-02T08:00:01Z"
#define H_NOW "2025-03-05T09:30:00Z"
#define TODAY "2026-01-10T12:00:00Z" /* a clock long after the capture */

#define NOT_RUN "checks-not-run"

/* What the CLI passes for a saved file without --now: today's clock, which
 * is not the capture's time (dsreg_rule_options.clock_is_capture_time). */
static void saved_file(dsreg_rule_options *opt) {
  dsreg_rule_options_init(opt);
  opt->now_ms = cu_ms(TODAY);
  opt->now_source = DSREG_TIME_CLOCK;
}

/* Analyzes `text` (freed) with `opt`; one capture; checks the exact ids and
 * returns the checks-not-run finding (or one with an empty rule). */
static cu_finding run(char *text, const dsreg_rule_options *opt,
                      const char *ids) {
  cu_result r;
  cu_finding f;
  memset(&f, 0, sizeof f);
  cu_analyze_text(text, opt, &r);
  free(text);
  assert_int_equal(r.status, DSREG_OK);
  assert_int_equal(r.capture_count, 1);
  assert_int_equal(r.captures[0].status, DSREG_OK);
  if (!cu_same_ids(&r, 0, ids)) {
    char got[2048];
    fail_msg("expected rules [%s], got [%s]", ids,
             cu_ids(&r, 0, got, sizeof got));
  }
  assert_true(cu_count(&r, 0, NOT_RUN) <= 1);
  const cu_finding *g = cu_find(&r, NOT_RUN);
  if (g) {
    f = *g;
    assert_int_equal(f.severity, DSREG_SEVERITY_INFO);
    assert_string_equal(f.reference, dsreg_rule_find(NOT_RUN)->reference);
  }
  cu_result_free(&r);
  return f;
}

static cu_finding run_now(char *text, const char *now, const char *ids) {
  dsreg_rule_options opt;
  cu_options_now(&opt, now);
  return run(text, &opt, ids);
}

static bool evidence_has(const cu_finding *f, const char *key) {
  for (size_t i = 0; i < f->evidence_count; i++)
    if (strcmp(f->evidence_key[i], key) == 0)
      return true;
  return false;
}

/* ---- dates -------------------------------------------------------------- */

/* A saved Entra joined capture has no Client Time (only the pre-join block
 * prints it), and a saved file is not judged against today's clock: the
 * PRT's age cannot be decided.  The certificate is judged against the clock
 * (it lasts years: D4, certificate lifetime). */
static void test_saved_file_prt_age(void **state) {
  (void)state;
  dsreg_rule_options opt;
  saved_file(&opt);
  cu_finding f = run(cu_read_fixture(ENTRA), &opt, NOT_RUN);
  assert_string_equal(f.message, "not judged: prt-stale, prt-expired (no "
                                 "Client Time and no --now)");
  assert_string_equal(f.remedy, "To judge the dates, run again with --now set "
                                "to the time the capture was taken.");
  assert_true(evidence_has(&f, "AzureAdPrtUpdateTime"));
  assert_true(evidence_has(&f, "AzureAdPrtExpiryTime"));
}

/* With no time at all (a library caller without options), the certificate
 * dates are not judged either. */
static void test_no_reference_time(void **state) {
  (void)state;
  cu_finding f = run_now(cu_read_fixture(ENTRA), NULL, NOT_RUN);
  assert_string_equal(f.message,
                      "not judged: cert-expired, cert-expiring, "
                      "cert-not-yet-valid, prt-stale, prt-expired (no Client "
                      "Time and no --now)");
  assert_true(evidence_has(&f, "DeviceCertificateValidity"));
}

/* A Client Time that does not parse is said so. */
static void test_client_time_unparsable(void **state) {
  (void)state;
  char *t = cu_read_fixture(ENTRA);
  t = cu_insert_after(t, "KeySignTest", "Client Time", "[Date] UTC");
  dsreg_rule_options opt;
  saved_file(&opt);
  cu_finding f = run(t, &opt, NOT_RUN);
  assert_string_equal(f.message, "not judged: prt-stale, prt-expired (Client "
                                 "Time does not parse and no --now)");
  assert_true(evidence_has(&f, "Client Time"));
}

/* Silence means checked: the same capture judged at --now, or piped in
 * live (the clock is the capture time), has no checks-not-run. */
static void test_silent_with_a_time(void **state) {
  (void)state;
  run_now(cu_read_fixture(ENTRA), E_NOW, "");
  run_now(cu_read_fixture(HYBRID), H_NOW, "");
  dsreg_rule_options opt;
  saved_file(&opt);
  opt.now_ms = cu_ms(E_NOW);
  opt.clock_is_capture_time = true;
  run(cu_read_fixture(ENTRA), &opt, "");
}

/* A validity range that does not parse (docs/format.md §7: "A value that
 * does not fit its type is invalid ... kept as printed"): none of the four
 * certificate checks can read it. */
static void test_validity_unparsable(void **state) {
  (void)state;
  char *t = cu_read_fixture(ENTRA);
  t = cu_set(t, "DeviceCertificateValidity", "[ [Date] UTC -- [Date] UTC ]");
  cu_finding f = run_now(t, E_NOW, NOT_RUN);
  assert_string_equal(f.message, "not judged: cert-expired, cert-expiring, "
                                 "cert-not-yet-valid, cert-validity-invalid "
                                 "(DeviceCertificateValidity does not parse)");
  assert_string_equal(f.remedy,
                      "Get the output as dsregcmd printed it, not redacted or "
                      "retyped: dsregcmd /status > status.txt.");
  assert_true(evidence_has(&f, "DeviceCertificateValidity"));
}

/* Two fields that do not parse make two groups, in catalogue order; the
 * remedy is given once. */
static void test_two_unparsable_fields(void **state) {
  (void)state;
  char *t = cu_read_fixture(ENTRA);
  t = cu_set(t, "DeviceCertificateValidity", "[ redacted ]");
  t = cu_set(t, "AzureAdPrtUpdateTime", "[Date] UTC");
  cu_finding f = run_now(t, E_NOW, NOT_RUN);
  assert_string_equal(f.message,
                      "not judged: cert-expired, cert-expiring, "
                      "cert-not-yet-valid, cert-validity-invalid "
                      "(DeviceCertificateValidity does not parse); prt-stale "
                      "(AzureAdPrtUpdateTime does not parse)");
  assert_string_equal(f.remedy,
                      "Get the output as dsregcmd printed it, not redacted or "
                      "retyped: dsregcmd /status > status.txt.");
}

/* ---- who ran it ----------------------------------------------------------
 */

/* D1: "The dsregcmd /status utility must be run as a domain user account";
 * as SYSTEM or the computer account the user's PRT and WAM state are
 * unknown, and an empty MdmUrl can mean "the current user isn't in scope"
 * (D1, Tenant details), so mdm-urls-missing is not judged either. */
static void test_as_system(void **state) {
  (void)state;
  char *t = cu_read_fixture(AS_SYSTEM);
  t = cu_set(t, "MdmUrl", "");
  t = cu_set(t, "MdmTouUrl", "");
  t = cu_set(t, "MdmComplianceUrl", "");
  cu_finding f =
      run_now(t, "2025-03-02T08:05:00Z", "capture-as-system " NOT_RUN);
  assert_string_equal(f.message,
                      "not judged: mdm-urls-missing, prt-missing, "
                      "wam-default-missing (taken as the computer account: the "
                      "user's state is unknown)");
  assert_string_equal(f.remedy, "To judge the user checks, run 'dsregcmd "
                                "/status' as the signed-in user.");
  assert_true(evidence_has(&f, "Executing Account Name"));
}

/* NT AUTHORITY\SYSTEM itself, with a saved file's clock: two reasons. */
static void test_as_system_saved(void **state) {
  (void)state;
  char *t = cu_read_fixture(AS_SYSTEM);
  t = cu_set(t, "Executing Account Name", "NT AUTHORITY\\SYSTEM");
  t = cu_set(t, "AzureAdPrt", "YES");
  t = cu_insert_after(t, "AzureAdPrt", "AzureAdPrtUpdateTime",
                      "2025-03-02 07:41:12.000 UTC");
  dsreg_rule_options opt;
  saved_file(&opt);
  cu_finding f = run(t, &opt, "capture-as-system " NOT_RUN);
  assert_string_equal(f.message,
                      "not judged: prt-stale (no Client Time and no --now); "
                      "wam-default-missing, cloud-tgt-missing (taken as "
                      "SYSTEM: the user's state is unknown)");
  assert_string_equal(f.remedy,
                      "To judge the dates, run again with --now set to the "
                      "time the capture was taken. To judge the user checks, "
                      "run 'dsregcmd /status' as the signed-in user.");
}

/* A local account (HOST\user) cannot hold an Entra PRT. */
static void test_as_local_account(void **state) {
  (void)state;
  char *t = cu_read_fixture(ENTRA);
  t = cu_set(t, "Executing Account Name", "CONTOSO-LT042\\kiosk");
  t = cu_set(t, "AzureAdPrt", "NO");
  t = cu_del(t, "AzureAdPrtUpdateTime");
  t = cu_del(t, "AzureAdPrtExpiryTime");
  t = cu_set(t, "WamDefaultSet", "NO");
  cu_finding f = run_now(t, E_NOW, "capture-as-local-account " NOT_RUN);
  assert_string_equal(f.message,
                      "not judged: prt-missing, wam-default-missing (taken by "
                      "a local account: the Entra user's state is unknown)");
  assert_string_equal(f.remedy, "To judge the user checks, run 'dsregcmd "
                                "/status' signed in as the Entra (or synced "
                                "domain) user.");
}

/* As the user with a healthy state nothing is listed; with MdmUrl set
 * nothing depends on the user's scope. */
static void test_user_healthy_silent(void **state) {
  (void)state;
  char *t = cu_read_fixture(ENTRA);
  t = cu_insert_after(t, "KeySignTest", "Client Time",
                      "2025-03-02 08:00:01.000 UTC");
  dsreg_rule_options opt;
  saved_file(&opt);
  run(t, &opt, "");
}

/* ---- elevation ------------------------------------------------------------
 */

/* dsregcmd prints "KeySignTest: : MUST Run elevated to test." when it could
 * not test the keys (corpus capture 11): key-sign-failed is not judged. */
static void test_key_sign_not_elevated(void **state) {
  (void)state;
  char *t = cu_read_fixture(ENTRA);
  t = cu_set(t, "KeySignTest", "MUST Run elevated to test.");
  cu_finding f = run_now(t, E_NOW, NOT_RUN);
  assert_string_equal(f.message, "not judged: key-sign-failed (not run "
                                 "elevated: KeySignTest did not run)");
  assert_string_equal(f.remedy, "To test the device keys, run 'dsregcmd "
                                "/status' from an elevated prompt.");
  assert_true(evidence_has(&f, "KeySignTest"));
}

/* WamDefaultSet ERROR in an elevated run says nothing about the user's
 * default account (rules/sso.c): not judged rather than silent. */
static void test_wam_error_elevated(void **state) {
  (void)state;
  char *t = cu_read_fixture(ENTRA);
  t = cu_set(t, "WamDefaultSet", "ERROR (0x80070490)");
  cu_finding f = run_now(t, E_NOW, NOT_RUN);
  assert_string_equal(f.message, "not judged: wam-default-missing (run "
                                 "elevated, where WamDefaultSet can read "
                                 "ERROR)");
}

/* ---- options and the table ------------------------------------------------
 */

/* --disable checks-not-run silences it; a disabled rule is not listed. */
static void test_disable(void **state) {
  (void)state;
  dsreg_rule_options opt;
  saved_file(&opt);
  assert_int_equal(dsreg_rule_set_add(&opt.disabled, "prt-stale"), DSREG_OK);
  cu_finding f = run(cu_read_fixture(ENTRA), &opt, NOT_RUN);
  assert_string_equal(f.message,
                      "not judged: prt-expired (no Client Time and no --now)");
  /* only checks-not-run off: prt-stale runs again, and nothing reports */
  dsreg_rule_set_clear(&opt.disabled);
  assert_int_equal(dsreg_rule_set_add(&opt.disabled, NOT_RUN), DSREG_OK);
  run(cu_read_fixture(ENTRA), &opt, "");
}

/* It reports what the rows above it skipped, so it is the last row. */
static void test_last_row(void **state) {
  (void)state;
  const dsreg_rule *r = dsreg_rule_at(dsreg_rule_count() - 1);
  assert_string_equal(r->id, NOT_RUN);
  assert_int_equal(r->severity, DSREG_SEVERITY_INFO);
}

/* Every rule cites a public page (issue 11, Done when): its reference is
 * an https URL and its source names at least one public source of
 * docs/format.md §9, not only a section of this repository. */
static void test_every_rule_cites_a_public_source(void **state) {
  (void)state;
  static const char *const tags[] = {"D1", "D2", "D3", "D4",  "D5", "D6",
                                     "D7", "DT", "I1", "CMO", "MWC"};
  for (size_t i = 0; i < dsreg_rule_count(); i++) {
    const dsreg_rule *r = dsreg_rule_at(i);
    bool tagged = false;
    if (strncmp(r->reference, "https://", 8) != 0)
      fail_msg("rule '%s': reference '%s' is not an https URL", r->id,
               r->reference);
    for (size_t k = 0; k < sizeof tags / sizeof tags[0] && !tagged; k++)
      tagged = strstr(r->source, tags[k]) != NULL;
    if (!tagged)
      fail_msg("rule '%s': source '%s' names no public source", r->id,
               r->source);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_saved_file_prt_age),
      cmocka_unit_test(test_no_reference_time),
      cmocka_unit_test(test_client_time_unparsable),
      cmocka_unit_test(test_silent_with_a_time),
      cmocka_unit_test(test_validity_unparsable),
      cmocka_unit_test(test_two_unparsable_fields),
      cmocka_unit_test(test_as_system),
      cmocka_unit_test(test_as_system_saved),
      cmocka_unit_test(test_as_local_account),
      cmocka_unit_test(test_user_healthy_silent),
      cmocka_unit_test(test_key_sign_not_elevated),
      cmocka_unit_test(test_wam_error_elevated),
      cmocka_unit_test(test_disable),
      cmocka_unit_test(test_last_row),
      cmocka_unit_test(test_every_rule_cites_a_public_source),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
