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
  cli_split_scanner_finish(&s);
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

/* A CR alone ends a line for the parser's line splitter (src/lines.c), and
 * so for the plan: with lone CRs in field lines, and pieces that end
 * between a CR and its LF, the plan's lines are still the parse's. */
static void test_lone_cr(void **state) {
  (void)state;
  size_t n;
  char *log = make_log(&n);
  char *t = malloc(2 * n);
  size_t m = 0, lines = 0;
  for (size_t i = 0; i < n; i++) {
    t[m++] = log[i];
    if (log[i] == ':' && ++lines % 3 == 0)
      t[m++] = '\r'; /* "Key :\r value": two lines */
    if (log[i] == '\n' && lines % 5 == 0)
      t[m - 1] = '\r', t[m++] = '\n'; /* and some CR LF */
  }
  seen s = {{0}, {0}, 0};
  dsreg_parser *p = dsreg_parser_new(on_capture, &s);
  assert_int_equal(dsreg_parser_feed(p, t, m), DSREG_OK);
  assert_int_equal(dsreg_parser_finish(p), DSREG_OK);
  dsreg_parser_free(p);
  static const size_t pieces[] = {1, 2, 3, 7, 4096, 1 << 20};
  for (size_t k = 0; k < sizeof pieces / sizeof pieces[0]; k++) {
    cli_split_plan plan;
    scan_pieces((const unsigned char *)t, m, 1, 0, 0, pieces[k], &plan);
    size_t matched = 0;
    for (size_t c = 0; c < s.count && c < plan.count; c++) {
      if (plan.openers[c].line != s.line[c])
        break;
      matched++;
    }
    assert_true(matched >= 9);
    cli_split_free(&plan);
  }
  free(t);
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

/* A log of `n` copies of one capture with `bytes` (len of them) put in
 * copy `at`, after its title: the first non-ASCII byte of the file. */
static char *log_with(size_t n, size_t at, const char *bytes, size_t len,
                      size_t *out_len) {
  char *cap = cu_read_fixture("fixtures/synthetic/hybrid_joined_healthy.txt");
  size_t cl = strlen(cap), total = 0;
  char *log = malloc(n * (cl + 64) + len);
  assert_non_null(log);
  for (size_t i = 0; i < n; i++) {
    memcpy(log + total, cap, cl);
    total += cl;
    if (i == at) {
      memcpy(log + total, "Note : ", 7);
      memcpy(log + total + 7, bytes, len);
      total += 7 + len;
      log[total++] = '\n';
    }
  }
  free(cap);
  *out_len = total;
  return log;
}

/* The state the whole file's decoder is in at each place to cut: a fresh
 * decoder's before the first NUL or non-ASCII byte; UTF-8 for good after a
 * valid sequence; unknown after anything else, so no place to cut. */
static void test_decoder_state(void **state) {
  (void)state;
  static const struct {
    const char *bytes;
    size_t len;
    int event;
  } cases[] = {
      {"M\xC3\xBCller", 7, 1},    /* ü */
      {"\xE2\x82\xAC", 3, 1},     /* € */
      {"\xF0\x9F\x98\x80", 4, 1}, /* an emoji */
      {"M\x81ller", 6, 2},        /* cp850 ü */
      {"Andr\xE9s", 6, 2},        /* cp1252 é */
      {"a\0b", 3, 2},             /* NUL */
      {"\xED\xA0\x80", 3, 2},     /* a surrogate */
      {"\xC0\xAF", 2, 2},         /* overlong */
      {"\xE2\x82", 2, 2},         /* cut short by the next byte */
  };
  static const size_t pieces[] = {1, 2, 3, 5, 4096, 1 << 20};
  for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
    size_t n;
    char *log = log_with(12, 5, cases[c].bytes, cases[c].len, &n);
    uint64_t event_at = 0;
    while (event_at < n && log[event_at] != 0 &&
           (unsigned char)log[event_at] < 0x80)
      event_at++;
    assert_true(event_at < n);
    for (size_t k = 0; k < sizeof pieces / sizeof pieces[0]; k++) {
      cli_split_plan plan;
      memset(&plan, 0, sizeof plan);
      plan.unit = 1;
      cli_split_scanner s;
      cli_split_scanner_init(&s, &plan, 0);
      for (size_t at = 0; at < n; at += pieces[k])
        cli_split_scanner_feed(&s, (const unsigned char *)log + at,
                               n - at < pieces[k] ? n - at : pieces[k]);
      cli_split_scanner_finish(&s);
      assert_int_equal(s.event, cases[c].event);
      assert_int_equal(s.event_at, event_at);
      assert_int_equal(plan.count, 12);
      for (size_t i = 0; i < plan.count; i++) {
        const cli_opener *o = &plan.openers[i];
        int before = o->offset + 256 <= event_at, after = o->offset > event_at;
        assert_int_equal(o->committed, after && cases[c].event == 1);
        assert_int_equal(o->split, before || (after && cases[c].event == 1));
      }
      cli_split_free(&plan);
    }
    free(log);
  }
}

