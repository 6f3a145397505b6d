/*
 * test_multi.c - where captures begin and end in a stream, and the life
 * cycle of a parser handle (dsreg/parser.h): stopping from the callback,
 * reset, finish, bad arguments, and input that holds no capture at all.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dsreg/parser.h"
#include "dsreg/report.h"

#define MULTI "fixtures/synthetic/multi_capture.log"
#define CORPUS01                                                               \
  "fixtures/corpus/01_entra_joined_healthy_prt_win10_19041_newdiagfields.txt"

/* ---- helpers ---------------------------------------------------------- */

typedef struct file {
  char *p;
  size_t len;
} file;

static file slurp(const char *rel) {
  char path[1024];
  snprintf(path, sizeof path, "%s/%s", DSREG_SOURCE_DIR, rel);
  FILE *f = fopen(path, "rb");
  assert_non_null(f);
  assert_int_equal(fseek(f, 0, SEEK_END), 0);
  long n = ftell(f);
  assert_true(n > 0);
  rewind(f);
  file out = {malloc((size_t)n), (size_t)n};
  assert_non_null(out.p);
  assert_int_equal(fread(out.p, 1, out.len, f), out.len);
  fclose(f);
  return out;
}

/* What a test wants to know of each capture, copied out of the callback
 * (the capture itself is borrowed only for the call). */
typedef struct summary {
  unsigned long index, line, end_line;
  int has_footer;
  size_t sections, fields, unparsed;
  unsigned long replacements;
  char first_unparsed[80];
  dsreg_join_type join;
  int all_lines_inside; /* every item lies within line..end_line */
} summary;

typedef struct recorder {
  summary caps[8];
  size_t n;
  size_t calls;
  size_t stop_at; /* return non-zero on this call (1-based); 0: never */
} recorder;

static int record(const dsreg_capture *c, void *user) {
  recorder *r = user;
  r->calls++;
  if (r->n < sizeof r->caps / sizeof r->caps[0]) {
    summary *s = &r->caps[r->n++];
    memset(s, 0, sizeof *s);
    s->index = c->index;
    s->line = c->line;
    s->end_line = c->end_line;
    s->has_footer = c->has_footer;
    s->sections = c->section_count;
    s->fields = c->field_count;
    s->unparsed = c->unparsed_count;
    s->replacements = c->replacements;
    if (c->unparsed_count)
      snprintf(s->first_unparsed, sizeof s->first_unparsed, "%s",
               c->unparsed[0].text);
    s->join = dsreg_join_type_of(c);
    s->all_lines_inside = 1;
    for (size_t i = 0; i < c->section_count; i++)
      if (c->sections[i].line < c->line || c->sections[i].line > c->end_line)
        s->all_lines_inside = 0;
    for (size_t i = 0; i < c->field_count; i++)
      if (c->fields[i].line < c->line || c->fields[i].line > c->end_line)
        s->all_lines_inside = 0;
    for (size_t i = 0; i < c->unparsed_count; i++)
      if (c->unparsed[i].line < c->line || c->unparsed[i].line > c->end_line)
        s->all_lines_inside = 0;
  }
  return r->stop_at && r->calls == r->stop_at ? 1 : 0;
}

static dsreg_status parse_text(dsreg_parser *p, const char *text) {
  dsreg_status st = dsreg_parser_feed(p, text, strlen(text));
  if (st != DSREG_OK)
    return st;
  return dsreg_parser_finish(p);
}

/* ---- the daily log ---------------------------------------------------- */

