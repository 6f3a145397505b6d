/*
 * test_fields.c - typed values (src/values.c), the field table and its key
 * index (src/fields.c, dsreg/fields.h), and where known fields land in
 * dsreg_typed for the layouts of the corpus.
 *
 * Expected epoch milliseconds were computed by hand (and checked with
 * Python's calendar.timegm), never with the code under test.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dsreg/fields.h"
#include "dsreg/parser.h"
#include "dsreg/report.h"
#include "internal.h"

/* ---- dsreg_value_parse ------------------------------------------------ */

typedef struct typed_case {
  dsreg_field field; /* the value points back at it */
  dsreg_value v;
  const char *why;
} typed_case;

static const dsreg_value *parse_as(typed_case *tc, dsreg_value_type type,
                                   const char *text) {
  memset(tc, 0, sizeof *tc);
  tc->field.key = "Key";
  tc->field.key_len = 3;
  tc->field.value = text;
  tc->field.value_len = strlen(text);
  tc->field.known = -1;
  /* Poison the output: every member must be set by the parser. */
  memset(&tc->v, 0x5A, sizeof tc->v);
  dsreg_value_parse(&tc->v, &tc->field, type, &tc->why);
  assert_ptr_equal(tc->v.field, &tc->field);
  return &tc->v;
}

static void assert_ok(const typed_case *tc) {
  assert_int_equal(tc->v.state, DSREG_VALUE_OK);
  assert_null(tc->why);
}

/* An invalid value keeps its text and gets a reason, with every typed
 * member cleared. */
static void assert_invalid(const typed_case *tc, const char *why) {
  assert_int_equal(tc->v.state, DSREG_VALUE_INVALID);
  assert_non_null(tc->why);
  assert_string_equal(tc->why, why);
  assert_int_equal(tc->v.flag, DSREG_FLAG_NONE);
  assert_int_equal(tc->v.test, DSREG_TEST_NONE);
  assert_false(tc->v.has_code);
  assert_int_equal(tc->v.code, 0);
  assert_int_equal(tc->v.time_ms, 0);
  assert_string_equal(dsreg_value_text(&tc->v), tc->field.value);
}

static void assert_flag(const char *text, dsreg_flag flag) {
  typed_case tc;
  parse_as(&tc, DSREG_TYPE_FLAG, text);
  assert_ok(&tc);
  assert_int_equal(tc.v.flag, flag);
  assert_false(tc.v.has_code);
}

static void test_flag_values(void **state) {
  (void)state;
  assert_flag("YES", DSREG_FLAG_YES);
  assert_flag("NO", DSREG_FLAG_NO);
  assert_flag("ERROR", DSREG_FLAG_ERROR);
  assert_flag("UNKNOWN", DSREG_FLAG_UNKNOWN);
  assert_flag("NOT SET", DSREG_FLAG_NOT_SET);
  assert_flag("INVALID", DSREG_FLAG_INVALID);
  assert_flag("NONE", DSREG_FLAG_NONE_TEXT);
  assert_flag("Managed by MDM", DSREG_FLAG_MANAGED);

  typed_case tc;
  /* WamDefaultSet : ERROR (0xd0020017) */
  parse_as(&tc, DSREG_TYPE_FLAG, "ERROR (0xd0020017)");
  assert_ok(&tc);
  assert_int_equal(tc.v.flag, DSREG_FLAG_ERROR);
  assert_true(tc.v.has_code);
  assert_int_equal(tc.v.code, 0xd0020017u);

  /* dsreg_value_yes / _no read only real YES / NO. */
  parse_as(&tc, DSREG_TYPE_FLAG, "YES");
  assert_true(dsreg_value_yes(&tc.v));
  assert_false(dsreg_value_no(&tc.v));
  parse_as(&tc, DSREG_TYPE_FLAG, "NO");
  assert_true(dsreg_value_no(&tc.v));
  assert_false(dsreg_value_yes(&tc.v));

  parse_as(&tc, DSREG_TYPE_FLAG, "MAYBE");
  assert_invalid(&tc, "not YES or NO");
  assert_false(dsreg_value_yes(&tc.v));
  assert_false(dsreg_value_no(&tc.v));
  assert_true(dsreg_value_present(&tc.v));
  parse_as(&tc, DSREG_TYPE_FLAG, "ERROR (0xzz)");
  assert_invalid(&tc, "not YES or NO");
  parse_as(&tc, DSREG_TYPE_FLAG, "ERROR (0xd0020017");
  assert_invalid(&tc, "not YES or NO");
  parse_as(&tc, DSREG_TYPE_FLAG, "YES!");
  assert_invalid(&tc, "not YES or NO");
}

/* Spellings of flags seen in tickets and forum posts (docs/format.md §7). */
static void test_flag_spellings(void **state) {
  (void)state;
  assert_flag("yes", DSREG_FLAG_YES);
  assert_flag("Yes", DSREG_FLAG_YES);
  assert_flag("no", DSREG_FLAG_NO);
  assert_flag("nO", DSREG_FLAG_NO);
  assert_flag("Not Set", DSREG_FLAG_NOT_SET);
  assert_flag("managed by mdm", DSREG_FLAG_MANAGED);

  static const char *const with_code[] = {
      "ERROR 0xd0020017",     "ERROR  0xd0020017", "error (0xd0020017)",
      "Error 0Xd0020017",     "ERROR(0xd0020017)", "ERROR (0XD0020017)",
      "ERROR   (0xd0020017)",
  };
  for (size_t i = 0; i < sizeof with_code / sizeof with_code[0]; i++) {
    typed_case tc;
    parse_as(&tc, DSREG_TYPE_FLAG, with_code[i]);
    assert_ok(&tc);
    assert_int_equal(tc.v.flag, DSREG_FLAG_ERROR);
    assert_true(tc.v.has_code);
    assert_int_equal(tc.v.code, 0xd0020017u);
  }
  static const char *const still_invalid[] = {
      "ERROR0xd0020017",   "ERROR 0x",
      "ERROR 0xd00200170", "ERROR d0020017",
      "ERROR (0xd0020017", "ERROR 0xd0020017)",
      "ERROR ()",          "ERRORS",
  };
  for (size_t i = 0; i < sizeof still_invalid / sizeof still_invalid[0]; i++) {
    typed_case tc;
    parse_as(&tc, DSREG_TYPE_FLAG, still_invalid[i]);
    assert_invalid(&tc, "not YES or NO");
  }
}

static void test_guid_values(void **state) {
  (void)state;
  typed_case tc;
  parse_as(&tc, DSREG_TYPE_GUID, "6e4cbe68-588b-499c-8c04-dcfff140a1ca");
  assert_ok(&tc);
  parse_as(&tc, DSREG_TYPE_GUID, "{B16898C6-A148-4967-9171-64D755DA8520}");
  assert_ok(&tc);
  /* The documentation's "{ GUID }" spacing (corpus 15). */
  parse_as(&tc, DSREG_TYPE_GUID, "{ B16898C6-A148-4967-9171-64D755DA8520 }");
  assert_ok(&tc);

  /* Redacted and truncated (corpus 03, 10), a non-hex digit, a misplaced
   * dash, an unbalanced brace. */
  parse_as(&tc, DSREG_TYPE_GUID, "94300356f6eaf797");
  assert_invalid(&tc, "not a GUID");
  parse_as(&tc, DSREG_TYPE_GUID, "[GUID]");
  assert_invalid(&tc, "not a GUID");
  parse_as(&tc, DSREG_TYPE_GUID, "6e4cbe68-588b-499c-8c04-dcfff140a1cg");
  assert_invalid(&tc, "not a GUID");
  parse_as(&tc, DSREG_TYPE_GUID, "6e4cbe68588b-499c-8c04--dcfff140a1ca");
  assert_invalid(&tc, "not a GUID");
  parse_as(&tc, DSREG_TYPE_GUID, "{6e4cbe68-588b-499c-8c04-dcfff140a1ca");
  assert_invalid(&tc, "not a GUID");
}

