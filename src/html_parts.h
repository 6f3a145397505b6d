/*
 * html_parts.h - what the HTML writer's files share.
 *
 * Private to the library.  The table entry of a device and the fleet
 * charts must agree on what a device's certificate end and PRT age are, so
 * both come from here.
 */
#ifndef DSREG_HTML_PARTS_H
#define DSREG_HTML_PARTS_H

#include <stdbool.h>
#include <stdint.h>

#include "buf.h"
#include "dsreg/html.h"

/* NUL-terminated text through dsreg_render_html_text. */
void dsreg_html_esc(dsreg_buf *b, const char *s);

/* The end of the device certificate of Device Details, as the CSV's
 * cert_valid_to; false when the capture prints none that parses. */
bool dsreg_html_cert_end(const dsreg_capture *cap, int64_t *end_ms);

/* What the page says of the Entra PRT. */
typedef enum html_prt {
  HTML_PRT_FRESH = 0, /* updated < 4 h before the reference time */
  HTML_PRT_DAY,       /* < 1 day */
  HTML_PRT_FORTNIGHT, /* < 14 days */
  HTML_PRT_OLDER,
  HTML_PRT_NONE,    /* no PRT */
  HTML_PRT_UNKNOWN, /* a PRT, but no update time or no usable "now" */
  HTML_PRT_COUNT
} html_prt;

/* The bucket of the capture's PRT, and its age in minutes when known
 * (*age_min = -1 otherwise).  `opt` may be NULL. */
html_prt dsreg_html_prt(const dsreg_capture *cap, const dsreg_analysis *an,
                        const dsreg_html_options *opt, int64_t *age_min);

/* "< 4 h", "< 1 day", ...: the bucket labels of the chart. */
const char *dsreg_html_prt_label(html_prt p);

/* One bar of a chart. */
typedef struct html_bar {
  const char *label; /* any text: escaped */
  unsigned long value;
  const char *cls; /* CSS class of the bar: "error", "ok", ... or NULL */
} html_bar;

/* A horizontal bar chart as inline SVG, with its numbers as a small table
 * beside it: `id` names the figure (a fixed ASCII id), `title` its caption.
 */
void dsreg_html_bar_chart(dsreg_buf *b, const char *id, const char *title,
                          const html_bar *bars, size_t n);

/* The same as columns, for a time line (the certificate months). */
void dsreg_html_column_chart(dsreg_buf *b, const char *id, const char *title,
                             const html_bar *bars, size_t n);

#endif
