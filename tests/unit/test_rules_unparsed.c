/*
 * test_rules_unparsed.c - a value that does not parse as its type makes the
 * rules that decide on it "not judged" (issue 12, item 5): it gives a note,
 * and never silent success.  D1 ("Troubleshoot devices by using the dsregcmd
 * command") documents AzureAdPrt, the join flags and the pre-join tests as
 * YES / NO and PASS / FAIL [code] / SKIPPED; anything else is a capture that
 * was retyped or redacted, which cannot be judged.
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
#define DRS_FAIL "fixtures/synthetic/domain_joined_drs_discovery_failed.txt"
#define E_NOW "2025-03-02T08:00:01Z"

#define RETYPED                                                                \
  "Get the output as dsregcmd printed it, not redacted or retyped: dsregcmd "  \
  "/status > status.txt."

/* Analyzes `text` (freed) as of `now`: one capture with exactly the rules
 * `ids`; returns the checks-not-run finding and the first note's text. */
static cu_finding run(char *text, const char *now, const char *ids, char *note,
                      size_t note_size, dsreg_join_type *jt) {
  dsreg_rule_options opt;
  cu_result r;
  cu_options_now(&opt, now);
  cu_analyze_text(text, &opt, &r);
  free(text);
  assert_int_equal(r.status, DSREG_OK);
  assert_int_equal(r.capture_count, 1);
  if (!cu_same_ids(&r, 0, ids)) {
    char got[2048];
    fail_msg("expected rules [%s], got [%s]", ids,
             cu_ids(&r, 0, got, sizeof got));
  }
  const cu_finding *g = cu_find(&r, "checks-not-run");
  assert_non_null(g);
  cu_finding f = *g;
  snprintf(note, note_size, "%s", r.captures[0].first_note);
  *jt = r.captures[0].join_type;
  cu_result_free(&r);
  return f;
}

/* AzureAdPrt is YES or NO (D1, SSO state): "MAYBE" leaves every PRT check
 * undecided; before, prt-missing was simply silent. */
static void test_prt_flag_unparsable(void **state) {
  (void)state;
  char note[256];
  dsreg_join_type jt;
  char *t = cu_set(cu_read_fixture(ENTRA), "AzureAdPrt", "MAYBE");
  cu_finding f = run(t, E_NOW, "checks-not-run", note, sizeof note, &jt);
  assert_int_equal(jt, DSREG_JOIN_ENTRA);
  assert_string_equal(f.message,
                      "not judged: prt-missing, prt-times-inconsistent, "
                      "prt-stale, prt-expired, prt-acquire-failed, "
                      "prt-refresh-failed, onprem-tgt-missing (AzureAdPrt "
                      "does not parse)");
  assert_string_equal(f.remedy, RETYPED);
  assert_string_equal(note, "AzureAdPrt: 'MAYBE' is not YES or NO; kept as "
                            "text");
}

/* A join flag that does not parse leaves the join type unknown (D1, device
 * state table), and so every rule that needs it: the message names the
 * first eight and counts the rest, so that the reason still fits. */
static void test_join_flag_unparsable(void **state) {
  (void)state;
  char note[256];
  dsreg_join_type jt;
  char *t = cu_set(cu_read_fixture(ENTRA), "AzureAdJoined", "Y");
  cu_finding f = run(t, E_NOW, "checks-not-run", note, sizeof note, &jt);
  assert_int_equal(jt, DSREG_JOIN_UNKNOWN);
  assert_string_equal(
      f.message,
      "not judged: not-joined, join-state-contradictory, dual-state, "
      "second-tenant-account, domain-joined-registered, hybrid-join-failed, "
      "hybrid-join-pending-sync, hybrid-join-throttled and 14 more "
      "(AzureAdJoined does not parse)");
  assert_string_equal(f.evidence_key[0], "AzureAdJoined");
}

/* A pre-join test reads PASS, FAIL [code] or SKIPPED (D1, diagnostic
 * data): "FAILED 0x801c0021" is none of them, so drs-discovery-failed is
 * not judged, while the rest of the capture still is. */
static void test_prejoin_test_unparsable(void **state) {
  (void)state;
  char note[256];
  dsreg_join_type jt;
  char *t = cu_set(cu_read_fixture(DRS_FAIL), "DRS Discovery Test",
                   "FAILED 0x801c0021");
  cu_finding f = run(t, "2025-03-07T14:00:00Z",
                     "hybrid-join-failed prejoin-not-system-context "
                     "checks-not-run",
                     note, sizeof note, &jt);
  assert_int_equal(jt, DSREG_JOIN_DOMAIN);
  assert_string_equal(f.message, "not judged: drs-discovery-failed (DRS "
                                 "Discovery Test does not parse)");
  assert_string_equal(note, "DRS Discovery Test: 'FAILED 0x801c0021' is FAIL "
                            "without a [code]; kept as text");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_prt_flag_unparsable),
      cmocka_unit_test(test_join_flag_unparsable),
      cmocka_unit_test(test_prejoin_test_unparsable),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
