/*
 * test_timeconv.c - the time helpers (src/timeconv.h): civil dates, the
 * two parsers, formatting and the saturating difference.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "dsreg/report.h"
#include "dsreg/rules.h"
#include "timeconv.h"

static void test_civil(void **state) {
  (void)state;
  int64_t ms = 1;
  assert_int_equal(dsreg_civil_ms(1970, 1, 1, 0, 0, 0, 0, &ms), 0);
  assert_int_equal(ms, 0);
  assert_int_equal(dsreg_civil_ms(2024, 2, 29, 12, 0, 0, 5, &ms), 0);
  assert_int_equal(ms, 1709208000005LL);
  ms = 1;
  assert_int_equal(dsreg_civil_ms(2023, 2, 29, 0, 0, 0, 0, &ms), -1);
  assert_int_equal(dsreg_civil_ms(1900, 2, 29, 0, 0, 0, 0, &ms), -1);
  assert_int_equal(dsreg_civil_ms(2025, 4, 31, 0, 0, 0, 0, &ms), -1);
  assert_int_equal(dsreg_civil_ms(2025, 1, 1, 0, 0, 60, 0, &ms), -1);
  assert_int_equal(ms, 1);
  assert_int_equal(dsreg_civil_ms(2000, 2, 29, 0, 0, 0, 0, &ms), 0);
}

static void test_parse_time(void **state) {
  (void)state;
  int64_t ms = 0;
  const char *s = "2025-03-09 11:00:00.123456 UTC";
  assert_int_equal(dsreg_parse_time(s, strlen(s), &ms), 0);
  assert_int_equal(ms, 1741518000123LL);
  s = "2025-03-09 11:00:00 UTC";
  assert_int_equal(dsreg_parse_time(s, strlen(s), &ms), 0);
  s = "2025-03-09 11:00:00. UTC";
  assert_int_equal(dsreg_parse_time(s, strlen(s), &ms), -1);
  s = "2025-03-09 11:00:00 GMT";
  assert_int_equal(dsreg_parse_time(s, strlen(s), &ms), -1);
  s = "0000-01-01 00:00:00 UTC"; /* a date, but before 0001 */
  assert_int_equal(dsreg_parse_time(s, strlen(s), &ms), -2);
}

static void test_parse_iso8601(void **state) {
  (void)state;
  int64_t ms = 0;
  assert_int_equal(dsreg_parse_iso8601("2025-03-09T11:00:00Z", &ms), 0);
  assert_int_equal(ms, 1741518000000LL);
  assert_int_equal(dsreg_parse_iso8601("2025-03-09t12:30+01:30", &ms), 0);
  assert_int_equal(ms, 1741518000000LL);
  assert_int_equal(dsreg_parse_iso8601("2025-03-09", &ms), 0);
  assert_int_equal(dsreg_parse_iso8601("2025-03-09T11:00:00Z ", &ms),
                   DSREG_EINVAL);
  assert_int_equal(dsreg_parse_iso8601("2025-3-09", &ms), DSREG_EINVAL);
  assert_int_equal(dsreg_parse_iso8601(NULL, &ms), DSREG_EINVAL);
}

static void test_format(void **state) {
  (void)state;
  char iso[40], day[11], minute[21];
  assert_string_equal(dsreg_format_time(1741518000123LL, iso, sizeof iso),
                      "2025-03-09T11:00:00.123Z");
  assert_string_equal(dsreg_format_day(1741518000123LL, day), "2025-03-09");
  assert_string_equal(dsreg_format_minute(1741518059999LL, minute),
                      "2025-03-09 11:00 UTC");
  /* Before 1970: days round down, not towards zero. */
  assert_string_equal(dsreg_format_time(-1, iso, sizeof iso),
                      "1969-12-31T23:59:59.999Z");
  /* Clamped to the four-digit years. */
  char max[40];
  dsreg_format_time(DSREG_TIME_MAX_MS, max, sizeof max);
  assert_string_equal(dsreg_format_time(INT64_MAX, iso, sizeof iso), max);
  assert_int_equal(strncmp(max, "9999-12-31", 10), 0);
  assert_true(dsreg_time_in_range(0));
  assert_false(dsreg_time_in_range(DSREG_TIME_MAX_MS + 1));
}

static void test_sub(void **state) {
  (void)state;
  assert_int_equal(dsreg_time_sub(10, 3), 7);
  assert_int_equal(dsreg_time_sub(3, 10), -7);
  assert_true(dsreg_time_sub(INT64_MAX, -1) == INT64_MAX);
  assert_true(dsreg_time_sub(INT64_MIN, 1) == INT64_MIN);
  assert_int_equal(3 * DSREG_DAY_MS / DSREG_HOUR_MS, 72);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_civil),         cmocka_unit_test(test_parse_time),
      cmocka_unit_test(test_parse_iso8601), cmocka_unit_test(test_format),
      cmocka_unit_test(test_sub),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
