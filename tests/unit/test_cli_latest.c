/*
 * test_cli_latest.c - the --latest table (src/cli/latest.c): device keys,
 * which capture is newest, ties, and a table that grows to thousands of
 * devices while holding one record each.
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
#include "dsreg/parser.h"
#include "latest.h"

/* What the parser callback does with each capture. */
typedef struct pass {
  cli_latest *l;
  const char *source;
  uint64_t seq;
  int64_t mtime;
  bool scan;
  char newest[64]; /* second pass: "1" per newest capture, "0" otherwise */
} pass;

static int on_capture(const dsreg_capture *cap, void *user) {
  pass *p = user;
  if (p->scan) {
    assert_int_equal(cli_latest_offer(p->l, cap, p->source, p->seq, p->mtime),
                     0);
  } else {
    int rc = cli_latest_is_newest(p->l, cap, p->source);
    assert_in_range(rc, 0, 1);
    strcat(p->newest, rc ? "1" : "0");
  }
  return 0;
}

static void feed(pass *p, const char *text) {
  dsreg_parser *ps = dsreg_parser_new(on_capture, p);
  assert_non_null(ps);
  assert_int_equal(dsreg_parser_feed(ps, text, strlen(text)), DSREG_OK);
  assert_int_equal(dsreg_parser_finish(ps), DSREG_OK);
  dsreg_parser_free(ps);
}

static char *capture(const char *device_id, const char *name,
                     const char *client_time) {
  char *t = cu_read_fixture("fixtures/synthetic/entra_joined_healthy.txt");
  t = cu_set(t, "DeviceId", device_id);
  t = cu_set(t, "Device Name", name);
  if (client_time) /* the fixture has none: one before KeySignTest */
    t = cu_insert_before(t, "KeySignTest", "Client Time", client_time);
  return t;
}

/* Two passes over (source, text) pairs; `want` is the newest flags of the
 * second pass, concatenated over the sources. */
static void two_passes(const char *const *sources, char *const *texts,
                       const int64_t *mtimes, size_t n, const char *want,
                       size_t devices) {
  cli_latest *l = cli_latest_new();
  assert_non_null(l);
  pass p = {l, NULL, 0, 0, true, ""};
  for (size_t i = 0; i < n; i++) {
    p.source = sources[i];
    p.seq = i;
    p.mtime = mtimes ? mtimes[i] : INT64_MIN;
    feed(&p, texts[i]);
  }
  assert_int_equal(cli_latest_devices(l), devices);
  p.scan = false;
  for (size_t i = 0; i < n; i++) {
    p.source = sources[i];
    feed(&p, texts[i]);
  }
  assert_string_equal(p.newest, want);
  cli_latest_free(l);
}

static const char ID[] = "b3e8fae8-4455-41d3-99fa-db5cfe7ebd65";

static void test_client_time_decides(void **state) {
  (void)state;
  const char *src[] = {"a", "b", "c"};
  char *t[] = {capture(ID, "PC1", "2025-03-01 10:00:00.000 UTC"),
               capture(ID, "PC1", "2025-03-05 10:00:00.000 UTC"),
               capture(ID, "PC1", "2025-03-03 10:00:00.000 UTC")};
  two_passes(src, t, NULL, 3, "010", 1);
  for (size_t i = 0; i < 3; i++)
    free(t[i]);
}

/* DeviceId in any case and with braces is one device; the name does not
 * matter then.  Without Client Time the file time decides. */
static void test_keys_and_file_times(void **state) {
  (void)state;
  const char *src[] = {"a", "b", "c"};
  char *t[] = {capture(ID, "PC1", NULL),
               capture("{B3E8FAE8-4455-41D3-99FA-DB5CFE7EBD65}", "other", NULL),
               capture("f67120ac-15da-4898-ba30-8cd47bc7df8e", "PC1", NULL)};
  const int64_t mt[] = {2000, 1000, 500};
  two_passes(src, t, mt, 3, "101", 2);
  for (size_t i = 0; i < 3; i++)
    free(t[i]);
}

/* Equally new: the later in source order, then in the file. */
static void test_ties(void **state) {
  (void)state;
  const char *src[] = {"a", "b"};
  char *one = capture(ID, "PC1", NULL);
  size_t n = strlen(one);
  char *two = malloc(2 * n + 1);
  assert_non_null(two);
  memcpy(two, one, n);
  memcpy(two + n, one, n + 1);
  char *t[] = {two, one};
  const int64_t same[] = {7, 7};
  two_passes(src, t, same, 2, "001", 1);
  const char *src1[] = {"log"};
  char *t1[] = {two};
  two_passes(src1, t1, NULL, 1, "01", 1);
  free(one);
  free(two);
}

/* 3000 devices, each twice: one record per device, table grown many
 * times, every newest found again. */
static void test_many_devices(void **state) {
  (void)state;
  cli_latest *l = cli_latest_new();
  assert_non_null(l);
  char *base = cu_read_fixture("fixtures/synthetic/entra_joined_healthy.txt");
  pass p = {l, "share", 0, 0, true, ""};
  char id[40], *t[3000];
  for (int i = 0; i < 3000; i++) {
    snprintf(id, sizeof id, "%08x-4455-41d3-99fa-db5cfe7ebd65", i);
    size_t n = strlen(base) + 1;
    t[i] = malloc(n);
    assert_non_null(t[i]);
    memcpy(t[i], base, n);
    t[i] = cu_set(t[i], "DeviceId", id);
  }
  for (int round = 0; round < 2; round++)
    for (int i = 0; i < 3000; i++) {
      p.mtime = round; /* the second round is newer */
      p.seq = (uint64_t)(round * 3000 + i);
      feed(&p, t[i]);
    }
  assert_int_equal(cli_latest_devices(l), 3000);
  assert_int_equal(cli_latest_offered(l), 6000);
  p.scan = false;
  for (int i = 0; i < 3000; i += 97) {
    p.newest[0] = '\0';
    feed(&p, t[i]);
    assert_string_equal(p.newest, "1"); /* same path, index 1 */
  }
  for (int i = 0; i < 3000; i++)
    free(t[i]);
  free(base);
  cli_latest_free(l);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_client_time_decides),
      cmocka_unit_test(test_keys_and_file_times),
      cmocka_unit_test(test_ties),
      cmocka_unit_test(test_many_devices),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
