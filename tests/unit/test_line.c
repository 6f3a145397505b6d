/*
 * test_line.c - the one-line status of --format line (dsreg_render_line,
 * dsreg/report.h): what a detection script prints for Intune or an RMM.
 *
 *  - verdict, join type, root cause first, the other rules by severity,
 *    then the device (else the source);
 *  - the root cause stays when --min-severity hid its finding;
 *  - no control character, whatever the device name holds;
 *  - never more than DSREG_LINE_MAX bytes with the newline: a longer line
 *    is cut at a UTF-8 character boundary and ends in "...";
 *  - an error line for a failed source, as safe and as short;
 *  - dsreg_write_line writes the same bytes.
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
#include "dsreg/report.h"
#include "dsreg/rules.h"

typedef struct ctx {
  const char *now;
  bool hide_findings; /* as --min-severity above every finding */
  dsreg_outbuf out;
  size_t captures;
} ctx;

static int on_capture(const dsreg_capture *cap, void *user) {
  ctx *c = user;
  dsreg_rule_options opt;
  dsreg_analysis an;
  cu_options_now(&opt, c->now);
  assert_int_equal(dsreg_analyze(cap, &opt, &an), DSREG_OK);
  size_t shown = an.finding_count;
  if (c->hide_findings)
    an.finding_count = 0;
  assert_int_equal(dsreg_render_line(&c->out, "share/pc.txt", cap, &an), 0);
  an.finding_count = shown;
  dsreg_analysis_free(&an);
  c->captures++;
  return 0;
}

/* The line of the one capture in `text` (freed), NUL-terminated in c. */
static const char *line_of(char *text, const char *now, bool hide, ctx *c) {
  memset(c, 0, sizeof *c);
  c->now = now;
  c->hide_findings = hide;
  dsreg_parser *p = dsreg_parser_new(on_capture, c);
  assert_non_null(p);
  assert_int_equal(dsreg_parser_feed(p, text, strlen(text)), DSREG_OK);
  assert_int_equal(dsreg_parser_finish(p), DSREG_OK);
  dsreg_parser_free(p);
  free(text);
  assert_int_equal(c->captures, 1);
  dsreg_outbuf_put(&c->out, "", 1);
  assert_false(c->out.oom);
  return c->out.data;
}

/* Exactly one line: one "\n", at the end, and no other byte below 0x20,
 * nor DEL, nor a C1 control in UTF-8 (0xC2 0x80..0x9F). */
static void assert_one_safe_line(const char *s) {
  size_t n = strlen(s);
  assert_true(n >= 1 && n <= DSREG_LINE_MAX);
  assert_int_equal(s[n - 1], '\n');
  for (size_t i = 0; i + 1 < n; i++) {
    unsigned char u = (unsigned char)s[i];
    assert_true(u >= 0x20 && u != 0x7F);
    if (u == 0xC2)
      assert_false((unsigned char)s[i + 1] >= 0x80 &&
                   (unsigned char)s[i + 1] <= 0x9F);
  }
}

/* The healthy fixture with Device Name `name`, of any length (cu_set
 * takes up to 1 KiB).  Malloc'd. */
static char *healthy_named(const char *name) {
  static const char old[] = "Device Name : CONTOSO-LT042";
  char *text = cu_read_fixture("fixtures/synthetic/entra_joined_healthy.txt");
  char *at = strstr(text, old);
  assert_non_null(at);
  size_t head = (size_t)(at - text) + strlen("Device Name : ");
  const char *tail = at + strlen(old);
  char *out = malloc(head + strlen(name) + strlen(tail) + 1);
  assert_non_null(out);
  memcpy(out, text, head);
  strcpy(out + head, name);
  strcat(out + head, tail);
  free(text);
  return out;
}

