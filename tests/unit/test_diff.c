/*
 * test_diff.c - two captures compared (src/diff.c, dsreg/diff.h): fields
 * changed, added and removed, typed descriptions of times and certificate
 * validity, findings resolved and new, and both renderings.
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
#include "dsreg/diff.h"
#include "dsreg/parser.h"
#include "dsreg/rules.h"
#include "dsreg/version.h"

/* How every JSON record opens (dsreg_render_json_stamp). */
#define STAMP "{\"schema\":1,\"version\":\"" DSREG_VERSION_STRING "\","

typedef struct snaps {
  dsreg_snapshot *s[4];
  size_t n;
} snaps;

static int on_capture(const dsreg_capture *cap, void *user) {
  snaps *sn = user;
  dsreg_rule_options opt;
  dsreg_analysis an;
  cu_options_now(&opt, "2025-03-09T11:00:00Z"); /* for no Client Time */
  assert_int_equal(dsreg_analyze(cap, &opt, &an), DSREG_OK);
  assert_true(sn->n < 4);
  sn->s[sn->n] = dsreg_snapshot_new(cap, &an);
  assert_non_null(sn->s[sn->n]);
  sn->n++;
  dsreg_analysis_free(&an);
  return 0;
}

/* Snapshots of every capture of `text`. */
static void parse(const char *text, snaps *sn) {
  memset(sn, 0, sizeof *sn);
  dsreg_parser *p = dsreg_parser_new(on_capture, sn);
  assert_non_null(p);
  assert_int_equal(dsreg_parser_feed(p, text, strlen(text)), DSREG_OK);
  assert_int_equal(dsreg_parser_finish(p), DSREG_OK);
  dsreg_parser_free(p);
}

static void release(snaps *sn) {
  for (size_t i = 0; i < sn->n; i++)
    dsreg_snapshot_free(sn->s[i]);
}

/* The diff of two texts; the caller frees it. */
static void compare(const char *before, const char *after, dsreg_diff *d) {
  snaps a, b;
  parse(before, &a);
  parse(after, &b);
  assert_int_equal(a.n, 1);
  assert_int_equal(b.n, 1);
  assert_int_equal(dsreg_diff_compute(a.s[0], b.s[0], d), DSREG_OK);
  release(&a); /* the diff keeps nothing of the snapshots */
  release(&b);
}

static const dsreg_diff_field *field(const dsreg_diff *d, const char *key) {
  for (size_t i = 0; i < d->field_count; i++)
    if (strcmp(d->fields[i].key, key) == 0)
      return &d->fields[i];
  fail_msg("no change of '%s'", key);
  return NULL;
}

static const char *rules_of(const dsreg_diff_finding *f, size_t n, char *buf,
                            size_t size) {
  buf[0] = '\0';
  for (size_t i = 0; i < n; i++) {
    strncat(buf, f[i].rule, size - strlen(buf) - 2);
    strcat(buf, " ");
  }
  return buf;
}

static const char BROKEN[] = "fixtures/synthetic/hybrid_cert_expired.txt";

/* The hybrid device fixed: certificate renewed, DeviceAuthStatus SUCCESS,
 * a PRT, Client Time later. */
static char *fixed(char *t) {
  t = cu_set(t, "DeviceCertificateValidity",
             "[ 2025-05-01 10:05:21.000 UTC -- 2035-05-24 10:35:21.000 UTC ]");
  t = cu_set(t, "DeviceAuthStatus", "SUCCESS");
  t = cu_set(t, "AzureAdPrt", "YES");
  return t;
}

