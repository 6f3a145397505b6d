/*
 * test_api.c - the 1.0 API contract (docs/api.md): dsreg_analysis_free is
 * safe on every path, option structs are checked by size, rule sets by id,
 * and every writer answers with a dsreg_status.
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
#include "dsreg/dsreg.h"

#define BROKEN "fixtures/synthetic/hybrid_cert_expired.txt"
#define NOW "2025-01-15T09:00:00Z"

/* ---- allocation failures --------------------------------------------- */

/* Linked with --wrap=malloc,realloc (tests/CMakeLists.txt) where the
 * linker has it: allocation `fail_at` (1-based, counted from arming) fails. */
#ifdef DSREG_WRAP_MALLOC
void *__real_malloc(size_t n);
void *__real_realloc(void *p, size_t n);
void *__wrap_malloc(size_t n);
void *__wrap_realloc(void *p, size_t n);
static long fail_at, seen;
static int fail_now(void) { return fail_at && ++seen == fail_at; }
void *__wrap_malloc(size_t n) { return fail_now() ? NULL : __real_malloc(n); }
void *__wrap_realloc(void *p, size_t n) {
  return fail_now() ? NULL : __real_realloc(p, n);
}
static void arm(long n) {
  fail_at = n;
  seen = 0;
}
#endif

/* What the callbacks below are given. */
typedef struct api_ctx {
  void (*check)(const dsreg_capture *cap, struct api_ctx *ctx);
  size_t captures;
  size_t sweeps; /* allocation failures met in the sweep */
} api_ctx;

static int on_capture(const dsreg_capture *cap, void *user) {
  api_ctx *ctx = user;
  ctx->captures++;
  ctx->check(cap, ctx);
  return 0;
}

static void parse_fixture(const char *rel, api_ctx *ctx) {
  char *text = cu_read_fixture(rel);
  dsreg_parser *p = dsreg_parser_new(on_capture, ctx);
  assert_non_null(p);
  assert_int_equal(dsreg_parser_feed(p, text, strlen(text)), DSREG_OK);
  assert_int_equal(dsreg_parser_finish(p), DSREG_OK);
  dsreg_parser_free(p);
  free(text);
  assert_int_equal(ctx->captures, 1);
}

static void assert_zeroed(const dsreg_analysis *an) {
  static const dsreg_analysis zero = {0};
  assert_memory_equal(an, &zero, sizeof zero);
}

/* Every allocation of dsreg_analyze in turn fails: each time ENOMEM, the
 * findings it kept are whole, and freeing (twice) is safe.  Under valgrind
 * or ASan (CI) a leak or a double free of any path fails the suite. */
static void sweep(const dsreg_capture *cap, api_ctx *ctx) {
  dsreg_rule_options opt;
  cu_options_now(&opt, NOW);
#ifdef DSREG_WRAP_MALLOC
  for (long n = 1;; n++) {
    dsreg_analysis an;
    arm(n);
    dsreg_status st = dsreg_analyze(cap, &opt, &an);
    arm(0);
    if (st == DSREG_OK) {
      assert_true(an.finding_count >= 4);
      dsreg_analysis_free(&an);
      break;
    }
    assert_int_equal(st, DSREG_ENOMEM);
    for (size_t i = 0; i < an.finding_count; i++) {
      assert_non_null(an.findings[i].message);
      assert_non_null(an.findings[i].remedy);
      assert_non_null(an.findings[i].rule);
    }
    dsreg_analysis_free(&an);
    assert_zeroed(&an);
    dsreg_analysis_free(&an);
    ctx->sweeps++;
  }
#else
  (void)cap;
  (void)ctx;
  skip();
#endif
}

static void test_free_after_enomem(void **state) {
  (void)state;
  api_ctx ctx = {sweep, 0, 0};
  parse_fixture(BROKEN, &ctx);
  /* the capture has findings, each with two strings: many ways to fail */
  assert_true(ctx.sweeps > 10);
}

/* EINVAL zeroes `out` first, so that freeing a never-initialised struct
 * after it is safe; a zeroed struct and a second free are no-ops. */
