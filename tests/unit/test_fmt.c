/*
 * test_fmt.c - dsreg_vsnprintf against the C library's snprintf (C locale),
 * conversion by conversion: the same bytes and the same return value, for
 * every buffer size from 0 to past the text, and formats it hands over.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "fmt.h"

static int ours(char *buf, size_t size, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = dsreg_vsnprintf(buf, size, fmt, ap);
  va_end(ap);
  return n;
}

/* Both into every size 0..len+2, with guard bytes after the size: equal
 * return, equal bytes, nothing written past size. */
#define SAME(fmt, ...)                                                         \
  do {                                                                         \
    char want[512], got[512];                                                  \
    int wn = snprintf(want, sizeof want, fmt, __VA_ARGS__);                    \
    assert_true(wn >= 0 && (size_t)wn < sizeof want - 8);                      \
    for (size_t size = 0; size <= (size_t)wn + 2; size++) {                    \
      memset(want, '#', sizeof want);                                          \
      memset(got, '#', sizeof got);                                            \
      int a = snprintf(size ? want : NULL, size, fmt, __VA_ARGS__);            \
      int b = ours(size ? got : NULL, size, fmt, __VA_ARGS__);                 \
      if (a != b || memcmp(want, got, sizeof want) != 0)                       \
        fail_msg("format \"%s\", size %zu: snprintf %d \"%.*s\", ours %d "     \
                 "\"%.*s\"",                                                   \
                 fmt, size, a, (int)size, want, b, (int)size, got);            \
    }                                                                          \
  } while (0)

static void strings(void **state) {
  (void)state;
  SAME("%s", "");
  SAME("%s", "plain");
  SAME("a%sb", "\xC3\xBC\xE2\x82\xAC");
  SAME("%s%s%s", "one", "", "three");
  SAME("no conversion at all%s", "");
  SAME("100%% of %s", "it");
  SAME("%%%s%%", "x");
  SAME("%c%c", 'a', '\xff');
  SAME("[%c]", ' ');
}

static void signed_numbers(void **state) {
  (void)state;
  const int ints[] = {0, 1, -1, 9, 10, -10, 42, INT_MAX, INT_MIN};
  for (size_t i = 0; i < sizeof ints / sizeof ints[0]; i++)
    SAME("<%d>", ints[i]);
  const long longs[] = {0L, -7L, LONG_MAX, LONG_MIN};
  for (size_t i = 0; i < sizeof longs / sizeof longs[0]; i++)
    SAME("%ld", longs[i]);
  const long long lls[] = {0LL, 123456789012LL, -1LL, LLONG_MAX, LLONG_MIN};
  for (size_t i = 0; i < sizeof lls / sizeof lls[0]; i++)
    SAME("%lld day%s", lls[i], lls[i] == 1 ? "" : "s");
}

static void unsigned_numbers(void **state) {
  (void)state;
  const unsigned us[] = {0u, 1u, 15u, 16u, 255u, 0x801c001du, UINT_MAX};
  for (size_t i = 0; i < sizeof us / sizeof us[0]; i++) {
    SAME("%u", us[i]);
    SAME("%x", us[i]);
    SAME("%X", us[i]);
    SAME("\\u%04x", us[i]);
    SAME("\\x%02x", us[i]);
    SAME("%5u|%3x", us[i], us[i]);
  }
  const unsigned long uls[] = {0ul, 0x801c001dul, ULONG_MAX};
  for (size_t i = 0; i < sizeof uls / sizeof uls[0]; i++) {
    SAME("%lu", uls[i]);
    SAME("0x%08lx (%s)", uls[i], "meaning");
    SAME("%lx", uls[i]);
  }
  const unsigned long long ulls[] = {0ull, ULLONG_MAX};
  for (size_t i = 0; i < sizeof ulls / sizeof ulls[0]; i++) {
    SAME("%llu", ulls[i]);
    SAME("%016llx", ulls[i]);
  }
  const size_t zs[] = {0, 1, 1000, SIZE_MAX};
  for (size_t i = 0; i < sizeof zs / sizeof zs[0]; i++) {
    SAME(" and %zu more", zs[i]);
    SAME("%zx", zs[i]);
  }
  SAME("%064u", 7u); /* the widest width handled here */
}

/* What fmt.c does not do itself goes to vsnprintf whole, even after
 * conversions it would have done. */
static void handed_over(void **state) {
  (void)state;
  SAME("%s %5s", "a", "b");
  SAME("%s %-5s|", "a", "b");
  SAME("%.3s", "abcdef");
  SAME("%s %+d", "x", 5);
  SAME("%05d", -42);
  SAME("%5d", -42);
  SAME("%zd", (ptrdiff_t)-3);
  SAME("%d %e", 1, 2.5);
  SAME("%u %#x", 1u, 255u);
  SAME("%065u", 7u);
  SAME("%s %ls", "x", L"y");
  SAME("%hhu", (unsigned char)200);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(strings),
      cmocka_unit_test(signed_numbers),
      cmocka_unit_test(unsigned_numbers),
      cmocka_unit_test(handed_over),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
