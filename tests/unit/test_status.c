/*
 * test_status.c - status messages, encoding names and the version string
 * (dsreg/status.h, dsreg/capture.h, dsreg/version.h).
 *
 * These strings end up in CLI messages and JSON: callers build sentences
 * around them ("error: <message>"), so their shape is part of the contract.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "dsreg/capture.h"
#include "dsreg/status.h"
#include "dsreg/version.h"

static const dsreg_status ALL_STATUS[] = {
    DSREG_OK,       DSREG_ENOMEM,    DSREG_EINVAL, DSREG_ENOCAPTURE,
    DSREG_ESTOPPED, DSREG_EFINISHED, DSREG_EIO,
};
#define N_STATUS (sizeof ALL_STATUS / sizeof ALL_STATUS[0])

static void test_strerror_exact_messages(void **state) {
  (void)state;
  assert_string_equal(dsreg_strerror(DSREG_OK), "success");
  assert_string_equal(dsreg_strerror(DSREG_ENOMEM), "out of memory");
  assert_string_equal(dsreg_strerror(DSREG_EINVAL), "invalid argument");
  assert_string_equal(dsreg_strerror(DSREG_ENOCAPTURE),
                      "no dsregcmd /status output found");
  assert_string_equal(dsreg_strerror(DSREG_ESTOPPED), "stopped by the caller");
  assert_string_equal(dsreg_strerror(DSREG_EFINISHED),
                      "input already finished");
  assert_string_equal(dsreg_strerror(DSREG_EIO), "input/output error");
}

/* The documented shape: non-empty, lower-case first letter, no final full
 * stop, and no two statuses share a message (they would be ambiguous). */
static void test_strerror_shape(void **state) {
  (void)state;
  for (size_t i = 0; i < N_STATUS; i++) {
    const char *m = dsreg_strerror(ALL_STATUS[i]);
    assert_non_null(m);
    size_t n = strlen(m);
    assert_true(n > 0);
    assert_true(m[0] >= 'a' && m[0] <= 'z');
    assert_int_not_equal(m[n - 1], '.');
    assert_string_not_equal(m, "unknown error");
    for (size_t j = 0; j < i; j++)
      assert_string_not_equal(m, dsreg_strerror(ALL_STATUS[j]));
  }
}

/* Failures are negative so that callers can test `< 0`. */
static void test_status_values_are_negative(void **state) {
  (void)state;
  assert_int_equal(DSREG_OK, 0);
  for (size_t i = 1; i < N_STATUS; i++)
    assert_true(ALL_STATUS[i] < 0);
}

static void test_strerror_unknown(void **state) {
  (void)state;
  assert_string_equal(dsreg_strerror((dsreg_status)-7), "unknown error");
  assert_string_equal(dsreg_strerror((dsreg_status)1), "unknown error");
  assert_string_equal(dsreg_strerror((dsreg_status)-1000), "unknown error");
}

static void test_encoding_names(void **state) {
  (void)state;
  assert_string_equal(dsreg_encoding_name(DSREG_ENCODING_UNKNOWN), "unknown");
  assert_string_equal(dsreg_encoding_name(DSREG_ENCODING_UTF8), "utf-8");
  assert_string_equal(dsreg_encoding_name(DSREG_ENCODING_UTF8_BOM),
                      "utf-8-bom");
  assert_string_equal(dsreg_encoding_name(DSREG_ENCODING_UTF16LE_BOM),
                      "utf-16le-bom");
  assert_string_equal(dsreg_encoding_name(DSREG_ENCODING_UTF16BE_BOM),
                      "utf-16be-bom");
  assert_string_equal(dsreg_encoding_name(DSREG_ENCODING_UTF16LE), "utf-16le");
  assert_string_equal(dsreg_encoding_name(DSREG_ENCODING_UTF16BE), "utf-16be");
  /* Out of range must not read past a table. */
  assert_string_equal(dsreg_encoding_name((dsreg_encoding)99), "unknown");
  assert_string_equal(dsreg_encoding_name((dsreg_encoding)-1), "unknown");
}

static void test_version_string(void **state) {
  (void)state;
  assert_string_equal(dsreg_version_string(), DSREG_VERSION_STRING);
  /* The string is made of the three numeric parts. */
  char expect[64];
  snprintf(expect, sizeof expect, "%d.%d.%d", DSREG_VERSION_MAJOR,
           DSREG_VERSION_MINOR, DSREG_VERSION_PATCH);
  assert_string_equal(dsreg_version_string(), expect);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_strerror_exact_messages),
      cmocka_unit_test(test_strerror_shape),
      cmocka_unit_test(test_status_values_are_negative),
      cmocka_unit_test(test_strerror_unknown),
      cmocka_unit_test(test_encoding_names),
      cmocka_unit_test(test_version_string),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