/* A sequence that the end of the file cuts short: not valid. */
static void test_event_at_end(void **state) {
  (void)state;
  cli_split_plan plan;
  memset(&plan, 0, sizeof plan);
  plan.unit = 1;
  cli_split_scanner s;
  cli_split_scanner_init(&s, &plan, 0);
  cli_split_scanner_feed(&s, (const unsigned char *)"abc\xE2\x82", 5);
  assert_int_equal(s.event, 0); /* the next piece could finish it */
  cli_split_scanner_finish(&s);
  assert_int_equal(s.event, 2);
  assert_int_equal(s.event_at, 3);
  cli_split_free(&plan);
}

/* With a UTF-8 BOM the decoder never falls back: nothing is looked for. */
static void test_bom_no_event(void **state) {
  (void)state;
  size_t n;
  char *log = log_with(4, 1, "M\x81ller", 6, &n);
  char *b = malloc(n + 3);
  memcpy(b, "\xEF\xBB\xBF", 3);
  memcpy(b + 3, log, n);
  cli_split_plan plan;
  scan_pieces((const unsigned char *)b, n + 3, 1, 0, 3, 7, &plan);
  assert_int_equal(plan.count, 4);
  for (size_t i = 0; i < plan.count; i++) {
    assert_int_equal(plan.openers[i].committed, 0);
    assert_int_equal(plan.openers[i].split, 1);
  }
  cli_split_free(&plan);
  free(b);
  free(log);
}

static int ignore(const dsreg_capture *cap, void *user) {
  (void)cap;
  (void)user;
  return 0;
}

static void feed(dsreg_parser *p, const char *s) {
  assert_int_equal(dsreg_parser_feed(p, s, strlen(s)), DSREG_OK);
}

/* dsreg_parser_at_boundary: what a part's end must be for the next part's
 * parser to start fresh. */
static void test_at_boundary(void **state) {
  (void)state;
  assert_false(dsreg_parser_at_boundary(NULL));
  dsreg_parser *p = dsreg_parser_new(ignore, NULL);
  assert_true(dsreg_parser_at_boundary(p));
  char *cap = cu_read_fixture("fixtures/synthetic/hybrid_joined_healthy.txt");
  feed(p, cap);
  assert_true(dsreg_parser_at_boundary(p));
  feed(p, "PS C:\\> dsregcmd /stat"); /* a line cut short */
  assert_false(dsreg_parser_at_boundary(p));
  feed(p, "us\r");
  assert_false(dsreg_parser_at_boundary(p)); /* its LF may follow */
  feed(p, "\n");
  assert_true(dsreg_parser_at_boundary(p));
  /* a quoted paste: the repair holds its lines to see if they share the
   * prefix */
  feed(p, "> +-------------------------------------+\n"
          "> | Device State                        |\n");
  assert_false(dsreg_parser_at_boundary(p));
  dsreg_parser_reset(p);
  /* bytes the decoder has not yet decided on */
  feed(p, "text\n");
  assert_false(dsreg_parser_at_boundary(p));
  char prose[400];
  memset(prose, 'x', sizeof prose - 2);
  prose[sizeof prose - 2] = '\n';
  prose[sizeof prose - 1] = '\0';
  feed(p, prose);
  assert_true(dsreg_parser_at_boundary(p));
  /* a known field line outside a capture may open a fragment */
  feed(p, "AzureAdJoined : YES\n");
  assert_false(dsreg_parser_at_boundary(p));
  feed(p, "just text\n");
  assert_true(dsreg_parser_at_boundary(p));
  assert_int_equal(dsreg_parser_finish(p), DSREG_ENOCAPTURE);
  assert_false(dsreg_parser_at_boundary(p));
  free(cap);
  dsreg_parser_free(p);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_plan_is_the_parse),
      cmocka_unit_test(test_any_pieces),
      cmocka_unit_test(test_lone_cr),
      cmocka_unit_test(test_utf16_same_plan),
      cmocka_unit_test(test_take),
      cmocka_unit_test(test_decoder_state),
      cmocka_unit_test(test_event_at_end),
      cmocka_unit_test(test_bom_no_event),
      cmocka_unit_test(test_at_boundary),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
