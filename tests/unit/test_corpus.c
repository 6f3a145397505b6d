/*
 * test_corpus.c - the expected join type and the exact set of findings of
 * every fixture (fixtures/corpus and fixtures/synthetic), judged at its
 * capture time from fixtures/capture-times.tsv (what `dsregdiag --now`
 * would be given).  The table was reviewed by the lead engineer: a
 * difference is a finding to report, not a row to update.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(_WIN32)
#include <io.h>
#else
#include <dirent.h>
#endif

#include "capture_util.h"

typedef struct expected {
  const char *file;  /* under fixtures/ */
  unsigned capture;  /* 1-based capture of the file */
  const char *join;  /* dsreg_join_type_id */
  const char *rules; /* space separated, "" for none */
} expected;

static const expected TABLE[] = {
    /* issue 11: SessionIsNotRemote NO, the capture was taken over RDP (D1) */
    {"corpus/01_entra_joined_healthy_prt_win10_19041_newdiagfields.txt", 1,
     "entra-joined",
     "key-not-tpm-protected mdm-urls-missing whfb-will-not-provision "
     "capture-remote-session"},
    {"corpus/02_entra_joined_aadinternals_blog_partial.txt", 1, "entra-joined",
     /* issue 11 §1, §5: taken by a local account, an empty MdmUrl may only
      * mean that user is out of the MDM scope (D1): not judged, with the
      * PRT and WAM checks */
     "key-not-tpm-protected capture-as-local-account checks-not-run"},
    {"corpus/03_entra_joined_azure_vm_prt_partial_edited.txt", 1,
     "entra-joined", "key-not-tpm-protected capture-incomplete"},
    {"corpus/"
     "04_hybrid_joined_whfb_certtrust_enterpriseprt_missing_partial_mangled."
     "txt",
     1, "hybrid-joined",
     "enterprise-prt-missing whfb-will-not-provision "
     "whfb-cert-trust-not-ready"},
    {"corpus/05_domainjoined_server2022_elevated_scp_missing_0x801c001d.txt", 1,
     "domain-joined",
     /* issue 11: no SCP (0x80070002 with 0x801c001d) is one warning, D2 */
     "hybrid-join-not-configured capture-as-system"},
    /* issue 11: no SCP is one warning (D2); the tests ran un-elevated, not
     * as SYSTEM (D1); NgcPreReq ERROR, its UNKNOWN values are no
     * prerequisites: only ngc-prereq-check-error */
    {"corpus/06_domainjoined_win11_unelevated_scp_missing_kerberos_fedjoin.txt",
     1, "domain-joined",
     "hybrid-join-not-configured prejoin-not-system-context "
     "ngc-prereq-check-error"},
    {"corpus/07_entra_registered_workplacejoined_win11_italian_ps.txt", 1,
     "entra-registered", ""},
    {"corpus/08_oldformat_1803_domainjoined_plus_workplacejoined.txt", 1,
     "domain-joined", "domain-joined-registered whfb-will-not-provision"},
    {"corpus/09_not_joined_workgroup_kolide_fixture.txt", 1, "not-joined",
     "not-joined"},
    {"corpus/10_hybrid_sso_state_enterprise_prt_failure_msis9682_fragment.txt",
     /* issue 11 §5: the PRT times are redacted ("[Date]"), so prt-stale
      * and prt-expired are not judged */
     1, "unknown",
     "enterprise-prt-acquire-failed capture-incomplete checks-not-run"},
    {"corpus/"
     "11_docs_oldformat_hybrid_joined_device_and_user_state_partial.txt",
     /* issue 11: no DeviceAuthStatus line, the health was not judged; §5:
      * "KeySignTest: : MUST Run elevated to test.": the keys were not
      * tested */
     1, "hybrid-joined", "device-auth-status-missing checks-not-run"},
    {"corpus/12_docs_prejoin_diag_discover_fail_0x801c0021.txt", 1, "unknown",
     "hybrid-join-failed drs-discovery-failed capture-incomplete"},
    {"corpus/13_docs_prejoin_diag_syncjoin_directoryerror_0x801c03f2.txt", 1,
     "unknown", "hybrid-join-pending-sync capture-incomplete"},
    {"corpus/14_docs_sso_state_prt_acquire_failure_aadsts50126_with_cloudtgt."
     "txt",
     1, "unknown", "prt-acquire-failed capture-incomplete"},
    {"corpus/"
     "15_docs_section_samples_composite_devicedetails_tenant_user_postjoin_"
     "ngc.txt",
     1, "hybrid-joined", "key-not-tpm-protected capture-incomplete"},
    {"corpus/"
     "16_on_prem_drs_enterprisejoined_fragment_whitespace_collapsed.txt",
     1, "drs-joined", "capture-incomplete"},
    /* issue 11: the diagnostics are Administrator@corp.local's, the capture
     * user1@...'s (D1: another user's attempt on a shared device), so the
     * .local suffix of that other user is not this user's problem either */
    {"corpus/17_hybrid_joined_prt_failure_aadsts90002_then_success_retyped.txt",
     1, "hybrid-joined",
     "key-not-tpm-protected prt-diag-other-user capture-incomplete"},

    {"synthetic/entra_joined_healthy.txt", 1, "entra-joined", ""},
    {"synthetic/hybrid_joined_healthy.txt", 1, "hybrid-joined", ""},
    {"synthetic/entra_registered_only.txt", 1, "entra-registered", ""},
    {"synthetic/not_joined.txt", 1, "not-joined", "not-joined"},
    {"synthetic/domain_joined_sync_pending.txt", 1, "domain-joined",
     "hybrid-join-pending-sync capture-as-system"},
    {"synthetic/domain_joined_drs_discovery_failed.txt", 1, "domain-joined",
     /* issue 11: the fallback matters only when the federated path failed
      * (D1); the tests ran as the user, not SYSTEM (D1) */
     "hybrid-join-failed drs-discovery-failed prejoin-not-system-context"},
    {"synthetic/hybrid_cert_expired.txt", 1, "hybrid-joined",
     "device-auth-failed cert-expired prt-missing prt-acquire-failed "
     "wam-default-missing"},
    {"synthetic/entra_joined_prt_stale_mdm_missing.txt", 1, "entra-joined",
     "key-not-tpm-protected mdm-urls-missing prt-stale"},
    {"synthetic/entra_joined_recovery_keysign_failed.txt", 1, "entra-joined",
     /* issue 11 §5: WamDefaultSet ERROR in an elevated run is no evidence,
      * so wam-default-missing is not judged */
     "key-sign-failed recovery-pending checks-not-run"},
    /* issue 11 §5: as the computer account, the user's PRT and WAM state
     * are not judged */
    {"synthetic/entra_joined_as_system.txt", 1, "entra-joined",
     "capture-as-system checks-not-run"},
    {"synthetic/drs_joined.txt", 1, "drs-joined", ""},
    /* one capture time for the log; each copy is judged against it */
    {"synthetic/multi_capture.log", 1, "entra-joined", "prt-stale"},
    {"synthetic/multi_capture.log", 2, "not-joined", "not-joined"},
    {"synthetic/multi_capture.log", 3, "entra-registered", ""},
    {"synthetic/hostile_values.txt", 1, "hybrid-joined", ""},
};