static void broken_root_cause_first(void **state) {
  (void)state;
  ctx c;
  const char *got =
      line_of(cu_read_fixture("fixtures/synthetic/hybrid_cert_expired.txt"),
              "2025-01-15T09:00:00Z", false, &c);
  assert_string_equal(got, "BROKEN hybrid-joined device-auth-failed,"
                           "cert-expired,prt-missing,prt-acquire-failed,"
                           "wam-default-missing | "
                           "CONTOSO-DT009.corp.contoso.com\n");
  dsreg_outbuf_free(&c.out);
}

static void healthy_is_ok_and_the_device(void **state) {
  (void)state;
  ctx c;
  const char *got =
      line_of(cu_read_fixture("fixtures/synthetic/entra_joined_healthy.txt"),
              "2025-03-02T08:00:01Z", false, &c);
  assert_string_equal(got, "OK entra-joined | CONTOSO-LT042\n");
  dsreg_outbuf_free(&c.out);
}

/* --min-severity error hides everything: the root cause is still named. */
static void root_cause_when_hidden(void **state) {
  (void)state;
  ctx c;
  const char *got =
      line_of(cu_read_fixture("fixtures/synthetic/hybrid_cert_expired.txt"),
              "2025-01-15T09:00:00Z", true, &c);
  assert_string_equal(got, "BROKEN hybrid-joined device-auth-failed | "
                           "CONTOSO-DT009.corp.contoso.com\n");
  dsreg_outbuf_free(&c.out);
}

/* No Device Name: the source says whose line it is. */
static void no_device_name_gives_source(void **state) {
  (void)state;
  ctx c;
  char *text = cu_read_fixture("fixtures/synthetic/entra_joined_healthy.txt");
  const char *got =
      line_of(cu_del(text, "Device Name"), "2025-03-02T08:00:01Z", false, &c);
  assert_non_null(strstr(got, " | share/pc.txt\n"));
  assert_string_equal(strstr(got, " | "), " | share/pc.txt\n");
  dsreg_outbuf_free(&c.out);
}

static void controls_never_raw(void **state) {
  (void)state;
  ctx c;
  char *text = cu_read_fixture("fixtures/synthetic/entra_joined_healthy.txt");
  const char *got =
      line_of(cu_set(text, "Device Name", "EVIL\x1b]0;owned\x07\x08X\xc2\x9b"),
              "2025-03-02T08:00:01Z", false, &c);
  assert_one_safe_line(got);
  assert_non_null(strstr(got, "| EVIL\\x1b]0;owned\\x07\\x08X\\x9b\n"));
  dsreg_outbuf_free(&c.out);
}

/* A device name of `count` copies of `unit`: the line is cut to the limit,
 * at a character boundary, ending in "...". */
static void check_cut(const char *unit, size_t count) {
  size_t u = strlen(unit);
  char *name = malloc(u * count + 1);
  assert_non_null(name);
  for (size_t i = 0; i < count; i++)
    memcpy(name + i * u, unit, u);
  name[u * count] = '\0';
  ctx c;
  const char *got =
      line_of(healthy_named(name), "2025-03-02T08:00:01Z", false, &c);
  size_t n = strlen(got);
  assert_one_safe_line(got);
  assert_true(n > DSREG_LINE_MAX - 1 - u); /* as long as whole characters go */
  assert_string_equal(got + n - 4, "...\n");
  /* Between "| " and "...": a prefix of the name that ends where a
   * character of it ends. */
  const char *start = strstr(got, "| ") + 2;
  size_t kept = (size_t)(got + n - 4 - start);
  assert_true(kept < u * count);
  assert_false(((unsigned char)name[kept] & 0xC0) == 0x80);
  assert_memory_equal(start, name, kept);
  free(name);
  dsreg_outbuf_free(&c.out);
}

static void long_line_cut_on_a_character(void **state) {
  (void)state;
  check_cut("a", 3000);
  check_cut("\xc3\xa9", 1500);        /* é: 2 bytes */
  check_cut("\xe6\x97\xa5", 1000);    /* 日: 3 bytes */
  check_cut("\xf0\x9f\x98\x80", 700); /* an emoji: 4 bytes */
  check_cut("x\xe6\x97\xa5", 700);    /* 4 bytes, 2 characters */
}

