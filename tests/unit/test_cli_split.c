/*
 * test_cli_split.c - the plan of a big log (src/cli/split.c): where its
 * captures start, and where it can be cut.
 *
 * The oracle is the parser itself: every capture the parser reports in a
 * log of every fixture must be an opener of the plan, with its line and its
 * number, and every place to cut must be the start of the line it names.
 * The scan must give the same plan whatever the pieces it is fed in, and
 * the same lines in UTF-16LE and UTF-16BE as in UTF-8.
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
#include "dsreg/parser.h"
#include "split.h"

static const char *const fixtures[] = {
    "fixtures/synthetic/domain_joined_drs_discovery_failed.txt",
    "fixtures/synthetic/domain_joined_sync_pending.txt",
    "fixtures/synthetic/drs_joined.txt",
    "fixtures/synthetic/entra_joined_as_system.txt",
    "fixtures/synthetic/entra_joined_healthy.txt",
    "fixtures/synthetic/entra_joined_prt_stale_mdm_missing.txt",
    "fixtures/synthetic/entra_registered_only.txt",
    "fixtures/synthetic/hostile_values.txt",
    "fixtures/synthetic/hybrid_cert_expired.txt",
    "fixtures/synthetic/hybrid_joined_healthy.txt",
    "fixtures/synthetic/multi_capture.log",
    "fixtures/synthetic/not_joined.txt",
    "fixtures/corpus/01_entra_joined_healthy_prt_win10_19041_newdiagfields.txt",
    "fixtures/corpus/"
    "05_domainjoined_server2022_elevated_scp_missing_0x801c001d.txt",
    "fixtures/corpus/"
    "07_entra_registered_workplacejoined_win11_italian_ps.txt",
    "fixtures/corpus/08_oldformat_1803_domainjoined_plus_workplacejoined.txt",
    "fixtures/corpus/"
    "10_hybrid_sso_state_enterprise_prt_failure_msis9682_fragment.txt",
    "fixtures/corpus/"
    "14_docs_sso_state_prt_acquire_failure_aadsts50126_with_cloudtgt.txt",
    "fixtures/corpus/"
    "16_on_prem_drs_enterprisejoined_fragment_whitespace_collapsed.txt",
};
#define NFIX (sizeof fixtures / sizeof fixtures[0])

/* Every fixture in turn, twice, each after a stamp line, as collectors
 * write them. */
static char *make_log(size_t *len) {
  size_t cap = 1 << 20, n = 0;
  char *log = malloc(cap);
  assert_non_null(log);
  for (int round = 0; round < 2; round++)
    for (size_t i = 0; i < NFIX; i++) {
      char *t = cu_read_fixture(fixtures[i]);
      char stamp[128];
      int k = snprintf(stamp, sizeof stamp, "==== %s (%d) ====\n", fixtures[i],
                       round);
      size_t tl = strlen(t);
      while (n + (size_t)k + tl + 1 > cap)
        assert_non_null(log = realloc(log, cap *= 2));
      memcpy(log + n, stamp, (size_t)k);
      n += (size_t)k;
      memcpy(log + n, t, tl);
      n += tl;
      if (tl && t[tl - 1] != '\n')
        log[n++] = '\n';
      free(t);
    }
  *len = n;
  return log;
}

static void scan_pieces(const unsigned char *buf, size_t n, unsigned unit,
                        int big_endian, size_t bom, size_t piece,
                        cli_split_plan *plan) {
  memset(plan, 0, sizeof *plan);
  plan->unit = unit;
  plan->big_endian = big_endian;
  plan->bom = bom;
  cli_split_scanner s;
  cli_split_scanner_init(&s, plan, bom);
  for (size_t at = bom; at < n; at += piece)
    cli_split_scanner_feed(&s, buf + at, n - at < piece ? n - at : piece);
  assert_false(s.oom);
}

typedef struct seen {
  unsigned long line[512];
  unsigned long index[512];
  size_t count;
} seen;

