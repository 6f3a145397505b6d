/*
 * capture_writer.c - a capture as dsregcmd /status text (see
 * dsreg/capture_writer.h).
 */
#include "dsreg/capture_writer.h"

#include <string.h>

#include "buf.h"

/* dsregcmd's layout: a box 72 columns wide, keys right-aligned in 26. */
#define BOX_INNER 70
#define KEY_WIDTH 26

static void spaces(dsreg_buf *b, size_t n) {
  while (n--)
    dsreg_buf_putc(b, ' ');
}

static void box_rule(dsreg_buf *b) {
  dsreg_buf_putc(b, '+');
  for (int i = 0; i < BOX_INNER; i++)
    dsreg_buf_putc(b, '-');
  dsreg_buf_puts(b, "+\n");
}

static void box(dsreg_buf *b, const dsreg_section *s) {
  box_rule(b);
  dsreg_buf_puts(b, "| ");
  size_t start = b->len;
  dsreg_buf_safe_text(b, s->title, s->title_len);
  size_t shown = b->len - start;
  spaces(b, shown < BOX_INNER - 1 ? BOX_INNER - 1 - shown : 1);
  dsreg_buf_puts(b, "|\n");
  box_rule(b);
  dsreg_buf_putc(b, '\n');
}

/* Text made safe for a terminal, tabs kept: they are blanks in a value
 * (a proxy list), and the capture must parse back to the same. */
static void safe(dsreg_buf *b, const char *s, size_t n) {
  const char *tab;
  while ((tab = memchr(s, '\t', n)) != NULL) {
    size_t k = (size_t)(tab - s);
    dsreg_buf_safe_text(b, s, k);
    dsreg_buf_putc(b, '\t');
    s += k + 1;
    n -= k + 1;
  }
  dsreg_buf_safe_text(b, s, n);
}

static void field(dsreg_buf *b, const dsreg_field *f) {
  if (f->key_len < KEY_WIDTH)
    spaces(b, KEY_WIDTH - f->key_len);
  safe(b, f->key, f->key_len);
  if (f->value_len) {
    dsreg_buf_puts(b, " : ");
    safe(b, f->value, f->value_len);
  } else {
    dsreg_buf_puts(b, " :");
  }
  dsreg_buf_putc(b, '\n');
}

static void other(dsreg_buf *b, const dsreg_line *l) {
  safe(b, l->text, l->len);
  dsreg_buf_putc(b, '\n');
}

/* The fields of section `sec` (all of them when `sec` is SIZE_MAX) and its
 * other lines, merged in the order they were printed. */
static void body(dsreg_buf *b, const dsreg_capture *cap, size_t sec,
                 size_t *next_line) {
  size_t first = 0, count = cap->field_count;
  if (sec != (size_t)-1) {
    first = cap->sections[sec].first_field;
    count = cap->sections[sec].field_count;
    if (first > cap->field_count || count > cap->field_count - first)
      first = count = 0;
  }
  size_t f = first, end = first + count;
  size_t u = *next_line;
  for (;;) {
    while (u < cap->unparsed_count && sec != (size_t)-1 &&
           cap->unparsed[u].section < sec)
      u++; /* of a section not printed: nothing to anchor them to */
    bool line_here = u < cap->unparsed_count &&
                     (sec == (size_t)-1 || cap->unparsed[u].section == sec);
    if (f < end && (!line_here || cap->fields[f].line <= cap->unparsed[u].line))
      field(b, &cap->fields[f++]);
    else if (line_here)
      other(b, &cap->unparsed[u++]);
    else
      break;
  }
  *next_line = u;
}

dsreg_status dsreg_render_capture(dsreg_outbuf *b, const dsreg_capture *cap) {
  size_t u = 0;
  if (!b || !cap)
    return DSREG_EINVAL;
  if (cap->fragment || cap->section_count == 0) {
    /* A fragment had no boxes; boxes would make it another capture. */
    body(b, cap, (size_t)-1, &u);
  } else {
    for (size_t s = 0; s < cap->section_count; s++) {
      box(b, &cap->sections[s]);
      body(b, cap, s, &u);
      dsreg_buf_putc(b, '\n');
    }
  }
  if (cap->has_footer)
    dsreg_buf_puts(b, "For more information, please visit "
                      "https://www.microsoft.com/aadjerrors\n");
  return dsreg_buf_status(b);
}

dsreg_status dsreg_write_capture(FILE *out, const dsreg_capture *cap) {
  if (!out)
    return DSREG_EINVAL;
  dsreg_buf b = {0};
  return dsreg_buf_write_out(&b, dsreg_render_capture(&b, cap), out);
}
