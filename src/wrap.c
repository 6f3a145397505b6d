/*
 * wrap.c - prose wrapped to a width (wrap.h).
 */
#include "wrap.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "swar.h"
#include "wrap_rules.h"

size_t dsreg_text_columns(const char *s, size_t n) {
  size_t cols = 0;
  for (size_t i = 0; i < n; i++)
    cols += ((unsigned char)s[i] & 0xC0) != 0x80;
  return cols;
}

void dsreg_wrap_put(dsreg_wrap *w, const char *s) {
  size_t n = strlen(s);
  dsreg_buf_put(w->b, s, n);
  w->col += dsreg_text_columns(s, n);
}

void dsreg_wrap_newline(dsreg_wrap *w) {
  dsreg_buf_putc(w->b, '\n');
  w->col = 0;
}

static const char SPACES[] = "                                ";

void dsreg_wrap_spaces(dsreg_wrap *w, size_t n) {
  w->col += n;
  for (size_t k; n; n -= k) {
    k = n < sizeof SPACES - 1 ? n : sizeof SPACES - 1;
    dsreg_buf_put(w->b, SPACES, k);
  }
}

/* Whether a word that starts with c may open a quote, be a joiner or be a
 * cmdlet: most words start otherwise, and are plain words at once. */
static bool may_join(char c) {
  return c == '(' || c == '[' || c == '"' || c == '\'' || c == '>' ||
         c == '|' || (c >= 'A' && c <= 'Z');
}

/* Where the word at s[i] ends, and in *cols its columns: each byte of the
 * prose is looked at once for both.  In ASCII prose a byte is a column. */
static size_t word_end(const char *s, size_t n, size_t i, bool ascii,
                       size_t *cols) {
  size_t c = 0, from = i;
  if (ascii) {
    while (i < n && s[i] != ' ')
      i++;
    *cols = i - from;
    return i;
  }
  for (; i < n && s[i] != ' '; i++)
    c += ((unsigned char)s[i] & 0xC0) != 0x80;
  *cols = c;
  return i;
}

/* What is put is kept as a run of s while it is a copy of s: a piece that
 * follows the one before after a single space of the source extends it, so
 * a line costs one copy, not one per word. */
typedef struct run {
  const char *s;
  size_t from, to;
} run;

static void run_flush(dsreg_wrap *w, run *r) {
  if (r->to > r->from)
    dsreg_buf_put(w->b, r->s + r->from, r->to - r->from);
  r->from = r->to = 0;
}

static void prose(dsreg_wrap *w, size_t indent, const char *s, size_t n,
                  bool ascii) {
  size_t i = 0;
  /* Something before on the line (a label): the first piece needs its
   * space too. */
  bool space = w->col > 0 && w->b->len && w->b->data[w->b->len - 1] != ' ';
  size_t pieces = w->col > indent; /* on the current line, the label too */
  run out = {s, 0, 0};
  /* The word after a piece is scanned to decide whether it joins the
   * piece; the scan is kept for when it starts the next one. */
  size_t ahead_at = n, ahead_end = 0, ahead_cols = 0;
  while (i < n) {
    while (i < n && s[i] == ' ')
      i++;
    if (i == n)
      break;
    /* One piece: words joined while a quote or a short parenthesis is
     * open, within a menu path, after a cmdlet, before a switch, and on
     * both sides of a joiner. */
    size_t start = i, end, len = 0, paren_end = 0, step_end = 0;
    bool in_quote = false, joiner = false, cmdlet = false;
    for (;;) {
      size_t ws = i, cols;
      if (!paren_end && s[i] == '(')
        paren_end = dsreg_wrap_short_paren(s, n, i);
      if (ws == ahead_at) {
        i = ahead_end;
        cols = ahead_cols;
      } else {
        i = word_end(s, n, i, ascii, &cols);
      }
      len += cols;
      if (paren_end && i >= paren_end)
        paren_end = 0;
      joiner = cmdlet = false;
      if (in_quote || may_join(s[ws])) {
        size_t wn = i - ws;
        bool opening = !in_quote && dsreg_wrap_opens_quote(s + ws, wn);
        if (opening)
          in_quote = !dsreg_wrap_closes_quote(s + ws, wn, true);
        else if (in_quote && dsreg_wrap_closes_quote(s + ws, wn, false))
          in_quote = false;
        joiner = dsreg_wrap_is_joiner(s + ws, wn);
        cmdlet = dsreg_wrap_is_cmdlet(s + ws, wn);
        if (joiner && s[ws] == '>') {
          size_t k = dsreg_wrap_next_step(s, n, ws);
          step_end = k > step_end ? k : step_end;
        }
      }
      if (step_end && ws >= step_end)
        step_end = 0;
      end = i;
      size_t next = i;
      while (next < n && s[next] == ' ')
        next++;
      if (next == n)
        break;
      ahead_at = next;
      ahead_end = word_end(s, n, next, ascii, &ahead_cols);
      if (!in_quote && !joiner && !cmdlet && !paren_end && !step_end &&
          s[next] != '/' && !dsreg_wrap_is_joiner(s + next, ahead_end - next))
        break;
      len += next - end; /* the spaces inside the piece */
      i = next;
    }
    /* A piece that fits on no line stays after a lone label: breaking
     * before it would only leave the label alone on its line. */
    if (space && w->width && w->col + 1 + len > w->width && w->col > indent &&
        (indent + len <= w->width || pieces > 1)) {
      run_flush(w, &out);
      dsreg_wrap_newline(w);
      dsreg_wrap_spaces(w, indent); /* at column 0 */
      pieces = 0;
    } else if (space) {
      w->col++;
      if (out.to > out.from && out.to + 1 == start) {
        out.to = end; /* the one space of the source, then the piece */
        w->col += len;
        pieces++;
        i = end;
        continue;
      }
      run_flush(w, &out);
      dsreg_buf_putc(w->b, ' ');
    }
    out.from = start;
    out.to = end;
    w->col += len;
    pieces++;
    space = true;
    i = end;
  }
  run_flush(w, &out);
}

void dsreg_wrap_prose(dsreg_wrap *w, size_t indent, const char *s, size_t n) {
  prose(w, indent, s, n, false);
}

void dsreg_wrap_text(dsreg_wrap *w, size_t indent, const char *s) {
  /* Printable ASCII is what dsreg_buf_safe_text leaves as it is (buf.h),
   * and most prose is that: wrapped from where it lies, with no copy. */
  size_t n = strlen(s);
  if (dsreg_swar_printable(s, n)) {
    if (n)
      prose(w, indent, s, n, true);
    return;
  }
  dsreg_buf safe = {0};
  dsreg_buf_safe_text(&safe, s, n);
  w->b->oom |= safe.oom;
  if (safe.len)
    dsreg_wrap_prose(w, indent, safe.data, safe.len);
  dsreg_buf_free(&safe);
}