static void test_multi_capture_log(void **state) {
  (void)state;
  file in = slurp(MULTI);
  recorder r = {0};
  dsreg_parser *p = dsreg_parser_new(record, &r);
  assert_int_equal(dsreg_parser_feed(p, in.p, in.len), DSREG_OK);
  assert_int_equal(dsreg_parser_finish(p), DSREG_OK);
  assert_int_equal(dsreg_parser_captures(p), 3);
  assert_int_equal(dsreg_parser_lines(p), 265);
  assert_int_equal(r.n, 3);

  static const struct {
    unsigned long line, end_line;
    size_t sections;
    const char *join;
  } expect[] = {
      {4, 108, 8, "entra-joined"},
      {115, 170, 6, "not-joined"},
      {177, 265, 8, "entra-registered"},
  };
  for (size_t i = 0; i < 3; i++) {
    const summary *s = &r.caps[i];
    assert_int_equal(s->index, i + 1);
    /* A capture starts at the upper rule of its first box. */
    assert_int_equal(s->line, expect[i].line);
    assert_int_equal(s->end_line, expect[i].end_line);
    assert_true(s->has_footer);
    assert_int_equal(s->sections, expect[i].sections);
    assert_string_equal(dsreg_join_type_id(s->join), expect[i].join);
    /* The stamps and prompts between captures belong to none. */
    assert_int_equal(s->unparsed, 0);
    assert_true(s->all_lines_inside);
  }
  /* Captures do not overlap. */
  assert_true(r.caps[0].end_line < r.caps[1].line);
  assert_true(r.caps[1].end_line < r.caps[2].line);
  dsreg_parser_free(p);
  free(in.p);
}

/* ---- capture boundaries ----------------------------------------------- */

/* Two captures without footers, with a log stamp before each. */
static const char TWO_WITHOUT_FOOTER[] =
    "==== 2025-03-02 08:00:01 ====\n" /* 1 */
    "+-----+\n"                       /* 2 */
    "| Device State |\n"              /* 3 */
    "+-----+\n"                       /* 4 */
    "  AzureAdJoined : YES\n"         /* 5 */
    "  DomainJoined : NO\n"           /* 6 */
    "\n"                              /* 7 */
    "+-----+\n"                       /* 8 */
    "| User State |\n"                /* 9 */
    "+-----+\n"                       /* 10 */
    "  WorkplaceJoined : NO\n"        /* 11 */
    "==== 2025-03-03 08:00:01 ====\n" /* 12 */
    "+-----+\n"                       /* 13 */
    "| Device State |\n"              /* 14 */
    "+-----+\n"                       /* 15 */
    "  AzureAdJoined : NO\n"          /* 16 */
    "  DomainJoined : YES\n";         /* 17 */

static void test_split_at_second_device_state(void **state) {
  (void)state;
  recorder r = {0};
  dsreg_parser *p = dsreg_parser_new(record, &r);
  assert_int_equal(parse_text(p, TWO_WITHOUT_FOOTER), DSREG_OK);
  assert_int_equal(r.n, 2);
  assert_int_equal(r.caps[0].index, 1);
  assert_int_equal(r.caps[0].line, 2);
  assert_false(r.caps[0].has_footer);
  assert_int_equal(r.caps[0].sections, 2);
  assert_int_equal(r.caps[0].fields, 3);
  /* AzureAdJoined YES without EnterpriseJoined is not Entra joined for sure
   * (issue 11: a cut capture can be a hybrid one) */
  assert_string_equal(dsreg_join_type_id(r.caps[0].join), "unknown");
  /* Without a footer the second stamp is inside the first capture, and is
   * kept there rather than dropped. */
  assert_int_equal(r.caps[0].unparsed, 1);
  assert_string_equal(r.caps[0].first_unparsed,
                      "==== 2025-03-03 08:00:01 ====");

  assert_int_equal(r.caps[1].index, 2);
  assert_int_equal(r.caps[1].line, 13);
  assert_int_equal(r.caps[1].end_line, 17);
  assert_false(r.caps[1].has_footer);
  assert_int_equal(r.caps[1].sections, 1);
  assert_int_equal(r.caps[1].fields, 2);
  assert_string_equal(dsreg_join_type_id(r.caps[1].join), "domain-joined");
  dsreg_parser_free(p);
}

