/*
 * test_swar.c - the word-at-a-time helpers of src/swar.h against their
 * definitions, byte by byte, on every pattern that can tell them apart; the
 * same file also runs as test_swar_bytewise, on the DSREG_NO_SWAR fallbacks.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "swar.h"

/* Every mix of spaces and one other byte over eight places. */
static void test_spaces(void **state) {
  (void)state;
  static const char other[] = {'x', '\t', '\0', (char)0xA0, '!'};
  for (size_t o = 0; o < sizeof other; o++)
    for (unsigned mask = 0; mask < 256; mask++) {
      char s[8];
      for (unsigned i = 0; i < 8; i++)
        s[i] = (mask >> i) & 1 ? ' ' : other[o];
      unsigned lead = 0, trail = 0;
      while (lead < 8 && s[lead] == ' ')
        lead++;
      while (trail < 8 && s[7 - trail] == ' ')
        trail++;
      assert_int_equal(dsreg_swar_lead_spaces(s), lead);
      assert_int_equal(dsreg_swar_trail_spaces(s), trail);
    }
}

static int plain(unsigned char c) {
  return c >= 0x20 && c != '"' && c != '\\' && c < 0x7F;
}

/* Each byte value at each place among plain ones, and two at a time near
 * the limits of the tests (0x1F/0x20, 0x21/0x22/0x23, 0x5B/0x5C/0x5D,
 * 0x7E/0x7F/0x80). */
static void test_json_plain(void **state) {
  (void)state;
  for (unsigned b = 0; b < 256; b++)
    for (unsigned at = 0; at < 8; at++) {
      unsigned char s[8];
      memset(s, 'a', sizeof s);
      s[at] = (unsigned char)b;
      assert_int_equal(dsreg_swar_json_plain8(s), plain((unsigned char)b));
    }
  static const unsigned char edge[] = {0x1F, 0x20, 0x21, 0x22, 0x23, 0x5B,
                                       0x5C, 0x5D, 0x7E, 0x7F, 0x80, 0x01};
  for (size_t i = 0; i < sizeof edge; i++)
    for (size_t j = 0; j < sizeof edge; j++)
      for (unsigned a = 0; a < 8; a++)
        for (unsigned b = 0; b < 8; b++) {
          unsigned char s[8];
          memset(s, ' ', sizeof s);
          s[a] = edge[i];
          s[b] = edge[j];
          int want = 1;
          for (unsigned k = 0; k < 8; k++)
            want &= plain(s[k]);
          assert_int_equal(dsreg_swar_json_plain8(s), want);
        }
}

/* Four UTF-16 units, in both byte orders, with one unit from a list that
 * differs from ASCII in one bit of either byte, at each place. */
static void test_utf16_ascii(void **state) {
  (void)state;
  static const unsigned units[] = {0x0000, 0x0001, 0x0041, 0x007F,
                                   0x0080, 0x00FF, 0x0100, 0x0141,
                                   0x7F00, 0x8000, 0xD83D, 0xFEFF};
  for (size_t hi = 0; hi < 2; hi++)
    for (size_t u = 0; u < sizeof units / sizeof units[0]; u++)
      for (unsigned at = 0; at < 4; at++) {
        unsigned char in[8];
        unsigned v[4] = {'a', 'b', 'c', 'd'};
        v[at] = units[u];
        for (unsigned k = 0; k < 4; k++) {
          in[2 * k + hi] = (unsigned char)(v[k] >> 8);
          in[2 * k + (1 - hi)] = (unsigned char)(v[k] & 0xFF);
        }
        char out[4] = {0};
        int want = units[u] >= 1 && units[u] <= 0x7F;
        assert_int_equal(dsreg_swar_utf16_ascii4(in, hi, out), want);
        if (want)
          for (unsigned k = 0; k < 4; k++)
            assert_int_equal((unsigned char)out[k], v[k]);
      }
}

/* Eight UTF-16LE units, one from the same list at each place.  Where the
 * word path is built (little-endian), every unit of ASCII takes it and
 * must come out in order; elsewhere the helper always declines. */
static void test_utf16le_ascii8(void **state) {
  (void)state;
  static const unsigned units[] = {0x0000, 0x0001, 0x0041, 0x007F,
                                   0x0080, 0x00FF, 0x0100, 0x0141,
                                   0x7F00, 0x8000, 0xD83D, 0xFEFF};
  for (size_t u = 0; u < sizeof units / sizeof units[0]; u++)
    for (unsigned at = 0; at < 8; at++) {
      unsigned char in[16];
      unsigned v[8] = {'a', 'b', 'c', 'd', 'W', 'X', 'Y', 'Z'};
      v[at] = units[u];
      for (unsigned k = 0; k < 8; k++) {
        in[2 * k + 1] = (unsigned char)(v[k] >> 8);
        in[2 * k] = (unsigned char)(v[k] & 0xFF);
      }
      char out[8] = {0};
      int got = dsreg_swar_utf16le_ascii8(in, out);
#ifdef DSREG_SWAR_LE
      assert_int_equal(got, units[u] >= 1 && units[u] <= 0x7F);
#else
      assert_int_equal(got, 0);
#endif
      if (got)
        for (unsigned k = 0; k < 8; k++)
          assert_int_equal((unsigned char)out[k], v[k]);
      else
        for (unsigned k = 0; k < 8; k++)
          assert_int_equal(out[k], 0);
    }
}

/* The two ASCII questions of the writers, on runs of every length up to
 * 24 with one byte from the edges of each class at every place: the
 * answer must be the byte-by-byte one (DSREG_NO_SWAR builds run the byte
 * loop itself). */
static void test_no_high_and_printable(void **state) {
  (void)state;
  static const unsigned char edge[] = {0x00, 0x01, 0x1F, 0x20, 0x21, 0x41,
                                       0x7E, 0x7F, 0x80, 0xC3, 0xFF};
  for (size_t n = 0; n <= 24; n++)
    for (size_t e = 0; e < sizeof edge; e++)
      for (size_t at = 0; at < (n ? n : 1); at++) {
        char s[24];
        memset(s, 'a', sizeof s);
        if (n)
          s[at] = (char)edge[e];
        int high = 0, printable = 1;
        for (size_t k = 0; k < n; k++) {
          unsigned char c = (unsigned char)s[k];
          high |= c >= 0x80;
          printable &= c >= 0x20 && c < 0x7F;
        }
        assert_int_equal(dsreg_swar_no_high(s, n), !high);
        assert_int_equal(dsreg_swar_printable(s, n), printable);
      }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_spaces),
      cmocka_unit_test(test_json_plain),
      cmocka_unit_test(test_utf16_ascii),
      cmocka_unit_test(test_utf16le_ascii8),
      cmocka_unit_test(test_no_high_and_printable),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