static void test_thumbprint_values(void **state) {
  (void)state;
  typed_case tc;
  parse_as(&tc, DSREG_TYPE_THUMBPRINT,
           "0BF36D245A124205D42B7FBCA6B6AB65A5B06A3C");
  assert_ok(&tc);
  parse_as(&tc, DSREG_TYPE_THUMBPRINT,
           "0bf36d245a124205d42b7fbca6b6ab65a5b06a3c");
  assert_ok(&tc);
  /* Truncated (corpus 03), 41 digits, a non-hex digit. */
  parse_as(&tc, DSREG_TYPE_THUMBPRINT, "74EE90DF3B9031E5DE85");
  assert_invalid(&tc, "not a 40-digit thumbprint");
  parse_as(&tc, DSREG_TYPE_THUMBPRINT,
           "0BF36D245A124205D42B7FBCA6B6AB65A5B06A3C0");
  assert_invalid(&tc, "not a 40-digit thumbprint");
  parse_as(&tc, DSREG_TYPE_THUMBPRINT,
           "0BF36D245A124205D42B7FBCA6B6AB65A5B06A3G");
  assert_invalid(&tc, "not a 40-digit thumbprint");
}

static void assert_time(const char *text, int64_t ms) {
  typed_case tc;
  parse_as(&tc, DSREG_TYPE_TIME, text);
  assert_ok(&tc);
  assert_int_equal(tc.v.time_ms, ms);
}

static void assert_bad_time(const char *text) {
  typed_case tc;
  parse_as(&tc, DSREG_TYPE_TIME, text);
  assert_invalid(&tc, "not a YYYY-MM-DD hh:mm:ss UTC time");
}

static void test_time_values(void **state) {
  (void)state;
  assert_time("2025-03-09 11:00:27.000 UTC", 1741518027000);
  /* Real milliseconds of a PRT attempt (corpus 14). */
  assert_time("2020-07-18 20:10:33.789 UTC", 1595103033789);
  /* Without milliseconds, and with fewer or more than three digits. */
  assert_time("2020-07-18 20:10:33 UTC", 1595103033000);
  assert_time("2020-07-18 20:10:33.7 UTC", 1595103033700);
  assert_time("2020-07-18 20:10:33.7891 UTC", 1595103033789);
  /* The epoch, a leap day, the end of a year, before the epoch. */
  assert_time("1970-01-01 00:00:00.000 UTC", 0);
  assert_time("2024-02-29 12:00:00.000 UTC", 1709208000000);
  assert_time("2000-02-29 00:00:00.000 UTC", 951782400000);
  assert_time("2024-12-31 23:59:59.999 UTC", 1735689599999);
  assert_time("1969-12-31 23:59:59.999 UTC", -1);

  assert_bad_time("[Date] UTC");
  assert_bad_time("2024-02-30 00:00:00.000 UTC");
  assert_bad_time("2024-04-31 00:00:00.000 UTC");
  assert_bad_time("2025-13-01 00:00:00.000 UTC");
  assert_bad_time("2025-00-01 00:00:00.000 UTC");
  assert_bad_time("2025-03-00 00:00:00.000 UTC");
  assert_bad_time("2025-03-09 24:00:00.000 UTC");
  assert_bad_time("2025-03-09 11:60:00.000 UTC");
  assert_bad_time("2025-03-09 11:00:27.000");
  assert_bad_time("2025-03-09 11:00:27.000 GMT");
  assert_bad_time("2025-03-09 11:00:27. UTC");
  assert_bad_time("2025-03-09T11:00:27.000Z");
  assert_bad_time("2025-3-9 11:00:27.000 UTC");
}

static void test_time_nonexistent_leap_day(void **state) {
  (void)state;
  /* Regression test (was a bug, fixed): dsreg_parse_time checks the day against
   * a month table that always gives February 29 days, so February 29 of a
   * common year is accepted and silently becomes March 1: "2023-02-29
   * 00:00:00.000 UTC" parses as DSREG_VALUE_OK with time_ms 1677628800000
   * (2023-03-01T00:00:00Z) instead of DSREG_VALUE_INVALID.  Same for 1900-02-29
   * (century rule). */
  assert_bad_time("2023-02-29 00:00:00.000 UTC");
  assert_bad_time("1900-02-29 00:00:00.000 UTC");
}

/* The years 0001-9999 only: what four-digit ISO 8601 years carry. */
static void test_time_range(void **state) {
  (void)state;
  typed_case tc;
  assert_time("0001-01-01 00:00:00.000 UTC", DSREG_TIME_MIN_MS);
  assert_time("9999-12-31 23:59:59.999 UTC", DSREG_TIME_MAX_MS);
  int64_t ms = 42;
  assert_int_equal(dsreg_parse_time("0000-12-31 23:59:59.999 UTC", 27, &ms),
                   -2);
  assert_int_equal(ms, 42);
  /* No leap second: it rolled 9999-12-31 over into the year 10000. */
  assert_int_equal(dsreg_parse_time("9999-12-31 23:59:60.000 UTC", 27, &ms),
                   -1);
  assert_int_equal(dsreg_parse_time("2016-12-31 23:59:60.000 UTC", 27, &ms),
                   -1);
  assert_int_equal(ms, 42);
  parse_as(&tc, DSREG_TYPE_TIME, "0000-01-01 00:00:00.000 UTC");
  assert_invalid(&tc, "a time outside the years 0001 to 9999");
  parse_as(&tc, DSREG_TYPE_TIME, "9999-12-31 23:59:60.000 UTC");
  assert_invalid(&tc, "not a YYYY-MM-DD hh:mm:ss UTC time");
  parse_as(&tc, DSREG_TYPE_VALIDITY,
           "[ 0000-03-09 10:23:00.000 UTC -- 2035-03-09 11:53:00.000 UTC ]");
  assert_invalid(&tc, "a time outside the years 0001 to 9999");
  parse_as(&tc, DSREG_TYPE_VALIDITY,
           "[ 0001-01-01 00:00:00.000 UTC -- 9999-12-31 23:59:59.999 UTC ]");
  assert_ok(&tc);
  assert_int_equal(tc.v.time_ms, DSREG_TIME_MIN_MS);
  assert_int_equal(tc.v.end_ms, DSREG_TIME_MAX_MS);
}

