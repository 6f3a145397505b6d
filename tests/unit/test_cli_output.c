/*
 * test_cli_output.c - the report's destination (src/cli/output.c): -o FILE
 * is written beside it and renamed over it only by a run that keeps it;
 * the temporary file's name; a write failure named once, at the close.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "test_dirs.h"

#include "output.h"
#include "platform.h"

#define DIR_ "test_cli_output.d"
#define FILE_ DIR_ "/report.txt"

static int count_name(void *ctx, const char *name, cli_path_kind kind) {
  (void)kind;
  size_t *n = ctx;
  n[0]++;
  if (cli_output_is_temp_name(name))
    n[1]++;
  return 0;
}

/* Entries of DIR_: [0] all, [1] temporary files of -o. */
static void count_entries(size_t n[2]) {
  char err[256];
  n[0] = n[1] = 0;
  assert_int_equal(dsreg_cli_list_dir(DIR_, count_name, n, err, sizeof err), 0);
}

static int remove_entry(void *ctx, const char *name, cli_path_kind kind) {
  (void)ctx;
  (void)kind;
  char path[512];
  snprintf(path, sizeof path, "%s/%s", DIR_, name);
  (void)dsreg_cli_remove(path);
  return 0;
}

static int gone_dir(void **state) {
  (void)state;
  char err[256];
  (void)dsreg_cli_list_dir(DIR_, remove_entry, NULL, err, sizeof err);
  (void)remove_dir(DIR_);
  return 0;
}

static int fresh_dir(void **state) {
  gone_dir(state);
  return make_dir(DIR_) == 0 ? 0 : -1;
}

static void put_file(const char *path, const char *text) {
  FILE *f = fopen(path, "wb");
  assert_non_null(f);
  fputs(text, f);
  assert_int_equal(fclose(f), 0);
}

/* The file's bytes (NUL-terminated, static), or NULL when it is missing. */
static const char *file_text(const char *path) {
  static char buf[256 * 1024];
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  size_t n = fread(buf, 1, sizeof buf - 1, f);
  buf[n] = '\0';
  fclose(f);
  return buf;
}

/* What cli_output_* printed to `msgs`. */
static const char *msgs_text(FILE *msgs) {
  static char buf[1024];
  rewind(msgs);
  size_t n = fread(buf, 1, sizeof buf - 1, msgs);
  buf[n] = '\0';
  return buf;
}

static FILE *open_msgs(void) {
  FILE *f = fopen(DIR_ ".msgs", "w+b");
  assert_non_null(f);
  return f;
}

static void close_msgs(FILE *f) {
  fclose(f);
  remove(DIR_ ".msgs");
}

static void test_temp_names(void **state) {
  (void)state;
  assert_true(cli_output_is_temp_name(".dsregdiag-0123abcd.tmp"));
  assert_true(cli_output_is_temp_name(".dsregdiag-00000000.tmp"));
  assert_false(cli_output_is_temp_name(".dsregdiag-0123ABCD.tmp"));
  assert_false(cli_output_is_temp_name(".dsregdiag-0123abc.tmp"));
  assert_false(cli_output_is_temp_name(".dsregdiag-0123abcde.tmp"));
  assert_false(cli_output_is_temp_name(".dsregdiag-0123abcg.tmp"));
  assert_false(cli_output_is_temp_name(".dsregdiag-0123abcd.txt"));
  assert_false(cli_output_is_temp_name(".dsregdiag-0123abcd.tmp~"));
  assert_false(cli_output_is_temp_name("dsregdiag-0123abcd.tmp"));
  assert_false(cli_output_is_temp_name("x.dsregdiag-0123abcd.tmp"));
  assert_false(cli_output_is_temp_name(""));
}

/* A new FILE appears only at the close, from a temporary file beside it. */
static void test_new_file_kept(void **state) {
  (void)state;
  cli_output o;
  FILE *msgs = open_msgs();
  size_t n[2];
  assert_int_equal(cli_output_open(&o, FILE_, msgs), 0);
  assert_non_null(o.tmp);
  assert_false(o.flush_each);
  count_entries(n);
  assert_int_equal(n[0], 1);
  assert_int_equal(n[1], 1);
  cli_output_write(&o, "one\n", 4);
  cli_output_record_done(&o); /* a file: still buffered */
  cli_output_write(&o, "two\n", 4);
  assert_null(file_text(FILE_));
  assert_int_equal(cli_output_close(&o, true, msgs), 0);
  assert_null(o.tmp);
  assert_string_equal(file_text(FILE_), "one\ntwo\n");
  count_entries(n);
  assert_int_equal(n[0], 1);
  assert_int_equal(n[1], 0);
  assert_string_equal(msgs_text(msgs), "");
  close_msgs(msgs);
}

