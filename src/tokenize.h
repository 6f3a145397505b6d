/*
 * tokenize.h - what one line of a capture is.
 *
 * Private to the library.  A pure function of one decoded line (no line
 * terminator): it never allocates, and the token points into the line.
 */
#ifndef DSREG_TOKENIZE_H
#define DSREG_TOKENIZE_H

#include <stddef.h>

typedef enum dsreg_line_kind {
  DSREG_LINE_BLANK = 0, /* empty or only white space */
  DSREG_LINE_RULE,      /* +-----+ */
  DSREG_LINE_TITLE,     /* | Title | */
  DSREG_LINE_FIELD,     /* Key : Value, Key :, Key: value */
  DSREG_LINE_FOOTER,    /* For more information, please visit ... */
  DSREG_LINE_PROMPT,    /* PS C:\> ..., C:\WINDOWS\system32>... */
  DSREG_LINE_PROGRESS,  /* Waiting for Diagnostics Task ... */
  DSREG_LINE_FENCE,     /* ``` from a Markdown copy */
  DSREG_LINE_OTHER      /* none of these */
} dsreg_line_kind;

typedef struct dsreg_token {
  dsreg_line_kind kind;
  const char *text; /* FIELD: key; TITLE: title; else the trimmed line */
  size_t text_len;
  const char *value; /* FIELD only */
  size_t value_len;
  size_t indent;  /* leading white space that was skipped */
  int old_layout; /* FIELD printed as `Key: value` */
} dsreg_token;

void dsreg_tokenize(const char *line, size_t len, dsreg_token *tok);

#endif