static int on_capture(const dsreg_capture *cap, void *user) {
  seen *s = user;
  assert_true(s->count < 512);
  s->line[s->count] = cap->line;
  s->index[s->count] = cap->index;
  s->count++;
  return 0;
}

/* The line (1-based) that starts at byte `at` of UTF-8 text, or 0 when no
 * line starts there. */
static unsigned long line_at(const char *t, size_t at) {
  if (at > 0 && t[at - 1] != '\n')
    return 0;
  unsigned long line = 1;
  for (size_t i = 0; i < at; i++)
    line += t[i] == '\n';
  return line;
}

static void test_plan_is_the_parse(void **state) {
  (void)state;
  size_t n;
  char *log = make_log(&n);
  cli_split_plan plan;
  scan_pieces((const unsigned char *)log, n, 1, 0, 0, n, &plan);
  seen s = {{0}, {0}, 0};
  dsreg_parser *p = dsreg_parser_new(on_capture, &s);
  assert_int_equal(dsreg_parser_feed(p, log, n), DSREG_OK);
  assert_int_equal(dsreg_parser_finish(p), DSREG_OK);
  dsreg_parser_free(p);
  /* 2 rounds of fixtures, some with more than one capture */
  assert_true(s.count >= 2 * NFIX);
  size_t splits = 0;
  for (size_t i = 0; i < plan.count; i++) {
    if (!plan.openers[i].split)
      continue;
    splits++;
    assert_int_equal(line_at(log, plan.openers[i].offset),
                     plan.openers[i].line);
    assert_memory_equal(log + plan.openers[i].offset, "+-", 2);
  }
  assert_true(splits >= NFIX);
  /* each capture of the parse is the plan's opener of its number, at its
   * line, as far as the plan goes: the fragments (two field lines and no
   * box) are not openers, and from the first of them the runner parses in
   * one piece */
  size_t matched = 0;
  for (size_t c = 0; c < s.count && c < plan.count; c++) {
    if (plan.openers[c].line != s.line[c])
      break;
    assert_int_equal(s.index[c], c + 1);
    matched++;
  }
  assert_true(matched >= 9); /* the fixtures before the first fragment */
  cli_split_free(&plan);
  free(log);
}

static void assert_same_plan(const cli_split_plan *a, const cli_split_plan *b,
                             int offsets) {
  assert_int_equal(a->count, b->count);
  for (size_t i = 0; i < a->count; i++) {
    assert_int_equal(a->openers[i].line, b->openers[i].line);
    assert_int_equal(a->openers[i].split, b->openers[i].split);
    if (offsets)
      assert_int_equal(a->openers[i].offset, b->openers[i].offset);
  }
}

static void test_any_pieces(void **state) {
  (void)state;
  size_t n;
  char *log = make_log(&n);
  cli_split_plan whole, cut;
  scan_pieces((const unsigned char *)log, n, 1, 0, 0, n, &whole);
  static const size_t pieces[] = {1, 2, 3, 7, 8, 9, 47, 48, 49, 4096};
  for (size_t k = 0; k < sizeof pieces / sizeof pieces[0]; k++) {
    scan_pieces((const unsigned char *)log, n, 1, 0, 0, pieces[k], &cut);
    assert_same_plan(&whole, &cut, 1);
    cli_split_free(&cut);
  }
  /* CRLF: the same lines */
  char *crlf = malloc(2 * n);
  size_t m = 0;
  for (size_t i = 0; i < n; i++) {
    if (log[i] == '\n')
      crlf[m++] = '\r';
    crlf[m++] = log[i];
  }
  for (size_t k = 0; k < sizeof pieces / sizeof pieces[0]; k++) {
    scan_pieces((const unsigned char *)crlf, m, 1, 0, 0, pieces[k], &cut);
    assert_same_plan(&whole, &cut, 0);
    cli_split_free(&cut);
  }
  free(crlf);
  cli_split_free(&whole);
  free(log);
}

