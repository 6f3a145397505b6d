/*
 * buf.h - a growable output buffer with the escaping the writers share.
 *
 * Private to the library.  Writers build a whole record here and write it
 * with one fwrite, which is what makes JSON output cheap.
 */
#ifndef DSREG_BUF_H
#define DSREG_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "dsreg/report.h"
#include "utf8.h" /* the writers escape by its rules */

/* The library's own name for the public output buffer. */
typedef dsreg_outbuf dsreg_buf;

void dsreg_buf_put(dsreg_buf *b, const char *s, size_t n);
/* Appends n bytes the caller fills in; NULL when out of memory. */
char *dsreg_buf_append(dsreg_buf *b, size_t n);
void dsreg_buf_puts(dsreg_buf *b, const char *s);
void dsreg_buf_putc_slow(dsreg_buf *b, char c);
/* One byte: inline, as the writers put a quote, a comma or a colon around
 * every value; reserve() (in buf.c) keeps room for a NUL after len. */
static inline void dsreg_buf_putc(dsreg_buf *b, char c) {
  if (b->len + 2 <= b->cap && !b->oom)
    b->data[b->len++] = c;
  else
    dsreg_buf_putc_slow(b, c);
}
DSREG_PRINTF(2, 3)
void dsreg_buf_printf(dsreg_buf *b, const char *fmt, ...);

/* Appends a number in decimal, without printf. */
void dsreg_buf_ulong(dsreg_buf *b, unsigned long long v);
void dsreg_buf_long(dsreg_buf *b, long long v);

/* Appends s[0..n) as a JSON string literal, quotes included: jq's escapes,
 * C1 controls and DEL as \u00XX, invalid UTF-8 as U+FFFD. */
void dsreg_buf_json_str(dsreg_buf *b, const char *s, size_t n);

/* Appends s[0..n) for a terminal: C0, C1 and DEL controls as \xNN (tab as
 * \t), invalid UTF-8 as U+FFFD, everything else as is.  The bidi controls
 * (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069) and the separators
 * U+2028 and U+2029 show as \uNNNN: like \xNN for C1, the code point in
 * lower-case hex, four digits as these code points need. */
void dsreg_buf_safe_text(dsreg_buf *b, const char *s, size_t n);

/* vsnprintf / snprintf into buf[size] (size >= 1) that, when the text does
 * not fit, cuts it at the end of the last whole UTF-8 character instead of
 * inside one.  Every message with capture text in it is written with
 * these.  Return the length written. */
DSREG_PRINTF(3, 0)
size_t dsreg_vfit(char *buf, size_t size, const char *fmt, va_list ap);
DSREG_PRINTF(3, 4)
size_t dsreg_fit(char *buf, size_t size, const char *fmt, ...);

/* The public writers' ending, after rendering into `b` returned
 * `rendered`: that status when it is not DSREG_OK; else DSREG_ENOMEM when
 * the buffer ran out of memory (nothing is written: no half record),
 * DSREG_EIO when the write was short or the stream has its error flag set
 * (errno as the C library left it), else DSREG_OK.  Frees the buffer. */
dsreg_status dsreg_buf_write_out(dsreg_buf *b, dsreg_status rendered,
                                 FILE *out);

/* DSREG_ENOMEM when the buffer ran out of memory, else DSREG_OK. */
static inline dsreg_status dsreg_buf_status(const dsreg_buf *b) {
  return b->oom ? DSREG_ENOMEM : DSREG_OK;
}

void dsreg_buf_free(dsreg_buf *b);

/* "capture N (lines A-B, ENCODING": where a capture is, as the text and
 * Markdown reports open it (each closes the parenthesis its own way). */
void dsreg_buf_capture_where(dsreg_buf *b, const dsreg_capture *cap);

/* Appends a string literal, its length known at compile time. */
#define PUT(b, lit) dsreg_buf_put(b, lit, sizeof(lit) - 1)

/* A severity as the text, Markdown and --diff reports print it before a
 * finding: ERROR, WARNING or INFO. */
static inline const char *dsreg_severity_label(dsreg_severity s) {
  return s == DSREG_SEVERITY_ERROR     ? "ERROR"
         : s == DSREG_SEVERITY_WARNING ? "WARNING"
                                       : "INFO";
}

#endif