static void test_validity_values(void **state) {
  (void)state;
  typed_case tc;
  parse_as(&tc, DSREG_TYPE_VALIDITY,
           "[ 2025-03-09 10:23:00.000 UTC -- 2035-03-09 11:53:00.000 UTC ]");
  assert_ok(&tc);
  assert_int_equal(tc.v.time_ms, 1741515780000);
  assert_int_equal(tc.v.end_ms, 2057053980000);
  /* Without the inner spaces. */
  parse_as(&tc, DSREG_TYPE_VALIDITY,
           "[2014-06-01 10:05:21.000 UTC -- 2024-06-01 10:35:21.000 UTC]");
  assert_ok(&tc);
  assert_int_equal(tc.v.time_ms, 1401617121000);
  assert_int_equal(tc.v.end_ms, 1717238121000);

  parse_as(&tc, DSREG_TYPE_VALIDITY, "[ 2025-03-09 10:23:00.000 UTC ]");
  assert_invalid(&tc, "not a [ from -- to ] range");
  parse_as(&tc, DSREG_TYPE_VALIDITY,
           "2025-03-09 10:23:00.000 UTC -- 2035-03-09 11:53:00.000 UTC");
  assert_invalid(&tc, "not a [ from -- to ] range");
  /* One hyphen, an en dash or an em dash instead of " -- ". */
  static const char *const seps[] = {" - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ",
                                     "  --  "};
  for (size_t i = 0; i < sizeof seps / sizeof seps[0]; i++) {
    char text[128];
    snprintf(text, sizeof text,
             "[ 2025-05-24 10:00:00.000 UTC%s2035-05-24 "
             "10:00:00.000 UTC ]",
             seps[i]);
    parse_as(&tc, DSREG_TYPE_VALIDITY, text);
    assert_ok(&tc);
    assert_int_equal(tc.v.time_ms, 1748080800000);
    assert_int_equal(tc.v.end_ms, 2063613600000);
  }
  parse_as(&tc, DSREG_TYPE_VALIDITY,
           "[ 2025-05-24 10:00:00.000 UTC-2035-05-24 10:00:00.000 UTC ]");
  assert_invalid(&tc, "not a [ from -- to ] range");
  parse_as(&tc, DSREG_TYPE_VALIDITY, "[ [Date] UTC -- [Date] UTC ]");
  assert_invalid(&tc, "dates of the range do not parse");
  assert_int_equal(tc.v.end_ms, 0);
  parse_as(&tc, DSREG_TYPE_VALIDITY,
           "[ 2025-03-09 10:23:00.000 UTC -- 2035-02-30 11:53:00.000 UTC ]");
  assert_invalid(&tc, "dates of the range do not parse");
}

static void test_hex_values(void **state) {
  (void)state;
  typed_case tc;
  parse_as(&tc, DSREG_TYPE_HEX, "0x801c001d");
  assert_ok(&tc);
  assert_true(tc.v.has_code);
  assert_int_equal(tc.v.code, 0x801c001du);
  /* Not zero-padded (HTTP Error : 0x0) and upper case (WHfB docs). */
  parse_as(&tc, DSREG_TYPE_HEX, "0x0");
  assert_ok(&tc);
  assert_true(tc.v.has_code);
  assert_int_equal(tc.v.code, 0);
  parse_as(&tc, DSREG_TYPE_HEX, "0X801C03ED");
  assert_ok(&tc);
  assert_int_equal(tc.v.code, 0x801c03edu);

  parse_as(&tc, DSREG_TYPE_HEX, "0x123456789");
  assert_invalid(&tc, "not a 0x error code");
  parse_as(&tc, DSREG_TYPE_HEX, "801c001d");
  assert_invalid(&tc, "not a 0x error code");
  parse_as(&tc, DSREG_TYPE_HEX, "0x");
  assert_invalid(&tc, "not a 0x error code");
  parse_as(&tc, DSREG_TYPE_HEX, "0x801c001g");
  assert_invalid(&tc, "not a 0x error code");
}

static void test_test_values(void **state) {
  (void)state;
  typed_case tc;
  parse_as(&tc, DSREG_TYPE_TEST, "PASS");
  assert_ok(&tc);
  assert_int_equal(tc.v.test, DSREG_TEST_PASS);
  parse_as(&tc, DSREG_TYPE_TEST, "PASSED");
  assert_ok(&tc);
  assert_int_equal(tc.v.test, DSREG_TEST_PASS);
  parse_as(&tc, DSREG_TYPE_TEST, "SKIPPED");
  assert_ok(&tc);
  assert_int_equal(tc.v.test, DSREG_TEST_SKIPPED);
  assert_false(tc.v.has_code);

  parse_as(&tc, DSREG_TYPE_TEST, "FAIL [0x80070002]");
  assert_ok(&tc);
  assert_int_equal(tc.v.test, DSREG_TEST_FAIL);
  assert_true(tc.v.has_code);
  assert_int_equal(tc.v.code, 0x80070002u);
  assert_false(tc.v.has_sub_code);

  parse_as(&tc, DSREG_TYPE_TEST, "FAIL [0x801c0021/0x80072ee2]");
  assert_ok(&tc);
  assert_int_equal(tc.v.test, DSREG_TEST_FAIL);
  assert_true(tc.v.has_code);
  assert_int_equal(tc.v.code, 0x801c0021u);
  assert_true(tc.v.has_sub_code);
  assert_int_equal(tc.v.sub_code, 0x80072ee2u);

  parse_as(&tc, DSREG_TYPE_TEST, "FAIL");
  assert_ok(&tc);
  assert_int_equal(tc.v.test, DSREG_TEST_FAIL);
  assert_false(tc.v.has_code);

  parse_as(&tc, DSREG_TYPE_TEST, "FAIL 0x80070002");
  assert_invalid(&tc, "FAIL without a [code]");
  parse_as(&tc, DSREG_TYPE_TEST, "FAIL [oops]");
  assert_invalid(&tc, "FAIL with an unreadable code");
  parse_as(&tc, DSREG_TYPE_TEST, "FAIL [0x801c0021/zz]");
  assert_invalid(&tc, "FAIL with an unreadable sub-code");
  assert_false(tc.v.has_sub_code);
  parse_as(&tc, DSREG_TYPE_TEST, "PASSING");
  assert_invalid(&tc, "not PASS, FAIL or SKIPPED");

  /* Retyped in another case: the same words (docs/format.md §7). */
  parse_as(&tc, DSREG_TYPE_TEST, "pass");
  assert_ok(&tc);
  assert_int_equal(tc.v.test, DSREG_TEST_PASS);
  parse_as(&tc, DSREG_TYPE_TEST, "Passed");
  assert_ok(&tc);
  assert_int_equal(tc.v.test, DSREG_TEST_PASS);
  parse_as(&tc, DSREG_TYPE_TEST, "skipped");
  assert_ok(&tc);
  assert_int_equal(tc.v.test, DSREG_TEST_SKIPPED);
  parse_as(&tc, DSREG_TYPE_TEST, "Failed [0X80070002]");
  assert_ok(&tc);
  assert_int_equal(tc.v.test, DSREG_TEST_FAIL);
  assert_int_equal(tc.v.code, 0x80070002u);
}

static void test_int_values(void **state) {
  (void)state;
  typed_case tc;
  parse_as(&tc, DSREG_TYPE_INT, "400");
  assert_ok(&tc);
  assert_int_equal(tc.v.number, 400);
  parse_as(&tc, DSREG_TYPE_INT, "-5");
  assert_ok(&tc);
  assert_int_equal(tc.v.number, -5);
  parse_as(&tc, DSREG_TYPE_INT, "999999999999999999");
  assert_ok(&tc);
  assert_int_equal(tc.v.number, 999999999999999999LL);

  parse_as(&tc, DSREG_TYPE_INT, "4x");
  assert_invalid(&tc, "not a number");
  parse_as(&tc, DSREG_TYPE_INT, "-");
  assert_invalid(&tc, "not a number");
  /* 19 digits could overflow int64: refused rather than wrapped. */
  parse_as(&tc, DSREG_TYPE_INT, "9999999999999999999");
  assert_invalid(&tc, "not a number");
  assert_int_equal(tc.v.number, 0);
}