static void test_split_end_line_does_not_overlap(void **state) {
  (void)state;
  /* Regression test (was a bug, fixed): when a capture without a footer is
   * ended by the next Device State box, its end_line is the line of that box's
   * title, which belongs to the next capture: with TWO_WITHOUT_FOOTER capture 1
   * reports end_line 14 while capture 2 starts at line 13 (its upper rule).
   * parser.c updates cap_last_line for every line read inside a capture
   * (the rule at 13 and the title at 14 included) before add_section()
   * ends the capture.  Expected end_line 12 (the stamp, the last line
   * that belonged to capture 1), or at least < 13. */
  recorder r = {0};
  dsreg_parser *p = dsreg_parser_new(record, &r);
  assert_int_equal(parse_text(p, TWO_WITHOUT_FOOTER), DSREG_OK);
  assert_int_equal(r.n, 2);
  assert_true(r.caps[0].end_line < r.caps[1].line);
  assert_int_equal(r.caps[0].end_line, 12);
  dsreg_parser_free(p);
}

typedef struct kerb_seen {
  char value[200];
  unsigned flags;
  size_t unparsed;
} kerb_seen;

static int record_kerb(const dsreg_capture *c, void *user) {
  kerb_seen *k = user;
  const dsreg_value *v = &c->typed.sso_state.kerb_top_level_names;
  if (c->index == 1 && v->field) {
    snprintf(k->value, sizeof k->value, "%s", v->field->value);
    k->flags = v->field->flags;
    k->unparsed = c->unparsed_count;
  }
  return 0;
}

static void test_log_stamp_is_no_console_wrap(void **state) {
  (void)state;
  /* Regression test (was a bug, fixed): in a log of captures without footers, a
   * stamp line right after a field line of 80 columns or more is taken for a
   * console-wrapped continuation (parser.c: WRAP_MIN_COLUMNS, continue_value)
   * and glued onto the value: with the text below, KerbTopLevelNames becomes
   * ".windows.net,...,.azure.net==== 2025-03-03 08:00:01 ====" with
   * DSREG_FIELD_WRAPPED, instead of keeping its value and the stamp
   * becoming an unparsed line.  (A heuristic false positive: a console
   * wrap never produces a line that starts like a log stamp; the field
   * line here is 87 columns, not a console width.) */
  static const char text[] =
      "+-----+\n| SSO State |\n+-----+\n"
      "         KerbTopLevelNames : "
      ".windows.net,.windows.net:1433,.windows.net:3342,.azure.net\n"
      "==== 2025-03-03 08:00:01 ====\n"
      "+-----+\n| Device State |\n+-----+\n"
      "  AzureAdJoined : NO\n";
  kerb_seen k = {0};
  dsreg_parser *p = dsreg_parser_new(record_kerb, &k);
  assert_int_equal(parse_text(p, text), DSREG_OK);
  assert_string_equal(
      k.value, ".windows.net,.windows.net:1433,.windows.net:3342,.azure.net");
  assert_int_equal(k.flags, 0);
  assert_int_equal(k.unparsed, 1);
  dsreg_parser_free(p);
}

static void test_box_right_after_footer(void **state) {
  (void)state;
  static const char text[] =
      "+-----+\n| Device State |\n+-----+\n"
      "  AzureAdJoined : YES\n"
      "For more information, please visit "
      "https://www.microsoft.com/aadjerrors\n"
      "+-----+\n| Device State |\n+-----+\n" /* 6 */
      "  AzureAdJoined : NO\n"
      "For more information, please visit "
      "https://www.microsoft.com/aadjerrors\n"
      "| SSO State |\n" /* 11: any box outside a capture begins one */
      "  AzureAdPrt : NO\n";
  recorder r = {0};
  dsreg_parser *p = dsreg_parser_new(record, &r);
  assert_int_equal(parse_text(p, text), DSREG_OK);
  assert_int_equal(r.n, 3);
  assert_int_equal(r.caps[0].line, 1);
  assert_int_equal(r.caps[0].end_line, 5);
  assert_true(r.caps[0].has_footer);
  assert_int_equal(r.caps[1].line, 6);
  assert_int_equal(r.caps[1].end_line, 10);
  assert_true(r.caps[1].has_footer);
  /* A title without an upper rule starts at the title line. */
  assert_int_equal(r.caps[2].line, 11);
  assert_int_equal(r.caps[2].end_line, 12);
  assert_false(r.caps[2].has_footer);
  assert_int_equal(r.caps[2].fields, 1);
  dsreg_parser_free(p);
}