/* A line that fits exactly is not cut: "OK entra-joined | " is 18 bytes. */
static void exact_fit_is_kept(void **state) {
  (void)state;
  size_t len = DSREG_LINE_MAX - 1 - strlen("OK entra-joined | ");
  char *name = malloc(len + 1);
  assert_non_null(name);
  memset(name, 'n', len);
  name[len] = '\0';
  ctx c;
  const char *got =
      line_of(healthy_named(name), "2025-03-02T08:00:01Z", false, &c);
  assert_int_equal(strlen(got), DSREG_LINE_MAX);
  assert_memory_equal(got + strlen("OK entra-joined | "), name, len);
  free(name);
  dsreg_outbuf_free(&c.out);
  /* One byte more and it is cut. */
  name = malloc(len + 2);
  assert_non_null(name);
  memset(name, 'n', len + 1);
  name[len + 1] = '\0';
  got = line_of(healthy_named(name), "2025-03-02T08:00:01Z", false, &c);
  assert_int_equal(strlen(got), DSREG_LINE_MAX);
  assert_string_equal(got + DSREG_LINE_MAX - 4, "...\n");
  free(name);
  dsreg_outbuf_free(&c.out);
}

static void error_line(void **state) {
  (void)state;
  dsreg_outbuf b = {0};
  assert_int_equal(
      dsreg_render_line_error(&b, "dir/\x1b[2Jx.txt", "cannot open: denied"),
      0);
  dsreg_outbuf_put(&b, "", 1);
  assert_string_equal(b.data,
                      "ERROR | dir/\\x1b[2Jx.txt: cannot open: denied\n");
  dsreg_outbuf_free(&b);
  char big[5000];
  memset(big, 'm', sizeof big - 1);
  big[sizeof big - 1] = '\0';
  assert_int_equal(dsreg_render_line_error(&b, "s", big), 0);
  dsreg_outbuf_put(&b, "", 1);
  assert_one_safe_line(b.data);
  assert_int_equal(strlen(b.data), DSREG_LINE_MAX);
  dsreg_outbuf_free(&b);
}

static int write_capture(const dsreg_capture *cap, void *user) {
  FILE *f = user;
  dsreg_rule_options opt;
  dsreg_analysis an;
  cu_options_now(&opt, "2025-01-15T09:00:00Z");
  assert_int_equal(dsreg_analyze(cap, &opt, &an), DSREG_OK);
  assert_int_equal(dsreg_write_line(f, "x", cap, &an), 0);
  dsreg_analysis_free(&an);
  return 0;
}

static void write_line_to_file(void **state) {
  (void)state;
  FILE *f = tmpfile();
  assert_non_null(f);
  char *text = cu_read_fixture("fixtures/synthetic/hybrid_cert_expired.txt");
  dsreg_parser *p = dsreg_parser_new(write_capture, f);
  assert_non_null(p);
  assert_int_equal(dsreg_parser_feed(p, text, strlen(text)), DSREG_OK);
  assert_int_equal(dsreg_parser_finish(p), DSREG_OK);
  dsreg_parser_free(p);
  free(text);
  rewind(f);
  char got[512] = {0};
  assert_non_null(fgets(got, sizeof got, f));
  assert_string_equal(got, "BROKEN hybrid-joined device-auth-failed,"
                           "cert-expired,prt-missing,prt-acquire-failed,"
                           "wam-default-missing | "
                           "CONTOSO-DT009.corp.contoso.com\n");
  assert_null(fgets(got, sizeof got, f));
  fclose(f);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(broken_root_cause_first),
      cmocka_unit_test(healthy_is_ok_and_the_device),
      cmocka_unit_test(root_cause_when_hidden),
      cmocka_unit_test(no_device_name_gives_source),
      cmocka_unit_test(controls_never_raw),
      cmocka_unit_test(long_line_cut_on_a_character),
      cmocka_unit_test(exact_fit_is_kept),
      cmocka_unit_test(error_line),
      cmocka_unit_test(write_line_to_file),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
