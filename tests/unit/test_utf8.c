/*
 * test_utf8.c - the UTF-8 helpers (src/utf8.h): one validator for the
 * decoder, the writers and the message formatting.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "utf8.h"

static size_t vlen(const char *s, size_t n) {
  return dsreg_utf8_valid_len((const unsigned char *)s, n);
}

static void test_valid_len(void **state) {
  (void)state;
  assert_int_equal(vlen("a", 1), 1);
  assert_int_equal(vlen("\0", 1), 1);
  assert_int_equal(vlen("\xc3\xa9", 2), 2);         /* é */
  assert_int_equal(vlen("\xe2\x82\xac", 3), 3);     /* € */
  assert_int_equal(vlen("\xf0\x9f\x98\x80", 4), 4); /* U+1F600 */
  assert_int_equal(vlen("\xf4\x8f\xbf\xbf", 4), 4); /* U+10FFFF */
  assert_int_equal(vlen("\xc3\xa9", 1), 0);         /* cut by n */
  assert_int_equal(vlen("\xc0\xaf", 2), 0);         /* overlong */
  assert_int_equal(vlen("\xe0\x80\xaf", 3), 0);     /* overlong */
  assert_int_equal(vlen("\xed\xa0\x80", 3), 0);     /* surrogate */
  assert_int_equal(vlen("\xf4\x90\x80\x80", 4), 0); /* > U+10FFFF */
  assert_int_equal(vlen("\xf5\x80\x80\x80", 4), 0);
  assert_int_equal(vlen("\x80", 1), 0); /* continuation */
  assert_int_equal(vlen("\xe2\x82\x41", 3), 0);
}

static void test_lead_and_cont(void **state) {
  (void)state;
  assert_int_equal(dsreg_utf8_lead_len('a'), 0);
  assert_int_equal(dsreg_utf8_lead_len(0xC1), 0);
  assert_int_equal(dsreg_utf8_lead_len(0xC2), 2);
  assert_int_equal(dsreg_utf8_lead_len(0xEF), 3);
  assert_int_equal(dsreg_utf8_lead_len(0xF4), 4);
  assert_int_equal(dsreg_utf8_lead_len(0xF5), 0);
  assert_false(dsreg_utf8_cont_ok(0xE0, 1, 0x9F));
  assert_true(dsreg_utf8_cont_ok(0xE0, 2, 0x80));
  assert_false(dsreg_utf8_cont_ok(0xED, 1, 0xA0));
  assert_false(dsreg_utf8_cont_ok(0xF0, 1, 0x8F));
  assert_false(dsreg_utf8_cont_ok(0xF4, 1, 0x90));
  assert_false(dsreg_utf8_cont_ok(0xC3, 1, 0xC0));
}

static void test_valid_whole(void **state) {
  (void)state;
  assert_true(dsreg_utf8_valid("", 0));
  assert_true(dsreg_utf8_valid("caf\xc3\xa9 \xe2\x82\xac", 9));
  assert_false(dsreg_utf8_valid("caf\xc3", 4));
  assert_false(dsreg_utf8_valid("\xff", 1));
}

static void test_cut(void **state) {
  (void)state;
  assert_int_equal(dsreg_utf8_cut("abc", 3), 3);
  assert_int_equal(dsreg_utf8_cut("", 0), 0);
  assert_int_equal(dsreg_utf8_cut("a\xc3", 2), 1);
  assert_int_equal(dsreg_utf8_cut("a\xc3\xa9", 3), 3);
  assert_int_equal(dsreg_utf8_cut("a\xe2\x82", 3), 1);
  assert_int_equal(dsreg_utf8_cut("a\xf0\x9f\x98", 4), 1);
  assert_int_equal(dsreg_utf8_cut("a\xf0\x9f\x98\x80", 5), 5);
  /* No lead byte at all: not UTF-8, nothing to protect. */
  assert_int_equal(dsreg_utf8_cut("\x80\x80", 2), 2);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_valid_len),
      cmocka_unit_test(test_lead_and_cont),
      cmocka_unit_test(test_valid_whole),
      cmocka_unit_test(test_cut),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