static void test_url_and_text_values(void **state) {
  (void)state;
  typed_case tc;
  parse_as(&tc, DSREG_TYPE_URL, "https://login.microsoftonline.com/x");
  assert_ok(&tc);
  /* Diagnostics Reference has no scheme; AzureAdPrtAuthority may be NO. */
  parse_as(&tc, DSREG_TYPE_URL, "www.microsoft.com/aadjerrors");
  assert_invalid(&tc, "not a URL");
  parse_as(&tc, DSREG_TYPE_URL, "NO");
  assert_invalid(&tc, "not a URL");
  parse_as(&tc, DSREG_TYPE_URL, "https://");
  assert_invalid(&tc, "not a URL");
  parse_as(&tc, DSREG_TYPE_TEXT, "anything at all: [x] {y}");
  assert_ok(&tc);
  assert_string_equal(dsreg_value_text(&tc.v), "anything at all: [x] {y}");
}

static void test_empty_value_for_every_type(void **state) {
  (void)state;
  for (int t = DSREG_TYPE_TEXT; t <= DSREG_TYPE_INT; t++) {
    typed_case tc;
    parse_as(&tc, (dsreg_value_type)t, "");
    assert_int_equal(tc.v.state, DSREG_VALUE_EMPTY);
    assert_null(tc.why);
    assert_false(dsreg_value_present(&tc.v));
    assert_string_equal(dsreg_value_text(&tc.v), "");
  }
  /* An absent value (never parsed) reads as "" and not present. */
  dsreg_value absent;
  memset(&absent, 0, sizeof absent);
  assert_int_equal(absent.state, DSREG_VALUE_ABSENT);
  assert_false(dsreg_value_present(&absent));
  assert_string_equal(dsreg_value_text(&absent), "");
  assert_false(dsreg_value_present(NULL));
  assert_string_equal(dsreg_value_text(NULL), "");
}

static void test_value_type_names(void **state) {
  (void)state;
  static const char *const names[] = {"text", "flag",     "guid", "thumbprint",
                                      "time", "validity", "url",  "hex",
                                      "test", "int"};
  for (int t = DSREG_TYPE_TEXT; t <= DSREG_TYPE_INT; t++)
    assert_string_equal(dsreg_value_type_name((dsreg_value_type)t), names[t]);
}

/* ---- dsreg_format_time ------------------------------------------------ */

static void test_format_time(void **state) {
  (void)state;
  char buf[32];
  assert_string_equal(dsreg_format_time(1741515780000, buf, sizeof buf),
                      "2025-03-09T10:23:00.000Z");
  assert_string_equal(dsreg_format_time(1595103033789, buf, sizeof buf),
                      "2020-07-18T20:10:33.789Z");
  assert_string_equal(dsreg_format_time(0, buf, sizeof buf),
                      "1970-01-01T00:00:00.000Z");
  assert_string_equal(dsreg_format_time(-1, buf, sizeof buf),
                      "1969-12-31T23:59:59.999Z");
  assert_string_equal(dsreg_format_time(951782400000, buf, sizeof buf),
                      "2000-02-29T00:00:00.000Z");
  /* The result is the buffer. */
  assert_ptr_equal(dsreg_format_time(0, buf, sizeof buf), buf);
  /* The ends of the range, and past them the nearest end: never a fifth
   * year digit, never -INT64_MIN. */
  assert_string_equal(dsreg_format_time(DSREG_TIME_MIN_MS, buf, sizeof buf),
                      "0001-01-01T00:00:00.000Z");
  assert_string_equal(dsreg_format_time(DSREG_TIME_MAX_MS, buf, sizeof buf),
                      "9999-12-31T23:59:59.999Z");
  assert_string_equal(dsreg_format_time(DSREG_TIME_MAX_MS + 1, buf, sizeof buf),
                      "9999-12-31T23:59:59.999Z");
  assert_string_equal(dsreg_format_time(INT64_MAX, buf, sizeof buf),
                      "9999-12-31T23:59:59.999Z");
  assert_string_equal(dsreg_format_time(DSREG_TIME_MIN_MS - 1, buf, sizeof buf),
                      "0001-01-01T00:00:00.000Z");
  assert_string_equal(dsreg_format_time(INT64_MIN, buf, sizeof buf),
                      "0001-01-01T00:00:00.000Z");
  /* A small buffer gets a terminated prefix. */
  assert_string_equal(dsreg_format_time(0, buf, 5), "1970");
}

/* format -> parse -> the same ms, over four centuries and both sides of
 * the epoch. */
static void test_format_time_round_trip(void **state) {
  (void)state;
  int64_t ms = -2208988800000;        /* 1900-01-01 */
  const int64_t end = 10413792000000; /* 2300-01-01 */
  uint32_t x = 12345;
  while (ms < end) {
    char out[32], in[40];
    dsreg_format_time(ms, out, sizeof out);
    assert_int_equal(strlen(out), 24);
    /* "YYYY-MM-DDThh:mm:ss.fffZ" -> "YYYY-MM-DD hh:mm:ss.fff UTC" */
    snprintf(in, sizeof in, "%.10s %.12s UTC", out, out + 11);
    int64_t back = 0;
    assert_int_equal(dsreg_parse_time(in, strlen(in), &back), 0);
    assert_int_equal(back, ms);
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    ms += 86400000LL * 17 + (int64_t)(x % 86400000u);
  }
}

/* ---- the field table -------------------------------------------------- */

static void test_field_table_rows(void **state) {
  (void)state;
  size_t n = dsreg_field_def_count();
  assert_true(n > 100);
  assert_null(dsreg_field_def_at(n));
  for (size_t i = 0; i < n; i++) {
    const dsreg_field_def *d = dsreg_field_def_at(i);
    assert_non_null(d);
    assert_non_null(d->key);
    assert_non_null(d->member);
    assert_non_null(d->doc);
    assert_true(strlen(d->key) > 0);
    assert_true(strlen(d->member) > 0);
    assert_true(strlen(d->doc) > 0);
    assert_true(d->section > DSREG_SECTION_UNKNOWN &&
                d->section < DSREG_SECTION_KIND_COUNT);
    assert_true(d->type >= DSREG_TYPE_TEXT && d->type <= DSREG_TYPE_INT);
    /* An alias shares the member of an earlier real row; other rows never
     * share one, or two keys would overwrite each other's value. */
    int shared = 0;
    for (size_t j = 0; j < i; j++) {
      const dsreg_field_def *e = dsreg_field_def_at(j);
      int same_space = (d->section == DSREG_SECTION_WORK_ACCOUNT) ==
                       (e->section == DSREG_SECTION_WORK_ACCOUNT);
      if (same_space && e->offset == d->offset) {
        assert_string_equal(e->member, d->member);
        assert_int_equal(e->type, d->type);
        assert_false(e->is_alias);
        shared = 1;
      }
    }
    assert_int_equal(shared, d->is_alias);
  }
}