static void test_fields_and_findings(void **state) {
  (void)state;
  char *before = cu_read_fixture(BROKEN);
  char *after = fixed(cu_read_fixture(BROKEN));
  dsreg_diff d;
  char buf[512];
  compare(before, after, &d);
  assert_int_equal(d.join_before, DSREG_JOIN_HYBRID);
  assert_int_equal(d.join_after, DSREG_JOIN_HYBRID);
  assert_int_equal(d.field_count, 3);
  const dsreg_diff_field *f = field(&d, "DeviceCertificateValidity");
  assert_int_equal(f->kind, DSREG_DIFF_CHANGED);
  assert_string_equal(f->section, "Device Details");
  assert_string_equal(f->change,
                      "renewed, now valid to 2035-05-24 (was 2024-06-01)");
  assert_true(f->typed);
  f = field(&d, "DeviceAuthStatus");
  assert_string_equal(f->before,
                      "FAILED. Device is either disabled or deleted");
  assert_string_equal(f->after, "SUCCESS");
  assert_string_equal(
      f->change, "FAILED. Device is either disabled or deleted -> SUCCESS");
  assert_false(f->typed);
  assert_string_equal(field(&d, "AzureAdPrt")->change, "NO -> YES");
  /* cert-expired, device-auth-failed and prt-missing went away. */
  rules_of(d.resolved, d.resolved_count, buf, sizeof buf);
  assert_non_null(strstr(buf, "cert-expired "));
  assert_non_null(strstr(buf, "device-auth-failed "));
  assert_non_null(strstr(buf, "prt-missing "));
  for (size_t i = 0; i < d.added_count; i++)
    assert_true(strcmp(d.added[i].rule, "cert-expired") != 0);
  dsreg_diff_free(&d);
  assert_int_equal(d.field_count, 0); /* zeroed */
  free(before);
  free(after);
}

/* A capture compared with itself: nothing changed, every finding kept. */
static void test_no_change(void **state) {
  (void)state;
  char *t = cu_read_fixture(BROKEN);
  dsreg_diff d;
  compare(t, t, &d);
  assert_int_equal(d.field_count, 0);
  assert_int_equal(d.resolved_count, 0);
  assert_int_equal(d.added_count, 0);
  assert_true(d.kept_count > 0);
  assert_true(d.after_has_error);
  dsreg_outbuf b = {0};
  assert_int_equal(dsreg_diff_render_text(&d, "a", "b", &b), DSREG_OK);
  dsreg_outbuf_put(&b, "", 1);
  assert_non_null(strstr(b.data, "  Join type: Microsoft Entra hybrid joined "
                                 "(unchanged)\n  Fields: no change\n"));
  dsreg_outbuf_free(&b);
  dsreg_diff_free(&d);
  free(t);
}

/* Times: forward, back, by days; validity shortened; fields added and
 * removed; the join type changed. */
/* A range retyped with one hyphen or an en dash, as docs/format.md §2a
 * accepts it: compared by its dates, as the parser types it. */
static void test_retyped_validity(void **state) {
  (void)state;
  static const char *const seps[] = {" - ", " \xE2\x80\x93 "};
  for (size_t i = 0; i < sizeof seps / sizeof seps[0]; i++) {
    char was[96], now[96];
    snprintf(was, sizeof was,
             "[ 2014-06-01 10:05:00.000 UTC%s2024-06-01 10:35:00.000 UTC ]",
             seps[i]);
    snprintf(now, sizeof now,
             "[ 2025-05-01 10:05:21.000 UTC%s2035-05-24 10:35:21.000 UTC ]",
             seps[i]);
    char *before =
        cu_set(cu_read_fixture(BROKEN), "DeviceCertificateValidity", was);
    char *after =
        cu_set(cu_read_fixture(BROKEN), "DeviceCertificateValidity", now);
    dsreg_diff d;
    compare(before, after, &d);
    const dsreg_diff_field *f = field(&d, "DeviceCertificateValidity");
    assert_string_equal(f->change,
                        "renewed, now valid to 2035-05-24 (was 2024-06-01)");
    assert_true(f->typed);
    dsreg_diff_free(&d);
    free(before);
    free(after);
  }
}

