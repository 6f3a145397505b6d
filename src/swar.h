/*
 * swar.h - word-at-a-time helpers ("SIMD within a register") for the scans
 * that run on every byte: eight bytes are loaded into a uint64_t and tested
 * at once.  Portable C: the word paths need a machine known to be
 * little-endian (and, for the bit counts, GCC or Clang builtins); every
 * helper has a byte-at-a-time fallback that gives the same answer, which
 * DSREG_NO_SWAR forces so that the tests can run both (bench/README.md).
 */
#ifndef DSREG_SWAR_H
#define DSREG_SWAR_H

#include <stdint.h>
#include <string.h>

#if !defined(DSREG_NO_SWAR) && defined(__BYTE_ORDER__) &&                      \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define DSREG_SWAR_LE 1
#if defined(__GNUC__)
#define DSREG_SWAR_BITS 1 /* __builtin_ctzll / __builtin_clzll */
#endif
#endif

/* How many of the 8 bytes at s, from the first, are spaces (0..8). */
static inline unsigned dsreg_swar_lead_spaces(const char *s) {
#ifdef DSREG_SWAR_BITS
  uint64_t v;
  memcpy(&v, s, 8);
  v ^= 0x2020202020202020u;
  return v ? (unsigned)__builtin_ctzll(v) / 8 : 8;
#else
  unsigned i = 0;
  while (i < 8 && s[i] == ' ')
    i++;
  return i;
#endif
}

/* How many of the 8 bytes at s, from the last, are spaces (0..8). */
static inline unsigned dsreg_swar_trail_spaces(const char *s) {
#ifdef DSREG_SWAR_BITS
  uint64_t v;
  memcpy(&v, s, 8);
  v ^= 0x2020202020202020u;
  return v ? (unsigned)__builtin_clzll(v) / 8 : 8;
#else
  unsigned i = 0;
  while (i < 8 && s[7 - i] == ' ')
    i++;
  return i;
#endif
}

/* When the 8 bytes at u are four UTF-16 units of U+0001..U+007F in the
 * byte order whose zero byte is at offset `hi` of each unit (1 for LE, 0
 * for BE), writes them as four bytes to out and returns 1; else 0. */
static inline int dsreg_swar_utf16_ascii4(const unsigned char *u, size_t hi,
                                          char *out) {
#ifdef DSREG_SWAR_LE
  if (hi == 1) {
    uint64_t w;
    memcpy(&w, u, 8);
    /* high bytes zero and no 0x80 bit; then, lanes being 0..0x7F, adding
     * 0x7F sets bit 7 of each lane that is not zero */
    if ((w & 0xFF80FF80FF80FF80u) != 0 ||
        ((w + 0x007F007F007F007Fu) & 0x0080008000800080u) !=
            0x0080008000800080u)
      return 0;
    uint64_t y = (w | (w >> 8)) & 0x0000FFFF0000FFFFu;
    uint32_t z = (uint32_t)(y | (y >> 16));
    memcpy(out, &z, 4);
    return 1;
  }
#endif
  const size_t lo = 1 - hi;
  unsigned char c0 = u[lo], c1 = u[lo + 2], c2 = u[lo + 4], c3 = u[lo + 6];
  if ((u[hi] | u[hi + 2] | u[hi + 4] | u[hi + 6] |
       ((c0 | c1 | c2 | c3) & 0x80)) != 0 ||
      !c0 || !c1 || !c2 || !c3)
    return 0;
  out[0] = (char)c0, out[1] = (char)c1, out[2] = (char)c2, out[3] = (char)c3;
  return 1;
}

/* dsreg_swar_utf16_ascii4 for eight UTF-16LE units (16 bytes) at once,
 * with one test for both words: 1 when all eight are U+0001..U+007F and
 * written to out as 8 bytes; else 0 and nothing is written.  Little-endian
 * machines only (DSREG_SWAR_LE); elsewhere it always says 0 and the caller
 * goes on four units at a time. */
static inline int dsreg_swar_utf16le_ascii8(const unsigned char *u, char *out) {
#ifdef DSREG_SWAR_LE
  const uint64_t bad = 0xFF80FF80FF80FF80u, k = 0x007F007F007F007Fu,
                 set = 0x0080008000800080u;
  uint64_t w0, w1;
  memcpy(&w0, u, 8);
  memcpy(&w1, u + 8, 8);
  if (((w0 | w1) & bad) != 0 || ((w0 + k) & (w1 + k) & set) != set)
    return 0;
  uint64_t y0 = (w0 | (w0 >> 8)) & 0x0000FFFF0000FFFFu;
  uint64_t y1 = (w1 | (w1 >> 8)) & 0x0000FFFF0000FFFFu;
  uint64_t z = ((y0 | (y0 >> 16)) & 0xFFFFFFFFu) | ((y1 | (y1 >> 16)) << 32);
  memcpy(out, &z, 8);
  return 1;
#else
  (void)u;
  (void)out;
  return 0;
#endif
}

