/*
 * test_no_texts.c - dsreg_rule_options.no_texts: the analysis without
 * message and remedy texts is the analysis with them, minus the texts.
 *
 * Every fixture capture is analysed twice, with and without the option,
 * and everything but the texts is compared; the CSV row (which shows no
 * text) must come out byte for byte the same.  Frees of the static text
 * would show under ASan and valgrind, which run this suite too.
 *
 * Also here, on the same captures: dsreg_causes_link given the rows the
 * engine recorded links as it does finding each row by id.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "capture_util.h"
#include "causes.h"
#include "dsreg/csv.h"
#include "dsreg/parser.h"

static const char *const FIXTURES[] = {
    "fixtures/corpus/01_entra_joined_healthy_prt_win10_19041_newdiagfields.txt",
    "fixtures/corpus/04_hybrid_joined_whfb_certtrust_enterpriseprt_missing_"
    "partial_mangled.txt",
    "fixtures/corpus/05_domainjoined_server2022_elevated_scp_missing_"
    "0x801c001d.txt",
    "fixtures/corpus/10_hybrid_sso_state_enterprise_prt_failure_msis9682_"
    "fragment.txt",
    "fixtures/corpus/12_docs_prejoin_diag_discover_fail_0x801c0021.txt",
    "fixtures/corpus/14_docs_sso_state_prt_acquire_failure_aadsts50126_with_"
    "cloudtgt.txt",
    "fixtures/corpus/17_hybrid_joined_prt_failure_aadsts90002_then_success_"
    "retyped.txt",
    "fixtures/synthetic/entra_joined_as_system.txt",
    "fixtures/synthetic/entra_joined_prt_stale_mdm_missing.txt",
    "fixtures/synthetic/entra_joined_recovery_keysign_failed.txt",
    "fixtures/synthetic/hostile_values.txt",
    "fixtures/synthetic/hybrid_cert_expired.txt",
    "fixtures/synthetic/multi_capture.log",
    "fixtures/synthetic/not_joined.txt",
};

typedef struct tally {
  size_t captures;
  size_t findings;
  size_t not_judged; /* checks-not-run findings: their text is built apart */
  size_t caused;     /* findings with a cause: the links were compared */
} tally;

static void same_evidence(const dsreg_finding *a, const dsreg_finding *b) {
  assert_int_equal(a->evidence_count, b->evidence_count);
  for (size_t k = 0; k < a->evidence_count; k++) {
    assert_ptr_equal(a->evidence[k].key, b->evidence[k].key);
    assert_ptr_equal(a->evidence[k].value, b->evidence[k].value);
    assert_int_equal(a->evidence[k].line, b->evidence[k].line);
  }
}

static void csv_row_equal(const dsreg_capture *cap, const dsreg_analysis *a,
                          const dsreg_analysis *b) {
  dsreg_csv_columns cols;
  const char *bad;
  size_t bad_len;
  assert_int_equal(dsreg_csv_columns_parse(&cols,
                                           "source,capture,verdict,root_cause,"
                                           "errors,warnings,infos,findings",
                                           &bad, &bad_len),
                   DSREG_OK);
  dsreg_outbuf ra = {0}, rb = {0};
  assert_int_equal(dsreg_render_csv_row(&ra, &cols, "x", cap, a), DSREG_OK);
  assert_int_equal(dsreg_render_csv_row(&rb, &cols, "x", cap, b), DSREG_OK);
  assert_int_equal(ra.len, rb.len);
  assert_memory_equal(ra.data, rb.data, ra.len);
  dsreg_outbuf_free(&ra);
  dsreg_outbuf_free(&rb);
}

static int on_capture(const dsreg_capture *cap, void *user) {
  tally *t = user;
  dsreg_rule_options full, bare;
  cu_options_now(&full, "2025-06-01T00:00:00Z");
  bare = full;
  bare.no_texts = true;
  dsreg_analysis a, b;
  assert_int_equal(dsreg_analyze(cap, &full, &a), DSREG_OK);
  assert_int_equal(dsreg_analyze(cap, &bare, &b), DSREG_OK);
  assert_int_equal(a.join_type, b.join_type);
  assert_int_equal(a.verdict, b.verdict);
  assert_ptr_equal(a.root_cause, b.root_cause);
  assert_int_equal(a.reference_ms, b.reference_ms);
  assert_int_equal(a.reference_source, b.reference_source);
  assert_int_equal(a.finding_count, b.finding_count);
  for (size_t i = 0; i < a.finding_count; i++) {
    const dsreg_finding *fa = &a.findings[i], *fb = &b.findings[i];
    assert_ptr_equal(fa->rule, fb->rule);
    assert_int_equal(fa->severity, fb->severity);
    assert_ptr_equal(fa->title, fb->title);
    assert_ptr_equal(fa->reference, fb->reference);
    assert_ptr_equal(fa->caused_by, fb->caused_by);
    same_evidence(fa, fb);
    assert_true(fa->message[0] != '\0');
    assert_string_equal(fb->message, "");
    assert_string_equal(fb->remedy, "");
    /* One static text, not a heap string per finding. */
    assert_ptr_equal(fb->message, b.findings[0].message);
    assert_ptr_equal(fb->remedy, b.findings[0].message);
    t->not_judged += strcmp(fa->rule, "checks-not-run") == 0;
    t->caused += fa->caused_by != NULL;
  }
  t->captures++;
  t->findings += a.finding_count;
  csv_row_equal(cap, &a, &b);
  /* Dropping findings frees their texts: the static one must be skipped. */
  dsreg_analysis_filter(&b, DSREG_SEVERITY_WARNING);
  dsreg_analysis_free(&a);
  dsreg_analysis_free(&b);
  dsreg_analysis_free(&b); /* twice is safe, as documented */
  return 0;
}

