/*
 * test_fragment.c - field lines pasted with no section boxes
 * (docs/format.md §4, Fragments).  Microsoft's pages show SSO State that
 * way; admins paste a few lines of one section.  The keys tell the section:
 * the fragment parses into the sections the boxed text has, with the same
 * typed values, and says it is a fragment; prose around it stays out, and
 * one field line alone is not a capture.  The property: every fixture with
 * its box lines removed gives the typed values of the clean file for every
 * key that only one section has.
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
#include "dsreg/fields.h"
#include "dsreg/parser.h"
#include "text_buf.h"

/* A box line: a `+---+` rule or a `| Title |` line. */
static int box_line(const char *s, size_t n) {
  while (n && (*s == ' ' || *s == '\t')) {
    s++;
    n--;
  }
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' ||
               s[n - 1] == '\n'))
    n--;
  if (n >= 2 && s[0] == '+' && s[1] == '-')
    return 1;
  return n >= 2 && s[0] == '|' && s[n - 1] == '|';
}

static buf strip_boxes(const buf *in) {
  buf out = {0};
  for (size_t at = 0; at < in->len;) {
    const char *nl = memchr(in->p + at, '\n', in->len - at);
    size_t n = nl ? (size_t)(nl - (in->p + at)) + 1 : in->len - at;
    if (!box_line(in->p + at, n))
      buf_add(&out, in->p + at, n);
    at += n;
  }
  if (!out.p)
    buf_str(&out, "");
  return out;
}

/* Every line of `in` with `pre` before it and `post` after it. */
static buf each_line(const buf *in, const char *pre, const char *post) {
  buf out = {0};
  for (size_t at = 0; at < in->len;) {
    const char *nl = memchr(in->p + at, '\n', in->len - at);
    size_t n = nl ? (size_t)(nl - (in->p + at)) : in->len - at;
    buf_str(&out, pre);
    buf_add(&out, in->p + at, n);
    buf_str(&out, post);
    at += n + (nl != NULL);
  }
  if (!out.p)
    buf_str(&out, "");
  return out;
}

/* ---- what a parse gave -------------------------------------------------- */

/* Keys that only one row of the table has (spellings compared as the
 * parser does: letters and digits, any case). */