/* Each capture counts the invalid bytes of its own lines; one between
 * captures belongs to none. */
static void test_replacements_per_capture(void **state) {
  (void)state;
  static const char text[] = "+-----+\n| Device State |\n+-----+\n"
                             "  Device Name : PC\x80\n"
                             "For more information, please visit "
                             "https://www.microsoft.com/aadjerrors\n"
                             "==== stamp \xFF ====\n"
                             "+-----+\n| Device State |\n+-----+\n"
                             "  Device Name : \xC0PC\xF5\n";
  static const size_t chunks[] = {0, 1, 5};
  for (size_t i = 0; i < sizeof chunks / sizeof chunks[0]; i++) {
    recorder r = {0};
    dsreg_parser *p = dsreg_parser_new(record, &r);
    /* UTF-8 told: detection would read these bytes as cp850. */
    assert_int_equal(dsreg_parser_set_encoding(p, DSREG_ENCODING_UTF8),
                     DSREG_OK);
    size_t n = sizeof text - 1, step = chunks[i] ? chunks[i] : n;
    for (size_t at = 0; at < n; at += step)
      assert_int_equal(
          dsreg_parser_feed(p, text + at, n - at < step ? n - at : step),
          DSREG_OK);
    assert_int_equal(dsreg_parser_finish(p), DSREG_OK);
    assert_int_equal(r.n, 2);
    assert_int_equal(r.caps[0].replacements, 1);
    assert_int_equal(r.caps[1].replacements, 2);
    dsreg_parser_free(p);
  }
}

/* Only Device State splits: a repeated SSO State (corpus 17, a before and
 * after composite) and an empty Device State box do not. */
static void test_other_boxes_do_not_split(void **state) {
  (void)state;
  file in = slurp("fixtures/corpus/"
                  "17_hybrid_joined_prt_failure_aadsts90002_then_success_"
                  "retyped.txt");
  recorder r = {0};
  dsreg_parser *p = dsreg_parser_new(record, &r);
  assert_int_equal(dsreg_parser_feed(p, in.p, in.len), DSREG_OK);
  assert_int_equal(dsreg_parser_finish(p), DSREG_OK);
  assert_int_equal(r.n, 1);
  free(in.p);

  /* A leading blank-line-separated Device State as the very first box does
   * not end an (empty) capture before it. */
  dsreg_parser_reset(p);
  r = (recorder){0};
  assert_int_equal(parse_text(p, "\n\n+-----+\n| Device State |\n+-----+\n"
                                 "  AzureAdJoined : YES\n"),
                   DSREG_OK);
  assert_int_equal(r.n, 1);
  assert_int_equal(r.caps[0].line, 3);
  dsreg_parser_free(p);
}

/* ---- stopping --------------------------------------------------------- */