static void einval_paths(const dsreg_capture *cap, api_ctx *ctx) {
  (void)ctx;
  dsreg_analysis an;
  memset(&an, 0xa5, sizeof an);
  assert_int_equal(dsreg_analyze(NULL, NULL, &an), DSREG_EINVAL);
  assert_zeroed(&an);
  dsreg_analysis_free(&an);
  assert_int_equal(dsreg_analyze(cap, NULL, NULL), DSREG_EINVAL);

  dsreg_rule_options opt;
  cu_options_now(&opt, NOW);
  /* too small: not made by dsreg_rule_options_init() */
  size_t sizes[] = {0, 1, DSREG_RULE_OPTIONS_SIZE_1_0 - 1};
  for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
    opt.size = sizes[i];
    memset(&an, 0xa5, sizeof an);
    assert_int_equal(dsreg_analyze(cap, &opt, &an), DSREG_EINVAL);
    assert_zeroed(&an);
    dsreg_analysis_free(&an);
  }
  /* larger (a newer header's caller): the fields known are read */
  struct {
    dsreg_rule_options v1;
    int64_t later_field;
  } newer;
  memset(&newer, 0, sizeof newer);
  cu_options_now(&newer.v1, NOW);
  newer.v1.size = sizeof newer;
  assert_int_equal(dsreg_analyze(cap, &newer.v1, &an), DSREG_OK);
  assert_true(an.finding_count > 0);
  dsreg_analysis_free(&an);
  assert_zeroed(&an);
  dsreg_analysis_free(&an);

  dsreg_analysis zero = {0};
  dsreg_analysis_free(&zero);
  dsreg_analysis_free(NULL);
}

static void test_free_after_einval(void **state) {
  (void)state;
  api_ctx ctx = {einval_paths, 0, 0};
  parse_fixture(BROKEN, &ctx);
}

/* --min-severity through dsreg_analysis_filter: order kept, verdict and
 * root cause unchanged, the dropped strings freed (ASan/valgrind). */
static void filter(const dsreg_capture *cap, api_ctx *ctx) {
  (void)ctx;
  dsreg_rule_options opt;
  cu_options_now(&opt, NOW);
  dsreg_analysis all, an;
  assert_int_equal(dsreg_analyze(cap, &opt, &all), DSREG_OK);
  assert_int_equal(dsreg_analyze(cap, &opt, &an), DSREG_OK);
  dsreg_analysis_filter(&an, DSREG_SEVERITY_ERROR);
  size_t k = 0;
  for (size_t i = 0; i < all.finding_count; i++)
    if (all.findings[i].severity == DSREG_SEVERITY_ERROR) {
      assert_true(k < an.finding_count);
      assert_string_equal(an.findings[k].rule, all.findings[i].rule);
      assert_string_equal(an.findings[k].message, all.findings[i].message);
      k++;
    }
  assert_int_equal(k, an.finding_count);
  assert_true(k > 0 && k < all.finding_count);
  assert_int_equal(an.verdict, all.verdict);
  assert_string_equal(an.root_cause, all.root_cause);
  dsreg_analysis_filter(NULL, DSREG_SEVERITY_ERROR);
  dsreg_analysis_free(&an);
  dsreg_analysis_free(&all);
}

static void test_filter(void **state) {
  (void)state;
  api_ctx ctx = {filter, 0, 0};
  parse_fixture(BROKEN, &ctx);
}

/* ---- rule sets --------------------------------------------------------- */

static void test_rule_set(void **state) {
  (void)state;
  dsreg_rule_set set;
  dsreg_rule_set_clear(&set);
  assert_true(dsreg_rule_count() < DSREG_RULE_SET_CAPACITY);
  assert_int_equal(dsreg_rule_set_count(&set), 0);
  for (size_t i = 0; i < dsreg_rule_count(); i++) {
    const char *id = dsreg_rule_at(i)->id;
    assert_false(dsreg_rule_set_has(&set, id));
    assert_int_equal(dsreg_rule_set_add(&set, id), DSREG_OK);
    assert_true(dsreg_rule_set_has(&set, id));
    assert_int_equal(dsreg_rule_set_count(&set), i + 1);
  }
  /* adding twice changes nothing; unknown ids are refused */
  assert_int_equal(dsreg_rule_set_add(&set, dsreg_rule_at(0)->id), DSREG_OK);
  assert_int_equal(dsreg_rule_set_count(&set), dsreg_rule_count());
  const char *bad[] = {"", "CERT-EXPIRED", "cert-expired ", "no-such-rule"};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    assert_int_equal(dsreg_rule_set_add(&set, bad[i]), DSREG_EINVAL);
    assert_false(dsreg_rule_set_has(&set, bad[i]));
  }
  assert_false(dsreg_rule_set_has(NULL, "cert-expired"));
  assert_int_equal(dsreg_rule_set_count(NULL), 0);
  dsreg_rule_set_clear(NULL);
  dsreg_rule_options opt;
  dsreg_rule_options_init(&opt);
  assert_int_equal(opt.size, sizeof opt);
  assert_int_equal(dsreg_rule_set_count(&opt.disabled), 0);
}

