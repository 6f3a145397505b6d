/*
 * utf8.h - UTF-8 validation, cutting on a character boundary, and
 * encoding a code point.
 *
 * Private to the library.  One definition of valid UTF-8 for the decoder,
 * the writers and the message formatting: shortest form only, no
 * surrogates (U+D800-U+DFFF), nothing above U+10FFFF (RFC 3629 §4).
 */
#ifndef DSREG_UTF8_H
#define DSREG_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Length (2..4) of the sequence the byte `lead` opens; 0 when it opens none:
 * ASCII, continuation bytes, the overlong leads C0/C1 and F5..FF. */
size_t dsreg_utf8_lead_len(unsigned char lead);

/* Whether `b` may stand at position k (1..3) of a sequence led by `lead`.
 * The second-byte ranges exclude overlongs, surrogates and > U+10FFFF, so
 * a decoder fed one byte at a time can reject a sequence at its first bad
 * byte. */
bool dsreg_utf8_cont_ok(unsigned char lead, size_t k, unsigned char b);

/* Length of the valid UTF-8 sequence at s (1..4), or 0 when invalid or cut
 * short by n.  n >= 1; an ASCII byte (NUL included) is 1. */
size_t dsreg_utf8_valid_len(const unsigned char *s, size_t n);

/* True when all of s[0..n) is valid UTF-8. */
bool dsreg_utf8_valid(const char *s, size_t n);

/* Length of s[0..n) without the UTF-8 sequence its end cuts short, if any:
 * the place to cut a string that must stay valid UTF-8. */
size_t dsreg_utf8_cut(const char *s, size_t n);

/* Writes code point `cp` (at most U+10FFFF, no surrogate) as UTF-8 at o
 * (room for 4 bytes); returns the bytes written.  Inline: the decoder
 * calls it for every character of UTF-16 and code-page input. */
static inline size_t dsreg_utf8_put(char *o, uint32_t cp) {
  if (cp < 0x80) {
    o[0] = (char)cp;
    return 1;
  }
  if (cp < 0x800) {
    o[0] = (char)(0xC0 | (cp >> 6));
    o[1] = (char)(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    o[0] = (char)(0xE0 | (cp >> 12));
    o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
  }
  o[0] = (char)(0xF0 | (cp >> 18));
  o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
  o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
  o[3] = (char)(0x80 | (cp & 0x3F));
  return 4;
}

#endif
