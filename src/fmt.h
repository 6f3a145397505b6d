/*
 * fmt.h - vsnprintf for the few conversions the library's own texts use.
 *
 * Private to the library.  glibc's vsnprintf costs a few hundred
 * instructions before the first byte and more per byte of a %s; finding
 * messages and report lines are mostly %s and integers.  A format with
 * anything else goes to the C library's vsnprintf, whole.
 */
#ifndef DSREG_FMT_H
#define DSREG_FMT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "dsreg/export.h" /* DSREG_PRINTF */

/* As vsnprintf (C locale): writes at most size - 1 bytes and a NUL (nothing
 * when size is 0; buf may then be NULL) and returns the length of the whole
 * text, or a negative value on an encoding error or a text longer than
 * INT_MAX.  Handled here: %%, %s, %c, and d, u, x, X with the length
 * modifiers none, l, ll and z, where the unsigned ones may have a 0 flag
 * and a width (%08lx).  Any other flag, width, precision or conversion
 * sends the whole format to vsnprintf. */
DSREG_PRINTF(3, 0)
int dsreg_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

/* Writes v in decimal backwards, ending just before `end` (room for 20
 * digits before it), and returns where the digits start: the one digit
 * loop of the writers that put numbers without printf. */
static inline char *dsreg_fmt_decimal(char *end, unsigned long long v) {
  do
    *--end = (char)('0' + v % 10);
  while (v /= 10);
  return end;
}

#endif
