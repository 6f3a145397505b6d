/*
 * wrap.h - prose wrapped to a width for the text report.
 *
 * Private to the library.  A line breaks only at a space, and not at every
 * space: a command in single quotes ('dsregcmd /debug /leave'), a word that
 * starts with '/' (a switch: dsregcmd /status) and the words around '>' and
 * '|' (redirections, menu paths) stay on one line with their neighbours.
 * URLs, codes (0x801c03f2) and paths hold no space, so nothing breaks them.
 * A piece longer than the line stands alone on it.
 */
#ifndef DSREG_WRAP_H
#define DSREG_WRAP_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

typedef struct dsreg_wrap {
  dsreg_buf *b;
  unsigned width; /* 0: never wrap */
  size_t col;     /* characters on the current line so far */
} dsreg_wrap;

/* Columns of s[0..n): one per UTF-8 character. */
size_t dsreg_text_columns(const char *s, size_t n);

/* Appends s as it is (no line end in it), counting its columns. */
void dsreg_wrap_put(dsreg_wrap *w, const char *s);

/* Appends n spaces. */
void dsreg_wrap_spaces(dsreg_wrap *w, size_t n);

/* Ends the line. */
void dsreg_wrap_newline(dsreg_wrap *w);

/* Appends prose s[0..n), already safe for the terminal, from the current
 * column; a line it breaks continues after `indent` spaces. */
void dsreg_wrap_prose(dsreg_wrap *w, size_t indent, const char *s, size_t n);

/* As dsreg_wrap_prose, for text from a capture or a message: made safe
 * for the terminal first (dsreg_buf_safe_text). */
void dsreg_wrap_text(dsreg_wrap *w, size_t indent, const char *s);

#endif
