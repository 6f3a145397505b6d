/*
 * test_cli_runner.c - sources through the reporters into the output
 * (src/cli/runner.c): records in source order whatever --jobs, a failed
 * source as its format's error record, and what the run result says.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "test_dirs.h"

#include "capture_util.h"
#include "dsreg/version.h"
#include "platform.h"
#include "runner.h"

/* How every JSON record opens (dsreg_render_json_stamp). */
#define STAMP "{\"schema\":1,\"version\":\"" DSREG_VERSION_STRING "\","

#define ROOT "test_cli_runner.d"
#define SHARE ROOT "/share"
#define REPORT ROOT "/report"
/* What the walk puts between a folder and a name, as is and in JSON. */
#ifdef _WIN32
#define SEP "\\"
#define JSEP "\\\\"
#else
#define SEP "/"
#define JSEP "/"
#endif

static int remove_entry(void *ctx, const char *name, cli_path_kind kind) {
  (void)kind;
  char path[512];
  snprintf(path, sizeof path, "%s/%s", (const char *)ctx, name);
  (void)dsreg_cli_remove(path);
  return 0;
}

static int gone(void **state) {
  (void)state;
  char err[256];
  (void)dsreg_cli_list_dir(SHARE, remove_entry, SHARE, err, sizeof err);
  (void)remove_dir(SHARE);
  (void)dsreg_cli_list_dir(ROOT, remove_entry, ROOT, err, sizeof err);
  (void)remove_dir(ROOT);
  return 0;
}

static void put_file(const char *path, const char *text) {
  FILE *f = fopen(path, "wb");
  assert_non_null(f);
  fputs(text, f);
  assert_int_equal(fclose(f), 0);
}

/* A share of six sources: captures, and one that holds none (03). */
static int make_share(void **state) {
  gone(state);
  if (make_dir(ROOT) || make_dir(SHARE))
    return -1;
  static const char *const fixtures[] = {
      "fixtures/synthetic/hybrid_cert_expired.txt",
      "fixtures/synthetic/entra_joined_healthy.txt",
      NULL,
      "fixtures/synthetic/not_joined.txt",
      "fixtures/synthetic/multi_capture.log",
      "fixtures/synthetic/drs_joined.txt"};
  for (int i = 0; i < 6; i++) {
    char path[256];
    snprintf(path, sizeof path, SHARE "/%02d.txt", i + 1);
    if (!fixtures[i]) {
      put_file(path, "just a note\n");
      continue;
    }
    char *text = cu_read_fixture(fixtures[i]);
    put_file(path, text);
    free(text);
  }
  return 0;
}

static const char *file_text(const char *path) {
  static char buf[512 * 1024];
  FILE *f = fopen(path, "rb");
  assert_non_null(f);
  size_t n = fread(buf, 1, sizeof buf - 1, f);
  buf[n] = '\0';
  fclose(f);
  return buf;
}

/* Runs the share in `format` with `jobs` into REPORT; its bytes (malloc'd). */
static char *run(cli_format format, int jobs, bool records, cli_summary *sum,
                 cli_run_result *res) {
  const char *args[] = {SHARE};
  cli_run_config cfg;
  cli_output out;
  memset(&cfg, 0, sizeof cfg);
  cu_options_now(&cfg.rules, "2025-01-15T09:00:00Z");
  cfg.reporter = cli_reporter_for(format);
  dsreg_text_options_init(&cfg.style.text);
  dsreg_csv_columns_default(&cfg.style.columns);
  cfg.out = &out;
  cfg.jobs = jobs;
  cfg.records = records;
  cfg.min_severity = 1;
  cfg.summary = sum;
  assert_int_equal(cli_output_open(&out, REPORT, stderr), 0);
  cli_sources *src = cli_sources_open(args, 1, false);
  assert_non_null(src);
  assert_int_equal(cli_run(&cfg, src, res), 0);
  cli_sources_close(src);
  assert_int_equal(cli_output_close(&out, true, stderr), 0);
  const char *text = file_text(REPORT);
  char *copy = malloc(strlen(text) + 1);
  assert_non_null(copy);
  strcpy(copy, text);
  return copy;
}