/* A run that fails leaves FILE as it was, and no temporary file. */
static void test_failed_run_leaves_file(void **state) {
  (void)state;
  cli_output o;
  FILE *msgs = open_msgs();
  size_t n[2];
  put_file(FILE_, "old report\n");
  assert_int_equal(cli_output_open(&o, FILE_, msgs), 0);
  cli_output_write(&o, "new", 3);
  assert_int_equal(cli_output_close(&o, false, msgs), 0);
  assert_string_equal(file_text(FILE_), "old report\n");
  count_entries(n);
  assert_int_equal(n[0], 1);
  assert_int_equal(n[1], 0);
  assert_string_equal(msgs_text(msgs), "");
  close_msgs(msgs);
}

/* A kept run replaces FILE, which keeps its mode; records bigger than the
 * buffer arrive whole and in order. */
static void test_replace_keeps_mode(void **state) {
  (void)state;
  cli_output o;
  FILE *msgs = open_msgs();
  static char big[200 * 1024];
  memset(big, 'x', sizeof big - 1);
  put_file(FILE_, "old report\n");
#ifndef _WIN32
  assert_int_equal(chmod(FILE_, 0640), 0);
#endif
  assert_int_equal(cli_output_open(&o, FILE_, msgs), 0);
  cli_output_write(&o, "head\n", 5);
  cli_output_write(&o, big, sizeof big - 1);
  cli_output_write(&o, "\ntail\n", 6);
  assert_string_equal(file_text(FILE_), "old report\n");
  assert_int_equal(cli_output_close(&o, true, msgs), 0);
  const char *got = file_text(FILE_);
  assert_int_equal(strlen(got), 5 + sizeof big - 1 + 6);
  assert_memory_equal(got, "head\nxxx", 8);
  assert_string_equal(got + 5 + sizeof big - 1, "\ntail\n");
#ifndef _WIN32
  struct stat st;
  assert_int_equal(stat(FILE_, &st), 0);
  assert_int_equal(st.st_mode & 07777, 0640);
#endif
  close_msgs(msgs);
}

/* The report and its temporary file are "self" to a walk; others not. */
static void test_is_self(void **state) {
  (void)state;
  cli_output o;
  cli_path_info info;
  char err[256];
  FILE *msgs = open_msgs();
  put_file(FILE_, "old\n");
  put_file(DIR_ "/other.txt", "x\n");
  assert_int_equal(cli_output_open(&o, FILE_, msgs), 0);
  int fd = dsreg_cli_open_read(FILE_, true, &info, err, sizeof err);
  assert_true(fd >= 0);
  dsreg_cli_close(fd);
  assert_true(cli_output_is_self(&o, &info));
  fd = dsreg_cli_open_read(o.tmp, true, &info, err, sizeof err);
  assert_true(fd >= 0);
  dsreg_cli_close(fd);
  assert_true(cli_output_is_self(&o, &info));
  fd = dsreg_cli_open_read(DIR_ "/other.txt", true, &info, err, sizeof err);
  assert_true(fd >= 0);
  dsreg_cli_close(fd);
  assert_false(cli_output_is_self(&o, &info));
  assert_int_equal(cli_output_close(&o, false, msgs), 0);
  close_msgs(msgs);
}

static void test_cannot_create(void **state) {
  (void)state;
  cli_output o;
  char want[512];
  FILE *msgs = open_msgs();
  assert_int_equal(cli_output_open(&o, DIR_ "/missing/report.txt", msgs), -1);
  snprintf(want, sizeof want,
           "dsregdiag: " DIR_ "/missing/report.txt: cannot create: %s\n",
           strerror(ENOENT));
  assert_string_equal(msgs_text(msgs), want);
  close_msgs(msgs);
}

#ifdef __linux__
/* A device is written in place; its failure is said once, at the close. */
static void test_device_write_failure(void **state) {
  (void)state;
  cli_output o;
  char want[256];
  FILE *msgs = open_msgs();
  assert_int_equal(cli_output_open(&o, "/dev/full", msgs), 0);
  assert_null(o.tmp);
  assert_true(o.flush_each);
  cli_output_write(&o, "record\n", 7);
  cli_output_record_done(&o);
  assert_true(o.failed);
  assert_int_equal(o.err, ENOSPC);
  cli_output_write(&o, "more\n", 5); /* ignored after the failure */
  assert_int_equal(cli_output_close(&o, true, msgs), -1);
  snprintf(want, sizeof want, "dsregdiag: /dev/full: cannot write: %s\n",
           strerror(ENOSPC));
  assert_string_equal(msgs_text(msgs), want);
  close_msgs(msgs);
}
#endif

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_temp_names),
      cmocka_unit_test_setup(test_new_file_kept, fresh_dir),
      cmocka_unit_test_setup(test_failed_run_leaves_file, fresh_dir),
      cmocka_unit_test_setup(test_replace_keeps_mode, fresh_dir),
      cmocka_unit_test_setup(test_is_self, fresh_dir),
      cmocka_unit_test_setup(test_cannot_create, fresh_dir),
#ifdef __linux__
      cmocka_unit_test(test_device_write_failure),
#endif
  };
  return cmocka_run_group_tests(tests, NULL, gone_dir);
}
