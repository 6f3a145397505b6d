/*
 * html_escape.c - capture text into HTML text, attributes and script data.
 *
 * One function for text and attributes: escaping the quotes in text costs
 * nothing and means a value can never be put in the wrong place.  What is
 * not markup goes through the terminal escaping, so that a device name
 * cannot reorder a line with bidi controls or carry invisible controls into
 * a copied cell either.
 */
#include <stdbool.h>
#include <string.h>

#include "buf.h"
#include "dsreg/html.h"

static const char *entity(unsigned char c) {
  switch (c) {
  case '&':
    return "&amp;";
  case '<':
    return "&lt;";
  case '>':
    return "&gt;";
  case '"':
    return "&quot;";
  case '\'':
    return "&#39;";
  default:
    return NULL;
  }
}

/* Printable ASCII that stands for itself: the run the loop copies whole. */
static bool plain(unsigned char c) {
  return c >= 0x20 && c < 0x7F && c != '&' && c != '<' && c != '>' &&
         c != '"' && c != '\'';
}

void dsreg_render_html_text(dsreg_outbuf *b, const char *str, size_t n) {
  const unsigned char *s = (const unsigned char *)str;
  size_t i = 0;
  while (i < n) {
    size_t j = i;
    while (j < n && plain(s[j]))
      j++;
    if (j > i)
      dsreg_buf_put(b, str + i, j - i);
    if (j >= n)
      break;
    const char *e = entity(s[j]);
    if (e) {
      dsreg_buf_puts(b, e);
      i = j + 1;
      continue;
    }
    /* A control, or the lead of a UTF-8 sequence: the terminal rules. */
    size_t len = s[j] < 0x80 ? 1 : dsreg_utf8_valid_len(s + j, n - j);
    if (len == 0)
      len = 1;
    dsreg_buf_safe_text(b, str + j, len);
    i = j + len;
  }
}

void dsreg_render_script_json_string(dsreg_outbuf *b, const char *s, size_t n) {
  /* A JSON string has these only as literal characters, so each can be
   * swapped for its \u escape without changing the value. */
  dsreg_buf tmp = {0};
  dsreg_buf_json_str(&tmp, s, n);
  if (tmp.oom) {
    b->oom = 1;
    dsreg_buf_free(&tmp);
    return;
  }
  const char *p = tmp.data, *end = tmp.data + tmp.len;
  while (p < end) {
    const char *q = p;
    while (q < end && *q != '<' && *q != '>' && *q != '&' &&
           !(*q == '\xE2' && end - q >= 3 && q[1] == '\x80' &&
             (q[2] == '\xA8' || q[2] == '\xA9')))
      q++;
    dsreg_buf_put(b, p, (size_t)(q - p));
    if (q >= end)
      break;
    if (*q == '<')
      dsreg_buf_puts(b, "\\u003c");
    else if (*q == '>')
      dsreg_buf_puts(b, "\\u003e");
    else if (*q == '&')
      dsreg_buf_puts(b, "\\u0026");
    else {
      dsreg_buf_puts(b, q[2] == '\xA8' ? "\\u2028" : "\\u2029");
      q += 2;
    }
    p = q + 1;
  }
  dsreg_buf_free(&tmp);
}