/* True when none of the 8 bytes at p is NUL or has its high bit set: plain
 * ASCII to the decoder (and to the plan of a big log, src/cli/split.c).
 * Only whether such a byte exists is asked, so this works in either byte
 * order. */
static inline int dsreg_swar_ascii8(const unsigned char *p) {
#if !defined(DSREG_NO_SWAR)
  uint64_t v;
  memcpy(&v, p, sizeof v);
  const uint64_t hi = 0x8080808080808080u;
  const uint64_t lo = 0x0101010101010101u;
  return ((v & hi) | ((v - lo) & ~v & hi)) == 0;
#else
  for (int i = 0; i < 8; i++)
    if (p[i] == 0 || p[i] >= 0x80)
      return 0;
  return 1;
#endif
}

/* The same for the 32 bytes at p, in fewer operations: with no high bit
 * set anywhere, adding 0x7F to a byte sets its high bit exactly when the
 * byte is not NUL, and no lane carries into the next. */
static inline int dsreg_swar_ascii32(const unsigned char *p) {
#if !defined(DSREG_NO_SWAR)
  uint64_t v[4];
  memcpy(v, p, sizeof v);
  const uint64_t hi = 0x8080808080808080u;
  const uint64_t k = 0x7F7F7F7F7F7F7F7Fu;
  uint64_t any_high = v[0] | v[1] | v[2] | v[3];
  uint64_t all_nonzero = (v[0] + k) & (v[1] + k) & (v[2] + k) & (v[3] + k);
  return ((any_high | ~all_nonzero) & hi) == 0;
#else
  return dsreg_swar_ascii8(p) && dsreg_swar_ascii8(p + 8) &&
         dsreg_swar_ascii8(p + 16) && dsreg_swar_ascii8(p + 24);
#endif
}

/* True when no byte of s[0..n) has its top bit set: plain ASCII to the
 * CSV writer's UTF-8 check and the mojibake test.  Eight at a time. */
static inline int dsreg_swar_no_high(const char *s, size_t n) {
  size_t i = 0;
#if !defined(DSREG_NO_SWAR)
  uint64_t any = 0;
  for (; n - i >= 8; i += 8) {
    uint64_t w;
    memcpy(&w, s + i, sizeof w);
    any |= w;
  }
  if (any & 0x8080808080808080u)
    return 0;
#endif
  for (; i < n; i++)
    if ((unsigned char)s[i] >= 0x80)
      return 0;
  return 1;
}

/* True when every byte of s[0..n) is printable ASCII (0x20..0x7E): what
 * the terminal escaping leaves as it is.  Eight at a time: a byte below
 * 0x20 borrows into its top bit, 0x7F carries into it, and one at 0x80 or
 * above has it; only whether such a byte exists is asked, so byte order
 * does not matter (a borrow into the next lane follows a byte that fails
 * anyway). */
static inline int dsreg_swar_printable(const char *s, size_t n) {
  size_t i = 0;
#if !defined(DSREG_NO_SWAR)
  const uint64_t ones = 0x0101010101010101u, high = ones * 0x80;
  for (; n - i >= 8; i += 8) {
    uint64_t x;
    memcpy(&x, s + i, 8);
    if ((x | (x + ones) | (x - ones * 0x20)) & high)
      return 0;
  }
#endif
  for (; i < n; i++)
    if ((unsigned char)s[i] - 0x20u >= 0x5Fu)
      return 0;
  return 1;
}

/* True when none of the 8 bytes at s needs escaping in a JSON string: no
 * control (< 0x20), no '"', no '\\', no DEL and nothing >= 0x80.  Only
 * whether such a byte exists is asked, so the word test works in either
 * byte order: (x - 0x01..) & ~x & 0x80.. is non-zero exactly when a byte of
 * x is zero, and (x - 0x20..) & ~x & 0x80.. when one is below 0x20, once no
 * byte has its top bit set. */
static inline int dsreg_swar_json_plain8(const unsigned char *s) {
#if !defined(DSREG_NO_SWAR)
  const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
  uint64_t x;
  memcpy(&x, s, 8);
  if (x & high)
    return 0;
  uint64_t q = x ^ (ones * '"'), bs = x ^ (ones * '\\'),
           del = x ^ (ones * 0x7F);
  uint64_t bad = ((x - ones * 0x20) & ~x) | ((q - ones) & ~q) |
                 ((bs - ones) & ~bs) | ((del - ones) & ~del);
  return (bad & high) == 0;
#else
  for (int i = 0; i < 8; i++)
    if (s[i] < 0x20 || s[i] == '"' || s[i] == '\\' || s[i] >= 0x7F)
      return 0;
  return 1;
#endif
}

#endif
