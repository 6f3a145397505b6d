/*
 * test_ascii.c - the ASCII helpers (src/ascii.h): case folding that ignores
 * the locale and every non-ASCII byte, and the one hex parser.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "ascii.h"

static void test_classes_and_folding(void **state) {
  (void)state;
  for (int c = 0; c < 256; c++) {
    bool upper = c >= 'A' && c <= 'Z', lower = c >= 'a' && c <= 'z';
    assert_int_equal(dsreg_ascii_is_alpha(c), upper || lower);
    assert_int_equal(dsreg_ascii_is_digit(c), c >= '0' && c <= '9');
    assert_int_equal(dsreg_ascii_lower(c), upper ? c + 32 : c);
    assert_int_equal(dsreg_ascii_upper(c), lower ? c - 32 : c);
  }
  /* (c | 32) would equate these; ASCII case folding does not. */
  assert_int_not_equal(dsreg_ascii_lower('['), dsreg_ascii_lower('{'));
  assert_int_not_equal(dsreg_ascii_lower('@'), dsreg_ascii_lower('`'));
  assert_true(dsreg_ascii_is_space('\v') && dsreg_ascii_is_space('\f'));
  assert_false(dsreg_ascii_is_space(0xA0));
}

static void test_compare_nocase(void **state) {
  (void)state;
  assert_true(dsreg_eq_nocase("Device State", 12, "DEVICE STATE"));
  assert_false(dsreg_eq_nocase("Device State", 11, "DEVICE STATE"));
  assert_true(dsreg_eq_nocase("", 0, ""));
  assert_false(dsreg_eq_nocase("", 0, "x"));
  assert_false(dsreg_eq_nocase("\xc3\xa9", 2, "\xc3\x89")); /* é vs É */
  assert_true(dsreg_streq_nocase("ELEVATED User", "elevated user"));
  assert_false(dsreg_streq_nocase("abc", "abcd"));
  assert_true(dsreg_starts_nocase("AzureAD\\jane", "azuread\\"));
  assert_true(dsreg_starts_nocase("abc", ""));
  assert_false(dsreg_starts_nocase("Azure", "AzureAD\\"));
}

static void test_hex(void **state) {
  (void)state;
  uint32_t v = 7;
  assert_int_equal(dsreg_ascii_hex_digit('0'), 0);
  assert_int_equal(dsreg_ascii_hex_digit('f'), 15);
  assert_int_equal(dsreg_ascii_hex_digit('F'), 15);
  assert_int_equal(dsreg_ascii_hex_digit('g'), -1);
  assert_int_equal(dsreg_ascii_hex_digit(0xC6), -1);

  assert_int_equal(dsreg_parse_hex32("801c03F2", 8, &v), 0);
  assert_int_equal(v, 0x801c03f2u);
  assert_int_equal(dsreg_parse_hex32("ffffffff", 8, &v), 0);
  assert_int_equal(v, 0xffffffffu);
  /* Leading zeros are free, nine significant digits are not. */
  assert_int_equal(dsreg_parse_hex32("0000000001", 10, &v), 0);
  assert_int_equal(v, 1);
  assert_int_equal(dsreg_parse_hex32("0", 1, &v), 0);
  assert_int_equal(v, 0);
  v = 7;
  assert_int_equal(dsreg_parse_hex32("100000000", 9, &v), -1);
  assert_int_equal(dsreg_parse_hex32("", 0, &v), -1);
  assert_int_equal(dsreg_parse_hex32("0x1", 3, &v), -1);
  assert_int_equal(dsreg_parse_hex32("12 ", 3, &v), -1);
  assert_int_equal(dsreg_parse_hex32("-1", 2, &v), -1);
  assert_int_equal(v, 7); /* untouched on failure */
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_classes_and_folding),
      cmocka_unit_test(test_compare_nocase),
      cmocka_unit_test(test_hex),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