/* Every capture of every fixture through `fn`. */
static void each_capture(dsreg_capture_fn fn, tally *t) {
  for (size_t i = 0; i < sizeof FIXTURES / sizeof FIXTURES[0]; i++) {
    char *text = cu_read_fixture(FIXTURES[i]);
    dsreg_parser *p = dsreg_parser_new(fn, t);
    assert_non_null(p);
    assert_int_equal(dsreg_parser_feed(p, text, strlen(text)), DSREG_OK);
    assert_int_equal(dsreg_parser_finish(p), DSREG_OK);
    dsreg_parser_free(p);
    free(text);
  }
}

static void test_same_analysis_without_texts(void **state) {
  (void)state;
  tally t = {0};
  each_capture(on_capture, &t);
  /* The comparison covered what it is meant to: many findings, links and
   * the checks-not-run note, whose text is built on its own. */
  assert_true(t.captures >= 16);
  assert_true(t.findings >= 40);
  assert_true(t.not_judged >= 3);
  assert_true(t.caused >= 5);
}

static int relink(const dsreg_capture *cap, void *user) {
  tally *t = user;
  dsreg_rule_options opt;
  cu_options_now(&opt, "2025-06-01T00:00:00Z");
  dsreg_analysis an;
  assert_int_equal(dsreg_analyze(cap, &opt, &an), DSREG_OK);
  const char *caused_by[256];
  assert_true(an.finding_count <= 256);
  for (size_t i = 0; i < an.finding_count; i++)
    caused_by[i] = an.findings[i].caused_by;
  dsreg_verdict verdict = an.verdict;
  const char *root = an.root_cause;
  /* No row known, then only the first: the rest found by id. */
  for (size_t known = 0; known < 2; known++) {
    const dsreg_rule *first =
        an.finding_count ? dsreg_rule_find(an.findings[0].rule) : NULL;
    dsreg_causes_link(&an, &first, known && first ? 1 : 0);
    for (size_t i = 0; i < an.finding_count; i++)
      assert_ptr_equal(an.findings[i].caused_by, caused_by[i]);
    assert_int_equal(an.verdict, verdict);
    assert_ptr_equal(an.root_cause, root);
  }
  t->captures++;
  for (size_t i = 0; i < an.finding_count; i++)
    t->caused += caused_by[i] != NULL;
  dsreg_analysis_free(&an);
  return 0;
}

static void test_links_by_id_as_by_row(void **state) {
  (void)state;
  tally t = {0};
  each_capture(relink, &t);
  assert_true(t.captures >= 16);
  assert_true(t.caused >= 5);
}

/* A caller built against the 1.0 header passes a `size` that stops before
 * no_texts: whatever lies there is not read, and the texts are built. */
static void test_older_size_gets_texts(void **state) {
  (void)state;
  char *text = cu_read_fixture("fixtures/synthetic/not_joined.txt");
  cu_result r;
  dsreg_rule_options opt;
  dsreg_rule_options_init(&opt);
  opt.size = DSREG_RULE_OPTIONS_SIZE_1_0;
  opt.no_texts = true; /* past the caller's size: must be ignored */
  cu_analyze_text(text, &opt, &r);
  assert_int_equal(r.status, DSREG_OK);
  assert_int_equal(r.capture_count, 1);
  assert_true(r.captures[0].finding_count > 0);
  for (size_t i = 0; i < r.captures[0].finding_count; i++) {
    assert_true(r.captures[0].findings[i].message[0] != '\0');
    assert_true(r.captures[0].findings[i].remedy[0] != '\0');
  }
  cu_result_free(&r);
  free(text);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_same_analysis_without_texts),
      cmocka_unit_test(test_older_size_gets_texts),
      cmocka_unit_test(test_links_by_id_as_by_row),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