/* JSON Lines: one line per capture in source order, the note's source as
 * an error record in its place; the same bytes with 1 and 4 jobs. */
static void test_json_in_order(void **state) {
  (void)state;
  cli_run_result res;
  char *one = run(FORMAT_JSON, 1, true, NULL, &res);
  assert_true(res.source_failed);
  assert_true(res.error_finding);
  assert_false(res.write_failed || res.out_of_memory);
  char *four = run(FORMAT_JSON, 4, true, NULL, &res);
  assert_string_equal(four, one);
  const char *want[] = {"01", "02", "03", "04", "05", "06"};
  size_t k = 0, lines = 0;
  for (const char *l = one; *l; l = strchr(l, '\n') + 1, lines++) {
    char key[128];
    snprintf(key, sizeof key, STAMP "\"source\":\"" SHARE JSEP "%s.txt\"",
             want[k]);
    if (strncmp(l, key, strlen(key)) != 0) {
      k++; /* a source of several captures, or the next one */
      snprintf(key, sizeof key, STAMP "\"source\":\"" SHARE JSEP "%s.txt\"",
               want[k]);
    }
    assert_memory_equal(l, key, strlen(key));
    if (k == 2)
      assert_non_null(strstr(l, "\"error\":"));
  }
  assert_int_equal(k, 5);
  assert_true(lines >= 6);
  free(one);
  free(four);
}

/* CSV: the runner writes rows only (main.c adds the header), the failed
 * source as a row with its error. */
static void test_csv_rows(void **state) {
  (void)state;
  cli_run_result res;
  char *one = run(FORMAT_CSV, 1, true, NULL, &res);
  char *three = run(FORMAT_CSV, 3, true, NULL, &res);
  assert_string_equal(three, one);
  dsreg_outbuf header = {0};
  dsreg_csv_columns cols;
  dsreg_csv_columns_default(&cols);
  assert_int_equal(dsreg_render_csv_header(&header, &cols), DSREG_OK);
  assert_false(strncmp(one, header.data, header.len) == 0);
  assert_non_null(strstr(one, "\"" SHARE SEP "03.txt\""));
  assert_non_null(strstr(one, "no dsregcmd /status output found in 1 line"));
  dsreg_outbuf_free(&header);
  free(one);
  free(three);
}

/* Text with --summary: no records; the summary counts every source. */
static void test_summary_without_records(void **state) {
  (void)state;
  cli_run_result res;
  cli_summary one, four;
  assert_int_equal(summary_init(&one), 0);
  assert_int_equal(summary_init(&four), 0);
  char *text = run(FORMAT_TEXT, 1, false, &one, &res);
  assert_string_equal(text, "");
  free(text);
  text = run(FORMAT_TEXT, 4, false, &four, &res);
  assert_string_equal(text, "");
  free(text);
  assert_int_equal(one.sources, 6);
  assert_int_equal(one.failed_sources, 1);
  assert_true(one.captures >= 5);
  dsreg_outbuf a = {0}, b = {0};
  summary_render_text(&one, &a);
  summary_render_text(&four, &b);
  assert_int_equal(a.len, b.len);
  assert_memory_equal(a.data, b.data, a.len);
  dsreg_outbuf_free(&a);
  dsreg_outbuf_free(&b);
  summary_free(&one);
  summary_free(&four);
}

/* Text records: each capture's report, in order, the failed source only
 * on stderr. */
static void test_text_records(void **state) {
  (void)state;
  cli_run_result res;
  char *text = run(FORMAT_TEXT, 2, true, NULL, &res);
  const char *a = strstr(text, SHARE SEP "01.txt: capture 1");
  const char *b = strstr(text, SHARE SEP "02.txt: capture 1");
  const char *f = strstr(text, SHARE SEP "06.txt: capture 1");
  assert_non_null(a);
  assert_true(a == text);
  assert_true(b > a && f > b);
  assert_null(strstr(text, "03.txt"));
  free(text);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_json_in_order),
      cmocka_unit_test(test_csv_rows),
      cmocka_unit_test(test_summary_without_records),
      cmocka_unit_test(test_text_records),
  };
  return cmocka_run_group_tests(tests, make_share, gone);
}
