/*
 * utf8.c - the UTF-8 helpers of utf8.h.
 */
#include "utf8.h"

size_t dsreg_utf8_lead_len(unsigned char lead) {
  if (lead >= 0xC2 && lead <= 0xDF)
    return 2;
  if (lead >= 0xE0 && lead <= 0xEF)
    return 3;
  if (lead >= 0xF0 && lead <= 0xF4)
    return 4;
  return 0;
}

bool dsreg_utf8_cont_ok(unsigned char lead, size_t k, unsigned char b) {
  if (k == 1) {
    switch (lead) {
    case 0xE0:
      return b >= 0xA0 && b <= 0xBF;
    case 0xED:
      return b >= 0x80 && b <= 0x9F;
    case 0xF0:
      return b >= 0x90 && b <= 0xBF;
    case 0xF4:
      return b >= 0x80 && b <= 0x8F;
    default:
      break;
    }
  }
  return b >= 0x80 && b <= 0xBF;
}

size_t dsreg_utf8_valid_len(const unsigned char *s, size_t n) {
  if (s[0] < 0x80)
    return 1;
  size_t len = dsreg_utf8_lead_len(s[0]);
  if (len == 0 || n < len)
    return 0;
  for (size_t k = 1; k < len; k++)
    if (!dsreg_utf8_cont_ok(s[0], k, s[k]))
      return 0;
  return len;
}

bool dsreg_utf8_valid(const char *s, size_t n) {
  for (size_t i = 0; i < n;) {
    size_t k = dsreg_utf8_valid_len((const unsigned char *)s + i, n - i);
    if (!k)
      return false;
    i += k;
  }
  return true;
}

size_t dsreg_utf8_cut(const char *str, size_t n) {
  const unsigned char *s = (const unsigned char *)str;
  size_t back = 0;
  while (back < n && back < 3 && (s[n - 1 - back] & 0xC0) == 0x80)
    back++;
  if (back == n)
    return n; /* no lead byte: not UTF-8 to begin with */
  unsigned char lead = s[n - 1 - back];
  size_t want = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
  return back + 1 < want ? n - 1 - back : n;
}
