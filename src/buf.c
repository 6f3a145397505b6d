/*
 * buf.c - growable output buffer and escaping.
 */
#include "buf.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "swar.h"

/* Room for n more bytes and a NUL.  Every size is checked before it is
 * computed: a wrapped len + n looked like room, and a doubling that wrapped
 * to 0 never ended.  No object can exceed PTRDIFF_MAX, so larger requests
 * fail here rather than in realloc (where ASan aborts on them). */
static int reserve(dsreg_buf *b, size_t n) {
  if (b->oom)
    return -1;
  if (b->len > (size_t)PTRDIFF_MAX - 1 ||
      n > (size_t)PTRDIFF_MAX - 1 - b->len) {
    b->oom = 1;
    return -1;
  }
  size_t need = b->len + n + 1;
  if (need <= b->cap)
    return 0;
  size_t cap = b->cap ? b->cap : 4096;
  while (cap < need)
    cap = cap > (size_t)PTRDIFF_MAX / 2 ? need : cap * 2;
  char *d = realloc(b->data, cap);
  if (!d) {
    b->oom = 1;
    return -1;
  }
  b->data = d;
  b->cap = cap;
  return 0;
}

char *dsreg_buf_append(dsreg_buf *b, size_t n) {
  if (reserve(b, n))
    return NULL;
  b->len += n;
  return b->data + b->len - n;
}

void dsreg_buf_put(dsreg_buf *b, const char *s, size_t n) {
  if (reserve(b, n))
    return;
  memcpy(b->data + b->len, s, n);
  b->len += n;
}

void dsreg_buf_puts(dsreg_buf *b, const char *s) {
  dsreg_buf_put(b, s, strlen(s));
}

void dsreg_buf_putc_slow(dsreg_buf *b, char c) {
  if (reserve(b, 1))
    return;
  b->data[b->len++] = c;
}

void dsreg_buf_printf(dsreg_buf *b, const char *fmt, ...) {
  va_list ap;
  /* Formatted straight into the free room, which a text nearly always fits:
   * a first vsnprintf(NULL, 0) only to measure costs as much as writing.
   * What a failed or cut attempt leaves after len is not part of b. */
  size_t room = b->data && !b->oom ? b->cap - b->len : 0;
  va_start(ap, fmt);
  int n = dsreg_vsnprintf(room ? b->data + b->len : NULL, room, fmt, ap);
  va_end(ap);
  if (n < 0)
    return;
  if ((size_t)n >= room) {
    if (reserve(b, (size_t)n))
      return;
    va_start(ap, fmt);
    dsreg_vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
  }
  b->len += (size_t)n;
}

void dsreg_buf_ulong(dsreg_buf *b, unsigned long long v) {
  char tmp[24];
  const char *d = dsreg_fmt_decimal(tmp + sizeof tmp, v);
  dsreg_buf_put(b, d, (size_t)(tmp + sizeof tmp - d));
}

void dsreg_buf_long(dsreg_buf *b, long long v) {
  if (v < 0) {
    dsreg_buf_putc(b, '-');
    dsreg_buf_ulong(b, 0ull - (unsigned long long)v);
  } else {
    dsreg_buf_ulong(b, (unsigned long long)v);
  }
}

size_t dsreg_vfit(char *buf, size_t size, const char *fmt, va_list ap) {
  int n = dsreg_vsnprintf(buf, size, fmt, ap);
  if (n < 0) {
    buf[0] = '\0';
    return 0;
  }
  if ((size_t)n < size)
    return (size_t)n;
  size_t len = dsreg_utf8_cut(buf, size - 1);
  buf[len] = '\0';
  return len;
}

size_t dsreg_fit(char *buf, size_t size, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  size_t n = dsreg_vfit(buf, size, fmt, ap);
  va_end(ap);
  return n;
}

/* True for U+0080..U+009F, the C1 controls (C2 80..C2 9F in UTF-8). */
static int is_c1(const unsigned char *s, size_t len) {
  return len == 2 && s[0] == 0xC2 && s[1] < 0xA0;
}

/* The code point of a valid UTF-8 sequence of len bytes. */
static unsigned code_point(const unsigned char *s, size_t len) {
  static const unsigned char lead_mask[] = {0, 0x7F, 0x1F, 0x0F, 0x07};
  unsigned cp = s[0] & lead_mask[len];
  for (size_t i = 1; i < len; i++)
    cp = cp << 6 | (s[i] & 0x3Fu);
  return cp;
}