#define ROWS (sizeof TABLE / sizeof TABLE[0])

/* Rows of `file`: how many captures the table expects of it. */
static unsigned expected_captures(const char *file) {
  unsigned n = 0;
  for (size_t i = 0; i < ROWS; i++)
    if (strcmp(TABLE[i].file, file) == 0 && TABLE[i].capture > n)
      n = TABLE[i].capture;
  return n;
}

/* Checks every row; reports every difference before failing. */
static void test_every_row(void **state) {
  (void)state;
  int bad = 0;
  for (size_t i = 0; i < ROWS; i++) {
    const expected *e = &TABLE[i];
    char rel[512], when[64], ids[2048];
    dsreg_rule_options opt;
    cu_result r;
    snprintf(rel, sizeof rel, "fixtures/%s", e->file);
    cu_options_now(&opt, cu_capture_time(e->file, when, sizeof when));
    char *text = cu_read_fixture(rel);
    cu_analyze_text(text, &opt, &r);
    free(text);
    if (r.status != DSREG_OK) {
      print_error("%s: parser status %d\n", e->file, (int)r.status);
      bad++;
    } else if (r.capture_count != expected_captures(e->file)) {
      print_error("%s: %zu captures, expected %u\n", e->file, r.capture_count,
                  expected_captures(e->file));
      bad++;
    } else {
      const cu_capture *c = &r.captures[e->capture - 1];
      const char *join = dsreg_join_type_id(c->join_type);
      if (c->status != DSREG_OK) {
        print_error("%s #%u: analysis status %d\n", e->file, e->capture,
                    (int)c->status);
        bad++;
      }
      if (strcmp(join, e->join) != 0) {
        print_error("%s #%u: join type %s, expected %s\n", e->file, e->capture,
                    join, e->join);
        bad++;
      }
      if (!cu_same_ids(&r, e->capture - 1, e->rules)) {
        print_error("%s #%u at %s: rules [%s], expected [%s]\n", e->file,
                    e->capture, when,
                    cu_ids(&r, e->capture - 1, ids, sizeof ids), e->rules);
        bad++;
      }
    }
    cu_result_free(&r);
  }
  if (bad)
    fail_msg("%d difference(s) from the reviewed table", bad);
}

