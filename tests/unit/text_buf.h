/*
 * text_buf.h - a growable, NUL-terminated text buffer for the tests that
 * build inputs (re-encodings, pasted forms) from the fixtures.
 *
 * Every function fails the running cmocka test when memory runs out or a
 * fixture cannot be read, so a test never goes on with half an input.
 */
#ifndef DSREG_TEST_TEXT_BUF_H
#define DSREG_TEST_TEXT_BUF_H

#include <stddef.h>

#include "dsreg/export.h"

typedef struct buf {
  char *p; /* NUL-terminated; NULL until something is added */
  size_t len, cap;
} buf;

/* Appends n bytes. */
void buf_add(buf *b, const void *s, size_t n);

/* Appends a C string. */
void buf_str(buf *b, const char *s);

/* Appends printf output (at most 1023 bytes). */
DSREG_PRINTF(2, 3) void buf_printf(buf *b, const char *fmt, ...);

/* The fixture at DSREG_SOURCE_DIR/rel, whole; it must not be empty.  The
 * caller frees .p. */
buf buf_fixture(const char *rel);

#endif