static void test_field_def_value(void **state) {
  (void)state;
  dsreg_typed typed;
  dsreg_work_account acct;
  size_t n = dsreg_field_def_count();
  for (size_t i = 0; i < n; i++) {
    const dsreg_field_def *d = dsreg_field_def_at(i);
    const dsreg_value *v = dsreg_field_def_value(d, &typed, &acct);
    if (d->section == DSREG_SECTION_WORK_ACCOUNT) {
      assert_ptr_equal(v, (const char *)&acct + d->offset);
      assert_null(dsreg_field_def_value(d, &typed, NULL));
    } else {
      assert_ptr_equal(v, (const char *)&typed + d->offset);
      assert_true(d->offset + sizeof(dsreg_value) <= sizeof typed);
    }
  }
  assert_null(dsreg_field_def_value(NULL, &typed, &acct));
  /* Spot checks that offsets and member names agree. */
  const dsreg_field_def *d = dsreg_field_def_at(0);
  assert_string_equal(d->key, "AzureAdJoined");
  assert_string_equal(d->member, "device_state.azure_ad_joined");
  assert_ptr_equal(dsreg_field_def_value(d, &typed, NULL),
                   &typed.device_state.azure_ad_joined);
}

static void test_section_titles(void **state) {
  (void)state;
  for (int k = 1; k < DSREG_SECTION_KIND_COUNT; k++) {
    const char *t = dsreg_section_kind_title((dsreg_section_kind)k);
    assert_true(strlen(t) > 0);
    if (k == DSREG_SECTION_WORK_ACCOUNT)
      continue;
    unsigned ord = 99;
    assert_int_equal(dsreg_section_kind_of(t, strlen(t), &ord), k);
    assert_int_equal(ord, 0);
  }
  assert_string_equal(dsreg_section_kind_title(DSREG_SECTION_UNKNOWN), "");
  assert_string_equal(dsreg_section_kind_title(DSREG_SECTION_KIND_COUNT), "");
  assert_string_equal(dsreg_section_kind_title(DSREG_SECTION_WORK_ACCOUNT),
                      "Work Account");

  unsigned ord = 0;
  assert_int_equal(dsreg_section_kind_of("Work Account 3", 14, &ord),
                   DSREG_SECTION_WORK_ACCOUNT);
  assert_int_equal(ord, 3);
  assert_int_equal(dsreg_section_kind_of("device state", 12, &ord),
                   DSREG_SECTION_DEVICE_STATE);
  assert_int_equal(ord, 0);
  assert_int_equal(dsreg_section_kind_of("Work Account", 12, &ord),
                   DSREG_SECTION_UNKNOWN);
  assert_int_equal(dsreg_section_kind_of("Work Account x", 14, &ord),
                   DSREG_SECTION_UNKNOWN);
  assert_int_equal(dsreg_section_kind_of("Device Stat", 11, NULL),
                   DSREG_SECTION_UNKNOWN);
  /* Only `len` bytes count. */
  assert_int_equal(dsreg_section_kind_of("SSO Statex", 9, NULL),
                   DSREG_SECTION_SSO_STATE);
}

/* ---- the key index ---------------------------------------------------- */

static const char *member_found(const dsreg_field_index *ix, const char *key,
                                dsreg_section_kind kind) {
  int row = dsreg_field_index_find(ix, key, strlen(key), kind);
  if (row < 0)
    return "(none)";
  return dsreg_field_def_at((size_t)row)->member;
}

static void test_field_index(void **state) {
  (void)state;
  dsreg_field_index *ix = malloc(sizeof *ix);
  assert_non_null(ix);
  dsreg_field_index_build(ix);
  /* The home section wins. */
  assert_string_equal(member_found(ix, "OnPremTgt", DSREG_SECTION_SSO_STATE),
                      "sso_state.on_prem_tgt");
  assert_string_equal(member_found(ix, "OnPremTGT", DSREG_SECTION_NGC),
                      "ngc.on_prem_tgt");
  assert_string_equal(
      member_found(ix, "DeviceCertificateValidity", DSREG_SECTION_WORK_ACCOUNT),
      "device_certificate_validity");
  assert_string_equal(member_found(ix, "DeviceCertificateValidity",
                                   DSREG_SECTION_DEVICE_DETAILS),
                      "device_details.device_certificate_validity");
  assert_string_equal(
      member_found(ix, "Auto Detect Settings", DSREG_SECTION_IE_PROXY_SYSTEM),
      "ie_proxy_system.auto_detect_settings");
  /* Elsewhere, the key's first row: pre-1809 tenant fields under Device
   * State, a Diagnostic Data key under URL Specific Proxy Config. */
  assert_string_equal(member_found(ix, "TenantId", DSREG_SECTION_DEVICE_STATE),
                      "tenant_details.tenant_id");
  assert_string_equal(
      member_found(ix, "Executing Account Name", DSREG_SECTION_URL_PROXY),
      "diagnostic_data.executing_account_name");
  assert_string_equal(member_found(ix, "NgcSet", DSREG_SECTION_UNKNOWN),
                      "user_state.ngc_set");
  /* Case, spaces and punctuation are ignored; the alias row maps too. */
  assert_string_equal(
      member_found(ix, "token acquisition test", DSREG_SECTION_DIAGNOSTIC_DATA),
      "diagnostic_data.token_acquisition_test");
  assert_string_equal(
      member_found(ix, "AutoConfiguration-URL", DSREG_SECTION_IE_PROXY_USER),
      "ie_proxy_user.auto_configuration_url");
  assert_string_equal(
      member_found(ix, "dmComplianceUrl", DSREG_SECTION_DEVICE_STATE),
      "tenant_details.mdm_compliance_url");
  int alias = dsreg_field_index_find(ix, "dmComplianceUrl", 15,
                                     DSREG_SECTION_TENANT_DETAILS);
  assert_true(alias >= 0);
  assert_true(dsreg_field_def_at((size_t)alias)->is_alias);
  /* Unknown keys. */
  assert_string_equal(member_found(ix, "Bogus", DSREG_SECTION_DEVICE_STATE),
                      "(none)");
  assert_string_equal(member_found(ix, "", DSREG_SECTION_DEVICE_STATE),
                      "(none)");
  assert_string_equal(member_found(ix, ": -", DSREG_SECTION_DEVICE_STATE),
                      "(none)");
  char longkey[200];
  memset(longkey, 'a', sizeof longkey - 1);
  longkey[sizeof longkey - 1] = '\0';
  assert_string_equal(member_found(ix, longkey, DSREG_SECTION_DEVICE_STATE),
                      "(none)");
  /* Every row is found from its own key in its own section, except the
   * enterprise PRT's diagnostics rows: their keys find the Entra block's
   * rows, and the parser moves to the twin after EnterprisePrt. */
  for (size_t i = 0; i < dsreg_field_def_count(); i++) {
    const dsreg_field_def *d = dsreg_field_def_at(i);
    if (d->prt == DSREG_PRT_ENTERPRISE) {
      int twin = dsreg_field_prt_twin(i, DSREG_PRT_AZURE);
      assert_true(twin >= 0);
      assert_string_equal(member_found(ix, d->key, d->section),
                          dsreg_field_def_at((size_t)twin)->member);
      assert_int_equal(dsreg_field_prt_twin((size_t)twin, DSREG_PRT_ENTERPRISE),
                       (int)i);
    } else {
      assert_string_equal(member_found(ix, d->key, d->section), d->member);
    }
  }
  free(ix);
}