/* Every fixture file has a row (and a capture time), and every row names a
 * file that exists. */
static int has_row(const char *file) {
  for (size_t i = 0; i < ROWS; i++)
    if (strcmp(TABLE[i].file, file) == 0)
      return 1;
  return 0;
}

static int is_capture_file(const char *name) {
  size_t n = strlen(name);
  return (n > 4 && strcmp(name + n - 4, ".txt") == 0) ||
         (n > 4 && strcmp(name + n - 4, ".log") == 0);
}

/* Counts the capture files of fixtures/<dir>, reporting those without a
 * row in *missing. */
static size_t each_file(const char *dir, int *missing) {
  char path[1024], file[512];
  size_t count = 0;
  snprintf(path, sizeof path, "%s/fixtures/%s", DSREG_SOURCE_DIR, dir);
#if defined(_WIN32)
  char pattern[1100];
  struct _finddata_t fd;
  snprintf(pattern, sizeof pattern, "%s/*", path);
  intptr_t h = _findfirst(pattern, &fd);
  assert_true(h != -1);
  do {
    const char *name = fd.name;
#else
  DIR *d = opendir(path);
  if (!d)
    fail_msg("cannot list %s", path);
  for (struct dirent *de; (de = readdir(d)) != NULL;) {
    const char *name = de->d_name;
#endif
    if (!is_capture_file(name))
      continue;
    snprintf(file, sizeof file, "%s/%s", dir, name);
    count++;
    if (!has_row(file)) {
      print_error("fixtures/%s has no row in test_corpus.c\n", file);
      (*missing)++;
    }
#if defined(_WIN32)
  } while (_findnext(h, &fd) == 0);
  _findclose(h);
#else
  }
  closedir(d);
#endif
  return count;
}

static void test_every_file_has_a_row(void **state) {
  (void)state;
  int missing = 0;
  size_t corpus = each_file("corpus", &missing);
  size_t synthetic = each_file("synthetic", &missing);
  if (missing)
    fail_msg("%d fixture(s) without a row", missing);
  assert_int_equal(corpus, 17);
  assert_int_equal(synthetic, 13);
  /* and the rows name existing files with a capture time, captures 1..n */
  for (size_t i = 0; i < ROWS; i++) {
    char rel[512], when[64];
    snprintf(rel, sizeof rel, "fixtures/%s", TABLE[i].file);
    free(cu_read_fixture(rel));
    cu_capture_time(TABLE[i].file, when, sizeof when);
    assert_true(TABLE[i].capture >= 1);
    for (size_t j = 0; j < i; j++)
      if (strcmp(TABLE[j].file, TABLE[i].file) == 0 &&
          TABLE[j].capture == TABLE[i].capture)
        fail_msg("%s #%u has two rows", TABLE[i].file, TABLE[i].capture);
  }
}

/* The capture times are what the golden tests use; a sanity check of the
 * file format and of one value. */
static void test_capture_times(void **state) {
  (void)state;
  char when[64];
  assert_string_equal(
      cu_capture_time("synthetic/hybrid_cert_expired.txt", when, sizeof when),
      "2025-01-15T09:00:00Z");
  assert_string_equal(cu_capture_time("fixtures/synthetic/multi_capture.log",
                                      when, sizeof when),
                      "2025-03-04T08:00:01Z");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_every_file_has_a_row),
      cmocka_unit_test(test_capture_times),
      cmocka_unit_test(test_every_row),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
