/*
 * lines.h - the line splitter: decoded UTF-8 text, in spans of any size, to
 * lines.
 *
 * A line ends at LF, CRLF or a lone CR, also when the CR and the LF arrive
 * in different spans (docs/format.md, section 2).  A line is handed over
 * without its end; one longer than DSREG_MAX_LINE bytes is kept up to the
 * limit, cut back to a whole UTF-8 character, and the number of bytes left
 * out is handed over with it.  Lines that arrive whole in one span are
 * handed over in place, without a copy.
 */
#ifndef DSREG_LINES_H
#define DSREG_LINES_H

#include <stddef.h>

#include "dsreg/parser.h"

/* Called for each line: `over` bytes past the limit were left out.  A
 * non-zero result stops the splitter and is returned by it. */
typedef int (*dsreg_line_fn)(void *ctx, const char *s, size_t n, size_t over);

typedef struct dsreg_lines {
  dsreg_line_fn fn;
  void *ctx;
  size_t len;  /* bytes of the current line kept in buf */
  size_t over; /* bytes of the current line past DSREG_MAX_LINE */
  int skip_lf; /* the last line ended in CR: an LF next is part of it */
  char buf[DSREG_MAX_LINE + 1];
} dsreg_lines;

/* A splitter that hands lines to fn(ctx, ...). */
void dsreg_lines_init(dsreg_lines *l, dsreg_line_fn fn, void *ctx);

/* Forgets a line in progress, for a new stream. */
void dsreg_lines_reset(dsreg_lines *l);

/* Splits the next span; `ctx` is the dsreg_lines (a dsreg_sink_fn for the
 * decoder).  Returns 0 or the line function's non-zero result. */
int dsreg_lines_feed(void *ctx, const char *s, size_t n);

/* Hands over a last line that had no line end; 0 or fn's result. */
int dsreg_lines_finish(dsreg_lines *l);

/* No line is in progress: the next byte starts one. */
static inline int dsreg_lines_idle(const dsreg_lines *l) {
  return l->len == 0 && l->over == 0 && !l->skip_lf;
}

#endif