static void test_callback_stops(void **state) {
  (void)state;
  file in = slurp(MULTI);
  recorder r = {.stop_at = 1};
  dsreg_parser *p = dsreg_parser_new(record, &r);
  /* The first footer ends capture 1 inside this feed call. */
  assert_int_equal(dsreg_parser_feed(p, in.p, in.len), DSREG_ESTOPPED);
  assert_int_equal(r.calls, 1);
  assert_int_equal(dsreg_parser_captures(p), 1);
  /* The stop is sticky: nothing more is parsed. */
  assert_int_equal(dsreg_parser_feed(p, "x\n", 2), DSREG_ESTOPPED);
  assert_int_equal(dsreg_parser_finish(p), DSREG_ESTOPPED);
  assert_int_equal(r.calls, 1);

  /* Stopping at the second capture, fed in small chunks. */
  dsreg_parser_reset(p);
  r = (recorder){.stop_at = 2};
  dsreg_status st = DSREG_OK;
  for (size_t at = 0; at < in.len && st == DSREG_OK; at += 100)
    st = dsreg_parser_feed(p, in.p + at, in.len - at < 100 ? in.len - at : 100);
  assert_int_equal(st, DSREG_ESTOPPED);
  assert_int_equal(r.calls, 2);
  assert_int_equal(r.caps[1].index, 2);

  /* A capture without a footer is handed over by finish, which then
   * reports the stop. */
  dsreg_parser_reset(p);
  r = (recorder){.stop_at = 1};
  assert_int_equal(
      dsreg_parser_feed(p, "| Device State |\n  AzureAdJoined : YES\n", 39),
      DSREG_OK);
  assert_int_equal(r.calls, 0);
  assert_int_equal(dsreg_parser_finish(p), DSREG_ESTOPPED);
  assert_int_equal(r.calls, 1);
  dsreg_parser_free(p);
  free(in.p);
}

/* ---- reset and finish ------------------------------------------------- */

static void test_reset_allows_reuse(void **state) {
  (void)state;
  file multi = slurp(MULTI);
  file one = slurp(CORPUS01);
  recorder r = {0};
  dsreg_parser *p = dsreg_parser_new(record, &r);
  assert_int_equal(dsreg_parser_feed(p, multi.p, multi.len), DSREG_OK);
  assert_int_equal(dsreg_parser_finish(p), DSREG_OK);
  assert_int_equal(r.n, 3);

  dsreg_parser_reset(p);
  assert_int_equal(dsreg_parser_lines(p), 0);
  assert_int_equal(dsreg_parser_captures(p), 0);
  assert_int_equal(dsreg_parser_encoding(p), DSREG_ENCODING_UNKNOWN);
  r = (recorder){0};
  assert_int_equal(dsreg_parser_feed(p, one.p, one.len), DSREG_OK);
  assert_int_equal(dsreg_parser_finish(p), DSREG_OK);
  /* Numbering starts again for the new stream. */
  assert_int_equal(r.n, 1);
  assert_int_equal(r.caps[0].index, 1);
  assert_int_equal(r.caps[0].line, 1);
  assert_int_equal(r.caps[0].end_line, 115);
  assert_int_equal(r.caps[0].sections, 9);
  assert_int_equal(r.caps[0].fields, 67);
  assert_int_equal(dsreg_parser_lines(p), 115);

  /* Reset in the middle of a capture and of a line: nothing of the
   * abandoned stream leaks into the next one. */
  dsreg_parser_reset(p);
  r = (recorder){0};
  assert_int_equal(dsreg_parser_feed(p, multi.p, 3000), DSREG_OK);
  assert_int_equal(r.n, 0);
  dsreg_parser_reset(p);
  assert_int_equal(dsreg_parser_feed(p, one.p, one.len), DSREG_OK);
  assert_int_equal(dsreg_parser_finish(p), DSREG_OK);
  assert_int_equal(r.n, 1);
  assert_int_equal(r.caps[0].line, 1);
  assert_int_equal(r.caps[0].sections, 9);
  assert_int_equal(r.caps[0].fields, 67);
  assert_string_equal(dsreg_join_type_id(r.caps[0].join), "entra-joined");

  /* Reset after a stop. */
  r = (recorder){.stop_at = 1};
  dsreg_parser_reset(p);
  assert_int_equal(dsreg_parser_feed(p, multi.p, multi.len), DSREG_ESTOPPED);
  r.stop_at = 0;
  dsreg_parser_reset(p);
  assert_int_equal(dsreg_parser_feed(p, one.p, one.len), DSREG_OK);
  assert_int_equal(dsreg_parser_finish(p), DSREG_OK);
  assert_int_equal(r.calls, 2);
  dsreg_parser_free(p);
  free(multi.p);
  free(one.p);
}