/* ---- writers ------------------------------------------------------------ */

static void writers(const dsreg_capture *cap, api_ctx *ctx) {
  (void)ctx;
  dsreg_analysis an;
  assert_int_equal(dsreg_analyze(cap, NULL, &an), DSREG_OK);
  dsreg_outbuf b = {0};
  dsreg_text_options topt;
  dsreg_text_options_init(&topt);
  assert_int_equal(topt.size, sizeof topt);
  assert_false(topt.color);
  assert_int_equal(topt.width, 0);
  dsreg_csv_columns cols;
  dsreg_csv_columns_default(&cols);

  /* NULL arguments: EINVAL, nothing appended */
  assert_int_equal(dsreg_render_text(NULL, "s", cap, &an, NULL), DSREG_EINVAL);
  assert_int_equal(dsreg_render_text(&b, NULL, cap, &an, NULL), DSREG_EINVAL);
  assert_int_equal(dsreg_render_json(&b, "s", NULL, &an), DSREG_EINVAL);
  assert_int_equal(dsreg_render_md(&b, "s", NULL, NULL), DSREG_EINVAL);
  assert_int_equal(dsreg_render_json_error(&b, "s", NULL), DSREG_EINVAL);
  assert_int_equal(dsreg_render_csv_header(&b, NULL), DSREG_EINVAL);
  assert_int_equal(dsreg_render_csv_row(&b, &cols, "s", NULL, &an),
                   DSREG_EINVAL);
  assert_int_equal(dsreg_render_capture(&b, NULL), DSREG_EINVAL);
  assert_int_equal(dsreg_write_json(NULL, "s", cap, &an), DSREG_EINVAL);
  assert_int_equal(dsreg_write_text(NULL, "s", cap, &an, NULL), DSREG_EINVAL);
  assert_int_equal(dsreg_write_md(NULL, "s", cap, &an), DSREG_EINVAL);
  assert_int_equal(dsreg_write_csv_row(NULL, &cols, "s", cap, &an),
                   DSREG_EINVAL);
  assert_int_equal(dsreg_write_capture(NULL, cap), DSREG_EINVAL);
  assert_int_equal(dsreg_render_line(&b, "s", NULL, &an), DSREG_EINVAL);
  assert_int_equal(dsreg_render_line_error(&b, NULL, "m"), DSREG_EINVAL);
  assert_int_equal(dsreg_write_line(NULL, "s", cap, &an), DSREG_EINVAL);
  assert_int_equal(dsreg_render_json_flat(&b, "s", NULL, &an), DSREG_EINVAL);
  assert_int_equal(dsreg_render_json_flat_error(&b, "s", NULL), DSREG_EINVAL);
  assert_int_equal(dsreg_render_json_stamp(NULL), DSREG_EINVAL);
  assert_int_equal(
      dsreg_render_csv_cell_text(&b, dsreg_csv_column_count(), "s", cap, &an),
      DSREG_EINVAL);
  assert_int_equal(dsreg_outbuf_put(NULL, "x", 1), DSREG_EINVAL);
  assert_int_equal(dsreg_outbuf_put(&b, NULL, 1), DSREG_EINVAL);
  assert_int_equal(b.len, 0);

  /* a column id past the table, as a hand-made list could hold */
  dsreg_csv_columns wrong = cols;
  wrong.id[0] = (unsigned char)dsreg_csv_column_count();
  assert_int_equal(dsreg_render_csv_row(&b, &wrong, "s", cap, &an),
                   DSREG_EINVAL);
  wrong.count = DSREG_CSV_MAX_COLUMNS + 1;
  assert_int_equal(dsreg_render_csv_header(&b, &wrong), DSREG_EINVAL);
  assert_int_equal(b.len, 0);

  /* a text options struct too small for 1.0: EINVAL, whatever it holds */
  dsreg_text_options small = topt;
  small.size = DSREG_TEXT_OPTIONS_SIZE_1_0 - 1;
  assert_int_equal(dsreg_render_text(&b, "s", cap, &an, &small), DSREG_EINVAL);
  small.size = 0;
  assert_int_equal(dsreg_write_text(stdout, "s", cap, &an, &small),
                   DSREG_EINVAL);
  /* NULL options are the defaults: the same bytes as the init'ed struct */
  dsreg_outbuf d = {0};
  assert_int_equal(dsreg_render_text(&b, "s", cap, &an, &topt), DSREG_OK);
  assert_int_equal(dsreg_render_text(&d, "s", cap, &an, NULL), DSREG_OK);
  assert_int_equal(b.len, d.len);
  assert_memory_equal(b.data, d.data, b.len);
  dsreg_outbuf_free(&d);
  dsreg_outbuf_free(&b);
  dsreg_outbuf_free(NULL);

  /* a stream opened for reading: the write fails and sets its error flag,
   * so every FILE writer says EIO */
  FILE *in = fopen(DSREG_SOURCE_DIR "/" BROKEN, "r");
  assert_non_null(in);
  assert_int_equal(dsreg_write_json(in, "s", cap, &an), DSREG_EIO);
  assert_int_equal(dsreg_write_json_error(in, "s", "m"), DSREG_EIO);
  assert_int_equal(dsreg_write_text(in, "s", cap, &an, NULL), DSREG_EIO);
  assert_int_equal(dsreg_write_md(in, "s", cap, &an), DSREG_EIO);
  assert_int_equal(dsreg_write_csv_header(in, &cols), DSREG_EIO);
  assert_int_equal(dsreg_write_csv_row(in, &cols, "s", cap, &an), DSREG_EIO);
  assert_int_equal(dsreg_write_csv_error(in, &cols, "s", "m"), DSREG_EIO);
  assert_int_equal(dsreg_write_capture(in, cap), DSREG_EIO);
  assert_int_equal(dsreg_write_line(in, "s", cap, &an), DSREG_EIO);
  fclose(in);
  dsreg_analysis_free(&an);
}