static void norm(const char *k, char *out, size_t cap) {
  size_t j = 0;
  for (; *k && j + 1 < cap; k++) {
    char c = *k;
    if (c >= 'A' && c <= 'Z')
      c = (char)(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
      out[j++] = c;
  }
  out[j] = '\0';
}

static int unique_key(size_t row) {
  char a[64], b[64];
  norm(dsreg_field_def_at(row)->key, a, sizeof a);
  for (size_t r = 0; r < dsreg_field_def_count(); r++) {
    if (r == row)
      continue;
    norm(dsreg_field_def_at(r)->key, b, sizeof b);
    if (strcmp(a, b) == 0)
      return 0;
  }
  return 1;
}

typedef struct run {
  unsigned long captures;
  size_t sections, unparsed, fields;
  int fragment;
  int fragment_note;
  unsigned long line, end_line;
  buf titles;
  buf rows[1024]; /* per unique row: its typed values, capture by capture */
} run;

static void dump_value(buf *b, const dsreg_value *v) {
  if (v->state == DSREG_VALUE_ABSENT)
    return;
  buf_printf(
      b,
      "st=%d flag=%d test=%d code=%d:%lx sub=%d:%lx num=%lld t=%lld "
      "e=%lld text=%.*s;",
      (int)v->state, (int)v->flag, (int)v->test, (int)v->has_code,
      (unsigned long)v->code, (int)v->has_sub_code, (unsigned long)v->sub_code,
      (long long)v->number, (long long)v->time_ms, (long long)v->end_ms,
      v->field ? (int)v->field->value_len : 0, v->field ? v->field->value : "");
}

static int on_capture(const dsreg_capture *c, void *user) {
  run *r = user;
  if (r->captures++ == 0) {
    r->line = c->line;
    r->end_line = c->end_line;
  }
  r->sections += c->section_count;
  r->unparsed += c->unparsed_count;
  r->fields += c->field_count;
  r->fragment |= c->fragment;
  for (size_t i = 0; i < c->section_count; i++) {
    buf_add(&r->titles, c->sections[i].title, c->sections[i].title_len);
    buf_str(&r->titles, "|");
  }
  for (size_t i = 0; i < c->note_count; i++)
    if (strstr(c->notes[i].message, "a fragment: no section boxes") &&
        c->notes[i].line == 0)
      r->fragment_note = 1;
  assert_true(dsreg_field_def_count() <= 1024);
  for (size_t i = 0; i < dsreg_field_def_count(); i++) {
    const dsreg_field_def *def = dsreg_field_def_at(i);
    if (!unique_key(i))
      continue;
    if (def->section != DSREG_SECTION_WORK_ACCOUNT) {
      dump_value(&r->rows[i], dsreg_field_def_value(def, &c->typed, NULL));
      continue;
    }
    for (size_t a = 0; a < c->typed.work_account_count; a++)
      dump_value(&r->rows[i], dsreg_field_def_value(
                                  def, &c->typed, &c->typed.work_accounts[a]));
  }
  return 0;
}

static dsreg_status parse(const char *s, size_t len, size_t chunk, run *r) {
  memset(r, 0, sizeof *r);
  dsreg_parser *p = dsreg_parser_new(on_capture, r);
  assert_non_null(p);
  for (size_t at = 0; at < len; at += chunk) {
    size_t k = len - at < chunk ? len - at : chunk;
    assert_int_equal(dsreg_parser_feed(p, s + at, k), DSREG_OK);
  }
  dsreg_status st = dsreg_parser_finish(p);
  dsreg_parser_free(p);
  if (!r->titles.p)
    buf_str(&r->titles, "");
  return st;
}

static void run_free(run *r) {
  free(r->titles.p);
  for (size_t i = 0; i < 1024; i++)
    free(r->rows[i].p);
}

/* The typed values of unique rows differ; says which. */
static int rows_differ(const run *a, const run *b, const char *what) {
  int bad = 0;
  for (size_t i = 0; i < dsreg_field_def_count(); i++) {
    const char *x = a->rows[i].p ? a->rows[i].p : "";
    const char *y = b->rows[i].p ? b->rows[i].p : "";
    if (strcmp(x, y) != 0) {
      print_error("%s: %s: clean '%s', fragment '%s'\n", what,
                  dsreg_field_def_at(i)->member, x, y);
      bad = 1;
    }
  }
  return bad;
}

static const size_t CHUNKS[] = {1, 7, 4096};

/* ---- SSO State as Microsoft's pages show it --------------------------- */

#define SSO_FIXTURE                                                            \
  "fixtures/corpus/14_docs_sso_state_prt_acquire_failure_aadsts50126_with_"    \
  "cloudtgt.txt"

static void test_sso_state_fragment(void **state) {
  (void)state;
  buf boxed = buf_fixture(SSO_FIXTURE);
  buf bare = strip_boxes(&boxed);
  buf in = {0};
  buf_str(&in, "Hi, here is my output:\n\n");
  buf_add(&in, bare.p, bare.len);
  buf_str(&in, "\nThanks for any help: the user cannot sign in.\n");
  run want;
  assert_int_equal(parse(boxed.p, boxed.len, 4096, &want), DSREG_OK);
  for (size_t c = 0; c < sizeof CHUNKS / sizeof CHUNKS[0]; c++) {
    run got;
    assert_int_equal(parse(in.p, in.len, CHUNKS[c], &got), DSREG_OK);
    assert_int_equal(got.captures, 1);
    assert_string_equal(got.titles.p, "SSO State|");
    assert_true(got.fragment);
    assert_true(got.fragment_note);
    assert_int_equal(got.unparsed, 0);
    assert_int_equal(got.fields, want.fields); /* not the prose after it */
    assert_int_equal(got.line, 4); /* the prose and the blank line: 1-3 */
    assert_false(rows_differ(&want, &got, "SSO State fragment"));
    run_free(&got);
  }
  assert_false(want.fragment);
  run_free(&want);
  free(in.p);
  free(bare.p);
  free(boxed.p);
}

/* The rules judge what the fragment has, say it is one, and those that
 * need the missing sections (the join type comes from Device State) stay
 * silent. */
static void test_sso_state_fragment_rules(void **state) {
  (void)state;
  buf boxed = buf_fixture(SSO_FIXTURE);
  buf bare = strip_boxes(&boxed);
  cu_finding f = cu_check(bare.p, NULL, "prt-acquire-failed capture-incomplete",
                          "capture-incomplete");
  assert_non_null(strstr(f.message, "a fragment of field lines with no "
                                    "section boxes; it lacks Device State"));
  free(boxed.p);
}

static void test_one_field_line_is_no_capture(void **state) {
  (void)state;
  static const char text[] = "Here is what it says:\n"
                             "                AzureAdPrt : NO\n"
                             "That is all I have.\n"
                             "             AzureAdJoined : YES\n";
  run got;
  assert_int_equal(parse(text, strlen(text), 4096, &got), DSREG_ENOCAPTURE);
  assert_int_equal(got.captures, 0);
  run_free(&got);
}

static void test_unknown_keys_do_not_open(void **state) {
  (void)state;
  static const char text[] = "                  Name : Alice\n"
                             "                  Role : Admin\n"
                             "                AzureAdPrt : NO\n";
  run got;
  assert_int_equal(parse(text, strlen(text), 4096, &got), DSREG_ENOCAPTURE);
  run_free(&got);
}

/* A ':' that only a repair would put in opens nothing: dsregdiag's own
 * report has such lines. */
static void test_gap_lines_do_not_open(void **state) {
  (void)state;
  static const char text[] =
      "  Thumbprint       6EAA60652BD84D6E56D6678EA58972A7EA68DD1E\n"
      "  Key provider     Microsoft Platform Crypto Provider\n";
  run got;
  assert_int_equal(parse(text, strlen(text), 4096, &got), DSREG_ENOCAPTURE);
  run_free(&got);
}

/* A fragment quoted in a mail, inside a code fence. */
static void test_quoted_fenced_fragment(void **state) {
  (void)state;
  static const char text[] = "> Here it is:\n"
                             "> ```\n"
                             ">                 AzureAdPrt : NO\n"
                             ">              EnterprisePrt : YES\n"
                             ">                  OnPremTgt : YES\n"
                             "> ```\n"
                             "> Any idea?\n";
  for (size_t c = 0; c < sizeof CHUNKS / sizeof CHUNKS[0]; c++) {
    run got;
    assert_int_equal(parse(text, strlen(text), CHUNKS[c], &got), DSREG_OK);
    assert_int_equal(got.captures, 1);
    assert_string_equal(got.titles.p, "SSO State|");
    assert_int_equal(got.fields, 3);
    assert_int_equal(got.unparsed, 0);
    assert_true(got.fragment_note);
    run_free(&got);
  }
}

static void test_two_sections(void **state) {
  (void)state;
  static const char text[] = "Device State:\n"
                             "             AzureAdJoined : NO\n"
                             "          EnterpriseJoined : NO\n"
                             "              DomainJoined : YES\n"
                             "                DomainName : CONTOSO\n"
                             "\n"
                             "                AzureAdPrt : NO\n"
                             "       AzureAdPrtAuthority : \n"
                             "             EnterprisePrt : NO\n";
  for (size_t c = 0; c < sizeof CHUNKS / sizeof CHUNKS[0]; c++) {
    run got;
    assert_int_equal(parse(text, strlen(text), CHUNKS[c], &got), DSREG_OK);
    assert_int_equal(got.captures, 1);
    assert_string_equal(got.titles.p, "Device State|SSO State|");
    assert_int_equal(got.unparsed, 0);
    assert_int_equal(got.line, 2);
    assert_int_equal(got.end_line, 9);
    run_free(&got);
  }
}

/* A box after the fragment opens a capture of its own. */
static void test_box_after_fragment(void **state) {
  (void)state;
  buf boxed = buf_fixture(SSO_FIXTURE);
  buf in = {0};
  buf_str(&in, "                AzureAdPrt : NO\n"
               "             EnterprisePrt : NO\n"
               "\n");
  buf_add(&in, boxed.p, boxed.len);
  run got;
  assert_int_equal(parse(in.p, in.len, 7, &got), DSREG_OK);
  assert_int_equal(got.captures, 2);
  assert_int_equal(got.end_line, 2);
  assert_string_equal(got.titles.p, "SSO State|SSO State|");
  run_free(&got);
  free(in.p);
  free(boxed.p);
}

/* ---- the property ------------------------------------------------------- */

#include "test_fixtures.h"

static const char *const FIXTURES[] = {DSREG_TEST_FIXTURES};

static void test_every_fixture_without_boxes(void **state) {
  (void)state;
  unsigned failures = 0, checked = 0;
  for (size_t i = 0; i < sizeof FIXTURES / sizeof FIXTURES[0]; i++) {
    buf clean = buf_fixture(FIXTURES[i]);
    run want;
    parse(clean.p, clean.len, 4096, &want);
    /* Without boxes, captures that follow each other run together. */
    if (want.captures != 1) {
      run_free(&want);
      free(clean.p);
      continue;
    }
    buf bare = strip_boxes(&clean);
    /* ... and with a second transform: quoted in a mail, double-spaced */
    buf variants[3] = {bare, each_line(&bare, "> ", "\n"),
                       each_line(&bare, "", "\n\n")};
    static const char *const names[3] = {"", " quoted", " double-spaced"};
    for (size_t v = 0; v < 3; v++) {
      for (size_t c = 0; c < sizeof CHUNKS / sizeof CHUNKS[0]; c++) {
        run got;
        parse(variants[v].p, variants[v].len, CHUNKS[c], &got);
        if (!got.fragment || rows_differ(&want, &got, FIXTURES[i])) {
          print_error("%s without boxes%s, chunks of %zu: not the same\n",
                      FIXTURES[i], names[v], CHUNKS[c]);
          failures++;
        }
        run_free(&got);
      }
      free(variants[v].p);
    }
    checked++;
    run_free(&want);
    free(clean.p);
  }
  assert_true(checked >= 10);
  assert_int_equal(failures, 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_sso_state_fragment),
      cmocka_unit_test(test_sso_state_fragment_rules),
      cmocka_unit_test(test_one_field_line_is_no_capture),
      cmocka_unit_test(test_unknown_keys_do_not_open),
      cmocka_unit_test(test_gap_lines_do_not_open),
      cmocka_unit_test(test_quoted_fenced_fragment),
      cmocka_unit_test(test_two_sections),
      cmocka_unit_test(test_box_after_fragment),
      cmocka_unit_test(test_every_fixture_without_boxes),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
