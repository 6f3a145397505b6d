/*
 * codes.c - looking codes up in the knowledge base behind dsreg/codes.h:
 * by value, by its text (hex, signed or unsigned decimal, AADSTS/MSIS), in
 * a preferred context.  The rows themselves are in code_table.c, where
 * their order (by context, then code) is what a lookup without a matching
 * context falls back on.
 */
#include "dsreg/codes.h"

#include <string.h>

#include "ascii.h"
#include "code_table.h"

#define CODE_COUNT dsreg_code_table_rows

static const char *const context_names[] = {
    "any",    "discover", "discovery_sub", "auth",          "join",
    "tpm",    "prt",      "network",       "kerberos_join", "whfb",
    "server", "win32",    "mdm",           "autopilot",
};

/* Text rows (AADSTS, MSIS) carry value 0, which "0x0" must not reach. */
static int is_numeric_row(const dsreg_code_info *row) {
  return dsreg_ascii_is_digit((unsigned char)row->code[0]);
}

static const dsreg_code_info *find_value(uint32_t value,
                                         dsreg_code_context prefer) {
  const dsreg_code_info *first = NULL;
  size_t i;

  for (i = 0; i < CODE_COUNT; i++) {
    const dsreg_code_info *row = &dsreg_code_table[i];

    if (!is_numeric_row(row) || row->value != value)
      continue;
    if (prefer != DSREG_CODE_ANY && row->context == prefer)
      return row;
    if (first == NULL)
      first = row;
  }
  return first;
}

static const dsreg_code_info *find_text(const char *s, size_t n,
                                        dsreg_code_context prefer) {
  const dsreg_code_info *first = NULL;
  size_t i;

  for (i = 0; i < CODE_COUNT; i++) {
    const dsreg_code_info *row = &dsreg_code_table[i];

    if (is_numeric_row(row) || !dsreg_eq_nocase(s, n, row->code))
      continue;
    if (prefer != DSREG_CODE_ANY && row->context == prefer)
      return row;
    if (first == NULL)
      first = row;
  }
  return first;
}

/* Parses s[0..n) (n > 0) as decimal; 0 on overflow or a non-digit. */
static int parse_decimal(const char *s, size_t n, uint64_t limit,
                         uint64_t *out) {
  uint64_t v = 0;
  size_t i;

  for (i = 0; i < n; i++) {
    if (!dsreg_ascii_is_digit((unsigned char)s[i]))
      return 0;
    v = v * 10u + (uint64_t)(s[i] - '0');
    if (v > limit)
      return 0;
  }
  *out = v;
  return 1;
}

const dsreg_code_info *dsreg_code_lookup(const char *text, size_t len,
                                         dsreg_code_context prefer) {
  const char *s = text, *end;
  size_t n;
  uint64_t mag = 0; /* set by parse_decimal; gcc -O2 cannot see it */
  uint32_t value;

  if (text == NULL)
    return NULL;
  end = text + len;
  while (s < end && dsreg_ascii_is_space((unsigned char)*s))
    s++;
  while (end > s && dsreg_ascii_is_space((unsigned char)end[-1]))
    end--;

  /* Windows documentation prints HRESULTs as signed 32-bit decimals. */
  if (s < end && *s == '-') {
    s++;
    for (n = 0; s + n < end && dsreg_ascii_is_alnum((unsigned char)s[n]); n++)
      ;
    if (n == 0 || !parse_decimal(s, n, UINT64_C(0x80000000), &mag) || mag == 0)
      return NULL;
    return find_value((uint32_t)(UINT64_C(0x100000000) - mag), prefer);
  }

  /* The code is the leading alphanumeric run, so "AADSTS50126: ..." and
   * "0x801c0021/0x801c000c" yield their first code while "AADSTS501260"
   * stays a different code. */
  for (n = 0; s + n < end && dsreg_ascii_is_alnum((unsigned char)s[n]); n++)
    ;
  if (n == 0)
    return NULL;

  if (n > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    if (dsreg_parse_hex32(s + 2, n - 2, &value))
      return NULL;
    return find_value(value, prefer);
  }
  if (dsreg_ascii_is_digit((unsigned char)s[0])) {
    if (!parse_decimal(s, n, UINT32_MAX, &mag))
      return NULL;
    return find_value((uint32_t)mag, prefer);
  }
  return find_text(s, n, prefer);
}

const dsreg_code_info *dsreg_code_lookup_value(uint32_t value,
                                               dsreg_code_context prefer) {
  return find_value(value, prefer);
}

size_t dsreg_code_count(void) { return CODE_COUNT; }

const dsreg_code_info *dsreg_code_at(size_t i) {
  return i < CODE_COUNT ? &dsreg_code_table[i] : NULL;
}

const char *dsreg_code_context_name(dsreg_code_context ctx) {
  size_t i = (size_t)ctx;

  /* An out-of-range value is a caller bug, but printing it must not crash. */
  if (i >= sizeof context_names / sizeof context_names[0])
    return "unknown";
  return context_names[i];
}