/* The characters that reorder or break the text around them on a terminal
 * (Trojan Source, CVE-2021-42574): the bidi embeddings, overrides and
 * isolates, the implicit marks, and the line and paragraph separators. */
static int is_bidi_or_separator(unsigned cp) {
  return cp == 0x061C || cp == 0x200E || cp == 0x200F ||
         (cp >= 0x2028 && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

/* Bytes that JSON strings cannot carry as they are: controls, the quote,
 * the backslash, DEL; and bytes >= 0x80, which need checking as UTF-8. */
static const unsigned char JSON_SPECIAL[128] = {
    [0x00] = 1, [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1, [0x05] = 1,
    [0x06] = 1, [0x07] = 1, [0x08] = 1, [0x09] = 1, [0x0A] = 1, [0x0B] = 1,
    [0x0C] = 1, [0x0D] = 1, [0x0E] = 1, [0x0F] = 1, [0x10] = 1, [0x11] = 1,
    [0x12] = 1, [0x13] = 1, [0x14] = 1, [0x15] = 1, [0x16] = 1, [0x17] = 1,
    [0x18] = 1, [0x19] = 1, [0x1A] = 1, [0x1B] = 1, [0x1C] = 1, [0x1D] = 1,
    [0x1E] = 1, [0x1F] = 1, ['"'] = 1,  ['\\'] = 1, [0x7F] = 1,
};
#define JSON_PLAIN(c) ((c) < 0x80 && !JSON_SPECIAL[c])

void dsreg_buf_json_str(dsreg_buf *b, const char *str, size_t n) {
  const unsigned char *s = (const unsigned char *)str;
  size_t i = 0;
  /* Keys and values are short and nearly always plain: room for the
   * plain string with its quotes, then one pass that checks and copies
   * eight bytes at a time; at the first byte that needs escaping the
   * buffer is cut back to what was copied, and the rest goes the long
   * way. */
  char *o = dsreg_buf_append(b, n + 2);
  if (!o)
    return;
  o[0] = '"';
  for (; n - i >= 8 && dsreg_swar_json_plain8(s + i); i += 8)
    memcpy(o + 1 + i, s + i, 8);
  /* the last bytes as the word that ends the string, over some checked
   * already, rather than one at a time */
  if (i < n && n >= 8 && n - i < 8 && dsreg_swar_json_plain8(s + n - 8)) {
    memcpy(o + 1 + n - 8, s + n - 8, 8);
    i = n;
  }
  for (; i < n && JSON_PLAIN(s[i]); i++)
    o[1 + i] = (char)s[i];
  if (i == n) {
    o[n + 1] = '"';
    return;
  }
  b->len -= n + 1 - i; /* the quote and the i bytes copied stay */
  while (i < n) {
    size_t start = i;
    while (n - i >= 8 && dsreg_swar_json_plain8(s + i))
      i += 8;
    while (i < n && JSON_PLAIN(s[i]))
      i++;
    if (i > start)
      dsreg_buf_put(b, (const char *)s + start, i - start);
    if (i >= n)
      break;
    unsigned char c = s[i];
    if (c >= 0x80) {
      size_t len = dsreg_utf8_valid_len(s + i, n - i);
      if (len == 0) {
        dsreg_buf_put(b, "\xEF\xBF\xBD", 3);
        i++;
      } else if (is_c1(s + i, len)) {
        dsreg_buf_printf(b, "\\u%04x", s[i + 1]);
        i += len;
      } else {
        dsreg_buf_put(b, (const char *)s + i, len);
        i += len;
      }
      continue;
    }
    switch (c) {
    case '"':
      dsreg_buf_put(b, "\\\"", 2);
      break;
    case '\\':
      dsreg_buf_put(b, "\\\\", 2);
      break;
    case '\b':
      dsreg_buf_put(b, "\\b", 2);
      break;
    case '\f':
      dsreg_buf_put(b, "\\f", 2);
      break;
    case '\n':
      dsreg_buf_put(b, "\\n", 2);
      break;
    case '\r':
      dsreg_buf_put(b, "\\r", 2);
      break;
    case '\t':
      dsreg_buf_put(b, "\\t", 2);
      break;
    default:
      dsreg_buf_printf(b, "\\u%04x", c);
      break;
    }
    i++;
  }
  dsreg_buf_putc(b, '"');
}

void dsreg_buf_safe_text(dsreg_buf *b, const char *str, size_t n) {
  /* most capture text is printable ASCII, left as it is: one copy */
  if (dsreg_swar_printable(str, n)) {
    dsreg_buf_put(b, str, n);
    return;
  }
  const unsigned char *s = (const unsigned char *)str;
  size_t i = 0;
  while (i < n) {
    unsigned char c = s[i];
    if (c >= 0x20 && c < 0x7F) {
      size_t j = i;
      while (j < n && s[j] >= 0x20 && s[j] < 0x7F)
        j++;
      dsreg_buf_put(b, (const char *)s + i, j - i);
      i = j;
    } else if (c >= 0x80) {
      size_t len = dsreg_utf8_valid_len(s + i, n - i);
      if (len == 0) {
        dsreg_buf_put(b, "\xEF\xBF\xBD", 3);
        i++;
      } else if (is_c1(s + i, len)) {
        dsreg_buf_printf(b, "\\x%02x", s[i + 1]);
        i += len;
      } else if (len >= 2 && is_bidi_or_separator(code_point(s + i, len))) {
        dsreg_buf_printf(b, "\\u%04x", code_point(s + i, len));
        i += len;
      } else {
        dsreg_buf_put(b, (const char *)s + i, len);
        i += len;
      }
    } else {
      if (c == '\t')
        dsreg_buf_put(b, "\\t", 2);
      else
        dsreg_buf_printf(b, "\\x%02x", c);
      i++;
    }
  }
}

dsreg_status dsreg_buf_write_out(dsreg_buf *b, dsreg_status rendered,
                                 FILE *out) {
  dsreg_status st = rendered;
  if (st == DSREG_OK && b->oom)
    st = DSREG_ENOMEM;
  if (st == DSREG_OK && b->len && fwrite(b->data, 1, b->len, out) != b->len)
    st = DSREG_EIO;
  if (st == DSREG_OK && ferror(out))
    st = DSREG_EIO;
  dsreg_buf_free(b);
  return st;
}

void dsreg_outbuf_free(dsreg_outbuf *b) {
  if (b)
    dsreg_buf_free(b);
}

/* The public appenders: refuse what would be undefined, report OOM. */
static dsreg_status checked(const dsreg_outbuf *b, const char *s, size_t n) {
  return !b || (!s && n) ? DSREG_EINVAL : DSREG_OK;
}

dsreg_status dsreg_outbuf_put(dsreg_outbuf *b, const char *s, size_t n) {
  dsreg_status st = checked(b, s, n);
  if (st != DSREG_OK)
    return st;
  dsreg_buf_put(b, s, n);
  return dsreg_buf_status(b);
}

dsreg_status dsreg_render_json_string(dsreg_outbuf *b, const char *s,
                                      size_t n) {
  dsreg_status st = checked(b, s, n);
  if (st != DSREG_OK)
    return st;
  dsreg_buf_json_str(b, s ? s : "", n);
  return dsreg_buf_status(b);
}

dsreg_status dsreg_render_terminal_text(dsreg_outbuf *b, const char *s,
                                        size_t n) {
  dsreg_status st = checked(b, s, n);
  if (st != DSREG_OK)
    return st;
  dsreg_buf_safe_text(b, s ? s : "", n);
  return dsreg_buf_status(b);
}

void dsreg_buf_free(dsreg_buf *b) {
  free(b->data);
  b->data = NULL;
  b->len = b->cap = 0;
}

void dsreg_buf_capture_where(dsreg_buf *b, const dsreg_capture *cap) {
  dsreg_buf_puts(b, "capture ");
  dsreg_buf_ulong(b, cap->index);
  dsreg_buf_puts(b, " (lines ");
  dsreg_buf_ulong(b, cap->line);
  dsreg_buf_putc(b, '-');
  dsreg_buf_ulong(b, cap->end_line);
  dsreg_buf_puts(b, ", ");
  dsreg_buf_puts(b, dsreg_encoding_name(cap->encoding));
}