static void test_finish_twice(void **state) {
  (void)state;
  recorder r = {0};
  dsreg_parser *p = dsreg_parser_new(record, &r);
  assert_int_equal(parse_text(p, "| Device State |\n  AzureAdJoined : NO\n"),
                   DSREG_OK);
  assert_int_equal(dsreg_parser_finish(p), DSREG_EFINISHED);
  assert_int_equal(dsreg_parser_feed(p, "x", 1), DSREG_EFINISHED);
  assert_int_equal(r.calls, 1);
  /* Also after a finish that found nothing. */
  dsreg_parser_reset(p);
  assert_int_equal(dsreg_parser_finish(p), DSREG_ENOCAPTURE);
  assert_int_equal(dsreg_parser_finish(p), DSREG_EFINISHED);
  dsreg_parser_free(p);
}

/* ---- arguments -------------------------------------------------------- */

/* ---- out of memory ------------------------------------------------------ */

#ifdef DSREG_WRAP_CALLOC
/* Linked with -Wl,--wrap=calloc (tests/CMakeLists.txt): every calloc of the
 * library comes here, and the one the test names fails. */
void *__real_calloc(size_t n, size_t size);
void *__wrap_calloc(size_t n, size_t size);

static long calloc_fail_in = -1; /* calls before the failing one; -1 none */
static unsigned long calloc_calls;

void *__wrap_calloc(size_t n, size_t size) {
  calloc_calls++;
  if (calloc_fail_in == 0) {
    calloc_fail_in = -1;
    return NULL;
  }
  if (calloc_fail_in > 0)
    calloc_fail_in--;
  return __real_calloc(n, size);
}
#endif

/* The table that counts repeated unknown keys and titles could not grow:
 * that was ignored (the occurrence became 0 and the capture went on), where
 * every other allocation failure is DSREG_ENOMEM. */
static void test_out_of_memory_counting_repeats(void **state) {
  (void)state;
#ifndef DSREG_WRAP_CALLOC
  skip();
#else
  static const char *const texts[] = {
      /* an unknown key in a known section */
      "| Device State |\n  AzureAdJoined : NO\n  SomethingNew : 1\n",
      /* an unknown section title */
      "| Device State |\n  AzureAdJoined : NO\n| Something New |\n"
      "  Key : 1\n",
  };
  for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
    recorder r = {0};
    dsreg_parser *p = dsreg_parser_new(record, &r);
    assert_non_null(p);
    calloc_calls = 0;
    calloc_fail_in = 0;
    assert_int_equal(parse_text(p, texts[i]), DSREG_ENOMEM);
    assert_int_equal(calloc_calls, 1);
    assert_int_equal(r.calls, 0);
    dsreg_parser_free(p);
    /* and the same text parses when memory is there */
    p = dsreg_parser_new(record, &r);
    assert_non_null(p);
    assert_int_equal(parse_text(p, texts[i]), DSREG_OK);
    assert_int_equal(r.calls, 1);
    dsreg_parser_free(p);
  }
#endif
}