static void test_writers_status(void **state) {
  (void)state;
  api_ctx ctx = {writers, 0, 0};
  parse_fixture(BROKEN, &ctx);
}

static void test_parse_iso8601_status(void **state) {
  (void)state;
  int64_t ms = 7;
  assert_int_equal(dsreg_parse_iso8601("2025-01-15T09:00:00Z", &ms), DSREG_OK);
  assert_true(ms == INT64_C(1736931600000));
  assert_int_equal(dsreg_parse_iso8601("2025-02-30", &ms), DSREG_EINVAL);
  assert_true(ms == INT64_C(1736931600000)); /* written only on success */
}

static void test_columns_status(void **state) {
  (void)state;
  dsreg_csv_columns cols;
  const char *bad = NULL;
  size_t bad_len = 0;
  assert_int_equal(
      dsreg_csv_columns_parse(&cols, "source,error", &bad, &bad_len), DSREG_OK);
  assert_int_equal(cols.count, 2);
  assert_int_equal(
      dsreg_csv_columns_parse(&cols, "source,nope", &bad, &bad_len),
      DSREG_EINVAL);
  assert_int_equal(bad_len, 4);
  assert_memory_equal(bad, "nope", 4);
  assert_int_equal(dsreg_csv_columns_parse(NULL, "source", &bad, &bad_len),
                   DSREG_EINVAL);
  assert_false(dsreg_csv_column_is_default(dsreg_csv_column_count()));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_free_after_enomem),
      cmocka_unit_test(test_free_after_einval),
      cmocka_unit_test(test_filter),
      cmocka_unit_test(test_rule_set),
      cmocka_unit_test(test_writers_status),
      cmocka_unit_test(test_parse_iso8601_status),
      cmocka_unit_test(test_columns_status),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
