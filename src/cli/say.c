/*
 * say.c - messages made safe for a terminal (see say.h).
 */
#include "say.h"

#include <stdlib.h>
#include <string.h>

/* Escapes `s` into `b`, keeping each LF as a line end. */
static void safe_lines(dsreg_outbuf *b, const char *s, size_t n) {
  while (n) {
    const char *nl = memchr(s, '\n', n);
    size_t part = nl ? (size_t)(nl - s) : n;
    dsreg_render_terminal_text(b, s, part);
    if (!nl)
      break;
    dsreg_outbuf_put(b, "\n", 1);
    s += part + 1;
    n -= part + 1;
  }
}

static void vsay_buf(dsreg_outbuf *b, const char *fmt, va_list ap) {
  char small[512];
  va_list again;
  va_copy(again, ap);
  int n = vsnprintf(small, sizeof small, fmt, ap);
  if (n < 0) {
    va_end(again);
    return;
  }
  if ((size_t)n < sizeof small) {
    safe_lines(b, small, (size_t)n);
  } else {
    char *big = malloc((size_t)n + 1);
    if (big) {
      vsnprintf(big, (size_t)n + 1, fmt, again);
      safe_lines(b, big, (size_t)n);
      free(big);
    } else {
      safe_lines(b, small, sizeof small - 1); /* better cut than nothing */
    }
  }
  va_end(again);
}

void cli_vsay(FILE *f, const char *fmt, va_list ap) {
  dsreg_outbuf b = {0};
  vsay_buf(&b, fmt, ap);
  if (b.len)
    fwrite(b.data, 1, b.len, f);
  dsreg_outbuf_free(&b);
}

void cli_say(FILE *f, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  cli_vsay(f, fmt, ap);
  va_end(ap);
}

void cli_say_buf(dsreg_outbuf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsay_buf(b, fmt, ap);
  va_end(ap);
}
