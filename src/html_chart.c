/*
 * html_chart.c - the page's charts, drawn as inline SVG by us.
 *
 * No chart library, no canvas and no style attributes (the CSP allows only
 * the page's own style sheet): shapes with presentation attributes and
 * classes.  Every chart carries its numbers twice: as text in the drawing
 * and as a small table for screen readers and copying.
 */
#include <string.h>

#include "html_parts.h"

#define ROW 20    /* height of one bar's row */
#define LABEL 260 /* width of the label column */
#define PLOT 300  /* width of the longest bar */
#define WIDTH (LABEL + 8 + PLOT + 60)
#define BAR_LIMIT 12 /* bars drawn; the table has them all */

static unsigned long most(const html_bar *bars, size_t n) {
  unsigned long m = 0;
  for (size_t i = 0; i < n; i++)
    if (bars[i].value > m)
      m = bars[i].value;
  return m;
}

static void bar_class(dsreg_buf *b, const html_bar *bar) {
  dsreg_buf_puts(b, bar->cls ? "bar " : "bar");
  if (bar->cls)
    dsreg_buf_puts(b, bar->cls);
}

/* The <title> of a shape: what a pointer shows. */
static void tooltip(dsreg_buf *b, const html_bar *bar) {
  dsreg_buf_puts(b, "<title>");
  dsreg_html_esc(b, bar->label);
  dsreg_buf_printf(b, ": %lu</title>", bar->value);
}

static void open_figure(dsreg_buf *b, const char *id, const char *title, int w,
                        int h) {
  dsreg_buf_printf(b, "<figure class=chart id=\"%s\"><figcaption id=\"%s-t\">",
                   id, id);
  dsreg_html_esc(b, title);
  dsreg_buf_printf(b,
                   "</figcaption>\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
                   "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
                   "role=\"img\" aria-labelledby=\"%s-t\">",
                   w, h, w, h, id);
}

/* The table twin of the drawing, then the end of the figure. */
static void close_figure(dsreg_buf *b, const char *title, const html_bar *bars,
                         size_t n) {
  dsreg_buf_puts(b, "</svg>\n<details><summary>As a table</summary>"
                    "<table class=alt><caption class=muted>");
  dsreg_html_esc(b, title);
  dsreg_buf_puts(b, "</caption>");
  for (size_t i = 0; i < n; i++) {
    dsreg_buf_puts(b, "<tr><th scope=row>");
    dsreg_html_esc(b, bars[i].label);
    dsreg_buf_printf(b, "</th><td>%lu</td></tr>", bars[i].value);
  }
  dsreg_buf_puts(b, "</table></details></figure>\n");
}

void dsreg_html_bar_chart(dsreg_buf *b, const char *id, const char *title,
                          const html_bar *bars, size_t n) {
  unsigned long max = most(bars, n);
  /* Bars past BAR_LIMIT are too small to tell apart: a line says how many
   * more the table holds. */
  size_t drawn = n > BAR_LIMIT ? BAR_LIMIT : n;
  int rows = (int)(drawn ? drawn : 1) + (drawn < n);
  int h = rows * ROW + 4;
  open_figure(b, id, title, WIDTH, h);
  if (n == 0)
    dsreg_buf_printf(b, "<text x=\"%d\" y=\"14\">nothing to show</text>",
                     LABEL + 8);
  dsreg_buf_printf(b, "<line x1=\"%d\" y1=\"0\" x2=\"%d\" y2=\"%d\"/>",
                   LABEL + 4, LABEL + 4, (int)drawn * ROW + 4);
  for (size_t i = 0; i < drawn; i++) {
    int y = (int)i * ROW + 2;
    /* A bar of one item is still seen: at least 2 units wide. */
    int w = max ? (int)((double)bars[i].value * PLOT / (double)max + 0.5) : 0;
    if (bars[i].value && w < 2)
      w = 2;
    dsreg_buf_printf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">", LABEL,
                     y + 13);
    dsreg_html_esc(b, bars[i].label);
    dsreg_buf_printf(b, "</text><rect class=\"");
    bar_class(b, &bars[i]);
    dsreg_buf_printf(b, "\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"14\">",
                     LABEL + 8, y + 1, w);
    tooltip(b, &bars[i]);
    dsreg_buf_printf(b, "</rect><text class=n x=\"%d\" y=\"%d\">%lu</text>\n",
                     LABEL + 12 + w, y + 13, bars[i].value);
  }
  if (drawn < n)
    dsreg_buf_printf(b,
                     "<text class=n x=\"%d\" y=\"%d\">and %zu more: see the "
                     "table</text>\n",
                     LABEL + 8, (int)drawn * ROW + 16, n - drawn);
  close_figure(b, title, bars, n);
}

#define COL 22      /* width of one column */
#define COL_H 120   /* height of the tallest column */
#define COL_TOP 16  /* room for the number above it */
#define COL_FOOT 62 /* room for the label below it */
#define COL_LEFT 34 /* room for the first label, slanting left */

void dsreg_html_column_chart(dsreg_buf *b, const char *id, const char *title,
                             const html_bar *bars, size_t n) {
  unsigned long max = most(bars, n);
  int w = (int)n * COL + COL_LEFT + 4, h = COL_TOP + COL_H + COL_FOOT;
  int base = COL_TOP + COL_H;
  open_figure(b, id, title, w, h);
  dsreg_buf_printf(b, "<line x1=\"0\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>", base, w,
                   base);
  for (size_t i = 0; i < n; i++) {
    int x = (int)i * COL + COL_LEFT;
    int ch = max ? (int)((double)bars[i].value * COL_H / (double)max + 0.5) : 0;
    if (bars[i].value && ch < 2)
      ch = 2;
    dsreg_buf_puts(b, "<rect class=\"");
    bar_class(b, &bars[i]);
    dsreg_buf_printf(b, "\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\">",
                     x + 2, base - ch, COL - 4, ch);
    tooltip(b, &bars[i]);
    dsreg_buf_puts(b, "</rect>");
    if (bars[i].value)
      dsreg_buf_printf(b,
                       "<text class=n x=\"%d\" y=\"%d\" "
                       "text-anchor=\"middle\">%lu</text>",
                       x + COL / 2, base - ch - 3, bars[i].value);
    dsreg_buf_printf(b,
                     "<text transform=\"translate(%d %d) rotate(-60)\" "
                     "text-anchor=\"end\">",
                     x + COL / 2 + 3, base + 10);
    dsreg_html_esc(b, bars[i].label);
    dsreg_buf_puts(b, "</text>\n");
  }
  close_figure(b, title, bars, n);
}
