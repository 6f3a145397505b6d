/*
 * lines.c - the line splitter (see lines.h).
 */
#include "lines.h"

#include <string.h>

#include "utf8.h"

void dsreg_lines_init(dsreg_lines *l, dsreg_line_fn fn, void *ctx) {
  l->fn = fn;
  l->ctx = ctx;
  dsreg_lines_reset(l);
}

void dsreg_lines_reset(dsreg_lines *l) {
  l->len = l->over = 0;
  l->skip_lf = 0;
}

static void append(dsreg_lines *l, const char *s, size_t n) {
  size_t room_left = DSREG_MAX_LINE - l->len;
  size_t take = n < room_left ? n : room_left;
  memcpy(l->buf + l->len, s, take);
  l->len += take;
  l->over += n - take;
}

static int end_line(dsreg_lines *l, const char *s, size_t n) {
  if (l->len == 0 && l->over == 0 && n <= DSREG_MAX_LINE)
    return l->fn(l->ctx, s, n, 0); /* the common case: no copy */
  append(l, s, n);
  /* A line kept at the limit is cut back to a character boundary. */
  size_t len = l->over ? dsreg_utf8_cut(l->buf, l->len) : l->len;
  size_t over = l->over + (l->len - len);
  l->len = l->over = 0;
  return l->fn(l->ctx, l->buf, len, over);
}

int dsreg_lines_feed(void *ctx, const char *s, size_t n) {
  dsreg_lines *l = ctx;
  /* Most input has no CR at all: then one search per line will do. */
  int any_cr = memchr(s, '\r', n) != NULL;
  while (n) {
    if (l->skip_lf) {
      l->skip_lf = 0;
      if (*s == '\n') {
        s++;
        n--;
        continue;
      }
    }
    const char *nl = memchr(s, '\n', n);
    size_t seg = nl ? (size_t)(nl - s) : n;
    const char *cr = any_cr && seg ? memchr(s, '\r', seg) : NULL;
    if (cr)
      seg = (size_t)(cr - s);
    else if (!nl) {
      append(l, s, n);
      return 0;
    }
    int rc = end_line(l, s, seg);
    l->skip_lf = cr != NULL;
    s += seg + 1;
    n -= seg + 1;
    if (rc)
      return rc;
  }
  return 0;
}

int dsreg_lines_finish(dsreg_lines *l) {
  return l->len || l->over ? end_line(l, "", 0) : 0;
}