/* UTF-8 to UTF-16 with a BOM, in either byte order; *units_before[i] is
 * the byte offset in UTF-16 of UTF-8 byte i. */
static unsigned char *to_utf16(const char *t, size_t n, int be, size_t *len,
                               size_t *at16) {
  unsigned char *o = malloc(2 * n + 4);
  size_t m = 0;
  o[m++] = be ? 0xFE : 0xFF;
  o[m++] = be ? 0xFF : 0xFE;
  for (size_t i = 0; i < n;) {
    const unsigned char *u = (const unsigned char *)t + i;
    unsigned long cp = u[0];
    size_t k = 1;
    if (u[0] >= 0xF0)
      cp = u[0] & 7u, k = 4;
    else if (u[0] >= 0xE0)
      cp = u[0] & 15u, k = 3;
    else if (u[0] >= 0xC0)
      cp = u[0] & 31u, k = 2;
    for (size_t j = 1; j < k; j++)
      cp = cp << 6 | (u[j] & 63u);
    for (size_t j = 0; j < k; j++)
      at16[i + j] = m;
    unsigned units[2] = {(unsigned)cp, 0};
    size_t nu = 1;
    if (cp >= 0x10000) {
      units[0] = 0xD800 + (unsigned)((cp - 0x10000) >> 10);
      units[1] = 0xDC00 + (unsigned)((cp - 0x10000) & 0x3FF);
      nu = 2;
    }
    for (size_t j = 0; j < nu; j++) {
      o[m++] = (unsigned char)(be ? units[j] >> 8 : units[j] & 0xFF);
      o[m++] = (unsigned char)(be ? units[j] & 0xFF : units[j] >> 8);
    }
    i += k;
  }
  at16[n] = m;
  *len = m;
  return o;
}

static void test_utf16_same_plan(void **state) {
  (void)state;
  size_t n;
  char *log = make_log(&n);
  cli_split_plan whole, u16;
  scan_pieces((const unsigned char *)log, n, 1, 0, 0, n, &whole);
  size_t *at16 = malloc((n + 1) * sizeof *at16);
  static const size_t pieces[] = {1, 3, 7, 8, 4097, 1 << 20};
  for (int be = 0; be < 2; be++) {
    size_t m;
    unsigned char *t = to_utf16(log, n, be, &m, at16);
    for (size_t k = 0; k < sizeof pieces / sizeof pieces[0]; k++) {
      scan_pieces(t, m, 2, be, 2, pieces[k], &u16);
      assert_same_plan(&whole, &u16, 0);
      for (size_t i = 0; i < whole.count; i++)
        assert_int_equal(u16.openers[i].offset, at16[whole.openers[i].offset]);
      cli_split_free(&u16);
    }
    free(t);
  }
  free(at16);
  cli_split_free(&whole);
  free(log);
}

/* Openers taken by parts leave the plan; the rest keep their numbers. */
static void test_take(void **state) {
  (void)state;
  size_t n;
  char *log = make_log(&n);
  cli_split_plan a, b;
  scan_pieces((const unsigned char *)log, n, 1, 0, 0, n, &a);
  scan_pieces((const unsigned char *)log, n, 1, 0, 0, n, &b);
  size_t total = a.count;
  cli_split_take(&b, 5);
  assert_int_equal(b.base, 5);
  assert_int_equal(b.count, total - 5);
  for (size_t i = 0; i < b.count; i++)
    assert_int_equal(b.openers[i].line, a.openers[i + 5].line);
  cli_split_take(&b, b.count + 3); /* more than there are: all */
  assert_int_equal(b.count, 0);
  assert_int_equal(b.base, total);
  cli_split_free(&a);
  cli_split_free(&b);
  free(log);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_plan_is_the_parse),
      cmocka_unit_test(test_any_pieces),
      cmocka_unit_test(test_utf16_same_plan),
      cmocka_unit_test(test_take),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
