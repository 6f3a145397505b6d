/*
 * codepages.h - decode tables of the single-byte code pages (codepages.c).
 *
 * Private to the library.
 */
#ifndef DSREG_CODEPAGES_H
#define DSREG_CODEPAGES_H

#include <stddef.h>
#include <stdint.h>

#include "dsreg/capture.h"

/* Letter classes of a byte, for guessing the page (decode.c). */
enum { DSREG_CP_OTHER = 0, DSREG_CP_LOWER = 1, DSREG_CP_UPPER = 2 };

typedef struct dsreg_codepage {
  dsreg_encoding enc;
  const uint16_t *to_unicode;  /* 128 code points for 0x80..0xFF; U+FFFD
                                  where the page defines none */
  const unsigned char *letter; /* 128 DSREG_CP_* classes */
} dsreg_codepage;

/* The table of a single-byte encoding, NULL for any other. */
const dsreg_codepage *dsreg_codepage_get(dsreg_encoding enc);

/* The byte that encodes code point `c` in `cp`, or -1 when none does. */
int dsreg_codepage_byte(const dsreg_codepage *cp, uint32_t c);

/* UTF-8 that was read as cp1252 or cp850 and written out again as UTF-8
 * ("MÃ¼ller"): when every character of s[0..n) is a byte of one of these
 * pages, some above 0x7F, and those bytes are valid UTF-8, writes them
 * (NUL-terminated) to out and returns the page's name; else NULL.  Plain
 * ASCII is never taken for it. */
const char *dsreg_mojibake(const char *s, size_t n, char *out, size_t size);

#endif