static void test_invalid_arguments(void **state) {
  (void)state;
  recorder r = {0};
  assert_null(dsreg_parser_new(NULL, &r));
  assert_int_equal(dsreg_parser_feed(NULL, "x", 1), DSREG_EINVAL);
  assert_int_equal(dsreg_parser_finish(NULL), DSREG_EINVAL);
  assert_int_equal(dsreg_parser_lines(NULL), 0);
  assert_int_equal(dsreg_parser_captures(NULL), 0);
  assert_int_equal(dsreg_parser_encoding(NULL), DSREG_ENCODING_UNKNOWN);
  dsreg_parser_free(NULL);
  dsreg_parser_reset(NULL);

  dsreg_parser *p = dsreg_parser_new(record, &r);
  assert_non_null(p);
  assert_int_equal(dsreg_parser_feed(p, NULL, 5), DSREG_EINVAL);
  /* A refused call leaves the parser usable. */
  assert_int_equal(parse_text(p, "| Device State |\n  AzureAdJoined : NO\n"),
                   DSREG_OK);
  assert_int_equal(r.calls, 1);
  dsreg_parser_free(p);
}

static void test_feed_null_with_zero_length(void **state) {
  (void)state;
  /* Regression test (was a bug, fixed): parser.h says "`buf` may be NULL when
   * `len` is 0", but before the encoding is decided dsreg_decoder_feed() does
   * memcpy(d->sniff + d->sniff_len, buf, 0) with buf == NULL (decode.c, the
   * sniff branch), which is undefined behaviour: the sanitizer build
   * (-fsanitize=undefined) aborts with "null pointer passed as argument 2,
   * which is declared to never be null".  Reproduce with
   * dsreg_parser_feed(dsreg_parser_new(cb, NULL), NULL, 0) on a new parser.
   */
  recorder r = {0};
  dsreg_parser *p = dsreg_parser_new(record, &r);
  assert_int_equal(dsreg_parser_feed(p, NULL, 0), DSREG_OK);
  assert_int_equal(parse_text(p, "| Device State |\n  AzureAdJoined : NO\n"),
                   DSREG_OK);
  dsreg_parser_free(p);
}

/* ---- input without captures ------------------------------------------- */

static int no_capture(const dsreg_capture *c, void *user) {
  (void)c;
  (void)user;
  fail_msg("no capture expected");
  return 1;
}

static void test_empty_input(void **state) {
  (void)state;
  dsreg_parser *p = dsreg_parser_new(no_capture, NULL);
  assert_int_equal(dsreg_parser_finish(p), DSREG_ENOCAPTURE);
  assert_int_equal(dsreg_parser_lines(p), 0);
  /* Zero bytes from a real buffer, and text that is no capture. */
  dsreg_parser_reset(p);
  assert_int_equal(dsreg_parser_feed(p, "", 0), DSREG_OK);
  assert_int_equal(dsreg_parser_finish(p), DSREG_ENOCAPTURE);
  dsreg_parser_reset(p);
  assert_int_equal(parse_text(p, "PS C:\\> dsregcmd /status\n"
                                 "+-----+\n" /* a rule alone is no box */
                                 "AzureAdJoined : YES\n"
                                 "For more information, please visit "
                                 "https://www.microsoft.com/aadjerrors\n"),
                   DSREG_ENOCAPTURE);
  assert_int_equal(dsreg_parser_lines(p), 4);
  dsreg_parser_free(p);
}

static uint32_t xorshift(uint32_t *x) {
  *x ^= *x << 13;
  *x ^= *x >> 17;
  *x ^= *x << 5;
  return *x;
}

/* Random text holds lines that start with '|'; outside a capture only a
 * boxed title or one dsregcmd prints may open one, so none does here. */