/* The structs come from the lists of dsreg/fields.def; the table from the
 * same lists.  Every dsreg_value member of dsreg_typed and of
 * dsreg_work_account has exactly one row that is not an alias, at its
 * offset, and every alias row names a member that has one. */
static void test_every_member_one_row(void **state) {
  (void)state;
  const size_t typed_slots =
      offsetof(dsreg_typed, work_accounts) / sizeof(dsreg_value);
  const size_t first = offsetof(dsreg_work_account, workplace_device_id);
  const size_t account_slots =
      (sizeof(dsreg_work_account) - first) / sizeof(dsreg_value);
  unsigned char typed_rows[256] = {0}, account_rows[64] = {0};
  assert_true(typed_slots < sizeof typed_rows);
  assert_true(account_slots < sizeof account_rows);
  for (size_t i = 0; i < dsreg_field_def_count(); i++) {
    const dsreg_field_def *d = dsreg_field_def_at(i);
    bool account = d->section == DSREG_SECTION_WORK_ACCOUNT;
    size_t base = account ? first : 0;
    assert_true(d->offset >= base);
    assert_int_equal((d->offset - base) % sizeof(dsreg_value), 0);
    size_t slot = (d->offset - base) / sizeof(dsreg_value);
    assert_true(slot < (account ? account_slots : typed_slots));
    if (!d->is_alias)
      (account ? account_rows : typed_rows)[slot]++;
  }
  for (size_t s = 0; s < typed_slots; s++) {
    if (typed_rows[s] != 1)
      fail_msg("typed slot %zu has %u rows", s, typed_rows[s]);
  }
  for (size_t s = 0; s < account_slots; s++) {
    if (account_rows[s] != 1)
      fail_msg("work account slot %zu has %u rows", s, account_rows[s]);
  }
  /* The PRT diagnostics block is one list used twice. */
  assert_int_equal(offsetof(dsreg_prt_diag, server_error_description) /
                           sizeof(dsreg_value) +
                       1,
                   sizeof(dsreg_prt_diag) / sizeof(dsreg_value));
}

/* ---- where fields land, through the parser ---------------------------- */

typedef void (*capture_check)(const dsreg_capture *c);

static int run_check(const dsreg_capture *c, void *user) {
  (*(capture_check *)user)(c);
  return 0;
}

static void parse_bytes(const char *text, size_t n, capture_check check) {
  dsreg_parser *p = dsreg_parser_new(run_check, &check);
  assert_non_null(p);
  assert_int_equal(dsreg_parser_feed(p, text, n), DSREG_OK);
  assert_int_equal(dsreg_parser_finish(p), DSREG_OK);
  assert_int_equal(dsreg_parser_captures(p), 1);
  dsreg_parser_free(p);
}

static void parse_fixture(const char *rel, capture_check check) {
  char path[1024];
  snprintf(path, sizeof path, "%s/%s", DSREG_SOURCE_DIR, rel);
  FILE *f = fopen(path, "rb");
  assert_non_null(f);
  static char data[1 << 16];
  size_t n = fread(data, 1, sizeof data, f);
  assert_true(n > 0 && n < sizeof data);
  fclose(f);
  parse_bytes(data, n, check);
}

static void assert_text_value(const dsreg_value *v, dsreg_value_state st,
                              const char *text) {
  assert_int_equal(v->state, st);
  assert_string_equal(dsreg_value_text(v), text);
}

static const dsreg_field *field_at_line(const dsreg_capture *c,
                                        unsigned long line) {
  for (size_t i = 0; i < c->field_count; i++)
    if (c->fields[i].line == line)
      return &c->fields[i];
  fail_msg("no field on line %lu", line);
  return NULL;
}

static int has_note(const dsreg_capture *c, unsigned long line,
                    const char *message) {
  for (size_t i = 0; i < c->note_count; i++)
    if (c->notes[i].line == line && strcmp(c->notes[i].message, message) == 0)
      return 1;
  return 0;
}

static void check_pre1809(const dsreg_capture *c) {
  const dsreg_typed *t = &c->typed;
  /* Tenant and device fields printed under Device State. */
  assert_text_value(&t->tenant_details.tenant_id, DSREG_VALUE_OK,
                    "72f988bf-86f1-41af-91ab-2d7cd011db47");
  assert_int_equal(t->tenant_details.tenant_id.field->line, 16);
  assert_int_equal(c->sections[t->tenant_details.tenant_id.field->section].kind,
                   DSREG_SECTION_DEVICE_STATE);
  assert_text_value(&t->tenant_details.tenant_name, DSREG_VALUE_OK,
                    "Microsoft");
  assert_text_value(&t->device_details.device_id, DSREG_VALUE_OK,
                    "a926cbb6-f302-4978-83d4-57ea3c3769d8");
  assert_text_value(&t->device_details.thumbprint, DSREG_VALUE_OK,
                    "C0D030EEAA8F3145E2976E17A256ADF72220F253");
  assert_text_value(&t->diagnostic_data.key_sign_test, DSREG_VALUE_OK,
                    "PASSED");
  assert_true(dsreg_value_yes(&t->device_state.domain_joined));
  /* Workplace fields printed under User State become work account 0, whose
   * section is that User State. */
  assert_int_equal(t->work_account_count, 1);
  const dsreg_work_account *a = &t->work_accounts[0];
  assert_int_equal(c->sections[a->section].kind, DSREG_SECTION_USER_STATE);
  assert_text_value(&a->workplace_tenant_id, DSREG_VALUE_OK,
                    "72f988bf-86f1-41af-91ab-2d7cd011db47");
  assert_int_equal(a->workplace_tenant_id.field->line, 47);
  assert_text_value(&a->workplace_device_id, DSREG_VALUE_OK,
                    "a926cbb6-f302-4978-83d4-57ea3c3769d8");
  assert_text_value(&a->workplace_thumbprint, DSREG_VALUE_OK,
                    "C0D030EEAA8F3145E2976E17A256ADF72220F253");
  assert_text_value(&a->workplace_tenant_name, DSREG_VALUE_OK, "Microsoft");
  assert_text_value(&a->workplace_idp, DSREG_VALUE_OK, "login.windows.net");
  /* NgcSet of User State stays the user's, not the account's. */
  assert_true(dsreg_value_no(&t->user_state.ngc_set));
  assert_int_equal(a->ngc_set.state, DSREG_VALUE_ABSENT);
  /* PRT fields printed in User State (no SSO State in 1803). */
  assert_true(dsreg_value_no(&t->sso_state.azure_ad_prt));
  assert_text_value(&t->sso_state.azure_ad_prt_authority, DSREG_VALUE_OK, "NO");
  /* 1803 NGC fields. */
  assert_true(dsreg_value_yes(&t->ngc.scep_ready));
  assert_true(dsreg_value_no(&t->ngc.aad_recovery_needed));
}

static void test_pre1809_layout(void **state) {
  (void)state;
  parse_fixture(
      "fixtures/corpus/08_oldformat_1803_domainjoined_plus_workplacejoined.txt",
      check_pre1809);
}

