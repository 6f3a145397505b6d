/*
 * text_buf.c - the tests' growable text buffer (see text_buf.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text_buf.h"

void buf_add(buf *b, const void *s, size_t n) {
  if (b->len + n + 1 > b->cap) {
    b->cap = (b->len + n + 1) * 2;
    b->p = realloc(b->p, b->cap);
    assert_non_null(b->p);
  }
  memcpy(b->p + b->len, s, n);
  b->len += n;
  b->p[b->len] = '\0';
}

void buf_str(buf *b, const char *s) { buf_add(b, s, strlen(s)); }

void buf_printf(buf *b, const char *fmt, ...) {
  char tmp[1024];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
  va_end(ap);
  assert_true(n >= 0 && (size_t)n < sizeof tmp);
  buf_add(b, tmp, (size_t)n);
}

buf buf_fixture(const char *rel) {
  char path[1024];
  snprintf(path, sizeof path, "%s/%s", DSREG_SOURCE_DIR, rel);
  FILE *f = fopen(path, "rb");
  assert_non_null(f);
  buf b = {0};
  char tmp[8192];
  size_t n;
  while ((n = fread(tmp, 1, sizeof tmp, f)) > 0)
    buf_add(&b, tmp, n);
  fclose(f);
  assert_true(b.len > 0);
  return b;
}
