/*
 * ascii.h - character classes, case folding and hex digits, ASCII only.
 *
 * Private to the library.  dsregcmd prints its keys, flags and codes in
 * ASCII whatever the locale, and <ctype.h> would make every answer here
 * depend on the caller's locale (and be undefined for negative chars).
 */
#ifndef DSREG_ASCII_H
#define DSREG_ASCII_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

static inline bool dsreg_ascii_is_digit(int c) { return c >= '0' && c <= '9'; }

static inline bool dsreg_ascii_is_alpha(int c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static inline bool dsreg_ascii_is_alnum(int c) {
  return dsreg_ascii_is_digit(c) || dsreg_ascii_is_alpha(c);
}

/* The six characters isspace() gives in the C locale. */
static inline bool dsreg_ascii_is_space(int c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
         c == '\f';
}

static inline int dsreg_ascii_lower(int c) {
  return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

static inline int dsreg_ascii_upper(int c) {
  return c >= 'a' && c <= 'z' ? c - ('a' - 'A') : c;
}

/* Value of a hex digit (either case), -1 for anything else.  Inline: GUIDs
 * and thumbprints check one per character. */
static inline int dsreg_ascii_hex_digit(int c) {
  if (dsreg_ascii_is_digit(c))
    return c - '0';
  c = dsreg_ascii_lower(c);
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  return -1;
}

/* True when s[0..n) equals the NUL-terminated `lit`, ignoring ASCII case. */
int dsreg_eq_nocase(const char *s, size_t n, const char *lit);

/* True when the NUL-terminated a and b are equal, ignoring ASCII case. */
bool dsreg_streq_nocase(const char *a, const char *b);

/* True when the NUL-terminated s starts with `prefix`, ignoring ASCII
 * case. */
bool dsreg_starts_nocase(const char *s, const char *prefix);

/* Parses s[0..n), hex digits only (no "0x", no sign, no spaces), as a
 * 32-bit value: at least one digit, any number of leading zeros, at most 8
 * digits after them.  0 on success; -1 otherwise, *out untouched.  Callers
 * with a stricter format (the field typing wants "0x" and at most 8 digits
 * in all) check it before. */
int dsreg_parse_hex32(const char *s, size_t n, uint32_t *out);

#endif
