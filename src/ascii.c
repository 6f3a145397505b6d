/*
 * ascii.c - the ASCII helpers of ascii.h.
 */
#include "ascii.h"

#include <string.h>

int dsreg_eq_nocase(const char *s, size_t n, const char *lit) {
  /* Section titles and values differ in their first letter or their length
   * almost always: look there before anything else. */
  if (n == 0 ? lit[0] != '\0'
             : dsreg_ascii_upper((unsigned char)s[0]) !=
                   dsreg_ascii_upper((unsigned char)lit[0]))
    return 0;
  if (strlen(lit) != n)
    return 0;
  for (size_t i = 1; i < n; i++)
    if (dsreg_ascii_upper((unsigned char)s[i]) !=
        dsreg_ascii_upper((unsigned char)lit[i]))
      return 0;
  return 1;
}

bool dsreg_streq_nocase(const char *a, const char *b) {
  return dsreg_eq_nocase(a, strlen(a), b);
}

bool dsreg_starts_nocase(const char *s, const char *prefix) {
  /* A shorter s stops at its NUL, which no prefix character matches. */
  for (; *prefix; s++, prefix++)
    if (dsreg_ascii_lower((unsigned char)*s) !=
        dsreg_ascii_lower((unsigned char)*prefix))
      return false;
  return true;
}

int dsreg_parse_hex32(const char *s, size_t n, uint32_t *out) {
  uint32_t v = 0;
  size_t significant = 0;
  if (n == 0)
    return -1;
  for (size_t i = 0; i < n; i++) {
    int d = dsreg_ascii_hex_digit((unsigned char)s[i]);
    if (d < 0)
      return -1;
    if (significant == 0 && d == 0)
      continue;
    if (++significant > 8)
      return -1;
    v = (v << 4) | (uint32_t)d;
  }
  *out = v;
  return 0;
}