static void test_typed_changes(void **state) {
  (void)state;
  char *a = cu_read_fixture("fixtures/synthetic/entra_joined_healthy.txt");
  char *b = cu_read_fixture("fixtures/synthetic/entra_joined_healthy.txt");
  a = cu_set(a, "AzureAdPrtUpdateTime", "2025-03-09 08:00:00.000 UTC");
  b = cu_set(b, "AzureAdPrtUpdateTime", "2025-03-09 11:12:00.000 UTC");
  a = cu_set(a, "AzureAdPrtExpiryTime", "2025-03-23 08:00:00.000 UTC");
  b = cu_set(b, "AzureAdPrtExpiryTime", "2025-03-20 03:00:00.000 UTC");
  a = cu_set(a, "DeviceCertificateValidity",
             "[ 2024-01-01 00:00:00.000 UTC -- 2034-01-01 00:00:00.000 UTC ]");
  b = cu_set(b, "DeviceCertificateValidity",
             "[ 2024-01-01 00:00:00.000 UTC -- 2030-01-01 00:00:00.000 UTC ]");
  /* TenantName only before, a key the table does not know only after. */
  static const char OLD[] = "                TenantName";
  static const char NEW[] = "              NewThingName";
  _Static_assert(sizeof OLD == sizeof NEW, "same length");
  char *at = strstr(b, OLD);
  assert_non_null(at);
  memcpy(at, NEW, sizeof NEW - 1);
  dsreg_diff d;
  compare(a, b, &d);
  assert_string_equal(field(&d, "AzureAdPrtUpdateTime")->change,
                      "moved 3 h 12 min forward");
  assert_string_equal(field(&d, "AzureAdPrtExpiryTime")->change,
                      "moved 3 d 5 h back");
  assert_string_equal(field(&d, "DeviceCertificateValidity")->change,
                      "now valid to 2030-01-01, earlier than before "
                      "(2034-01-01)");
  assert_int_equal(field(&d, "TenantName")->kind, DSREG_DIFF_REMOVED);
  assert_null(field(&d, "TenantName")->after);
  assert_int_equal(field(&d, "NewThingName")->kind, DSREG_DIFF_ADDED);
  assert_null(field(&d, "NewThingName")->before);
  /* Changed and removed in BEFORE's order, added last. */
  assert_int_equal(d.fields[d.field_count - 1].kind, DSREG_DIFF_ADDED);
  dsreg_diff_free(&d);
  /* Another join type. */
  char *nj = cu_read_fixture("fixtures/synthetic/not_joined.txt");
  compare(nj, a, &d);
  assert_int_equal(d.join_before, DSREG_JOIN_NOT_JOINED);
  assert_int_equal(d.join_after, DSREG_JOIN_ENTRA);
  dsreg_outbuf out = {0};
  assert_int_equal(dsreg_diff_render_text(&d, "nj", "ej", &out), DSREG_OK);
  dsreg_outbuf_put(&out, "", 1);
  assert_non_null(strstr(out.data, "  Join type: Microsoft Entra joined, was "
                                   "not joined\n"));
  dsreg_outbuf_free(&out);
  dsreg_diff_free(&d);
  free(nj);
  free(a);
  free(b);
}

/* Escaping: control characters from a capture never reach the terminal
 * or break the JSON. */
static void test_rendering_escapes(void **state) {
  (void)state;
  char *a = cu_read_fixture(BROKEN);
  char *b = cu_read_fixture(BROKEN);
  b = cu_set(b, "TenantName", "evil\x1b[2J\"name");
  dsreg_diff d;
  compare(a, b, &d);
  dsreg_outbuf t = {0}, j = {0};
  assert_int_equal(dsreg_diff_render_text(&d, "x\x1b", "y", &t), DSREG_OK);
  assert_int_equal(dsreg_diff_render_json(&d, "x", "y", &j), DSREG_OK);
  dsreg_outbuf_put(&t, "", 1);
  dsreg_outbuf_put(&j, "", 1);
  assert_null(strchr(t.data, '\x1b'));
  assert_null(strchr(j.data, '\x1b'));
  assert_non_null(strstr(j.data, "evil\\u001b[2J\\\"name"));
  assert_non_null(strstr(j.data,
                         STAMP "\"diff\":{\"before\":\"x\",\"after\":\"y\","
                               "\"join_type\":{\"before\":\"hybrid-joined\""));
  assert_non_null(strstr(j.data, "\"after_has_error\":true}}\n"));
  dsreg_outbuf_free(&t);
  dsreg_outbuf_free(&j);
  dsreg_diff_free(&d);
  free(a);
  free(b);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_fields_and_findings),
      cmocka_unit_test(test_no_change),
      cmocka_unit_test(test_typed_changes),
      cmocka_unit_test(test_retyped_validity),
      cmocka_unit_test(test_rendering_escapes),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