static void check_work_accounts(const dsreg_capture *c) {
  const dsreg_typed *t = &c->typed;
  assert_int_equal(t->work_account_count, 2);
  const dsreg_work_account *a = &t->work_accounts[0], *b = &t->work_accounts[1];
  assert_int_equal(c->sections[a->section].ordinal, 1);
  assert_int_equal(c->sections[b->section].ordinal, 2);
  assert_text_value(&a->workplace_tenant_name, DSREG_VALUE_OK, "Contoso Ltd");
  assert_text_value(&b->workplace_tenant_name, DSREG_VALUE_OK, "Fabrikam");
  assert_text_value(&a->workplace_tenant_id, DSREG_VALUE_OK,
                    "086be9eb-117d-4dc3-a573-ac674ccabb08");
  assert_text_value(&b->workplace_tenant_id, DSREG_VALUE_OK,
                    "719ba87a-430b-4a85-8cbc-0c99016e16ce");
  assert_text_value(&a->workplace_device_id, DSREG_VALUE_OK,
                    "daa7a9ba-3e59-4630-8072-f7865563f6bf");
  assert_text_value(&b->workplace_thumbprint, DSREG_VALUE_OK,
                    "030F12812200CA68D01A329D5DEA948237AE49C3");
  assert_text_value(&a->workplace_mdm_url, DSREG_VALUE_OK,
                    "https://enrollment.manage.microsoft.com/enrollmentserver/"
                    "discovery.svc");
  assert_text_value(&b->workplace_mdm_url, DSREG_VALUE_EMPTY, "");
  assert_int_equal(a->device_certificate_validity.time_ms, 1741007147000);
  assert_int_equal(a->device_certificate_validity.end_ms, 2056541747000);
  assert_int_equal(b->device_certificate_validity.time_ms, 1741020019000);
  assert_int_equal(b->device_certificate_validity.end_ms, 2056554619000);
  assert_int_equal(a->ngc_set.field->line, 44);
  assert_int_equal(b->ngc_set.field->line, 60);
  /* Device Details was not printed: its validity stays absent. */
  assert_int_equal(t->device_details.device_certificate_validity.state,
                   DSREG_VALUE_ABSENT);
  /* The user's NgcSet is line 16, not overwritten by the accounts'. */
  assert_int_equal(t->user_state.ngc_set.field->line, 16);
  assert_int_equal(t->user_state.work_account_count.number, 2);
  /* Same keys in two sections are not "printed again". */
  assert_int_equal(c->note_count, 0);
  assert_int_equal(dsreg_join_type_of(c), DSREG_JOIN_REGISTERED);
}

static void test_work_account_sections(void **state) {
  (void)state;
  parse_fixture("fixtures/synthetic/entra_registered_only.txt",
                check_work_accounts);
}

static void check_ngc_vs_sso(const dsreg_capture *c) {
  const dsreg_typed *t = &c->typed;
  assert_true(dsreg_value_no(&t->sso_state.on_prem_tgt));
  assert_int_equal(t->sso_state.on_prem_tgt.field->line, 4);
  assert_true(dsreg_value_yes(&t->sso_state.cloud_tgt));
  assert_true(dsreg_value_yes(&t->ngc.on_prem_tgt));
  assert_int_equal(t->ngc.on_prem_tgt.field->line, 9);
  assert_true(dsreg_value_no(&t->ngc.cloud_tgt));
  assert_int_equal(c->note_count, 0);
}

static void test_ngc_and_sso_tgt_keys(void **state) {
  (void)state;
  /* One key once normalised, told apart by the section. */
  static const char text[] = "+-----+\n"
                             "| SSO State |\n"
                             "+-----+\n"
                             "                 OnPremTgt : NO\n"
                             "                  CloudTgt : YES\n"
                             "+-----+\n"
                             "| Ngc Prerequisite Check |\n"
                             "+-----+\n"
                             "                 OnPremTGT : YES\n"
                             "                  CloudTGT : NO\n";
  parse_bytes(text, sizeof text - 1, check_ngc_vs_sso);
}

static void check_enterprise_prt_diag(const dsreg_capture *c) {
  const dsreg_sso_state *s = &c->typed.sso_state;
  const dsreg_prt_diag *d = &s->enterprise_prt_diag;
  assert_text_value(&d->acquire, DSREG_VALUE_OK, "PRESENT");
  assert_int_equal(d->attempt_status.code, 0xc000006du);
  assert_int_equal(d->http_error.state, DSREG_VALUE_OK);
  assert_int_equal(d->http_error.code, 0);
  assert_int_equal(d->http_status.number, 400);
  assert_text_value(&d->server_error_code, DSREG_VALUE_OK, "invalid_grant");
  assert_text_value(&d->credential_type, DSREG_VALUE_OK, "Password");
  /* Redacted placeholders stay as text. */
  assert_text_value(&d->previous_attempt, DSREG_VALUE_INVALID, "[Date] UTC");
  assert_text_value(&d->correlation_id, DSREG_VALUE_INVALID, "[GUID]");
  assert_int_equal(
      strncmp(dsreg_value_text(&d->server_error_description), "MSIS9682: ", 10),
      0);
  assert_int_equal(d->server_error_description.field->prt,
                   DSREG_PRT_ENTERPRISE);
  /* Nothing of it in the Entra PRT block. */
  assert_int_equal(s->azure_prt_diag.acquire.state, DSREG_VALUE_ABSENT);
  assert_int_equal(s->azure_prt_diag.attempt_status.state, DSREG_VALUE_ABSENT);
  assert_int_equal(s->azure_prt_diag.server_error_description.state,
                   DSREG_VALUE_ABSENT);
  assert_true(dsreg_value_yes(&s->azure_ad_prt));
  assert_true(dsreg_value_no(&s->enterprise_prt));
}

static void test_prt_diag_after_enterprise_prt(void **state) {
  (void)state;
  parse_fixture("fixtures/corpus/"
                "10_hybrid_sso_state_enterprise_prt_failure_msis9682_fragment."
                "txt",
                check_enterprise_prt_diag);
}

static void check_azure_prt_diag(const dsreg_capture *c) {
  const dsreg_sso_state *s = &c->typed.sso_state;
  const dsreg_prt_diag *d = &s->azure_prt_diag;
  assert_text_value(&d->acquire, DSREG_VALUE_OK, "PRESENT");
  assert_int_equal(d->previous_attempt.time_ms, 1595103033789);
  assert_int_equal(d->attempt_status.code, 0xc000006du);
  assert_text_value(&d->user_identity, DSREG_VALUE_OK, "john@contoso.com");
  assert_text_value(&d->correlation_id, DSREG_VALUE_OK,
                    "aaaa0000-bb11-2222-33cc-444444dddddd");
  assert_text_value(&d->endpoint_uri, DSREG_VALUE_OK,
                    "https://login.microsoftonline.com/"
                    "aaaabbbb-0000-cccc-1111-dddd2222eeee/oauth2/token/");
  assert_int_equal(d->http_status.number, 400);
  assert_text_value(&d->server_error_description, DSREG_VALUE_OK,
                    "AADSTS50126: Error validating credentials due to invalid "
                    "username or password.");
  assert_int_equal(d->server_error_description.field->prt, DSREG_PRT_AZURE);
  assert_int_equal(s->enterprise_prt_diag.acquire.state, DSREG_VALUE_ABSENT);
  assert_int_equal(s->enterprise_prt_diag.previous_attempt.state,
                   DSREG_VALUE_ABSENT);
  /* The Enterprise PRT that follows the block keeps its own values. */
  assert_true(dsreg_value_yes(&s->enterprise_prt));
  assert_int_equal(s->enterprise_prt_update_time.time_ms, 1548357333000);
  assert_true(dsreg_value_yes(&s->on_prem_tgt));
}