static void test_random_bytes(void **state) {
  (void)state;
  enum { N = 1 << 18 };
  unsigned char *in = malloc(N);
  assert_non_null(in);
  uint32_t x = 20250309u; /* fixed seed: failures reproduce */
  size_t pipes_at_line_start = 0;
  for (size_t i = 0; i < N; i++) {
    in[i] = (unsigned char)xorshift(&x);
    if (in[i] == '|' && i > 0 && (in[i - 1] == '\n' || in[i - 1] == '\r'))
      pipes_at_line_start++;
  }
  /* The seed does produce such lines, so the test means something. */
  assert_true(pipes_at_line_start > 0);
  dsreg_parser *p = dsreg_parser_new(no_capture, NULL);
  assert_int_equal(dsreg_parser_feed(p, in, N), DSREG_OK);
  assert_int_equal(dsreg_parser_finish(p), DSREG_ENOCAPTURE);
  unsigned long lines = dsreg_parser_lines(p);
  assert_true(lines > 1000);
  /* The same bytes in odd-sized chunks, then byte by byte. */
  dsreg_parser_reset(p);
  for (size_t at = 0; at < N; at += 333)
    assert_int_equal(dsreg_parser_feed(p, in + at, N - at < 333 ? N - at : 333),
                     DSREG_OK);
  assert_int_equal(dsreg_parser_finish(p), DSREG_ENOCAPTURE);
  assert_int_equal(dsreg_parser_lines(p), lines);
  dsreg_parser_reset(p);
  for (size_t i = 0; i < N; i++)
    assert_int_equal(dsreg_parser_feed(p, in + i, 1), DSREG_OK);
  assert_int_equal(dsreg_parser_finish(p), DSREG_ENOCAPTURE);
  assert_int_equal(dsreg_parser_lines(p), lines);
  dsreg_parser_free(p);
  free(in);
}

/* Which title lines may open a capture from outside one. */
static void test_what_opens_a_capture(void **state) {
  (void)state;
  recorder r = {0};
  dsreg_parser *p = dsreg_parser_new(record, &r);
  /* An unknown title without a box: prose, not a capture. */
  assert_int_equal(parse_text(p, "| not a section |\n  Key : value\n"),
                   DSREG_ENOCAPTURE);
  /* The same title in a box is one (unknown sections are kept). */
  dsreg_parser_reset(p);
  assert_int_equal(
      parse_text(p, "+-----+\n| Custom Section |\n+-----+\n  Key : value\n"),
      DSREG_OK);
  assert_int_equal(r.n, 1);
  assert_int_equal(r.caps[0].line, 1);
  assert_int_equal(r.caps[0].fields, 1);
  /* A title dsregcmd prints opens one even without its rules; a blank
   * line between rule and title keeps the box (corpus 04). */
  dsreg_parser_reset(p);
  r = (recorder){0};
  assert_int_equal(parse_text(p, "| User State |\n  NgcSet : NO\n"), DSREG_OK);
  assert_int_equal(r.n, 1);
  dsreg_parser_reset(p);
  r = (recorder){0};
  assert_int_equal(parse_text(p, "+-----+\n\n| Custom |\n  Key : v\n"),
                   DSREG_OK);
  assert_int_equal(r.n, 1);
  assert_int_equal(r.caps[0].line, 1);
  /* Any other line between the rule and the title breaks the box. */
  dsreg_parser_reset(p);
  assert_int_equal(parse_text(p, "+-----+\ntext\n| Custom |\n  Key : v\n"),
                   DSREG_ENOCAPTURE);
  dsreg_parser_free(p);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_multi_capture_log),
      cmocka_unit_test(test_split_at_second_device_state),
      cmocka_unit_test(test_split_end_line_does_not_overlap),
      cmocka_unit_test(test_log_stamp_is_no_console_wrap),
      cmocka_unit_test(test_box_right_after_footer),
      cmocka_unit_test(test_replacements_per_capture),
      cmocka_unit_test(test_other_boxes_do_not_split),
      cmocka_unit_test(test_callback_stops),
      cmocka_unit_test(test_reset_allows_reuse),
      cmocka_unit_test(test_finish_twice),
      cmocka_unit_test(test_invalid_arguments),
      cmocka_unit_test(test_out_of_memory_counting_repeats),
      cmocka_unit_test(test_feed_null_with_zero_length),
      cmocka_unit_test(test_empty_input),
      cmocka_unit_test(test_random_bytes),
      cmocka_unit_test(test_what_opens_a_capture),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
