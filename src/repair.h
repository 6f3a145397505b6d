/*
 * repair.h - pasted-text repairs between the line splitter and the
 * tokenizer (see the comment at the top of repair.c; docs/format.md §2a).
 *
 * Private to the library.  The parser tokenizes each line itself first and
 * hands a line here only when it looks damaged, or while this stage holds
 * lines or removes a prefix (dsreg_repair_busy).  Lines come back through
 * the callback, in input order, with the physical line number they came
 * from and the repairs made to them.
 */
#ifndef DSREG_REPAIR_H
#define DSREG_REPAIR_H

#include <stddef.h>
#include <string.h>

#include "tokenize.h"

#include "dsreg/parser.h"
#include "internal.h"

/* One bit per kind of repair; each kind gets one note per capture. */
typedef enum dsreg_repair_kind {
  DSREG_REPAIR_PREFIX = 0, /* a prefix shared by a block of lines */
  DSREG_REPAIR_BR,         /* lines joined with <br> split back */
  DSREG_REPAIR_ENTITY,     /* HTML entities decoded */
  DSREG_REPAIR_TAG,        /* <p>, <pre>, <code> removed */
  DSREG_REPAIR_SPACE,      /* tabs and U+00A0 read as spaces */
  DSREG_REPAIR_FENCE,      /* a code fence on a line of text */
  DSREG_REPAIR_EMPHASIS,   /* **...** or `...` around a line */
  DSREG_REPAIR_GAP,        /* spaces instead of " : " after a known key */
  DSREG_REPAIR_KIND_COUNT
} dsreg_repair_kind;

#define DSREG_REPAIRED(k) (1u << (k))

/* A line ready for the tokenizer: `repairs` has DSREG_REPAIRED bits,
 * `prefix` names the prefix removed (with DSREG_REPAIR_PREFIX). */
typedef int (*dsreg_repaired_fn)(void *ctx, unsigned long line, const char *s,
                                 size_t n, size_t over, unsigned repairs,
                                 const char *prefix);

/* Lines held to decide a prefix: at most this many, in this many bytes. */
#define DSREG_REPAIR_HOLD_LINES 8
#define DSREG_REPAIR_HOLD_BYTES 65536

typedef struct dsreg_prefix {
  int cls;        /* 0 = none; see repair.c */
  size_t len;     /* bytes to remove */
  unsigned lit;   /* the quote depth, for quotes */
  int structural; /* what follows it is a box, title, field or footer */
} dsreg_prefix;

typedef struct dsreg_held {
  unsigned long line;
  size_t off, len, over;
  unsigned repairs;
  dsreg_prefix pre; /* cls 0: a blank line */
} dsreg_held;

typedef struct dsreg_repair {
  dsreg_repaired_fn fn;
  void *ctx;
  const dsreg_field_index *ix;
  int mode;         /* a prefix is being removed */
  dsreg_prefix cur; /* the prefix held lines share, or being removed */
  size_t nheld, nlines, held_bytes;
  dsreg_held held[DSREG_REPAIR_HOLD_LINES * 2];
  char hold[DSREG_REPAIR_HOLD_BYTES];
  char norm[DSREG_MAX_LINE + 1]; /* entities, tags, spaces */
  char sp[DSREG_MAX_LINE + 1];   /* tabs, no-break spaces */
  char fin[DSREG_MAX_LINE + 8];  /* fences, emphasis, the gap */
} dsreg_repair;

void dsreg_repair_init(dsreg_repair *r, const dsreg_field_index *ix,
                       dsreg_repaired_fn fn, void *ctx);
void dsreg_repair_reset(dsreg_repair *r);

static inline int dsreg_repair_busy(const dsreg_repair *r) {
  return r->mode || r->nheld;
}

/* True when the line `s` (n bytes), tokenized as `t`, may need a repair:
 * the parser hands only such lines to the stage (and every line while the
 * stage is busy), so a clean line costs one look.  `seen_markup`: the
 * stream has shown markup (dsreg_repair_text_markup), without which a
 * field's value is not searched for it. */
int dsreg_repair_damaged_slow(const dsreg_token *t, const char *s, size_t n,
                              int seen_markup);

/* The text holds an HTML entity, a <br> or one of the tags removed. */
int dsreg_repair_markup(const char *s, size_t n);

/* The checks of a field line in the current layout, inline: they run for
 * most lines of every capture. */
static inline int dsreg_repair_field_damaged(const dsreg_token *t,
                                             int seen_markup) {
  const char *v = t->value;
  size_t vn = t->value_len;
  if (vn && (v[vn - 1] == '`' || v[vn - 1] == '*'))
    return 1; /* a fence or emphasis glued to the end */
  if ((t->text[0] == 'R' || t->text[0] == 'r') && t->text_len > 4 &&
      (t->text[1] | 0x20) == 'e' && (t->text[2] | 0x20) == 'm' &&
      t->text[3] == ' ')
    return 1; /* a REM comment prefix */
  return seen_markup && (memchr(v, '&', vn) || memchr(v, '<', vn)) &&
         dsreg_repair_markup(v, vn);
}

static inline int dsreg_repair_damaged(const dsreg_token *t, const char *s,
                                       size_t n, int seen_markup) {
  if (t->kind == DSREG_LINE_FIELD && !t->old_layout)
    return dsreg_repair_field_damaged(t, seen_markup);
  if (t->kind == DSREG_LINE_BLANK || t->kind == DSREG_LINE_RULE)
    return 0; /* nothing to repair in them */
  return dsreg_repair_damaged_slow(t, s, n, seen_markup);
}

/* True when decoded text holds HTML markup, or may at its end. */
int dsreg_repair_text_markup(const char *s, size_t n);

/* One physical line; 0 or the callback's non-zero result. */
int dsreg_repair_line(dsreg_repair *r, unsigned long line, const char *s,
                      size_t n, size_t over);

/* A line of kind `other` that a repair might change (a cheap look at its
 * bytes). */
int dsreg_repair_wanted(const char *s, size_t n);

/* Hands over the lines still held. */
int dsreg_repair_finish(dsreg_repair *r);

#endif