static void test_prt_diag_after_azure_prt(void **state) {
  (void)state;
  parse_fixture("fixtures/corpus/"
                "14_docs_sso_state_prt_acquire_failure_aadsts50126_with_"
                "cloudtgt.txt",
                check_azure_prt_diag);
}

static void check_corpus05(const dsreg_capture *c) {
  const dsreg_typed *t = &c->typed;
  /* Executing Account Name printed inside URL Specific Proxy Config. */
  const dsreg_value *ean = &t->diagnostic_data.executing_account_name;
  assert_text_value(ean, DSREG_VALUE_OK,
                    "RCMLAB\\RCMLAB-WS2022-S$, RCMLAB-WS2022-S$@rcmlab.local");
  assert_int_equal(ean->field->line, 67);
  assert_int_equal(c->sections[ean->field->section].kind,
                   DSREG_SECTION_URL_PROXY);
  /* The console-wrapped PAC status is one value. */
  const dsreg_value *pac = &t->url_proxy.auto_detect_pac_status;
  assert_text_value(pac, DSREG_VALUE_OK,
                    "Failed to auto detect the Proxy Auto-Configuration (PAC) "
                    "script using WPAD. code: 0x80072f94");
  assert_int_equal(pac->field->line, 64);
  assert_int_equal(pac->field->flags, DSREG_FIELD_WRAPPED);
  assert_true(has_note(
      c, 65, "Auto Detect PAC Status continues on this line (console wrap)"));
  /* The continuation is no unparsed line, and nothing else is either: the
   * progress line and the line of spaces are tolerated. */
  assert_int_equal(c->unparsed_count, 0);
  /* The next field is untouched. */
  assert_int_equal(field_at_line(c, 67)->flags, 0);
  /* Pre-join diagnostics. */
  assert_int_equal(t->diagnostic_data.ad_configuration_test.test,
                   DSREG_TEST_FAIL);
  assert_int_equal(t->diagnostic_data.ad_configuration_test.code, 0x80070002u);
  assert_int_equal(t->diagnostic_data.drs_discovery_test.test,
                   DSREG_TEST_SKIPPED);
  assert_int_equal(t->diagnostic_data.client_error_code.code, 0x801c001du);
  /* `Key : ` with a trailing space is empty, in both IE proxy sections. */
  assert_int_equal(t->ie_proxy_system.auto_configuration_url.state,
                   DSREG_VALUE_EMPTY);
  assert_int_equal(t->ie_proxy_user.proxy_server_list.state, DSREG_VALUE_EMPTY);
  assert_true(dsreg_value_yes(&t->ie_proxy_system.auto_detect_settings));
  assert_int_equal(t->ie_proxy_system.auto_detect_settings.field->line, 55);
  assert_int_equal(t->ie_proxy_user.auto_detect_settings.field->line, 73);
}

static void test_key_outside_section_and_wrap(void **state) {
  (void)state;
  parse_fixture(
      "fixtures/corpus/"
      "05_domainjoined_server2022_elevated_scp_missing_0x801c001d.txt",
      check_corpus05);
}

static void check_corpus11(const dsreg_capture *c) {
  const dsreg_typed *t = &c->typed;
  const dsreg_value *v = &t->tenant_details.mdm_compliance_url;
  assert_text_value(
      v, DSREG_VALUE_OK,
      "https://portal.manage-beta.microsoft.com/?portalAction=Compliance");
  assert_string_equal(v->field->key, "dmComplianceUrl");
  assert_int_equal(v->field->line, 20);
  assert_int_equal(v->field->flags, DSREG_FIELD_OLD_LAYOUT);
  assert_true(dsreg_field_def_at((size_t)v->field->known)->is_alias);
  /* The rest of the old `Key: value` layout. */
  assert_true(dsreg_value_yes(&t->device_state.azure_ad_joined));
  assert_int_equal(t->device_state.azure_ad_joined.field->flags,
                   DSREG_FIELD_OLD_LAYOUT);
  assert_text_value(&t->diagnostic_data.key_sign_test, DSREG_VALUE_OK,
                    "MUST Run elevated to test.");
  assert_text_value(&t->user_state.wam_default_authority, DSREG_VALUE_OK,
                    "organizations");
}

static void test_mdm_compliance_url_alias(void **state) {
  (void)state;
  parse_fixture("fixtures/corpus/"
                "11_docs_oldformat_hybrid_joined_device_and_user_state_partial."
                "txt",
                check_corpus11);
}

static void check_repeated_key(const dsreg_capture *c) {
  /* The later value wins, and a note names the first line. */
  assert_true(dsreg_value_no(&c->typed.device_state.domain_joined));
  assert_int_equal(c->typed.device_state.domain_joined.field->line, 5);
  assert_int_equal(c->fields[0].occurrence, 1);
  assert_int_equal(c->fields[1].occurrence, 2);
  assert_true(has_note(c, 5,
                       "DomainJoined printed again (first on line 4); this "
                       "value is used"));
}

static void test_repeated_key(void **state) {
  (void)state;
  static const char text[] = "+-----+\n| Device State |\n+-----+\n"
                             "  DomainJoined : YES\n"
                             "  DomainJoined : NO\n";
  parse_bytes(text, sizeof text - 1, check_repeated_key);
}

static void check_invalid_note(const dsreg_capture *c) {
  assert_int_equal(c->typed.device_state.azure_ad_joined.state,
                   DSREG_VALUE_INVALID);
  assert_true(has_note(c, 4,
                       "AzureAdJoined: 'MAYBE' is not YES or NO; kept "
                       "as text"));
}

static void test_invalid_value_note(void **state) {
  (void)state;
  static const char text[] = "+-----+\n| Device State |\n+-----+\n"
                             "  AzureAdJoined : MAYBE\n";
  parse_bytes(text, sizeof text - 1, check_invalid_note);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_flag_values),
      cmocka_unit_test(test_flag_spellings),
      cmocka_unit_test(test_guid_values),
      cmocka_unit_test(test_thumbprint_values),
      cmocka_unit_test(test_time_values),
      cmocka_unit_test(test_time_nonexistent_leap_day),
      cmocka_unit_test(test_validity_values),
      cmocka_unit_test(test_hex_values),
      cmocka_unit_test(test_test_values),
      cmocka_unit_test(test_int_values),
      cmocka_unit_test(test_url_and_text_values),
      cmocka_unit_test(test_empty_value_for_every_type),
      cmocka_unit_test(test_value_type_names),
      cmocka_unit_test(test_format_time),
      cmocka_unit_test(test_time_range),
      cmocka_unit_test(test_format_time_round_trip),
      cmocka_unit_test(test_field_table_rows),
      cmocka_unit_test(test_field_def_value),
      cmocka_unit_test(test_section_titles),
      cmocka_unit_test(test_field_index),
      cmocka_unit_test(test_every_member_one_row),
      cmocka_unit_test(test_pre1809_layout),
      cmocka_unit_test(test_work_account_sections),
      cmocka_unit_test(test_ngc_and_sso_tgt_keys),
      cmocka_unit_test(test_prt_diag_after_enterprise_prt),
      cmocka_unit_test(test_prt_diag_after_azure_prt),
      cmocka_unit_test(test_key_outside_section_and_wrap),
      cmocka_unit_test(test_mdm_compliance_url_alias),
      cmocka_unit_test(test_repeated_key),
      cmocka_unit_test(test_invalid_value_note),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
